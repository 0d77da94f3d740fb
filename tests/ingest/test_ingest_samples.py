"""The sample corpus: ten fictional articles, two forms that agree, enough overlap to compare."""

from __future__ import annotations

import re
from collections import defaultdict

from slant.ingest import iter_articles
from slant.samples import _build, sample_articles_dir, sample_corpus_path, sample_paths


def corpus():
    return list(iter_articles([str(sample_corpus_path())]))


def test_corpus_jsonl_is_built_from_the_text_files():
    assert sample_corpus_path().read_text(encoding="utf-8") == _build.render()


def test_ten_articles_of_250_to_450_words_from_several_outlets():
    articles = corpus()
    assert len(articles) == len(sample_paths()) == 10
    for a in articles:
        assert 250 <= len(a.text.split()) <= 450, a.title
        assert a.title and a.url and a.url.startswith("https://") and ".test/" in a.url
        assert a.source and a.author and a.published
    assert len({a.source for a in articles}) >= 4
    assert len({a.id for a in articles}) == 10
    days = sorted(a.published for a in articles)
    assert (days[-1] - days[0]).days >= 7


def test_text_files_and_jsonl_hold_the_same_articles():
    from_files = list(iter_articles([str(sample_articles_dir())]))
    from_jsonl = corpus()
    assert [a.title for a in from_files] == [a.title for a in from_jsonl]
    for f, j in zip(from_files, from_jsonl):
        assert f.text.startswith(f.title + "\n\n")
        assert f.text[len(f.title) + 2 :].rstrip("\n") == j.text


def test_the_same_statements_are_quoted_by_several_outlets():
    def plain(text):
        return re.sub(r"[\u2018\u2019]", "'", text)

    outlets = defaultdict(set)
    for a in corpus():
        for phrase in ("You can't drink lithium", "six hundred good-paying jobs",
                       "lower the water table by several metres within a decade"):
            if phrase in plain(a.text):
                outlets[phrase].add(a.source)
    assert all(len(sources) >= 3 for sources in outlets.values()), dict(outlets)
    assert len(outlets) == 3


def test_several_quote_styles():
    text = "\n".join(a.text for a in corpus())
    for mark in ('"', "\u201c", "\u2018"):
        assert mark in text
