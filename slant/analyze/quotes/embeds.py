"""Posts embedded in an article: a tweet's text, then its signature line ("pic.twitter.com/…
— Ann Roe (@annroe) October 6, 2017"). The words above the signature are the poster's, not
the outlet's, though no verb and no quote mark says so."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from slant.analyze.parse import doc_text
from slant.analyze.quotes.candidates import Attribution
from slant.models import Entity
from slant.names.rules import HONORIFICS, TITLE_ABBREVIATIONS

__all__ = ["SIGNATURE_RE", "embedded_posts", "poster"]

# the signature an embedded tweet ends with: an optional link, a dash, the display name, the
# handle and the date ("pic.twitter.com/x — Ann Roe (@annroe) October 6, 2017")
LINK = r"(?:pic\.twitter\.com|https?://t\.co)/\S+"  # a post's picture or short link
LINK_RE = re.compile(LINK)
SIGNATURE_RE = re.compile(
    r"(?:(?<=\s)|^)(?:" + LINK + r"[ \t\xa0]*)?[—–-]{1,2}[ \t\xa0]*"
    r"(?P<name>[^()\n]{1,60}?)[ \t\xa0]+\(@(?P<handle>\w{1,30})\)[ \t\xa0]+"
    r"(?P<month>[A-Z][a-z]{2,8})[ \t\xa0]+(?P<day>\d{1,2}),[ \t\xa0]+(?P<year>\d{4})[ \t\xa0]*$",
    re.MULTILINE)
TRAILING_LINK_RE = re.compile(r"[ \t\xa0]*" + LINK + r"[ \t\xa0]*$")
# a signature's tail left alone on its line ("(@annroe) October 6, 2017") ends the post above
TAIL_RE = re.compile(r"^\s*\(@\w{1,30}\)[ \t\xa0]+[A-Z][a-z]{2,8}[ \t\xa0]+\d{1,2},[ \t\xa0]+\d{4}\s*$")
# a post was at most 140 characters before 7 November 2017 and 280 since
LONGER_FROM = dt.date(2017, 11, 7)
MONTHS = {m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                      "september", "october", "november", "december"), start=1)}
QUOTE_MARKS = "“”\"«»"
# a page's own furniture, not a post ("Completing this poll grants you access …")
CHROME_RE = re.compile(r"\b(?:this field is for validation|completing this poll|privacy policy|terms of use|"
                       r"opt out at any ?time|e-?mail \*)", re.IGNORECASE)


def _limit(month: str, year: str, day: str) -> int:
    """How long a post could be on its date: 280 characters, or 140 before 7 November 2017."""
    m = MONTHS.get(month.lower()) or next((v for k, v in MONTHS.items() if k.startswith(month.lower())), 0)
    try:
        date = dt.date(int(year), m, int(day))
    except ValueError:
        return 280
    return 140 if date < LONGER_FROM else 280


NAME_FILLERS = {"the", "and", "for", "news", "official", "team", "account"}  # words of a display name no line names it by
SLACK = 20  # what a post's links and handles may add to its length
BLANK_LINE = re.compile(r"\n[ \t\xa0]*\n")


def _pieces(doc: Any, text: str, end: int) -> list[tuple[int, int]]:
    """The sentences before ``end``, cut at line breaks, as character bounds."""
    out = []
    for sent in doc.sents:
        if sent.start_char >= end:
            break
        a, b = sent.start_char, min(sent.end_char, end)
        out += [(a + m.start(), a + m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text[a:b])]
    return out


def _body(doc: Any, text: str, end: int, limit: int, name_words: set[str],
          reported: set[int], own: int) -> tuple[int, int] | None:
    """The post that ends by ``end``: back over sentences and lines, up to a
    blank line, while the post stays within ``limit`` characters; never over one that leads
    in ("… tweeted:", "… on this decision…"), names or speaks of the poster ("Roe tweeted."),
    is the page's furniture (a poll's terms),
    holds a quote mark or a report of the narrator's ("Lee said that …"), ends another post, or
    is the article's first line (its title). None when its last sentence holds a quote mark or
    is too long to be a post, or, above the signature's own line (from ``own``), fails any of
    those (a post of a photo alone, after "Roe shared a photo of the square."); else the
    post's bounds."""
    start, length, last = None, 0, 0
    for s, e in reversed(_pieces(doc, text, end)):
        piece = text[s:e].strip()
        words = {w.strip(".,:;!?'’").lower() for w in piece.split() if w[:1] not in "#@"}  # (a post tags itself)
        line = text[text.rfind("\n", 0, s) + 1:e]  # (the parser may cut a signature line in two)
        never = any(ch in piece for ch in QUOTE_MARKS) or bool(CHROME_RE.search(piece))  # not a post's, anywhere
        stop = never or piece.endswith((":", "…", "...")) or TAIL_RE.match(piece) or "(@" in line \
            or LINK_RE.search(line) or words & name_words or any(w.startswith(("tweet", "twitter")) for w in words) \
            or s == 0
        if start is None:  # (a post's own words may report: "a slip shows the board fudged …")
            if never or stop and s < own or len(piece) > limit + SLACK:
                return None
            start, length, last = s, len(piece), e
            continue
        if stop or any(s <= r < e for r in reported) or BLANK_LINE.search(text, e, start) \
                or length + len(piece) + 1 > limit + SLACK:
            break
        start, length = s, length + len(piece) + 1
    return None if start is None else (start, last)


