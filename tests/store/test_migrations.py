"""Migrations: an old database file is upgraded in place; a newer or foreign one is refused;
the models and the migrations describe the same tables."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, inspect, text
from store_builders import analysis_a, analysis_b

from slant.errors import StoreError
from slant.store import open_store
from slant.store.engine import HEAD, normalise_url, upgrade
from slant.store.schema import Base


def _old_database(url: str, revision: str = "0001", **kw):
    """A database as slant ``revision`` left it, with one article written then."""
    engine = create_engine(normalise_url(url))
    upgrade(engine, revision)
    from slant.store import schema
    from slant.store.keys import store_key
    from slant.store.write import article_values, child_rows

    a = analysis_a(**kw)
    values = article_values(a, store_key(a.article))
    values["id"] = a.article.id
    cols = {c["name"] for c in inspect(engine).get_columns("articles")}
    assert ("story_id" in cols) == (revision != "0001")
    with engine.begin() as conn:
        pk = conn.execute(schema.articles.insert().values(**values)
                          .returning(schema.articles.c.pk)).scalar_one()
        for table, rows in child_rows(a, pk, values["source"]).items():
            if rows:
                conn.execute(table.insert(), rows)
    return engine, a


def test_old_database_is_upgraded_in_place(db_url):
    engine, a = _old_database(db_url)
    engine.dispose()
    with pytest.raises(StoreError, match="schema version 0001, slant needs"):
        open_store(db_url, migrate=False)
    store = open_store(db_url)
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD
    assert store.get(a.article.id).techniques == a.techniques
    assert store.search("harbour").total == 1
    store.save(analysis_b())
    assert store.count() == 2


def test_newer_database_is_refused(db_url):
    store = open_store(db_url)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0999'"))
    store.close()
    with pytest.raises(StoreError, match="newer slant"):
        open_store(db_url)


def test_failed_migration_leaves_the_old_version(tmp_path):
    path = tmp_path / "old.db"
    engine, _ = _old_database(f"sqlite:///{path}")
    engine.dispose()
    with pytest.raises(StoreError, match="left at schema version 0001"):
        open_store(f"sqlite:///file:{path}?mode=ro&uri=true")
    assert open_store(str(path)).count() == 1


def test_models_match_migrations(db_url):
    store = open_store(db_url)
    insp = inspect(store.engine)
    for table in Base.metadata.sorted_tables:
        migrated = {c["name"] for c in insp.get_columns(table.name)} - {"tsv"}
        assert migrated == {c.name for c in table.columns}, table.name
        migrated_ix = {tuple(ix["column_names"]) for ix in insp.get_indexes(table.name)}
        for ix in table.indexes:
            assert tuple(c.name for c in ix.columns) in migrated_ix, (table.name, ix.name)


def test_upgrade_reindexes_postgresql_text_with_curly_quotes(db_url):
    engine, a = _old_database(db_url, "0002", title="Holt’s “zephyr” plan")
    engine.dispose()
    store = open_store(db_url)
    assert [i.id for i in store.search("zephyr").items] == [a.article.id]
    store.close()
