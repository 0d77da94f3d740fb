"""Entity mentions by character offset.

:class:`MentionIndex` answers "which entity is mentioned here", "the latest person (of this
gender) before here", "the role subject before here" and "the organisation in play"; the
genders it is given come from :func:`slant.analyze.quotes.genders.infer_genders`.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any

from slant.analyze.entities.mentions import PEOPLE_PLURALS
from slant.analyze.parse import doc_text
from slant.analyze.quotes.agreement import named_things
from slant.analyze.quotes.words import (
    ABBREVIATIONS, BODY_NOUNS, COMPANY_NOUNS, DOCUMENTS, GROUP_NOUNS, NAMED_BODIES, NO_PERSON_WORDS,
    ORG_NOUNS, PERSON_NOUNS, ROLES_PEOPLE, body_head, head_end, main_clause, speaks_for,
)
from slant.models import Entity


class MentionIndex:
    """Entity mentions sorted by start, for lookups by character offset."""

    def __init__(self, entities: list[Entity], genders: dict[str, str] | None = None) -> None:
        self.genders = genders or {}
        # "Brightvein's chief executive": a "person" whose name only opens an organisation's
        # name ("Brightvein Minerals") and who has no gender of their own is that
        # organisation, so "he" and "she" never resolve to it
        orgs = [e for e in entities if e.type == "ORG"]
        self.org_of: dict[str, Entity] = {}
        for e in entities:
            if e.type == "PERSON" and e.name not in self.genders:
                fits = [o for o in orgs if o.name.split()[:len(e.name.split())] == e.name.split()
                        and len(o.name.split()) > len(e.name.split())]
                if len(fits) == 1:
                    self.org_of[e.name] = fits[0]
        rows = sorted((m.start, m.end, self.org_of.get(e.name, e)) for e in entities for m in e.mentions)
        self.rows = rows
        self.starts = [r[0] for r in rows]
        self.role_words: dict[str, list[tuple[int, Entity]]] = {}
        self.label_words: dict[tuple[int, str], set[str]] = {}
        for e in entities:
            if e.type != "PERSON" or e.name in self.org_of:
                continue
            for d in e.descriptors:
                ws = {ABBREVIATIONS.get(w, w) for w in
                      (w.strip(",.\"'“”‘’") for w in d.text.lower().replace("-", " ").split())}
                self.label_words[(d.start, e.name)] = ws
                # the label's head noun is the role ("the former head of X": head), not every
                # word in it ("hoped to get a meeting with the mayor" gives no "mayor")
                words = [w.strip(",.\"'“”‘’") for w in d.text.lower().replace("-", " ").split()]
                cut = head_end(words)
                if cut:
                    w = ABBREVIATIONS.get(words[cut - 1], words[cut - 1])
                    self.role_words.setdefault(w, []).append((d.start, e))
            first = e.name.split()[0].lower().strip(".")
            if first in PERSON_NOUNS or first in ROLES_PEOPLE:  # NER kept the title: "Cardinal Roe"
                first = ABBREVIATIONS.get(first, first)
                for m in e.mentions:
                    self.role_words.setdefault(first, []).append((m.start, e))
                    self.label_words.setdefault((m.start, e.name), {first})
        for lst in self.role_words.values():
            lst.sort(key=lambda r: r[0])
        self.entities = entities
        # (position, role word, phrase, the phrase's other words)
        self.role_subjects: list[tuple[int, str, str, set[str]]] = []
        self.last_group: tuple[Entity, int] | None = None   # the last organisation to speak
        self.last_said: tuple[str, int, int, int] | None = None  # who last spoke, their words, where
        self._parts: dict[str, dict[str, Entity]] | None = None
        self._role_starts: list[int] = []
        # "Preorder The History of Jihad", "Privacy Policy and Terms": what NER took for a person's name but
        # no name reads so (too long, or with lowercase or function words), or a place NER also saw as a
        # place (a saint's name aside: "St. Paul"), is no "he" or "she" unless the article gave it a gender
        places = {e.name for e in entities if e.type in ("GPE", "LOC") and not e.name.startswith(("St.", "Saint"))}
        self.not_people: set[str] = {e.name for e in entities if e.type == "PERSON" and e.name not in self.genders
                                     and (not _reads_as_name(e.name) or e.name in places)
                                     or e.type == "PERSON" and bool(NO_PERSON_WORDS & set(e.name.split()[1:]))}
        self.subject_rows: list[tuple[int, Entity]] = []
        self._subject_starts: list[int] = []
        self.doc_subjects: list[tuple[int, int]] = []
        self._doc_starts: list[int] = []

    def set_role_subjects(self, doc: Any) -> None:
        """Subjects that are a role noun and no name ("The minister dismissed …"), for
        pronouns that follow them."""
        text = doc_text(doc)
        rows = []
        # and clause subjects that name an entity or a document, for "it"/"they"
        subj: dict[int, Entity] = {}
        docs: list[tuple[int, int]] = []
        for tok in doc:
            if tok.dep_ not in ("nsubj", "nsubjpass"):
                continue
            low, verb = tok.lower_, tok.head
            owner = next((c for c in tok.children if c.dep_ == "poss"), None)
            if owner is not None and tok.tag_ in ("NN", "NNS") and not tok.ent_type_ and low not in PERSON_NOUNS \
                    and low not in ROLES_PEOPLE and (owner.lower_ in PERSON_NOUNS or owner.lower_ in ROLES_PEOPLE):
                tok, low = owner, owner.lower_  # "The pope's silence … and his calls for …": the role that owns it
            if tok.ent_type_ and tok.head.dep_ != "relcl":  # ("Roe, whose son Lee is …": Roe's clause)
                for s, _, ent in self.inside(tok.idx, tok.idx + len(tok)):
                    subj.setdefault(s, ent)
            elif low in DOCUMENTS and tok.tag_ in ("NN", "NNS"):
                docs.append((tok.idx, tok.i))
            if (low in PERSON_NOUNS or low in ROLES_PEOPLE) and not tok.ent_type_ and tok.tag_ in ("NN", "NNP") \
                    and any(c.dep_ == "poss" or c.lower_ in ("the", "this", "that") for c in tok.children) \
                    and main_clause(verb):
                if not self.inside(tok.left_edge.idx, tok.idx + len(tok)):
                    a, b = tok.left_edge, tok  # ("The former head of the Tarn archdiocese", not "The former head")
                    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
                    if of is not None and of.right_edge.i - tok.i <= 6 and not any(t.is_punct for t in of.subtree):
                        b = of.right_edge
                    rows.append((tok.idx, low, " ".join(text[a.idx:b.idx + len(b)].split()),
                                 phrase_words(doc, a.i, tok.i)))
        self.role_subjects = rows
        self._role_starts = [r[0] for r in rows]
        self.subject_rows = sorted(subj.items(), key=lambda r: r[0])
        self._subject_starts = [r[0] for r in self.subject_rows]
        self.doc_subjects = docs
        self._doc_starts = [d[0] for d in docs]
        self.not_people |= named_things(doc, self.entities)  # "approves the Statutes"
        # "Brightvein's chief executive": a "person" with no gender of their own who has a
        # chief executive or a spokesman is an organisation, never a "he" or a "she"
        for e in self.entities:
            if e.type != "PERSON" or e.name in self.genders or e.name in self.org_of:
                continue
            for m in e.mentions:
                words = text[m.end:m.end + 40].replace("’", "'").lower().split()
                if words[:1] == ["'s"] or text[m.end:m.end + 2].replace("’", "'") == "'s":
                    after = words[1:3] if words[:1] == ["'s"] else \
                        text[m.end + 2:m.end + 40].lower().split()[:2]
                    if any(w.strip(",.") in ROLES_PEOPLE for w in after):
                        self.not_people.add(e.name)
                        break

    def subject_before(self, pos: int, types: tuple[str, ...],
                       skip: Sequence[tuple[int, int]] = ()) -> tuple[int, Entity] | None:
        """The latest mention of one of ``types`` that is a clause's subject, before ``pos``
        and outside the sorted, disjoint ``skip`` spans."""
        return _latest(self.subject_rows, self._subject_starts, pos, skip,
                       lambda r: r[1].type in types)

    def person_subject_before(self, pos: int, gender: str,
                              skip: Sequence[tuple[int, int]] = ()) -> tuple[int, Entity] | None:
        """The latest person who is a clause's subject before ``pos``, outside ``skip``,
        not known to be of the other gender."""
        return _latest(self.subject_rows, self._subject_starts, pos, skip,
                       lambda r: r[1].type == "PERSON" and r[1].name not in self.not_people
                       and self.genders.get(r[1].name, gender) == gender)

    def document_before(self, pos: int, skip: Sequence[tuple[int, int]] = ()) -> int | None:
        """The token index of the latest document noun that is a clause's subject ("The
        memo itemizes …") before ``pos``, outside ``skip``."""
        found = _latest(self.doc_subjects, self._doc_starts, pos, skip, lambda r: True)
        return found[1] if found is not None else None

    def role_before(self, pos: int, window: int = 600) -> tuple[int, str, str, set[str]] | None:
        """The latest role subject before ``pos`` and within ``window`` characters."""
        k = bisect.bisect_left(self._role_starts, pos) - 1
        if k < 0 or pos - self.role_subjects[k][0] > window:
            return None
        return self.role_subjects[k]

    def org_in_play(self, noun: str, pos: int) -> Entity | None:
        """The organisation "the group" means: the one whose name ends in ``noun``, else the only
        one mentioned before ``pos`` ("the company": whose name ends in no other body noun)."""
        i = bisect.bisect_left(self.starts, pos)
        seen: dict[str, Entity] = {}
        for _, _, ent in reversed(self.rows[max(0, i - 2000):i]):  # bounded: a long article stays linear
            if ent.type == "ORG":
                seen.setdefault(ent.name, ent)
        # ("the department": the "Florida Department of State" too)
        named = [e for e in seen.values() if noun in (e.name.lower().split()[-1], body_head(e.name))]
        if len(named) == 1 or noun in NAMED_BODIES:  # ("the embassy": only one named so)
            return named[0] if len(named) == 1 else None
        if noun in GROUP_NOUNS:  # "the group" is the "Conference of Mayors", not "Red Flag Laws"
            seen = {k: e for k, e in seen.items() if body_head(k) in BODY_NOUNS} or seen
        if noun in COMPANY_NOUNS:  # "the company" is no "… Review Board" or "… Coalition"
            seen = {k: e for k, e in seen.items()
                    if k.lower().split()[-1] not in ORG_NOUNS or k.lower().split()[-1] in COMPANY_NOUNS}
        return next(iter(seen.values())) if len(seen) == 1 else None

    def by_part(self, phrase: str) -> Entity | None:
        """The person whose surname or first name is ``phrase`` (honorifics and case aside),
        or the organisation so named, when exactly one fits."""
        words = [w for w in phrase.replace("’s", "").replace("'s", "").split()
                 if w.lower().strip(".") not in ("mr", "mrs", "ms", "dr", "miss", "prof")]
        if len(words) != 1 or not words[0][:1].isupper():
            return None
        if self._parts is None:
            self._parts = {}
            for e in self.entities:
                keys = {p.lower() for p in e.name.split()} - PEOPLE_PLURALS if e.type == "PERSON" else \
                    ({e.name.lower()} if e.type == "ORG" else set())
                for k in keys:
                    self._parts.setdefault(k, {})[e.name] = e
        fits = self._parts.get(words[0].lower(), {})
        return next(iter(fits.values())) if len(fits) == 1 else None

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

    def before(self, pos: int, types: tuple[str, ...], skip: Sequence[tuple[int, int]] = (),
               gender: str | None = None) -> Entity | None:
        """The latest mention of one of ``types`` ending before ``pos``, outside the sorted,
        disjoint ``skip`` spans, and not of the other gender when ``gender`` is given (a
        person known to be of that gender within 1,500 characters first)."""
        if gender:
            known = self._before(pos, types, skip, gender, strict=True)
            if known is not None and pos - max(m.start for m in known.mentions if m.start < pos) < 1500:
                near = self._before(pos, types, skip, gender)
                at = max(m.start for m in near.mentions if m.start < pos) if near is not None else -1
                if near is not None and near is not known and \
                        (pos - at < 150 or pos - at < 400 and self.is_subject(at)):
                    # "…, Martin Ashgrove, did not answer. Instead he …"; a subject a little further
                    return near  # back ("Kerry Addo criticised … at length. “…,” she said")
                return known
        return self._before(pos, types, skip, gender)

    def is_subject(self, start: int) -> bool:
        """Whether the mention starting at ``start`` is a clause's subject."""
        k = bisect.bisect_left(self._subject_starts, start)
        return k < len(self._subject_starts) and self._subject_starts[k] == start

    def _before(self, pos: int, types: tuple[str, ...], skip: Sequence[tuple[int, int]] = (),
                gender: str | None = None, strict: bool = False) -> Entity | None:
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
            if gender and self.genders.get(ent.name, None if strict else gender) != gender:
                continue
            if gender and ent.name in self.not_people:
                continue
            return ent
        return None


