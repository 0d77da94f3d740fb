"""Names in apposition to a speaker phrase: "The minister of the economy, Mr. X, argues";
"said X's head of the centre and adviser to Y, Ali Velan"."""

from __future__ import annotations

from typing import Any

from slant.analyze.quotes.mentions import MentionIndex
from slant.models import Entity


def appositive_name(head: Any, index: MentionIndex) -> Entity | None:
    """"The minister of the economy, Mr. X, argues": the name in apposition (the apposition's
    own head: in "Ruiz, a Tate ally, said" the ally is no Tate)."""
    for c in head.children:
        if c.dep_ == "appos" and c.i > head.i:
            # "The other man, his cousin James York, …": the apposition's own apposition
            heads = [c] + [g for g in c.children if g.dep_ == "appos" and g.i > c.i]
            named = [e for t in heads for _, _, e in index.inside(t.idx, t.idx + len(t))
                     if e.type in ("PERSON", "ORG")]
            if named:
                return named[0]
    return None


def closing_name(head: Any, index: MentionIndex) -> Entity | None:
    """A person's name in apposition, after a comma, at the end of a role noun's phrase."""
    doc = head.doc
    end = head.right_edge.i
    while end > head.i and (doc[end].is_punct or doc[end].dep_ in ("appos", "nummod") and not doc[end].ent_type_):
        if doc[end].text == ")":  # "…, Devin Nunes (R-Calif.)": the name before the bracket
            end = next((k for k in range(end - 1, head.i, -1) if doc[k].text == "("), end)
        end -= 1
    t = doc[end]
    if t.i > head.i and t.dep_ in ("appos", "conj") and t.ent_type_ == "PERSON" and \
            doc[t.left_edge.i - 1].text == ",":
        named = [e for _, _, e in index.inside(doc[t.left_edge.i].idx, t.idx + len(t)) if e.type == "PERSON"]
        if named:
            return named[-1]
    return None
