"""Who a verb's subject is, when the parse gave it more than one or hung it on another
verb: a page label, a word quoted before the verb, a speaker set off after it, the first
clause of a series."""

from __future__ import annotations

from typing import Any

from slant.analyze.quotes.cues import SPEECH_ACTS
from slant.analyze.quotes.words import INVERTED

SUBJ = ("nsubj", "nsubjpass", "csubj")


# words of a page's furniture the parse takes for a subject ("Update 2: …, Trump has tweeted")
LABELS = {"update", "updated", "updates", "editor", "note", "correction", "clarification",
          "breaking", "exclusive", "watch"}


def grammatical_subjects(v: Any) -> list[Any]:
    """The verb's subjects, the one that says it first, when the parse gave it more than one."""
    # a label the parse took for a second subject ("Update 2: …, Trump has tweeted") is none
    subjs = [c for c in v.children if c.dep_ in SUBJ and c.i != v.i]
    if len(subjs) > 1 and subjs[0].lower_ in LABELS:
        subjs = subjs[1:]
    if len(subjs) > 1 and v.i < subjs[0].i and subjs[0].i + 1 < len(v.doc) and v.doc[subjs[0].i + 1].lower_ in ("'s", "’s"):
        subjs = subjs[1:]  # "said U2’s Bono" with both taken for subjects: Bono, whose band it is
    if len(subjs) > 1 and subjs[1].i < v.i:
        # two subjects before the verb: the nearer one; the other is a quoted word or a
        # label the parse took for one ("“Revulsion,” Haig said of his reaction"); but in
        # "who as Cardinal had denounced …" the role after "as" is none
        as_role = subjs[0].lower_ in ("who", "which", "that") and v.doc[subjs[1].left_edge.i - 1].lower_ == "as"
        aside = v.doc[subjs[1].left_edge.i].tag_ == "VBG" and v.doc[subjs[1].left_edge.i - 1].text == ","  # ("Roe, spurning X, said")
        doc, k = v.doc, subjs[1].left_edge.i  # ("Ann Roe of Tyler, Texas has gone …": Texas is where)
        state = subjs[1].ent_type_ == "GPE" and k > 1 and doc[k - 1].text == "," and doc[k - 2].ent_type_ == "GPE"
        subjs = subjs[:1] if as_role or aside or state else subjs[1:]
    if subjs and subjs[0].i < v.i and (after := _set_off(v)) is not None:
        subjs = [after]  # "Wuerl, says Faggioli, “faces …”": the one set off after the verb
    elif len(subjs) > 1 and subjs[0].i < v.i < subjs[-1].i and v.doc[v.i - 1].tag_ == "''":
        subjs = subjs[-1:]  # "“… the emails, the foundation,” said a source": a word quoted is none
    elif not subjs and (named := _named_after(v) or _relative_before(v) or _past_aside(v) or _after_dash(v)
                                 or _set_off(v, subjects_only=True)) is not None:
        subjs = [named]
    if len(subjs) == 1 and (person := _from_place(subjs[0])) is not None:
        subjs = [person]  # ("Ann Roe of Tyler, Texas went so far as to say": the parse's subject is Texas)
    series = series_clause(v)
    if series is not None:
        return [c for c in series.children if c.dep_ in SUBJ]
    return subjs


def _from_place(subj: Any) -> Any | None:
    """The person a "City, State" place after "of" or "from" belongs to, when the parse made
    the state the subject: "Ann Roe of Tyler, Texas has gone …"."""
    doc, k = subj.doc, subj.left_edge.i
    if subj.ent_type_ != "GPE" or k < 4 or doc[k - 1].text != "," or doc[k - 2].ent_type_ != "GPE":
        return None
    city = doc[k - 2]
    while city.dep_ == "compound" and city.head.i < k:
        city = city.head
    prep = city.head
    if city.dep_ != "pobj" or prep.lower_ not in ("of", "from") or not prep.head.tag_.startswith("NN"):
        return None
    return prep.head


def _set_off(v: Any, subjects_only: bool = False) -> Any | None:
    """"Wuerl, says Faggioli, “faces …”", "Velm, writes the Gazette, “…”": the speaker set off
    by commas right after a verb that has a subject before it too. A name the parse took for
    a second subject, after any verb; a short noun phrase, a subject or the object the parse
    made of it, after a verb that puts its speaker there."""
    doc = v.doc
    if v.i == 0 or doc[v.i - 1].text != ",":
        return None
    inverted = v.lower_ in INVERTED and v.tag_ in ("VBD", "VBZ")
    # ("Velm, said Roe, who …, doesn't forgive": the parse gave Roe to the reported verb)
    taken = [g for c in v.children if c.dep_ == "ccomp" and c.i > v.i for g in c.children
             if g.dep_ == "nsubj" and g.left_edge.i == v.i + 1 and g.ent_type_ in ("PERSON", "ORG")]
    for c in [*v.children, *taken]:
        if c.i < v.i or c.dep_ not in ("nsubj", "nsubjpass", "dobj") or \
                "," not in (doc[min(c.right_edge.i + 1, len(doc) - 1)].text, doc[c.right_edge.i].text):
            continue
        if c.dep_ != "dobj" and c.ent_type_ in ("PERSON", "ORG"):
            return c
        said = any(g.dep_ == "ccomp" and g.i > c.i for g in v.children) or v.dep_ == "parataxis" and v.head.i > c.i
        if inverted and (not subjects_only or said) and c.tag_.startswith("NN") and c.left_edge.i == v.i + 1 and c.right_edge.i - v.i <= 5:
            return c
    return None


