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


def _old_database(url: str, revision: str = "0001", analyses=None, **kw):
    """A database as slant ``revision`` left it, with articles written then (only the
    columns that existed then): ``analyses``, else one ``analysis_a(**kw)``."""
    engine = create_engine(normalise_url(url))
    upgrade(engine, revision)
    from collections import Counter

    from slant.store import schema
    from slant.store.keys import store_key
    from slant.store.rows import article_values, child_rows

    analyses = analyses or [analysis_a(**kw)]
    insp = inspect(engine)
    cols = {name: {c["name"] for c in insp.get_columns(name)}
            for name in insp.get_table_names()}
    assert ("story_id" in cols["articles"]) == (revision != "0001")

    def only_old(table_name, row):
        return {k: v for k, v in row.items() if k in cols[table_name]}

    totals: dict[tuple[str, str], Counter] = {}
    techs: Counter = Counter()
    with engine.begin() as conn:
        for a in analyses:
            values = article_values(a, store_key(a.article))
            values["id"] = a.article.id
            pk = conn.execute(schema.articles.insert().values(**only_old("articles", values))
                              .returning(schema.articles.c.pk)).scalar_one()
            for table, rows in child_rows(a, pk, values["source"]).items():
                if rows:
                    conn.execute(table.insert(), [only_old(table.name, r) for r in rows])
            cell = totals.setdefault((values["source"], values["month"]), Counter())
            cell.update(articles=1, words=values["words"], spans=values["spans"])
            techs.update((values["source"], values["month"], t.technique) for t in a.techniques)
        for (src, month), c in totals.items():
            conn.execute(text("INSERT INTO outlet_month (source, month, articles, words, spans) "
                              "VALUES (:s, :m, :a, :w, :n)"),
                         {"s": src, "m": month, "a": c["articles"], "w": c["words"],
                          "n": c["spans"]})
        for (src, month, tech), n in techs.items():
            conn.execute(text("INSERT INTO outlet_month_technique (source, month, technique, "
                              "spans) VALUES (:s, :m, :t, :n)"),
                         {"s": src, "m": month, "t": tech, "n": n})
    return engine, analyses[0]


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
