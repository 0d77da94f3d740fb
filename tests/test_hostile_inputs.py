"""Inputs far larger than an article (the kit in ``hostile_inputs``): 1 MB and 5 MB texts,
the same on a single line, a 5 MB JSON Lines record, a file too large to read. Each ends in
a clear error naming the input, its size and the limit, while the other inputs still run;
the time and memory they cost are printed by ``benchmarks/big_inputs.py``, not asserted."""

from __future__ import annotations

import json

import pytest
from hostile_inputs import MB, SHORT, text, write_cases
from typer.testing import CliRunner

from slant.cli import app
from slant.config import Settings
from slant.errors import InputError
from slant.ingest import MAX_CHARS, iter_articles
from slant.models import Article

runner = CliRunner()


@pytest.fixture(scope="module")
def cases(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    found = write_cases(folder)
    (folder / "short.txt").write_text(SHORT, encoding="utf-8")
    found["short.txt"] = folder / "short.txt"
    return found


@pytest.mark.parametrize("name", ["text-1mb.txt", "text-5mb.txt", "line-1mb.txt", "line-5mb.txt"])
def test_analyze_refuses_an_article_over_the_cap_and_goes_on(cases, name):
    res = runner.invoke(app, ["analyze", str(cases[name]), str(cases["short.txt"]),
                              "--only", "language", "-f", "jsonl"])
    assert res.exit_code == 2
    assert f"{cases[name]}: too long to analyze" in res.stderr
    assert f"over the limit of {MAX_CHARS:,}" in res.stderr and "--max-chars" in res.stderr
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert [r["article"]["title"] for r in rows] == ["Harbour vote"]


def test_the_cap_is_configurable(cases, monkeypatch):
    res = runner.invoke(app, ["analyze", str(cases["line-1mb.txt"]), "--only", "language",
                              "-f", "jsonl", "--max-chars", "0"])
    assert res.exit_code == 0, res.stderr
    assert len(json.loads(res.stdout)["article"]["text"]) == MB
    monkeypatch.setenv("SLANT_MAX_CHARS", "50")
    res = runner.invoke(app, ["analyze", str(cases["short.txt"]), "--only", "language"])
    assert res.exit_code == 2 and "over the limit of 50" in res.stderr


def test_a_5mb_jsonl_record_is_an_error_and_its_neighbours_are_read(cases):
    got, errors = [], []
    for a in iter_articles([str(cases["feed-5mb.jsonl"])], on_error=errors.append):
        got.append(a.title)
    assert got == ["Row 0", "Row 2"]
    (err,) = errors
    assert str(err).startswith(f"{cases['feed-5mb.jsonl']}:2: too long to analyze: 5,242,880")


def test_a_jsonl_file_over_the_file_cap_is_streamed_line_by_line(tmp_path):
    path = tmp_path / "huge.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(json.dumps({"title": "first", "text": SHORT}) + "\n")
        fh.write(json.dumps({"title": "giant", "text": text(12 * MB, single_line=True)}) + "\n")
        fh.write(json.dumps({"title": "last", "text": SHORT}) + "\n")
    errors: list = []
    titles = [a.title for a in iter_articles([str(path)], on_error=errors.append)]
    assert titles == ["first", "last"]
    assert len(errors) == 1 and "line 2" in str(errors[0]) and "line too long" in str(errors[0])


def test_a_text_file_over_the_file_cap_is_not_read(tmp_path):
    path = tmp_path / "dump.txt"
    with open(path, "wb") as fh:
        fh.truncate(11 * MB)  # sparse: never written, never read
    errors: list = []
    assert list(iter_articles([str(path)], on_error=errors.append)) == []
    assert "too large: 11,534,336 bytes, over the 10 MB" in str(errors[0])


def test_the_pipeline_refuses_a_text_over_the_cap_before_any_stage_runs():
    from slant.pipeline import build_pipeline

    pipe = build_pipeline(Settings(max_chars=1000), only=["language"])
    with pytest.raises(InputError, match="too long to analyze: 1,001 characters"):
        pipe.analyze(Article(text="x" * 1001, origin="big.txt"))
    assert pipe.timings["language"] == 0.0
    assert pipe.analyze(Article(text=SHORT)).article.language == "en"


def test_a_batch_row_over_the_cap_is_an_errors_row(tmp_path):
    from hostile_inputs import SHORT as short

    path = tmp_path / "in.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for t in (short, text(5 * MB, single_line=True), short.replace("Thursday", "Friday")):
            fh.write(json.dumps({"text": t}) + "\n")
    out = tmp_path / "out"
    res = runner.invoke(app, ["batch", str(path), str(out), "--workers", "1",
                              "--only", "language"])
    assert res.exit_code == 2, res.output
    assert "2 articles analyzed, 1 failed" in res.stderr
    from slant.batch import read_tables

    errors = read_tables(str(out), "errors").to_pylist()
    assert [e["origin"] for e in errors] == [f"{path}:2"]
    assert "too long" in errors[0]["message"] and errors[0]["fatal"]
    assert read_tables(str(out), "articles").num_rows == 2
