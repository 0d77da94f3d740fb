"""The rules for names themselves: the form two names must share to be one name
(:func:`name_key`), and the short forms (a surname, an organisation's first or last words,
its initials) that can stand for a full name (:class:`ShortFormIndex`, :func:`short_form_of`);
with the record actor resolution reads per stored name (:class:`ActorNode`)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

HONORIFICS = frozenset({
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
    "rev", "reverend", "fr", "sr", "sra", "mme", "mlle", "herr", "frau",
})
# abbreviated titles and ranks that stand before a name and are no name themselves
# ("said Sgt. Ann Roe"); lowercase, without the full stop
TITLE_ABBREVIATIONS = frozenset({
    "sgt", "mr", "mrs", "ms", "dr", "lt", "col", "capt", "cpl", "prof", "fr", "msgr", "sen",
    "rep", "gov", "gen", "det", "insp", "supt",
})
LEGAL_SUFFIXES = frozenset({
    "inc", "incorporated", "ltd", "limited", "llc", "llp", "lp", "plc", "corp", "corporation",
    "co", "gmbh", "ag", "sa", "nv", "bv", "spa", "srl", "pty", "oy", "ab", "as", "kk",
})
PRONOUNS = frozenset({"he", "she", "him", "her", "they", "it", "who", "i", "we", "you"})
NOT_NAMES = frozenset({
    "the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these", "those",
    "one", "some", "many", "most", "several", "nobody", "no", "critics", "analysts", "officials",
    "experts", "supporters", "opponents", "residents", "others", "everyone", "someone",
})
_TOKEN = re.compile(r"[\w&]+(?:['’.-][\w&]+)*")
_STRIP_POSSESSIVE = re.compile(r"['’]s?$")


def norm_name(name: str) -> str:
    """The stored lookup form of a name: whitespace collapsed, case folded (≤ 300 chars)."""
    return " ".join(name.split()).casefold()[:300]


def tokens(name: str) -> list[str]:
    return [_STRIP_POSSESSIVE.sub("", t) for t in _TOKEN.findall(name.casefold().replace(".", " ").replace(",", " "))]


def name_key(name: str, type: str) -> str:
    """The form two names must share to be the same name: no leading "the", no honorific
    (people), no legal suffix (organisations), no possessive, no punctuation."""
    toks = [t for t in tokens(name) if t]
    while toks and toks[0] == "the":
        toks = toks[1:]
    if type == "PERSON":
        while len(toks) > 1 and toks[0] in HONORIFICS:
            toks = toks[1:]
    else:
        while len(toks) > 1 and toks[-1] in LEGAL_SUFFIXES:
            toks = toks[:-1]
    return " ".join(toks)


def initials(name: str) -> str:
    skip = {"of", "the", "for", "and", "on", "in", "to", "a", "an", "&", "at"}
    return "".join(w[0] for w in name.split() if w and w.lower() not in skip and w[0].isalpha()).upper()


def is_acronym(word: str) -> bool:
    letters = word.replace(".", "")
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()


def looks_like_name(text: str) -> bool:
    """Capitalised words, the first not a determiner or pronoun: "Ray Tillman", not "The company"."""
    words = text.split()
    if not words or len(words) > 6:
        return False
    if words[0].casefold().strip(".,") in NOT_NAMES | PRONOUNS:
        return False
    small = {"of", "the", "and", "for", "de", "van", "von", "al", "bin", "la", "le", "du", "&"}
    return all(w[:1].isupper() or w.casefold() in small for w in words)


class ShortFormIndex:
    """Full names (people: two or more words; organisations: any) by the short forms that
    could stand for them: a person's surname, an organisation's first word, its last two or
    more words, its initials."""

    def __init__(self) -> None:
        self.surname: dict[str, set[str]] = {}
        self.org_form: dict[str, set[str]] = {}

    def add(self, key: str, type: str) -> None:
        toks = key.split()
        if type == "PERSON":
            if len(toks) >= 2:
                self.surname.setdefault(toks[-1], set()).add(key)
            return
        if type != "ORG" or len(toks) < 2:
            return
        self.org_form.setdefault(toks[0], set()).add(key)
        for i in range(1, len(toks) - 1):
            self.org_form.setdefault(" ".join(toks[i:]), set()).add(key)
        acr = "".join(t[0] for t in toks if t not in {"of", "the", "for", "and", "on", "in", "to", "a", "an", "&", "at"})
        if len(acr) >= 2:
            self.org_form.setdefault("#" + acr, set()).add(key)


def short_form_of(key: str, type: str, index: ShortFormIndex, raw: str = "") -> str | None:
    """The one full name ``key`` is a short form of, or None (none, or more than one).

    An acronym ("WERB") stands for the one organisation with those initials, whatever NER
    typed it; a one-word person name (or a one-word speaker) for the one person named in full
    with that surname; an organisation's (or a one-word speaker's, or a one-word "person"
    NER mistyped) first word or last two or more words for the one organisation with that form.
    """
    toks = key.split()
    if not toks:
        return None
    if raw and is_acronym(raw.strip()) and len(toks) == 1:
        orgs = index.org_form.get("#" + toks[0], set())
        return next(iter(orgs)) if len(orgs) == 1 else None
    if len(toks) == 1 and type in ("PERSON", "SPEAKER"):
        people = index.surname.get(toks[0], set())
        if len(people) == 1:
            return next(iter(people))
        if people:
            return None  # a surname shared by two people named in full: ambiguous
    if type not in ("ORG", "SPEAKER") and not (type == "PERSON" and len(toks) == 1):
        return None
    orgs = index.org_form.get(key, set())
    if len(orgs) == 1:
        return next(iter(orgs))
    return None


CONTENT_STOP = frozenset(["about", "above", "after", "again", "against", "also", "among", "another", "because", "been", "before", "being", "below", "between", "both", "came", "come", "could", "does", "doing", "down", "during", "each", "even", "every", "first", "from", "further", "have", "having", "here", "into", "just", "last", "like", "made", "make", "many", "more", "most", "much", "must", "never", "next", "only", "other", "over", "said", "same", "says", "should", "since", "some", "still", "such", "than", "that", "their", "them", "then", "there", "these", "they", "this", "those", "though", "three", "through", "time", "under", "until", "very", "want", "were", "what", "when", "where", "which", "while", "will", "with", "would", "year", "years", "your", "according", "told", "people", "just", "there", "including", "percent", "whether", "however"])
_CONTENT_WORD = re.compile(r"[a-z][a-z'-]{3,}")


def content_terms(text: str, k: int = 30) -> list[str]:
    """The ``k`` most frequent content words of a text (four letters or more, no common
    function words), most frequent first: what the full text is about, beyond its lead."""
    counts = Counter(w.strip("'-") for w in _CONTENT_WORD.findall(text.lower())
                     if w not in CONTENT_STOP and w.strip("'-") not in CONTENT_STOP)
    counts.pop("", None)
    return [w for w, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:k]]


def unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


class ActorNode(NamedTuple):
    """One name in one stored article, as actor resolution reads it (see article_names). A
    plain tuple: resolution reads one per stored name, hundreds of thousands at a time."""

    rid: int
    article_pk: int
    story_id: int | None
    grp: int
    name: str
    norm: str
    key: str
    type: str
    kind: str
    female: int
    male: int
    actor_id: int | None = None
