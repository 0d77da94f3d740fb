"""Who the narrator's "I" is: the article's author, from its metadata (an HTML page's author,
a JSON Lines record's ``author``) or from a byline in the text ("By Ann Roe" near the top or
the end, "Article posted with permission from Ann Roe"), else a title that opens with a
person's name ("Ann Roe: The truth about …", an opinion piece's). Words the narrator quotes
themselves saying ("“No,” I said") then name their speaker; the narrator's "I" without quote
marks stays "I", the outlet's own voice; an "I" inside someone else's quoted words is theirs
and keeps whatever name the quotes stage gave it."""

from __future__ import annotations

import re

from slant.analyze.quotes.marks import Quoted
from slant.models import Quote
from slant.names.gender import given_names

__all__ = ["author_name", "name_narrator"]

_NAME = r"((?:[A-Z][a-z]+|[A-Z]\.)(?:[ \t]+(?:[A-Z][a-z]+|[A-Z]\.|(?:van|von|de|del|da|di)))*[ \t]+[A-Z][a-zA-Z’'-]+)"
# "By Ann Roe", "By Ann Roe, Velm Gazette", "— By Ann Roe": a line of its own, with at most an
# outlet or a job after the name ("By August Bank Holiday, every hotel was full." is no byline)
BYLINE_RE = re.compile(r"^[ \t]*(?:[-–—][ \t]*)?[Bb]y[ \t]+" + _NAME + r"[ \t]*(?:[,|–—-][ \t]*[A-Z][^.!?\n]{0,60})?$",
                       re.MULTILINE)
# "Article posted with permission from Ann Roe", "Reprinted with permission of Ann Roe"
PERMISSION_RE = re.compile(r"\b(?:posted|reprinted|republished|published)[ \t]+with[ \t]+(?:the[ \t]+)?"
                           r"(?:kind[ \t]+)?permission[ \t]+(?:from|of)[ \t]+" + _NAME)
# a title that opens with its writer's name: "Ann Roe: The truth about the harbour"; not a
# headline giving that person's words ("Ann Roe: I will not quit", "Ann Roe: “…”")
TITLED_RE = re.compile(r"[ \t]*" + _NAME + r":[ \t]+[^\s\"“‘']")
FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|I'll|I’ll|me|my|we|We|our|Our|us|you|You|your|Your)\b")
MONTHS_DAYS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
NARRATOR = {"i", "me"}
SEVERAL = re.compile(r",|;|&|\band\b")  # "Ann Roe and Tom Lee", "Roe, Lee": more than one author
# how far from the top or the end of the text a byline may stand
BYLINE_REACH = 600


def author_name(text: str, author: str | None = None) -> str | None:
    """The one author of the article: ``author`` (metadata) when it names one person, else a
    byline near the top or the end of ``text``; None for none, or for several ("Ann Roe and
    Tom Lee")."""
    if author and author.strip():
        name = " ".join(author.split())
        if _person(name):
            return name
        if SEVERAL.search(name):
            return None  # several authors: none is the narrator
        # ("Velm Gazette Newsroom": no person; the text's byline may name one)
    names = {m.group(1) for m in BYLINE_RE.finditer(text)
             if m.start() < BYLINE_REACH or m.start() > len(text) - BYLINE_REACH}
    names |= {m.group(1) for m in PERMISSION_RE.finditer(text)}
    # a person's name ("Article posted with permission from Velm Media" is a firm's)
    names = {n for n in names if _person(n)}
    if not names and (m := TITLED_RE.match(text)) and _person(m.group(1)) and \
            not FIRST_PERSON.search(text[m.end(1):text.find("\n") if "\n" in text else len(text)]):
        names = {m.group(1)}  # "Ann Roe: The truth about the harbour", an opinion piece's title
    return names.pop() if len(names) == 1 else None


def _person(name: str) -> bool:
    """Whether ``name`` is one person's: a given name first (not a month's or a day's), two
    to four words, no "and"."""
    words = name.split()
    return 2 <= len(words) <= 4 and words[0].lower() in given_names() and words[0].lower() not in MONTHS_DAYS \
        and not SEVERAL.search(name)


def name_narrator(quotes: list[Quote], quoted: list[Quoted], author: str | None) -> list[Quote]:
    """``quotes`` with the narrator's "I" outside every quoted span named ``author`` where
    it gives quoted words ("“No,” I said"); "I" and "we" without quote marks stay as they are,
    the narrator's own voice (:func:`slant.models.narrators_own`)."""
    if not author:
        return quotes
    out = []
    for q in quotes:
        sp = q.speaker
        if q.kind == "direct" and sp is not None and sp.text.lower() in NARRATOR and sp.name.lower() in NARRATOR \
                and not any(m.start <= sp.start < m.end for m in quoted):
            q = q.model_copy(update={"speaker": sp.model_copy(update={"name": author})})
        out.append(q)
    return out
