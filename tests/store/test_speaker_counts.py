"""Most-quoted speakers counted by actor, on SQLite and PostgreSQL: the counts equal those of a
plain reading of every quote and its article's names, through resolution, corrections, new and
deleted articles."""

from __future__ import annotations

import sys
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "stories"))

from actor_builders import make

from slant.models import REPORTED_KINDS
from slant.store import schema as t
from slant.stories import StoryState, update_actors

T0 = datetime(2026, 6, 1, 8, tzinfo=UTC)


def _articles():
    return [
        make("k1", 'Mara Quell spoke at the depot. "We will keep the buses running," Quell said. '
             '"Fares stay as they are," Mara Quell added. Tobin Reed disagreed.',
             entities=[("Mara Quell", "PERSON"), ("Quell", "PERSON"), ("Tobin Reed", "PERSON")],
             quotes=[('"We will keep the buses running,"', "Quell said", "Quell"),
                     ('"Fares stay as they are,"', "Mara Quell added", "Mara Quell")],
             source="North Wire", published=T0),
        make("k2", 'Quell, the transit chief, said "the depot stays open". Tobin Reed said '
             '"the numbers do not add up".',
             entities=[("Quell", "PERSON"), ("Tobin Reed", "PERSON")],
             quotes=[('"the depot stays open"', "Quell", "Quell"),
                     ('"the numbers do not add up"', "Tobin Reed", "Tobin Reed")],
             source="South Post", published=T0 + timedelta(hours=2)),
        make("k3", 'Tobin Reed wrote that "the buses are late again". A driver said '
             '"nobody asked us".',
             entities=[("Tobin Reed", "PERSON")],
             quotes=[('"the buses are late again"', "Tobin Reed", "Tobin Reed"),
                     ('"nobody asked us"', "A driver", "a driver")],
             source="North Wire", published=T0 + timedelta(days=1)),
        make("k4", 'Ines Varga, a rider, said "the night line matters". Varga said '
             '"we will be back".',
             entities=[("Ines Varga", "PERSON"), ("Varga", "PERSON")],
             quotes=[('"the night line matters"', "Ines Varga", "Ines Varga"),
                     ('"we will be back"', "Varga", "Varga")],
             source="South Post", published=T0 + timedelta(days=2)),
    ]


def _expected(store, all_attributions: bool = False) -> set[tuple]:
    """(source, actor id, display name, quotes, articles) from every quote joined to its
    article's names in Python: the reading the store's query must agree with."""
    from sqlalchemy import select

    from slant.store.actors import actor_names_map

    qc, n = t.quotes.c, t.article_names.c
    with store.engine.connect() as conn:
        quotes = conn.execute(select(qc.source, qc.article_pk, qc.speaker, qc.speaker_norm,
                                     qc.kind, qc.speech)).all()
        links: dict[tuple, list] = defaultdict(list)
        for pk, norm, aid in conn.execute(select(n.article_pk, n.name_norm, n.actor_id)):
            links[(pk, norm)].append(aid)
        names = actor_names_map(conn, [a for v in links.values() for a in v if a is not None])
    groups: dict[tuple, list] = {}
    for src, pk, speaker, norm, kind, speech in quotes:
        if norm is None or kind not in REPORTED_KINDS or not (speech or all_attributions):
            continue
        for aid in links.get((pk, norm)) or [None]:
            g = groups.setdefault((src, aid, norm if aid is None else None), [0, set(), speaker])
            g[0] += 1
            g[1].add(pk)
            g[2] = min(g[2], speaker)
    return {(src or "(unknown)", aid, names[aid][0] if aid in names else g[2], g[0], len(g[1]))
            for (src, aid, _), g in groups.items()}


def _got(store, all_attributions: bool = False) -> set[tuple]:
    rows = store.top_speakers(limit=1000, all_attributions=all_attributions)
    got = {(r.source, r.actor_id, r.speaker, r.quotes, r.articles) for r in rows}
    assert len(got) == len(rows)
    return got


