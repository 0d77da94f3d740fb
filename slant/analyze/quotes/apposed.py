"""Names in a speaker phrase: in apposition ("The minister of the economy, Mr. X, argues";
"said X's head of the centre and adviser to Y, Ali Velan"), or the entity the phrase is or
speaks for ("a spokesman for CAGE")."""

from __future__ import annotations

import re
from typing import Any

from slant.analyze.quotes.mentions import MentionIndex
from slant.analyze.quotes.words import (
    ANONYMOUS_ROLES, DOCUMENTS, MEMBERS, PERSON_NOUNS, PLACE_SPEAKS, RELATIONS, ROLES, speaks_for,
)
from slant.models import Entity
from slant.names.rules import TITLE_ABBREVIATIONS


def appositive_name(head: Any, index: MentionIndex, types: tuple[str, ...] = ("PERSON", "ORG")) -> Entity | None:
    """"The minister of the economy, Mr. X, argues": the name in apposition (the apposition's
    own head: in "Ruiz, a Tate ally, said" the ally is no Tate)."""
    for c in head.children:
        if c.dep_ == "appos" and c.i > head.i and not any(
                t.is_quote and t.tag_ != "POS" for t in head.doc[head.i + 1:c.left_edge.i + 1]):
            # ("Reid: 'Never underestimate Trump.'": no apposition across a quote mark)
            # "The other driver, her brother Tom Velm, …": the apposition's own apposition
            heads = [c] + [g for g in c.children if g.dep_ == "appos" and g.i > c.i]
            # (a kin noun's proper-noun apposition is a name, whatever NER typed it: "Penkoski's
            # daughter, Brielle, said")
            named = [e for t in heads for _, _, e in index.inside(t.idx, t.idx + len(t))
                     if e.type in types or head.lower_ in KIN and t.tag_ == "NNP" and e.type in ("GPE", "LOC")]
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
    t = doc[end] if doc[end].ent_type_ == "PERSON" else next(  # (or a conjunct before what the parse hung after it)
        (c for c in head.children if c.dep_ == "conj" and c.ent_type_ == "PERSON"), doc[end])
    # ("SAF founder and Executive Vice President Ann Roe": one person with two titles; "the
    # governor and Senator Ann Roe" are two)
    titled = t.dep_ == "conj" and doc[t.left_edge.i - 1].lower_ == "and" and doc[t.left_edge.i].ent_type_ != "PERSON" \
        and not any(c.dep_ == "det" for c in head.children) \
        and (doc[t.left_edge.i].text[:1].isupper() and doc[t.left_edge.i].lower_ in TITLE_HEADS | {"executive", "vice"}
             or head.tag_ == "NN" and doc[t.left_edge.i].tag_ == "NN" and doc[t.left_edge.i].dep_ == "compound")
    # ("writer and comedian Ann Roe"; not "Lawyers and activist Ann Roe")
    if t.i > head.i and t.dep_ in ("appos", "conj") and t.ent_type_ == "PERSON" and \
            (doc[t.left_edge.i - 1].text == "," or titled):
        named = [e for _, _, e in index.inside(doc[t.left_edge.i].idx, t.idx + len(t)) if e.type == "PERSON"]
        if named:
            return named[-1]
    return None


# a title's last word, when NER took the title for a person's name
TITLE_HEADS = ROLES | PERSON_NOUNS | {"supervisor", "commissioner", "editor", "sheriff", "clerk", "speaker",
                                     "superintendent", "treasurer", "auditor", "controller"}


KIN = {"wife", "husband", "son", "daughter", "mother", "father", "brother", "sister", "widow", "niece", "nephew",
       "cousin", "grandson", "granddaughter", "grandmother", "grandfather", "stepmother", "stepfather"}
