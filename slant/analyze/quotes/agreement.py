"""Whether a pronoun can stand for what the speaker rules found for it.

A pronoun agrees with what it stands for: "who" stands for a person or a group, never a
place or a thing ("America, who called for …" is the crowd in the passage, not the
country); "they" and "we" stand for more than one, never for one person; "it" never for a
person; and a plural noun "they" takes up must name people or bodies, not things ("such
accusations noted …", "the sounds attacked …").

"We" in the narrator's own sentence is the writers themselves: it keeps its own word, like
"I" (:func:`slant.analyze.quotes.speakers.resolve`).
"""

from __future__ import annotations

from typing import Any

from slant.analyze.quotes.phrases import ABSTRACT_ENDS, INSTITUTIONS
from slant.models import Entity

__all__ = ["agrees", "inanimate"]

PLACES = ("GPE", "LOC", "FAC")
# things that end like agents' nouns or that the endings miss
THINGS = {"sounds", "sound", "badges", "badge", "quotations", "quotation", "quotes", "efforts",
          "effort", "jargon", "words", "pages", "page", "documents", "signs", "lines",
          "headlines", "headline", "numbers", "figures", "facts", "events", "things", "ideas",
          "claims", "charges", "allegations", "accusations", "rumors", "rumours", "texts",
          "verses", "passages", "lyrics", "slogans", "banners", "posters", "videos", "images",
          "photos", "pictures", "tweets", "posts", "emails", "messages", "results", "data"}


def inanimate(tok: Any) -> bool:
    """Whether a common noun names a thing or an abstraction, which neither speaks nor is
    "who" or "they": "accusations", "efforts", "the sounds"; institutions ("the
    administration", "the conference") do speak."""
    if tok.ent_type_ or not tok.tag_.startswith("NN") or tok.tag_.startswith("NNP"):
        return False
    low = tok.lower_
    if low in INSTITUTIONS:
        return False
    stem = low[:-1] if low.endswith("s") and not low.endswith("ss") else low
    return low in THINGS or (stem.endswith(ABSTRACT_ENDS) and stem not in INSTITUTIONS)


def agrees(pronoun: str, ent: Entity | None) -> bool:
    """Whether ``pronoun`` can stand for ``ent``: "who" for no place, "it", "they" and "we"
    for no single person."""
    if ent is None:
        return True
    low = pronoun.lower()
    if low in ("who", "whom") and ent.type in PLACES:
        return False
    if low in ("we", "us") and ent.type != "ORG":
        return False  # "we" named with a body ("We at Acme"), never a person, place or adjective
    if low in ("it", "they", "them") and ent.type == "PERSON":
        return False
    # "Latino", "Catholic": an adjective NER took for a group is no "they"
    return not (low in ("they", "we", "us", "them") and ent.type == "NORP" and not ent.name.endswith("s"))
