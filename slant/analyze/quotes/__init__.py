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
from slant.analyze.quotes.attribution import find_attributions, negated, subject_of
from slant.analyze.quotes.cues import SPEECH_ACTS, SPEECH_PATTERNS, is_speech_cue
from slant.analyze.quotes.marks import Quoted, find_quoted
from slant.analyze.quotes.speakers import (
    DATELINE,
    MentionIndex,
    infer_genders,
    resolve,
    speaker_bounds,
)
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
    if _in_headline(text, q.start):
        return "scare"  # headlines are in Title Case: a quoted Title Case label there is a scare quote
    words = re.findall(r"[A-Za-z][\w'’-]*", inner)
    small = {"of", "the", "on", "a", "an", "and", "in", "for", "to", "at", "with"}
    title_case = bool(words) and words[0][0].isupper() and all(
        w[0].isupper() or w.lower() in small for w in words)
    if (title_case and len(words) > 1) or inner.startswith("#"):
        return "term"
    return "scare"




def _after_dateline(text: str, start: int, end: int) -> int:
    """``start`` moved past a dateline ("LONDON (Reuters) — ") that opens its paragraph."""
    if start > 0 and text[start - 1] != "\n":
        return start
    m = DATELINE.match(text, start, end)
    return m.end() if m else start


def _in_headline(text: str, pos: int) -> bool:
    """Whether ``pos`` is on the article's first line and an empty line follows it (the
    title, in the plain-text layout)."""
    nl = text.find("\n")
    return 0 <= pos < nl and text[nl:nl + 3].replace("\r", "").startswith("\n\n")


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


