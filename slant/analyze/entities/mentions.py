"""Entity mentions from spaCy NER, merged into one entity per actor within an article.

Merges: surname or first name ↔ full name (the nearest earlier full name wins, unless two
people share the surname: :mod:`.surnames`), forms of one person's name ("Chris Roe" and
"Christopher Roe": :mod:`slant.names.nicknames`), acronym ↔
expansion ("Islamic Human Rights Commission (IHRC)", or initials that match), case-only
variants ("Cage" ↔ "CAGE"), and aliases the text gives ("X, known as 'Y'"). Every further
occurrence of a known name is added as a mention, so "a Cage spokesperson" finds CAGE even
when NER misses it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from slant.analyze.entities.surnames import SharedSurnames, ends, paternal_holder, person_parts, title_gender, titled_holder
from slant.analyze.entities.merges import fold_nested, merge_aliases, merge_short_bodies, merge_surnames, retype_places
from slant.analyze.entities.types import ORG_HEADS, PLACE_HEADS, person_after, retype_by_head
from slant.analyze.entities.cuts import (
    SURNAME_RE, acronym_start, and_end, and_start, clean_span, common_noun_use, name_cut, particle_end, person_within, titled_person, PERSON_TITLES,
    untyped_people,
)
from slant.analyze.parse import doc_text
from slant.names.nicknames import same_person_name
from slant.names.gender import NAME_TITLES, given_names
from slant.names.rules import TITLE_ABBREVIATIONS, initials, is_acronym

LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "NORP": "NORP",
          "FAC": "LOC"}
ALIAS_RE = re.compile(
    r"\b(?:(?:also|better|widely|otherwise|popularly)\s+)?(?:known|referred\s+to)\s+as|"
    r"\bdubbed|\bnicknamed|\baka|\ba\.k\.a\.",
    re.IGNORECASE,
)
# plural nouns for people that end what NER took for a name in a Title Case headline
# ("… While Husband Shot Officers"): never a surname to find again ("Officers later said")
PEOPLE_PLURALS = {"officers", "officials", "police", "agents", "troops", "soldiers", "protesters",
                  "students", "workers", "voters", "lawmakers", "leaders", "experts", "doctors",
                  "residents", "victims", "parents", "teachers", "activists", "critics", "migrants"}
QUOTED_AFTER_RE = re.compile(r"\s*[\"“‘'«]([^\"“”‘’'«»\n]{1,60})[\"”’'»]")


@dataclass
class EntityBuilder:
    name: str
    type: str
    mentions: list[tuple[int, int]] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    alias_spans: list[tuple[int, int]] = field(default_factory=list)

    def add(self, start: int, end: int) -> None:
        self.mentions.append((start, end))


# a title NER can take for a whole name ("said Sgt. Ann Roe": "Sgt" and "Ann Roe")
TITLE_ONLY = TITLE_ABBREVIATIONS | {"sgt.", "rev", "maj", "adm", "cmdr", "pvt", "cllr"}


def person_bounds(doc: Any, s: int, e: int) -> tuple[int, int] | None:
    """A person's token bounds with NER's cuts mended: a title alone is no one (the name
    after it is found on its own); a known given name alone takes the capitalised surname
    right after it that NER left out ("Colm O’Gorman"), and a surname NER cut at its particle
    ("Braz de’Aviz", "Ursula von der Leyen")."""
    if e - s == 1 and doc[s].lower_.rstrip(".") in TITLE_ONLY:
        return None
    if titled_person(doc, s, e) and doc[s].lower_.rstrip(".") not in TITLE_ABBREVIATIONS:
        s += 1 + (doc[s + 1].text == ".")  # "Archbishop Ann Roe": Ann Roe, one person with "Cardinal Roe"
    e = particle_end(doc, s, e)
    if e - s == 1 and e < len(doc) and doc[s].lower_ in given_names():
        nxt = doc[e]
        if not nxt.ent_type_ and nxt.idx == doc[s].idx + len(doc[s]) + 1 and \
                SURNAME_RE.fullmatch(nxt.text) and nxt.lower_ not in ORG_HEADS | PLACE_HEADS:
            return s, e + 1
    return s, e


class _Found:
    """The entities found so far in one document, and the lookups that link a new mention to
    one of them: full name, a person's surname or first name (the latest person with it,
    updated as we go, unless another went by that surname alone first), an organisation's
    acronym."""

    def __init__(self) -> None:
        self.builders: list[EntityBuilder] = []
        self.by_key: dict[tuple[str, str], EntityBuilder] = {}
        self.person_part: dict[str, EntityBuilder] = {}
        self.acronyms: dict[str, EntityBuilder] = {}
        self.covered: list[tuple[int, int]] = []  # every NER mention's characters
        self.shared = SharedSurnames()

    def new(self, name: str, etype: str) -> EntityBuilder:
        b = EntityBuilder(name=name, type=etype)
        self.builders.append(b)
        self.by_key[(name.lower(), etype if etype == "PERSON" else "*")] = b
        return b

    def _retyped_full_name(self, part: str) -> EntityBuilder | None:
        """A surname whose full name NER typed as something else: make it a person."""
        for other in reversed(self.builders):
            words = other.name.split()
            if other.type != "PERSON" and len(words) in (2, 3) and words[-1].lower() == part:
                other.type = "PERSON"
                self.by_key[(other.name.lower(), "PERSON")] = other
                self.person_part[part] = other
                return other
        return None

    def _adopted_surname(self, name: str, parts: list[str]) -> EntityBuilder | None:
        """A full name after its surname ("Weinandy", "Fr. Weinandy"): the surname-only
        entity takes the full name."""
        lone = self.by_key.get((parts[-1].lower(), "PERSON")) or self.person_part.get(parts[-1].lower())
        if lone is None or not ends(parts, person_parts(lone.name)):
            return None  # (a two-word surname first: "Wasserman Schultz", then "Debbie Wasserman Schultz")
        if len(person_parts(lone.name)) > 1 and parts[0].lower() not in given_names():
            return lone  # the same person under a word no given name ("Kritarch Ann Roe"): keep the name
        self._rename(lone, name)
        return lone

    def _principal(self, part: str, words: list[str]) -> EntityBuilder | None:
        """A bare surname two people share (:class:`SharedSurnames`); with a title of one
        gender ("Ms. Mendez"), the one person of that gender whose first surname it is."""
        want = title_gender(words)
        if want is None:
            return self.shared.holder(part)
        found = paternal_holder(self.builders, part, want)  # (a title rules out the shared-surname guess)
        if found is not None:
            self.person_part.setdefault(part, found)  # and "Mendez" after it is hers
        return found

    def _rename(self, b: EntityBuilder, name: str) -> None:
        self.by_key.pop((b.name.lower(), "PERSON"), None)
        b.name = name
        self.by_key[(name.lower(), "PERSON")] = b

    def person(self, name: str, start: int, end: int, before: list[str] | None = None) -> None:
        parts = person_parts(name)
        if not parts:
            return
        b = self.by_key.get((name.lower(), "PERSON"))
        if b is None and len(parts) == 1:
            words = [*(before or []), *name.split()[:1]]
            b = titled_holder(self.builders, parts[0].lower(), words)
            b = b or self._principal(parts[0].lower(), words) or self.person_part.get(parts[0].lower())
            if b is None:
                b = self._retyped_full_name(parts[0].lower())
        if b is None and len(parts) >= 2:
            b = self._adopted_surname(name, parts)
        if b is None and len(parts) >= 2:  # "Wasserman Schultz" after "Debbie Wasserman Schultz"
            b = next((o for o in reversed(self.builders) if o.type == "PERSON"
                      and ends(person_parts(o.name), parts)), None)
            if b is not None and person_parts(b.name)[0].lower() not in given_names() \
                    and parts[0].lower() in given_names():  # "Ann Roe" after "Kritarch Ann Roe": the name
                self._rename(b, name)
        if b is None and len(parts) >= 2:  # "Chris Roe" after "Christopher Roe", "Ann B. Roe" after "Ann Roe"
            b = next((o for o in reversed(self.builders) if o.type == "PERSON"
                      and same_person_name(person_parts(o.name), parts)), None)
        if b is None:
            b = self.new(name, "PERSON")
        b.add(start, end)
        if len(parts) == 1:
            self.shared.bare(parts[0].lower(), b, start)
        if len(parts) >= 2:
            self.shared.full(b, parts, start)
            self.person_part[parts[-1].lower()] = b
            self.person_part.setdefault(parts[0].lower(), b)

    def drop_inside(self, start: int, end: int) -> None:
        for b in self.builders:
            b.mentions = [m for m in b.mentions if not start <= m[0] < end]

    def _known(self, name: str, start: int) -> EntityBuilder | None:
        """The entity a non-person mention stands for, when one is found already."""
        b = self.by_key.get((name.lower(), "*"))
        if b is None and " " not in name and name.lower() in self.person_part and not is_acronym(name):
            # a surname NER labelled ORG or GPE
            b = self.shared.holder(name.lower()) or self.person_part[name.lower()]
            self.shared.bare(name.lower(), b, start)
        if b is None and is_acronym(name):
            b = self.acronyms.get(name.replace(".", "").upper())
        if b is None and " " not in name and not is_acronym(name):
            # "the Alliance" after "the Northfield Housing Alliance": the short form
            for other in reversed(self.builders):
                if other.type != "PERSON" and len(other.name.split()) >= 2 and \
                        other.name.split()[-1].lower() == name.lower():
                    return other
        return b

    def other(self, name: str, etype: str, start: int, end: int, text: str) -> None:
        b = self._known(name, start)
        if b is None:
            b = self.new(name, etype)
            words = name.split()
            if len(words) >= 2:
                acr = initials(name)
                if len(acr) >= 2:
                    self.acronyms.setdefault(acr, b)
        b.add(start, end)
        # "Expansion (ACR)": the acronym in brackets right after the name
        m = re.match(r"\s*\(([A-Z][A-Za-z.&]{1,9})\)", text[end:end + 14])
        if m and len(name.split()) >= 2:
            acr = m.group(1)
            self.acronyms[acr.replace(".", "").upper()] = b
            b.aliases.add(acr)


def find_entities(doc: Any) -> list[EntityBuilder]:
    """Entities of ``doc`` with their merged mentions (character offsets), in first-mention order."""
    text = doc_text(doc)
    found = _Found()
    taken = 0  # the end of the last person's name, which may run past NER's ("Ursula von der" + "Leyen")
    for ent in sorted([*doc.ents, *untyped_people(doc)], key=lambda x: x.start):
        etype = LABELS.get(ent.label_)
        if etype is None or ent.start < taken:
            continue
        bounds = clean_span(doc, ent)
        if bounds is None:
            continue
        bounds = name_cut(doc, *bounds, etype)
        if etype != "PERSON" and (k := person_within(doc, *bounds)) is not None:
            etype, bounds = "PERSON", (k, bounds[1])  # the name without its title or department
        elif etype == "ORG" and (k := person_after(doc, *bounds)) is not None:
            etype, bounds = "PERSON", (k, bounds[1])  # "Fox News’ Ann Roe", "the Catholic Ann Roe"
        if etype == "PERSON":
            bounds = person_bounds(doc, *bounds)
            if bounds is None:
                continue
            taken = bounds[1]
        ts, te = bounds
        if common_noun_use(doc, ts, te):
            continue
        if etype != "PERSON" and (begin := min(acronym_start(doc, ts, te), and_start(doc, ts, te))) < ts:
            ts = begin  # (a word of it NER found as a name of its own is that no longer)
            found.drop_inside(doc[ts].idx, doc[te - 1].idx)
        if etype == "ORG" and (stop := and_end(doc, ts, te)) > te:
            te = taken = stop  # "Customs" + "and Border Protection"
        start, end = doc[ts].idx, doc[te - 1].idx + len(doc[te - 1])
        name = " ".join(text[start:end].split())
        if name.lower().rstrip(".") in PERSON_TITLES or name.lower() in ("cardinals", "bishops", "archbishops"):
            continue  # "The Cardinal said": a title alone names no one ("Cardinal Roe" is Roe)
        found.covered.append((start, end))
        etype = retype_by_head(name, etype)
        if etype == "PERSON":
            found.person(name, start, end, text[max(0, start - 6):start].split()[-1:])
        else:
            found.other(name, etype, start, end, text)
    builders = found.builders
    _link_acronym_entities(builders, found.acronyms)
    _find_aliases(doc, builders)
    merge_aliases(builders)
    merge_short_bodies(builders)
    merge_surnames(builders, text)
    _add_repeated_mentions(doc, builders, found.covered)
    fold_nested(builders)
    retype_places(builders)
    for b in builders:
        b.mentions = sorted(set(b.mentions))
    return [b for b in builders if b.mentions]


def _link_acronym_entities(builders: list[EntityBuilder], acronyms: dict[str, EntityBuilder]) -> None:
    """Fold an acronym entity into its expansion's entity (both found by NER)."""
    for b in list(builders):
        if b.type == "PERSON" or not is_acronym(b.name):
            continue
        target = acronyms.get(b.name.replace(".", "").upper())
        if target is not None and target is not b:
            target.mentions.extend(b.mentions)
            target.aliases.add(b.name)
            builders.remove(b)


