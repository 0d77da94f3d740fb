"""Resolve a speaker mention to an entity's full name.

A mention inside an entity's mention takes that entity's name (surnames were merged with
full names by the entities stage). A pronoun takes the latest speaker or person before
it; a role ("a CAGE spokesperson", "the UK director") takes the organisation it names or
the person the article gave that role; anything else keeps its own words.
"""

from __future__ import annotations

import bisect
from typing import Any

from slant.analyze.parse import doc_text
from slant.models import Entity

WH = {"who", "which", "that"}
PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
GROUP_PRONOUNS = {"they", "them", "we", "us", "it"}
ROLES = {"spokesman", "spokeswoman", "spokesperson", "spokespeople", "representative",
         "official", "officials", "director", "statement", "campaign", "aide", "aides",
         "adviser", "advisor", "chief", "head", "chairman", "chairwoman", "leader", "member",
         "members", "founder", "executive", "president", "secretary", "manager", "lawyer",
         "attorney", "researcher", "officer", "minister", "source", "sources", "staff",
         "team", "office", "press", "release", "report", "chair", "ceo", "analyst"}


class MentionIndex:
    """Entity mentions sorted by start, for lookups by character offset."""

    def __init__(self, entities: list[Entity], genders: dict[str, str] | None = None) -> None:
        self.genders = genders or {}
        rows = sorted((m.start, m.end, e) for e in entities for m in e.mentions)
        self.rows = rows
        self.starts = [r[0] for r in rows]
        self.role_words: dict[str, list[tuple[int, Entity]]] = {}
        for e in entities:
            if e.type != "PERSON":
                continue
            for d in e.descriptors:
                for w in d.text.lower().replace("-", " ").split():
                    self.role_words.setdefault(w.strip(",.\"'“”‘’"), []).append((d.start, e))

    def inside(self, start: int, end: int) -> list[tuple[int, int, Entity]]:
        """Mentions overlapping [start, end)."""
        i = bisect.bisect_left(self.starts, start)
        k = i - 1
        out = []
        while k >= 0 and k >= i - 8:
            if self.rows[k][1] > start:
                out.append(self.rows[k])
            k -= 1
        while i < len(self.rows) and self.rows[i][0] < end:
            out.append(self.rows[i])
            i += 1
        return sorted(out, key=lambda r: r[0])

    def before(self, pos: int, types: tuple[str, ...], skip: list[tuple[int, int]] = (),
               gender: str | None = None) -> Entity | None:
        """The latest mention of one of ``types`` ending before ``pos``, outside the sorted,
        disjoint ``skip`` spans, and not of the other gender when ``gender`` is given."""
        i = bisect.bisect_left(self.starts, pos) - 1
        skip_starts = [a for a, _ in skip]
        steps = 0
        while i >= 0 and steps < 400:
            s, e, ent = self.rows[i]
            i -= 1
            steps += 1
            if e > pos or ent.type not in types:
                continue
            k = bisect.bisect_right(skip_starts, s) - 1
            if k >= 0 and skip[k][1] > s:
                continue
            if gender and self.genders.get(ent.name, gender) != gender:
                continue
            return ent
        return None


MALE = {"he", "him", "his", "himself"}
FEMALE = {"she", "her", "hers", "herself"}
MALE_TITLES = {"mr", "mr.", "sir", "lord", "king", "prince", "father"}
FEMALE_TITLES = {"mrs", "mrs.", "ms", "ms.", "miss", "dame", "lady", "queen", "princess"}


