"""The corpus commands end to end on a SQLite file, with a light pipeline (--only language)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from slant.cli import app

runner = CliRunner()

TEXTS = {
    "a.txt": "Harbour plan passes\n\nThe council approved the harbour plan on Monday after a long "
             "and bitter debate. Critics said the plan was reckless and rushed.\n",
    "b.txt": "Harbour vote\n\nCouncillors backed the harbour redevelopment plan on Monday night. "
             "The mayor called it a disaster for the old town and its fishing families.\n",
}


def run(*args: str) -> str:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def corpus(tmp_path):
    for name, text in TEXTS.items():
        (tmp_path / name).write_text(text)
    db = f"sqlite:///{tmp_path / 'c.db'}"
    res = runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"),
                              "--db", db, "--only", "language"], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    assert "2 new" in res.stderr
    return tmp_path, db


def test_ingest_twice_is_idempotent(corpus):
    tmp, db = corpus
    res = runner.invoke(app, ["ingest", str(tmp / "a.txt"), "--db", db, "--only", "language"])
    assert "0 new" in res.stderr and "1 already stored" in res.stderr


def test_reanalyze_reruns_articles_from_another_pipeline(corpus):
    tmp, db = corpus
    from sqlalchemy import text

    from slant.store import open_store

    store = open_store(db)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE articles SET fingerprint = 'old'"))
    res = runner.invoke(app, ["ingest", "--reanalyze", "--db", db, "--only", "language"])
    assert res.exit_code == 0, res.output
    assert "2 updated" in res.stderr
    assert store.stale("old") != []


def test_search_stats_stories_compare_export(corpus):
    tmp, db = corpus
    page = json.loads(run("search", "harbour", "--db", db, "-f", "json"))
    assert page["total"] == 2
    ids = [i["id"] for i in page["items"]]
    assert json.loads(run("search", "fishing", "--db", db, "-f", "json"))["total"] == 1
    rows = json.loads(run("stats", "--db", db, "-f", "json"))
    assert sum(r["articles"] for r in rows) == 2
    assert "[harbour]" in run("search", "harbour", "--db", db).lower()
    json.loads(run("stories", "--db", db, "-f", "json", "--min-articles", "1"))
    cmp = json.loads(run("compare", *ids, "--db", db, "-f", "json"))
    assert sorted(a["id"] for a in cmp["articles"]) == sorted(ids)
    out = tmp / "x.jsonl"
    run("export", "-f", "jsonl", "-o", str(out), "--db", db)
    assert len(out.read_text().splitlines()) == 2


def test_errors_are_one_line(corpus):
    tmp, db = corpus
    res = runner.invoke(app, ["compare", "nope1", "nope2", "--db", db])
    assert res.exit_code != 0
    res = runner.invoke(app, ["ingest", "--db", db])
    assert res.exit_code == 2 and "give INPUT" in res.stderr
    res = runner.invoke(app, ["stats", "--since", "March", "--db", db])
    assert res.exit_code == 2


def test_import_labels(tmp_path):
    export = tmp_path / "ls.json"
    export.write_text(json.dumps([{"data": {"text": "A shameful vote.", "article_id": "x1"},
                                   "annotations": [{"result": [{"type": "labels", "value": {
                                       "start": 2, "end": 10, "text": "shameful",
                                       "labels": ["Loaded_Language"]}}]}]}]))
    runner.invoke(app, ["import-labels", str(export), "-o", str(tmp_path / "ptc")], catch_exceptions=False)
    assert (tmp_path / "ptc" / "labels-TC.tsv").read_text() == "x1\tLoaded_Language\t2\t10\n"
