"""Stories and crawl state in the database (the clustering itself is slant.stories)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, overload

from slant.store import schema as t
from slant.store.engine import translated
from slant.store.read import unpack_embedding
from slant.store.records import (
    CrawlFailure,
    FeedState,
    StoredStory,
    StoryCandidate,
    StoryInfo,
)
from slant.store.rows import pack_embedding, utc_naive


def _infos(conn, rows) -> list[StoryInfo]:
    from sqlalchemy import select

    a = t.articles.c
    ids = [r.id for r in rows]
    members: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for i in range(0, len(ids), 500):
        q = (select(a.story_id, a.id, a.source).where(a.story_id.in_(ids[i:i + 500]))
             .order_by(a.published, a.pk))
        for sid, aid, src in conn.execute(q):
            members[sid].append((aid, src))
    return [
        StoryInfo(id=r.id, title=r.title, articles=len(members[r.id]) or r.size,
                  outlets=sorted({s for _, s in members[r.id] if s}),
                  first_published=_aware(r.first_published),
                  last_published=_aware(r.last_published),
                  article_ids=[aid for aid, _ in members[r.id]])
        for r in rows
    ]


def list_stories(engine, *, limit: int, offset: int, min_articles: int,
                 outlet: str | None) -> list[StoryInfo]:
    from sqlalchemy import and_, exists, select

    s, a = t.stories.c, t.articles.c
    q = select(s.id, s.title, s.size, s.first_published, s.last_published) \
        .where(s.size >= min_articles)
    if outlet is not None:
        from slant.store.outlets import outlet_names

        names = outlet_names(engine, outlet)
        q = q.where(exists().where(and_(a.story_id == s.id, a.source.in_(names))))
    q = q.order_by(s.last_published.desc().nulls_last(), s.id.desc()).limit(limit).offset(offset)
    with translated("listing stories"), engine.connect() as conn:
        return _infos(conn, conn.execute(q).all())


def count_stories(engine, *, min_articles: int, outlet: str | None) -> int:
    from sqlalchemy import and_, exists, func, select

    s, a = t.stories.c, t.articles.c
    q = select(func.count()).select_from(t.stories).where(s.size >= min_articles)
    if outlet is not None:
        q = q.where(exists().where(and_(a.story_id == s.id, a.source == outlet)))
    with translated("counting stories"), engine.connect() as conn:
        return int(conn.execute(q).scalar_one())


def get_story(engine, story_id: int) -> StoryInfo | None:
    from sqlalchemy import select

    s = t.stories.c
    with translated("reading a story"), engine.connect() as conn:
        rows = conn.execute(select(s.id, s.title, s.size, s.first_published, s.last_published)
                            .where(s.id == story_id)).all()
        return _infos(conn, rows)[0] if rows else None


@overload
def _aware(dt: datetime) -> datetime: ...


@overload
def _aware(dt: None) -> None: ...


def _aware(dt: datetime | None) -> datetime | None:
    """A stored naive time as UTC (the store keeps UTC without a zone)."""
    return dt.replace(tzinfo=UTC) if dt is not None and dt.tzinfo is None else dt


def story_candidates(engine, *, unassigned_only: bool) -> list[StoryCandidate]:
    """What clustering compares: embedding, actors (the fullest name of each of the
    article's name groups, see slant.names), the full text's content terms, time."""
    from sqlalchemy import select

    from slant.names import content_terms

    a, n = t.articles.c, t.article_names.c
    q = select(a.pk, a.id, a.title, a.source, a.published, a.embedding, a.story_id, a.text)
    qn = select(n.article_pk, n.grp, n.key, n.type).join(t.articles, a.pk == n.article_pk) \
        .where(n.kind != "speaker")
    if unassigned_only:
        q = q.where(a.story_id.is_(None))
        qn = qn.where(a.story_id.is_(None))
    out = []
    with translated("reading articles for clustering"), engine.connect() as conn:
        best: dict[tuple[int, int], str] = {}
        for pk, grp, key, typ in conn.execute(qn):
            if typ not in ("PERSON", "ORG", "NORP", "GPE", "LOC"):
                continue
            cur = best.get((pk, grp))
            if cur is None or (len(key.split()), len(key)) > (len(cur.split()), len(cur)):
                best[(pk, grp)] = key
        keys: dict[int, set[str]] = defaultdict(set)
        for (pk, _), key in best.items():
            keys[pk].add(key)
        for r in conn.execute(q.order_by(a.published, a.pk)):
            out.append(StoryCandidate(
                id=r.id, title=r.title, source=r.source or None, published=_aware(r.published),
                embedding=unpack_embedding(r.embedding), entities=sorted(keys.get(r.pk, ())),
                terms=content_terms(r.text), story_id=r.story_id))
    return out


def open_stories(engine, since: datetime | None) -> list[StoredStory]:
    from sqlalchemy import or_, select

    s = t.stories.c
    q = select(s.id, s.title, s.size, s.centroid, s.entities, s.terms, s.first_published,
               s.last_published)
    if since is not None:
        q = q.where(or_(s.last_published >= utc_naive(since), s.last_published.is_(None)))
    with translated("reading stories"), engine.connect() as conn:
        rows = conn.execute(q.order_by(s.id)).all()
    return [StoredStory(id=r.id, title=r.title, size=r.size, centroid=unpack_embedding(r.centroid),
                        entities=json.loads(r.entities or "{}"),
                        terms=json.loads(r.terms or "{}"),
                        first_published=_aware(r.first_published),
                        last_published=_aware(r.last_published)) for r in rows]


def save_stories(engine, stories: Sequence[Any], assignments: dict[str, int]) -> dict[int, int]:
    """Stories are read by attribute (``slant.stories.StoryState`` or ``StoredStory``)."""
    from sqlalchemy import bindparam, insert, update

    s, a = t.stories.c, t.articles.c
    mapping: dict[int, int] = {}
    with translated("storing stories"), engine.begin() as conn:
        for st in stories:
            values = {
                "title": st.title, "size": int(st.size),
                "centroid": pack_embedding(st.centroid),
                "entities": json.dumps(dict(st.entities), ensure_ascii=False),
                "terms": json.dumps(dict(getattr(st, "terms", None) or {}), ensure_ascii=False),
                "first_published": utc_naive(st.first_published),
                "last_published": utc_naive(st.last_published),
            }
            if st.id <= 0:
                mapping[st.id] = conn.execute(
                    insert(t.stories).values(**values).returning(s.id)).scalar_one()
            else:
                conn.execute(update(t.stories).where(s.id == st.id).values(**values))
                mapping[st.id] = st.id
        rows = [{"aid": aid, "sid": mapping.get(sid, sid)} for aid, sid in assignments.items()]
        if rows:
            conn.execute(update(t.articles).where(a.id == bindparam("aid"))
                         .values(story_id=bindparam("sid")), rows)
    return mapping


def reset_stories(engine) -> None:
    from sqlalchemy import delete, update

    with translated("resetting stories"), engine.begin() as conn:
        conn.execute(update(t.articles).values(story_id=None))
        conn.execute(delete(t.stories))


def get_feed_state(engine, url: str) -> FeedState | None:
    from sqlalchemy import select

    f = t.feed_state.c
    with translated("reading crawl state"), engine.connect() as conn:
        r = conn.execute(select(t.feed_state).where(f.url == url)).first()
    if r is None:
        return None
    return FeedState(url=r.url, etag=r.etag, last_modified=r.last_modified,
                     fetched_at=_aware(r.fetched_at), status=r.status, error=r.error)


def put_feed_state(engine, state: FeedState) -> None:
    from sqlalchemy import delete, insert

    values = state.model_dump()
    values["fetched_at"] = utc_naive(state.fetched_at)
    with translated("storing crawl state"), engine.begin() as conn:
        conn.execute(delete(t.feed_state).where(t.feed_state.c.url == state.url))
        conn.execute(insert(t.feed_state).values(**values))


def get_crawl_failures(engine, feed: str | None = None) -> list[CrawlFailure]:
    from sqlalchemy import select

    c = t.crawl_failures.c
    q = select(t.crawl_failures).order_by(c.feed, c.url)
    if feed is not None:
        q = q.where(c.feed == feed)
    with translated("reading crawl failures"), engine.connect() as conn:
        rows = conn.execute(q).all()
    return [CrawlFailure(url=r.url, feed=r.feed, attempts=r.attempts, error=r.error,
                         next_attempt=_aware(r.next_attempt), gave_up=bool(r.gave_up),
                         title=r.title, published=_aware(r.published), author=r.author,
                         feed_title=r.feed_title,
                         first_failed=_aware(r.first_failed), last_failed=_aware(r.last_failed))
            for r in rows]


def put_crawl_failure(engine, failure: CrawlFailure) -> None:
    from sqlalchemy import delete, insert

    values = failure.model_dump()
    values["gave_up"] = int(failure.gave_up)
    for k in ("next_attempt", "published", "first_failed", "last_failed"):
        values[k] = utc_naive(values[k])
    with translated("storing a crawl failure"), engine.begin() as conn:
        conn.execute(delete(t.crawl_failures).where(t.crawl_failures.c.url == failure.url))
        conn.execute(insert(t.crawl_failures).values(**values))


def delete_crawl_failure(engine, url: str) -> None:
    from sqlalchemy import delete

    with translated("forgetting a crawl failure"), engine.begin() as conn:
        conn.execute(delete(t.crawl_failures).where(t.crawl_failures.c.url == url))
