"""Whether a pronoun can stand for what the speaker rules found for it.

A pronoun agrees with what it stands for: "who" stands for a person or a group, never a
place or a thing ("America, who called for …" is the crowd in the passage, not the
country); "they" and "we" stand for more than one, never for one person; "it" never for a
person; and a plural noun "they" takes up must name people or bodies, not things ("such
accusations noted …", "the sounds attacked …").

"We" in the narrator's own sentence is the writers themselves: it keeps its own word, like
"I" (:func:`slant.analyze.quotes.speakers.resolve`).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any

from slant.analyze.parse import doc_text
from slant.analyze.quotes.phrases import ABSTRACT_ENDS, INSTITUTIONS
from slant.analyze.quotes.words import COMPANY_NOUNS, DOCUMENTS, NON_AGENTS, people_noun, sentence_before, subject_before
from slant.models import Entity

__all__ = ["agrees", "expletive_it", "generic_they", "in_own_clause", "inanimate", "plural_subject_before", "someone_new",
           "thing_before"]

PLACES = ("GPE", "LOC", "FAC")
# things that end like agents' nouns or that the endings miss
THINGS = {"sounds", "sound", "badges", "badge", "quotations", "quotation", "quotes", "efforts",
          "effort", "jargon", "words", "pages", "page", "documents", "signs", "lines",
          "headlines", "headline", "numbers", "figures", "facts", "events", "things", "ideas",
          "claims", "charges", "allegations", "accusations", "rumors", "rumours", "texts",
          "verses", "passages", "lyrics", "slogans", "banners", "posters", "videos", "images",
          "photos", "pictures", "tweets", "posts", "emails", "messages", "results", "data"}


def inanimate(tok: Any) -> bool:
    """Whether a common noun names a thing or an abstraction, which neither speaks nor is
    "who" or "they": "accusations", "efforts", "the sounds"; institutions ("the
    administration", "the conference") do speak."""
    if tok.ent_type_ or not tok.tag_.startswith("NN") or tok.tag_.startswith("NNP"):
        return False
    low = tok.lower_
    if low in INSTITUTIONS:
        return False
    stem = low[:-1] if low.endswith("s") and not low.endswith("ss") else low
    return low in THINGS or (stem.endswith(ABSTRACT_ENDS) and stem not in INSTITUTIONS)


def agrees(pronoun: str, ent: Entity | None) -> bool:
    """Whether ``pronoun`` can stand for ``ent``: "who" for no place, "it", "they" and "we"
    for no single person."""
    if ent is None:
        return True
    low = pronoun.lower()
    if low in ("who", "whom") and ent.type in PLACES:
        return False
    if low in ("we", "us") and ent.type != "ORG":
        return False  # "we" named with a body ("We at Acme"), never a person, place or adjective
    if low in ("it", "they", "them") and ent.type == "PERSON":
        return False
    # "Latino", "Catholic": an adjective NER took for a group is no "they"
    return not (low in ("they", "we", "us", "them") and ent.type == "NORP" and not ent.name.endswith("s"))


BE = {"is", "are", "was", "were", "be", "been", "being", "'s", "’s", "seems", "seemed"}


def expletive_it(head: Any) -> bool:
    """"It's fair to say that …", "it is said that …": an "it" that stands for nothing, the
    subject of a copula whose infinitive or clause is the cue."""
    verb = head.head
    return head.lower_ == "it" and head.dep_ in ("nsubj", "nsubjpass") and verb.lower_ in BE \
        and any(c.dep_ in ("acomp", "attr") for c in verb.children)


def in_own_clause(role: Any, pronoun: Any) -> bool:
    """Whether the role noun is the subject of the clause the pronoun's cue is set into, or
    holds the pronoun in its own phrase: in "The only agent he could hire, he claimed,
    was X" neither "he" is the agent; in "The wife hid as she called" she is."""
    if role.left_edge.i <= pronoun.i <= role.right_edge.i:
        return True
    cue = pronoun.head  # "she claimed" set into the role's own clause, not "as she called",
    # nor after it ("The mayor was blunt: “…,” she said")
    return cue.dep_ == "parataxis" and role.head.i == cue.head.i and role.dep_ in ("nsubj", "nsubjpass") \
        and cue.i < role.head.i


def thing_before(head: Any, text: str) -> str | None:
    """The thing an "it" set in a subordinate clause stands for: the common-noun subject of
    the clause it hangs from ("the Latin version has graver implications because it
    suggests …" is the version), when that subject names no person and no entity; the
    noun with its determiner and modifiers."""
    cue = head.head
    if head.lower_ != "it" or head.dep_ != "nsubj":
        return None
    if head.sent.start > 0 and head.i == head.sent.start and (cue.dep_ == "ROOT" or cue.head.i > cue.i):
        # "The harbour motion passed this week. It calls for …": a document the sentence
        # before was about
        subj = subject_before(head, ("nsubj", "nsubjpass"))
        if subj is None or subj.lower_ not in DOCUMENTS and subj.lower_ not in INSTITUTIONS:
            return None
    elif cue.dep_ not in ("advcl", "conj", "ccomp", "relcl"):
        return None
    else:
        subj = next((c for c in cue.head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < head.i), None)
    if subj is None or subj.ent_type_ or subj.tag_ != "NN" or subj.lower_ in ("it", "this", "that"):
        return None
    doc, a = subj.doc, subj.i
    while a > 0 and doc[a - 1].head.i == subj.i and doc[a - 1].dep_ in ("det", "poss", "compound", "amod") \
            and not any(c.tag_ == "WRB" for c in doc[a - 1].children):  # not "How true"
        a -= 1
    return " ".join(text[doc[a].idx:subj.idx + len(subj)].split())


# gendered nouns for someone the narrator brings in without a name ("a woman came up to me")
SOMEONE = {"m": {"man", "boy", "gentleman", "guy", "father", "husband", "son", "brother", "priest"},
           "f": {"woman", "girl", "lady", "mother", "wife", "daughter", "sister", "nun"}}
# gendered roles, taken up only as a clause's subject ("A government spokesman said …. He
# added"; not "Ann Roe, a spokeswoman for …", who is named)
SOMEONE_ROLES = {"m": {"spokesman", "chairman", "businessman", "congressman"},
                 "f": {"spokeswoman", "chairwoman", "businesswoman", "congresswoman"}}
INDEFINITE = {"a", "an", "another", "one"}
PRONOUNS_OF = {"m": {"he", "him", "his"}, "f": {"she", "her"}}
# nouns for someone a crime story brings in without a name, of either gender ("A man with a
# knife attacked …", "An attacker stabbed …"), taken up by "he"/"she" as a clause's subject
UNNAMED = {"attacker", "assailant", "terrorist", "stabber", "shooter", "gunman", "knifeman", "suspect",
           "intruder", "killer", "murderer", "robber", "thief", "driver", "stranger", "teenager"}


def someone_new(head: Any, gender: str, after: int, quotes_spans: Sequence[tuple[int, int]]) -> str | None:
    """"a woman" for the "she" that follows "a woman walked up to me at the fair": someone the
    narrator brought in without a name, of the pronoun's gender, in its sentence or the one
    before, after the character offset ``after`` (the latest name or role it could also
    stand for) and outside quotes."""
    doc = head.doc
    sent = head.sent
    before = sentence_before(sent)
    if before is not None and any(t.lower_ in PRONOUNS_OF[gender] for t in doc[before.start:sent.start]):
        before = sentence_before(before) or before  # "… he also shouted …. A woman heard him say": the chain goes on
    start = before.start if before is not None else 0
    found = None
    for tok in doc[start:head.i]:
        subject = tok.dep_ in ("nsubj", "nsubjpass")
        # an unnamed culprit only where no one of that gender was named since the sentence
        # before its own ("Tom Lee runs a bakery. A thief broke in. He said …" is Lee)
        culprit = tok.lower_ in UNNAMED and subject and after < (sentence_before(tok.sent) or tok.sent).start_char \
            and not (gender == "f" and tok.lower_ in ("gunman", "knifeman"))
        if (tok.lower_ in SOMEONE[gender] or tok.lower_ in SOMEONE_ROLES[gender] and subject or culprit) \
                and tok.tag_ == "NN" and tok.idx > after and tok.dep_ != "attr" \
                and any(c.dep_ == "det" and c.lower_ in INDEFINITE for c in tok.children) \
                and not any(a <= tok.idx < b for a, b in quotes_spans):
            found = tok
    if found is None:
        return None
    det = next(c for c in found.children if c.dep_ == "det")
    return " ".join(doc_text(doc)[det.idx:found.idx + len(found)].split())


# singular nouns for people a "they" stands for ("Her family has … They have both …")
COLLECTIVES = {"police", "family", "couple", "crowd", "staff", "team"}
NOT_THEM = {"i", "we", "you", "who", "that", "which"}  # subjects no later "they" stands for
ASKING = {"ask", "asks", "asked", "asking", "question", "questions", "questioned", "questioning"}


def _persons_and(tok: Any) -> bool:
    """"Rossello and Gonzalez", "Roe and his lawyers": a person's name with another person, or
    people, joined to it."""
    return tok.ent_type_ == "PERSON" and any(c.dep_ == "conj" and (
        c.ent_type_ == "PERSON" or people_noun(c) or c.lower_ in COLLECTIVES) for c in tok.children)


def plural_subject_before(doc: Any, head: Any) -> Any | None:
    """The latest plural subject before ``head`` in its sentence or the two before: a common
    noun no entity names ("Some locals", "Western intelligence agencies"), a passive agent
    ("conducted by state police"), people passive in its own sentence ("when administrators
    are asked, they …") or two people joined ("Rossello and Gonzalez said"). A
    sentence whose subject is "they" too carries the chain on without counting ("Police held
    briefings. Then, daily. They released footage. They answered questions.")."""
    s, left = head.sent, 3
    while left:
        subs = [t for t in s if t.dep_ == "nsubj" and t.i < head.i and _persons_and(t)] + [
            t for t in s if (t.dep_ == "nsubj" or t.dep_ == "pobj" and t.head.dep_ == "agent"
                             or t.dep_ == "nsubjpass" and s.start == head.sent.start and people_noun(t))
            and (t.tag_ == "NNS" or t.lower_ in COLLECTIVES) and not t.ent_type_
            and t.i < head.i and t.lower_ not in NON_AGENTS and not inanimate(t)]
        if subs:
            return max(subs, key=lambda t: t.i)
        left -= not any(t.dep_ == "nsubj" and t.lower_ == "they" and t.i < head.i for t in s)
        before, prev = s, sentence_before(s)
        if prev is None:
            return None
        s = prev
        if before.start == head.sent.start and head.i == before.start:
            # "He asked the heads of both agencies if that held. They denied it": the ones asked
            asked = [t for t in s if t.dep_ == "dobj" and t.head.lower_ in ASKING and t.tag_ == "NNS" and people_noun(t)
                     and not any(c.dep_ == "nsubj" and (c.tag_ in ("NNS", "NNPS") or c.lower_ in ("they", "we"))
                                 for c in t.head.children)]  # ("The senators asked the officials …": the senators)
            if asked:
                return asked[-1]
            # "… drew anger from tenants and their lawyers. They noted …": with no one
            # as the sentence's subject, the people it ends on
            objs = [t for t in s if t.dep_ in ("pobj", "dobj") and t.tag_ == "NNS" and people_noun(t)]
            if objs and not any(t.dep_ == "nsubj" and t.lower_ not in NON_AGENTS and not inanimate(t)
                                and t.lower_ not in NOT_THEM for t in s):  # ("I know friends who …")
                return objs[-1]
    return None


def generic_they(head: Any, nearest: int) -> bool:
    """"They say you shouldn't …": "they" opening a sentence with a present "say", and nothing
    it could stand for in the sentence before (no name there, and ``nearest``, the character
    offset of the latest candidate, further back) is people at large, the idiom, not a
    speaker."""
    verb = head.head
    if head.lower_ != "they" or head.dep_ != "nsubj" or verb.lower_ != "say" or verb.tag_ != "VBP" \
            or head.i != head.sent.start or verb.dep_ == "parataxis":
        return False  # "…, they say." after "Roe and Lee say …" is Roe and Lee
    sent = head.sent
    prev = sentence_before(sent) or sent
    if any(t.ent_type_ in ("PERSON", "ORG", "NORP") for t in prev):
        return False
    return nearest < prev.start_char


def of_relative(tok: Any) -> bool:
    """Whether ``tok`` heads "all of whom", "several of which": a relative pronoun's part."""
    return any(c.dep_ == "prep" and c.lower_ == "of" and any(
        g.dep_ == "pobj" and g.lower_ in ("whom", "which") for g in c.children) for c in tok.children)


def of_whom(doc: Any, head: Any) -> Any | None:
    """The noun "all of whom", "the majority of whom" stands for: the one its relative clause
    hangs on, or, where the parse made the clause the sentence, the noun before the comma."""
    if not of_relative(head):
        return None
    if head.head.dep_ == "relcl" and head.head.head.i != head.head.i:
        return head.head.head
    k = head.left_edge.i - 1
    if k > 0 and doc[k].text == "," and doc[k - 1].tag_ == "NNS":
        return doc[k - 1]
    return doc[k] if k >= 0 and doc[k].tag_ == "NNS" else None  # "many guests all of whom report"


def fronted_phrase(doc: Any, head: Any, at: int) -> tuple[int, int] | None:
    """The characters of the phrase or clause that opens the pronoun's own sentence before it
    (the pronoun being that sentence's subject), when the mention at ``at`` is a possessor
    inside it or whom it was with, about, to or like ("Like Roe, he said …" is someone else;
    "In a report by X, she …" is X)."""
    span = doc.char_span(at, at + 1, alignment_mode="expand")
    if head.dep_ != "nsubj" or span is None or len(span) == 0:
        return None
    tok = span[0]
    while tok.dep_ in ("compound", "flat") and tok.head.i > tok.i:
        tok = tok.head
    ancestors = list(tok.ancestors)
    # anyone named in a fronted "Asked about …" is what was asked about ("Asked whether Roe …, she replied")
    asked = any(a.dep_ == "advcl" and a.tag_ == "VBN" and a.lower_ in ASKING for a in ancestors)
    if not (asked or tok.dep_ == "poss" or tok.dep_ == "pobj" and tok.head.lower_ in (
            "with", "about", "against", "to", "like", "unlike")) \
            or tok.sent.start != head.sent.start or tok.i > head.i or any(
            a.lower_ == "according" for a in ancestors):  # "According to X's tweets, he …" is X
        return None
    # (a set-in "he added" the parse hung on the words: the phrase hangs on theirs)
    verb = head.head.head if head.head.dep_ == "parataxis" else head.head
    top = next((a for a in ancestors if a.dep_ in ("advcl", "prep") and a.head.i == verb.i and a.i < head.i), None)
    return None if top is None else (top.left_edge.idx, top.right_edge.idx + len(top.right_edge))


# nouns for a text that NER takes the title after for a person ("the exhortation Amoris Laetitia")
TEXT_NOUNS = DOCUMENTS | {"exhortation", "encyclical", "constitution", "instruction", "motu", "bull", "novel",
                          "film", "movie", "song", "album", "poem", "play", "show", "series", "documentary"}


FIRMS = COMPANY_NOUNS | {"group", "conglomerate", "subsidiary", "holding"}


def named_things(doc: Any, entities: Sequence[Entity]) -> set[str]:
    """What NER took for a person but the article writes as a thing, never "he" or "she",
    whatever pronouns come near it: a name every mention of which follows a lowercase "the"
    ("approves the Statutes"), or one that names a text right after its noun ("the exhortation,
    Amoris Laetitia", "the film Bright Day"), or a one-word name right before "group" or
    "company" ("a part of the Gazmir group"; not "the Roe group" after "Ann Roe")."""
    text = doc_text(doc)
    out = set()
    for e in entities:
        if e.type != "PERSON" or not e.mentions:
            continue
        if all(text[max(0, m.start - 4):m.start].lower() == "the " for m in e.mentions):
            out.add(e.name)
            continue
        for m in e.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or len(span) == 0 or span.start == 0:
                continue
            root, noun = span.root, doc[span.start - 1 - (doc[span.start - 1].text == "," and span.start > 1)]
            # the name hangs on the noun right before it (not "the email Roe sent", "a
            # statement Roe's lawyer disputed": a clause about the text)
            if root.head.i == noun.i and noun.lower_ in TEXT_NOUNS and noun.tag_ in ("NN", "NNS") \
                    and root.dep_ in ("appos", "compound", "npadvmod", "nmod"):
                out.add(e.name)
                break
            if " " not in e.name and root.dep_ == "compound" and root.head.tag_ == "NN" and root.head.lower_ in FIRMS \
                    and root.head.i == span.end:
                out.add(e.name)  # "a part of the Velm group": a firm, however NER typed it
                break
    return out


def names_someone_else(label: Any, name: str, people: Sequence[tuple[int, int, str]], starts: list[int]) -> bool:
    """Whether a label of the person ``name`` names another person in it ("Imran Roe, his wife
    Ann Lee"): its nouns are that person's, and say nothing of this one's gender. ``people``
    are the article's person mentions as (start, end, name), sorted, ``starts`` their starts."""
    i = bisect.bisect_left(starts, label.start)
    while i < len(people) and people[i][0] < label.end:
        if people[i][2] != name:
            return True
        i += 1
    return False


def token_at(doc: Any, pos: int) -> Any | None:
    """The token holding the character at ``pos``, or None (a negative ``pos``: none)."""
    span = doc.char_span(pos, pos + 1, alignment_mode="expand") if pos >= 0 else None
    return span[0] if span is not None and len(span) else None


def same_sentence(doc: Any, a: int, b: int) -> bool:
    """Whether the characters at ``a`` and ``b`` (either may be -1: none) share a sentence."""
    x, y = token_at(doc, a), token_at(doc, b)
    return x is not None and y is not None and x.sent.start == y.sent.start
