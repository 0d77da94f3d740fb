"""The shape of a speaker phrase: its token bounds, and whether it can be a speaker at all."""

from __future__ import annotations

import re
from typing import Any

from slant.analyze.parse import doc_text
from slant.analyze.quotes.cues import SPEECH_ACTS
from slant.analyze.quotes.kinds import is_title
from slant.analyze.quotes.words import (
    ANONYMOUS_ROLES,
    DATELINE,
    DATELINE_AFTER,
    DOCUMENTS,
    GROUP_PRONOUNS,
    GROUP_QUANTIFIERS,
    NON_AGENTS,
    ORG_NOUNS,
    PERSON_NOUNS,
    PERSON_PRONOUNS,
    RELATIONS,
    ROLES,
    SPEAKING_NOUNS_EXTRA,
    hyphen_end,
    people_noun,
)
from slant.models import Entity, Mention, Speaker

# nouns that can head a speaker after "this"/"these" ("this official", "these groups")
SPEAKING_NOUNS = (PERSON_NOUNS | ROLES | ORG_NOUNS | RELATIONS | ANONYMOUS_ROLES
                  | SPEAKING_NOUNS_EXTRA | DOCUMENTS)


def verb_in_name(tok: Any) -> bool:
    """A verb of saying the parse took for a modifier in a name's phrase ("“…,” huffed
    committee member Ann Roe")."""
    return tok.dep_ in ("amod", "compound") and tok.text.islower() and tok.lower_ in SPEECH_ACTS


# focus words the parse may hang inside the speaker's phrase ("Even the board's lawyer")
FOCUS = {"even", "also", "especially", "particularly", "notably"}


def speaker_bounds(doc: Any, head: Any) -> tuple[int, int]:
    """Token bounds of the speaker phrase: the head with its left modifiers and a short
    prepositional tail ("a spokesman for CAGE")."""
    # "On Aug. 17, a grand jury report named …" parsed with the time on the noun: not who
    lefts = [c for c in head.lefts if c.dep_ not in ("prep", "punct", "advmod", "npadvmod", "advcl")]
    a = lefts[0].left_edge.i if lefts else head.i
    while a < head.i and (verb_in_name(doc[a]) or doc[a].dep_ == "advmod" and doc[a].lower_ in FOCUS):
        a += 1  # "“…,” huffed committee member Ann Roe": the verb is no part of who, nor is
        # "even" hung on a possessor ("Even the board's lawyer")
    b = head.i + 1
    for c in head.rights:
        if c.dep_ == "prep" and any(g.ent_type_ in ("DATE", "TIME") for g in c.children):
            break  # "Saudi leaders for two weeks denied …": a time, not part of who
        if c.dep_ in ("prep", "compound", "flat", "nummod") and c.right_edge.i - a < 10:  # ("Article 39")
            b = c.right_edge.i + 1
        elif c.dep_ == "appos" and c.right_edge.i - a < 12 and \
                doc[c.left_edge.i - 1].text not in (",", "—", "–", "-", "--"):
            # "World Health Organization (WHO) official Ann Roe": the person it ends on, past
            # the acronym and the title the parse also hung there
            if c.ent_type_ == "PERSON":
                b = c.right_edge.i + 1
                break
        elif c.dep_ == "appos":
            break
        elif c.dep_ == "punct" and c.text in ("(", ")"):
            continue
        elif c.dep_ == "prep":
            # a long tail ("officials at X, a division of Y"): up to the preposition's object
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs and objs[0].i - a < 10:
                b = objs[0].i + 1
            break
        else:
            break
    while a >= 2 and doc[a - 1].text == "-" and not doc[a - 1].whitespace_ and not doc[a - 2].whitespace_:
        a = doc[a - 2].left_edge.i  # "the co-founder": the whole word and what precedes it
    if head.dep_ == "pobj" and head.head.lower_ == "to" and a <= head.head.i:
        a = head.head.i + 1
    # "withdrawals, some of which federal prosecutors say …": the relative phrase is not theirs
    a = max([a] + [t.i + 1 for t in doc[a:head.i] if t.lower_ in ("which", "whom") and t.tag_ in ("WDT", "WP")])
    # "ALDER CROSSING, Wrenmoor County (CPW) - Brightvein": a dateline is not the speaker
    text = doc_text(doc)
    line = text.rfind("\n", 0, doc[a].idx) + 1
    m = DATELINE.match(text, line) if not text[line:doc[a].idx].strip(" \t\xa0").islower() else None
    if m is not None and doc[a].idx < m.end() <= doc[b - 1].idx:
        while a < b and doc[a].idx < m.end():
            a += 1
    elif m is not None and doc[a].idx < m.end() and doc[b - 1].idx < m.end():
        # the parser took the dateline's place for the subject: the name right after it
        k = a
        while k < len(doc) and doc[k].idx < m.end():
            k += 1
        b = k
        people = [j for j in range(k, min(k + 8, len(doc))) if doc[j].ent_type_ == "PERSON"
                  and all(t.tag_ in ("NNP", "NNPS") for t in doc[k:j + 1])]
        if people:  # "JACKSON, Miss. - U.S. District Judge Ann Roe": the person the title names
            b = people[-1] + 1
        elif k < len(doc) and doc[k].ent_iob_ == "B":
            b = k + 1
            while b < len(doc) and doc[b].ent_iob_ == "I":
                b += 1
        else:
            while b < len(doc) and doc[b].tag_ in ("NNP", "NNPS") and b - k < 6:
                b += 1
        if b == k:
            return a, a
        a = k
    # "BRUSSELS - European leaders": a dateline is not part of the speaker
    for k in range(a, min(b, a + 8)):
        if doc[k].text in ("-", "—", "–", "--") and k > a and all(
                doc[j].is_punct or doc[j].text.isupper() for j in range(a, k)):
            a = k + 1
            break
    while a < b and doc[a].is_punct:
        a += 1
    while b > a and (doc[b - 1].is_punct or doc[b - 1].dep_ == "cc"):
        b -= 1
    return a, b


