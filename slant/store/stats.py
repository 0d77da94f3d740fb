"""Corpus statistics: outlets, outlet × month technique rates, speakers, entity profiles."""

from __future__ import annotations

from collections import defaultdict

from slant.errors import InputError
from slant.models import REPORTED_KINDS, VoiceSummary
from slant.store import schema as t
from slant.store.engine import translated
from slant.store.outlets import outlet_names
from slant.store.records import (
    EntityOutletProfile,
    OutletCount,
    QuotedLabel,
    SpeakerCount,
    TechniqueRateRow,
)
from slant.store.rows import as_utc, norm_name

VOICE_CHOICES = ("narrator", "quoted", "all")


def check_voice(voice: str) -> str:
    """``voice`` if it is narrator, quoted or all; else an InputError naming the choices."""
    if voice not in VOICE_CHOICES:
        raise InputError(f"voice must be narrator, quoted or all, not {voice!r}")
    return voice


def _rate(n: int, words: int) -> float:
    return round(1000.0 * n / words, 2) if words else 0.0


def _voice_summary(words: int, spans: int) -> VoiceSummary:
    return VoiceSummary(words=words, technique_spans=spans, spans_per_1000_words=_rate(spans, words))


def outlets(engine) -> list[OutletCount]:
    from sqlalchemy import func, select

    a = t.articles.c
    q = (select(a.source, func.count(), func.min(a.published), func.max(a.published))
         .group_by(a.source).order_by(func.count().desc(), a.source))
    with translated("listing outlets"), engine.connect() as conn:
        rows = conn.execute(q).all()
    return [OutletCount(source=r[0] or "(unknown)", articles=r[1], first_published=as_utc(r[2]),
                        last_published=as_utc(r[3])) for r in rows]


def technique_rates(engine, *, outlet: str | None, since: str | None,
                    until: str | None, voice: str = "narrator", by: str = "month",
                    groups: dict[str, str] | None = None) -> list[TechniqueRateRow]:
    """Per outlet (or outlet group) and month, ISO week or day. Months read the running
    totals (with both voices side by side); days and weeks are counted from the articles
    (spans in ``voice``, over all the article's words)."""
    if by not in ("month", "week", "day"):
        from slant.errors import InputError

        raise InputError(f"granularity must be day, week or month, not {by!r}")
    check_voice(voice)
    if by == "month" and groups is None:
        return _month_rates(engine, outlet=outlet, since=since, until=until, voice=voice)
    if by == "month":
        rows = _month_rates(engine, outlet=outlet, since=since, until=until, voice=voice)
        cells = {(r.source, r.month): (r.articles, r.words, r.spans) for r in rows}
        by_tech: TechCells = {(r.source, r.month): {k: round(v * r.words / 1000.0)
                                                    for k, v in r.by_technique.items()}
                              for r in rows}
    else:
        cells, by_tech = _day_cells(engine, outlet=outlet, since=since, until=until, voice=voice)
        if by == "week":
            cells, by_tech = _fold(cells, by_tech, lambda src, day: (src, _iso_week(day)))
    if groups is not None:
        cells, by_tech = _fold(cells, by_tech,
                               lambda src, b: (groups.get(src, "(not imported)"), b))
    out = []
    for (src, bucket), (n_articles, words, spans) in sorted(cells.items()):
        techs = by_tech.get((src, bucket), {})
        out.append(TechniqueRateRow(
            source=src or "(unknown)", month=bucket, voice=voice, articles=n_articles,
            words=words, spans=spans, spans_per_1000_words=_rate(spans, words),
            by_technique={k: _rate(v, words) for k, v in sorted(techs.items()) if v},
        ))
    return out


Cells = dict[tuple[str, str], tuple[int, int, int]]
TechCells = dict[tuple[str, str], dict[str, int]]


def _fold(cells: Cells, by_tech: TechCells, key) -> tuple[Cells, TechCells]:
    out: dict[tuple[str, str], list[int]] = {}
    tech: TechCells = defaultdict(lambda: defaultdict(int))
    for k, (a, w, sp) in cells.items():
        acc = out.setdefault(key(*k), [0, 0, 0])
        acc[0] += a
        acc[1] += w
        acc[2] += sp
    for k, techs in by_tech.items():
        nk = key(*k)
        for t_, n in techs.items():
            tech[nk][t_] += n
    return {k: (v[0], v[1], v[2]) for k, v in out.items()}, tech


