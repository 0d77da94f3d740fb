"""Exports (JSONL, CSV, Parquet, PTC, Label Studio) and the Label Studio import back."""

from __future__ import annotations

import csv
import io
import json

import pytest
from store_builders import analysis_a, analysis_b

from slant.errors import InputError
from slant.store.exports import export, write_csv
from slant.store.labelstudio import label_config, read_export, write_ptc_labels


@pytest.fixture
def analyses():
    return [analysis_a(), analysis_b()]


def test_jsonl_is_the_output_contract(analyses, tmp_path):
    out = tmp_path / "x.jsonl"
    assert export(analyses, "jsonl", out) == 2
    lines = [json.loads(ln) for ln in out.read_text().splitlines()]
    assert lines == [a.to_json_dict() for a in analyses]
    assert "embedding" not in lines[0]


@pytest.mark.parametrize("table, n", [("articles", 2), ("techniques", 3), ("quotes", 2), ("entities", 4)])
def test_csv_tables(analyses, table, n):
    buf = io.StringIO()
    write_csv(analyses, buf, table)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert len(rows) == n
    if table == "articles":
        assert rows[0]["Name_Calling,Labeling"] == "1"
        assert rows[1]["source"] == "Evening Sample"


def test_parquet(analyses, tmp_path):
    import pyarrow.parquet as pq

    out = tmp_path / "t.parquet"
    export(analyses, "parquet", out, table="techniques")
    tab = pq.read_table(out).to_pylist()
    assert [(r["technique"], r["text"]) for r in tab] == \
        [(t.technique, t.text) for a in analyses for t in a.techniques]


def test_ptc_layout_round_trips_offsets(analyses, tmp_path):
    from slant.training.techniques.data import load_ptc

    export(analyses, "ptc", tmp_path / "ptc")
    loaded = {p.id: p for p in load_ptc(tmp_path / "ptc")}
    for a in analyses:
        got = loaded[a.article.id]
        assert got.text == a.article.text
        assert sorted((lb.technique, got.text[lb.start:lb.end]) for lb in got.labels) == \
            sorted((t.technique, t.text) for t in a.techniques)


def test_label_studio_round_trip(analyses, tmp_path):
    from slant.training.techniques.data import load_ptc

    out = tmp_path / "tasks.json"
    export(analyses, "labelstudio", out)
    tasks = json.loads(out.read_text())
    assert tasks[0]["data"]["text"] == analyses[0].article.text
    # A reviewer accepts the first task's predictions minus one, and skips the second.
    kept = tasks[0]["predictions"][0]["result"][:1]
    tasks[0]["annotations"] = [{"id": 1, "result": kept, "was_cancelled": False}]
    tasks[1]["annotations"] = [{"id": 2, "result": [], "was_cancelled": True}]
    reviewed = tmp_path / "export.json"
    reviewed.write_text(json.dumps(tasks))
    report = read_export(reviewed)
    assert [a.id for a in report.articles] == [analyses[0].article.id]
    assert report.skipped == [f"article {analyses[1].article.id}: no annotation"]
    assert write_ptc_labels(report.articles, tmp_path / "train") == 1
    (art,) = load_ptc(tmp_path / "train")
    (lb,) = art.labels
    t = analyses[0].techniques[0]
    assert (lb.technique, lb.start, lb.end) == (t.technique, t.start, t.end)
    assert 'Label value="Loaded_Language"' in label_config()


def test_json_min_export(tmp_path):
    p = tmp_path / "min.json"
    p.write_text(json.dumps([{"id": 7, "text": "Such a cowardly move.",
                              "technique": [{"start": 7, "end": 15, "text": "cowardly",
                                             "labels": ["Loaded_Language"]}]}]))
    (a,) = read_export(p).articles
    assert (a.id, a.spans) == ("7", [(7, 15, "Loaded_Language")])


@pytest.mark.parametrize("content, words", [
    ("{not json", "not a Label Studio JSON export"),
    ('{"a": 1}', "expected a list"),
    (json.dumps([{"data": {"text": "abc"}, "annotations": [{"result": [
        {"type": "labels", "value": {"start": 0, "end": 2, "text": "xy", "labels": ["Doubt"]}}]}]}]),
     "does not match"),
    (json.dumps([{"data": {"text": "abc"}, "annotations": [{"result": [
        {"type": "labels", "value": {"start": 0, "end": 9, "labels": ["Doubt"]}}]}]}]),
     "outside the text"),
    (json.dumps([{"data": {"text": "abc"}, "annotations": [{"result": [
        {"type": "labels", "value": {"start": 0, "end": 2, "labels": ["Sarcasm"]}}]}]}]),
     "unknown technique"),
])
def test_bad_label_studio_exports(tmp_path, content, words):
    p = tmp_path / "bad.json"
    p.write_text(content)
    with pytest.raises(InputError, match=words):
        read_export(p)


def test_export_errors(analyses, tmp_path):
    with pytest.raises(InputError, match="needs --out"):
        export(analyses, "parquet", None)
    with pytest.raises(InputError, match="unknown format"):
        export(analyses, "xml", tmp_path / "x")
    with pytest.raises(InputError, match="unknown table"):
        export(analyses, "csv", tmp_path / "x.csv", table="nope")
