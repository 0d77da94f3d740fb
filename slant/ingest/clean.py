"""Lines that are not article text, removed at ingest from plain text and extracted HTML alike.

A line (a paragraph) is removed when the whole of it is one of:

- ``timestamp``: a date/time stamp ("13/11/2015 09:23 GMT | Updated 13/11/2015 10:00 GMT",
  "Published 3 hours ago"), which is not a title;
- ``caption``: a photo caption or credit ("Photo: …", "… (AP Photo/Jo Roe)", "… [Getty]",
  "… Photograph: Name/Agency");
- ``related``: a "READ MORE: …", "Related: …", "See also …", "WATCH: …" line, and the page's
  own signposts ("Story continues below", "Take our poll", "Advertisement") and shop
  widgets ("… Best Price: $3.15 Buy New $7.40 (as of …)", "[Pre-order her new book HERE.]");
- ``share``: a share or follow prompt ("Share this article", "Follow us on Twitter",
  "Facebook Twitter WhatsApp Email");
- ``newsletter``: a newsletter box ("Sign up to our daily newsletter", "… delivered to your
  inbox", "Enter your email address").

The first line, when an empty line follows it (a title), is removed only as a timestamp.

Lines longer than :data:`MAX_LINE` characters are article text whatever they hold. What was
removed is recorded on the Article (``Article.removed``: kind, offsets into the text as read,
and the line), so an offset into the original file can be mapped to the cleaned text and back.
"""

from __future__ import annotations

import re

from slant.models import Removed

__all__ = ["MAX_LINE", "clean_text", "line_kind", "paragraphs_text"]

#: a line longer than this is article text
MAX_LINE = 400

_MONTHS = ("jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|"
           "june|july|august|september|october|november|december")
_DAYS = "mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_STAMP_WORDS = re.compile(
    rf"\b(?:published|updated|last|posted|first|modified|on|at|gmt|utc|bst|cet|cest|est|edt|pst|"
    rf"pdt|et|am|pm|a\.m\.|p\.m\.|ago|hours?|hrs?|minutes?|mins?|days?|weeks?|yesterday|today|"
    rf"just|now|{_MONTHS}|{_DAYS})\b\.?",
    re.IGNORECASE,
)
_STAMP_REST = re.compile(r"^[\s\d:/.,|•·\-–—+()]*$")

_CAPTION_START = re.compile(
    r"^\s*(?:\(|\[)?(?:photo(?:graph)?s?|picture|pictured|image|caption|photo credit|image credit|"
    r"image copyright|image caption|credit|media caption|video caption)\s*[:|]",
    re.IGNORECASE,
)
_CAPTION_END = re.compile(
    r"(?:[(\[](?:[^()\[\]]{0,60}\b(?:photo|photograph|image|picture|file)\b[^()\[\]]{0,60}|"
    r"(?:AP|AFP|Reuters|Getty(?: Images)?|EPA|PA|PA Wire|Shutterstock|Alamy|Bloomberg|"
    r"Xinhua|Anadolu|SOPA)(?:\s*/\s*[^()\[\]]{1,40})?)[)\]]"
    r"|(?:photograph|photo|picture|image)\s*:\s*[^.!?]{2,80}"
    r"|\s[|/]\s*(?:Getty Images|AFP|Reuters|AP|EPA|Shutterstock|Alamy))\s*\.?\s*$",
    re.IGNORECASE,
)
_RELATED = re.compile(
    r"^\s*(?:READ MORE|Read more|READ ALSO|Read also|ALSO READ|Also read|RELATED|Related"
    r"(?: articles?| stories| story| content| coverage| reading| links?)?|SEE ALSO|See also|"
    r"MORE ON THIS(?: STORY)?|More on this(?: story)?|MORE|WATCH|Watch|LISTEN|Listen|"
    r"Recommended|RECOMMENDED|Most read|MOST READ|Trending|TRENDING|Don't miss|DON'T MISS)"
    r"\s*(?:[:\-—–|>»]|$)",
)
_SIGNPOST = re.compile(
    r"^\s*(?:(?:take|vote in|answer) our (?:poll|survey|quiz)\b.{0,100}|"
    r".{0,100}\b(?:story|article) continues (?:below|after)(?: (?:the|this) )?(?: ?(?:ad|advert|advertisement))?\W{0,3}|"
    r"continue reading(?: (?:below|the main story|the article))?|(?:advertisement|advert|sponsored)"
    r"(?: - scroll to continue)?|.{0,120}\bBest Price:\s*\$[\d.,]+\s+Buy New\s*\$[\d.,]+.{0,60}|"
    # a shop's call to buy a book the page sells: "[Pre-order Ann Roe's new book, …, HERE.]"
    r"\[\s*(?:pre-?order|order|buy|download)\b.{0,150}\bhere\W{0,3}\]|"
    r"(?:pre-?order|order|buy|download)\b.{0,150}\b(?:e-?book|book|copy|dvd)\b.{0,80}\bhere\W{0,3})\s*$",
    re.IGNORECASE,
)
_SHARE = re.compile(
    r"^\s*(?:Share(?: this)?(?: article| story| page| post)?(?: on [\w ]{1,20}| via [\w ]{1,20})?|"
    r"Tweet(?: this)?|Email(?: this)?(?: article| story)?|Print(?: this)?(?: article| story)?|"
    r"Follow (?:us|@\w+|[\w.' ]{1,40}) on (?:Twitter|X|Facebook|Instagram|TikTok|LinkedIn|"
    r"Threads|Bluesky|YouTube|Telegram)|Like us on Facebook|"
    r"Click here to (?:share|follow|subscribe)\b|Join (?:us|the conversation) on \w+)"
    r"[\w@.,:!' ]{0,80}$",
    re.IGNORECASE,
)
_SOCIAL_ONLY = re.compile(
    r"^\s*(?:(?:Facebook|Twitter|X|WhatsApp|Email|E-mail|LinkedIn|Pinterest|Reddit|Telegram|"
    r"Messenger|Copy link|Print|Share|Flipboard|Comments?)\s*[|•·,/]?\s*){2,}$",
    re.IGNORECASE,
)
_NEWSLETTER = re.compile(
    r"(?:\b(?:sign up|subscribe|signup)\b.{0,80}\bnewsletters?\b|\bnewsletters?\b.{0,80}\b(?:sign up|"
    r"subscribe|inbox)\b|\bdelivered (?:straight |directly )?to your inbox\b|^\s*enter your e-?mail\b|"
    r"^\s*thank you for subscribing\b|^\s*newsletters?\s*$|\binvalid e-?mail\b|"
    r"\bwe will use your e-?mail\b)",
    re.IGNORECASE,
)


