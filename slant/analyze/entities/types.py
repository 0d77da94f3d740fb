"""What kind of thing a name names, from its words, where NER's type is often wrong: a name's
last word ("Harrow Ridge" is a place, "Brightvein Minerals" a body), a platform's name, and
a given name and a surname NER typed as a body ("Carly Fiorina")."""

from __future__ import annotations

import re

from typing import Any

from slant.analyze.entities.cuts import PERSON_TITLES, PLATFORMS, POSSESSIVE
from slant.names.gender import given_names

__all__ = ["ORG_HEADS", "PLACE_HEADS", "person_after", "retype_by_head"]

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
    "clinic", "fc", "united", "city", "fellowship", "outreach", "ministry", "ministries", "mission", "chapel",
    "brothers", "sisters", "brotherhood", "sisterhood", "conference"}
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


# faiths before a person's name, which NER takes into a body's name ("the Catholic Ann Roe")
FAITH_ADJECTIVES = {"catholic", "protestant", "anglican", "evangelical", "muslim", "jewish", "orthodox", "lutheran",
          "methodist", "baptist", "mormon", "sunni", "shia", "shiite", "hindu", "sikh", "buddhist"}
# titles NER runs into the name after them ("Hungary PM Ann Roe", "Shaykh Ann Roe")
RUN_IN_TITLES = PERSON_TITLES | {"pm", "shaykh", "cardinals", "substitute", "prefect", "nuncio"}


def person_after(doc: Any, s: int, e: int) -> int | None:
    """Where a person's name starts at the end of a span NER typed as a body: a given name and
    one or two surnames after an owner ("Fox News’ Ann Roe"), a title ("Hungary PM Ann Roe")
    or a faith ("the Catholic Ann Roe"); None when the span ends in no such name."""
    for k in range(s + 1, e - 1):
        first = doc[k]
        rest = [t.text for t in doc[k + 1:e]]
        if first.lower_ not in given_names() or first.lower_ in PLACE_NAMES or first.text[:1].islower() \
                or not 1 <= len(rest) <= 2 or not all(_PERSON_WORD.fullmatch(w) for w in rest) \
                or {w.lower() for w in rest} & NOT_PERSON:
            continue
        before = doc[k - 1]
        if before.text in (*POSSESSIVE, "’", "'") or before.lower_.rstrip(".") in RUN_IN_TITLES \
                or k - s == 1 and before.lower_ in FAITH_ADJECTIVES:
            return k
    return None
