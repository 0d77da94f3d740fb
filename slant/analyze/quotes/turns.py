"""Who goes on speaking in quotes no cue claims: a question-and-answer dialogue's turns, a
person the narrator turns to just before the quote, and a plural speaker who cannot go on in
the first person singular."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from typing import Any

from slant.analyze.parse import doc_text
from slant.analyze.quotes.marks import Quoted
from slant.analyze.quotes.words import PEOPLE_NOUNS, PERSON_NOUNS, ROLES, ROLES_PEOPLE
from slant.models import Quote, Span, Speaker
from slant.names.rules import TITLE_ABBREVIATIONS

__all__ = ["FIRST_SINGULAR", "Record", "dialogue", "last_turns", "lead_in", "named_by_next", "named_next",
           "new_topic", "plural"]

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



QUOTE_MARKS = set("\"“”«»„")


def new_topic(doc: Any, pos: int, prev_end: int, speaker: Speaker,
              name_of: Callable[[Any], tuple[str, int, int] | None]) -> Speaker | None:
    """The person a narrator's sentence right before a cue-less quote at ``pos`` is about
    (its subject, a name, not a pronoun), when that sentence lies wholly after the last
    speaker's words and the person is someone else: "Roe's father, Lamar, saw it too. “…”"
    is Lamar's, not Roe's."""
    k = pos - 1
    text = doc_text(doc)
    while k > prev_end and text[k].isspace():
        k -= 1
    span = doc.char_span(k, k + 1, alignment_mode="expand")
    if span is None or len(span) == 0 or k <= prev_end:
        return None
    sent = span[0].sent
    if sent.start_char <= prev_end or pos - sent.start_char > 400 or \
            any(ch in QUOTE_MARKS for ch in text[sent.start_char:k + 1]):
        return None  # within someone's words, or a sentence that quotes
    subj = next((c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.tag_ == "PRP" or subj.lower_ in ("who", "which", "that"):
        return None
    found = name_of(subj)
    if found is None or found[0] == speaker.name:
        return None
    name, sa, sb = found
    s0, s1 = doc[sa].idx, doc[sb - 1].idx + len(doc[sb - 1])
    return Speaker(start=s0, end=s1, text=text[s0:s1], name=name)


def named_next(doc: Any, pos: int, tok_starts: list[int],
               topic_name: Callable[[Any], tuple[str, int, int] | None]) -> str | None:
    """The person named as the subject of the words right after ``pos`` (a closing quote
    mark) in its paragraph: "“…?” Rep. Ann Roe wanted to know." is Roe's question, whoever
    spoke before it."""
    k = bisect.bisect_left(tok_starts, pos)
    while k < len(doc) and (doc[k].is_punct or doc[k].is_space) and "\n" not in doc[k].text:
        k += 1
    if k >= len(doc) or (doc[k].ent_type_ != "PERSON"
                         and doc[k].lower_.rstrip(".") not in TITLE_ABBREVIATIONS):
        return None
    head = doc[k]
    while head.dep_ in ("compound", "punct") and head.head.i > head.i:
        head = head.head
    found = topic_name(head) if head.dep_ == "nsubj" else None
    return found[0] if found else None


def lead_in(doc: Any, prev_end: int, pos: int) -> tuple[int, int] | None:
    """A heading of the narrator's own, a line with no verb that ends with a colon, between the
    last speaker's words and a cue-less quote at ``pos`` ("Some Farrakhan quotes:"): its
    character bounds. The quotes after it are whoever it names, not the last speaker."""
    text = doc_text(doc)
    k = text.rfind("\n", prev_end, pos)
    if k < 0 or text[k:pos].strip():
        return None  # the quote does not open its own line
    start = text.rfind("\n", 0, k) + 1
    line = text[start:k].strip()
    if start < prev_end or not line.endswith(":") or len(line) > 200 or \
            any(ch in QUOTE_MARKS for ch in line) or not any(ch.isalpha() for ch in line):
        return None  # the line must lie wholly after the last speaker's words
    span = doc.char_span(start, k, alignment_mode="expand")
    if span is None or any(t.tag_.startswith("VB") or t.tag_ == "MD" for t in span):
        return None  # a sentence ("Trump quoted him as he urged senators:"): not a heading
    return start, k


#: a verb of thinking right before a quote that no cue claims: "we thought, “…”", "I
#: wondered: “…”", "she asked herself, “…”"; the words were thought, not said
THOUGHT_LEAD = re.compile(r"\b(?:thought|think|thinks|thinking|wondered|wonder|wonders|wondering|mused"
                          r"|asked[ \t]+(?:myself|himself|herself|ourselves|themselves))[ \t]*[,:]?[ \t]*$",
                          re.IGNORECASE)


def thought(text: str, start: int) -> bool:
    """Whether the quote at ``start`` follows a verb of thinking in its own sentence."""
    return THOUGHT_LEAD.search(text, max(0, start - 60), start) is not None


# cues that say the speaker goes on from the quote before: "Adachi added, “…”"
GOES_ON = {"added", "adds", "adding", "continued", "continues", "continuing"}
GOES_ON_NEAR = 400  # how close after the role's words the named speaker must go on
# one person's roles the word lists leave out ("the public defender said …")
SPEAKING_ROLES = {"defender", "caller", "eyewitness", "host", "preacher", "interviewer", "interviewee",
                  "narrator", "listener", "viewer", "reader"}
ONE_PERSONS_ROLES = PEOPLE_NOUNS | PERSON_NOUNS | ROLES | ROLES_PEOPLE | SPEAKING_ROLES


def named_by_next(text: str, quotes: list[Quote]) -> list[Quote]:
    """``quotes`` with a role phrase left as it is ("The public defender said …") named for
    the person whose quote in the next sentence says they go on ("Adachi added, “…”"):
    whoever adds to the words before spoke them."""
    out = list(quotes)
    for i, q in enumerate(out[:-1]):
        sp = q.speaker
        if sp is None or sp.name != sp.text or not _role_phrase(sp.text):
            continue
        nxt = next((n for n in out[i + 1:] if n.speaker is not None and n.start >= q.end), None)
        if nxt is None or nxt.cue is None or nxt.speaker is None or nxt.start - q.end > GOES_ON_NEAR \
                or nxt.cue.text.lower() not in GOES_ON:
            continue
        name = nxt.speaker.name
        if name == nxt.speaker.text.lower() or not name[:1].isupper() or _role_phrase(name) or \
                len(re.findall(r"[.!?](?=\s)", text[q.end:min(nxt.start, nxt.cue.start)])) > 1:
            continue  # (a sentence between them may bring in someone else)
        out[i] = q.model_copy(update={"speaker": sp.model_copy(update={"name": name})})
    return out


def _role_phrase(text: str) -> bool:
    """"The public defender", "the caller": "the", lowercase words and one person's role."""
    words = text.split()
    return 2 <= len(words) <= 4 and words[0].lower() == "the" and all(w.islower() for w in words[1:]) \
        and words[-1] in ONE_PERSONS_ROLES
