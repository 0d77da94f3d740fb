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
from slant.store.write import as_utc, norm_name

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
                    until: str | None, voice: str = "narrator") -> list[TechniqueRateRow]:
    from sqlalchemy import select

    check_voice(voice)
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
            q = q.where(month >= since)
        if until is not None:
            q = q.where(month <= until)
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


def top_speakers(engine, *, outlet: str | None, limit: int,
                 all_attributions: bool = False) -> list[SpeakerCount]:
    from sqlalchemy import func, select

    qc = t.quotes.c
    q = (select(qc.source, func.min(qc.speaker), func.count(),
                func.count(qc.article_pk.distinct()))
         .where(qc.speaker_norm.is_not(None), qc.kind.in_(REPORTED_KINDS))
         .group_by(qc.source, qc.speaker_norm))
    if not all_attributions:
        q = q.where(qc.speech.is_(True))
    if outlet is not None:
        q = q.where(qc.source.in_(outlet_names(engine, outlet)))
    with translated("reading statistics"), engine.connect() as conn:
        rows = conn.execute(q).all()
    per: dict[str, list[SpeakerCount]] = defaultdict(list)
    for src, name, n, arts in rows:
        per[src].append(SpeakerCount(source=src or "(unknown)", speaker=name, quotes=n, articles=arts))
    out: list[SpeakerCount] = []
    for src in sorted(per):
        out.extend(sorted(per[src], key=lambda s: (-s.quotes, -s.articles, s.speaker))[:limit])
    return out


def entity_profile(engine, entity: str, *, outlet: str | None) -> list[EntityOutletProfile]:
    from sqlalchemy import func, select

    key = norm_name(entity)
    ec, dc, tc = t.entities.c, t.descriptors.c, t.targets.c
    q1 = (select(ec.source, func.min(ec.name), func.count(ec.article_pk.distinct()),
                 func.sum(ec.mentions)).where(ec.name_norm == key).group_by(ec.source))
    q2 = (select(dc.source, dc.text, dc.voice, dc.speaker, func.count())
          .where(dc.entity_norm == key).group_by(dc.source, dc.text, dc.voice, dc.speaker))
    q3 = (select(tc.source, tc.technique, tc.voice, func.count()).where(tc.entity_norm == key)
          .group_by(tc.source, tc.technique, tc.voice))
    if outlet is not None:
        names = outlet_names(engine, outlet)
        q1, q2, q3 = q1.where(ec.source.in_(names)), q2.where(dc.source.in_(names)), \
            q3.where(tc.source.in_(names))
    with translated("reading statistics"), engine.connect() as conn:
        base = conn.execute(q1).all()
        descs = conn.execute(q2).all()
        techs = conn.execute(q3).all()
    prof: dict[str, EntityOutletProfile] = {}
    for src, name, arts, mentions in base:
        prof[src] = EntityOutletProfile(source=src or "(unknown)", entity=name, articles=arts,
                                        mentions=int(mentions or 0))
    for src, text_, voice, speaker, n in descs:
        if src not in prof:
            continue
        if voice == "quoted":
            prof[src].quoted_descriptors.append(QuotedLabel(text=text_, speaker=speaker, count=n))
        else:  # the narrator's, or unknown (analyzed without quotes)
            prof[src].descriptors[text_] = prof[src].descriptors.get(text_, 0) + n
    for src, tech, voice, n in techs:
        if src not in prof:
            continue
        into = prof[src].quoted_techniques if voice == "quoted" else prof[src].techniques
        into[tech] = into.get(tech, 0) + n
    for p in prof.values():
        p.descriptors = dict(sorted(p.descriptors.items(), key=lambda kv: (-kv[1], kv[0])))
        p.techniques = dict(sorted(p.techniques.items(), key=lambda kv: (-kv[1], kv[0])))
        p.quoted_techniques = dict(sorted(p.quoted_techniques.items(),
                                          key=lambda kv: (-kv[1], kv[0])))
        p.quoted_descriptors.sort(key=lambda q: (-q.count, q.text, q.speaker or ""))
    return sorted(prof.values(), key=lambda p: (-p.articles, p.source))


def top_entities(engine, *, outlet: str | None, limit: int) -> list[tuple[str, int]]:
    from sqlalchemy import func, select

    ec = t.entities.c
    n = func.count(ec.article_pk.distinct())
    q = select(func.min(ec.name), n).group_by(ec.name_norm).order_by(n.desc()).limit(limit)
    if outlet is not None:
        q = q.where(ec.source.in_(outlet_names(engine, outlet)))
    with translated("reading statistics"), engine.connect() as conn:
        return [(name, int(c)) for name, c in conn.execute(q)]
