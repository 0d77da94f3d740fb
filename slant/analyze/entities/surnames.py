"""Whose is a surname met alone, when the article names more than one person with it.

"Mrs. Velm" beside "Bill Velm" and "Hillary Velm" is the one of the title's gender; a bare
"Dorran" beside "Mark Dorran" and "Ellen Dorran" is the one who went by it alone before the
other was named; "Ms. Mendez" is "Carla Mendez Ortiz", whose first surname it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from slant.analyze.entities.cuts import SURNAME_RE
from slant.names.gender import FEMALE_TITLES, MALE_TITLES, given_name_gender, given_names

if TYPE_CHECKING:
    from slant.analyze.entities.mentions import EntityBuilder

HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady", "rev",
              "mr.", "mrs.", "ms.", "dr.", "prof.", "rev."}


def person_parts(name: str) -> list[str]:
    """A person's name without its honorifics, word by word."""
    return [w for w in name.split() if w.lower().strip(".") not in HONORIFICS and w.lower() not in HONORIFICS]


def ends(full: list[str], part: list[str]) -> bool:
    """Whether ``part`` is the last words of the longer ``full`` (case aside)."""
    return len(full) > len(part) and [w.lower() for w in full[-len(part):]] == [w.lower() for w in part]


def paternal(parts: list[str]) -> str | None:
    """The first of two surnames ("Mendez" in "Carla Mendez Ortiz"), which people of Spanish
    names go by alone ("Ms. Mendez said"): the middle of three words that is no given name
    nor an initial, after a given name; lowercase. Only a title of the person's gender links
    it (:func:`paternal_holder`): a middle name alone is no one's ("Mr. Hobbs" beside "Ann
    Hobbs Roe" is someone else)."""
    if len(parts) != 3 or not SURNAME_RE.fullmatch(parts[1]) or len(parts[1]) < 3:
        return None
    names = given_names()
    return parts[1].lower() if parts[0].lower() in names and parts[1].lower() not in names else None


def title_gender(words: list[str]) -> str | None:
    """"f" or "m" for a title of that gender among ``words`` ("Ms.", "Mr."), else None."""
    titles = {w.lower().strip(".") for w in words if w[:1].isupper()}  # ("will miss Velm": no title)
    return "f" if titles & FEMALE_TITLES else "m" if titles & MALE_TITLES else None


def paternal_holder(builders: list[EntityBuilder], part: str, want: str) -> EntityBuilder | None:
    """"Ms. Mendez": the one person of the title's gender whose first surname is ``part``."""
    found = [o for o in builders if o.type == "PERSON" and paternal(person_parts(o.name)) == part
             and given_name_gender(o.name) in (want, None)]
    return found[0] if len(found) == 1 else None


def titled_holder(builders: list[EntityBuilder], part: str, words: list[str]) -> EntityBuilder | None:
    """"Mrs. Clinton" after "Bill Clinton" and "Hillary Clinton": the latest person of that
    surname whose given name is of the title's gender."""
    want = title_gender(words)
    if want is None:
        return None
    same = [(o, given_name_gender(o.name)) for o in builders if o.type == "PERSON"
            and len(person_parts(o.name)) > 1 and person_parts(o.name)[-1].lower() == part]
    if {g for _, g in same} != {"f", "m"}:
        return None  # only where the surname's people differ in gender
    return next((o for o, g in reversed(same) if g == want), None)


class SharedSurnames:
    """Who went by each surname, kept as the mentions come in document order, so that a bare
    surname two people named in full share can go to the one the writer set it up for."""

    def __init__(self) -> None:
        self.owners: dict[str, list[EntityBuilder]] = {}  # surname: its people, first named first
        self.first_full: dict[int, int] = {}  # a person: where first named in full
        self.first_bare: dict[str, dict[int, int]] = {}  # surname: person: where it first stood alone

    def full(self, b: EntityBuilder, parts: list[str], start: int) -> None:
        """``b`` named in full (``parts``) at ``start``."""
        owners = self.owners.setdefault(parts[-1].lower(), [])
        if b not in owners:
            owners.append(b)
        self.first_full.setdefault(id(b), start)

    def bare(self, part: str, b: EntityBuilder, start: int) -> None:
        """The surname ``part`` met alone at ``start``, and given to ``b``."""
        self.first_bare.setdefault(part, {}).setdefault(id(b), start)

    def holder(self, part: str) -> EntityBuilder | None:
        """A bare surname that two people named in full share: the one who went by it alone
        before the other was named ("Keith Roe … Roe …", then "his wife, Rakeyia Roe": news
        keeps the surname for the person the story is about and names the other in full);
        else None, and the latest named takes it. A story that gives the surname to the one
        named later ("Mark Roe … Roe died. His daughter, Ellen Roe, runs it. “…,” Roe said")
        is read wrong: on PolNeAR the first reading is right far more often."""
        same = self.owners.get(part, [])
        if len(same) < 2:
            return None
        bare = self.first_bare.get(part, {})
        held = [o for o in same if id(o) in bare and all(bare[id(o)] < self.first_full.get(id(x), -1)
                                                          for x in same if x is not o)]
        return held[0] if len(held) == 1 else None
