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
    nor an initial, after a given name; lowercase."""
    if len(parts) != 3 or not SURNAME_RE.fullmatch(parts[1]) or len(parts[1]) < 3:
        return None
    names = given_names()
    return parts[1].lower() if parts[0].lower() in names and parts[1].lower() not in names else None


def _sharing(builders: list[EntityBuilder], part: str) -> list[EntityBuilder]:
    """The people named in full whose surname is ``part``, in the order first named."""
    return [o for o in builders if o.type == "PERSON" and len(person_parts(o.name)) > 1
            and person_parts(o.name)[-1].lower() == part]


def titled_holder(builders: list[EntityBuilder], part: str, words: list[str]) -> EntityBuilder | None:
    """"Mrs. Clinton" after "Bill Clinton" and "Hillary Clinton": the latest person of that
    surname whose given name is of the title's gender."""
    titles = {w.lower().strip(".") for w in words if w[:1].isupper()}  # ("will miss Velm": no title)
    want = "f" if titles & FEMALE_TITLES else "m" if titles & MALE_TITLES else None
    if want is None:
        return None
    same = [(o, given_name_gender(o.name)) for o in _sharing(builders, part)]
    if {g for _, g in same} != {"f", "m"}:
        return None  # only where the surname's people differ in gender
    return next((o for o, g in reversed(same) if g == want), None)


def surname_holder(builders: list[EntityBuilder], bare: dict[str, list[tuple[int, EntityBuilder]]],
                   part: str) -> EntityBuilder | None:
    """A bare surname that two people named in full share: the one who went by it alone
    (``bare``: where the surname was met alone, and whose it was) before the other was named
    ("Quentin Roe … Roe …" then "his wife, Candace Roe", whom the article names in full each
    time); else None, and the latest named takes it."""
    same = _sharing(builders, part)
    if len(same) < 2:
        return None
    first = {id(o): min(m[0] for m in o.mentions) for o in same if o.mentions}
    held = [o for o in same if any(b is o and all(at < first.get(id(x), at + 1) for x in same if x is not o)
                                   for at, b in bare.get(part, []))]
    return held[0] if len(held) == 1 else None
