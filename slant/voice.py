"""Whose words are these: the narrator's (the outlet's own) or a quoted speaker's.

The rule, applied once quotes exist:

1. **Quoted words** are the spans of the article's reported speech: quotes of kind
   ``direct``, ``indirect`` or ``mixed`` (a quote that says it is not speech, ``speech:
   false``, is left out), whose text is the speaker's words: a quote that gives only its
   topic (``content: topic``, "denied the accusations") is in the narrator's words. Scare
   quotes and quoted terms are the narrator's own words too.
2. **Technique spans** are cut wherever quoted words begin or end inside them (not where
   one quote nests in another). A piece with
   fewer than :data:`MIN_PIECE_CHARS` letters or digits (a closing mark and a comma, say) is
   not worth a span of its own and joins its neighbour. Each resulting span is ``quoted``
   when most of its non-space characters lie inside quoted words, else ``narrator``;
   ``quote_index`` is the quote holding most of them (the shortest, when quotes nest).
   Pieces keep their technique and score; whitespace at their edges is trimmed.
3. **Entity descriptors** are labels, not cut: a descriptor is ``quoted`` when most of its
   non-space characters lie inside quoted words.
4. **Words** (whitespace-separated, as ``Summary.words``) belong to a voice by their first
   character; the summary's narrator and quoted rates are spans per 1,000 of that voice's
   words.

:func:`with_voice` applies the rule to a whole :class:`~slant.models.Analysis`; the pipeline's
``voice`` stage and the store (for analyses saved before voice existed) both use it.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence

from slant.models import (
    Analysis,
    Descriptor,
    Quote,
    StageProvenance,
    Summary,
    TechniqueCount,
    TechniqueSpan,
    VoiceSummary,
    gives_words,
    counted_quote,
)

VOICE_VERSION = "2"
MIN_PIECE_CHARS = 3
VOICES = ("narrator", "quoted")
_WORD = re.compile(r"\S+")


class QuotedRegions:
    """The quoted words of one article: per quote, its ``(start, end)``, for fast lookups."""

    def __init__(self, quotes: Sequence[Quote]) -> None:
        self.spans: list[tuple[int, int, int]] = sorted(
            (q.start, q.end, i) for i, q in enumerate(quotes)
            if gives_words(q) and q.end > q.start
        )
        self._starts = [s for s, _, _ in self.spans]
        # Merged, disjoint cover of all quoted characters (for word counts).
        cover: list[list[int]] = []
        for s, e, _ in self.spans:
            if cover and s <= cover[-1][1]:
                cover[-1][1] = max(cover[-1][1], e)
            else:
                cover.append([s, e])
        self.cover = [(s, e) for s, e in cover]
        self._cover_starts = [s for s, _ in self.cover]

    def __bool__(self) -> bool:
        return bool(self.spans)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """Quotes sharing at least one character with ``[start, end)``."""
        hi = bisect.bisect_left(self._starts, end)
        return [q for q in self.spans[:hi] if q[1] > start]

    def inside(self, pos: int) -> bool:
        """Whether the character at ``pos`` is quoted."""
        i = bisect.bisect_right(self._cover_starts, pos) - 1
        return i >= 0 and pos < self.cover[i][1]


def _solid(text: str, start: int, end: int) -> int:
    return sum(1 for c in text[start:end] if not c.isspace())


def _alnum(text: str, start: int, end: int) -> int:
    return sum(1 for c in text[start:end] if c.isalnum())


def _owner(text: str, start: int, end: int, regions: QuotedRegions) -> int | None:
    """The quote that holds most of ``[start, end)``'s non-space characters, when quoted
    characters are the majority; else None (the narrator's)."""
    best: tuple[int, int, int] | None = None  # (-chars, length, index)
    quoted = [False] * (end - start)
    for qs, qe, qi in regions.overlapping(start, end):
        a, b = max(start, qs), min(end, qe)
        n = _solid(text, a, b)
        for k in range(a - start, b - start):
            quoted[k] = True
        key = (-n, qe - qs, qi)
        if n and (best is None or key < best):
            best = key
    if best is None:
        return None
    inside = sum(1 for k, c in enumerate(text[start:end]) if quoted[k] and not c.isspace())
    total = _solid(text, start, end)
    return best[2] if total and 2 * inside > total else None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def voice_span(text: str, span: TechniqueSpan, regions: QuotedRegions) -> list[TechniqueSpan]:
    """``span`` with its voice; cut into several spans where it straddles a quote boundary."""
    quotes = regions.overlapping(span.start, span.end)
    if not quotes:
        return [span.model_copy(update={"voice": "narrator", "quote_index": None})]
    # Cut where quoted words begin or end (not where one quote nests in another).
    cuts = sorted({p for qs, qe in regions.cover if qs < span.end and qe > span.start
                   for p in (qs, qe) if span.start < p < span.end})
    bounds = [span.start, *cuts, span.end]
    pieces = [[a, b] for a, b in itertools.pairwise(bounds)]
    # Stubs (too few letters to be a span of their own) join a neighbour.
    merged: list[list[int]] = []
    for piece in pieces:
        if merged and (_alnum(text, *piece) < MIN_PIECE_CHARS
                       or _alnum(text, *merged[-1]) < MIN_PIECE_CHARS):
            merged[-1][1] = piece[1]
        else:
            merged.append(piece)
    out: list[tuple[int, int, int | None]] = []
    for a, b in merged:
        owner = _owner(text, a, b, regions)
        if out and out[-1][2] == owner:
            out[-1] = (out[-1][0], b, owner)  # same voice and quote on both sides: keep whole
        else:
            out.append((a, b, owner))
    spans: list[TechniqueSpan] = []
    for a, b, owner in out:
        a, b = _trim(text, a, b)
        if a >= b:
            continue
        spans.append(span.model_copy(update={
            "start": a, "end": b, "text": text[a:b],
            "voice": "quoted" if owner is not None else "narrator", "quote_index": owner}))
    return spans or [span.model_copy(update={"voice": "narrator", "quote_index": None})]


def voice_descriptor(text: str, d: Descriptor, regions: QuotedRegions) -> Descriptor:
    owner = _owner(text, d.start, d.end, regions) if d.end > d.start else None
    return d.model_copy(update={"voice": "quoted" if owner is not None else "narrator",
                                "quote_index": owner})


def voiced_techniques(text: str, techniques: Sequence[TechniqueSpan],
                      quotes: Sequence[Quote]) -> list[TechniqueSpan]:
    regions = QuotedRegions(quotes)
    return [piece for t in techniques for piece in voice_span(text, t, regions)]


def voice_words(text: str, quotes: Sequence[Quote]) -> tuple[int, int]:
    """(narrator words, quoted words); they add up to ``len(text.split())``."""
    regions = QuotedRegions(quotes)
    total = quoted = 0
    for m in _WORD.finditer(text):
        total += 1
        if regions and regions.inside(m.start()):
            quoted += 1
    return total - quoted, quoted


def _rate(n: int, words: int) -> float:
    return round(1000.0 * n / words, 2) if words else 0.0


def voice_summaries(analysis: Analysis) -> tuple[VoiceSummary, VoiceSummary] | None:
    """(narrator, quoted) spans per 1,000 of their own words; None when voice is unknown."""
    if not has_voice(analysis):
        return None
    narrator_words, quoted_words = voice_words(analysis.article.text, analysis.quotes)
    n_quoted = sum(1 for t in analysis.techniques if t.voice == "quoted")
    n_narrator = sum(1 for t in analysis.techniques if t.voice == "narrator")
    return (VoiceSummary(words=narrator_words, technique_spans=n_narrator,
                         spans_per_1000_words=_rate(n_narrator, narrator_words)),
            VoiceSummary(words=quoted_words, technique_spans=n_quoted,
                         spans_per_1000_words=_rate(n_quoted, quoted_words)))


def has_voice(analysis: Analysis) -> bool:
    """Whether voice was computed for this analysis: its provenance has the voice stage, and
    that stage did not fail or get skipped (a problem of its own)."""
    return (any(s.name == "voice" for s in analysis.provenance.stages)
            and not any(p.stage == "voice" for p in analysis.problems))


def provenance() -> StageProvenance:
    return StageProvenance(name="voice", version=VOICE_VERSION)


def with_voice(analysis: Analysis) -> Analysis:
    """A copy of ``analysis`` with voice on every technique span and descriptor, the
    summary's narrator and quoted figures, and the voice stage in its provenance.

    For analyses made without it (older slant, or stored before voice existed). Only when
    quotes were looked for (the provenance has the quotes stage); otherwise voice stays
    unknown and ``analysis`` is returned as it is.
    """
    if has_voice(analysis) or not any(s.name == "quotes" for s in analysis.provenance.stages):
        return analysis
    text = analysis.article.text
    regions = QuotedRegions(analysis.quotes)
    techniques = [p for t in analysis.techniques for p in voice_span(text, t, regions)]
    entities = [e.model_copy(update={"descriptors": [voice_descriptor(text, d, regions)
                                                     for d in e.descriptors]})
                for e in analysis.entities]
    prov = analysis.provenance.model_copy(
        update={"stages": [*analysis.provenance.stages, provenance()]})
    out = analysis.model_copy(update={"techniques": techniques, "entities": entities,
                                      "provenance": prov})
    if out.summary is not None:
        out.summary = summarize(out)
    return out


def summarize(analysis: Analysis, top: int = 3) -> Summary:
    """Technique spans per 1,000 words (all, the narrator's, quoted speech) and the most
    frequent techniques."""
    words = len(analysis.article.text.split())
    counts: dict[str, int] = {}
    for t in analysis.techniques:
        counts[t.technique] = counts.get(t.technique, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    n = len(analysis.techniques)
    both = voice_summaries(analysis)
    return Summary(
        words=words,
        technique_spans=n,
        spans_per_1000_words=_rate(n, words),
        top_techniques=[TechniqueCount(technique=k, count=v) for k, v in ranked],
        quotes=sum(1 for q in analysis.quotes if counted_quote(q)),
        entities=len(analysis.entities),
        narrator=both[0] if both else None,
        quoted=both[1] if both else None,
    )
