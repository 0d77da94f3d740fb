"""What kind of thing a name names, from its words, where NER's type is often wrong: a name's
last word ("Harrow Ridge" is a place, "Brightvein Minerals" a body), a platform's name, and
a given name and a surname NER typed as a body ("Carly Fiorina")."""

from __future__ import annotations

import re

from slant.analyze.entities.cuts import PLATFORMS
from slant.names.gender import given_names

__all__ = ["ORG_HEADS", "PLACE_HEADS", "retype_by_head"]

# A name's last word says what it names better than NER does ("Harrow Ridge" is a place)
ORG_HEADS = {
    "minerals", "mining", "coalition", "council", "board", "commission", "committee",
    "association", "alliance", "party", "university", "college", "institute", "agency",
    "department", "ministry", "bureau", "corporation", "corp", "corp.", "inc", "inc.", "ltd",
    "ltd.", "llc", "company", "group", "foundation", "trust", "union", "league", "society",
    "network", "times", "post", "press", "ledger", "gazette", "tribune", "herald", "bank",
    "fund", "authority", "campaign", "partners", "holdings", "industries", "energy",
    "resources", "services", "caucus", "federation", "institution", "organisation",
    "organization", "parliament", "senate", "congress", "assembly", "wire", "media",
}
PLACE_HEADS = {
    "ridge", "creek", "river", "lake", "mountain", "mountains", "valley", "county", "hills",
    "bay", "island", "islands", "forest", "canyon", "falls", "springs", "heights", "crossing",
    "province", "district", "harbour", "harbor", "peninsula", "desert", "strait",
}


_PERSON_WORD = re.compile(r"(?:[OD][’']|Mc|Mac)?[A-Z][a-z]+(?:[’'-][A-Z][a-z]+)?|[IVX]{1,4}")
# words in a body's or a place's name after a given name ("Clinton Foundation", "Warren
# Commission", "Virginia State Bar", "Roman Curia")
NOT_PERSON = ORG_HEADS | PLACE_HEADS | {
    "church", "curia", "award", "awards", "prize", "bar", "state", "center", "centre", "hall", "school",
    "hospital", "museum", "library", "street", "avenue", "square", "park", "tower", "hotel", "plaza",
    "act", "bill", "law", "doctrine", "prayer", "day", "rule", "report", "catholic", "orthodox", "news",
    "replies", "says", "warns", "slams", "reveals", "power", "police", "tech", "airlines", "airways", "motors",
    "health", "capital", "entertainment", "pictures", "records", "studios", "rail", "electric", "insurance",
    "clinic", "fc", "united", "city"}
# given names that are also the names of places, whose bodies open with them ("Georgia Power",
# "Victoria Police", "Virginia Tech")
PLACE_NAMES = {"georgia", "virginia", "victoria", "madison", "carolina", "florence", "charlotte", "austin", "dallas",
               "houston", "india", "israel", "paris", "sydney", "adelaide", "savannah", "phoenix", "orlando", "denver",
               "raleigh", "regina", "jordan", "kent", "lincoln", "washington", "columbia", "santiago", "valencia"}


def retype_by_head(name: str, etype: str) -> str:
    """ORG or LOC from a multi-word name's head word (or a platform's name), else the NER type."""
    if name.lower() in PLATFORMS:
        return "ORG"
    words = name.split()
    if len(words) < 2 or etype == "NORP":
        return etype
    head = words[-1].lower()
    if head in ORG_HEADS:
        return "ORG"
    if head in PLACE_HEADS and etype != "GPE":
        return "GPE" if head in ("county", "province", "district") else "LOC"
    if etype == "ORG" and len(words) <= 3 and words[0].lower() in given_names() and words[0].lower() not in PLACE_NAMES \
            and all(_PERSON_WORD.fullmatch(w) for w in words) and not {w.lower() for w in words} & NOT_PERSON:
        return "PERSON"  # "Carly Fiorina", "Nikki Haley": a given name and a surname, typed ORG
    return etype
