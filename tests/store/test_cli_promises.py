"""What the corpus commands promise: readers never create a store, dates are inclusive,
filters are validated the same way as the API's, closed pipes are a clean exit, and the
Label Studio config is never dropped without a word."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from store_builders import analysis_a, analysis_b, build

from slant.cli import main
from slant.errors import StoreError
from slant.store import open_store

REPO = Path(__file__).resolve().parents[2]


def slant(capsys, *argv: str) -> tuple[int, str, str]:
    """Run the CLI in-process as `slant ARGV` would (errors become messages and exit codes)."""
    try:
        main(list(argv))
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def corpus(tmp_path):
    url = f"sqlite:///{tmp_path / 'c.db'}"
    with open_store(url) as store:
        store.save(analysis_a(published=datetime(2026, 3, 13, 23, 30, tzinfo=UTC)))
        store.save(analysis_b(published=datetime(2026, 3, 14, 0, 30, tzinfo=UTC)))
    return url


# -- readers never create a store -------------------------------------------------------------
READERS = [["search", "harbour"], ["stats"], ["stats", "--speakers"], ["stats", "--entity", "x"],
           ["export", "-f", "jsonl"], ["stories", "--no-update"], ["stories"],
           ["compare", "a", "b"]]


@pytest.mark.parametrize("argv", READERS, ids=lambda a: " ".join(a))
def test_a_reader_given_a_missing_database_fails_and_creates_nothing(capsys, tmp_path, argv):
    missing = tmp_path / "typo" / "corpus.db"
    code, out, err = slant(capsys, *argv, "--db", str(missing))
    assert code == 1
    assert err.startswith("slant: error:") and "no such database" in err and str(missing) in err
    assert not missing.parent.exists()


def test_a_reader_given_an_empty_database_says_so(capsys, tmp_path):
    empty = tmp_path / "empty.db"
    empty.touch()
    code, _, err = slant(capsys, "search", "x", "--db", str(empty))
    assert code == 1 and "no slant tables" in err
    assert empty.stat().st_size == 0


def test_open_store_without_create_on_postgresql_with_no_tables():
    url = os.environ.get("SLANT_TEST_PG_URL")
    if not url:
        pytest.skip("PostgreSQL tests need SLANT_TEST_PG_URL (see scripts/pg-test-cluster)")
    from sqlalchemy import create_engine, inspect, text

    from slant.store.engine import normalise_url

    engine = create_engine(normalise_url(url))
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    with pytest.raises(StoreError, match="no slant tables"):
        open_store(url, create=False)
    with engine.connect() as conn:
        assert inspect(conn).get_table_names() == []
    engine.dispose()


def test_writers_still_create_the_store(capsys, tmp_path):
    db = tmp_path / "new" / "corpus.db"
    src = tmp_path / "a.jsonl"
    src.write_text(analysis_a().model_dump_json() + "\n", encoding="utf-8")
    code, _, err = slant(capsys, "ingest", "--analyzed", str(src), "--db", str(db), "--no-cluster")
    assert code == 0, err
    code, out, err = slant(capsys, "search", "harbour", "-f", "json", "--db", str(db))
    assert code == 0 and json.loads(out)["total"] == 1


# -- inclusive dates --------------------------------------------------------------------------
def _search_ids(capsys, db, *argv) -> list[str]:
    code, out, err = slant(capsys, "search", *argv, "-f", "json", "--db", db)
    assert code == 0, err
    return sorted(i["title"] for i in json.loads(out)["items"])


def test_until_and_since_dates_are_inclusive_whole_days(capsys, corpus):
    # analysis_a: 2026-03-13 23:30 UTC ("Mayor attacks harbour plan"); analysis_b: 03-14 00:30
    a, b = "Mayor attacks harbour plan", "Harbour plan passes"
    assert _search_ids(capsys, corpus, "--until", "2026-03-13") == [a]
    assert _search_ids(capsys, corpus, "--since", "2026-03-14") == [b]
    assert _search_ids(capsys, corpus, "--since", "2026-03-13", "--until", "2026-03-13") == [a]
    assert _search_ids(capsys, corpus, "--until", "2026-03-14") == [b, a]
    # an ISO time is an instant, inclusive too
    assert _search_ids(capsys, corpus, "--until", "2026-03-13T23:30:00Z") == [a]
    assert _search_ids(capsys, corpus, "--until", "2026-03-13T23:29:59Z") == []


def test_export_until_is_inclusive(capsys, corpus):
    code, out, err = slant(capsys, "export", "-f", "jsonl", "--until", "2026-03-13", "--db", corpus)
    assert code == 0, err
    assert [json.loads(x)["article"]["title"] for x in out.splitlines()] == [
        "Mayor attacks harbour plan"]


def test_a_bad_date_is_an_input_error(capsys, corpus):
    code, _, err = slant(capsys, "search", "--until", "2026-13-45", "--db", corpus)
    assert code == 2 and "--until" in err and "not a date" in err


# -- filters: validated, any case -------------------------------------------------------------
@pytest.mark.parametrize("spelling", ["Loaded_Language", "loaded_language", "LOADED LANGUAGE",
                                      "loaded-language"])
def test_technique_filter_takes_any_case(capsys, corpus, spelling):
    assert len(_search_ids(capsys, corpus, "--technique", spelling)) == 2


def test_unknown_technique_is_an_input_error_listing_the_names(capsys, corpus):
    code, out, err = slant(capsys, "search", "--technique", "loaded_languag", "--db", corpus)
    assert code == 2 and out == ""
    assert "unknown technique 'loaded_languag'" in err and "Loaded_Language" in err


@pytest.mark.parametrize("spelling, entity", [("Daily Example", "Jane Holt"),
                                              ("daily example", "jane holt"),
                                              ("DAILY  EXAMPLE", "JANE  HOLT")])
def test_outlet_filter_takes_any_case_like_entity(capsys, corpus, spelling, entity):
    assert _search_ids(capsys, corpus, "--outlet", spelling) == ["Mayor attacks harbour plan"]
    assert _search_ids(capsys, corpus, "--entity", entity) == ["Mayor attacks harbour plan"]
    code, out, err = slant(capsys, "stats", "--outlet", spelling, "-f", "json", "--db", corpus)
    assert code == 0 and [r["source"] for r in json.loads(out)] == ["Daily Example"]
    code, out, err = slant(capsys, "export", "-f", "jsonl", "--outlet", spelling, "--db", corpus)
    assert code == 0 and len(out.splitlines()) == 1


def test_an_outlet_that_matches_nothing_is_reported(capsys, corpus):
    code, out, err = slant(capsys, "search", "--outlet", "Daily Exampel", "-f", "json", "--db", corpus)
    assert code == 0 and json.loads(out)["total"] == 0
    assert "no stored article is from 'Daily Exampel'" in err


# -- closed pipes -----------------------------------------------------------------------------
@pytest.fixture
def big_corpus(tmp_path):
    """More output than a pipe holds (64 KiB), so the writer meets the closed pipe."""
    url = f"sqlite:///{tmp_path / 'big.db'}"
    with open_store(url) as store:
        store.save_many(build("The harbour plan was debated again today. " * 60 + f"Item {i}.",
                              title=f"Item {i}", url=f"https://news.test/big/{i}")
                        for i in range(60))
    return url


@pytest.mark.parametrize("argv", [["export", "-f", "jsonl"], ["export", "-f", "labelstudio"],
                                  ["search", "-f", "json", "--limit", "60"]],
                         ids=lambda a: " ".join(a))
def test_a_closed_pipe_is_a_clean_exit(big_corpus, argv):
    cmd = " ".join([sys.executable, "-m", "slant", *argv, "--db", big_corpus])
    proc = subprocess.run(["bash", "-c", f"{cmd} 2>err.txt | head -c 100 >/dev/null; "
                           "echo ${PIPESTATUS[0]}"], capture_output=True, text=True,
                          cwd=Path(big_corpus.removeprefix("sqlite:///")).parent,
                          env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=300)
    err = (Path(big_corpus.removeprefix("sqlite:///")).parent / "err.txt").read_text()
    assert proc.stdout.strip() == "0", err
    assert "error" not in err and "Exception" not in err, err


# -- Label Studio config ----------------------------------------------------------------------
def test_labelstudio_to_stdout_says_where_the_config_is(capsys, corpus):
    code, out, err = slant(capsys, "export", "-f", "labelstudio", "--db", corpus)
    assert code == 0 and len(json.loads(out)) == 2
    assert "labelling config is not in this output" in err and "--label-config" in err


def test_labelstudio_config_goes_where_asked(capsys, corpus, tmp_path):
    cfg = tmp_path / "config.xml"
    code, out, err = slant(capsys, "export", "-f", "labelstudio", "--label-config", str(cfg),
                           "--db", corpus)
    assert code == 0 and len(json.loads(out)) == 2
    assert cfg.read_text(encoding="utf-8").lstrip().startswith("<View")
    assert "not in this output" not in err and str(cfg) in err


def test_label_config_needs_labelstudio(capsys, corpus, tmp_path):
    code, _, err = slant(capsys, "export", "-f", "jsonl", "--label-config",
                         str(tmp_path / "c.xml"), "--db", corpus)
    assert code == 2 and "--label-config goes with -f labelstudio" in err
