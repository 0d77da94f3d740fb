"""Resolve a speaker mention to an entity's full name.

A mention inside an entity's mention takes that entity's name (surnames were merged with
full names by the entities stage). A pronoun takes the latest speaker or person before
it; a role ("a CAGE spokesperson", "the UK director") takes the organisation it names or
the person the article gave that role; anything else keeps its own words.

The word lists are in :mod:`.words`, the mention index and genders in :mod:`.mentions`, a
speaker phrase's bounds and shape in :mod:`.phrases`, whom "it" and "they" stand for in
:mod:`.groups`.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any

from slant.analyze.parse import doc_text
from slant.analyze.quotes.agreement import (
    agrees, fronted_phrase, in_own_clause, inanimate, of_whom, same_sentence, someone_new,
)
from slant.analyze.quotes.apposed import (
    SPOKESPEOPLE, appositive_name, chamber_staff, closing_name, former, name_after_title, phrase_entity,
    titled_person_name)
from slant.analyze.quotes.authors import body_chief, work_author
from slant.analyze.quotes.holders import (
    described, epithet_holder, last_press, later_holder, named_holder, next_holder, next_press, reverent, role_holder,
    topic_holder,
)
from slant.analyze.quotes.genders import MALE, infer_genders
from slant.analyze.quotes.groups import group_pronoun
from slant.analyze.quotes.mentions import MentionIndex, its_role, last_start, phrase_words
from slant.analyze.quotes.owners import (
    document_owner, introduced_as, issuer, own_body, place_before,
)
from slant.analyze.quotes.phrases import hung_relative, speaker_bounds, speaker_like
from slant.analyze.quotes.words import (
    DATELINE, DOCUMENTS, FEMALE_NOUNS, GROUP_PRONOUNS, MALE_NOUNS, NAMED_BODIES, NON_AGENTS, ORG_NOUNS,
    PERSON_NOUNS, PERSON_PRONOUNS, ROLES, ROLES_PEOPLE, WH, people_noun, speaks_for, subject_before,
)
from slant.models import Entity, merge_spans

# a role written as its initials, by the last word of the role it abbreviates
ROLE_ACRONYMS = {"AG": ("general", "attorney"), "DA": ("attorney", "district"), "IG": ("general", "inspector")}

__all__ = ["DATELINE", "MentionIndex", "infer_genders", "resolve", "role_holder", "speaker_bounds", "speaker_like"]


def resolve(doc: Any, head: Any, bounds: tuple[int, int], index: MentionIndex,
            last_person: Entity | None, quotes_spans: list[tuple[int, int]]) -> str | None:
    """The full name the speaker phrase refers to, its own words when nothing fits, or None
    when the phrase cannot be a speaker."""
    if head.i < bounds[0] < bounds[1]:
        head = doc[bounds[1] - 1]  # the bounds moved past a dateline: the name after it
    titled = name_after_title(doc, head, index)  # "said Sgt. Ann Roe"
    if titled is not None:
        return titled.name
    if (acronym := ROLE_ACRONYMS.get(head.text.replace(".", ""))) and any(c.lower_ == "the" for c in head.children):
        role, also = acronym  # "the AG said" after "Attorney General Ann Roe", not "Surgeon General …"
        holders = [e.name for s, e in index.role_words.get(role, []) if s < head.idx
                   and also in index.label_words.get((s, e.name), set())]
        if holders:
            return holders[-1]
    low = head.lower_
    if (antecedent := of_whom(doc, head)) is not None:  # "many guests, all of whom report …"
        return resolve(doc, antecedent, speaker_bounds(doc, antecedent), index, last_person, quotes_spans)
    if low in WH and (head.head.dep_ == "relcl" and head.head.head.i != head.head.i
                      or low == "who" and (head.dep_ in ("dep", "appos") or hung_relative(head) is not None)) \
            and not head.text.isupper():  # "the WHO said" is the organisation
        return _relative_speaker(doc, head, index, last_person, quotes_spans)
    if low in DOCUMENTS or low[-1:] == "s" and low[:-1] in DOCUMENTS:
        owner = document_owner(doc, head, index)
        if owner is not None:
            return owner.name
        by = issuer(doc, head)  # "X released a statement. … the statement said": X
        if by is None:  # "His latest ruling … saying": whoever "his" is
            by = next((c for c in head.children if c.dep_ == "poss" and (c.lower_ in ("his", "her") or people_noun(c))), None)
        if by is not None and by.lower_ not in DOCUMENTS and (name := resolve(
                doc, by, speaker_bounds(doc, by), index, last_person, quotes_spans)) is not None \
                and not (by.tag_.startswith("PRP") and name == by.text):
            return name
        if low in NON_AGENTS:
            return None  # "the findings", "the figures": no issuer named, no speaker
    a, b = bounds
    if not speaker_like(doc, head):
        return None
    cs, ce = doc[a].idx, doc[b - 1].idx + len(doc[b - 1])
    if head.ent_type_ == "NORP" and not head.text.endswith("s") and any(
            c.dep_ == "det" and c.lower_ in ("the", "a", "an") for c in head.children):
        return " ".join(doc_text(doc)[cs:ce].split())  # "The Syrian": a person, not the nation
    common = head.tag_ in ("NN", "NNS") and not head.ent_type_
    # "X's business partner, Y, told …": the name in apposition speaks, not the possessor
    ent = appositive_name(head, index) if common else None
    if ent is None and not head.ent_type_ and (head.lower_ in PERSON_NOUNS or head.lower_ in ROLES_PEOPLE or common
                                               and not inanimate(head) and low not in DOCUMENTS):
        # "said X's Head of the Center and adviser to Y, Ali Velan", "One resident of X's
        # Y neighborhood, Ann Roe, told": the name that closes the phrase, wherever the parse hung it
        ent = closing_name(head, index)
    if ent is None:
        ent = titled_person_name(doc, head, b, index)
    if ent is None and head.lower_ in ROLES:  # "Hungary's Prime Minister … Prime Minister Ann Roe"
        held = named_holder(doc, head, a, index, {c.lower_ for c in head.children if c.ent_type_ in ("GPE", "ORG")})
        if held is not None:
            return held
    if ent is None and not ((common or head.tag_ == "NNP" and head.lower_ in ROLES) and former(doc, a, head.i)):
        # ("one ex-House aide": a past affiliation, so no organisation in the phrase speaks)
        ent = phrase_entity(doc, head, index.inside(cs, ce))
    if ent is None and not common:
        ent = appositive_name(head, index)
    if ent is None and common and head.dep_ == "appos":
        # "Douglas Roe, an Arizona man who says …": the name the noun is in apposition to
        ent = next((e for _, _, e in index.inside(head.head.idx, head.head.idx + len(head.head))
                    if e.type in ("PERSON", "ORG")), None)
    if ent is not None and (head.tag_ != "PRP" or agrees(low, ent)):
        return ent.name
    if low in PERSON_PRONOUNS:
        return _person_pronoun(doc, head, index, last_person, quotes_spans)
    if low in GROUP_PRONOUNS or low in ("its", "their"):  # ("noted in its report on …": a parse's "its")
        return group_pronoun(doc, head, index, quotes_spans)
    named = _role_or_org_noun(doc, head, a, index) or its_role(head, index, quotes_spans) or described(doc, head, index)
    if named is not None:
        return named
    phrase = " ".join(doc_text(doc)[cs:ce].split())
    # "Bale" where NER saw no entity but the article names "Curtis Bale"
    variant = index.by_part(phrase)
    return variant.name if variant is not None else phrase


def _relative_speaker(doc: Any, head: Any, index: MentionIndex, last_person: Entity | None,
                      quotes_spans: list[tuple[int, int]]) -> str | None:
    """"X, who said …": the speaker's words are "who", its name is X's."""
    low = head.lower_
    antecedent = head.head if head.dep_ in ("dep", "appos") else hung_relative(head) or head.head.head
    holder = antecedent.head.head
    if low == "who" and antecedent.dep_ == "pobj" and holder.tag_ in ("NN", "NNS") and (
            antecedent.ent_type_ in ("ORG", "GPE") or antecedent.lower_ in ORG_NOUNS
            or people_noun(holder) and not people_noun(antecedent) and antecedent.ent_type_ != "PERSON"):
        antecedent = holder  # "an investor in the company, who …", "commenters on blogs who …"
        while holder.dep_ == "conj":  # "Ann Roe, head of X and the spokesman for Y, who …"
            holder = holder.head
        if holder.dep_ == "appos" and holder.head.ent_type_ == "PERSON":
            antecedent = holder.head  # "Ann Roe, chair of the committee, who …": Roe
    dash = doc[head.i - 1] if head.i > 0 and doc[head.i - 1].text in ("–", "—", "--") else None
    opening = next((t for t in reversed(doc[head.sent.start:dash.i]) if t.text == dash.text), None) if dash else None
    if opening is not None and opening.i > 0 and doc[opening.i - 1].tag_ in ("NN", "NNS"):
        antecedent = doc[opening.i - 1]  # "Roe's victims – deemed credible by the court – who …"
    if antecedent.dep_ == "appos" and antecedent.head.ent_type_ in ("PERSON", "ORG", "WORK_OF_ART") and not antecedent.ent_type_:
        antecedent = antecedent.head  # "The Velm Report, an independent outlet, which describes …": the Report
    last = [c for c in antecedent.children if c.dep_ == "conj" and c.i < head.i]
    if last and all(t.is_punct for t in doc[last[-1].i + 1:head.i]):
        antecedent = last[-1]  # "between Ford and Anita Hill, who …": the name right before it
    if head.i >= 2 and doc[head.i - 1].text == "," and doc[head.i - 2].ent_type_ == "PERSON" and doc[head.i - 2].dep_ == "appos":
        antecedent = doc[head.i - 2]  # "the mayor of Tarnby, Ann Roe, who …" (the parse's Roe is Tarnby's)
    subj = [c for c in antecedent.head.children if c.dep_ == "nsubj"]
    if antecedent.dep_ == "attr" and subj and antecedent.ent_type_ not in ("PERSON", "ORG"):
        antecedent = subj[0]  # "Roe was the one that revealed …": Roe
    if inanimate(antecedent):
        return None  # "badges who …": a parse that took a thing for the speaker
    name = resolve(doc, antecedent, speaker_bounds(doc, antecedent), index, last_person,
                   quotes_spans)
    return name if name is None or agrees(low, _entity(index, name)) else None


def _entity(index: MentionIndex, name: str) -> Entity | None:
    return next((e for e in index.entities if e.name == name), None)


def _person_pronoun(doc: Any, head: Any, index: MentionIndex, last_person: Entity | None,
                    quotes_spans: list[tuple[int, int]]) -> str:
    """"he"/"she": the latest person of a compatible gender or the last speaker, or a role
    subject named since."""
    low = head.lower_
    if (divine := reverent(doc, head, index)) is not None:
        return divine  # "Inviting all to Calvary …, He granted": the reverent pronoun
    gender = "m" if low in MALE else "f"
    role = index.role_before(head.idx)
    if role is not None and in_own_clause(doc.char_span(role[0], role[0] + 1, alignment_mode="expand")[0], head):
        role = None  # "The only agent he could hire, he claimed, was …": not the agent
    # "My father" in a quote, "According to Roe (a he), the mayor …", "The spokeswoman" for "he": not it
    said = index.last_said
    words = said[1:3] if said and index.genders.get(said[0], gender) == gender else (0, 0)
    if role is not None and (any(s0 <= role[0] < e0 for s0, e0 in [*quotes_spans, words])
                             or role[1] in (FEMALE_NOUNS if gender == "m" else MALE_NOUNS)):
        role = None
    topic = _previous_subject(doc, head, index, quotes_spans, gender)
    person = topic or _salient(doc, head, index, quotes_spans, gender)
    person_at = last_start(index, person, head.idx) if person is not None else -1
    if last_person is not None and index.genders.get(last_person.name, gender) == gender \
            and last_person.name not in index.not_people and topic is None:
        if person is not None and said is not None and said[0] == last_person.name \
                and (said[1] <= person_at < said[2]
                     or same_sentence(doc, said[3], _named_at(doc, index, person, head.idx, quotes_spans))) \
                and index.genders.get(said[0]) == gender:
            # "Roe said Lee found the gun. He said …": Roe, not someone Roe spoke of; nor someone
            # named in the sentence where Roe spoke ("“…,” Roe told a host when asked about Lee")
            person, person_at = last_person, last_start(index, last_person, head.idx)
        # where the last speaker was named or spoke ("He asked, “…” He then cited …": the asker)
        spoke = said[3] if said is not None and said[0] == last_person.name and said[3] <= head.idx else -1
        last_named = last_start(index, last_person, head.idx)
        last_at = max(last_named, spoke)
        person_at = max(person_at, last_at)
        named = _named_at(doc, index, person, head.idx, quotes_spans) if person is not None else -1
        # the last speaker only as the object of someone else's act: the actor ("Bacon
        # badgered Hadeed. “…,” he said" is Bacon, though Hadeed spoke before)
        acted_on = last_named == last_at and 0 <= named < last_named and index.is_subject(named) \
            and not index.is_subject(last_named) and same_sentence(doc, named, last_named)
        person = person if person is not None and (named >= last_at or acted_on) else last_person
    someone = someone_new(head, gender, max(person_at, role[0] if role is not None else -1), quotes_spans)
    if someone is not None:
        return someone  # "a woman walked up to me at the fair. She said …": the woman
    if role is not None and role[0] > person_at:
        # "The minister dismissed the criticism. “…,” she said": the role's holder when
        # the article names one (and is not known to be of the other gender), else the role
        holder = role_holder(index, role[1], head.idx, role[3])
        if holder is None and said is not None and said[3] <= role[0] < said[3] + len(role[2]):
            holder = said[0]  # the role spoke last, under a name: "The caller mentioned …. He also …"
        if holder is None:  # "The billionaire businessman says … he also says": whom the role names
            noun = doc.char_span(role[0], role[0] + 1, alignment_mode="expand")[0]
            holder = _role_or_org_noun(doc, noun, noun.left_edge.i, index)
        if holder is not None and index.genders.get(holder, gender) != gender:
            holder = None
        return holder or role[2]
    # no one of a compatible gender: the pronoun itself, never a person of the other gender
    return person.name if person is not None else head.text


def _named_at(doc: Any, index: MentionIndex, person: Entity, pos: int,
              skip: Sequence[tuple[int, int]]) -> int:
    """Where ``person`` was last named before ``pos`` outside ``skip``, not counting a name
    that only modifies a noun ("lashed out at Obama officials": the officials are named)."""
    for m in sorted((m for m in person.mentions if m.start < pos), key=lambda m: -m.start):
        if any(a <= m.start < b for a, b in skip):
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        last = span[-1] if span is not None and len(span) else None
        if last is not None and last.dep_ == "compound" and last.head.tag_ in ("NN", "NNS") \
                and not last.head.ent_type_:
            continue
        return m.start
    return -10**9


def _salient(doc: Any, head: Any, index: MentionIndex, quotes_spans: list[tuple[int, int]],
             gender: str) -> Entity | None:
    """The latest person of a compatible gender before ``head``; when that mention is no
    subject and the subject of its sentence is a compatible person, the subject ("Roe said at
    a meeting with Lee that … “…,” he said" is Roe)."""
    person = index.before(head.idx, ("PERSON",), quotes_spans, gender)
    if person is None:
        return None
    at = last_start(index, person, head.idx)
    if (fronted := fronted_phrase(doc, head, at)) is not None:
        # "After a question about Velm's accusations, he said …", "In an interview with Velm's
        # paper, he added …": not Velm
        other = index.before(head.idx, ("PERSON",), merge_spans([*quotes_spans, fronted]), gender)
        if other is not None:  # the one named there when no one else can be "he"
            person, at = other, last_start(index, other, head.idx)
    subj = index.person_subject_before(head.idx, gender, quotes_spans)
    if subj is None or subj[1] is person or subj[0] >= at:
        return person
    return subj[1] if same_sentence(doc, at, subj[0]) else person


def _previous_subject(doc: Any, head: Any, index: MentionIndex, quotes_spans: list[tuple[int, int]],
                      gender: str) -> Entity | None:
    """The person who was the subject of the narrator's sentence before, when "he"/"she"
    opens the next one as its subject and no person is named between, outside quotes (a quote
    before the pronoun may name others: "“If Lee wanted …,” he wrote"): the topic carries on
    ("Roe, a former minister, pointed to the ruling. He cited …" is Roe, though another man
    of known gender was named earlier)."""
    sent = head.sent
    if head.dep_ != "nsubj" or sent.start == 0 or any(
            not any(a <= s < b for a, b in quotes_spans) for s, _, _ in index.inside(sent.start_char, head.idx)):
        return None
    subj = subject_before(head)
    if subj is None or any(a <= subj.idx < b for a, b in quotes_spans):
        return None
    found = [e for _, _, e in index.inside(subj.idx, subj.idx + len(subj)) if e.type == "PERSON"]
    if not found or index.genders.get(found[0].name, gender) != gender or found[0].name in index.not_people:
        return None
    said = index.last_said  # ("Lee spoke with Roe, who said …. He added …", "He had met Lee, he said": Roe)
    if said is not None and said[0] != found[0].name and index.genders.get(said[0], gender) == gender and (
            sent.start_char <= said[3] < head.idx or subj.sent.start_char <= said[3] < subj.sent.end_char
            and doc_text(doc)[said[3]:said[3] + 4].lower() == "who "):
        return None
    return found[0]


def _role_or_org_noun(doc: Any, head: Any, a: int, index: MentionIndex) -> str | None:
    """A role ("a Trust spokesperson", "the senator") resolved to the organisation it names
    or the person holding it; "the group" to the organisation in play."""
    low = head.lower_
    if (place := place_before(doc, head, index)) is not None:
        return place.name
    if low in ROLES or low in PERSON_NOUNS:
        mods = {c.lower_ for c in head.children if c.i >= a  # (not a dateline's "Miss." before the phrase)
                and (c.dep_ == "poss" or c.dep_ in ("compound", "nmod") and speaks_for(head))}
        if mods:
            i = bisect.bisect_left(index.starts, head.idx) - 1
            stop = max(-1, i - 400)
            while i > stop:
                cand = index.rows[i][2]
                if (cand.type in ("ORG", "GPE") or cand.type == "NORP" and low.rstrip("s") in SPOKESPEOPLE) \
                        and mods & set(cand.name.lower().split()):  # ("a Democrat attorney" is no party's voice)
                    if chamber_staff(cand.name, low) or cand.type == "GPE" and low.rstrip("s") not in SPOKESPEOPLE \
                            and not any(c.dep_ == "poss" for c in head.children):
                        break  # "Las Vegas police officials" and "a U.S. official" are not the place, nor "a House aide" the chamber
                    return cand.name
                i -= 1
        indefinite = any(c.dep_ == "det" and c.lower_ in ("a", "an", "another", "one")
                         for c in head.children)
        # "A federal judge in Michigan": someone new, not the judge the article named before
        holder = None if indefinite else role_holder(index, low, head.idx, phrase_words(doc, a, head.i))
        holder = holder or body_chief(head, index) or work_author(head, index) or next_holder(head, index) \
            or epithet_holder(head, index) \
            or later_holder(head, index) or topic_holder(head, index)
        if holder:
            return holder
    if (press := next_press(head, index)) is not None:
        return press.name  # "A British newspaper alleges …", the paper named just after
    if low in ORG_NOUNS and any(c.lower_ in ("the", "this") for c in head.children):
        # "the group" with one organisation in play (or one whose name ends in the noun)
        org = introduced_as(doc, head, index) or index.org_in_play(low, head.idx) or last_press(head, index)
        org = org or own_body(head, index)  # its own sentence's body ("The FBI … took crates the agency says …")
        if org is not None:
            return org.name
        # "But ICE has faced criticism … The agency has argued …": the organisation the
        # sentence before was about
        subj = subject_before(head)
        if subj is not None and low not in ("government", "administration") and low not in NAMED_BODIES and \
                not any(c.dep_ == "conj" for c in subj.children):  # one body, and no state's
            inside = [e for _, _, e in index.inside(subj.idx, subj.idx + len(subj))]
            about = inside[0] if inside else index.by_part(subj.text)
            if about is not None and about.type == "ORG":
                return about.name
    return None