def series_clause(v: Any) -> Any | None:
    """"Roe has denounced X as “…,” praised Y as a “…” and …", parsed as "…," praised Y (a
    quote, then the verb and its speaker): an object followed by "as" is no subject after
    the verb; the clause before is the first of a series with its own subject, Roe's."""
    after = [c for c in v.children if c.dep_ in ("nsubj", "dobj") and c.i > v.i]
    first = [c for c in v.children if c.dep_ == "ccomp" and c.i < v.i]
    if not after or not first or not any(c.dep_ == "prep" and c.lower_ == "as" and c.i > after[0].i
                                         for c in v.children):
        return None
    return first[0] if any(c.dep_ == "nsubj" for c in first[0].children) else None


def _named_after(v: Any) -> Any | None:
    """"“…,” said Ann Roe, asked about …": the name right after a verb of saying with no
    subject, which the parse made the subject of the participle after it."""
    doc = v.doc
    for c in v.children:
        if c.dep_ != "ccomp" or c.i < v.i or c.tag_ not in ("VBN", "VBD") or doc[c.i - 1].text != ",":
            continue
        subj = next((g for g in c.children if g.dep_ == "nsubj"), None)
        if subj is not None and subj.left_edge.i == v.i + 1 and subj.ent_type_ in ("PERSON", "ORG") \
                and subj.right_edge.i < c.i:
            return subj
    return None


def _relative_before(v: Any) -> Any | None:
    """"an official who spoke anonymously to discuss it said, “…”": the noun whose relative
    clause ends right before a verb with no subject, when the parse hung the noun elsewhere."""
    if v.tag_ not in ("VBD", "VBZ", "VBP") or v.i < 3:
        return None
    clause = v.doc[v.i - 1]
    while clause.dep_ != "relcl" and clause.head.i < v.i and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "relcl" or clause.right_edge.i != v.i - 1 or not clause.head.tag_.startswith("NN") \
            or clause.left_edge.i != clause.head.i + 1 or clause.left_edge.lower_ not in ("who", "whose"):
        return None  # (only "a man who …" right after the noun: not "the book, a memoir who …")
    return clause.head


def _past_aside(v: Any) -> Any | None:
    """"Roe, exasperated, responded: …", "Roe, asked about it, said …": the parse made the
    aside's participle a verb with Roe its subject, and the verb that speaks hangs on it (or
    it on the verb)."""
    head, doc = v.head, v.doc
    if v.dep_ == "dep" and head.i < v.i and head.tag_ in ("VBD", "VBN") and (
            doc[head.i + 1].text == "," and doc[head.i - 1].text == "," or head.lower_ in ASKED and doc[v.i - 1].text == ","):
        return next((c for c in head.children if c.dep_ == "nsubj" and c.i < head.i), None)
    for c in v.children:
        if c.dep_ == "parataxis" and 0 < c.i < v.i - 1 and c.tag_ in ("VBD", "VBN") and doc[c.i - 1].text == "," \
                and doc[c.i + 1].text == ",":
            return next((g for g in c.children if g.dep_ == "nsubj" and g.i < c.i), None)
    return None


def _after_dash(v: Any) -> Any | None:
    """"… no accident — Ann Roe, a spokesman for Lee, told the Gazette …": the name after a
    dash that the parse made an apposition, with the verb after it joined to the clause
    before the dash (whose subject, "it", says nothing)."""
    doc = v.doc
    start = v.head.i if v.dep_ == "conj" else v.sent.start
    if v.dep_ not in ("conj", "ROOT") or start >= v.i or doc[v.i - 1].text != ",":
        return None
    dash = next((t.i for t in reversed(doc[start:v.i]) if t.text in ("—", "–", "--")), None)
    if dash is None or dash + 1 >= v.i:
        return None
    top = doc[dash + 1]
    while dash < top.head.i < v.i:
        top = top.head
    return top if top.ent_type_ in ("PERSON", "ORG") and top.dep_ == "appos" and top.right_edge.i in (v.i - 2, v.i - 1) \
        else None


ASKED = {"asked", "questioned", "pressed", "quizzed"}


def asked_aside(v: Any) -> bool:
    """"Ann Roe, asked about the levy, said …", "“…,” said Roe, asked about …": a participle
    set off by a comma after the name; Roe was asked, and whoever asked goes unnamed."""
    doc = v.doc
    if v.lower_ not in ASKED or v.i < 2 or doc[v.i - 1].text != "," or any(c.dep_ in ("aux", "auxpass") for c in v.children):
        return False
    subj = next((c for c in v.children if c.dep_ in SUBJ and c.i < v.i), None)
    if subj is None:
        return v.dep_ in ("acl", "advcl", "appos", "relcl")
    if v.dep_ == "ccomp" and v.head.i < subj.i and v.head.lower_ in SPEECH_ACTS \
            and not any(c.dep_ in SUBJ for c in v.head.children):
        return True  # (the parse made the name after "said" the subject of "asked")
    return any(c.dep_ in ("conj", "dep") and doc[c.i - 1].text == "," and c.lower_ in SPEECH_ACTS for c in v.children)
