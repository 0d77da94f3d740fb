"""Articles side by side: technique profiles, who is quoted (and by only one side), how each
shared entity is labelled, and the same quote reported by several outlets.

A *side* is an outlet (``Article.source``); an article with no source is its own side.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import datetime
from typing import Protocol

from pydantic import BaseModel, ConfigDict, Field

from slant.errors import InputError
from slant.models import REPORTED_KINDS, Analysis, TechniqueSpan, VoiceSummary, is_reported_speech
from slant.voice import has_voice, voice_words

QUOTE_KINDS = REPORTED_KINDS
NEAR_DUPLICATE = 0.6  # token-set Jaccard at or above which two quotes are the same quote
MIN_QUOTE_TOKENS = 4


class _Rec(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ArticleProfile(_Rec):
    """``words``, ``spans``, ``spans_per_1000_words`` and ``techniques`` are for ``voice``
    (the narrator's own words by default); ``narrator`` and ``quoted`` give both voices
    (null when the article's voice is unknown: analyzed without quotes)."""

    id: str
    title: str | None = None
    source: str | None = None
    published: datetime | None = None
    voice: str = "narrator"
    words: int
    spans: int
    spans_per_1000_words: float
    techniques: dict[str, int] = Field(default_factory=dict)
    speakers: list[str] = Field(default_factory=list)
    narrator: VoiceSummary | None = None
    quoted: VoiceSummary | None = None


class OutletProfile(_Rec):
    source: str
    articles: list[str]
    voice: str = "narrator"
    words: int
    spans: int
    spans_per_1000_words: float
    techniques: dict[str, float] = Field(default_factory=dict, description="spans per 1,000 words")
    narrator: VoiceSummary | None = None
    quoted: VoiceSummary | None = None


class SpeakerSides(_Rec):
    speaker: str
    quotes: int
    outlets: list[str]
    articles: list[str]
    only_one_side: bool


class EntityLabels(_Rec):
    entity: str
    type: str
    articles: list[str]
    by_outlet: dict[str, list[str]] = Field(default_factory=dict, description="outlet -> descriptors")
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


class Comparison(_Rec):
    articles: list[ArticleProfile]
    outlets: list[OutletProfile]
    speakers: list[SpeakerSides]
    entities: list[EntityLabels]
    quotes: list[QuoteMatch]


def _side(a: Analysis) -> str:
    return a.article.source or f"article {a.article.id}"


def _tokens(text: str) -> frozenset[str]:
    t = unicodedata.normalize("NFKC", text).lower()
    return frozenset(re.findall(r"\w+", t))


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


VOICES = ("narrator", "quoted", "all")


def _rate(n: int, words: int) -> float:
    return round(1000.0 * n / words, 2) if words else 0.0


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


def _profile(a: Analysis, voice: str = "narrator") -> ArticleProfile:
    spans, words = _in_voice(a, voice)
    counts = Counter(t.technique for t in spans)
    speakers = sorted({q.speaker.name for q in a.quotes if q.speaker and is_reported_speech(q)})
    narrator, quoted = _both([a])
    return ArticleProfile(
        id=a.article.id, title=a.article.title, source=a.article.source,
        published=a.article.published, voice=voice, words=words, spans=len(spans),
        spans_per_1000_words=_rate(len(spans), words),
        techniques=dict(sorted(counts.items())), speakers=speakers,
        narrator=narrator, quoted=quoted,
    )


def match_quotes(analyses: list[Analysis], threshold: float = NEAR_DUPLICATE) -> list[QuoteMatch]:
    """Quotes of different articles whose token sets overlap at least ``threshold``
    (Jaccard), grouped transitively. Quotes shorter than 4 words are ignored."""
    items: list[tuple[QuoteOccurrence, frozenset[str]]] = []
    for a in analyses:
        for q in a.quotes:
            if not is_reported_speech(q):
                continue
            toks = _tokens(q.text)
            if len(toks) < MIN_QUOTE_TOKENS:
                continue
            items.append((QuoteOccurrence(
                article_id=a.article.id, source=a.article.source,
                speaker=q.speaker.name if q.speaker else None,
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
            s = _jaccard(items[i][1], items[j][1])
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
        pair_sims = [s for (i, j), s in sims.items() if i in members and j in members]
        occ = [items[i][0] for i in members]
        out.append(QuoteMatch(
            text=max((o.text for o in occ), key=len),
            similarity=round(min(pair_sims), 3) if pair_sims else 1.0,
            outlets=sorted({o.source or f"article {o.article_id}" for o in occ}),
            occurrences=occ,
        ))
    out.sort(key=lambda m: (-len(m.outlets), -len(m.occurrences), m.text))
    return out


def compare(analyses: Iterable[Analysis], voice: str = "narrator") -> Comparison:
    """Compare two or more analyses side by side (per article and per outlet). Technique
    profiles are for ``voice``: the outlet's own words (``narrator``, the default),
    ``quoted`` speech or ``all``; each profile also gives both voices."""
    if voice not in VOICES:
        raise InputError(f"voice must be narrator, quoted or all, not {voice!r}")
    items = list(analyses)
    if len(items) < 2:
        raise InputError("compare needs at least two articles")
    profiles = [_profile(a, voice) for a in items]

    by_outlet: dict[str, list[Analysis]] = defaultdict(list)
    for a in items:
        by_outlet[_side(a)].append(a)
    outlets: list[OutletProfile] = []
    for side, group in sorted(by_outlet.items()):
        parts = [_in_voice(a, voice) for a in group]
        words = sum(w for _, w in parts)
        counts = Counter(t.technique for spans_, _ in parts for t in spans_)
        spans = sum(counts.values())
        narrator, quoted = _both(group)
        outlets.append(OutletProfile(
            source=side, articles=[a.article.id for a in group], voice=voice, words=words,
            spans=spans, spans_per_1000_words=_rate(spans, words),
            techniques={k: _rate(v, words) for k, v in sorted(counts.items())},
            narrator=narrator, quoted=quoted,
        ))

    quoted: dict[str, dict[str, set[str] | int]] = {}
    for a in items:
        for q in a.quotes:
            if not q.speaker or not is_reported_speech(q):
                continue
            rec = quoted.setdefault(q.speaker.name, {"outlets": set(), "articles": set(), "n": 0})
            rec["outlets"].add(_side(a))  # type: ignore[union-attr]
            rec["articles"].add(a.article.id)  # type: ignore[union-attr]
            rec["n"] = int(rec["n"]) + 1  # type: ignore[arg-type]
    n_sides = len(by_outlet)
    speakers = [
        SpeakerSides(speaker=name, quotes=int(r["n"]),  # type: ignore[arg-type]
                     outlets=sorted(r["outlets"]), articles=sorted(r["articles"]),  # type: ignore[arg-type]
                     only_one_side=n_sides > 1 and len(r["outlets"]) == 1)  # type: ignore[arg-type]
        for name, r in quoted.items()
    ]
    speakers.sort(key=lambda s: (-s.quotes, s.speaker))

    ent_articles: dict[str, set[str]] = defaultdict(set)
    ent_type: dict[str, str] = {}
    for a in items:
        for e in a.entities:
            ent_articles[e.name].add(a.article.id)
            ent_type.setdefault(e.name, e.type)
    entities: list[EntityLabels] = []
    for name, ids in ent_articles.items():
        if len(ids) < 2:
            continue
        lab = EntityLabels(entity=name, type=ent_type[name], articles=sorted(ids))
        for a in items:
            for e in a.entities:
                if e.name != name:
                    continue
                descs = sorted({d.text for d in e.descriptors})
                lab.by_article[a.article.id] = descs
                side = lab.by_outlet.setdefault(_side(a), [])
                side.extend(d for d in descs if d not in side)
        entities.append(lab)
    entities.sort(key=lambda e: (-len(e.articles), e.entity))

    return Comparison(articles=profiles, outlets=outlets, speakers=speakers,
                      entities=entities, quotes=match_quotes(items))


class _AnalysisSource(Protocol):
    def get_many(self, article_ids: Iterable[str]) -> list[Analysis]: ...
    def story(self, story_id: int) -> object | None: ...


def compare_ids(store: _AnalysisSource, ids: Iterable[str], voice: str = "narrator") -> Comparison:
    """Compare stored articles by id; an unknown id is an InputError."""
    wanted = list(dict.fromkeys(ids))
    found = store.get_many(wanted)
    missing = sorted(set(wanted) - {a.article.id for a in found})
    if missing:
        raise InputError(f"no stored article with id {', '.join(missing)}; "
                         "find ids with `slant search`")
    return compare(found, voice=voice)


def compare_story(store: _AnalysisSource, story_id: int, voice: str = "narrator") -> Comparison:
    """Compare the articles of one stored story."""
    info = store.story(story_id)
    if info is None:
        raise InputError(f"no story {story_id}; list stories with `slant stories`")
    ids = list(info.article_ids)
    if len(ids) < 2:
        raise InputError(f"story {story_id} has only one article; nothing to compare")
    return compare_ids(store, ids, voice=voice)
