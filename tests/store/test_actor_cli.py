"""`slant actors`, `slant outlets`, and the actors export, end to end on a SQLite file."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "stories"))

from actor_builders import make

from slant.cli import app
from slant.store import open_store
from slant.stories import StoryState, update_actors

runner = CliRunner()


class Ran:
    def __init__(self, result) -> None:
        self.stdout = result.stdout
        # a SlantError reaches `slant` itself, which prints it as one line with exit status 2
        self.output = result.output + (str(result.exception) if result.exception else "")


def run(*args: str, code: int = 0) -> Ran:
    from slant.errors import InputError

    result = runner.invoke(app, list(args), catch_exceptions=code != 0, env={"COLUMNS": "300"})
    if code and isinstance(result.exception, InputError):
        return Ran(result)
    assert result.exit_code == code, result.output
    return Ran(result)


@pytest.fixture
def db(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'a.db'}"
    store = open_store(url)
    store.save(make("c1", "Curtis Bale spoke. Emma Stone agreed.",
                    [("Curtis Bale", "PERSON"), ("Emma Stone", "PERSON")], source="Valley Ledger"))
    store.save(make("c2", "Bale said more. Jihadi John was named.",
                    [("Bale", "PERSON"), ("Jihadi John", "PERSON")], source="Green Voice"))
    store.save_stories([StoryState(-1, "t", size=2)], {"c1": -1, "c2": -1})
    update_actors(store)
    store.close()
    return url


def test_list_show_merge_split_alias(db):
    out = run("actors", "--db", db, "-f", "json").stdout
    actors = {a["name"]: a for a in json.loads(out)}
    assert "Bale" in actors["Curtis Bale"]["names"] and "Bale" not in actors
    run("actors", "merge", "Emma Stone", "Jihadi John", "--db", db)
    merged = json.loads(run("actors", "--db", db, "-q", "jihadi", "-f", "json").stdout)
    assert len(merged) == 1 and {"Emma Stone", "Jihadi John"} <= set(merged[0]["names"])
    run("actors", "split", "Curtis Bale", "Bale", "--db", db)
    names = {a["name"] for a in json.loads(run("actors", "--db", db, "-f", "json").stdout)}
    assert {"Curtis Bale", "Bale"} <= names
    run("actors", "alias", "Curtis Bale", "The Jobs Man", "--db", db)
    shown = json.loads(run("actors", "show", "The Jobs Man", "--db", db, "-f", "json").stdout)
    assert shown["actor"]["name"] == "Curtis Bale"
    corr = json.loads(run("actors", "corrections", "--db", db, "-f", "json").stdout)
    assert [c["op"] for c in corr] == ["same", "apart", "alias"]
    run("actors", "corrections", "--remove", str(corr[1]["id"]), "--db", db)
    back = json.loads(run("actors", "--db", db, "-q", "Curtis", "-f", "json").stdout)
    assert "Bale" in back[0]["names"]


def test_bad_corrections_are_one_line(db):
    res = run("actors", "split", "Curtis Bale", "Nobody", "--db", db, code=2)
    assert "has no name 'Nobody'" in res.output
    res = run("actors", "merge", "Curtis Bale", "--db", db, code=2)
    assert "two or more" in res.output


def test_export_actors_table(db, tmp_path):
    out = run("export", "-f", "csv", "--table", "actors", "--db", db).stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    bale = [r for r in rows if r["name"] == "Curtis Bale"]
    assert bale and "Bale" in bale[0]["names"].split(" | ")
    run("export", "-f", "parquet", "--table", "actors", "-o", str(tmp_path / "a.parquet"), "--db", db)
    import pyarrow.parquet as pq

    assert pq.read_table(str(tmp_path / "a.parquet")).num_rows == len(rows)


def test_outlets_import_and_grouped_stats(db, tmp_path):
    good = tmp_path / "outlets.csv"
    good.write_text("name,domain,country,owner,lean\nValley Ledger,https://www.ledger.example/,XX,Ledger Co,right\n"
                    "Green Voice,,,,left\n", encoding="utf-8")
    run("outlets", "import", str(good), "--db", db)
    listed = json.loads(run("outlets", "--db", db, "-f", "json").stdout)
    meta = {m["name"]: m for m in listed["metadata"]}
    assert meta["Valley Ledger"]["domain"] == "ledger.example" and meta["Green Voice"]["groups"] == {"lean": "left"}
    rows = json.loads(run("stats", "--group-by", "lean", "--db", db, "-f", "json").stdout)
    assert {r["source"] for r in rows} == {"left", "right"}
    res = run("stats", "--group-by", "rating", "--db", db, code=2)
    assert "no outlet field 'rating'" in res.output
    for text, why in (("domain,lean\nx.example,left\n", "'name' column"),
                      ("name,lean\nA,left\nA,right\n", "appears twice"),
                      ("name,lean\n,left\n", "no outlet name"),
                      ("name,lean\nA,left,extra\n", "more fields")):
        bad = tmp_path / "bad.csv"
        bad.write_text(text, encoding="utf-8")
        res = run("outlets", "import", str(bad), "--db", db, code=2)
        assert why in res.output and "bad.csv" in res.output
    res = run("outlets", "import", str(tmp_path / "missing.csv"), "--db", db, code=2)
    assert "cannot read" in res.output


def test_stats_by_week_and_gender(db):
    rows = json.loads(run("stats", "--by", "week", "--db", db, "-f", "json").stdout)
    assert rows and all("-W" in r["month"] for r in rows)
    run("stats", "--by", "day", "--since", "2026-13-01", "--db", db, code=2)
    shares = json.loads(run("stats", "--gender", "--db", db, "-f", "json").stdout)
    assert isinstance(shares, list)
