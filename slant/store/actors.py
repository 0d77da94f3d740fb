"""Actors in the database: the names resolution reads, the actors it writes, the user's
corrections, and the lookups that let every count by person count by actor.

The resolution itself (which names are one actor) is :mod:`slant.stories.actors`; it reads
:func:`actor_nodes` and writes through :func:`save_actors`.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from slant.errors import InputError
from slant.names import norm_name
from slant.store import schema as t
from slant.store.engine import translated
from slant.names import ActorNode
from slant.store.records import (
    ActorCorrection,
    ActorInfo,
    ActorLink,
    GenderShare,
    OutletInfo,
)

CORRECTION_OPS = ("same", "apart", "alias")


def actor_nodes(engine) -> list[ActorNode]:
    from sqlalchemy import select

    n, a = t.article_names.c, t.articles.c
    q = (select(n.rid, n.article_pk, a.story_id, n.grp, n.name, n.name_norm, n.key, n.type,
                n.kind, n.female, n.male, n.actor_id)
         .join(t.articles, a.pk == n.article_pk).order_by(n.rid))
    with translated("reading names for actors"), engine.connect() as conn:
        return [ActorNode(*r) for r in conn.execute(q)]


def unresolved(engine) -> int:
    """How many stored names are not yet linked to an actor."""
    from sqlalchemy import func, select

    n = t.article_names.c
    with translated("reading actors"), engine.connect() as conn:
        return int(conn.execute(select(func.count()).where(n.actor_id.is_(None))).scalar_one())


def max_actor_id(engine) -> int:
    from sqlalchemy import func, select

    with translated("reading actors"), engine.connect() as conn:
        a = conn.execute(select(func.max(t.actors.c.id))).scalar()
        b = conn.execute(select(func.max(t.article_names.c.actor_id))).scalar()
    return max(int(a or 0), int(b or 0))


def save_actors(engine, actors: Sequence[Any], assignments: dict[int, int]) -> int:
    """Replace the actors (read by attribute: id, name, type, gender, female, male,
    articles, names, user_names) and link names (rid -> actor id) in one transaction.
    Returns how many stored names changed actor."""
    from sqlalchemy import bindparam, delete, insert, select, update

    n = t.article_names.c
    with translated("storing actors"), engine.begin() as conn:
        current = dict(conn.execute(select(n.rid, n.actor_id)).all())
        changed = [{"r": rid, "x": aid} for rid, aid in assignments.items()
                   if rid in current and current[rid] != aid]
        if changed:
            conn.execute(update(t.article_names).where(n.rid == bindparam("r"))
                         .values(actor_id=bindparam("x")), changed)
        conn.execute(delete(t.actor_names))
        conn.execute(delete(t.actors))
        rows = [{"id": x.id, "name": x.name[:300], "name_norm": norm_name(x.name), "type": x.type,
                 "gender": x.gender, "female": x.female, "male": x.male, "articles": x.articles}
                for x in actors]
        if rows:
            conn.execute(insert(t.actors), rows)
        names = []
        for x in actors:
            user = {norm_name(u) for u in x.user_names}
            for nm in dict.fromkeys([*x.names, *x.user_names]):
                names.append({"actor_id": x.id, "name": nm[:300], "name_norm": norm_name(nm),
                              "origin": "user" if norm_name(nm) in user else "text"})
        if names:
            conn.execute(insert(t.actor_names), names)
    return len(changed)


def _infos(conn, rows) -> list[ActorInfo]:
    from sqlalchemy import select

    an = t.actor_names.c
    ids = [r.id for r in rows]
    names: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for i in range(0, len(ids), 500):
        for aid, nm, origin in conn.execute(select(an.actor_id, an.name, an.origin)
                                            .where(an.actor_id.in_(ids[i:i + 500]))
                                            .order_by(an.rid)):
            names[aid].append((nm, origin))
    return [ActorInfo(id=r.id, name=r.name, type=r.type, gender=r.gender, articles=r.articles,
                      names=[nm for nm, _ in names[r.id]],
                      user_names=[nm for nm, o in names[r.id] if o == "user"]) for r in rows]


def _actor_filter(stmt, q: str | None, type: str | None):
    from sqlalchemy import exists

    a, an = t.actors.c, t.actor_names.c
    if q:
        pattern = "%" + norm_name(q).replace("\\", "").replace("%", "").replace("_", "") + "%"
        stmt = stmt.where(exists().where(an.actor_id == a.id, an.name_norm.like(pattern)))
    if type:
        stmt = stmt.where(a.type == type)
    return stmt


def count_actors(engine, *, q: str | None, type: str | None) -> int:
    from sqlalchemy import func, select

    stmt = _actor_filter(select(func.count()).select_from(t.actors), q, type)
    with translated("counting actors"), engine.connect() as conn:
        return int(conn.execute(stmt).scalar_one())


def list_actors(engine, *, q: str | None, type: str | None, limit: int,
                offset: int) -> list[ActorInfo]:
    from sqlalchemy import select

    a = t.actors.c
    stmt = _actor_filter(select(a.id, a.name, a.type, a.gender, a.articles), q, type)
    stmt = stmt.order_by(a.articles.desc(), a.name, a.id).limit(limit).offset(offset)
    with translated("listing actors"), engine.connect() as conn:
        return _infos(conn, conn.execute(stmt).all())


def get_actor(engine, actor_id: int) -> ActorInfo | None:
    from sqlalchemy import select

    a = t.actors.c
    with translated("reading an actor"), engine.connect() as conn:
        rows = conn.execute(select(a.id, a.name, a.type, a.gender, a.articles)
                            .where(a.id == actor_id)).all()
        return _infos(conn, rows)[0] if rows else None


def actor_ids_named(conn, name: str) -> list[int]:
    """Actors that go by ``name`` (any of their names, case-insensitive)."""
    from sqlalchemy import select

    an = t.actor_names.c
    return sorted({r[0] for r in conn.execute(select(an.actor_id)
                                              .where(an.name_norm == norm_name(name)))})


def find_actor(engine, ref: str) -> ActorInfo:
    """An actor by id ("12") or by one of its names; an InputError when none or several."""
    ref = ref.strip()
    if ref.isdigit():
        found = get_actor(engine, int(ref))
        if found is None:
            raise InputError(f"no actor {ref}; list actors with `slant actors`")
        return found
    with translated("reading actors"), engine.connect() as conn:
        ids = actor_ids_named(conn, ref)
    if not ids:
        raise InputError(f"no actor named {ref!r}; list actors with `slant actors`")
    if len(ids) > 1:
        raise InputError(f"{len(ids)} actors are named {ref!r} (ids {', '.join(map(str, ids))}); "
                         "give an id")
    found = get_actor(engine, ids[0])
    assert found is not None
    return found


def add_correction(engine, op: str, a: str, b: str) -> ActorCorrection:
    """Record a correction by name. "same" and "apart" cancel each other for the same pair."""
    from sqlalchemy import and_, delete, insert, or_

    if op not in CORRECTION_OPS:
        raise InputError(f"unknown correction {op!r} (one of {', '.join(CORRECTION_OPS)})")
    a_n, b_n = norm_name(a), norm_name(b)
    if not a_n or not b_n:
        raise InputError("a correction needs two non-empty names")
    if a_n == b_n:
        raise InputError(f"{a!r} and {b!r} are the same name")
    c = t.actor_corrections.c
    now = datetime.now(UTC).replace(tzinfo=None)
    with translated("storing a correction"), engine.begin() as conn:
        pair = or_(and_(c.a == a_n, c.b == b_n), and_(c.a == b_n, c.b == a_n))
        if op in ("same", "apart"):
            conn.execute(delete(t.actor_corrections).where(pair, c.op.in_(("same", "apart"))))
        if op == "apart":
            conn.execute(delete(t.actor_corrections).where(pair, c.op == "alias"))
        # an alias keeps the user's spelling (it is shown); names to match are normalised
        b_kept = " ".join(b.split())[:300] if op == "alias" else b_n
        rid = conn.execute(insert(t.actor_corrections).values(op=op, a=a_n, b=b_kept, made_at=now)
                           .returning(c.id)).scalar_one()
    return ActorCorrection(id=rid, op=op, a=a_n, b=b_kept, made_at=now.replace(tzinfo=UTC))


def corrections(engine) -> list[ActorCorrection]:
    from sqlalchemy import select

    c = t.actor_corrections.c
    with translated("reading corrections"), engine.connect() as conn:
        rows = conn.execute(select(c.id, c.op, c.a, c.b, c.made_at).order_by(c.id)).all()
    return [ActorCorrection(id=r.id, op=r.op, a=r.a, b=r.b, made_at=r.made_at.replace(tzinfo=UTC))
            for r in rows]


def delete_correction(engine, correction_id: int) -> bool:
    from sqlalchemy import delete

    with translated("removing a correction"), engine.begin() as conn:
        n = conn.execute(delete(t.actor_corrections)
                         .where(t.actor_corrections.c.id == correction_id)).rowcount
    return bool(n)


def actor_links(engine, article_ids: Iterable[str]) -> dict[str, dict[str, ActorLink]]:
    """For each stored article id: name (normalised) -> the actor it stands for."""
    from sqlalchemy import select

    n, a, ac = t.article_names.c, t.articles.c, t.actors.c
    ids = list(dict.fromkeys(article_ids))
    out: dict[str, dict[str, ActorLink]] = {}
    with translated("reading actors"), engine.connect() as conn:
        for i in range(0, len(ids), 500):
            q = (select(a.id, n.name_norm, ac.id, ac.name, ac.type, ac.gender)
                 .join(t.articles, a.pk == n.article_pk)
                 .join(t.actors, ac.id == n.actor_id)
                 .where(a.id.in_(ids[i:i + 500])))
            for aid, norm, xid, xname, xtype, xg in conn.execute(q):
                out.setdefault(aid, {})[norm] = ActorLink(actor_id=xid, name=xname, type=xtype,
                                                          gender=xg)
    return out


def actor_names_map(conn, ids: Iterable[int]) -> dict[int, tuple[str, str, str | None]]:
    """id -> (display name, type, gender)."""
    from sqlalchemy import select

    ac = t.actors.c
    ids = sorted(set(ids))
    out: dict[int, tuple[str, str, str | None]] = {}
    for i in range(0, len(ids), 500):
        for r in conn.execute(select(ac.id, ac.name, ac.type, ac.gender)
                              .where(ac.id.in_(ids[i:i + 500]))):
            out[r.id] = (r.name, r.type, r.gender)
    return out


# -- outlets -----------------------------------------------------------------------------------
def put_outlets(engine, outlets: Sequence[OutletInfo]) -> int:
    """Insert or replace outlets by name, in one transaction."""
    from sqlalchemy import delete, insert

    o = t.outlets.c
    with translated("storing outlets"), engine.begin() as conn:
        for x in outlets:
            conn.execute(delete(t.outlets).where(o.name == x.name))
        if outlets:
            conn.execute(insert(t.outlets), [
                {"name": x.name[:300], "domain": x.domain, "country": x.country, "owner": x.owner,
                 "groups": json.dumps(x.groups, ensure_ascii=False, sort_keys=True)}
                for x in outlets])
    return len(outlets)


def get_outlets(engine) -> list[OutletInfo]:
    from sqlalchemy import select

    o = t.outlets.c
    with translated("reading outlets"), engine.connect() as conn:
        rows = conn.execute(select(o.name, o.domain, o.country, o.owner, o.groups)
                            .order_by(o.name)).all()
    return [OutletInfo(name=r.name, domain=r.domain, country=r.country, owner=r.owner,
                       groups=json.loads(r.groups or "{}")) for r in rows]


def outlet_groups(engine, field: str) -> dict[str, str]:
    """Article source -> its outlet's value for ``field`` (a group column, or country/owner),
    matching the source to an imported outlet by name or by domain."""
    out: dict[str, str] = {}
    known = get_outlets(engine)
    if not known:
        raise InputError("no outlets imported; use `slant outlets import outlets.csv`")
    fields = {"country", "owner"} | {g for x in known for g in x.groups}
    if field not in fields:
        raise InputError(f"no outlet field {field!r} (imported: {', '.join(sorted(fields))})")
    for x in known:
        value = getattr(x, field) if field in ("country", "owner") else x.groups.get(field)
        value = value or "(none)"
        out[x.name] = value
        if x.domain:
            out[x.domain] = value
            out["www." + x.domain] = value
    return out


# -- gender shares -------------------------------------------------------------------------------
def gender_shares(engine, *, outlet: str | None, since: datetime | None = None,
                  until: datetime | None = None) -> list[GenderShare]:
    from sqlalchemy import and_, func, select

    q, n, ac, a = t.quotes.c, t.article_names.c, t.actors.c, t.articles.c
    stmt = (select(q.source, ac.gender, ac.type, func.count())
            .select_from(t.quotes)
            .join(t.article_names, and_(n.article_pk == q.article_pk, n.name_norm == q.speaker_norm),
                  isouter=True)
            .join(t.actors, ac.id == n.actor_id, isouter=True)
            .where(q.speaker_norm.is_not(None), q.kind.in_(("direct", "indirect", "mixed")),
                   q.continues.is_(None))
            .group_by(q.source, ac.gender, ac.type))
    if outlet is not None:
        from slant.store.outlets import outlet_names

        stmt = stmt.where(q.source.in_(outlet_names(engine, outlet)))
    if since is not None or until is not None:
        stmt = stmt.join(t.articles, a.pk == q.article_pk)
        if since is not None:
            stmt = stmt.where(a.published >= since.replace(tzinfo=None))
        if until is not None:
            stmt = stmt.where(a.published < until.replace(tzinfo=None))
    per: dict[str, dict[str, int]] = defaultdict(lambda: {"female": 0, "male": 0, "unknown": 0})
    with translated("reading statistics"), engine.connect() as conn:
        for src, gender, typ, cnt in conn.execute(stmt):
            if typ != "PERSON":
                continue  # an organisation, or a speaker resolved to no named person
            g = gender if gender in ("female", "male") else "unknown"
            per[src or "(unknown)"][g] += int(cnt)
    out = []
    for src in sorted(per):
        c = per[src]
        total = sum(c.values())
        out.append(GenderShare(
            source=src, quotes=total, female=c["female"], male=c["male"], unknown=c["unknown"],
            female_share=round(c["female"] / total, 3) if total else 0.0,
            male_share=round(c["male"] / total, 3) if total else 0.0,
            unknown_share=round(c["unknown"] / total, 3) if total else 0.0))
    return out
