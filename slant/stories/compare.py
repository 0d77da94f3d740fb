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

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field

from slant.errors import InputError
from slant.models import REPORTED_KINDS, Analysis, TechniqueSpan, VoiceSummary, is_reported_speech
from slant.names import norm_name
from slant.voice import has_voice, voice_words

QUOTE_KINDS = REPORTED_KINDS
NEAR_DUPLICATE = 0.6  # token-set Jaccard at or above which two quotes are the same quote
CONTAINED = 0.8  # share of the shorter quote's words found in the longer one
MIN_QUOTE_TOKENS = 4
MIN_CONTAINED_TOKENS = 6
Voice = Literal["narrator", "quoted", "all"]
VOICES = ("narrator", "quoted", "all")


class _Rec(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ArticleProfile(_Rec):
    """``words``, ``spans``, ``spans_per_1000_words`` and ``techniques`` are for ``voice``
    (the narrator's own words by default); ``narrator`` and ``quoted`` give both voices
    (null when the article's voice is unknown: analyzed without quotes)."""

    id: str
    title: str | None = None
    source: str | None = None
    side: str
    published: datetime | None = None
    voice: str = "narrator"
    words: int
    spans: int
    spans_per_1000_words: float
    techniques: dict[str, int] = Field(default_factory=dict)
    speakers: list[str] = Field(default_factory=list, description="actors quoted")
    narrator: VoiceSummary | None = None
    quoted: VoiceSummary | None = None


class QuotedActor(_Rec):
    actor: str
    actor_id: int | None = None
    quotes: int
    articles: int


class OutletProfile(_Rec):
    """One side: an outlet, or a group of outlets (``outlets`` lists them)."""

    source: str
    outlets: list[str] = Field(default_factory=list)
    articles: list[str]
    voice: str = "narrator"
    words: int
    spans: int
    spans_per_1000_words: float
    techniques: dict[str, float] = Field(default_factory=dict, description="spans per 1,000 words")
    narrator: VoiceSummary | None = None
    quoted: VoiceSummary | None = None
    quoted_actors: list[QuotedActor] = Field(default_factory=list, description="whom this side quotes")


class SpeakerSides(_Rec):
    speaker: str = Field(description="the actor's display name")
    actor_id: int | None = None
    quotes: int
    outlets: list[str]
    articles: list[str]
    by_outlet: dict[str, int] = Field(default_factory=dict, description="side -> quotes")
    only_one_side: bool


class Labels(_Rec):
    own: list[str] = Field(default_factory=list, description="in the outlet's own words")
    quoted: list[str] = Field(default_factory=list, description="inside quotes it reports")


class EntityLabels(_Rec):
    entity: str = Field(description="the actor's display name")
    actor_id: int | None = None
    type: str
    names: list[str] = Field(default_factory=list, description="names the articles use for it")
    articles: list[str]
    by_outlet: dict[str, Labels] = Field(default_factory=dict)
    by_article: dict[str, list[str]] = Field(default_factory=dict)


class QuoteOccurrence(_Rec):
    article_id: str
    source: str | None = None
    speaker: str | None = None
    text: str
    start: int
    end: int


class QuoteMatch(_Rec):
    """One quote or claim reported by several articles (near-duplicates grouped)."""

    text: str
    similarity: float = Field(description="the lowest pairwise similarity in the group")
    outlets: list[str]
    occurrences: list[QuoteOccurrence]


class TimelineEntry(_Rec):
    published: datetime | None = None
    side: str
    source: str | None = None
    article_id: str
    title: str | None = None
    first_for_side: bool = False


class Comparison(_Rec):
    voice: str = Field(default="narrator", description="technique profiles count the outlets' own "
                       "words ('narrator'), the speech they quote ('quoted') or 'all'")
    speech_only: bool = Field(default=True, description="quotes counted are speech only (see Quote.speech)")
    group_by: str | None = Field(default=None, description="the outlet field sides are grouped by")
    articles: list[ArticleProfile]
    outlets: list[OutletProfile]
    speakers: list[SpeakerSides]
    entities: list[EntityLabels]
    quotes: list[QuoteMatch]
    timeline: list[TimelineEntry] = Field(default_factory=list)


def _tokens(text: str) -> frozenset[str]:
    t = unicodedata.normalize("NFKC", text).lower()
    return frozenset(re.findall(r"\w+", t))


def _similarity(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    inter = len(a & b)
    jac = inter / len(a | b)
    if jac >= NEAR_DUPLICATE:
        return jac
    small = min(len(a), len(b))
    if small >= MIN_CONTAINED_TOKENS and inter / small >= CONTAINED:
        return round(inter / small, 3)
    return jac


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


def match_quotes(analyses: list[Analysis], threshold: float = NEAR_DUPLICATE,
                 who: Any = None, speech_only: bool = True) -> list[QuoteMatch]:
    """Quotes of different articles that are near-duplicates (see the module docstring),
    grouped transitively. Quotes shorter than 4 words are ignored."""
    items: list[tuple[QuoteOccurrence, frozenset[str]]] = []
    for a in analyses:
        for q in a.quotes:
            if q.kind not in QUOTE_KINDS or (speech_only and not _is_speech(q)):
                continue
            toks = _tokens(q.text)
            if len(toks) < MIN_QUOTE_TOKENS:
                continue
            speaker = None
            if q.speaker:
                speaker = who(a.article.id, q.speaker.name)[1] if who else q.speaker.name
            items.append((QuoteOccurrence(
                article_id=a.article.id, source=a.article.source, speaker=speaker,
                text=q.text, start=q.start, end=q.end), toks))
    parent = list(range(len(items)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    sims: dict[tuple[int, int], float] = {}
    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            if items[i][0].article_id == items[j][0].article_id:
                continue
            s = _similarity(items[i][1], items[j][1])
            if s >= threshold:
                sims[(i, j)] = s
                parent[root(j)] = root(i)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        groups[root(i)].append(i)
    out: list[QuoteMatch] = []
    for members in groups.values():
        if len({items[i][0].article_id for i in members}) < 2:
            continue
        mset = set(members)
        pair_sims = [s for (i, j), s in sims.items() if i in mset and j in mset]
        occ = [items[i][0] for i in members]
        out.append(QuoteMatch(
            text=max((o.text for o in occ), key=len),
            similarity=round(min(pair_sims), 3) if pair_sims else 1.0,
            outlets=sorted({o.source or f"article {o.article_id}" for o in occ}),
            occurrences=occ,
        ))
    out.sort(key=lambda m: (-len(m.outlets), -len(m.occurrences), m.text))
    return out


def _rate(n: float, words: int) -> float:
    return round(1000.0 * n / words, 2) if words else 0.0


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

    def side_of(a: Analysis) -> str:
        src = a.article.source
        if not src:
            return f"article {a.article.id}"
        return sides.get(src, src) if sides else src

    profiles: list[ArticleProfile] = []
    for a in items:
        spans, words = _in_voice(a, voice)
        counts = Counter(t.technique for t in spans)
        nar, quo = _both([a])
        quoted = {who(a.article.id, q.speaker.name)[1] for q in a.quotes
                  if q.speaker and q.kind in QUOTE_KINDS and (not speech_only or _is_speech(q))}
        profiles.append(ArticleProfile(
            id=a.article.id, title=a.article.title, source=a.article.source, side=side_of(a),
            published=a.article.published, voice=voice, words=words, spans=len(spans),
            spans_per_1000_words=_rate(len(spans), words),
            techniques=dict(sorted(counts.items())), speakers=sorted(quoted),
            narrator=nar, quoted=quo))

    by_side: dict[str, list[Analysis]] = defaultdict(list)
    for a in items:
        by_side[side_of(a)].append(a)

    # whom each side quotes, by actor
    quoted: dict[str, dict[str, Any]] = {}
    per_side: dict[str, Counter[str]] = defaultdict(Counter)
    per_side_articles: dict[tuple[str, str], set[str]] = defaultdict(set)
    for a in items:
        side = side_of(a)
        for q in a.quotes:
            if not q.speaker or q.kind not in QUOTE_KINDS or (speech_only and not _is_speech(q)):
                continue
            key, name, aid = who(a.article.id, q.speaker.name)
            rec = quoted.setdefault(key, {"name": name, "id": aid, "outlets": Counter(),
                                          "articles": set(), "n": 0})
            rec["outlets"][side] += 1
            rec["articles"].add(a.article.id)
            rec["n"] += 1
            per_side[side][key] += 1
            per_side_articles[(side, key)].add(a.article.id)

    outlets: list[OutletProfile] = []
    for side, group in sorted(by_side.items()):
        parts = [_in_voice(a, voice) for a in group]
        words = sum(w for _, w in parts)
        counts = Counter(t.technique for spans_, _ in parts for t in spans_)
        spans = sum(counts.values())
        nar, quo = _both(group)
        outlets.append(OutletProfile(
            source=side, outlets=sorted({a.article.source for a in group if a.article.source}),
            articles=[a.article.id for a in group], voice=voice, words=words, spans=spans,
            spans_per_1000_words=_rate(spans, words),
            techniques={k: _rate(v, words) for k, v in sorted(counts.items())},
            narrator=nar, quoted=quo,
            quoted_actors=[QuotedActor(actor=quoted[k]["name"], actor_id=quoted[k]["id"], quotes=n,
                                articles=len(per_side_articles[(side, k)]))
                    for k, n in sorted(per_side[side].items(),
                                       key=lambda kv: (-kv[1], quoted[kv[0]]["name"]))],
        ))

    n_sides = len(by_side)
    speakers = [
        SpeakerSides(speaker=r["name"], actor_id=r["id"], quotes=r["n"],
                     outlets=sorted(r["outlets"]), articles=sorted(r["articles"]),
                     by_outlet=dict(sorted(r["outlets"].items())),
                     only_one_side=n_sides > 1 and len(r["outlets"]) == 1)
        for r in quoted.values()
    ]
    speakers.sort(key=lambda s: (-s.quotes, s.speaker))

    # how each side labels each actor mentioned by two or more articles
    ent: dict[str, dict[str, Any]] = {}
    for a in items:
        quotes = _quote_spans(a)
        for e in a.entities:
            key, name, aid = who(a.article.id, e.name)
            rec = ent.setdefault(key, {"name": name, "id": aid, "types": Counter(), "names": {},
                                       "articles": set(), "own": defaultdict(dict),
                                       "quoted": defaultdict(dict), "by_article": {}})
            rec["types"][e.type] += 1
            rec["names"].setdefault(e.name, None)
            rec["articles"].add(a.article.id)
            side = side_of(a)
            descs = []
            for d in e.descriptors:
                if d.kind == "alias":
                    continue
                descs.append(d.text)
                voice_d = getattr(d, "voice", None)
                own = voice_d == "narrator" if voice_d is not None else not _inside(d.start, d.end, quotes)
                rec["own" if own else "quoted"][side].setdefault(d.text, None)
            prev = rec["by_article"].setdefault(a.article.id, [])
            prev.extend(x for x in sorted(set(descs)) if x not in prev)
    entities: list[EntityLabels] = []
    for rec in ent.values():
        if len(rec["articles"]) < 2:
            continue
        sides_seen = sorted(set(rec["own"]) | set(rec["quoted"])
                            | {side_of(a) for a in items if a.article.id in rec["articles"]})
        entities.append(EntityLabels(
            entity=rec["name"], actor_id=rec["id"], type=rec["types"].most_common(1)[0][0],
            names=list(rec["names"]), articles=sorted(rec["articles"]),
            by_outlet={s: Labels(own=list(rec["own"].get(s, {})), quoted=list(rec["quoted"].get(s, {})))
                       for s in sides_seen},
            by_article=rec["by_article"]))
    entities.sort(key=lambda e: (-len(e.articles), e.entity))

    # coverage timeline
    epoch = datetime.max.replace(tzinfo=UTC)
    order = sorted(items, key=lambda a: (_aware(a.article.published) or epoch, a.article.id))
    seen: set[str] = set()
    timeline = []
    for a in order:
        side = side_of(a)
        timeline.append(TimelineEntry(published=a.article.published, side=side,
                                      source=a.article.source, article_id=a.article.id,
                                      title=a.article.title, first_for_side=side not in seen))
        seen.add(side)

    return Comparison(voice=voice, speech_only=speech_only, group_by=group_by, articles=profiles,
                      outlets=outlets, speakers=speakers, entities=entities,
                      quotes=match_quotes(items, who=who, speech_only=speech_only),
                      timeline=timeline)


def _aware(t: datetime | None) -> datetime | None:
    if t is None:
        return None
    return t if t.tzinfo else t.replace(tzinfo=UTC)


class _AnalysisSource(Protocol):
    def get_many(self, article_ids: Iterable[str]) -> list[Analysis]: ...
    def story(self, story_id: int) -> object | None: ...


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
    ids = list(info.article_ids)  # type: ignore[attr-defined]
    if len(ids) < 2:
        raise InputError(f"story {story_id} has only one article; nothing to compare")
    return compare_ids(store, ids, voice=voice, speech_only=speech_only, group_by=group_by)
