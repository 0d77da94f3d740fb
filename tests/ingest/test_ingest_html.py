"""HTML through trafilatura: main text, title, date, author, site name; no main text refused."""

from __future__ import annotations

from datetime import date

import pytest
from ingest_pages import EMPTY_PAGE_HTML

from slant.errors import InputError
from slant.ingest import read_html


def test_main_text_and_metadata(article_html):
    article = read_html(article_html, url="https://harbour-herald.test/ferry", origin="ferry.html")
    assert "raise its fares for the third time" in article.text
    assert "Nobody on this island can afford another increase" in article.text
    assert "newsletter" not in article.text
    assert "Sport" not in article.text
    assert article.title == "Ferry fares to rise again"
    assert article.author == "Rosa Lindqvist"
    assert article.source == "Harbour Herald"
    assert article.published is not None and article.published.date() == date(2026, 2, 14)
    assert article.url == "https://harbour-herald.test/ferry"
    assert article.origin == "ferry.html"


def test_bytes_use_the_declared_charset(article_html):
    page = article_html.replace('charset="utf-8"', 'charset="iso-8859-1"').replace(
        "Ivo Brandt", "Jürgen Weiß"
    )
    article = read_html(page.encode("iso-8859-1"), origin="ferry.html")
    assert "Jürgen Weiß" in article.text


@pytest.mark.parametrize(
    "page",
    [EMPTY_PAGE_HTML, "<html><body><nav><a href='/'>Home</a></nav></body></html>", "<html></html>"],
)
def test_no_main_text(page):
    with pytest.raises(InputError, match=r"^page.html: no main text found"):
        read_html(page, origin="page.html")


def test_empty_html_bytes():
    with pytest.raises(InputError, match="empty text"):
        read_html(b"  \n", origin="page.html")


def test_binary_html_bytes():
    with pytest.raises(InputError, match="binary file, not text"):
        read_html(b"\x00\x01\x02GIF89a", origin="page.html")
