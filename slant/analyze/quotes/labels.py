"""Quoted labels: "X called Y “crazy”", "X dubbed the plan “a betrayal”", "X described the
report as “a disgrace”". A quote after a naming verb with a subject is that subject's word
(speech), not the narrator's scare quote; a quote after a written work ("wrote a book, “…”") is
its title."""

from __future__ import annotations

from typing import Any

from slant.analyze.quotes.candidates import Attribution, char_bounds
from slant.analyze.quotes.shapes import finite_misparse

# forms of "describe", "characterise", "portray", "brand", "label": read with "as" in attribution
DESCRIBE_AS = {"described", "describes", "describe", "describing", "characterized",
               "characterised", "portrayed", "branded", "labeled", "labelled"}

# verbs that give something a name or a label; quoted words after them are the subject's
# ("X called Y “crazy”", "X dubbed the plan “a betrayal”")
NAMING_VERBS = {f"{stem}{end}" for stem, ends in (
    ("call", ("", "s", "ed", "ing")), ("dub", ("", "s", "bed", "bing")), ("label", ("", "s", "ed", "led", "ing", "ling")),
    ("brand", ("", "s", "ed", "ing")), ("term", ("s", "ed", "ing")), ("nickname", ("d",)))
    for end in ends} | DESCRIBE_AS
# marks that open a quote, and the mark that closes each
QUOTE_PAIRS = {"“": "”", '"': '"', "‘": "’", "''": "''", "``": "''"}
FIRST_PERSON = {"i", "we"}
# dependents that modify a noun: quoted words that hang on a noun after them are part of it
MODIFIERS = {"amod", "compound", "nmod", "poss", "nummod", "advmod", "npadvmod"}
# particles and prepositions after "call" that make it another verb ("called for", "called on")
CALL_PARTICLES = {"for", "on", "upon", "off", "out", "in", "up", "back", "into"}


def _label_end(doc: Any, tok: Any, k: int, j: int) -> int:
    """The token end of a label's content whose quote runs from mark ``k`` to mark ``j``:
    past the quote to the end of the phrase the quoted words head ("a “blueprint” for how
    …") or of a "for"/"of" phrase of the verb ("a ''liar'' for insisting …"), within the
    line."""
    end = j + 1
    inside = [doc[i] for i in range(k + 1, j)]
    roots = [t for t in inside if not k < t.head.i < j]
    ends = [t.right_edge.i + 1 for t in roots if t.head.i != t.i]
    ends += [c.right_edge.i + 1 for c in tok.children if c.i > j and c.dep_ == "prep" and c.lower_ in ("for", "of")]
    for e in sorted(ends, reverse=True):
        if e > end and e <= tok.sent.end and "\n" not in doc[j:e].text:
            return e
    return end


def named_quote(doc: Any, tok: Any) -> Attribution | None:
    """"X called Y “crazy”", "X described the plan as “a disgrace”": a naming verb with a
    subject, and a quote opening within a few words after it in its own clause: the quoted
    words are the subject's label, not the narrator's (the object and the quote are the
    content). Not a passive ("Y was called “…”"), nor a name ("a group called “…”")."""
    from slant.analyze.quotes.attribution import subject_of  # it imports this module

    if not tok.tag_.startswith("VB") or tok.dep_ in ("acl", "amod", "relcl") and tok.tag_ == "VBN" \
            and not finite_misparse(tok) or any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children):
        return None
    if tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in CALL_PARTICLES \
            or any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return None  # "called for …"; "invited her to describe the “damage”": not yet said
    speaker = subject_of(tok)
    if speaker is None or speaker.lower_ in FIRST_PERSON:
        return None  # "what I have called a “chopping block”": the narrator's own label
    stop = min(tok.sent.end, tok.i + 10)
    k = first = tok.i + 1
    while k < stop:
        t = doc[k]
        close = QUOTE_PAIRS.get(t.text)
        if close is not None:
            j = _closing(doc, k, close)
            if j is None:
                return None
            inside = range(k + 1, j)
            if any(doc[i].head.i > j and doc[i].dep_ in MODIFIERS for i in inside) or \
                    j + 1 < len(doc) and doc[j + 1].tag_.startswith("NN"):
                # quoted words inside a noun phrase: "called his ‘or else’ bluff", "Ted
                # “Chappaquiddick” Kennedy"
                k = first = j + 1
                continue
            return Attribution(cue=(tok.i, tok.i + 1), content=char_bounds(doc, first, _label_end(doc, tok, k, j)),
                               speaker=speaker, pattern="named_quote")
        if t.tag_.startswith("VB") or t.tag_ == "MD" or t.text in (";", ":", "—", "(") or "\n" in t.text:
            return None
        k += 1
    return None


def _closing(doc: Any, k: int, close: str) -> int | None:
    """The token of the mark ``close`` that ends the quote opened at ``k``, on its line and
    with words between; None if there is none."""
    for j in range(k + 1, min(len(doc), k + 30)):
        if "\n" in doc[j].text:
            return None
        if doc[j].text == close or close == "’" and doc[j].text in ("’", "'"):
            return j if j > k + 1 else None
    return None


WRITE_FORMS = {f"{stem}{end}" for stem, ends in (
    ("writ", ("e", "es", "ing", "ten")), ("wrote", ("",)), ("publish", ("", "es", "ed", "ing")),
    ("pen", ("", "s", "ned", "ning")), ("author", ("", "s", "ed", "ing"))) for end in ends}
# written works whose title a quote after them gives
WORKS = {"book", "books", "novel", "memoir", "essay", "article", "column", "op-ed", "paper",
         "poem", "song", "play", "screenplay", "biography", "thesis", "dissertation", "study",
         "report", "piece", "blog", "chapter", "treatise", "encyclical"}


def work_title(doc: Any, cue: Any, text: str, quote_start: int) -> bool:
    """"led me to write my new book, “…”": the quote right after a written work that the cue's
    object names is the work's title, not words the writer reports."""
    if cue.lower_ not in WRITE_FORMS:
        return False
    obj = next((c for c in cue.children if c.dep_ in ("dobj", "nsubjpass") and c.lower_ in WORKS), None)
    return obj is not None and obj.idx < quote_start and \
        not text[obj.idx + len(obj):quote_start].strip(" ,:\t")
