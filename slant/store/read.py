"""Reading analyses back, exactly as they were saved (the article id is the stored one)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import datetime

from slant.models import Analysis
from slant.store import schema as t
from slant.store.engine import translated
from slant.store.rows import utc_naive


def unpack_embedding(blob: bytes | None) -> list[float] | None:
    if not blob:
        return None
    import numpy as np

    return np.frombuffer(blob, dtype="<f4").astype(float).tolist()


def _build(row) -> Analysis:
    data = json.loads(row.analysis)
    article = json.loads(row.meta)
    article["id"] = row.id
    article["text"] = row.text
    data["article"] = article
    data["embedding"] = unpack_embedding(row.embedding)
    return Analysis.model_validate(data)


_COLS = ("pk", "id", "text", "meta", "analysis", "embedding")


def get_analyses(engine, ids: list[str]) -> list[Analysis]:
    from sqlalchemy import select

    if not ids:
        return []
    a = t.articles.c
    found: dict[str, Analysis] = {}
    with translated("reading articles"), engine.connect() as conn:
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            for row in conn.execute(select(*(a[c] for c in _COLS)).where(a.id.in_(chunk))):
                found[row.id] = _build(row)
    return [found[i] for i in ids if i in found]


def iter_analyses(engine, *, outlet: str | None, since: datetime | None,
                  until: datetime | None, ids: list[str] | None, batch: int) -> Iterator[Analysis]:
    from sqlalchemy import select

    a = t.articles.c
    last = 0
    if outlet is not None:
        from slant.store.outlets import outlet_names

        names = outlet_names(engine, outlet)
    while True:
        q = select(*(a[c] for c in _COLS)).where(a.pk > last).order_by(a.pk).limit(batch)
        if outlet is not None:
            q = q.where(a.source.in_(names))
        if since is not None:
            q = q.where(a.published >= utc_naive(since))
        if until is not None:
            q = q.where(a.published <= utc_naive(until))
        if ids is not None:
            q = q.where(a.id.in_(ids))
        with translated("reading articles"), engine.connect() as conn:
            rows = conn.execute(q).all()
        if not rows:
            return
        for row in rows:
            yield _build(row)
        last = rows[-1].pk


def _key_hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def find_id(engine, key: str) -> str | None:
    from sqlalchemy import select

    with translated("looking up an article"), engine.connect() as conn:
        return conn.execute(select(t.articles.c.id)
                            .where(t.articles.c.key_hash == _key_hash(key))).scalar()


def stored_fingerprint(engine, key: str) -> tuple[str, str] | None:
    """(pipeline fingerprint, content hash) of the article stored under ``key``, or None."""
    from sqlalchemy import select

    a = t.articles.c
    with translated("looking up an article"), engine.connect() as conn:
        row = conn.execute(select(a.fingerprint, a.content_hash)
                           .where(a.key_hash == _key_hash(key))).first()
    return (row.fingerprint, row.content_hash) if row is not None else None


def stale_ids(engine, fingerprint: str, limit: int | None) -> list[str]:
    from sqlalchemy import select

    q = select(t.articles.c.id).where(t.articles.c.fingerprint != fingerprint) \
        .order_by(t.articles.c.pk)
    if limit is not None:
        q = q.limit(limit)
    with translated("listing articles to reanalyze"), engine.connect() as conn:
        return list(conn.execute(q).scalars())


def count_articles(engine) -> int:
    from sqlalchemy import func, select

    with translated("counting articles"), engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(t.articles)).scalar_one())
