"""Gender evidence for people: honorifics and gendered role words, and the rule that turns
counted evidence into ``female``, ``male`` or ``unknown`` (a guess, shown as one)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

MALE_TITLES = frozenset({"mr", "sir", "lord", "herr", "fr"})
FEMALE_TITLES = frozenset({"mrs", "ms", "miss", "dame", "lady", "mme", "mlle", "frau", "sra"})
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


def gender_words(text: str) -> tuple[int, int]:
    words = set(re.findall(r"[a-z]+", text.casefold()))
    return (len(words & FEMALE_WORDS) > 0) * 1, (len(words & MALE_WORDS) > 0) * 1


def group_gender(female: int, male: int) -> str:
    """``female``/``male`` when the evidence points one way (at least 3 to 1), else ``unknown``."""
    if female > 0 and female >= 3 * male:
        return "female"
    if male > 0 and male >= 3 * female:
        return "male"
    return "unknown"


GIVEN_NAMES_FILE = Path(__file__).resolve().parents[1] / "data" / "given-names.txt"
# words before a given name that are no part of it ("President Ann Roe", "Sen. Tom Lee")
NAME_TITLES = frozenset({
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "sen",
    "senator", "rep", "representative", "gov", "governor", "president", "vice", "prime",
    "minister", "judge", "justice", "gen", "general", "col", "lt", "capt", "sgt", "cpl", "det",
    "insp", "supt", "officer", "mayor", "secretary", "chancellor", "pope", "cardinal",
    "archbishop", "bishop", "father", "fr", "rev", "reverend", "msgr", "sister", "brother",
    "king", "queen", "prince", "princess", "rabbi", "imam", "sheikh", "ayatollah", "chief",
    "commissioner", "ambassador", "speaker", "leader", "former", "the",
})


@lru_cache(maxsize=1)
def given_names() -> dict[str, str]:
    """The hand-written lexicon of given names: name -> ``"f"`` or ``"m"``."""
    out: dict[str, str] = {}
    for line in GIVEN_NAMES_FILE.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts or parts[0] not in ("f", "m"):
            continue
        for name in parts[1:]:
            out[name] = parts[0]
    return out


def given_name_gender(name: str) -> str | None:
    """``"f"`` or ``"m"`` when a person's full name opens with a given name the lexicon knows
    ("Ann Roe", "Sen. Tom Lee", "Jean-Pierre Roe"); None for a lone word ("Roe", "Warren":
    a surname can be a given name too), an unknown or ambiguous name."""
    words = [w.strip(".,'’\"“”") for w in name.split()]
    words = [w for w in words if w]
    while words and words[0].lower() in NAME_TITLES:
        words = words[1:]
    if len(words) < 2 or not words[0][:1].isupper():
        return None
    first = words[0].lower()
    lexicon = given_names()
    found = lexicon.get(first)
    if found is None and "-" in first:
        found = lexicon.get(first.split("-")[0])
    return found


# titles of offices only one gender holds in the churches the news speaks of, kept in the
# name by NER ("Cardinal Roe", "Msgr. Lee", "Sister Ann")
CLERGY_MALE = frozenset({"cardinal", "archbishop", "bishop", "pope", "monsignor", "msgr", "fr", "father", "brother",
                         "imam", "ayatollah"})
CLERGY_FEMALE = frozenset({"sister", "mother", "abbess"})


def name_gender(name: str) -> str | None:
    """:func:`given_name_gender`, else the gender of a title the name opens with ("Cardinal
    Roe": "m"; "Sister Ann Roe": "f"), else None."""
    found = given_name_gender(name)
    if found is not None or not name.split():
        return found
    title = name.split()[0].strip(".").lower()
    return "m" if title in CLERGY_MALE | MALE_TITLES else "f" if title in CLERGY_FEMALE | FEMALE_TITLES else None