WHERE = {"in", "at", "near", "inside", "outside"}  # where a body sits, not whose it is
# a legislature's chamber, whose members and staff speak for themselves or their party
CHAMBER_RE = re.compile(r"(?:the |U\.S\. )?(?:House|Senate|Congress|Parliament|Assembly|Legislature|"
                        r"House of (?:Representatives|Commons|Lords)|Bundestag|Knesset|Duma)")
SPOKESPEOPLE = {"spokesman", "spokeswoman", "spokesperson"}  # who do speak for a chamber


def chamber_staff(name: str, noun: str) -> bool:
    """Whether ``noun`` of the organisation ``name`` is a legislature's staff or members, who
    speak for themselves or their party ("A House official", "a Senate aide"), not its
    spokesperson."""
    return bool(CHAMBER_RE.fullmatch(name)) and noun not in SPOKESPEOPLE
# nouns for some members of a people, not all of them: "groups of Jews"
BANDS = {"group", "groups", "handful", "band", "bands", "faction", "factions", "few", "some"}


def former(doc: Any, a: int, head_i: int) -> bool:
    """Whether a role's modifiers say the affiliation is past ("one ex-House aide", "an
    Ex-Navy sailor", "a former Google engineer"): the organisation does not speak for them."""
    return any(t.lower_ in ("ex", "former", "ex-") for t in doc[a:head_i])


def phrase_entity(doc: Any, head: Any, found: list[tuple[int, int, Entity]]) -> Entity | None:
    """The entity the speaker phrase names: the one its head is in; else one attached as a
    possessor, a prepositional object ("a spokesman for CAGE") or, before a common noun, a
    noun modifier ("a Trust spokesperson"). An adjective ("Democratic senator", "British
    officials") names no one, and a piece of a longer name ("Islamic" in "Islamic State")
    is not the name."""
    hs = head.idx
    for s, e, ent in found:
        if s <= hs < e:
            # "Marion County Supervisor of Elections Ann Bell": the name that closes a title
            # NER took for an organisation, or for a person ("Velmar Supervisor")
            last = found[-1][2]
            titled = ent.type == "ORG" or ent.type == "PERSON" and ent.name.split()[-1].lower() in TITLE_HEADS
            return last if titled and last.type == "PERSON" and found[-1][0] > hs \
                and head.text[:1].isupper() and found[-1][1] >= head.right_edge.idx else ent
    ok: list[Entity] = []
    for s, e, ent in found:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        root = span.root
        if root.tag_ in ("JJ", "JJR", "JJS") or root.dep_ == "amod" or \
                (ent.type == "NORP" or _demonym(ent)) and root.dep_ in ("compound", "nmod") and root.i < head.i:
            continue  # ("Guatemalan authorities", tagged as a name: still an adjective)
        if head.lower_ in RELATIONS and (root.dep_ in ("poss", "compound", "nmod") and ent.type == "PERSON" or
                                         root.dep_ == "pobj" and root.head.lower_ in WHERE | {"of"} and root.head.head.i == head.i):
            continue  # "Khweis' defense attorney", "a friend of Roe", "Roe supporters" are not Roe, nor
            # "the pope's man at the Academy" the Academy
        if root.dep_ in ("compound", "nmod"):
            top = root
            while top.dep_ in ("compound", "nmod", "punct") and top.head.i != top.i and top.head.i != head.i:
                top = top.head
            if head.tag_ in ("NNP", "NNPS") or top.head.i != head.i or \
                    top.dep_ not in ("compound", "nmod"):
                continue
            if ent.type != "PERSON" and not speaks_for(head) or chamber_staff(ent.name, head.lower_) and (
                    head.lower_ in PERSON_NOUNS or head.lower_ in ANONYMOUS_ROLES):
                continue  # "a Navy sailor", "this Supreme Court nominee": the person, not the body;
                # nor does "a House official" speak for a chamber of members on both sides (a House panel does)
        if head.lower_ in MEMBERS or ent.type == "NORP" and root.dep_ == "pobj" and root.head.lower_ == "of" \
                and head.lower_ in BANDS:
            continue  # "groups of Jews", "a handful of Republicans", "ten Democrat members of
            # the committee": some of them, not all, and no one who speaks for the body
        if root.dep_ not in ("pobj", "poss", "compound", "nmod", "appos") or root.dep_ == "pobj" \
                and root.head.lower_ in ("to", "about", "against") \
                and (ent.type != "PERSON" or head.lower_ in DOCUMENTS) \
                and all(t.tag_ == "DT" for t in doc[root.left_edge.i:span.start]):
            continue  # "the letter to John Roe" is not Roe, nor "Sweden's ambassador to the UN" the
            # UN ("an aide to Roe" speaks for Roe; "ambassador to the UN Ann Roe", a name
            # closing the phrase the parse hung there, is Roe)
        if ent.type in ("GPE", "LOC") and head.lower_ not in PLACE_SPEAKS and not (
                root.dep_ == "poss" and head.lower_ in ROLES):
            # "a federal judge in Michigan", "an Arizona man", "one resident of X's Y
            # neighbourhood": the person, not the place ("Germany's foreign minister" speaks
            # for it)
            continue
        if ent.type in ("GPE", "LOC") and root.dep_ == "pobj" and root.head.lower_ in WHERE:
            continue  # "the embassy in Beijing" speaks for its country, not for the city
        ok.append(ent)
    for types in (("PERSON",), ("ORG", "NORP", "GPE")):
        for ent in ok:
            if ent.type in types:
                return ent
    return None


