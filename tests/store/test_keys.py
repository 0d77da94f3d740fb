from __future__ import annotations

import pytest

from slant.models import Article
from slant.store import canonical_url, store_key


@pytest.mark.parametrize("a, b", [
    ("http://www.Example.org/a/?utm_source=x&b=2&a=1#frag", "https://example.org/a?a=1&b=2"),
    ("https://example.org:443/a", "https://example.org/a"),
    ("https://example.org/a?fbclid=123", "https://example.org/a"),
])
def test_same_canonical_url(a, b):
    assert canonical_url(a) == canonical_url(b)


def test_different_urls_stay_different():
    assert canonical_url("https://example.org/a?id=1") != canonical_url("https://example.org/a?id=2")
    assert canonical_url("https://example.org:8080/a") != canonical_url("https://example.org/a")


def test_key_is_url_else_text_hash():
    with_url = Article(text="Some words here.", url="https://example.org/x")
    assert store_key(with_url) == "url:https://example.org/x"
    a = Article(text="Some   words\nhere.")
    b = Article(text="Some words here.")
    assert store_key(a) == store_key(b) and store_key(a).startswith("text:")
    assert store_key(Article(text="Other words.")) != store_key(b)


@pytest.mark.parametrize("kept", ["reference", "refid", "referer_page", "utm", "utmost",
                                  "gclid_article", "page_ref"])
def test_parameters_that_only_start_like_tracking_ones_are_kept(kept):
    a = canonical_url(f"https://news.test/view?{kept}=A1")
    b = canonical_url(f"https://news.test/view?{kept}=B2")
    assert a != b and f"{kept}=A1" in a


@pytest.mark.parametrize("name", ["utm_source", "UTM_Medium", "fbclid", "ref", "mc_eid", "gclid"])
def test_exact_tracking_names_are_dropped(name):
    assert canonical_url(f"https://news.test/view?id=7&{name}=x") == "https://news.test/view?id=7"