def _find_aliases(doc: Any, builders: list[EntityBuilder]) -> None:
    """"X, known as 'Y'" / "dubbed 'Y'": Y becomes an alias (and a mention) of X."""
    text = doc_text(doc)
    starts = sorted((m[0], m[1], b) for b in builders for m in b.mentions)
    if not starts:
        return
    import bisect

    keys = [s[0] for s in starts]
    for m in ALIAS_RE.finditer(text):
        q = QUOTED_AFTER_RE.match(text, m.end())
        if q is None:
            continue
        i = bisect.bisect_left(keys, m.start()) - 1
        if i < 0:
            continue
        _, e, b = starts[i]
        gap = text[e:m.start()]
        if len(gap) > 80 or "\n" in gap or re.search(r"[.!?]\s", gap):
            continue
        alias = q.group(1).strip()
        if not alias:
            continue
        a_start = q.start(1) + (len(q.group(1)) - len(q.group(1).lstrip()))
        b.aliases.add(alias)
        b.alias_spans.append((a_start, a_start + len(alias)))
        b.mentions.append((a_start, a_start + len(alias)))


def _add_repeated_mentions(doc: Any, builders: list[EntityBuilder], covered: list[tuple[int, int]]) -> None:
    """Occurrences of known names and aliases NER missed (case-insensitive for acronyms)."""
    forms: dict[str, EntityBuilder] = {}
    for b in builders:
        names = {b.name, *b.aliases}
        for raw in names:
            nm = raw.strip()
            if len(nm) < 2:
                continue
            if b.type == "PERSON" and " " not in nm and nm not in b.aliases:
                continue  # a lone first name is too ambiguous to match blindly
            forms.setdefault("".join(nm.lower().split()), b)
    # surnames of people named in full: unique ones only
    surnames: dict[str, list[EntityBuilder]] = {}
    for b in builders:
        parts = person_parts(b.name) if b.type == "PERSON" else []
        # (not an initial NER ended a name on: "Mark A" would find every sentence's "A")
        if len(parts) >= 2 and parts[-1][:1].isupper() and len(parts[-1].rstrip(".")) > 1 \
                and parts[-1].lower() not in PEOPLE_PLURALS:
            surnames.setdefault(parts[-1].lower(), []).append(b)
    for key, owners in surnames.items():
        if len(owners) == 1 and key not in forms:
            forms[key] = owners[0]
    if not forms:
        return
    taken = sorted(set(covered) | {m for b in builders for m in b.mentions})
    taken_chars = _interval_lookup(taken)
    max_tokens = 6
    n = len(doc)
    i = 0
    while i < n:
        tok = doc[i]
        if not (tok.text[:1].isalnum()):
            i += 1
            continue
        hit: tuple[int, EntityBuilder] | None = None
        form = ""
        for j in range(i, min(n, i + max_tokens)):
            form += doc[j].lower_
            owner = forms.get(form)
            if owner is not None:
                hit = (j, owner)
        if hit is None:
            i += 1
            continue
        j, b = hit
        s, e = tok.idx, doc[j].idx + len(doc[j])
        surface = doc_text(doc)[s:e]
        if taken_chars(s, e) or (surface.islower() and not b.name.islower()) or _other_given(doc, i, j, b):
            i += 1
            continue
        b.add(s, e)
        i = j + 1


