"""The ``quotes`` stage: who said what.

Quote marks are paired by :mod:`.marks`, cues and their content read from the parse by
:mod:`.attribution`, and speakers resolved to entity names by :mod:`.speakers`. A quoted
span that a cue introduces is ``direct``; a cue's clause without quote marks is
``indirect``, with some is ``mixed``. A quoted span with no cue continues the previous
speaker when it follows one closely; a short one that nobody says is a ``scare`` quote or a
quoted ``term``, with no speaker. :func:`extract_quotes` is the library verb.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from slant.analyze.parse import doc_text
from slant.analyze.quotes.attribution import find_attributions, subject_of
from slant.analyze.quotes.marks import Quoted, find_quoted
from slant.analyze.quotes.speakers import MentionIndex, infer_genders, resolve, speaker_bounds
from slant.context import Context
from slant.models import Entity, Quote, Span, Speaker, StageProvenance

__all__ = ["QuotesStage", "extract_quotes"]

PRONOUNS = {"he", "she", "they", "we", "i", "it"}
SHORT_WORDS = 4          # a quoted span this short, with no cue, is a scare quote or a term
CONTINUE_CHARS = 700     # a cue-less quote this close after a quote continues its speaker
TERM_BEFORE = re.compile(
    r"(?:called|dubbed|termed|named|titled|entitled|known as|the (?:word|term|phrase|slogan|"
    r"label|hashtag|programme|program|campaign|film|book|song|show|series|documentary|report)"
    r"|branded(?: as)?|labell?ed(?: as)?)\s*$",
    re.IGNORECASE,
)
SCARE_BEFORE = re.compile(r"(?:so[- ]called|self[- ]described|self[- ]styled|alleged|supposed)\s*$", re.IGNORECASE)


def _classify_unattributed(text: str, q: Quoted) -> str:
    """``scare`` or ``term`` for a short quoted span nobody is said to have said."""
    a, b = q.inner
    inner = text[a:b].strip(" ,.")
    before = text[max(0, q.start - 40):q.start]
    if SCARE_BEFORE.search(before):
        return "scare"
    if TERM_BEFORE.search(before):
        return "term"
    words = re.findall(r"[A-Za-z][\w'’-]*", inner)
    small = {"of", "the", "on", "a", "an", "and", "in", "for", "to", "at", "with"}
    title_case = bool(words) and words[0][0].isupper() and all(
        w[0].isupper() or w.lower() in small for w in words)
    if (title_case and len(words) > 1) or inner.startswith("#"):
        return "term"
    return "scare"


def _governing_cue(doc: Any, q: Quoted) -> tuple[Any, Any] | None:
    """The verb outside the quote that the quoted words hang from, and its subject
    ("Cruz slammed the ruling as “…”"), when the subject names someone."""
    span = doc.char_span(q.inner[0], max(q.inner[0] + 1, q.inner[1]), alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tok = span.root
    for _ in range(6):
        head = tok.head
        if head.i == tok.i:
            return None
        tok = head
        if q.start <= tok.idx < q.end:
            continue
        if tok.tag_.startswith("VB"):
            subj = subject_of(tok)
            if subj is None or q.start <= subj.idx < q.end:
                return None
            if subj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or subj.lower_ in PRONOUNS:
                return tok, subj
            return None
    return None


def _word_count(text: str, q: Quoted) -> int:
    a, b = q.inner
    return len(text[a:b].split())


def extract_quotes(doc: Any, entities: list[Entity] | None = None) -> list[Quote]:
    """The quotes of a parsed article, each with its kind, cue and speaker."""
    text = doc_text(doc)
    entities = entities or []
    index = MentionIndex(entities, infer_genders(doc, entities))
    quoted = find_quoted(text)
    q_starts = [q.start for q in quoted]
    used: set[int] = set()
    quotes_spans = [(q.start, q.end) for q in quoted]
    records: list[tuple[int, int, str, Span | None, Speaker | None]] = []
    last_person: Entity | None = None
    by_name = {e.name: e for e in entities}

    def overlapping(start: int, end: int) -> list[int]:
        i = bisect.bisect_right(q_starts, start) - 1
        i = max(i, 0)
        out = []
        while i < len(quoted) and quoted[i].start < end:
            if quoted[i].end > start:
                out.append(i)
            i += 1
        return out

    atts = find_attributions(doc)
    atts.sort(key=lambda a: a.content[0])
    for att in atts:
        cs, ce = att.content
        hits = overlapping(cs, ce)
        # a cue inside a quoted span is the speaker's own words, not an attribution
        cue_tok = doc[att.cue[0]]
        if any(quoted[i].start < cue_tok.idx < quoted[i].end for i in overlapping(cue_tok.idx, cue_tok.idx + 1)):
            continue
        kind = "indirect"
        if hits:
            qs = min(cs, *(quoted[i].start for i in hits))
            qe = max(ce, *(quoted[i].end for i in hits))
            inside = sum(min(quoted[i].end, qe) - max(quoted[i].start, qs) for i in hits)
            kind = "direct" if inside >= 0.85 * (qe - qs) else "mixed"
            if kind == "direct":
                cs, ce = qs, qe
            else:
                cs, ce = qs, qe
            used.update(hits)
        c0, c1 = att.cue_chars or (doc[att.cue[0]].idx, doc[att.cue[1] - 1].idx + len(doc[att.cue[1] - 1]))
        cue_span = Span(start=c0, end=c1, text=text[c0:c1])
        speaker = None
        if att.speaker is not None:
            sa, sb = att.speaker_span or speaker_bounds(doc, att.speaker)
            if sb > sa:
                name = resolve(doc, att.speaker, (sa, sb), index, last_person, quotes_spans)
                s0, s1 = doc[sa].idx, doc[sb - 1].idx + len(doc[sb - 1])
                speaker = Speaker(start=s0, end=s1, text=text[s0:s1], name=name)
                ent = by_name.get(name)
                if ent is not None and ent.type == "PERSON":
                    last_person = ent
        records.append((cs, ce, kind, cue_span, speaker))

    # quoted spans no cue claimed: continued speakers, unattributed quotes, scare quotes, terms
    records.sort(key=lambda r: r[0])
    rec_starts = [r[0] for r in records]
    for i, q in enumerate(quoted):
        if i in used:
            continue
        k = bisect.bisect_right(rec_starts, q.start) - 1
        if k >= 0 and records[k][1] >= q.end and records[k][2] != "indirect":
            continue  # inside a quote already recorded
        words = _word_count(text, q)
        inner = text[q.inner[0]:q.inner[1]].rstrip()
        sentence_like = words > SHORT_WORDS or (inner[-1:] in ".!?" and words > 2)
        if not sentence_like:
            kind = _classify_unattributed(text, q)
            records.append((q.start, q.end, kind, None, None))
            continue
        governed = _governing_cue(doc, q)
        if governed is not None:
            verb, subj = governed
            sa, sb = speaker_bounds(doc, subj)
            if sb > sa:
                name = resolve(doc, subj, (sa, sb), index, last_person, quotes_spans)
                s0, s1 = doc[sa].idx, doc[sb - 1].idx + len(doc[sb - 1])
                cue = Span(start=verb.idx, end=verb.idx + len(verb), text=verb.text)
                records.append((q.start, q.end, "direct", cue,
                                Speaker(start=s0, end=s1, text=text[s0:s1], name=name)))
                continue
        prev = None
        for r in reversed(records[: k + 1] if k >= 0 else []):
            if r[4] is not None and r[2] in ("direct", "mixed", "indirect"):
                prev = r
                break
        speaker = None
        if prev is not None and q.start - prev[1] <= CONTINUE_CHARS:
            speaker = prev[4]
        records.append((q.start, q.end, "direct", None, speaker))

    records = _one_per_span(records)
    out: list[Quote] = []
    last_end = -1
    for s, e, kind, cue, speaker in records:
        if e <= s:
            continue
        if s < last_end and kind in ("scare", "term"):
            continue
        out.append(Quote(start=s, end=e, text=text[s:e], kind=kind, cue=cue, speaker=speaker))  # type: ignore[arg-type]
        last_end = max(last_end, e)
    return out


def _one_per_span(records: list[tuple]) -> list[tuple]:
    """One record per (start, end): two cues can claim the same quote ("X said it best when
    he told a crowd: “…”"). Prefer a speaker named in the text over a pronoun, then the cue
    nearest the quote."""

    def rank(r: tuple) -> tuple:
        s, e, _kind, cue, speaker = r
        named = speaker is not None and speaker.text.lower() not in PRONOUNS
        dist = min(abs(cue.start - e), abs(s - cue.end)) if cue is not None else 10**9
        return (not named, speaker is None, dist)

    best: dict[tuple[int, int], tuple] = {}
    for r in records:
        key = (r[0], r[1])
        if key not in best or rank(r) < rank(best[key]):
            best[key] = r
    return sorted(best.values(), key=lambda r: (r[0], r[1]))


class QuotesStage:
    name = "quotes"
    requires = ("doc", "entities")
    produces = ("quotes",)
    version = "1"

    def provenance(self) -> StageProvenance:
        return StageProvenance(name=self.name, version=self.version, model="rules over spaCy parse")

    def __call__(self, ctx: Context) -> None:
        ctx.quotes = extract_quotes(ctx.doc, ctx.entities)
