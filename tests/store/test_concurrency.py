"""Several processes on one store at once: opening a new database, and writing the same
articles. Real processes (not threads), on SQLite and on PostgreSQL (SLANT_TEST_PG_URL)."""

from __future__ import annotations

import multiprocessing as mp
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from store_builders import build

from slant.store import open_store

PG_URL = os.environ.get("SLANT_TEST_PG_URL")

REPO = Path(__file__).resolve().parents[2]
CTX = mp.get_context("spawn")  # fresh interpreters, as separate `slant` runs would be


def _open_at_once(url: str, barrier, results) -> None:
    from slant.store import open_store

    try:
        barrier.wait(timeout=60)
        store = open_store(url, timeout=10.0)
        results.put(("ok", store.count()))
        store.close()
    except Exception as exc:  # reported to the parent, which fails the test
        results.put(("error", f"{type(exc).__name__}: {exc}"))


def _run_all(target, args_for, n: int) -> list[tuple[str, object]]:
    barrier = CTX.Barrier(n)
    results = CTX.Queue()
    procs = [CTX.Process(target=target, args=(*args_for(i), barrier, results)) for i in range(n)]
    for p in procs:
        p.start()
    out = [results.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    return out


def _urls(tmp_path: Path, rounds: int):
    """A new, empty database per round: SQLite files, and PostgreSQL when configured."""
    for r in range(rounds):
        yield f"sqlite:///{tmp_path / f'new{r}' / 'corpus.db'}"
    if PG_URL:
        for _ in range(max(1, rounds // 2)):
            _reset_pg(PG_URL)
            yield PG_URL


def _reset_pg(url: str) -> None:
    from sqlalchemy import create_engine, text

    from slant.store.engine import normalise_url

    engine = create_engine(normalise_url(url))
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def test_processes_opening_a_new_database_at_once_all_succeed(tmp_path):
    for url in _urls(tmp_path, rounds=4):
        out = _run_all(_open_at_once, lambda i, url=url: (url,), n=4)
        errors = [msg for kind, msg in out if kind == "error"]
        assert not errors, f"{url}: {errors}"
        assert [msg for _, msg in out] == [0, 0, 0, 0]


def _corpus(n: int = 40):
    base = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
    return [
        build(f"Article number {i} says the harbour plan is moving on, step {i} of many.",
              title=f"Harbour {i}", source=f"Outlet {i % 3}", url=f"https://news.test/a/{i}",
              published=base + timedelta(hours=i),
              techniques=[("Loaded_Language", "harbour plan")])
        for i in range(n)
    ]


def _save_all(url: str, start: int, barrier, results) -> None:
    from slant.store import open_store

    try:
        store = open_store(url, timeout=30.0)
        items = _corpus()
        items = items[start:] + items[:start]
        barrier.wait(timeout=60)
        statuses = [store.save_result(a).status for a in items]
        results.put(("ok", statuses))
        store.close()
    except Exception as exc:
        results.put(("error", f"{type(exc).__name__}: {exc}"))


def _check_consistent(url: str, n: int) -> None:
    from sqlalchemy import text

    store = open_store(url)
    try:
        assert store.count() == n
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT count(DISTINCT key_hash) FROM articles")).scalar() == n
            assert conn.execute(text("SELECT sum(articles) FROM outlet_month")).scalar() == n
            assert conn.execute(text("SELECT count(*) FROM techniques")).scalar() == n
    finally:
        store.close()


def test_concurrent_writers_of_the_same_articles_all_succeed(db_url):
    open_store(db_url).close()  # created first: this test is about the writes
    out = _run_all(_save_all, lambda i: (db_url, [0, 0, 20][i]), n=3)
    errors = [msg for kind, msg in out if kind == "error"]
    assert not errors, errors
    statuses = [s for _, sts in out for s in sts]
    # every article stored once; the other writers found it stored ("unchanged")
    assert statuses.count("new") == 40
    assert statuses.count("unchanged") == 80
    _check_consistent(db_url, 40)


def test_concurrent_ingest_runs_over_overlapping_inputs(tmp_path, db_url):
    """Three `slant ingest --analyzed` runs over overlapping inputs: each exits 0 and the
    overlap is reported as stored, never as a database error."""
    items = _corpus(60)
    files = []
    for i, (lo, hi) in enumerate([(0, 40), (10, 50), (20, 60)]):
        f = tmp_path / f"part{i}.jsonl"
        f.write_text("".join(a.model_dump_json() + "\n" for a in items[lo:hi]), encoding="utf-8")
        files.append(f)
    open_store(db_url).close()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    procs = [subprocess.Popen([sys.executable, "-m", "slant", "ingest", "--analyzed", str(f),
                               "--db", db_url], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
             for f in files]
    results = [(p.wait(timeout=300), p.stderr.read()) for p in procs]
    for p in procs:
        p.stdout.close()
        p.stderr.close()
    for rc, err in results:
        assert rc == 0, err
        assert "error" not in err.lower(), err
    _check_consistent(db_url, 60)
