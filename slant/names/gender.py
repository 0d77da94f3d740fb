"""Gender evidence for people: honorifics and gendered role words, and the rule that turns
counted evidence into ``female``, ``male`` or ``unknown`` (a guess, shown as one)."""

from __future__ import annotations

import re

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