def _iso_week(day: str) -> str:
    if day == "unknown":
        return day
    from datetime import date

    y, w, _ = date.fromisoformat(day).isocalendar()
    return f"{y}-W{w:02d}"


def _month_rates(engine, *, outlet: str | None, since: str | None,
                 until: str | None, voice: str = "narrator") -> list[TechniqueRateRow]:
    from sqlalchemy import select

    om, omt = t.outlet_month.c, t.outlet_month_technique.c
    q1 = select(om.source, om.month, om.articles, om.words, om.spans, om.voiced_articles,
                om.narrator_words, om.narrator_spans, om.quoted_words, om.quoted_spans
                ).where(om.articles > 0)
    tech_spans = {"all": omt.spans, "narrator": omt.narrator_spans,
                  "quoted": omt.quoted_spans}[voice]
    q2 = select(omt.source, omt.month, omt.technique, tech_spans).where(tech_spans > 0)
    names = outlet_names(engine, outlet) if outlet is not None else None

    def bounded(q, src, month):
        if names is not None:
            q = q.where(src.in_(names))
        if since is not None:
            q = q.where(month >= since[:7])
        if until is not None:
            q = q.where(month <= until[:7])
        return q

    q1, q2 = bounded(q1, om.source, om.month), bounded(q2, omt.source, omt.month)
    with translated("reading statistics"), engine.connect() as conn:
        cells = conn.execute(q1.order_by(om.source, om.month)).all()
        by_tech: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
        for src, month, tech, n in conn.execute(q2):
            by_tech[(src, month)][tech] = n
    out = []
    for src, month, n_articles, all_words, all_spans, voiced, nw, ns, qw, qs in cells:
        techs = by_tech.get((src, month), {})
        words, spans = {"all": (all_words, all_spans), "narrator": (nw, ns),
                        "quoted": (qw, qs)}[voice]
        out.append(TechniqueRateRow(
            source=src or "(unknown)", month=month, voice=voice, articles=n_articles,
            words=words, spans=spans, spans_per_1000_words=_rate(spans, words),
            by_technique={k: _rate(v, words) for k, v in sorted(techs.items())},
            voiced_articles=voiced,
            narrator=_voice_summary(nw, ns) if voiced else None,
            quoted=_voice_summary(qw, qs) if voiced else None,
        ))
    return out


