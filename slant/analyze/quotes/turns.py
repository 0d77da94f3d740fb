"""Who goes on speaking in quotes no cue claims: a question-and-answer dialogue's turns, and
a plural speaker who cannot go on in the first person singular."""

from __future__ import annotations

import re

from slant.analyze.quotes.marks import Quoted
from slant.models import Span, Speaker

__all__ = ["FIRST_SINGULAR", "Record", "dialogue", "last_turns", "plural"]

# (start, end, kind, cue, speaker, speech)
Record = tuple[int, int, str, Span | None, Speaker | None, bool]


def last_turns(records: list[Record], k: int, made: list[Record]) -> list[Record]:
    """The two latest quotes with a speaker before the one at hand, in order: from the cues
    found (``records[:k + 1]``) and from this loop's own (``made``)."""
    found: list[Record] = []
    for r in reversed(records[: k + 1] if k >= 0 else []):
        if r[4] is not None and r[2] in ("direct", "mixed", "indirect"):
            found.append(r)
            if len(found) == 2:
                break
    return sorted(found + made[-2:], key=lambda r: r[0])[-2:]


def _paragraph(text: str, pos: int) -> tuple[int, int]:
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    return a, len(text) if b < 0 else b


def dialogue(text: str, first: Record, second: Record, q: Quoted) -> bool:
    """Whether ``q`` takes a turn in a question-and-answer dialogue: one speaker's question
    and another's answer, each a paragraph of its own with at most a short cue ("“…?” asked
    Roe." / "“…,” Lee said."), then ``q``, a question alone in the next paragraph with no
    cue: the one who asked asks again. Any other cue-less quote goes on with the last
    speaker, as news writes it ("“…,” Lee said." / "“…”")."""
    if first[4] is None or second[4] is None or first[4].name == second[4].name:
        return False
    asks = [text[s:e].rstrip(" ”\"’'").endswith("?") for s, e in
            ((first[0], first[1]), (second[0], second[1]), (q.start, q.end))]
    if asks != [True, False, True]:
        return False
    previous_end = -1
    for s, e in ((first[0], first[1]), (second[0], second[1]), (q.start, q.end)):
        a, b = _paragraph(text, s)
        if text[a:s].strip() or len(text[e:b].strip()) > (0 if s == q.start else 60):
            return False
        if previous_end >= 0 and text[previous_end:a].strip():
            return False
        previous_end = b
    return first[2] == "direct" and second[2] == "direct"


FIRST_SINGULAR = re.compile(r"\b(?:I|I['’](?:m|ve|d|ll)|me|my|myself)\b")


def plural(speaker: Speaker) -> bool:
    """Whether a speaker is a plural the article gave no name ("they", "health officials"),
    which cannot go on in the first person singular."""
    words = speaker.text.split()
    last = words[-1].strip(",.").lower() if words else ""
    if last in ("they", "we", "them", "us"):
        return True
    unnamed = speaker.name == " ".join(words)
    return unnamed and last.endswith("s") and not last.endswith("ss") and words[-1][:1].islower()

