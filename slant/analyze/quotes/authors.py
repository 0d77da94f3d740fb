"""Who a piece's author or a body's chief is: "the author" of the piece just named ("Roe's
article"), "the World Health Organisation chief" whose title ("WHO Director-General") names
the body. Used by :mod:`.speakers`."""

from __future__ import annotations

from typing import Any

from slant.analyze.quotes.mentions import MentionIndex
from slant.analyze.quotes.words import sentence_before

__all__ = ["body_chief", "work_author"]


# nouns for whoever wrote a piece, and the pieces: "the author" of "Ann Roe's article"
WRITERS = {"author", "writer", "columnist"}
WORKS = {"article", "book", "column", "essay", "op-ed", "piece", "letter", "post", "editorial", "commentary",
         "memoir", "report", "blog", "speech", "sermon", "novel"}


def work_author(head: Any, index: MentionIndex) -> str | None:
    """"Roe's 2016 article, …. Having written it, the author recognizes …": "the author" (or
    "the writer") is the person whose piece the text named last with its author, as its
    owner ("Roe's article") or after "by" ("an essay by Roe"), in this sentence or the one
    before."""
    if head.lower_ not in WRITERS or [c.lower_ for c in head.children if c.dep_ == "det"] != ["the"]:
        return None
    since = (sentence_before(head.sent) or head.sent).start
    for tok in reversed(head.doc[since:head.i]):
        if tok.lower_ not in WORKS or tok.dep_ == "pobj" and tok.head.head.lower_ in WORKS:
            continue  # ("Roe's column on Lee's speech": the speech is the column's topic)
        # the owner anywhere in the piece's phrase ("Roe’s July 12, 2016 article"), or "by" right
        # after it, wherever the parse hung that ("read an essay by Roe")
        owners = []
        for k in range(tok.i - 1, max(tok.sent.start, tok.i - 8) - 1, -1):
            if head.doc[k].tag_.startswith("VB") or head.doc[k].text in ".;:":
                break
            if head.doc[k].dep_ == "poss":
                owners.append(head.doc[k])
                break
        by = head.doc[tok.i + 1] if tok.i + 1 < len(head.doc) else None
        if by is not None and by.lower_ == "by":
            owners += [g for g in by.children if g.dep_ == "pobj"]
        for owner in owners:
            found = [e for _, _, e in index.inside(owner.idx, owner.idx + len(owner)) if e.type == "PERSON"]
            if found:
                return found[0].name
    return None


# one person's posts at the head of a body: "the World Health Organisation chief"
CHIEFS = {"chief", "head", "leader", "boss", "director", "director-general", "chairman", "chairwoman", "chair",
          "president", "secretary-general"}
CHIEF_NEAR = 1000  # how close to "the … chief" the article must name its holder by the body's name
_JOINING = {"of", "for", "and", "the", "on"}


def body_chief(head: Any, index: MentionIndex) -> str | None:
    """"The World Health Organisation chief said …" and then "WHO Director-General Tedros …
    told reporters": the one person whose title names the body (by its words or its
    initials), near the phrase; None for none or several."""
    dets = [c for c in head.children if c.dep_ == "det"]
    if head.lower_ not in CHIEFS or [c.lower_ for c in dets] != ["the"]:
        return None
    words = [t.text for t in head.doc[dets[0].i + 1:head.i] if t.text[:1].isupper()]
    if len(words) < 2:
        return None
    body = " ".join(words)
    initials = "".join(w[0] for w in words if w.lower() not in _JOINING)
    found = {e.name for e in index.entities if e.type == "PERSON"
             and any(d.kind == "title" and (body in d.text or initials in d.text.split()) for d in e.descriptors)
             and any(abs(m.start - head.idx) < CHIEF_NEAR for m in e.mentions)}
    return found.pop() if len(found) == 1 else None
