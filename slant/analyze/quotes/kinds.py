"""Quoted spans nobody is said to have said: a ``scare`` quote ("the so-called “experts”")
or a quoted ``term`` (a title, a slogan, a name in Title Case)."""

from __future__ import annotations

import bisect
import re
from typing import Any

from slant.analyze.quotes.marks import Quoted, opens_sentence
from slant.analyze.quotes.words import DATELINE

__all__ = ["after_dateline", "classify_unattributed", "in_phrase", "names_only"]

TERM_BEFORE = re.compile(
    r"(?:called|dubbed|termed|named|titled|entitled|known as|the (?:word|term|phrase|slogan|"
    r"label|hashtag|programme|program|campaign|film|book|song|show|series|documentary|report)"
    r"|branded(?: as)?|labell?ed(?: as)?)\s*$",
    re.IGNORECASE,
)
SCARE_BEFORE = re.compile(r"(?:so[- ]called|self[- ]described|self[- ]styled|alleged|supposed)\s*$", re.IGNORECASE)


def classify_unattributed(text: str, q: Quoted) -> str:
    """``scare`` or ``term`` for a short quoted span nobody is said to have said."""
    a, b = q.inner
    inner = text[a:b].strip(" ,.")
    before = text[max(0, q.start - 40):q.start]
    if SCARE_BEFORE.search(before):
        return "scare"
    if TERM_BEFORE.search(before):
        return "term"
    if in_headline(text, q.start):
        return "scare"  # headlines are in Title Case: a quoted Title Case label there is a scare quote
    if is_title(inner) or inner.startswith("#"):
        return "term"
    return "scare"


def in_phrase(doc: Any, tok_starts: list[int], text: str, q: Quoted) -> bool:
    """A quote right after a preposition or a determiner inside a sentence ("sentenced him to
    seclusion for “penitence and prayer.”"): a phrase of the writer's sentence, no utterance
    to give the last speaker."""
    k = bisect.bisect_left(tok_starts, q.start) - 1
    return k >= 0 and doc[k].tag_ in ("IN", "DT", "TO", "PRP$") and doc[k].lower_ not in ("that", "if", "whether") \
        and not opens_sentence(text, q.start)  # "told them that “…”" introduces words


SMALL_WORDS = {"of", "the", "on", "a", "an", "and", "in", "for", "to", "at", "with", "or", "by",
               "from", "as", "but", "nor", "vs"}
TITLE_MAX_WORDS = 15


def is_title(inner: str) -> bool:
    """Words in Title Case, two to fifteen of them, as the name of a book, a film or an
    article is written ("Harbour Workers Who Tried to See the Mayor…")."""
    words = re.findall(r"[A-Za-z][\w'’-]*", inner)
    if not any(ch.islower() for ch in inner):
        return False  # all in capitals: shouted words, not a title
    return 1 < len(words) <= TITLE_MAX_WORDS and words[0][0].isupper() and all(
        w[0].isupper() or w.lower() in SMALL_WORDS for w in words)


def show_title(text: str, first: Any, second: Any, cue_start: int) -> bool:
    """"told CBS’ “Face the Nation”: “…”": a title in marks after the cue, then a colon or a
    comma and the words: the show or paper told, not part of what was said."""
    inner = text[first.inner[0]:first.inner[1]].strip(" ,.:")
    return cue_start < first.start and is_title(inner) and len(inner.split()) <= 6 \
        and text[first.end:second.start].strip() in (":", ",")


def in_headline(text: str, pos: int) -> bool:
    """Whether ``pos`` is on the article's first line and an empty line follows it (the
    title, in the plain-text layout)."""
    nl = text.find("\n")
    return 0 <= pos < nl and text[nl:nl + 3].replace("\r", "").startswith("\n\n")


def after_dateline(text: str, start: int, end: int) -> int:
    """``start`` moved past a dateline ("LONDON (Reuters) — ") that opens its paragraph."""
    if start > 0 and text[start - 1] != "\n":
        return start
    m = DATELINE.match(text, start, end)
    return m.end() if m else start


def names_only(tok: Any) -> bool:
    """Whether a naming word right before a quote names a thing ("a document called “…”",
    "known as “…”") rather than being someone's verb ("which X has called “…”")."""
    return not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children) or tok.lower_ == "as"
