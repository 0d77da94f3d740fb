"""One utterance in several quotes: "“We will not close it,” Lee said, “not this year.”".

A speaker's words split by the cue, or resumed after it without a new one, are one thing
said. The quotes stage finds each part as its own quote (each a contiguous span, so voice
and offsets stay simple) and :func:`link_parts` ties the later parts to the first with
``Quote.continues``. Reports, pages and counts then show and count the utterance once:

- **split by the cue**: two quotes with the same cue span ("“A,” she said, “B.”");
- **resumed without a cue**: a quote with no cue whose speaker is the same mention as the
  utterance's first part, with no paragraph break in between ("“A,” she said. “B.”").

Parts are alike in what they report: both speech or both not (``is_reported_speech``), and
both the speaker's words or both only a topic (``content``). So an utterance is counted,
listed and shown as its first part says, and never hides a part that reports speech behind
one that does not ("Roe wanted “to know everything.” “It is a scandal.”": the second is
speech of its own; "Roe denied the accusations. “They are lies.”": words, not a topic).

Scare quotes and quoted terms never take part, and do not break an utterance off.
Analyses made before ``continues`` existed (schema 1.2 and older) get it from
:func:`with_parts` when the store saves them.
"""

from __future__ import annotations

from collections.abc import Sequence

from slant.models import REPORTED_KINDS, Analysis, Quote, Span, counted_quote, is_reported_speech

#: what stands between two parts of one utterance when they are shown together
GAP = " … "


def _same(a: Span | None, b: Span | None) -> bool:
    return a is not None and b is not None and (a.start, a.end) == (b.start, b.end)


def link_parts(text: str, quotes: Sequence[Quote]) -> list[Quote]:
    """The quotes (in their order) with ``continues`` set on each part after an utterance's
    first: the index of that first part."""
    out = [q.model_copy(update={"continues": None}) if q.continues is not None else q
           for q in quotes]
    head: int | None = None  # the first part of the utterance in progress
    last_end = 0  # where its latest part ends
    for i in sorted(range(len(out)), key=lambda i: (out[i].start, out[i].end)):
        q = out[i]
        if q.kind not in REPORTED_KINDS:
            continue
        if head is not None and head < i:
            first = out[head]
            split = q.cue is not None and _same(q.cue, first.cue)
            resumed = q.cue is None and _same(q.speaker, first.speaker) and "\n" not in text[last_end:q.start]
            alike = is_reported_speech(q) == is_reported_speech(first) and q.content == first.content
            if (split or resumed) and alike:
                out[i] = q.model_copy(update={"continues": head})
                last_end = q.end
                continue
        head, last_end = i, q.end
    return out


def utterances(quotes: Sequence[Quote]) -> list[list[int]]:
    """The quotes' indices grouped by utterance, each group in text order, groups in the
    order of their first parts."""
    groups: dict[int, list[int]] = {}
    for i, q in enumerate(quotes):
        root = q.continues if q.continues is not None and q.continues in groups else i
        groups.setdefault(root, []).append(i)
    return sorted((sorted(g, key=lambda i: quotes[i].start) for g in groups.values()),
                  key=lambda g: quotes[g[0]].start)


def by_first_part(quotes: Sequence[Quote]) -> dict[int, list[int]]:
    """:func:`utterances` keyed by each utterance's first part: what a list that shows an
    utterance once (at its first part) looks its parts up in."""
    return {g[0]: g for g in utterances(quotes)}


def joined_text(quotes: Sequence[Quote], group: Sequence[int]) -> str:
    """An utterance's words: its parts' texts in order, :data:`GAP` between them."""
    return GAP.join(quotes[i].text for i in group)


def with_parts(analysis: Analysis) -> Analysis:
    """``analysis`` with its utterances' parts linked and its summary counting each utterance
    once, when it was made before ``continues`` existed (schema 1.2 or older) and looked for
    quotes; else ``analysis`` itself."""
    made = tuple(int(x) for x in analysis.provenance.schema_version.split(".")[:2] if x.isdigit())
    if made >= (1, 3) or not any(s.name == "quotes" for s in analysis.provenance.stages):
        return analysis
    quotes = link_parts(analysis.article.text, analysis.quotes)
    out = analysis.model_copy(update={"quotes": quotes})
    if out.summary is not None:
        out.summary = out.summary.model_copy(
            update={"quotes": sum(1 for q in quotes if counted_quote(q))})
    return out