def infer_genders(doc: Any, entities: list[Entity]) -> dict[str, str]:
    """A guess at each person's gender from the article itself: a title before a mention,
    or the pronouns of the sentence that mentions only them and the sentence after."""
    text = doc_text(doc)
    votes: dict[str, list[int]] = {}
    people = sorted((m.start, m.end, e.name) for e in entities if e.type == "PERSON" for m in e.mentions)
    if not people:
        return {}
    starts = [p[0] for p in people]
    sents = list(doc.sents)
    for k, sent in enumerate(sents):
        i = bisect.bisect_left(starts, sent.start_char)
        names = set()
        while i < len(people) and people[i][0] < sent.end_char:
            names.add(people[i][2])
            before = text[max(0, people[i][0] - 6):people[i][0]].lower().split()
            if before:
                v = votes.setdefault(people[i][2], [0, 0])
                v[0] += 3 * (before[-1] in MALE_TITLES)
                v[1] += 3 * (before[-1] in FEMALE_TITLES)
            i += 1
        if len(names) != 1:
            continue
        (name,) = names
        toks = list(sent)
        if k + 1 < len(sents):
            nxt = sents[k + 1]
            j = bisect.bisect_left(starts, nxt.start_char)
            if not (j < len(people) and people[j][0] < nxt.end_char):
                toks.extend(nxt)
        v = votes.setdefault(name, [0, 0])
        for t in toks:
            v[0] += t.lower_ in MALE
            v[1] += t.lower_ in FEMALE
    return {n: ("m" if m > f else "f") for n, (m, f) in votes.items() if m != f and max(m, f) >= 1}


def speaker_bounds(doc: Any, head: Any) -> tuple[int, int]:
    """Token bounds of the speaker phrase: the head with its left modifiers and a short
    prepositional tail ("a spokesman for CAGE")."""
    a = head.left_edge.i
    b = head.i + 1
    for c in head.rights:
        if c.dep_ in ("prep", "compound", "flat") and c.right_edge.i - a < 10:
            b = c.right_edge.i + 1
        else:
            break
    if head.dep_ == "pobj" and head.head.lower_ == "to" and a <= head.head.i:
        a = head.head.i + 1
    while a < b and doc[a].is_punct:
        a += 1
    while b > a and doc[b - 1].is_punct:
        b -= 1
    return a, b


def resolve(doc: Any, head: Any, bounds: tuple[int, int], index: MentionIndex,
            last_person: Entity | None, quotes_spans: list[tuple[int, int]]) -> str:
    """The full name the speaker phrase refers to, or its own words when nothing fits."""
    low = head.lower_
    if low in WH and head.head.dep_ == "relcl" and head.head.head.i != head.head.i:
        # "X, who said …": the speaker's words are "who", its name is X's
        antecedent = head.head.head
        return resolve(doc, antecedent, speaker_bounds(doc, antecedent), index, last_person,
                       quotes_spans)
    a, b = bounds
    cs, ce = doc[a].idx, doc[b - 1].idx + len(doc[b - 1])
    found = index.inside(cs, ce)
    if found:
        hs = head.idx
        for s, e, ent in found:
            if s <= hs < e:
                return ent.name
        people = [ent for _, _, ent in found if ent.type == "PERSON"]
        if people:
            return people[0].name
        orgs = [ent for _, _, ent in found if ent.type in ("ORG", "NORP", "GPE")]
        if orgs:
            return orgs[0].name
    if low in PERSON_PRONOUNS:
        gender = "m" if low in MALE else "f"
        if last_person is not None and index.genders.get(last_person.name, gender) == gender:
            return last_person.name
        ent = index.before(head.idx, ("PERSON",), quotes_spans, gender)
        return ent.name if ent else head.text
    if low in GROUP_PRONOUNS:
        ent = index.before(head.idx, ("ORG", "NORP", "GPE"), quotes_spans)
        if ent is not None and head.idx - _last_start(index, ent, head.idx) < 1500:
            return ent.name
        return head.text
    if low in ROLES:
        mods = {c.lower_ for c in head.children if c.dep_ in ("compound", "amod", "nmod", "poss")}
        if mods:
            i = bisect.bisect_left(index.starts, head.idx) - 1
            stop = max(-1, i - 400)
            while i > stop:
                cand = index.rows[i][2]
                if cand.type in ("ORG", "NORP", "GPE") and mods & set(cand.name.lower().split()):
                    return cand.name
                i -= 1
        cands = index.role_words.get(low, [])
        best = [e for s, e in cands if s < head.idx]
        if best:
            return best[-1].name
    return " ".join(doc_text(doc)[cs:ce].split())


def _last_start(index: MentionIndex, ent: Entity, pos: int) -> int:
    starts = [m.start for m in ent.mentions if m.start < pos]
    return max(starts) if starts else -10**9