def embedded_posts(doc: Any, out: list[Attribution]) -> None:
    """An attribution for each embedded tweet, to the name its signature gives, with the
    attributions the parse found inside the post's words dropped: its grammar is the poster's,
    not a report by the outlet."""
    text = doc_text(doc)
    reported = {doc[a.cue[0]].idx for a in out if a.speaker is not None}  # the narrator's reports, by their cue
    for m in SIGNATURE_RE.finditer(text):
        name = m.group("name").strip(" \t\xa0—–-")
        if not any(ch.isalpha() for ch in name):
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        end = line_start + len(TRAILING_LINK_RE.sub("", text[line_start:m.start()]).rstrip())
        name_words = {w.lower() for w in re.findall(r"[A-Za-z][\w'’-]{2,}", name)} - NAME_FILLERS | {m.group("handle").lower()}
        limit = _limit(m.group("month"), m.group("year"), m.group("day"))
        body = _body(doc, text, end, limit, name_words, reported, line_start)
        if body is None:
            continue
        start, end = body
        span = doc.char_span(m.start("name"), m.start("name") + len(name), alignment_mode="expand")
        dash = max(text.rfind(ch, m.start(), m.start("name")) for ch in "—–-")
        tok = doc.char_span(dash, dash + 1, alignment_mode="expand")
        if span is None or len(span) == 0 or tok is None or end <= start:
            continue
        out[:] = [a for a in out if not start <= doc[a.cue[0]].idx < end]
        out.append(Attribution(cue=(tok.start, tok.start + 1), content=(start, end), speaker=span.root,
                               pattern="post", speaker_span=(span.start, span.end), cue_chars=(dash, dash + 1)))


# titles a display name may open with ("Sen. Ann Roe", "Senator Ann Roe")
TITLES = HONORIFICS | TITLE_ABBREVIATIONS | {"senator", "governor", "mayor", "president", "representative"}


def poster(entities: list[Entity], name: str) -> Entity | None:
    """The entity a post's display name is: one of the same name, with or without a title
    ("Sen. Ann Roe" is "Ann Roe"), never one it is only a piece of ("Mike" is not "Mike Osk",
    nor "CBP San Diego" the city)."""
    words = name.split()
    bare = " ".join(words[1:]) if len(words) > 1 and words[0].lower().rstrip(".") in TITLES else name
    return next((e for e in entities if e.name in (name, bare)), None)
