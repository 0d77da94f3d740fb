"""JSON Lines: fields, a malformed line reported with its number, the other lines still read."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from slant.errors import InputError
from slant.ingest import iter_articles, read_jsonl


def write_lines(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def record(**fields):
    return json.dumps({"text": "The bridge reopened on Sunday after repairs.", **fields})


def test_all_fields(tmp_path):
    path = write_lines(tmp_path / "a.jsonl", [record(
        title="Bridge reopens", url="https://river-news.test/bridge", source="River News",
        author="Dan Oyelaran", published="2026-01-05T10:00:00Z", language="en",
    )])
    [article] = list(read_jsonl(path))
    assert article.text == "The bridge reopened on Sunday after repairs."
    assert article.title == "Bridge reopens"
    assert article.url == "https://river-news.test/bridge"
    assert article.source == "River News"
    assert article.author == "Dan Oyelaran"
    assert article.published == datetime(2026, 1, 5, 10, tzinfo=UTC)
    assert article.language == "en"
    assert article.origin == f"{path}:1"


def test_date_only_published_and_blank_lines(tmp_path):
    path = write_lines(tmp_path / "a.jsonl", ["", record(published="2026-01-05"), "   ", record()])
    articles = list(read_jsonl(path))
    assert [a.published for a in articles] == [datetime(2026, 1, 5), None]
    assert [a.origin for a in articles] == [f"{path}:2", f"{path}:4"]


def test_malformed_line_is_reported_with_its_number_and_the_rest_read(tmp_path):
    path = write_lines(tmp_path / "feed.jsonl", [
        record(title="one"), '{"text": "unterminated', record(title="three"),
    ])
    errors: list[str] = []
    articles = list(iter_articles([str(path)], on_error=lambda e: errors.append(str(e))))
    assert [a.title for a in articles] == ["one", "three"]
    assert len(errors) == 1
    assert errors[0].startswith(f"{path}, line 2: not valid JSON (")


def test_malformed_line_raises_without_a_handler(tmp_path):
    path = write_lines(tmp_path / "feed.jsonl", [record(), "not json"])
    with pytest.raises(InputError, match=r"feed.jsonl, line 2: not valid JSON"):
        list(iter_articles([str(path)]))


@pytest.mark.parametrize("line,problem", [
    ("[1, 2]", "expected a JSON object, got list"),
    ('{"title": "no text"}', 'missing "text"'),
    ('{"text": 42}', 'missing "text"'),
    ('{"text": "   "}', "empty text"),
    ('{"text": "Body.", "title": 7}', '"title" must be a string'),
    ('{"text": "Body.", "published": "last Tuesday"}', '"published" is not an ISO date'),
    ('{"text": "Body.", "published": 20260105}', '"published" must be an ISO date string'),
])
def test_bad_records(tmp_path, line, problem):
    path = write_lines(tmp_path / "b.jsonl", [record(), line])
    results = list(read_jsonl(path))
    assert not isinstance(results[0], InputError)
    assert isinstance(results[1], InputError)
    assert str(results[1]).startswith(f"{path}, line 2: {problem}")


def test_empty_jsonl_file(tmp_path):
    path = tmp_path / "none.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    errors: list[str] = []
    assert list(iter_articles([str(path)], on_error=lambda e: errors.append(str(e)))) == []
    assert errors == [f"{path}: empty text"]


def test_missing_jsonl_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        list(read_jsonl(tmp_path / "absent.jsonl"))
