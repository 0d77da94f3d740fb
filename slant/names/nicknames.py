"""Two forms of one person's full name in an article: "Christopher Ferrara" and "Chris
Ferrara", "Donald J. Trump" and "Donald Trump".

A short given name is the same as the long one it is short for (a table of common English
forms, written for slant), and a middle initial may be left out. Nothing else: a generational
suffix tells people apart ("Donald Trump" and "Donald Trump Jr."), and so do two different
middle initials ("George H. W. Bush", "George W. Bush").
"""

from __future__ import annotations

import re

from slant.names.gender import given_name_gender

# the long given names each short form stands for (not the short forms common to women and
# men, "Alex", "Chris" for Christine, "Pat", "Sam": a couple may be "Chris" and "Christine")
SHORT_FORMS: dict[str, frozenset[str]] = {k: frozenset(v.split()) for k, v in {
    "abe": "abraham", "al": "albert alan allan alfred", "andy": "andrew",
    "ben": "benjamin", "beth": "elizabeth", "bill": "william", "billy": "william", "bob": "robert",
    "bobby": "robert", "cathy": "catherine cathryn", "charlie": "charles", "chris": "christopher",
    "chuck": "charles", "dan": "daniel", "danny": "daniel", "dave": "david", "debbie": "deborah debra",
    "dick": "richard", "don": "donald", "ed": "edward edwin", "eddie": "edward", "fred": "frederick",
    "greg": "gregory", "jack": "john", "jake": "jacob", "jeff": "jeffrey jeffery", "jen": "jennifer",
    "jenny": "jennifer", "jerry": "gerald jerome", "jim": "james", "jimmy": "james", "joe": "joseph",
    "johnny": "john", "jon": "jonathan", "kate": "katherine kathryn catherine", "katie": "katherine kathryn",
    "ken": "kenneth", "larry": "lawrence laurence", "liz": "elizabeth", "matt": "matthew", "meg": "margaret",
    "mike": "michael", "mick": "michael", "nick": "nicholas", "peggy": "margaret",
    "pete": "peter", "phil": "philip phillip", "rick": "richard", "rob": "robert", "ron": "ronald",
    "rudy": "rudolph", "sandy": "sandra", "steve": "steven stephen",
    "sue": "susan", "ted": "edward theodore", "tom": "thomas", "tommy": "thomas", "tony": "anthony",
    "vince": "vincent", "will": "william", "zach": "zachary",
}.items()}

_INITIAL = re.compile(r"[A-Z]\.?(?:[A-Z]\.?)*")
# generational suffixes, which tell people apart and are no initials ("Donald Roe III")
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "v"})


def _initial(word: str) -> bool:
    return bool(_INITIAL.fullmatch(word)) and word.lower().strip(".") not in SUFFIXES


def _split(parts: list[str]) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """Given name, the initials, and the other words (middle names, surname, suffix)."""
    initials = tuple(p.replace(".", "") for p in parts[1:] if _initial(p))
    rest = tuple(p.lower().strip(".,") for p in parts[1:] if not _initial(p))
    return parts[0].lower(), initials, rest


def same_given(a: str, b: str) -> bool:
    """Whether two given names (lowercase) are one: equal, or one the short form of the other."""
    return a == b or b in SHORT_FORMS.get(a, ()) or a in SHORT_FORMS.get(b, ())


def same_person_name(a: list[str], b: list[str]) -> bool:
    """Whether two full names (their words, honorifics left out) are forms of one person's
    name: the same surname and other words, given names one, and the middle initial the same or
    left out of one."""
    if a == b or len(a) < 2 or len(b) < 2 or _initial(a[0]) or _initial(b[0]):
        return False
    ga, ia, ra = _split(a)
    gb, ib, rb = _split(b)
    if not ra or ra != rb or ia and ib and ia != ib or not same_given(ga, gb):
        return False  # (the cheap tests first: this runs against every person named before)
    genders = {given_name_gender(" ".join(a)), given_name_gender(" ".join(b))} - {None}
    return len(genders) < 2  # ("Chris Roe", a man, and "Christine Roe")
