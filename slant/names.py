"""Names of people and organisations: the rules that say two names in an article are one actor.

Pure text rules over one :class:`~slant.models.Analysis`, shared by the store (which keeps the
names of each stored article, :func:`article_names`) and the corpus views (which resolve them
into actors across articles, :mod:`slant.stories.actors`). Imports only the base.

Within one article these names are linked (a wrong merge is worse than a missed one, so each
rule needs the text itself to say so, or a name that can only mean one thing):

- an entity and its aliases ("X, known as 'Y'", "X, nicknamed Y", "dubbed", "aka": the
  ``alias`` descriptors of the entities stage, and the same patterns unquoted);
- "Y (X)": a name followed by another name in brackets;
- an acronym introduced in brackets, "Wrenmoor Environmental Review Board (WERB)", and an
  acronym equal to the initials of exactly one organisation named in the article;
- an organisation with and without its legal suffix ("Brightvein Minerals Inc." and
  "Brightvein Minerals"), and a person with and without an honorific ("Dr Venkataraman");
- a surname and the one full name in the article that ends with it ("Bale", "Curtis Bale");
- an organisation's short form: its first word ("Brightvein") or its last two or more words
  ("Review Board") when exactly one organisation named in the article has that form;
- a quote's speaker and the entity of the same name.

:func:`short_form_of` is the surname / short-form rule; the corpus resolver applies it across
the articles of one story.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from slant.models import Analysis

HONORIFICS = frozenset({
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
    "rev", "reverend", "fr", "sr", "sra", "mme", "mlle", "herr", "frau",
})
MALE_TITLES = frozenset({"mr", "sir", "lord", "herr", "fr"})
FEMALE_TITLES = frozenset({"mrs", "ms", "miss", "dame", "lady", "mme", "mlle", "frau", "sra"})
LEGAL_SUFFIXES = frozenset({
    "inc", "incorporated", "ltd", "limited", "llc", "llp", "lp", "plc", "corp", "corporation",
    "co", "gmbh", "ag", "sa", "nv", "bv", "spa", "srl", "pty", "oy", "ab", "as", "kk",
})
MALE_WORDS = frozenset({
    "he", "him", "his", "himself", "spokesman", "chairman", "businessman", "congressman",
    "councilman", "alderman", "statesman", "sportsman", "father", "husband", "son", "brother",
    "grandfather", "uncle", "nephew", "king", "prince", "boyfriend", "widower", "man",
    "gentleman", "monk", "priest", "actor", "waiter", "landlord", "headmaster",
})
FEMALE_WORDS = frozenset({
    "she", "her", "hers", "herself", "spokeswoman", "chairwoman", "businesswoman",
    "congresswoman", "councilwoman", "alderwoman", "stateswoman", "sportswoman", "mother",
    "wife", "daughter", "sister", "grandmother", "aunt", "niece", "queen", "princess",
    "girlfriend", "widow", "woman", "lady", "nun", "actress", "waitress", "landlady",
    "headmistress",
})
PRONOUNS = frozenset({"he", "she", "him", "her", "they", "it", "who", "i", "we", "you"})
NOT_NAMES = frozenset({
    "the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these", "those",
    "one", "some", "many", "most", "several", "nobody", "no", "critics", "analysts", "officials",
    "experts", "supporters", "opponents", "residents", "others", "everyone", "someone",
})
ALIAS_AFTER = re.compile(
    r",?\s+(?:(?:also|better|widely|otherwise|popularly)\s+)?"
    r"(?:known\s+as|nicknamed|dubbed|aka|a\.k\.a\.)\s+"
    r"[\"“‘']?((?:[A-Z][\w'’.-]*)(?:\s+(?:[A-Z][\w'’.-]*|of|the|al|bin|de|van|von)){0,4})"
)
BRACKET_AFTER = re.compile(r"\s*\(([^()\n]{2,80})\)")
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


@dataclass
class LocalName:
    """One name in one article, and the local group (actor within the article) it belongs to."""

    name: str
    norm: str
    key: str
    type: str
    kind: str  # "entity", "alias" or "speaker"
    group: int = 0
    female: int = 0
    male: int = 0


class _UF:
    def __init__(self, n: int) -> None:
        self.p = list(range(n))

    def find(self, i: int) -> int:
        while self.p[i] != i:
            self.p[i] = self.p[self.p[i]]
            i = self.p[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.p[max(ra, rb)] = min(ra, rb)


ORG_WORDS = frozenset({
    "party", "council", "board", "commission", "committee", "association", "alliance",
    "coalition", "university", "college", "institute", "agency", "department", "ministry",
    "bureau", "corporation", "company", "group", "foundation", "trust", "union", "league",
    "society", "network", "bank", "fund", "authority", "campaign", "inc", "ltd", "llc", "corp",
    "news", "times", "post", "press", "media", "state", "states", "county", "city", "republic",
})


def _same_kind(inner: str, type: str, analysis: Analysis) -> bool:
    """"Y (X)" links Y and X only when X is plainly another name of the same kind: an entity
    of the same type named in the article, or (for a person) a two- or three-word name with
    no organisation word ("Hannah Birch (Save Alder Creek Coalition)" is an affiliation)."""
    norm = norm_name(inner)
    for e in analysis.entities:
        if norm_name(e.name) == norm:
            return e.type == type
    words = inner.split()
    if type == "PERSON":
        return 2 <= len(words) <= 3 and not ({w.casefold() for w in words} & (ORG_WORDS | {"of", "the"}))
    return False


def _gender_words(text: str) -> tuple[int, int]:
    words = set(re.findall(r"[a-z]+", text.casefold()))
    return (len(words & FEMALE_WORDS) > 0) * 1, (len(words & MALE_WORDS) > 0) * 1


def article_actor_keys(analysis: Analysis) -> list[str]:
    """One key per person or organisation of the article, as its names group in the text
    (the fullest name of each group): what story grouping compares between articles."""
    best: dict[int, str] = {}
    for n in article_names(analysis):
        if n.type not in ("PERSON", "ORG", "NORP", "GPE", "LOC"):
            continue
        cur = best.get(n.group)
        if cur is None or (len(n.key.split()), len(n.key)) > (len(cur.split()), len(cur)):
            best[n.group] = n.key
    return sorted(set(best.values()))


def article_names(analysis: Analysis) -> list[LocalName]:
    """Every entity name, alias and name-like speaker of one article, each with its local
    group (names in one group are one actor in this article) and the gender evidence the
    text gives for it (pronoun speakers, honorifics, gendered role words in its labels)."""
    text = analysis.article.text
    names: list[LocalName] = []
    by_norm: dict[str, int] = {}

    def add(name: str, type: str, kind: str) -> int | None:
        name = " ".join(name.split()).strip(" ,;:\"“”‘’'")[:300]
        norm = norm_name(name)
        key = name_key(name, type)
        if not norm or not key:
            return None
        if norm in by_norm:
            return by_norm[norm]
        by_norm[norm] = len(names)
        names.append(LocalName(name=name, norm=norm, key=key, type=type, kind=kind))
        return by_norm[norm]

    links: list[tuple[int, int]] = []
    for e in analysis.entities:
        i = add(e.name, e.type, "entity")
        if i is None:
            continue
        for d in e.descriptors:
            if d.kind == "alias":
                j = add(d.text, e.type, "alias")
                if j is not None:
                    links.append((i, j))
        if e.type not in ("PERSON", "ORG", "NORP", "GPE"):
            continue
        for m in e.mentions:
            after = text[m.end:m.end + 120]
            a = ALIAS_AFTER.match(after)
            if a:
                j = add(a.group(1).rstrip(".,"), e.type, "alias")
                if j is not None:
                    links.append((i, j))
            b = BRACKET_AFTER.match(after)
            if b:
                inner = b.group(1).strip()
                acronym = is_acronym(inner) and initials(e.name) == inner.replace(".", "")
                if acronym or (looks_like_name(inner) and _same_kind(inner, e.type, analysis)):
                    j = add(inner, e.type, "alias")
                else:
                    j = None
                if j is not None:
                    links.append((i, j))
        # an acronym in brackets after a phrase that is not an entity name:
    for m in re.finditer(r"\(([A-Z][A-Z.&]{1,9})\)", text):
        acr = m.group(1).replace(".", "").replace("&", "")
        before = text[max(0, m.start() - 120):m.start()].rstrip()
        words = before.split()
        for n in range(2, min(len(words), 9) + 1):
            phrase = " ".join(words[-n:])
            if initials(phrase) == acr and looks_like_name(phrase):
                i = add(phrase, "ORG", "alias")
                j = add(m.group(1), "ORG", "alias")
                if i is not None and j is not None:
                    links.append((i, j))
                break
    speaker_rows: list[tuple[int, str]] = []
    for q in analysis.quotes:
        sp = q.speaker
        if sp is None:
            continue
        norm = norm_name(sp.name)
        if norm in by_norm:
            i = by_norm[norm]
        elif looks_like_name(sp.name):
            i = add(sp.name, "SPEAKER" if len(sp.name.split()) == 1 else "PERSON", "speaker")
        else:
            i = None
        if i is not None:
            speaker_rows.append((i, sp.text))

    uf = _UF(len(names))
    for a, b in links:
        uf.union(a, b)
    # same key (honorific, legal suffix); short forms with exactly one full name in the article
    index = ShortFormIndex()
    by_key: dict[tuple[str, str], int] = {}
    for i, n in enumerate(names):
        t = "PERSON" if n.type in ("PERSON", "SPEAKER") else n.type
        if (n.key, t) in by_key:
            uf.union(by_key[(n.key, t)], i)
        else:
            by_key[(n.key, t)] = i
        index.add(n.key, n.type)
    full = {(n.key): i for i, n in enumerate(names)
            if (n.type == "PERSON" and len(n.key.split()) >= 2) or (n.type == "ORG" and len(n.key.split()) >= 2)}
    for i, n in enumerate(names):
        if n.type == "PERSON" and len(n.key.split()) >= 2:
            continue
        target = short_form_of(n.key, n.type, index, n.name)
        if target is not None and target in full and full[target] != i:
            uf.union(full[target], i)
    # unresolved one-word speakers are no actor in this article (the corpus may still link them)
    roots: dict[int, int] = {}
    for i, n in enumerate(names):
        n.group = roots.setdefault(uf.find(i), len(roots))
    # gender evidence, people only
    for i, said in speaker_rows:
        f, m = _gender_words(said)
        names[i].female += f
        names[i].male += m
    for e in analysis.entities:
        i = by_norm.get(norm_name(e.name))
        if i is None or e.type != "PERSON":
            continue
        for mn in e.mentions:
            before = text[max(0, mn.start - 6):mn.start].casefold()
            t = re.findall(r"([a-z]+)\.?\s*$", before)
            if t and t[-1] in FEMALE_TITLES:
                names[i].female += 1
            elif t and t[-1] in MALE_TITLES:
                names[i].male += 1
        for d in e.descriptors:
            if d.kind in ("appositive", "title", "premodifier", "copular"):
                f, m = _gender_words(d.text)
                names[i].female += f
                names[i].male += m
    return names


def group_gender(female: int, male: int) -> str:
    """``female``/``male`` when the evidence points one way (at least 3 to 1), else ``unknown``."""
    if female > 0 and female >= 3 * male:
        return "female"
    if male > 0 and male >= 3 * female:
        return "male"
    return "unknown"


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