def _some_of_things(head: Any) -> bool:
    """Whether a number heads a share of things ("One of those likings"), not of people,
    bodies or texts; a name in the phrase makes it someone ("one of many times Roe has
    referred to …")."""
    if any(t.tag_ == "NNP" for t in head.subtree):
        return False
    objs = [g for c in head.children for g in c.children if g.dep_ == "pobj"]
    return any(g.tag_ == "NNS" and not g.ent_type_ and g.lower_ not in SPEAKING_NOUNS
               and g.lower_[:-1] not in DOCUMENTS | ORG_NOUNS and not people_noun(g)
               and any(d.lower_ in ("those", "these") for d in g.children) for g in objs)


def speaker_like(doc: Any, head: Any) -> bool:
    """Whether ``head`` can head a speaker: a name, a pronoun, or a person, group, role or
    document noun; never an adjective or nationality ("British"), a number or date, a
    non-agent noun ("the comments", "construction") or a dateline ("LONDON —")."""
    low = head.lower_
    if low in ("you", "yourself", "ye", "y'all") or (low == "one" and _generic_one(head)):
        return False  # the reader addressed, or anyone at all ("this is how one explains …")
    if low in PERSON_PRONOUNS or low in GROUP_PRONOUNS or low in ("i", "who", "which"):
        return True
    if low in ("anyone", "anybody", "whoever", "nobody") or any(c.dep_ == "det" and c.lower_ in ("any", "no")
                                                                for c in head.children):
        return False  # "Any law demanding …", "smear anyone who questions …": no one in particular, or no one
    if low in ("this", "that", "these", "those", "what", "there", "'s", "’s", "let"):
        return False
    if low in ("can", "cann") and not head.ent_type_ and doc_text(doc)[head.idx + len(head):head.idx + len(head) + 1] == ".":
        return False  # "according to can. 1405": a canon, cited (Theresa May speaks)
    if head.tag_ == "CD" and any(c.dep_ == "prep" and c.lower_ == "of" or c.lower_ == "in" and
                                 c.dep_ in ("quantmod", "prep") for c in head.children):
        return not _some_of_things(head)  # "one of the family's lawyers", "six in 10 (voters) said"
    if low in GROUP_QUANTIFIERS or low in ("percent", "%"):
        return True  # "some said", "most of whom said", "63 percent (of voters) said"
    if head.tag_ == "JJ" and head.dep_ in ("nsubj", "nsubjpass") and low in SPEAKING_NOUNS:
        return True  # "one official close to the board alleged", the noun tagged as an adjective
    if head.tag_ in ("JJ", "JJR", "JJS", "CD", "RB") or head.dep_ == "amod":
        return False
    if head.ent_type_ in ("DATE", "TIME", "CARDINAL", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"):
        return False
    if low in NON_AGENTS and head.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP"):
        return False
    if _in_dateline(doc, head):
        return False
    if head.tag_ in ("NN", "NNS") and not head.ent_type_ and low not in SPEAKING_NOUNS \
            and any(c.dep_ == "det" and c.lower_ in ("this", "these", "that", "those")
                    for c in head.children):
        return False  # "This blatant hypocrisy reveals …": a state of affairs, not a source
    if _possessed_abstraction(head):
        return False  # "X's eventual failure suggests …": a state of affairs X is in
    if head.text.isupper() and len(head.text) > 3 and not head.ent_type_ and head.tag_ in ("NN", "NNS"):
        return False  # a section header in capitals ("THE BORROWING Back when …")
    if head.tag_.startswith("NN") and head.ent_type_ not in ("PERSON", "ORG", "NORP", "GPE") \
            and low not in SPEAKING_NOUNS and low not in PARTY_MEMBERS and head.dep_ != "pobj" \
            and not head.text.isupper() and not hyphen_end(head).lower_.endswith(AGENT_PLURALS) \
            and _heading_topic(doc, head):
        return False  # "Secret Budget Agenda Revealed: “…”": a heading's topic, not a source
    return head.tag_.startswith(("NN", "PRP")) or bool(head.ent_type_)



ABSTRACT_ENDS = ("ure", "ness", "ity", "ance", "ence", "ment", "tion", "sion", "ism", "ship", "hood")
# institutions and documents with those endings, which do speak
INSTITUTIONS = {"government", "administration", "department", "commission", "organization",
                "organisation", "association", "foundation", "federation", "coalition",
                "agency", "authority", "authorities", "university", "majority", "minority",
                "presidency", "legislature", "parliament", "congregation", "conference",
                "institution", "publication", "petition", "investigation", "statement",
                "announcement", "legislation", "nunciature", "curia", "community",
                "opposition", "management", "leadership", "ministry", "fraternity",
                "sorority", "convention", "delegation", "diocese", "magisterium",
                "submission", "declaration", "resolution", "motion", "deposition",
                "proclamation", "exhortation", "constitution", "encyclical", "scripture",
                "literature", "legislature", "documentation", "correspondence", "testament"}


def _possessed_abstraction(head: Any) -> bool:
    """A common noun with a possessor that names a state or an act, not an agent: "X's
    eventual failure", "its continued existence"; "X's government" and "X's statement"
    speak."""
    if head.tag_ not in ("NN", "NNS") or head.ent_type_ or not any(c.dep_ == "poss" for c in head.children):
        return False
    low = head.lower_
    return low.endswith(ABSTRACT_ENDS) and low not in SPEAKING_NOUNS and low not in INSTITUTIONS


def _generic_one(head: Any) -> bool:
    """"one" as anyone at all or no one: "no one", or no "of" phrase and a present or modal
    verb ("one explains", "one could argue"); "one of the lawyers said" and "one said" are
    someone."""
    if any(c.dep_ == "det" and c.lower_ == "no" for c in head.children):
        return True  # "no one said": nobody did
    if any(c.dep_ == "prep" for c in head.children) or head.head.i == head.i:
        return False
    verb = head.head
    return verb.tag_ in ("VBP", "VBZ", "VB") or any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children)


