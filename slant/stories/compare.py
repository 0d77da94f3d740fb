"""How did each outlet cover this? Articles side by side, by outlet and by actor.

For a story or any set of articles, per *side* (an outlet; or, with ``group_by``, a group of
outlets the user defined such as a lean; an article with no source is its own side):

- the technique profile: spans per 1,000 words, by technique. ``voice="narrator"`` (the
  default) counts only the outlet's own words (each span's ``voice``, see :mod:`slant.voice`;
  an article analyzed without voice counts only under ``all``), ``"quoted"`` the speech it
  reports, ``"all"`` every span; each profile also gives both voices side by side;
- whom it quotes: actors (people and organisations resolved across articles, see
  :mod:`slant.stories.actors`) with their quote counts; ``speech_only`` keeps the quotes that
  are speech (a quote's ``speech`` flag when the analysis carries one);
- which actors only one side quotes;
- how it labels each actor two or more articles mention: its own words first (descriptors
  outside quotes), then the words it quotes others using;
- the same quote reported by several outlets (near-duplicates: word-set Jaccard ≥ 0.6, or one
  quote of six or more words contained in another, 80 % of its words), and
- a coverage timeline: who published when, and who was first.

Text (``slant compare``), JSON (``-f json``, ``/api/v1/compare``) and the web page all render
this one :class:`Comparison`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal, Protocol

from slant.errors import InputError
from slant.models import (
    REPORTED_KINDS,
    Analysis,
    Quote,
    Speaker,
    TechniqueSpan,
    VoiceSummary,
    is_reported_speech,
)
from slant.names import norm_name
from slant.stories import comparison as records
from slant.stories.comparison import Comparison
from slant.stories.same_quotes import match_quotes
from slant.voice import has_voice, voice_words

QUOTE_KINDS = REPORTED_KINDS
Voice = Literal["narrator", "quoted", "all"]
VOICES = ("narrator", "quoted", "all")


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _quote_spans(a: Analysis) -> list[tuple[int, int]]:
    return [(q.start, q.end) for q in a.quotes if q.kind in ("direct", "mixed", "indirect")]


def _in_voice(a: Analysis, voice: str) -> tuple[list[TechniqueSpan], int]:
    """The article's technique spans and words in ``voice``; an article whose voice is
    unknown has none in narrator or quoted (it counts only under all)."""
    if voice == "all":
        return list(a.techniques), len(a.article.text.split())
    if not has_voice(a):
        return [], 0
    narrator, quoted = voice_words(a.article.text, a.quotes)
    return [t for t in a.techniques if t.voice == voice], narrator if voice == "narrator" else quoted


def _both(group: list[Analysis]) -> tuple[VoiceSummary | None, VoiceSummary | None]:
    voiced = [a for a in group if has_voice(a)]
    if not voiced:
        return None, None
    out = []
    for v in ("narrator", "quoted"):
        parts = [_in_voice(a, v) for a in voiced]
        n, w = sum(len(p[0]) for p in parts), sum(p[1] for p in parts)
        out.append(VoiceSummary(words=w, technique_spans=n, spans_per_1000_words=_rate(n, w)))
    return out[0], out[1]


def _is_speech(q: Any) -> bool:
    return is_reported_speech(q)


class _Who:
    """Which actor a name in an article stands for: the store's links when given, else the
    same rules run over the compared articles (taken as one story)."""

    def __init__(self, items: list[Analysis], links: Mapping[str, Mapping[str, Any]] | None) -> None:
        self.links = links or {}
        self._local: dict[str, dict[str, tuple[str, str, str | None]]] | None = None
        self.items = items

    def __call__(self, article_id: str, name: str) -> tuple[str, str, int | None]:
        norm = norm_name(name)
        link = self.links.get(article_id, {}).get(norm)
        if link is not None:
            return str(link.actor_id), link.name, link.actor_id
        if self._local is None:
            from slant.stories.actors import resolve_analyses

            self._local = resolve_analyses(self.items)
        loc = self._local.get(article_id, {}).get(norm)
        if loc is not None:
            return loc[0], loc[1], None
        return "name:" + norm, name, None


def _rate(n: float, words: int) -> float:
    return round(1000.0 * n / words, 2) if words else 0.0


class _Sides:
    """The side an article is on: its outlet, or the group ``sides`` puts the outlet in; an
    article with no source is its own side."""

    def __init__(self, sides: Mapping[str, str] | None) -> None:
        self.sides = sides

    def __call__(self, a: Analysis) -> str:
        src = a.article.source
        if not src:
            return f"article {a.article.id}"
        return self.sides.get(src, src) if self.sides else src


def _counted(q: Quote, speech_only: bool) -> Speaker | None:
    """The speaker of a quote that counts as someone quoted (a reported kind that starts an
    utterance; speech when ``speech_only``), else None."""
    if q.kind in QUOTE_KINDS and q.continues is None and (not speech_only or _is_speech(q)):
        return q.speaker
    return None


def _article_profiles(items: list[Analysis], voice: str, speech_only: bool, who: _Who,
                      side_of: _Sides) -> list[records.ArticleProfile]:
    profiles: list[records.ArticleProfile] = []
    for a in items:
        spans, words = _in_voice(a, voice)
        counts = Counter(t.technique for t in spans)
        nar, quo = _both([a])
        quoted = {who(a.article.id, sp.name)[1] for q in a.quotes
                  if (sp := _counted(q, speech_only)) is not None}
        profiles.append(records.ArticleProfile(
            id=a.article.id, title=a.article.title, source=a.article.source, side=side_of(a),
            published=a.article.published, voice=voice, words=words, spans=len(spans),
            spans_per_1000_words=_rate(len(spans), words),
            techniques=dict(sorted(counts.items())), speakers=sorted(quoted),
            narrator=nar, quoted=quo))
    return profiles


@dataclass
class _QuotedTally:
    """One quoted actor across the compared articles."""

    name: str
    id: int | None
    outlets: Counter[str] = field(default_factory=Counter)  # side -> quotes
    articles: set[str] = field(default_factory=set)
    n: int = 0


@dataclass
class _Quoting:
    """Whom each side quotes, by actor key."""

    actors: dict[str, _QuotedTally] = field(default_factory=dict)
    per_side: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    per_side_articles: dict[tuple[str, str], set[str]] = field(
        default_factory=lambda: defaultdict(set))


def _quoting(items: list[Analysis], speech_only: bool, who: _Who, side_of: _Sides) -> _Quoting:
    tally = _Quoting()
    for a in items:
        side = side_of(a)
        for q in a.quotes:
            sp = _counted(q, speech_only)
            if sp is None:
                continue
            key, name, aid = who(a.article.id, sp.name)
            rec = tally.actors.setdefault(key, _QuotedTally(name=name, id=aid))
            rec.outlets[side] += 1
            rec.articles.add(a.article.id)
            rec.n += 1
            tally.per_side[side][key] += 1
            tally.per_side_articles[(side, key)].add(a.article.id)
    return tally


def _outlet_profiles(by_side: dict[str, list[Analysis]], voice: str,
                     quoting: _Quoting) -> list[records.OutletProfile]:
    outlets: list[records.OutletProfile] = []
    actors = quoting.actors
    for side, group in sorted(by_side.items()):
        parts = [_in_voice(a, voice) for a in group]
        words = sum(w for _, w in parts)
        counts = Counter(t.technique for spans_, _ in parts for t in spans_)
        spans = sum(counts.values())
        nar, quo = _both(group)
        outlets.append(records.OutletProfile(
            source=side, outlets=sorted({a.article.source for a in group if a.article.source}),
            articles=[a.article.id for a in group], voice=voice, words=words, spans=spans,
            spans_per_1000_words=_rate(spans, words),
            techniques={k: _rate(v, words) for k, v in sorted(counts.items())},
            narrator=nar, quoted=quo,
            quoted_actors=[
                records.QuotedActor(actor=actors[k].name, actor_id=actors[k].id, quotes=n,
                                    articles=len(quoting.per_side_articles[(side, k)]))
                for k, n in sorted(quoting.per_side[side].items(),
                                   key=lambda kv: (-kv[1], actors[kv[0]].name))],
        ))
    return outlets


def _speaker_sides(quoting: _Quoting, n_sides: int) -> list[records.SpeakerSides]:
    speakers = [
        records.SpeakerSides(speaker=r.name, actor_id=r.id, quotes=r.n,
                     outlets=sorted(r.outlets), articles=sorted(r.articles),
                     by_outlet=dict(sorted(r.outlets.items())),
                     only_one_side=n_sides > 1 and len(r.outlets) == 1)
        for r in quoting.actors.values()
    ]
    speakers.sort(key=lambda s: (-s.quotes, s.speaker))
    return speakers


@dataclass
class _LabelTally:
    """How the compared articles name and label one actor (ordered sets as dicts)."""

    name: str
    id: int | None
    types: Counter[str] = field(default_factory=Counter)
    names: dict[str, None] = field(default_factory=dict)
    articles: set[str] = field(default_factory=set)
    own: dict[str, dict[str, None]] = field(default_factory=lambda: defaultdict(dict))
    quoted: dict[str, dict[str, None]] = field(default_factory=lambda: defaultdict(dict))
    by_article: dict[str, list[str]] = field(default_factory=dict)


def _tally_labels(items: list[Analysis], who: _Who, side_of: _Sides) -> dict[str, _LabelTally]:
    ent: dict[str, _LabelTally] = {}
    for a in items:
        quotes = _quote_spans(a)
        for e in a.entities:
            key, name, aid = who(a.article.id, e.name)
            rec = ent.setdefault(key, _LabelTally(name=name, id=aid))
            rec.types[e.type] += 1
            rec.names.setdefault(e.name, None)
            rec.articles.add(a.article.id)
            side = side_of(a)
            descs = []
            for d in e.descriptors:
                if d.kind == "alias":
                    continue
                descs.append(d.text)
                voice_d = getattr(d, "voice", None)
                own = voice_d == "narrator" if voice_d is not None else not _inside(d.start, d.end, quotes)
                (rec.own if own else rec.quoted)[side].setdefault(d.text, None)
            prev = rec.by_article.setdefault(a.article.id, [])
            prev.extend(x for x in sorted(set(descs)) if x not in prev)
    return ent


def _entity_labels(items: list[Analysis], who: _Who, side_of: _Sides) -> list[records.EntityLabels]:
    """How each side labels each actor mentioned by two or more articles."""
    entities: list[records.EntityLabels] = []
    for rec in _tally_labels(items, who, side_of).values():
        if len(rec.articles) < 2:
            continue
        sides_seen = sorted(set(rec.own) | set(rec.quoted)
                            | {side_of(a) for a in items if a.article.id in rec.articles})
        entities.append(records.EntityLabels(
            entity=rec.name, actor_id=rec.id, type=rec.types.most_common(1)[0][0],
            names=list(rec.names), articles=sorted(rec.articles),
            by_outlet={s: records.Labels(own=list(rec.own.get(s, {})),
                                         quoted=list(rec.quoted.get(s, {})))
                       for s in sides_seen},
            by_article=rec.by_article))
    entities.sort(key=lambda e: (-len(e.articles), e.entity))
    return entities


def _timeline(items: list[Analysis], side_of: _Sides) -> list[records.TimelineEntry]:
    """Who published when, earliest first, and who was first on each side."""
    epoch = datetime.max.replace(tzinfo=UTC)
    order = sorted(items, key=lambda a: (_aware(a.article.published) or epoch, a.article.id))
    seen: set[str] = set()
    timeline = []
    for a in order:
        side = side_of(a)
        timeline.append(records.TimelineEntry(published=a.article.published, side=side,
                                      source=a.article.source, article_id=a.article.id,
                                      title=a.article.title, first_for_side=side not in seen))
        seen.add(side)
    return timeline


def compare(analyses: Iterable[Analysis], *, actors: Mapping[str, Mapping[str, Any]] | None = None,
            voice: Voice = "narrator", speech_only: bool = True,
            sides: Mapping[str, str] | None = None, group_by: str | None = None) -> Comparison:
    """Compare two or more analyses (see the module docstring).

    ``actors``: per article id, normalised name -> a stored actor link (``Store.actor_links``);
    names without one are resolved over the compared articles. ``sides``: outlet -> the side
    it belongs to (``Store.outlet_groups(field)``), with ``group_by`` naming the field.
    """
    items = list(analyses)
    if len(items) < 2:
        raise InputError("compare needs at least two articles")
    if voice not in VOICES:
        raise InputError(f"voice must be narrator, quoted or all, not {voice!r}")
    who = _Who(items, actors)
    side_of = _Sides(sides)
    by_side: dict[str, list[Analysis]] = defaultdict(list)
    for a in items:
        by_side[side_of(a)].append(a)
    quoting = _quoting(items, speech_only, who, side_of)
    return Comparison(voice=voice, speech_only=speech_only, group_by=group_by,
                      articles=_article_profiles(items, voice, speech_only, who, side_of),
                      outlets=_outlet_profiles(by_side, voice, quoting),
                      speakers=_speaker_sides(quoting, len(by_side)),
                      entities=_entity_labels(items, who, side_of),
                      quotes=match_quotes(items, who=who, speech_only=speech_only),
                      timeline=_timeline(items, side_of))


def _aware(t: datetime | None) -> datetime | None:
    if t is None:
        return None
    return t if t.tzinfo else t.replace(tzinfo=UTC)


class _StoryArticles(Protocol):
    @property
    def article_ids(self) -> Sequence[str]: ...


class _AnalysisSource(Protocol):
    """What :func:`compare_ids` and :func:`compare_story` need of a store (``actor_links``,
    when it has it, gives the actors; otherwise they are resolved over the articles)."""

    def get_many(self, article_ids: Iterable[str]) -> list[Analysis]: ...
    def story(self, story_id: int) -> _StoryArticles | None: ...
    def outlet_groups(self, field: str) -> Mapping[str, str]: ...


def compare_ids(store: _AnalysisSource, ids: Iterable[str], *, voice: Voice = "narrator",
                speech_only: bool = True, group_by: str | None = None) -> Comparison:
    """Compare stored articles by id; an unknown id is an InputError. Actors are the store's
    (with the user's corrections); ``group_by`` names an imported outlet field."""
    wanted = list(dict.fromkeys(ids))
    found = store.get_many(wanted)
    missing = sorted(set(wanted) - {a.article.id for a in found})
    if missing:
        raise InputError(f"no stored article with id {', '.join(missing)}; "
                         "find ids with `slant search`")
    links = store.actor_links(wanted) if hasattr(store, "actor_links") else None
    sides = store.outlet_groups(group_by) if group_by else None
    return compare(found, actors=links, voice=voice, speech_only=speech_only, sides=sides,
                   group_by=group_by)


def compare_story(store: _AnalysisSource, story_id: int, *, voice: Voice = "narrator",
                  speech_only: bool = True, group_by: str | None = None) -> Comparison:
    """Compare the articles of one stored story."""
    info = store.story(story_id)
    if info is None:
        raise InputError(f"no story {story_id}; list stories with `slant stories`")
    ids = list(info.article_ids)
    if len(ids) < 2:
        raise InputError(f"story {story_id} has only one article; nothing to compare")
    return compare_ids(store, ids, voice=voice, speech_only=speech_only, group_by=group_by)
