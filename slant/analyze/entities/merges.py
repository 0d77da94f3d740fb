"""Merges run once all mentions are found: an entity named like another's alias, a body
named by the start of another's name, an entity inside another's alias, a surname NER took
for an organisation before the article gave the full name; and a place NER took for a person."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from slant.names.gender import given_names

if TYPE_CHECKING:
    from slant.analyze.entities.mentions import EntityBuilder

__all__ = ["fold_nested", "merge_aliases", "merge_short_bodies", "merge_surnames", "retype_places"]


def merge_aliases(builders: list[EntityBuilder]) -> None:
    """An entity named like another's alias ("Ferryman" after "known as 'the Ferryman'")
    joins it."""
    def key(name: str) -> str:
        words = name.lower().split()
        if words and words[0] in ("the", "a", "an"):
            words = words[1:]
        return " ".join(words)

    owners = {key(a): b for b in builders for a in b.aliases}
    for b in list(builders):
        owner = owners.get(key(b.name))
        if owner is not None and owner is not b and not b.aliases:
            owner.mentions.extend(b.mentions)
            builders.remove(b)


def merge_short_bodies(builders: list[EntityBuilder]) -> None:
    """A body named by the start of one other body's name, up to its "of" ("the Velm
    Conference" in an article on the Velm Conference of Mayors), joins it."""
    orgs = [b for b in builders if b.type == "ORG"]
    # two words at least, and no party (its state branch is another body)
    for b in [b for b in orgs if len(b.name.split()) >= 2 and not b.name.endswith(" Party")]:
        longer = [o for o in orgs if o.name.startswith(b.name + " ") and
                  o.name[len(b.name) + 1:].split()[0] in ("of", "for")]
        if len(longer) == 1 and b in builders:
            longer[0].mentions.extend(b.mentions)
            builders.remove(b)


def fold_nested(builders: list[EntityBuilder]) -> None:
    """An entity all of whose mentions sit inside another entity's alias spans joins it
    ("Jihadi" found by NER inside the alias "Jihadi John")."""
    spans = [(s, e, b) for b in builders for s, e in b.alias_spans]
    if not spans:
        return
    for b in list(builders):
        if b.alias_spans:
            continue
        owners = set()
        for s, e in b.mentions:
            inside = [o for (a, z, o) in spans if a <= s and e <= z and o is not b]
            if not inside:
                break
            owners.add(id(inside[0]))
        else:
            if len(owners) == 1:
                builders.remove(b)


# words that open places' names, not people's ("Las Vegas", "San Remo", "Port Velm"); a person
# a street or an airport is named after ("Jomo Kenyatta" beside "Jomo Kenyatta Airport") stays one
PLACE_OPENERS = {"las", "los", "san", "santa", "santo", "são", "new", "el", "la", "le", "port", "fort", "mount",
                 "lake", "north", "south", "east", "west", "upper", "lower", "great", "little", "saint", "st."}


def retype_places(builders: list[EntityBuilder]) -> None:
    """A "person" of two words or more opened by a place word, no given name, whose name
    opens a place's ("Las Vegas" beside "Las Vegas Strip" or "Las Vegas Boulevard") is that
    place."""
    places = [b.name for b in builders if b.type in ("GPE", "LOC")]
    openers = PLACE_OPENERS - given_names().keys()
    for b in builders:
        words = b.name.split()
        if b.type == "PERSON" and len(words) >= 2 and words[0].lower() in openers \
                and any(p.startswith(b.name + " ") for p in places):
            b.type = "GPE"


# what follows a business's name, not a person's ("a Bloomberg poll", "Ford's shares")
BUSINESS_AFTER = re.compile(r"(?:['’]s)?\s+(?:poll|polls|survey|report|reports|shares|stock|stocks|Inc|Corp|Co|LLC|LP|"
                            r"News|company|foundation|group|Motor|Motors|Media|analysis|data|index|Terminal|"
                            r"editorial|opinion|reporter|reporters|columnist|plant|factory|cars|store|stores)\b")


GENERATIONS = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}


def _surname(name: str) -> str:
    words = [w.strip(",").lower() for w in name.split()]
    words = [w for w in words if w not in GENERATIONS]
    return words[-1] if len(words) > 1 else ""


# a person's verbs of saying right after the name ("Bozell says", "Bozell adds"), which NER's
# organisation of one word that is a person's surname does not take
SPEAKS_AFTER = re.compile(r",?\s+(?:says|adds|notes|explains|recalls|points out|insists|writes(?! off)|tells|argues)\b")


def merge_surnames(builders: list[EntityBuilder], text: str) -> None:
    """A one-word "organisation" that is the surname of a person the article names in full
    and also by that surname alone ("Trump's gamble" in a headline, typed ORG, before
    "President Donald Trump … Trump said") joins that person: mentions met before the full
    name could not. Never a place ("Washington" beside "George Washington" is the city), nor
    a body that only ends a "person" NER ran on ("the House" and "Imran Awan House case"), nor
    a business named after the person ("a Bloomberg poll", "Ford shares"). Also, where no
    bare surname was typed a person, one that speaks as people do ("Bozell says", "Bozell
    adds"; not the "said" companies share, nor "writes off") joins the person first named so."""
    for b in list(builders):
        if b.type != "ORG" or " " in b.name or b.aliases or b.name.isupper() or any(
                BUSINESS_AFTER.match(text, e) for _, e in b.mentions):
            continue
        # the person first named with that surname ("Brent Roe III" before "his father, Brent
        # Roe, Jr.": the article's subject)
        people = [p for p in builders if p.type == "PERSON" and p is not b and p.mentions
                  and _surname(p.name) == b.name.lower()]
        person = min(people, key=lambda p: min(s for s, _ in p.mentions)) if people else None
        if person is not None and (any(text[s:e] == b.name for s, e in person.mentions)
                                   or any(SPEAKS_AFTER.match(text, e) and text[max(0, s - 4):s].lower() != "the "
                                          for s, e in b.mentions)):  # ("the House says": a body)
            person.mentions.extend(b.mentions)
            builders.remove(b)