# the rest of a poll box after its "Take our poll" line: the question (before the choices
# only), the choices ("* A B C"), the form's own lines, up to its terms of use
_POLL_FORM = re.compile(
    r"(?:^\s*\*|\bthis field is for validation purposes\b|\bcompleting this poll\b|"
    r"^\s*you (?:may opt out|also agree to)\b|^\s*e-?mail\s*\*?\s*$|\bprivacy policy and terms of use\b)",
    re.IGNORECASE,
)
_POLL_END = re.compile(r"\bprivacy policy and terms of use\b|^\s*you also agree to\b", re.IGNORECASE)
_POLL_START = re.compile(r"\b(?:take|vote in|answer) our (?:poll|survey|quiz)\b", re.IGNORECASE)


def _poll_line(body: str, kind: str | None, state: int) -> int:
    """The poll box's state after ``body``: 0 outside it, 1 at its question, 2 in its form."""
    s = body.strip()
    if kind == "related" and _POLL_START.search(s):
        return 1
    if state == 0 or len(s) > 200:
        return 0
    if state == 1 and s.endswith("?"):
        return 1
    if _POLL_FORM.search(s):
        return 0 if _POLL_END.search(s) else 2
    return 0


def line_kind(line: str) -> str | None:
    """What kind of non-article line ``line`` is, or None for article text."""
    s = line.strip()
    if not s or len(s) > MAX_LINE:
        return None
    if len(s) <= 120 and (any(ch.isdigit() for ch in s) or re.search(r"\bago\b", s, re.IGNORECASE)):
        rest = _STAMP_WORDS.sub(" ", s)
        if _STAMP_REST.match(rest) and rest != s:
            return "timestamp"
    if _RELATED.match(s) or len(s) <= 160 and _SIGNPOST.match(s):
        return "related"
    if _SOCIAL_ONLY.match(s) or (len(s) <= 160 and _SHARE.match(s)):
        return "share"
    if len(s) <= 300 and _NEWSLETTER.search(s):
        return "newsletter"
    if _CAPTION_START.match(s) or _CAPTION_END.search(s):
        return "caption"
    return None


def clean_text(text: str) -> tuple[str, list[Removed]]:
    """``text`` without the lines that are not article text, and what was removed (offsets
    into ``text``). A removed line takes the blank lines after it, so paragraphs stay apart
    as they were; text with nothing to remove is returned unchanged."""
    lines = text.splitlines(keepends=True)
    out: list[str] = []
    removed: list[Removed] = []
    pos = 0
    skip_blank = False
    poll = 0
    for i, line in enumerate(lines):
        start, pos = pos, pos + len(line)
        body = line.rstrip("\r\n")
        if skip_blank and not body.strip():
            continue
        skip_blank = False
        kind = line_kind(body)
        was, poll = poll, _poll_line(body, kind, poll)
        if kind is None and (poll or was and _POLL_END.search(body)):
            kind = "related"  # a line of the poll box a "Take our poll" line opened
        if kind not in (None, "timestamp") and not out and i + 1 < len(lines) \
                and not lines[i + 1].strip():
            kind = None  # the title line ("Watch: …" as a headline) stays
        if kind is None:
            out.append(line)
            continue
        a = start + len(body) - len(body.lstrip())
        b = start + len(body.rstrip())
        removed.append(Removed(kind=kind, start=a, end=b, text=text[a:b]))  # type: ignore[arg-type]
        # at the top, or after a blank line: the blank lines after it go too
        skip_blank = not out or not out[-1].strip()
    if not removed:
        return text, []
    cleaned = "".join(out)
    if not cleaned.strip():
        return text, []  # nothing but boilerplate: keep it, the reader reports "empty" otherwise
    return cleaned.lstrip("\r\n"), removed


def paragraphs_text(title: str | None, paragraphs: list[str]) -> str:
    """The plain-text layout: the title line (unless the first paragraph is the title), an
    empty line, then the paragraphs separated by empty lines."""
    paras = [p.strip() for p in paragraphs if p.strip()]
    if title and (not paras or _norm(paras[0]) != _norm(title)):
        paras.insert(0, title.strip())
    return "\n\n".join(paras)


def _norm(s: str) -> str:
    return " ".join(s.split()).casefold()