AGENT_PLURALS = ("ers", "ors", "ists", "ans", "ants", "ents")  # "Ex-miners to …", "Residents: …"
PARTY_MEMBERS = {"democrats", "republicans", "dems", "conservatives", "liberals", "progressives"}


def _heading_topic(doc: Any, head: Any) -> bool:
    """Whether ``head`` lies in a line's Title Case opening (a heading, or a label before a
    colon: "Candidate’s True Politics: “…”")."""
    text = doc_text(doc)
    line = text.rfind("\n", 0, head.idx) + 1
    end = text.find("\n", head.idx)
    end = len(text) if end < 0 else end
    colon = text.find(":", head.idx, end)
    if not is_title(text[line:colon if colon >= 0 else end]):
        return False
    # a name NER missed in Title Case ("Sanders Told …") is a name where the body uses it
    return re.search(r"[a-z,] " + re.escape(head.text) + r"\b", text[end:]) is None


def _in_dateline(doc: Any, head: Any) -> bool:
    """A capitalised place at the start of a paragraph, then "(AP)", a dash or "--"."""
    text = doc_text(doc)
    line = text.rfind("\n", 0, head.idx) + 1
    before = text[line:head.idx]
    if before.strip(" \t\xa0,.") and not before.isupper():
        return False
    after = text[head.idx: head.idx + 60]
    return bool(DATELINE_AFTER.match(after)) and head.text.isupper()


QUANTIFIERS = {"some", "many", "most", "all", "none", "several", "one", "two", "few", "much"}


def of_which(head: Any) -> Any:
    """"documents, some of which federal prosecutors said were forged": the prosecutors, whom
    the parse hung under "some" beside "which"; any other head as it is."""
    if head.lower_ in QUANTIFIERS:
        for p in head.children:
            objs = [g for g in p.children if g.dep_ == "pobj"] if p.lower_ == "of" else []
            if len(objs) >= 2 and objs[0].tag_ == "WDT" and objs[-1].tag_.startswith("NN"):
                return objs[-1]
    return head


