"""SearchQuery: the words, the 11 filters and the page of a search as one record, the same
results as the keyword form, on both databases."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest
from store_builders import analysis_a, analysis_b

from slant.errors import InputError
from slant.store import SearchQuery


@pytest.fixture
def filled(store):
    store.save_many([analysis_a(), analysis_b()])
    return store


QUERIES = [
    SearchQuery(),
    SearchQuery(q="harbour", outlet="evening sample"),
    SearchQuery(q="harbour", technique="loaded_language", voice="all", limit=1, offset=0),
    SearchQuery(entity="Council", since=datetime(2026, 3, 1, tzinfo=UTC),
                until=datetime(2026, 5, 1, tzinfo=UTC)),
    SearchQuery(q="plan", speaker="Holt", story=None, limit=5, offset=1),
]


@pytest.mark.parametrize("query", QUERIES)
def test_a_query_record_finds_what_the_keywords_find(filled, query):
    fields = dataclasses.asdict(query)
    assert filled.search(query) == filled.search(fields.pop("q"), **fields)


def test_the_record_is_frozen_and_names_every_filter():
    names = [f.name for f in dataclasses.fields(SearchQuery)]
    assert names == ["q", "outlet", "since", "until", "technique", "entity", "speaker", "story",
                     "voice", "limit", "offset"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        SearchQuery().q = "x"  # type: ignore[misc]


def test_a_record_and_keywords_together_are_refused(filled):
    with pytest.raises(TypeError, match="not both"):
        filled.search(SearchQuery(q="harbour"), outlet="Daily Example")


@pytest.mark.parametrize("query, message", [
    (SearchQuery(voice="everyone"), "voice"),
    (SearchQuery(limit=0), "limit must be between 1 and 1000"),
    (SearchQuery(offset=-1), "offset must be 0 or more"),
    (SearchQuery(technique="Shouting"), "Shouting"),
])
def test_bad_values_are_input_errors(filled, query, message):
    with pytest.raises(InputError, match=message):
        filled.search(query)
