"""A guess at each person's gender in one article, for "he" and "she".

Titles before a mention ("Mrs."), a gendered role noun beside the name ("a spokeswoman"),
the given name (:func:`slant.names.gender.name_gender`), and, only for a name nothing else
genders, the pronouns right after its mentions.
"""

from __future__ import annotations

import bisect
from typing import Any

from slant.analyze.parse import doc_text
from slant.analyze.quotes.agreement import names_someone_else
from slant.analyze.quotes.words import FEMALE_NOUNS, MALE_NOUNS
from slant.models import Entity
from slant.names.gender import given_names, name_gender

__all__ = ["FEMALE", "MALE", "infer_genders"]

MALE = {"he", "him", "his", "himself"}
# a given name the lexicon knows outweighs one title or role word (3), not two
GIVEN_NAME_VOTES = 4
FEMALE = {"she", "her", "hers", "herself"}
MALE_TITLES = {"mr", "mr.", "sir", "lord", "king", "prince", "father"}
FEMALE_TITLES = {"mrs", "mrs.", "ms", "ms.", "miss", "dame", "lady", "queen", "princess"}


def infer_genders(doc: Any, entities: list[Entity]) -> dict[str, str]:
    """A guess at each person's gender: a title before a mention, a gendered role noun
    beside the name, the given name or title (:func:`slant.names.gender.name_gender`), and the
    pronouns after the mention in a sentence that mentions only them and in the sentence
    after ("Roe said … He added": learnt from the article itself)."""
    text = doc_text(doc)
    votes: dict[str, list[int]] = {}  # titles, role nouns, given names
    weak: dict[str, list[int]] = {}   # pronouns near a mention: only where nothing else speaks
    people = sorted((m.start, m.end, e.name) for e in entities if e.type == "PERSON" for m in e.mentions)
    if not people:
        return {}
    starts = [p[0] for p in people]
    sents = list(doc.sents)
    for k, sent in enumerate(sents):
        i = bisect.bisect_left(starts, sent.start_char)
        names = set()
        first = sent.end_char
        while i < len(people) and people[i][0] < sent.end_char:
            names.add(people[i][2])
            first = min(first, people[i][0])
            before = text[max(0, people[i][0] - 6):people[i][0]].lower().split() or [""]
            v = votes.setdefault(people[i][2], [0, 0])
            v[0] += 3 * (before[-1] in MALE_TITLES)
            v[1] += 3 * (before[-1] in FEMALE_TITLES)
            i += 1
        if len(names) != 1:
            continue
        (name,) = names
        # the pronouns after the mention ("Roe said … He added"), not one before it that
        # stands for someone else ("First he said that Roe had to be heard")
        toks = [t for t in sent if t.idx >= first]
        if k + 1 < len(sents):
            # and the pronouns of the next sentence before it names anyone ("Roe pointed to the
            # ruling. He cited Lee …"), save possessives ("… a road that keeps her children
            # free": the nation's)
            nxt = sents[k + 1]
            j = bisect.bisect_left(starts, nxt.start_char)
            stop = people[j][0] if j < len(people) and people[j][0] < nxt.end_char else nxt.end_char
            toks.extend(t for t in nxt if t.idx < stop and t.dep_ != "poss")
        v = weak.setdefault(name, [0, 0])
        for t in toks:
            v[0] += t.lower_ in MALE
            v[1] += t.lower_ in FEMALE
    _apposed_genders(doc, entities, votes)
    for e in entities:
        if e.type != "PERSON":
            continue
        given = name_gender(e.name)  # "Ann Roe", "Cardinal Roe": unless the article says otherwise
        if given is None and " " not in e.name and any(o.name.startswith(e.name + " ") for o in entities
                                                      if o.type == "PERSON"):
            given = given_names().get(e.name.lower())  # "Keith" beside "Keith Lamont Scott": a given name
        if given is not None:
            v = votes.setdefault(e.name, [0, 0])
            v[given == "f"] += GIVEN_NAME_VOTES
        # "Ann Roe, a spokeswoman for …", "Father Tom Roe" (not "his wife Ann Lee": hers)
        for d in (d for d in e.descriptors if not names_someone_else(d, e.name, people, starts)):
            ws = {w.strip(",.\"'“”‘’").replace("’s", "").replace("'s", "")
                  for w in d.text.lower().replace("-", " ").split()}
            v = votes.setdefault(e.name, [0, 0])
            v[0] += 3 * bool(ws & MALE_NOUNS)
            v[1] += 3 * bool(ws & FEMALE_NOUNS)
    out = {n: ("m" if m > f else "f") for n, (m, f) in votes.items() if m != f}
    # the pronouns around a name count only for a name nothing else genders: in a story about
    # an accuser, "she" and "her" fill the sentences that name the accused; and never for a
    # name NER also saw as a place ("… and Clarkston became his home")
    places = {e.name for e in entities if e.type in ("GPE", "LOC")}
    out.update({n: ("m" if m > f else "f") for n, (m, f) in weak.items() if m != f and n not in out and n not in places})
    return out


def _apposed_genders(doc: Any, entities: list[Entity], votes: dict[str, list[int]]) -> None:
    """Votes from a gendered noun a name stands in apposition to or right after ("a
    spokeswoman for the Speaker, Ann Roe", "spokeswoman Ann Roe")."""
    for e in entities:
        if e.type != "PERSON":
            continue
        for m in e.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            root = span.root
            near = [c for c in root.children if c.dep_ == "appos"]
            if root.dep_ == "appos":
                near.append(root.head)
            if span.start > 0:
                near.append(doc[span.start - 1])
            ws = {t.lower_ for t in near}
            if ws & (MALE_NOUNS | FEMALE_NOUNS):
                v = votes.setdefault(e.name, [0, 0])
                v[0] += 3 * bool(ws & MALE_NOUNS)
                v[1] += 3 * bool(ws & FEMALE_NOUNS)