def _day_cells(engine, *, outlet, since, until, voice) -> tuple[Cells, TechCells]:
    from datetime import date, datetime, timedelta

    from sqlalchemy import func, select

    from slant.errors import InputError

    a, tc = t.articles.c, t.techniques.c
    if engine.dialect.name == "postgresql":
        day = func.to_char(a.published, "YYYY-MM-DD")
    else:
        day = func.strftime("%Y-%m-%d", a.published)
    q1 = select(a.source, day, func.count(), func.sum(a.words), func.sum(a.spans)) \
        .group_by(a.source, day)
    q2 = (select(a.source, day, tc.technique, func.count())
          .select_from(t.techniques).join(t.articles, a.pk == tc.article_pk)
          .group_by(a.source, day, tc.technique))
    if voice != "all":
        q2 = q2.where(tc.voice == voice)

    def when(v: str, end: bool) -> datetime:
        try:
            d = date.fromisoformat(v if len(v) == 10 else v + "-01")
        except ValueError:
            raise InputError(f"not a day (YYYY-MM-DD): {v!r}") from None
        if end and len(v) == 7:  # a whole month
            d = (d.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        return datetime.combine(d + timedelta(days=1) if end else d, datetime.min.time())

    def bounded(q):
        if outlet is not None:
            q = q.where(a.source.in_(outlet_names(engine, outlet)))
        if since is not None:
            q = q.where(a.published >= when(since, False))
        if until is not None:
            q = q.where(a.published < when(until, True))
        return q

    q1, q2 = bounded(q1), bounded(q2)
    with translated("reading statistics"), engine.connect() as conn:
        cells = {(src, d or "unknown"): (int(n), int(w or 0), int(sp or 0))
                 for src, d, n, w, sp in conn.execute(q1)}
        by_tech: TechCells = defaultdict(dict)
        for src, d, tech, n in conn.execute(q2):
            by_tech[(src, d or "unknown")][tech] = int(n)
    if voice != "all":  # spans in that voice: the day's totals count them again
        cells = {k: (n, w, sum(by_tech.get(k, {}).values())) for k, (n, w, _) in cells.items()}
    return cells, by_tech


def top_speakers(engine, *, outlet: str | None, limit: int,
                 all_attributions: bool = False) -> list[SpeakerCount]:
    """Most-quoted per outlet, counted by actor (by the quoted name where no actor is known);
    speech only unless ``all_attributions``."""
    from sqlalchemy import and_, case, func, literal_column, select

    from slant.store.actors import actor_names_map

    qc, n = t.quotes.c, t.article_names.c
    unresolved = case((n.actor_id.is_(None), qc.speaker_norm), else_=None)
    # Each quote finds its actor among its own article's names. Shaped for SQLite's planner
    # (PostgreSQL hashes the join either way): grouping by the actor first, and testing the
    # speaker through an expression no index covers, let it read the quotes in stored order,
    # article after article, and look each article's names up in turn. Walked through an index
    # by outlet or speaker instead, it visits quotes and names at random: 2 to 3 times the CPU
    # at 100,000 articles (docs/corpus.md, benchmarks/corpus.py). One outlet still uses the
    # index on (source, speaker_norm).
    has_speaker = qc.speaker_norm.concat(literal_column("''")).is_not(None)
    q = (select(qc.source, n.actor_id, func.min(qc.speaker), func.count(),
                func.count(qc.article_pk.distinct()))
         .select_from(t.quotes)
         .join(t.article_names, and_(n.article_pk == qc.article_pk,
                                     n.name_norm == qc.speaker_norm), isouter=True)
         .where(has_speaker, qc.kind.in_(REPORTED_KINDS), qc.continues.is_(None))
         .group_by(n.actor_id, unresolved, qc.source))
    if not all_attributions:
        q = q.where(qc.speech.is_(True))
    if outlet is not None:
        q = q.where(qc.source.in_(outlet_names(engine, outlet)))
    with translated("reading statistics"), engine.connect() as conn:
        rows = conn.execute(q).all()
        names = actor_names_map(conn, [r[1] for r in rows if r[1] is not None])
    per: dict[str, list[SpeakerCount]] = defaultdict(list)
    for src, aid, name, n_quotes, arts in rows:
        disp, gender = name, None
        if aid is not None and aid in names:
            disp, _typ, gender = names[aid]
        per[src].append(SpeakerCount(source=src or "(unknown)", speaker=disp, quotes=n_quotes,
                                     articles=arts, actor_id=aid, gender=gender))
    out: list[SpeakerCount] = []
    for src in sorted(per):
        out.extend(sorted(per[src], key=lambda s: (-s.quotes, -s.articles, s.speaker))[:limit])
    return out


def entity_profile(engine, entity: str, *, outlet: str | None) -> list[EntityOutletProfile]:
    """Per outlet: how it labels the actor named ``entity`` (any of its names) and the
    technique spans aimed at it; by the name itself when no actor goes by it."""
    from sqlalchemy import and_, func, select

    from slant.store.actors import actor_ids_named, actor_names_map

    key = norm_name(entity)
    ec, dc, tc, n = t.entities.c, t.descriptors.c, t.targets.c, t.article_names.c
    with translated("reading statistics"), engine.connect() as conn:
        ids = actor_ids_named(conn, entity)
        if ids:
            shown = actor_names_map(conn, ids)
            display = shown[ids[0]][0] if ids[0] in shown else entity
            on = lambda c_pk, c_norm: and_(n.article_pk == c_pk, n.name_norm == c_norm)  # noqa: E731
            q1 = (select(ec.source, func.min(ec.name), func.count(ec.article_pk.distinct()),
                         func.sum(ec.mentions))
                  .join(t.article_names, on(ec.article_pk, ec.name_norm))
                  .where(n.actor_id.in_(ids)).group_by(ec.source))
            q1n = (select(ec.source, ec.name).distinct()
                   .join(t.article_names, on(ec.article_pk, ec.name_norm))
                   .where(n.actor_id.in_(ids)))
            q2 = (select(dc.source, dc.text, dc.voice, dc.speaker, func.count())
                  .join(t.article_names, on(dc.article_pk, dc.entity_norm))
                  .where(n.actor_id.in_(ids))
                  .group_by(dc.source, dc.text, dc.voice, dc.speaker))
            q3 = (select(tc.source, tc.technique, tc.voice, func.count())
                  .join(t.article_names, on(tc.article_pk, tc.entity_norm))
                  .where(n.actor_id.in_(ids)).group_by(tc.source, tc.technique, tc.voice))
        else:
            display = None
            q1 = (select(ec.source, func.min(ec.name), func.count(ec.article_pk.distinct()),
                         func.sum(ec.mentions)).where(ec.name_norm == key).group_by(ec.source))
            q1n = select(ec.source, ec.name).distinct().where(ec.name_norm == key)
            q2 = (select(dc.source, dc.text, dc.voice, dc.speaker, func.count())
                  .where(dc.entity_norm == key).group_by(dc.source, dc.text, dc.voice, dc.speaker))
            q3 = (select(tc.source, tc.technique, tc.voice, func.count()).where(tc.entity_norm == key)
                  .group_by(tc.source, tc.technique, tc.voice))
        if outlet is not None:
            on_ = outlet_names(engine, outlet)
            q1, q1n, q2, q3 = q1.where(ec.source.in_(on_)), q1n.where(ec.source.in_(on_)), \
                q2.where(dc.source.in_(on_)), q3.where(tc.source.in_(on_))
        base = conn.execute(q1).all()
        used = conn.execute(q1n).all()
        descs = conn.execute(q2).all()
        techs = conn.execute(q3).all()
    prof: dict[str, EntityOutletProfile] = {}
    for src, name, arts, mentions in base:
        prof[src] = EntityOutletProfile(source=src or "(unknown)", entity=display or name,
                                        articles=arts, mentions=int(mentions or 0),
                                        actor_id=ids[0] if ids else None)
    for src, name in used:
        if src in prof and name not in prof[src].names:
            prof[src].names.append(name)
    for src, text_, voice, speaker, cnt in descs:
        if src not in prof:
            continue
        if voice == "quoted":
            prof[src].quoted_descriptors.append(QuotedLabel(text=text_, speaker=speaker, count=cnt))
        else:  # the narrator's, or unknown (analyzed without quotes)
            prof[src].descriptors[text_] = prof[src].descriptors.get(text_, 0) + cnt
    for src, tech, voice, cnt in techs:
        if src not in prof:
            continue
        into = prof[src].quoted_techniques if voice == "quoted" else prof[src].techniques
        into[tech] = into.get(tech, 0) + cnt
    for p in prof.values():
        p.names.sort()
        p.descriptors = dict(sorted(p.descriptors.items(), key=lambda kv: (-kv[1], kv[0])))
        p.techniques = dict(sorted(p.techniques.items(), key=lambda kv: (-kv[1], kv[0])))
        p.quoted_techniques = dict(sorted(p.quoted_techniques.items(),
                                          key=lambda kv: (-kv[1], kv[0])))
        p.quoted_descriptors.sort(key=lambda q: (-q.count, q.text, q.speaker or ""))
    return sorted(prof.values(), key=lambda p: (-p.articles, p.source))


def top_entities(engine, *, outlet: str | None, limit: int) -> list[tuple[str, int]]:
    """The actors (and names not yet resolved to one) in the most articles."""
    from sqlalchemy import and_, func, select

    from slant.store.actors import actor_names_map

    ec, n = t.entities.c, t.article_names.c
    on = and_(n.article_pk == ec.article_pk, n.name_norm == ec.name_norm)
    cnt = func.count(ec.article_pk.distinct())
    q1 = (select(n.actor_id, cnt).select_from(t.entities).join(t.article_names, on)
          .where(n.actor_id.is_not(None)).group_by(n.actor_id).order_by(cnt.desc()).limit(limit))
    q2 = (select(func.min(ec.name), cnt).select_from(t.entities)
          .join(t.article_names, on, isouter=True).where(n.actor_id.is_(None))
          .group_by(ec.name_norm).order_by(cnt.desc()).limit(limit))
    if outlet is not None:
        names_ = outlet_names(engine, outlet)
        q1, q2 = q1.where(ec.source.in_(names_)), q2.where(ec.source.in_(names_))
    with translated("reading statistics"), engine.connect() as conn:
        resolved = conn.execute(q1).all()
        names = actor_names_map(conn, [r[0] for r in resolved])
        rows = [(names[aid][0], int(c)) for aid, c in resolved if aid in names]
        rows += [(name, int(c)) for name, c in conn.execute(q2)]
    rows.sort(key=lambda r: (-r[1], r[0]))
    return rows[:limit]