def fronted_appositive(v: Any) -> list[Any]:
    """The subject the parse hung as an apposition on a phrase fronted before a verb that
    has none: "In his letter to Pope Leo, Cardinal Ann Roe said …" (Roe, not the Pope)."""
    if v.tag_ not in ("VBD", "VBZ", "VBP") or v.i == 0:
        return []
    prev = v.doc[v.i - 1]
    if prev.dep_ != "appos" or prev.tag_ not in ("NNP", "NNPS") or prev.head.i >= prev.i:
        return []
    up = prev.head
    while up.head.i != up.i and up.head.i != v.i:
        up = up.head
    return [prev] if up.head.i == v.i and up.dep_ == "prep" and up.i < prev.i else []


def stray_relative(v: Any) -> list[Any]:
    """The relative "who" the parse left hanging before a finite verb that has no subject:
    "a quote by his predecessor Ann Roe, who, a month before, lamented …" (Roe laments, not
    whoever the sentence is about)."""
    if v.tag_ not in ("VBD", "VBZ", "VBP", "VBN") or v.dep_ not in ("advcl", "conj", "dep") or v.head.i >= v.i \
            or any(c.dep_ in ("aux", "auxpass") for c in v.children):
        return []  # ("lamented" read as a participle, with no auxiliary, is as finite)
    who = next((t for t in reversed(v.doc[v.head.i + 1:v.i]) if t.lower_ == "who"), None)
    if who is None or who.dep_ not in ("dep", "appos") or not who.head.tag_.startswith("NN") or any(
            t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in v.doc[who.i + 1:v.i]):
        return []  # (a finite verb between has the "who" for its own)
    return [who]


def hung_relative(who: Any) -> Any | None:
    """The name a relative "who" stands for when the parse hung its clause on a verb, not on
    the name: "Lee spoke with Roe as well, who said …" (``said`` a clause of ``spoke``) is
    Roe's, the name just before the comma (a few words back, in the sentence); "and who"
    after a relative clause the parse did hang is that clause's name."""
    v = who.head
    if who.dep_ == "nsubj" and v.dep_ != "relcl" and who.i > 0 and who.doc[who.i - 1].lower_ == "and":
        earlier = [t for t in who.doc[who.sent.start:who.i] if t.lower_ == who.lower_ and t.dep_ == "nsubj"
                   and t.head.dep_ == "relcl"]  # "the elites who …, and who now denounce …": the elites
        if earlier:
            return earlier[-1].head.head
    if who.dep_ != "nsubj" or v.dep_ == "relcl" or not v.head.tag_.startswith("VB") or who.i < 1 \
            or who.doc[who.i - 1].text != ",":
        return None  # ("asked who said it": a question, no comma before it)
    k = who.i - 2  # back over adverbs only ("Roe as well, who …"; not "…, Moss noted, who …")
    while k > who.sent.start and who.i - k < 6 and who.doc[k].tag_ in ("RB", "RBR", "IN") and not who.doc[k].ent_type_:
        k -= 1
    name = who.doc[k]
    return name if name.tag_ in ("NNP", "NNPS") and name.ent_type_ in ("PERSON", "ORG") else None


def clause_subject(head: Any) -> Any:
    """The subject of a clause the parse read as one noun phrase: "Velm continued pounding
    Roe in later posts, saying …" (with "continued" as an adjective on "Roe") is
    Velm's; any other head is itself."""
    verb = next((t for t in head.lefts if t.tag_ in ("VBD", "VBZ") and t.dep_ in ("amod", "compound")), None)
    if verb is None or verb.i == 0:
        return head
    before = head.doc[verb.i - 1]
    return before if before.tag_ in ("NNP", "NNPS", "PRP") and before.i >= head.left_edge.i else head


def unlisted_person(doc: Any, speaker: Speaker) -> Entity | None:
    """A name NER missed ("Sambi said, “…”"): one or two capitalised proper nouns (no run of
    capitals: "SHTFplan" is a site), as a person for the "he" or "she" that follows ("“Here,”
    he said")."""
    span = doc.char_span(speaker.start, speaker.end)
    if span is None or not 1 <= len(span) <= 2 or speaker.name != speaker.text or any(
            t.tag_ != "NNP" or t.ent_type_ or not t.text[:1].isupper() or re.search("[A-Z]{2}", t.text)
            or t.lower_ in SPEAKING_NOUNS for t in span):
        return None
    return Entity(name=speaker.name, type="PERSON", mentions=[Mention(start=speaker.start, end=speaker.end)])