def _other_given(doc: Any, i: int, j: int, b: EntityBuilder) -> bool:
    """Whether a surname found at tokens [i, j] follows a capitalised word that is neither
    part of ``b``'s name nor a title: someone else of that name ("Ivanka Trump" is not
    Donald Trump)."""
    prev = doc[i - 1] if i > 0 else None
    return i == j and b.type == "PERSON" and prev is not None and prev.tag_ == "NNP" and prev.text[:1].isupper() \
        and prev.text.lower().strip(".") not in NOT_GIVEN and prev.text not in b.name.split() \
        and (not prev.is_sent_start or prev.lower_ in given_names())  # ("Outgoing Flake": an adjective)


# capitalised offices before a surname besides the titles ("Director Comey", "Chairman Nunes")
OFFICE_WORDS = {"director", "chairman", "chairwoman", "chair", "deputy", "agent", "coach", "candidate", "nominee",
                "attorney", "atty", "host", "anchor", "congressman", "congresswoman", "councilman", "councilwoman",
                "ambassador", "judge", "sheriff", "pastor", "dean", "superintendent", "trooper", "sergeant"}
NOT_GIVEN = NAME_TITLES | OFFICE_WORDS


def _interval_lookup(spans: list[tuple[int, int]]) -> Callable[[int, int], bool]:
    """A test for whether [s, e) overlaps any of the sorted ``spans``."""
    import bisect

    starts = [t[0] for t in spans]

    def overlaps(s: int, e: int) -> bool:
        k = bisect.bisect_right(starts, s) - 1
        if k >= 0 and spans[k][1] > s:
            return True
        return k + 1 < len(spans) and spans[k + 1][0] < e

    return overlaps
