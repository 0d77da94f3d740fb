"""Full-text search with filters and paging, on both databases."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from store_builders import analysis_a, analysis_b, build

from slant.errors import InputError
from slant.store.search import fts5_query


@pytest.fixture
def filled(store):
    store.save_many([analysis_a(), analysis_b()])
    return store


def _ids(page) -> list[str]:
    return [i.id for i in page.items]


def test_words_and_phrases(filled):
    a, b = analysis_a().article.id, analysis_b().article.id
    assert set(_ids(filled.search("harbour plan"))) == {a, b}
    assert _ids(filled.search("reckless")) == [a]
    assert _ids(filled.search('"second vote"')) == [b]
    assert _ids(filled.search('"vote second"')) == []
    assert filled.search("harbour zebra").total == 0


def test_title_and_snippet(filled):
    page = filled.search("passes")
    assert _ids(page) == [analysis_b().article.id]
    page = filled.search("reckless")
    assert "reckless" in page.items[0].snippet.lower()


def test_operators_in_queries_are_just_words(filled):
    for q in ['AND', 'OR (', 'harbour"', 'NEAR(x y)', '*', "col:val", "-", "'"]:
        filled.search(q)  # never an error


@pytest.mark.parametrize("kw, expect", [
    ({"outlet": "Evening Sample"}, "b"),
    ({"technique": "Name_Calling,Labeling"}, "a"),
    ({"entity": "omar reyes"}, "b"),
    ({"entity": "Council"}, "ab"),
    ({"speaker": "Holt"}, "a"),
    ({"since": datetime(2026, 4, 1, tzinfo=UTC)}, "b"),
    ({"until": datetime(2026, 4, 1, tzinfo=UTC)}, "a"),
    ({"since": datetime(2026, 4, 2, 20, 0, tzinfo=timezone(timedelta(hours=2)))}, "b"),
    ({"technique": "Loaded_Language", "outlet": "Daily Example"}, "a"),
    ({"technique": "Slogans"}, ""),
])
def test_filters(filled, kw, expect):
    ids = {"a": analysis_a().article.id, "b": analysis_b().article.id}
    for q in (None, "harbour"):
        page = filled.search(q, **kw)
        assert set(_ids(page)) == {ids[c] for c in expect}
        assert page.total == len(expect)  # the count query is not the page query


def test_paging_and_order(store):
    base = datetime(2026, 1, 1, tzinfo=UTC)
    saved = []
    for i in range(7):
        saved.append(store.save(build(f"Story number {i} about the lighthouse keeper.",
                                      url=f"https://x.test/{i}", published=base + timedelta(days=i))))
    first = store.search(limit=3)
    assert first.total == 7
    assert _ids(first) == saved[::-1][:3]  # newest first
    pages = [_ids(store.search("lighthouse", limit=3, offset=o)) for o in (0, 3, 6)]
    assert sorted(sum(pages, [])) == sorted(saved)
    assert store.search("lighthouse", limit=3, offset=9).items == []
    with pytest.raises(InputError):
        store.search(limit=0)


def test_fts5_query_quotes_every_term():
    assert fts5_query('border "tax cut" OR x*') == '"border" "tax cut" "OR" "x"'
    assert fts5_query('  " ') is None


# Words touching punctuation outside ASCII: curly and angle quotes, dashes, an ellipsis, a
# no-break space. PostgreSQL's parser used to keep such marks on the word ("holt’").
PUNCTUATED = [
    "Mayor Holt’s “reckless” harbour plan was ‘bold’, aides said…",
    "The council—a body of cowards—voted again; «shameful» said Reyes.",
    "Reyes\u00a0called the vote a „victory“ for the harbour families.",
    "A quiet day: the ferry ran late and nobody wasn’t surprised.",
]
PUNCTUATED_QUERIES = ["Holt", "reckless", "bold", "said", "council", "cowards", "shameful",
                      "Reyes", "victory", "called", "wasn’t", "Holt’s plan", "“reckless harbour”",
                      '"reckless harbour"', "aides", "harbour", "late"]


def _punctuated(store) -> dict[str, list[str]]:
    ids = [store.save(build(text, title=None, url=f"https://news.test/p/{i}"))
           for i, text in enumerate(PUNCTUATED)]
    return {q: sorted(ids.index(i) for i in _ids(store.search(q, limit=50)))
            for q in PUNCTUATED_QUERIES}


EXPECTED_PUNCTUATED = {
    "Holt": [0], "reckless": [0], "bold": [0], "said": [0, 1], "council": [1], "cowards": [1],
    "shameful": [1], "Reyes": [1, 2], "victory": [2], "called": [2], "wasn’t": [3],
    "Holt’s plan": [0], "“reckless harbour”": [0], '"reckless harbour"': [0], "aides": [0],
    "harbour": [0, 2], "late": [3],
}


def test_words_touching_non_ascii_punctuation_are_found(store):
    assert _punctuated(store) == EXPECTED_PUNCTUATED


def test_sqlite_and_postgresql_give_the_same_hits(tmp_path):
    import os

    from test_concurrency import _reset_pg

    from slant.store import open_store

    pg = os.environ.get("SLANT_TEST_PG_URL")
    if not pg:
        pytest.skip("PostgreSQL tests need SLANT_TEST_PG_URL (see scripts/pg-test-cluster)")
    _reset_pg(pg)
    hits = {}
    for url in (f"sqlite:///{tmp_path / 'c.db'}", pg):
        with open_store(url) as s:
            for i, text in enumerate(PUNCTUATED):
                s.save(build(text, title=None, url=f"https://news.test/p/{i}"))
            extra = [analysis_a(), analysis_b()]
            s.save_many(extra)
            # Not compared: possessives ("Holt’s" is the phrase "holt s" in FTS5, and "s" is
            # a stop word PostgreSQL drops), a difference of stop words, not of punctuation.
            queries = [q for q in PUNCTUATED_QUERIES if "’s" not in q]
            hits[url] = {q: sorted(_ids(s.search(q, limit=50)))
                         for q in queries + ["harbour plan", "vote", "families"]}
    sqlite_hits, pg_hits = hits.values()
    assert sqlite_hits == pg_hits