def name_after_title(doc: Any, head: Any, index: MentionIndex) -> Entity | None:
    """"said Sgt. Ann Roe": the person named after a title abbreviation the parse took for
    the speaker."""
    k = head.i + 1 + (head.i + 1 < len(doc) and doc[head.i + 1].text == ".")
    if head.lower_.rstrip(".") not in TITLE_ABBREVIATIONS or k >= len(doc) or doc[k].ent_type_ != "PERSON":
        return None
    return next((e for _, _, e in index.inside(doc[k].idx, doc[k].idx + len(doc[k])) if e.type == "PERSON"), None)


def titled_person_name(doc: Any, head: Any, b: int, index: MentionIndex) -> Entity | None:
    """The person a capitalised title phrase names: in apposition ("Former Speaker of the
    House, Ann Roe, …", not the body), or right after it ("Gazette-Ledger Editor-in-Chief
    Keith Moyle", the phrase ending at token ``b``)."""
    if head.tag_ != "NNP":
        return None
    if head.lower_ in TITLE_HEADS:
        ent = closing_name(head, index) or appositive_name(head, index, ("PERSON",))
        if ent is not None:
            return ent
    return person_after_phrase(doc, b, index) if head.ent_type_ in ("", "ORG") else None


def person_after_phrase(doc: Any, b: int, index: MentionIndex) -> Entity | None:
    """"Gazette-Ledger Editor-in-Chief Keith Moyle said", with the title or the paper parsed
    as the subject (its phrase ends at token ``b``): the person named right after it, past
    the title's words."""
    k = b
    while k < min(b + 5, len(doc)) and doc[k].ent_type_ != "PERSON" and (
            doc[k].lower_ in ROLES or doc[k].lower_ in PERSON_NOUNS or doc[k].text in ("-", "in", "of")):
        k += 1
    if k >= len(doc) or doc[k].ent_iob_ != "B" or doc[k].ent_type_ != "PERSON":
        return None
    return next((e for _, _, e in index.inside(doc[k].idx, doc[k].idx + len(doc[k])) if e.type == "PERSON"), None)


def _demonym(ent: Entity) -> bool:
    """A nationality NER typed as an organisation ("Guatemalan" in "Guatemalan authorities"):
    one capitalised word with a demonym's ending, not a body's name ("Vatican", "Taliban")."""
    name = ent.name
    return ent.type == "ORG" and " " not in name and name[:1].isupper() and \
        name.endswith(("ian", "ese", "ish", "an")) and name not in ("Vatican", "Taliban")
