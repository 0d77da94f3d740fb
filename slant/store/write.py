"""Storing analyses: one transaction per article, idempotent, running totals kept in step."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from functools import cache
from typing import Any

from slant.models import Analysis, normalise_text
from slant.store import schema as t
from slant.store.engine import translated
from slant.store.keys import store_key
from slant.store.records import SaveResult
from slant.store.rows import article_values, child_rows, name_rows
from slant.utterances import with_parts
from slant.voice import with_voice


@cache
def _statements(dialect: str) -> dict[str, Any]:
    """Statements built once per dialect (SQLAlchemy then reuses their compiled form)."""
    from sqlalchemy import bindparam, delete, func, insert, select

    upsert_insert: Any  # the dialect's INSERT with ON CONFLICT
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        upsert_insert = pg_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        upsert_insert = sqlite_insert

    def upsert(table, keys: list[str], add: list[str]):
        stmt = upsert_insert(table)
        return stmt.on_conflict_do_update(
            index_elements=keys, set_={c: table.c[c] + stmt.excluded[c] for c in add})

    a = t.articles.c
    st: dict[str, Any] = {
        "find": select(a.pk, a.id, a.analysis_hash, a.content_hash, a.source, a.month, a.words,
                       a.narrator_words, a.quoted_words)
        .where(a.key_hash == bindparam("kh")),
        "id_taken": select(a.pk).where(a.id == bindparam("aid")),
        "old_text": select(a.text).where(a.pk == bindparam("pk")),
        "insert_article": insert(t.articles).returning(a.pk),
        "old_counts": select(t.techniques.c.technique, t.techniques.c.voice, func.count())
        .where(t.techniques.c.article_pk == bindparam("pk"))
        .group_by(t.techniques.c.technique, t.techniques.c.voice),
        "month": upsert(t.outlet_month, ["source", "month"],
                        ["articles", "words", "spans", *VOICE_TOTALS]),
        "month_technique": upsert(t.outlet_month_technique, ["source", "month", "technique"],
                                  ["spans", "narrator_spans", "quoted_spans"]),
        "delete_article": delete(t.articles).where(a.pk == bindparam("pk")),
    }
    for table in t.CHILDREN:
        st[f"insert_{table.name}"] = insert(table)
        st[f"delete_{table.name}"] = delete(table).where(table.c.article_pk == bindparam("pk"))
    return st


@cache
def _driver_insert(dialect_name: str, paramstyle: str, quote, table: str,
                   columns: tuple[str, ...]) -> str:
    cols = ", ".join(quote(c) for c in columns)
    if paramstyle == "qmark":
        marks = ", ".join("?" for _ in columns)
    elif paramstyle == "pyformat":
        marks = ", ".join(f"%({c})s" for c in columns)
    else:  # format
        marks = ", ".join("%s" for _ in columns)
    return f"INSERT INTO {quote(table)} ({cols}) VALUES ({marks})"


def _insert_rows(conn, table, rows: list[dict[str, Any]]) -> None:
    """Insert child rows with one driver-level executemany (these tables have no types that
    need SQLAlchemy's conversion: integers, floats and strings only)."""
    dialect = conn.dialect
    columns = tuple(rows[0])
    sql = _driver_insert(dialect.name, dialect.paramstyle, dialect.identifier_preparer.quote,
                         table.name, columns)
    if dialect.paramstyle == "pyformat":
        conn.exec_driver_sql(sql, rows)
    else:
        conn.exec_driver_sql(sql, [tuple(r[c] for c in columns) for r in rows])


VOICE_TOTALS = ("voiced_articles", "narrator_words", "narrator_spans", "quoted_words",
                "quoted_spans")


def _bump_totals(conn, source: str, month: str, words: int, techniques: Counter,
                 voice_words: tuple[int | None, int | None], sign: int) -> None:
    """Add (``sign`` +1) or take away (-1) one article's share of the running totals.
    ``techniques`` counts (technique, voice) pairs; ``voice_words`` is (narrator, quoted),
    None when the article's voice is unknown."""
    st = _statements(conn.dialect.name)
    narrator_words, quoted_words = voice_words
    voiced = narrator_words is not None
    by_voice: Counter[str] = Counter()
    per_tech: dict[str, Counter] = {}
    for (tech, voice), n in techniques.items():
        by_voice[voice] += n
        per_tech.setdefault(tech, Counter())[voice] += n
    conn.execute(st["month"], [{
        "source": source, "month": month, "articles": sign, "words": sign * words,
        "spans": sign * sum(techniques.values()), "voiced_articles": sign * int(voiced),
        "narrator_words": sign * (narrator_words or 0), "narrator_spans": sign * by_voice["narrator"],
        "quoted_words": sign * (quoted_words or 0), "quoted_spans": sign * by_voice["quoted"]}])
    rows = [{"source": source, "month": month, "technique": k, "spans": sign * sum(v.values()),
             "narrator_spans": sign * v["narrator"], "quoted_spans": sign * v["quoted"]}
            for k, v in sorted(per_tech.items())]
    if rows:
        conn.execute(st["month_technique"], rows)


def _remove_children(conn, pk: int, source: str, month: str, words: int,
                     voice_words: tuple[int | None, int | None]) -> None:
    st = _statements(conn.dialect.name)
    old = Counter({(tech, voice): n for tech, voice, n in conn.execute(st["old_counts"], {"pk": pk})})
    _bump_totals(conn, source, month, words, old, voice_words, -1)
    for table in t.CHILDREN:
        conn.execute(st[f"delete_{table.name}"], {"pk": pk})


def _link_known_names(conn, names: list[dict[str, Any]]) -> None:
    """Link a new article's full names to the actor already going by exactly that name (one
    query), so it counts by actor before the next resolution; that resolution decides the rest."""
    from sqlalchemy import select

    full = {r["name_norm"] for r in names
            if len(r["key"].split()) >= 2 or r["type"] not in ("PERSON", "SPEAKER")}
    if not full:
        return
    an = t.actor_names.c
    found: dict[str, set[int]] = {}
    for norm, aid in conn.execute(select(an.name_norm, an.actor_id).where(an.name_norm.in_(sorted(full)))):
        found.setdefault(norm, set()).add(aid)
    by_group: dict[int, set[int]] = {}
    for r in names:
        ids = found.get(r["name_norm"])
        if ids and len(ids) == 1:
            by_group.setdefault(r["grp"], set()).update(ids)
    for r in names:
        ids = by_group.get(r["grp"])
        if ids and len(ids) == 1:
            r["actor_id"] = next(iter(ids))


# A duplicate-key conflict means another writer stored the same article (or took the same
# id) between our look-up and our insert: the transaction is run again, and then finds it.
_CONFLICT_RETRIES = 3


def _retrying(once: Callable[[], SaveResult]) -> SaveResult:
    """``once()``, run again after a duplicate-key conflict, at most ``_CONFLICT_RETRIES``
    times (``once`` opens its own transaction or savepoint, so each try starts clean)."""
    from sqlalchemy.exc import IntegrityError

    for attempt in range(_CONFLICT_RETRIES + 1):
        try:
            return once()
        except IntegrityError:
            if attempt == _CONFLICT_RETRIES:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def save_analysis(engine, analysis: Analysis) -> SaveResult:
    """Insert or replace one analysis in a single transaction.

    When another process stores the same key at the same moment, the insert meets a
    duplicate key; the transaction is rolled back and run again, and then finds the stored
    row (``unchanged`` when it holds the same analysis)."""

    def once() -> SaveResult:
        with engine.begin() as conn:
            return save_in(conn, analysis)

    with translated(f"storing article {analysis.article.id}"):
        return _retrying(once)


def save_in_savepoint(conn, analysis: Analysis) -> SaveResult:
    """:func:`save_in` inside a savepoint of ``conn``'s transaction, run again when another
    writer stored the same key in between (see :func:`save_analysis`)."""

    def once() -> SaveResult:
        with conn.begin_nested():
            return save_in(conn, analysis)

    return _retrying(once)


def save_in(conn, analysis: Analysis) -> SaveResult:
    """Insert or replace one analysis using ``conn`` (the caller owns the transaction)."""
    from sqlalchemy import update

    st = _statements(conn.dialect.name)
    analysis = with_voice(analysis)  # an analysis made before voice existed gets it here
    analysis = with_parts(analysis)  # … and one made before utterances, its parts linked
    key = store_key(analysis.article)
    values = article_values(analysis, key)
    row = conn.execute(st["find"], {"kh": values["key_hash"]}).first()
    replaced = False
    if row is not None and row.analysis_hash == values["analysis_hash"] \
            and row.content_hash == values["content_hash"]:
        return SaveResult(id=row.id, status="unchanged")
    if row is None:
        values["id"] = analysis.article.id
        if conn.execute(st["id_taken"], {"aid": values["id"]}).first() is not None:
            # same id, different key (e.g. the URL changed): a new id from the key
            values["id"] = hashlib.sha256(values["key_hash"].encode()).hexdigest()[:16]
        pk = conn.execute(st["insert_article"], values).scalar_one()
        status, aid = "new", values["id"]
    else:
        pk, aid = row.pk, row.id
        _remove_children(conn, pk, row.source, row.month, row.words,
                         (row.narrator_words, row.quoted_words))
        if row.content_hash != values["content_hash"]:
            values["story_id"] = None  # the text changed: cluster it again
            old_text = conn.execute(st["old_text"], {"pk": pk}).scalar_one()
            replaced = normalise_text(old_text) != normalise_text(values["text"])
        conn.execute(update(t.articles).where(t.articles.c.pk == pk).values(**values))
        status = "updated"
    for table, rows in child_rows(analysis, pk, values["source"]).items():
        if rows:
            _insert_rows(conn, table, rows)
    names = name_rows(analysis, pk, values["source"])
    if names:
        _link_known_names(conn, names)
        _insert_rows(conn, t.article_names, names)
    counts = Counter((s.technique, s.voice) for s in analysis.techniques)
    _bump_totals(conn, values["source"], values["month"], values["words"], counts,
                 (values["narrator_words"], values["quoted_words"]), +1)
    return SaveResult(id=aid, status=status, replaced_text=replaced)


def save_batch(engine, analyses: list[Analysis],
               on_error: Callable[[Analysis, Exception], None] | None) -> list[str]:
    """Several analyses in one transaction, each inside its own savepoint: an article that
    fails is rolled back alone (and reported); the others commit together."""
    from sqlalchemy.exc import SQLAlchemyError

    from slant.errors import StoreError
    from slant.store.engine import describe

    ids: list[str] = []
    with translated(f"storing {len(analyses)} articles"), engine.begin() as conn:
        for a in analyses:
            try:
                ids.append(save_in_savepoint(conn, a).id)
            except Exception as exc:
                if on_error is None:
                    raise
                err: Exception = exc
                if isinstance(exc, (SQLAlchemyError, OSError)):
                    err = StoreError(describe(exc, f"storing article {a.article.id}"))
                on_error(a, err)
    return ids


def delete_article(engine, article_id: str) -> bool:
    from sqlalchemy import delete, select

    with translated(f"deleting article {article_id}"), engine.begin() as conn:
        a = t.articles.c
        row = conn.execute(select(a.pk, a.source, a.month, a.words, a.narrator_words,
                                  a.quoted_words).where(a.id == article_id)).first()
        if row is None:
            return False
        _remove_children(conn, row.pk, row.source, row.month, row.words,
                         (row.narrator_words, row.quoted_words))
        conn.execute(delete(t.articles).where(a.pk == row.pk))
    return True
