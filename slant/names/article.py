"""The names of one article and the local groups they form (see :mod:`slant.names`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from slant.models import Analysis
from slant.names.gender import FEMALE_TITLES, MALE_TITLES, gender_words
from slant.names.rules import (
    ShortFormIndex,
    initials,
    is_acronym,
    looks_like_name,
    name_key,
    norm_name,
    short_form_of,
)

ALIAS_AFTER = re.compile(
    r",?\s+(?:(?:also|better|widely|otherwise|popularly)\s+)?"
    r"(?:known\s+as|nicknamed|dubbed|aka|a\.k\.a\.)\s+"
    r"[\"“‘']?((?:[A-Z][\w'’.-]*)(?:\s+(?:[A-Z][\w'’.-]*|of|the|al|bin|de|van|von)){0,4})"
)
BRACKET_AFTER = re.compile(r"\s*\(([^()\n]{2,80})\)")


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


class _Names:
    """The names of one article as they are found: each once (by its normalised form), and
    the pairs the text links."""

    def __init__(self) -> None:
        self.names: list[LocalName] = []
        self.by_norm: dict[str, int] = {}
        self.links: list[tuple[int, int]] = []

    def add(self, name: str, type: str, kind: str) -> int | None:
        name = " ".join(name.split()).strip(" ,;:\"“”‘’'")[:300]
        norm = norm_name(name)
        key = name_key(name, type)
        if not norm or not key:
            return None
        if norm not in self.by_norm:
            self.by_norm[norm] = len(self.names)
            self.names.append(LocalName(name=name, norm=norm, key=key, type=type, kind=kind))
        return self.by_norm[norm]

    def link(self, i: int | None, j: int | None) -> None:
        if i is not None and j is not None:
            self.links.append((i, j))


def _entity_names(found: _Names, analysis: Analysis) -> None:
    """Entities and their aliases: the entities stage's alias descriptors, "X, known as Y"
    and "X (Y)" after a mention."""
    text = analysis.article.text
    for e in analysis.entities:
        i = found.add(e.name, e.type, "entity")
        if i is None:
            continue
        for d in e.descriptors:
            if d.kind == "alias":
                found.link(i, found.add(d.text, e.type, "alias"))
        if e.type not in ("PERSON", "ORG", "NORP", "GPE"):
            continue
        for m in e.mentions:
            after = text[m.end:m.end + 120]
            a = ALIAS_AFTER.match(after)
            if a:
                found.link(i, found.add(a.group(1).rstrip(".,"), e.type, "alias"))
            b = BRACKET_AFTER.match(after)
            if b:
                inner = b.group(1).strip()
                acronym = is_acronym(inner) and initials(e.name) == inner.replace(".", "")
                if acronym or (looks_like_name(inner) and _same_kind(inner, e.type, analysis)):
                    found.link(i, found.add(inner, e.type, "alias"))


def _bracketed_acronyms(found: _Names, text: str) -> None:
    """An acronym in brackets after a phrase that is not an entity name."""
    for m in re.finditer(r"\(([A-Z][A-Z.&]{1,9})\)", text):
        acr = m.group(1).replace(".", "").replace("&", "")
        words = text[max(0, m.start() - 120):m.start()].rstrip().split()
        for n in range(2, min(len(words), 9) + 1):
            phrase = " ".join(words[-n:])
            if initials(phrase) == acr and looks_like_name(phrase):
                i = found.add(phrase, "ORG", "alias")
                j = found.add(m.group(1), "ORG", "alias")
                found.link(i, j)
                break


def _speaker_names(found: _Names, analysis: Analysis) -> list[tuple[int, str]]:
    """Quote speakers (an entity's name, or a name-like speaker added): (name index, the
    speaker's words in the text) each."""
    rows: list[tuple[int, str]] = []
    for q in analysis.quotes:
        sp = q.speaker
        if sp is None:
            continue
        norm = norm_name(sp.name)
        if norm in found.by_norm:
            i: int | None = found.by_norm[norm]
        elif looks_like_name(sp.name):
            i = found.add(sp.name, "SPEAKER" if len(sp.name.split()) == 1 else "PERSON", "speaker")
        else:
            i = None
        if i is not None:
            rows.append((i, sp.text))
    return rows


def _group(found: _Names) -> None:
    """Set each name's local group: the text's links, the same key (honorific, legal suffix),
    and short forms with exactly one full name in the article. Unresolved one-word speakers
    are no actor in this article (the corpus may still link them)."""
    names = found.names
    uf = _UF(len(names))
    for a, b in found.links:
        uf.union(a, b)
    index = ShortFormIndex()
    by_key: dict[tuple[str, str], int] = {}
    for i, n in enumerate(names):
        t = "PERSON" if n.type in ("PERSON", "SPEAKER") else n.type
        if (n.key, t) in by_key:
            uf.union(by_key[(n.key, t)], i)
        else:
            by_key[(n.key, t)] = i
        index.add(n.key, n.type)
    full = {n.key: i for i, n in enumerate(names)
            if n.type in ("PERSON", "ORG") and len(n.key.split()) >= 2}
    for i, n in enumerate(names):
        if n.type == "PERSON" and len(n.key.split()) >= 2:
            continue
        target = short_form_of(n.key, n.type, index, n.name)
        if target is not None and target in full and full[target] != i:
            uf.union(full[target], i)
    roots: dict[int, int] = {}
    for i, n in enumerate(names):
        n.group = roots.setdefault(uf.find(i), len(roots))


def _gender_evidence(found: _Names, analysis: Analysis, speaker_rows: list[tuple[int, str]]) -> None:
    """People only: gendered words of what a pronoun speaker is called, honorifics before a
    mention, gendered role words in a person's labels."""
    names, text = found.names, analysis.article.text
    for i, said in speaker_rows:
        f, m = gender_words(said)
        names[i].female += f
        names[i].male += m
    for e in analysis.entities:
        j = found.by_norm.get(norm_name(e.name))
        if j is None or e.type != "PERSON":
            continue
        for mn in e.mentions:
            t = re.findall(r"([a-z]+)\.?\s*$", text[max(0, mn.start - 6):mn.start].casefold())
            if t and t[-1] in FEMALE_TITLES:
                names[j].female += 1
            elif t and t[-1] in MALE_TITLES:
                names[j].male += 1
        for d in e.descriptors:
            if d.kind in ("appositive", "title", "premodifier", "copular"):
                f, m = gender_words(d.text)
                names[j].female += f
                names[j].male += m


def article_names(analysis: Analysis) -> list[LocalName]:
    """Every entity name, alias and name-like speaker of one article, each with its local
    group (names in one group are one actor in this article) and the gender evidence the
    text gives for it (pronoun speakers, honorifics, gendered role words in its labels)."""
    found = _Names()
    _entity_names(found, analysis)
    _bracketed_acronyms(found, analysis.article.text)
    speaker_rows = _speaker_names(found, analysis)
    _group(found)
    _gender_evidence(found, analysis, speaker_rows)
    return found.names
