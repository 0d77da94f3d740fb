"""Finding batch inputs, reading rows into articles, cutting partitions (no cluster)."""

from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from batch_fakes import fake_pipeline, make_rows, write_jsonl

from slant.batch import analyze_isolated, find_inputs, partitions, read_items
from slant.errors import InputError
from slant.models import Article


def test_directories_and_globs_in_sorted_order(tmp_path):
    (tmp_path / "sub").mkdir()
    write_jsonl(tmp_path / "b.jsonl", make_rows(1))
    write_jsonl(tmp_path / "sub" / "a.jsonl", make_rows(1))
    (tmp_path / "notes.txt").write_text("not an input")
    assert find_inputs([tmp_path]) == [tmp_path / "b.jsonl", tmp_path / "sub" / "a.jsonl"]
    assert find_inputs([str(tmp_path / "*.jsonl")]) == [tmp_path / "b.jsonl"]
    # The same file twice is read once.
    assert find_inputs([tmp_path / "b.jsonl", str(tmp_path / "b*.jsonl")]) == [tmp_path / "b.jsonl"]


@pytest.mark.parametrize("name", ["missing.jsonl", "*.nothing", "notes.txt"])
def test_inputs_that_name_nothing_readable_are_refused(tmp_path, name):
    (tmp_path / "notes.txt").write_text("not an input")
    with pytest.raises(InputError):
        find_inputs([str(tmp_path / name)])


def test_bad_rows_become_errors_in_place(tmp_path):
    path = tmp_path / "in.jsonl"
    lines = [json.dumps(make_rows(1)[0]), "{not json", json.dumps({"title": "no text"}),
             "", json.dumps(["a", "list"]), json.dumps({"text": "ok text", "published": "soon"})]
    path.write_text("\n".join(lines) + "\n")
    items = list(read_items([path]))
    assert [i.article is not None for i in items] == [True, False, False, False, False]
    assert [i.origin for i in items] == [f"{path}:{n}" for n in (1, 2, 3, 5, 6)]
    assert "not valid JSON" in items[1].error and "text" in items[2].error
    assert "published" in items[4].error


def test_parquet_rows_read_in_batches(tmp_path):
    rows = make_rows(600)
    table = pa.Table.from_pylist([{**r, "extra": 1} for r in rows])
    pq.write_table(table, tmp_path / "in.parquet", row_group_size=100)
    items = list(read_items([tmp_path / "in.parquet"]))
    assert len(items) == 600
    assert items[599].article.title == "Story 599"
    assert items[599].article.id == Article(text=rows[599]["text"], url=rows[599]["url"]).id
    assert items[599].origin.endswith("in.parquet#599")


def test_partitions_are_consecutive_and_digests_stable(tmp_path):
    write_jsonl(tmp_path / "in.jsonl", make_rows(11))
    parts = list(partitions(read_items([tmp_path / "in.jsonl"]), 4))
    assert [(p.index, len(p)) for p in parts] == [(0, 4), (1, 4), (2, 3)]
    again = list(partitions(read_items([tmp_path / "in.jsonl"]), 4))
    assert [p.digest for p in parts] == [p.digest for p in again]
    assert len({p.digest for p in parts}) == 3
    with pytest.raises(InputError):
        next(partitions(iter([]), 0))


def test_a_failing_article_costs_only_itself():
    pipe = fake_pipeline()
    arts = [Article(text=t) for t in ("One very fine day.", "CRASH here", "Two Ann.")]
    out = list(analyze_isolated(pipe, arts))
    assert [(pos, a is not None, type(e).__name__) for pos, a, e in out] == [
        (0, True, "NoneType"), (1, False, "RuntimeError"), (2, True, "NoneType")]
    assert out[2][1].article.id == arts[2].id
