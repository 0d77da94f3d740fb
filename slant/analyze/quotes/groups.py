"""Whom "it" and "they" stand for as speakers: the nearest organisation, country or
document that was a clause's subject or last spoke, or the nearest group or plural subject;
never a platform, a faith or a doctrine. Called from :func:`.speakers.resolve`."""

from __future__ import annotations

from typing import Any

from slant.analyze.entities.cuts import PLATFORMS
from slant.analyze.parse import doc_text
from slant.analyze.quotes.agreement import expletive_it, generic_they, plural_subject_before, thing_before
from slant.analyze.quotes.cues import SPEECH
from slant.analyze.quotes.mentions import MentionIndex
from slant.analyze.quotes.owners import document_owner, represented_before
from slant.analyze.quotes.phrases import SPEAKING_NOUNS, speaker_bounds
from slant.analyze.quotes.words import FAITHS, NON_AGENTS, people_noun, sentence_before
from slant.models import Entity

__all__ = ["can_be_they", "group_pronoun", "reporter_name"]


def group_pronoun(doc: Any, head: Any, index: MentionIndex,
                   quotes_spans: list[tuple[int, int]]) -> str | None:
    """"it": the nearest organisation, country or document that was a clause's subject or
    last spoke ("The memo itemizes … “…,” it said"); "they": the nearest group,
    organisation or plural subject ("Some locals …"), never a place. Else the pronoun."""
    low, pos = {"its": "it", "their": "they"}.get(head.lower_, head.lower_), head.idx
    if low in ("we", "us"):
        return head.text  # the narrator's "we" is the writers themselves, like "I"
    if low == "it" and (head.dep_ == "dobj" or expletive_it(head)):
        return None  # "as the signs put it: …", "it is fair to say": no one
    if low == "they" and (one := _singular_they(doc, head, index)) is not None:
        return one
    thing = thing_before(head, doc_text(doc))
    if thing is not None:  # "the Latin version … because it suggests": the version; "the
        return None if thing.split()[-1].lower() in NON_AGENTS else thing  # history … it": no one
    types = ("ORG", "GPE") if low == "it" else ("ORG", "NORP")
    found: list[tuple[int, str]] = []
    subj = index.subject_before(pos, types, quotes_spans)
    if subj is not None and can_be_they(subj[1], low):
        # "the group declared that Hispanics are …. They said …": the group, not whom its
        # reported words were about
        found.append((subj[0], low == "they" and reporter_name(doc, subj[0], index, quotes_spans) or subj[1].name))
    group = index.last_group
    if group is not None and group[0].type in types and can_be_they(group[0], low):
        found.append((group[1], group[0].name))
    if low == "it":
        if (rep := represented_before(head, index)) is not None:  # "A spokesman for X did not respond. It said …"
            found.append((rep[0], rep[1].name))
        k = index.document_before(pos, quotes_spans)
        if k is not None:
            owner = document_owner(doc, doc[k], index)
            a0 = doc[k].left_edge
            found.append((doc[k].idx, owner.name if owner is not None else
                          " ".join(doc_text(doc)[a0.idx:doc[k].idx + len(doc[k])].split())))
    elif low == "they":
        plural = plural_subject_before(doc, head)
        if plural is not None:
            a0, b0 = plural.left_edge, (plural.right_edge if plural.ent_type_ or any(  # "the heads of X"
                c.dep_ == "prep" and c.lower_ == "of" for c in plural.children) else plural)
            found.append((plural.idx, " ".join(doc_text(doc)[a0.idx:b0.idx + len(b0)].split())))
    found = [f for f in found if pos - f[0] < 1500]
    if generic_they(head, max(found)[0] if found else -1):
        return None  # "They say you should never swim after lunch …": people at large
    # no body was a subject or spoke: the pronoun itself, not the latest body merely mentioned
    # (on PTC that guess was wrong twelve times in seventeen, and even on PolNeAR)
    return max(found)[1] if found else head.text


def reporter_name(doc: Any, pos: int, index: MentionIndex, quotes_spans: list[tuple[int, int]]) -> str | None:
    """The name of whoever reported the clause that holds the word at ``pos``: the subject of
    its verb of saying, when that is a name or a noun it resolves (never another pronoun,
    which could lead back here)."""
    span = doc.char_span(pos, pos + 1, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    verb = next((a.head for a in span[0].ancestors if a.dep_ == "ccomp" and a.head.lower_ in SPEECH), None)
    rep = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None
    if rep is None or rep.tag_ in ("PRP", "WP", "WDT"):
        return None
    from slant.analyze.quotes.speakers import resolve  # (resolve calls back here for "they")

    name = resolve(doc, rep, speaker_bounds(doc, rep), index, None, quotes_spans)
    return name if name != rep.text else None


def can_be_they(ent: Entity, low: str) -> bool:
    """"Catholic" (a NORP that is no plural) is no "they"; nor a platform ("on Twitter"), nor
    a faith or a doctrine ("Islam", "Marxism": what people hold, not who speaks)."""
    name = ent.name.lower()
    return not (ent.type == "NORP" and not ent.name.endswith("s")) and not (low == "they" and name in PLATFORMS) \
        and name not in FAITHS and not (" " not in name and name.endswith("ism"))


def _singular_they(doc: Any, head: Any, index: MentionIndex) -> str | None:
    """"The professor said they'd look into it. “Thank you,” they wrote.": a singular
    "they", when the sentence before has one person or role noun as its subject and a "they"
    as the subject of what that person said; the person's words ("the professor")."""
    prev = sentence_before(head.sent)
    if prev is None or head.dep_ != "nsubj":
        return None
    subj = next((t for t in prev if t.dep_ == "nsubj" and t.head.dep_ == "ROOT"), None)
    if subj is None or subj.tag_ not in ("NN", "NNP") or subj.ent_type_ not in ("", "PERSON") or \
            subj.ent_type_ == "" and not people_noun(subj) and subj.lower_ not in SPEAKING_NOUNS:
        return None
    if not any(t.lower_ == "they" and t.dep_ == "nsubj" and t.head.dep_ == "ccomp" and t.head.head.i == subj.head.i
               for t in prev):
        return None
    earlier = sentence_before(prev)
    for sent in (prev, earlier) if earlier is not None else (prev,):
        if any(t.dep_ in ("nsubj", "nsubjpass") and (t.tag_ in ("NNS", "NNPS") or t.ent_type_ in ("ORG", "NORP"))
               for t in sent):
            return None  # ("The mayors met. The governor said they …": the mayors may be "they")
    named = [e for _, _, e in index.inside(subj.idx, subj.idx + len(subj)) if e.type == "PERSON"]
    return named[0].name if named else " ".join(doc_text(doc)[subj.left_edge.idx:subj.idx + len(subj)].split())