NOT_IN_NAMES = {"the", "of", "and", "for", "in", "on", "to", "a", "an", "at", "with", "by"}


def _reads_as_name(name: str) -> bool:
    """Whether ``name`` reads as a person's name: one to three words, none of them a
    function word, each capitalised."""
    words = name.split()
    return 0 < len(words) <= 3 and all(w[:1].isupper() and w.lower() not in NOT_IN_NAMES for w in words)


def _latest(rows: Sequence[tuple[int, Any]], starts: list[int], pos: int, skip: Sequence[tuple[int, int]],
            keep: Any) -> tuple[int, Any] | None:
    """The latest row starting before ``pos``, outside the ``skip`` spans, that ``keep``
    accepts (at most 400 rows back)."""
    skip_starts = [a for a, _ in skip]
    i = bisect.bisect_left(starts, pos) - 1
    stop = max(-1, i - 400)
    while i > stop:
        row = rows[i]
        i -= 1
        k = bisect.bisect_right(skip_starts, row[0]) - 1
        if (k >= 0 and skip[k][1] > row[0]) or not keep(row):
            continue
        return row
    return None


def phrase_words(doc: Any, a: int, head_i: int) -> set[str]:
    """The content words of tokens [a, head_i), lowercased, abbreviations spelt out: "the
    Republican nominee" and "the GOP nominee" -> {"republican"}."""
    return {ABBREVIATIONS.get(doc[k].lower_, doc[k].lower_) for k in range(a, head_i)
            if doc[k].tag_[:2] in ("JJ", "NN") and doc[k].lower_ not in ("former", "current", "new")}


def last_start(index: MentionIndex, ent: Entity, pos: int) -> int:
    starts = [m.start for m in ent.mentions if m.start < pos]
    return max(starts) if starts else -10**9


def its_role(head: Any, index: MentionIndex, quotes_spans: list[tuple[int, int]]) -> str | None:
    """"Its chief financial officer said …": a representative role whose possessor is "its"
    or "their" speaks for the organisation that pronoun means (the nearest one that was a
    clause's subject)."""
    if not speaks_for(head) or head.tag_ not in ("NN", "NNS"):
        return None
    owner = next((c for c in head.children if c.dep_ == "poss" and c.lower_ in ("its", "their")), None)
    if owner is None:
        return None
    subj = index.subject_before(owner.idx, ("ORG",) if owner.lower_ == "its" else ("ORG", "NORP"),
                                quotes_spans)
    return subj[1].name if subj is not None and owner.idx - subj[0] < 1500 else None
