"""What a quote's content gives: the speaker's ``words`` or only a ``topic``.

A reported speech act can come with what was said ("said that the plan had failed",
"“…,” she said", "called the verdict a travesty") or with only what the speech was about or
acted on, a noun phrase and nothing more: "denied the accusations", "talked about the case",
"praised the decision", "calls for an inquiry". The second kind is still an attribution
(PolNeAR counts it, and it says who spoke), but its content is in the narrator's words, not
the speaker's: a reader looking for the speaker's words finds none there, and a technique
span inside it is the outlet's own.
"""

from __future__ import annotations

from typing import Any, Literal

from slant.analyze.quotes.nearby import DASHES

__all__ = ["Content", "content_of"]

Content = Literal["words", "topic"]

#: a complement that says what the speaker called it: "called the verdict a travesty",
#: "described the move as reckless", "branded them cowards"
_CHARACTERISED = {"oprd", "acomp"}


def content_of(doc: Any, start: int, end: int, kind: str, cue_text: str | None) -> Content:
    """``topic`` for an indirect quote whose content is a noun phrase with no clause, no
    complement and no question; ``words`` for everything else (quote marks, a clause or an
    infinitive, "according to", a colon or a dash, which introduce words)."""
    if kind != "indirect" or not cue_text:
        return "words"
    cue = cue_text.strip().lower()
    if cue in (":", ";") or cue in DASHES or cue.startswith("according"):
        return "words"
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0 or span[-1].text in ("?", "!"):
        return "words"
    for t in span:
        if t.tag_.startswith("VB") or t.tag_ == "MD" or t.is_quote:
            return "words"  # a clause, an infinitive or a gerund: "denied having met him"
    verb = span.root.head
    if any(_characterises(c) for t in (*span, verb) for c in (t, *t.children)):
        return "words"  # "called [him] a liar", "described the move as reckless"
    return "topic"


def _characterises(tok: Any) -> bool:
    return tok.dep_ in _CHARACTERISED or (tok.lower_ == "as" and tok.dep_ == "prep")
