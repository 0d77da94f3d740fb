"""The same quote reported by several articles: near-duplicates (word-set Jaccard at least
``NEAR_DUPLICATE``, or a quote of ``MIN_CONTAINED_TOKENS`` or more words ``CONTAINED`` in
another) grouped transitively, for :func:`slant.stories.compare.compare`. A quote split by its
cue ("“A,” she said, “B.”") is compared whole, its parts joined (:mod:`slant.utterances`), so
it matches the outlet that printed "“A B,” she said"."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from typing import Any

from slant.models import REPORTED_KINDS, Analysis, is_reported_speech
from slant.utterances import joined_text, utterances
from slant.stories.comparison import QuoteMatch, QuoteOccurrence

NEAR_DUPLICATE = 0.6  # token-set Jaccard at or above which two quotes are the same quote
CONTAINED = 0.8  # share of the shorter quote's words found in the longer one
MIN_QUOTE_TOKENS = 4
MIN_CONTAINED_TOKENS = 6


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


def match_quotes(analyses: list[Analysis], threshold: float = NEAR_DUPLICATE,
                 who: Any = None, speech_only: bool = True) -> list[QuoteMatch]:
    """Quotes of different articles that are near-duplicates (see the module docstring),
    grouped transitively. Quotes shorter than 4 words are ignored."""
    items: list[tuple[QuoteOccurrence, frozenset[str]]] = []
    for a in analyses:
        for group in utterances(a.quotes):
            q = a.quotes[group[0]]
            if q.kind not in REPORTED_KINDS or (speech_only and not is_reported_speech(q)):
                continue
            words = joined_text(a.quotes, group)
            toks = _tokens(words)
            if len(toks) < MIN_QUOTE_TOKENS:
                continue
            speaker = None
            if q.speaker:
                speaker = who(a.article.id, q.speaker.name)[1] if who else q.speaker.name
            items.append((QuoteOccurrence(
                article_id=a.article.id, source=a.article.source, speaker=speaker,
                text=words, start=q.start, end=a.quotes[group[-1]].end), toks))
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