def _trailing_cue(doc: Any, q: Quoted, tok_starts: list[int]) -> tuple[Any, Any] | None:
    """"“…,” Tulsa police Chief Ann Roe said Monday." where the parse hung "said" elsewhere:
    a speech verb within ten words after the closing mark, in the same sentence, with the
    words before it naming someone."""
    k = bisect.bisect_left(tok_starts, q.end)
    between: list[Any] = []
    for j in range(k, min(len(doc), k + 12)):
        tok = doc[j]
        if tok.is_space or tok.text in (",", "—", "–"):
            if "\n" in tok.text:
                return None
            if between:
                break
            continue
        if tok.text in (".", "!", "?", ";", ":") or tok.text in "“”\"«»‘’'":
            return None
        put_it = tok.lower_ == "put" and j + 1 < len(doc) and doc[j + 1].lower_ == "it"
        if tok.tag_.startswith("VB") and (tok.lower_ in SPEECH_ACTS or put_it):
            between = [t for t in between if t.lower_ != "as"]  # "…," as a memo put it
            if not between:
                return None
            ents = [t for t in between if t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")]
            nouns = [t for t in between if t.tag_.startswith(("NN", "PRP"))]
            head = ents[-1] if ents else (nouns[-1] if nouns else None)
            return (tok, head) if head is not None else None
        between.append(tok)
    return None


def _sentence_subject_is(doc: Any, q: Quoted, name: str, index: MentionIndex,
                         last_person: Entity | None, quotes_spans: list[tuple[int, int]]) -> bool:
    """Whether the subject of the narrator's sentence around a mid-sentence quote is ``name``
    ("Cruz called Trump a “narcissist …”" after Cruz spoke), so the quote continues them;
    "a note reading “…”" in a sentence about someone else does not."""
    span = doc.char_span(q.start, q.start + 1, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    root = span[0].sent.root
    subj = subject_of(root)
    if subj is None or q.start <= subj.idx < q.end:
        return False
    sa, sb = speaker_bounds(doc, subj)
    return sb > sa and resolve(doc, subj, (sa, sb), index, last_person, quotes_spans) == name


def _opens_sentence(text: str, pos: int) -> bool:
    """Whether a quote at ``pos`` stands as its own sentence (after a paragraph break or a
    sentence end), not inside the narrator's sentence ("a note reading “…”")."""
    k = pos - 1
    while k >= 0 and text[k] in " \t\xa0":
        k -= 1
    return k < 0 or text[k] in "\n.!?”\"’:—–)"


def _leading_cue(doc: Any, q: Quoted, tok_starts: list[int]) -> tuple[Any, Any] | None:
    """"Trump boasted, “…”" where the parse did not make the quote the verb's complement: a
    speech verb right before the opening mark (a comma or colon between), with a subject."""
    k = bisect.bisect_left(tok_starts, q.start) - 1
    while k >= 0 and (doc[k].is_space or doc[k].text in (",", ":")):
        if "\n" in doc[k].text:
            return None
        k -= 1
    if k < 0:
        return None
    verb = doc[k]
    if verb.text in ("--", "—", "–") and k > 0 and doc[k - 1].ent_type_ == "PERSON":
        return verb, doc[k - 1]  # "… Mitt Romney -- “It is disqualifying …”"
    if verb.lower_ == "it" and k > 0 and doc[k - 1].lower_ == "put":
        verb = doc[k - 1]  # "As X, a tax lawyer, put it, “…”"
    if not (verb.tag_.startswith("VB") and (verb.lower_ in SPEECH_ACTS or verb.lower_ == "put")):
        return None
    direct = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
    if direct:
        return verb, direct[0]
    # else the words right before the verb name who speaks ("― Trump boasted, “…”"); the
    # parse's subject may be inherited from another clause
    before: list[Any] = []
    j = verb.i - 1
    while j >= 0 and verb.i - j <= 6 and not (doc[j].is_punct or doc[j].is_space):
        before.insert(0, doc[j])
        j -= 1
    ents = [t for t in before if t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") and t.tag_ != "JJ"]
    nouns = [t for t in before if t.tag_.startswith(("NN", "PRP"))]
    subj = ents[-1] if ents else (nouns[-1] if nouns else None)
    if subj is None:
        return None
    return verb, subj


def _word_count(text: str, q: Quoted) -> int:
    a, b = q.inner
    return len(text[a:b].split())


def extract_quotes(doc: Any, entities: list[Entity] | None = None) -> list[Quote]:
    """The quotes of a parsed article, each with its kind, cue and speaker."""
    text = doc_text(doc)
    entities = entities or []
    index = MentionIndex(entities, infer_genders(doc, entities))
    index.set_role_subjects(doc)
    quoted = find_quoted(text)
    q_starts = [q.start for q in quoted]
    used: set[int] = set()
    quotes_spans = [(q.start, q.end) for q in quoted]
    # (start, end, kind, cue, speaker, speech)
    records: list[tuple[int, int, str, Span | None, Speaker | None, bool]] = []
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
        cs = _after_dateline(text, cs, ce)
        hits = overlapping(cs, ce)
        # a cue inside a quoted span is the speaker's own words, not an attribution
        cue_tok = doc[att.cue[0]]
        if att.pattern != "transcript" and any(
                quoted[i].start < cue_tok.idx < quoted[i].end
                for i in overlapping(cue_tok.idx, cue_tok.idx + 1)):
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
                if name is None and att.pattern in ("transcript", "dash"):
                    # "MORROW: …", "“…” ― Name": the layout says who speaks
                    phrase = " ".join(text[doc[sa].idx:doc[sb - 1].idx + len(doc[sb - 1])].split())
                    found = index.by_part(phrase)
                    name = found.name if found is not None else phrase
                if name is not None:
                    s0, s1 = doc[sa].idx, doc[sb - 1].idx + len(doc[sb - 1])
                    speaker = Speaker(start=s0, end=s1, text=text[s0:s1], name=name)
                    ent = by_name.get(name)
                    if ent is not None and ent.type == "PERSON":
                        last_person = ent
                    elif ent is not None and ent.type in ("ORG", "GPE", "NORP"):
                        index.last_group = (ent, s0)
        speech = (kind == "direct" or att.pattern in SPEECH_PATTERNS or is_speech_cue(cue_span.text)) \
            and not negated(cue_tok)  # "X did not mention …" reports no speech
        records.append((cs, ce, kind, cue_span, speaker, speech))

    # quoted spans no cue claimed: continued speakers, unattributed quotes, scare quotes, terms
    records.sort(key=lambda r: r[0])
    rec_starts = [r[0] for r in records]
    tok_starts = [t.idx for t in doc]
    spoken = None
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
            records.append((q.start, q.end, kind, None, None, False))
            continue
        governed = _leading_cue(doc, q, tok_starts) or _governing_cue(doc, q) or \
            _trailing_cue(doc, q, tok_starts)
        if governed is not None:
            verb, subj = governed
            sa, sb = speaker_bounds(doc, subj)
            name = resolve(doc, subj, (sa, sb), index, last_person, quotes_spans) if sb > sa else None
            if name is not None:
                s0, s1 = doc[sa].idx, doc[sb - 1].idx + len(doc[sb - 1])
                cue = Span(start=verb.idx, end=verb.idx + len(verb), text=verb.text)
                records.append((q.start, q.end, "direct", cue,
                                Speaker(start=s0, end=s1, text=text[s0:s1], name=name), True))
                spoken = records[-1]
                continue
        prev = None
        for r in reversed(records[: k + 1] if k >= 0 else []):
            if r[4] is not None and r[2] in ("direct", "mixed", "indirect"):
                prev = r
                break
        if spoken is not None and (prev is None or spoken[0] > prev[0]):
            prev = spoken  # a quote this loop gave a speaker ("“…,” said X. “…”")
        speaker = None
        if prev is not None and q.start - prev[1] <= CONTINUE_CHARS and (
                (_opens_sentence(text, q.start) and text[:q.start].rstrip(" \t\xa0")[-1:] != ":")
                or _sentence_subject_is(doc, q, prev[4].name, index, last_person, quotes_spans)):
            speaker = prev[4]
        records.append((q.start, q.end, "direct", None, speaker, True))

    records = _one_per_span(records)
    out: list[Quote] = []
    last_end = -1
    for s, e, kind, cue, speaker, speech in records:
        if e <= s:
            continue
        if s < last_end and kind in ("scare", "term"):
            continue
        out.append(Quote(start=s, end=e, text=text[s:e], kind=kind, cue=cue,  # type: ignore[arg-type]
                         speaker=speaker, speech=speech))
        last_end = max(last_end, e)
    return out


def _one_per_span(records: list[tuple]) -> list[tuple]:
    """One record per (start, end): two cues can claim the same quote ("X said it best when
    he told a crowd: “…”"). Prefer a speaker named in the text over a pronoun, then the cue
    nearest the quote."""

    def rank(r: tuple) -> tuple:
        s, e, _kind, cue, speaker, _speech = r
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
    version = "2"

    def provenance(self) -> StageProvenance:
        return StageProvenance(name=self.name, version=self.version, model="rules over spaCy parse")

    def __call__(self, ctx: Context) -> None:
        ctx.quotes = extract_quotes(ctx.doc, ctx.entities)
