"""When a technique span *aims at* an entity.

The rule, applied to each technique span of an analysis:

1. **Direct.** The span overlaps (shares at least one character with) a mention of the
   entity or one of its descriptors → it aims at that entity. A span overlapping
   several entities aims at each of them.
2. **Same sentence, one candidate.** Otherwise, when the sentence holding the span's start
   mentions exactly one entity (of types PERSON, ORG, GPE, NORP, LOC), the span aims at
   that entity. Sentences are split after ``.``, ``!`` or ``?`` followed by whitespace,
   and at blank lines.
3. Otherwise the span aims at nothing: with two or more entities in the sentence and none
   touched, the target is ambiguous, and slant does not guess.
"""

from __future__ import annotations

import bisect
import re

from slant.models import Analysis

_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+|\n\s*\n")


def sentence_bounds(text: str) -> list[int]:
    """Start offsets of the sentences of ``text`` (the first is 0)."""
    return [0] + [m.end() for m in _SENTENCE_END.finditer(text)]


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def aimed_at(analysis: Analysis) -> list[tuple[int, str]]:
    """Pairs (index into ``analysis.techniques``, entity name) under the rule above."""
    text = analysis.article.text
    starts = sentence_bounds(text)

    def sentence_of(pos: int) -> int:
        return bisect.bisect_right(starts, pos) - 1

    # Entity occurrences: (start, end, name), from mentions and descriptors.
    occ: list[tuple[int, int, str]] = []
    by_sentence: dict[int, set[str]] = {}
    for e in analysis.entities:
        for m in e.mentions:
            occ.append((m.start, m.end, e.name))
            if e.type != "OTHER":
                by_sentence.setdefault(sentence_of(m.start), set()).add(e.name)
        for d in e.descriptors:
            occ.append((d.start, d.end, e.name))
    pairs: list[tuple[int, str]] = []
    for i, t in enumerate(analysis.techniques):
        direct = sorted({name for s, e, name in occ if _overlaps(t.start, t.end, s, e)})
        if direct:
            pairs.extend((i, name) for name in direct)
            continue
        names = by_sentence.get(sentence_of(t.start), set())
        if len(names) == 1:
            pairs.append((i, next(iter(names))))
    return pairs
