"""Bad conditions: disk full, locked, read-only, a write failing half-way. Each is a clear
StoreError and leaves nothing half-written."""

from __future__ import annotations

import errno
import sqlite3

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.exc import OperationalError
from store_builders import analysis_a, analysis_b

from slant.errors import StoreError
from slant.store import open_store, schema


def _counts(store) -> dict[str, int]:
    with store.engine.connect() as conn:
        return {
            t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in (schema.articles, *schema.CHILDREN, schema.outlet_month,
                      schema.outlet_month_technique)
        }


def _fail_on(store, table: str, exc: BaseException):
    def hook(conn, cursor, statement, params, context, executemany):
        if statement.lstrip().upper().startswith(f"INSERT INTO {table.upper()}"):
            raise exc

    event.listen(store.engine, "before_cursor_execute", hook)
    return lambda: event.remove(store.engine, "before_cursor_execute", hook)


@pytest.mark.parametrize("exc, words", [
    (OperationalError("INSERT", {}, sqlite3.OperationalError("database or disk is full")),
     "disk is full"),
    (OSError(errno.ENOSPC, "No space left on device"), "disk is full"),
])
def test_full_disk_mid_article_leaves_nothing(store, exc, words):
    store.save(analysis_b())
    before = _counts(store)
    undo = _fail_on(store, "quotes", exc)
    with pytest.raises(StoreError, match=words):
        store.save(analysis_a())
    undo()
    assert _counts(store) == before
    assert store.get(analysis_a().article.id) is None
    store.save(analysis_a())  # and the store still works afterwards
    assert store.count() == 2


def test_save_many_goes_on_after_a_failed_article(store):
    undo = _fail_on(store, "technique_targets",
                    OperationalError("INSERT", {}, sqlite3.OperationalError("disk I/O error")))
    failed = []
    a = analysis_a()
    b = analysis_b(techniques=[])  # no spans aimed at anyone: no target rows to insert
    ids = store.save_many([a, b], on_error=lambda an, e: failed.append((an.article.id, str(e))))
    undo()
    assert ids == [b.article.id]
    assert [f[0] for f in failed] == [a.article.id]
    assert "database error" in failed[0][1]


def test_locked_database(tmp_path):
    path = tmp_path / "locked.db"
    store = open_store(f"sqlite:///{path}", timeout=0.2)
    holder = sqlite3.connect(path)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError, match="locked by another process"):
            store.save(analysis_a())
    finally:
        holder.rollback()
        holder.close()
    store.save(analysis_a())
    assert store.count() == 1


def test_read_only_database(tmp_path):
    path = tmp_path / "ro.db"
    open_store(f"sqlite:///{path}").save(analysis_b())
    ro = open_store(f"sqlite:///file:{path}?mode=ro&uri=true")
    assert ro.count() == 1
    assert ro.search("harbour").total == 1
    with pytest.raises(StoreError, match="read-only"):
        ro.save(analysis_a())
    assert ro.count() == 1


def test_unreachable_postgres_is_a_store_error():
    with pytest.raises(StoreError, match="cannot connect"):
        open_store("postgresql://nobody@127.0.0.1:1/none", timeout=1)


def test_not_a_database(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(StoreError, match="not a slant database"):
        open_store(str(path))


def test_foreign_sqlite_database(tmp_path):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE recipes (name TEXT)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="not a slant database"):
        open_store(str(path))


def test_unsupported_url():
    with pytest.raises(StoreError, match="unsupported database"):
        open_store("mysql://localhost/x")


def test_sqlite_file_uses_wal(tmp_path):
    store = open_store(str(tmp_path / "wal.db"))
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