def _check(store) -> set[tuple]:
    want = _expected(store)
    assert _got(store) == want
    assert _got(store, all_attributions=True) == _expected(store, all_attributions=True)
    return want


def _story(store, ids: list[str]) -> None:
    st = StoryState(-1, "the buses", size=len(ids), first_published=T0, last_published=T0)
    store.save_stories([st], {i: -1 for i in ids})


def test_counts_by_actor_agree_with_every_quote_through_corrections(store):
    arts = _articles()
    store.save_many(arts)
    # nothing resolved yet: every speaker counted by the quoted name
    before = _check(store)
    assert all(aid is None for _, aid, *_ in before)
    assert ("North Wire", None, "Quell", 1, 1) in before

    _story(store, ["k1", "k2", "k3", "k4"])
    update_actors(store)
    resolved = _check(store)
    quell = {r for r in resolved if r[2] == "Mara Quell"}
    # "Quell" and "Mara Quell" in one article: two quotes, one article
    assert ("North Wire", 2, 1) in {(s, q, a) for s, _, _, q, a in quell}
    assert ("North Wire", None, "a driver", 1, 1) in resolved  # no name: counted as quoted

    # a split, then a merge, each followed by resolution
    store.add_actor_correction("apart", "Ines Varga", "Varga")
    update_actors(store)
    split = _check(store)
    assert {r[2] for r in split if r[0] == "South Post"} >= {"Ines Varga", "Varga"}
    store.add_actor_correction("same", "Tobin Reed", "Mara Quell")
    update_actors(store)
    merged = _check(store)
    assert len({r[1] for r in merged if r[2] in ("Tobin Reed", "Mara Quell")}) == 1

    # an article saved after resolution (its full names linked at once, the rest not yet)
    late = make("k5", 'Mara Quell said "service resumes on Monday". Dace Lum said "good".',
                entities=[("Mara Quell", "PERSON"), ("Dace Lum", "PERSON")],
                quotes=[('"service resumes on Monday"', "Mara Quell", "Mara Quell"),
                        ('"good"', "Dace Lum", "Dace Lum")],
                source="North Wire", published=T0 + timedelta(days=3))
    store.save(late)
    _check(store)
    # the same article analysed again, then deleted
    again = late.model_copy(deep=True)
    again.article.title = "re-analysed"
    assert store.save_result(again).status == "updated"
    _check(store)
    assert store.delete("k5")
    assert _check(store) == merged
    assert store.delete("k1")
    after = _check(store)
    assert not any(r[0] == "North Wire" and r[2] == "Mara Quell" for r in after)


def _plan(store, **kw) -> list[str]:
    """SQLite's plan for the query ``top_speakers`` runs."""
    from sqlalchemy import event

    seen: list = []

    def grab(conn, cursor, statement, params, context, executemany):
        if "article_names" in statement and "quotes" in statement:
            seen.append((statement, params))

    event.listen(store.engine, "before_cursor_execute", grab)
    try:
        store.top_speakers(**kw)
    finally:
        event.remove(store.engine, "before_cursor_execute", grab)
    (statement, params), = seen
    with store.engine.connect() as conn:
        return [r[3] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params)]


def test_sqlite_reads_quotes_in_stored_order(store):
    # walked through an index by outlet or speaker, every quote and its article's names are
    # visited at random: several times the CPU on a large store (docs/corpus.md)
    if store.engine.dialect.name != "sqlite":
        pytest.skip("the plan checked is SQLite's; PostgreSQL hashes the join")
    store.save_many(_articles())
    plan = _plan(store)
    assert plan[0] == "SCAN quotes", plan
    assert any(p.startswith("SEARCH article_names USING") and "(article_pk=? AND name_norm=?)" in p
               for p in plan), plan
    # one outlet: its quotes are found through the index on (source, speaker_norm)
    one = _plan(store, outlet="North Wire")
    assert "ix_quotes_source_speaker" in one[0], one
