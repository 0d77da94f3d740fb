"""The ``store`` fixture: every store test runs on SQLite, and on PostgreSQL when
SLANT_TEST_PG_URL is set (``scripts/pg-test-cluster start DIR`` prints one)."""

from __future__ import annotations

import os

import pytest

from slant.store import Store, open_store

PG_URL = os.environ.get("SLANT_TEST_PG_URL")


def _reset_pg(url: str) -> None:
    from sqlalchemy import create_engine, text

    from slant.store.engine import normalise_url

    engine = create_engine(normalise_url(url))
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'corpus.db'}"
    if not PG_URL:
        pytest.skip("PostgreSQL tests need SLANT_TEST_PG_URL (see scripts/pg-test-cluster)")
    _reset_pg(PG_URL)
    return PG_URL


@pytest.fixture
def store(db_url):
    s: Store = open_store(db_url, timeout=1.0)
    yield s
    s.close()
