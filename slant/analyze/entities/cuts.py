"""Names NER runs on past their end: a headline's verb ("Francis Accused of Inaction",
"Nigel Farage Warns"), a quote mark ("Trump Slams “Disgraceful Verdict"), a possessive that
joins two names ("Common Dream’s Reza Marashi"), an acronym's open bracket ("World Health
Organization (WHO"), a headline's colon ("De Blasio: Trust Bratton"), a lowercase verb ("John XXIII explained"). :func:`name_cut` gives the token bounds of the name itself;
:func:`titled_person` tells a person by a title NER typed as something else ("Rabbi Ann Roe"), and
:func:`clean_span` cuts what NER takes in before or after a name (a determiner, a rank, a
possessive)."""

from __future__ import annotations

import re
from typing import Any

from slant.analyze.parse import doc_text
from slant.names.rules import TITLE_ABBREVIATIONS, initials

__all__ = ["HEADLINE_VERBS", "PERSON_TITLES", "PLATFORMS", "POSSESSIVE", "SURNAME_RE", "acronym_start", "name_cut", "particle_end",
           "person_within", "titled_person"]

# verbs a Title Case headline puts right after a name, which NER takes into it
HEADLINE_VERBS = {
    "accused", "accuses", "slams", "slammed", "warns", "warned", "says", "said", "calls",
    "blasts", "claims", "reveals", "admits", "denies", "urges", "responds", "tells", "vows",
    "defends", "attacks", "rips", "praises", "demands", "insists", "announces", "explains",
    "speaks", "asks", "sues", "charged", "charges", "arrested", "resigns", "declares",
    "threatens", "condemns", "rejects", "refuses", "lashes", "hits", "fires", "proposes",
    "breaks", "admits", "pleads", "slams",
}
# and after a person's name only ("Consumer Reports" is an organisation's whole name)
PERSON_HEADLINE_VERBS = {"refers", "recalls", "writes", "reports", "argues", "thanks", "welcomes",
                         "mocks", "questions", "backs", "endorses", "apologizes", "apologises"}
QUOTE_MARKS = set("“”\"«»(")
POSSESSIVE = ("'s", "’s")


def name_cut(doc: Any, s: int, e: int, etype: str) -> tuple[int, int]:
    """Token bounds [s, e) of the name a PERSON or ORG span starts with: cut before a
    headline verb (an organisation's only in the present: "… Informant Breaks Silence") or a
    quote mark or bracket inside it (a person, or an organisation whose bracket is never
    closed); a person's span with a possessive inside is the name after it
    when that has two words or more ("Common Dream’s Reza Marashi") or the one before is no
    person's ("U2’s Bono"), else the one before ("John Allen’s Crux")."""
    if etype not in ("PERSON", "ORG") or e - s < 2:
        return s, e
    words = [doc[k] for k in range(s, e)]
    text = "".join(t.text_with_ws for t in words)
    for k in range(s + 1, e):
        tok = doc[k]
        if tok.text in QUOTE_MARKS and (etype == "PERSON" or (tok.text == "(" and ")" not in text)):
            return s, k
        if tok.text == ":" or tok.text in ("-", "–", "—", "--") and doc[k - 1].whitespace_ and etype == "PERSON":
            return s, k  # a headline's colon: "De Blasio: Trust Bratton" is De Blasio; "Ann Roe - Lee's aide"
        if tok.text == "," and k + 1 < e and doc[k - 1].dep_ == "pobj" and doc[k - 1].head.i < s \
                and doc[k + 1].dep_ in ("nsubj", "compound") and doc[k + 1].head.i >= e:
            return s, k  # "Above a photo of Roe, Doe wrote": one phrase's end, the next subject
        if etype == "PERSON" and tok.tag_ in ("VBD", "VBZ") and tok.text.islower():
            return s, k  # a verb NER ran into: "John XXIII explained" is John XXIII
        if (tok.lower_ in HEADLINE_VERBS or etype == "PERSON" and tok.lower_ in PERSON_HEADLINE_VERBS) \
                and tok.text[:1].isupper() and (etype == "PERSON" or tok.lower_.endswith("s")):
            return s, k  # "Nigel Farage Warns", "Uranium One Informant Breaks Silence"
        if etype == "ORG" and tok.lower_ + "s" in HEADLINE_VERBS and tok.text[:1].isupper() and \
                k + 1 < e and doc[k + 1].lower_ in ("for", "on", "to") and tok.tag_.startswith("VB"):
            return s, k  # "Harbour Guild Of Pilots Ask For New …": a plural subject's verb
    if etype == "PERSON":
        for k in range(s + 1, e - 1):
            if doc[k].text in POSSESSIVE:
                # "U2’s Bono": a band or an acronym before the possessive is no person's name
                left_person = all(t.text.isalpha() and not t.text.isupper() for t in doc[s:k])
                return (k + 1, e) if e - (k + 1) >= 2 or not left_person else (s, k)
    return s, e


# titles that only a person bears; before two or more capitalised words they make a person
# of a name NER typed otherwise ("Rabbi Ann Roe" as an organisation)
PERSON_TITLES = TITLE_ABBREVIATIONS | {"rabbi", "imam", "sheikh", "cardinal", "archbishop", "bishop",
                                       "rev", "reverend", "father", "pastor", "senator", "governor",
                                       "professor", "parson", "deacon", "chaplain", "mufti",
                                       "ayatollah"}


def titled_person(doc: Any, s: int, e: int) -> bool:
    """Whether tokens ``s:e`` are a person's title and two or more capitalised words (a name
    whose head makes it an organisation, "Dr. Roe Foundation", is retyped after)."""
    words = [t for t in doc[s:e] if not t.is_punct and not t.is_space]
    title = words[0].lower_.rstrip(".") if words else ""
    # one name after the title will do, but not after "Dr." or "Father" ("Dr. Pepper")
    least = 3 if title in ("dr", "father", "gen", "professor") else 2
    return len(words) >= least and title in PERSON_TITLES and all(t.text[:1].isupper() for t in words[1:])


# offices held "of" a department, and the departments NER runs into the holder's name
# ("Secretary of Homeland Security Kirstjen Nielsen" as one organisation)
OFFICES = {"secretary", "minister", "director", "head", "chief", "commissioner", "undersecretary"}
DEPARTMENTS = ("homeland security", "state", "defense", "defence", "justice", "health", "education",
               "energy", "commerce", "labor", "labour", "agriculture", "transportation", "treasury",
               "the treasury", "interior", "the interior", "veterans affairs", "housing", "finance",
               "foreign affairs", "home affairs", "the navy", "the army", "the air force", "war",
               "environment", "trade", "national intelligence", "health and human services")
# longest first, so "health and human services" wins over "health"
_DEPARTMENT_WORDS = tuple(d.split() for d in sorted(DEPARTMENTS, key=len, reverse=True))


def person_within(doc: Any, s: int, e: int) -> int | None:
    """Where a person's name starts inside a span NER typed otherwise: after a title only a
    person bears ("Rabbi Ann Roe", "Velm Middle School Dr. Roe"), or after the department of
    the office before it ("Secretary of Homeland Security Kirstjen Nielsen"); None when it
    holds no person."""
    if _apposed_office(doc, s, e):
        return s
    if titled_person(doc, s, e):
        return s + 1 + (doc[s + 1].text == ".")
    for k in range(s + 1, e - 1):
        # "Velmar Ridge Middle School Dr. Oskin": the person after a title inside the span
        a = k + 1 + (doc[k + 1].text == ".")
        if doc[k].lower_.rstrip(".") in TITLE_ABBREVIATIONS and doc[k - 1].text[:1].isupper() and a < e and \
                all(t.text[:1].isupper() and t.is_alpha for t in doc[a:e] if not t.is_space):
            return a
    if s < 2 or doc[s - 1].lower_ != "of" or doc[s - 2].lower_ not in OFFICES:
        return None
    words = [t.lower_ for t in doc[s:e]]
    for dept in _DEPARTMENT_WORDS:
        k = len(dept)
        if words[:k] == dept and e - (s + k) >= 2 and \
                all(t.text[:1].isupper() and t.is_alpha for t in doc[s + k:e]):
            return s + k
    return None


# offices only a person holds, in apposition after a name NER typed as a body: the titles
# only a person bears, and offices that are no title before a name
PERSON_OFFICES = (PERSON_TITLES - TITLE_ABBREVIATIONS) | {
    "priest", "spokesman", "spokeswoman", "mayor", "lawyer", "attorney", "judge", "ambassador",
    "congressman", "congresswoman"}


def _apposed_office(doc: Any, s: int, e: int) -> bool:
    """"Jean-Clément Velm, the Archbishop of Aleppo, …": two to four capitalised names in
    apposition with an office only a person holds."""
    words = [t for t in doc[s:e] if not t.is_punct]
    if not 2 <= len(words) <= 4 or not all(t.tag_ == "NNP" and t.text[:1].isupper() for t in words):
        return False
    root = doc[s:e].root
    return any(c.dep_ == "appos" and c.i >= e and c.lower_ in PERSON_OFFICES for c in root.children)


# platforms and companies NER takes for people ("on Twitter", "she told Facebook")
PLATFORMS = frozenset({"twitter", "facebook", "youtube", "instagram", "tiktok", "reddit",
                       "snapchat", "whatsapp", "telegram", "gab", "parler", "linkedin"})


LEADING_TAGS = {"IN", "RB", "CC", "DT", "UH", "PRP$", "WDT", "WP", "WRB", "MD", "TO"}
ENDING_POSSESSIVE = (*POSSESSIVE, "'", "’")
# a rank NER takes into the name of the body before the official's title
RANKS = {"senior", "former", "top", "junior", "acting"}


def clean_span(doc: Any, ent: Any) -> tuple[int, int] | None:
    """Token bounds of ``ent`` without a leading determiner or a trailing possessive."""
    s, e = ent.start, ent.end
    # a leading determiner, preposition or adverb is not part of a name ("Without Bloomberg")
    while s < e and (doc[s].lower_ in ("the", "a", "an") or doc[s].tag_ in LEADING_TAGS
                     or (doc[s].tag_ in ("VBD", "VBZ", "VBG", "VBN") and e - s > 1)):
        s += 1  # "Said Ellis: …" is Ellis, "Regarding Ellis, …" too
    while s < e and doc[s].is_space:
        s += 1  # (spaces NER ran into, a footnote mark read as spaces among them: "Roe[5]")
    while s < e - 2 and ent.label_ != "PERSON" and doc[s].lower_ in RANKS:
        s += 1  # "Senior World Health Organization (WHO) official …": a rank of the official
    while e > s and (doc[e - 1].text in ENDING_POSSESSIVE or doc[e - 1].is_punct or doc[e - 1].is_space
                     or e - s > 1 and doc[e - 1].tag_ in ("RB", "RBR") and doc[e - 1].text.islower()):
        e -= 1  # ("Democratize Velm later apologized": an adverb NER ran into)
    while s < e and doc[s].is_punct:
        s += 1
    if s < e - 1 and s > 0 and doc[s].lower_ in HEADLINE_VERBS and doc[s].text[:1].isupper() \
            and doc[s - 1].text[:1].isupper():
        s += 1  # "Senator Warns Roe: …": a headline's verb NER took for a given name
        if e - s == 1 and doc[s].tag_ == "NNPS":
            return None  # "… Warns Voters": the verb's object, no name
    return (s, e) if s < e else None


# titles before a name NER sometimes misses ("Police Chief U. Reneé Roe"), and words that make
# the capitalised run after them another title, not a name ("Chief Executive Officer")
NAME_TITLES = PERSON_TITLES | {"chief", "mayor", "sheriff", "commissioner", "superintendent"}
# a word of a name: letters, with a hyphen or an apostrophe inside ("Al-‘Ayesh", "O’Dell")
_NAME_WORD = re.compile(r"[^\W\d_]+(?:[-’'‘]+[^\W\d_]+)*")
NOT_NAME_WORDS = {"executive", "officer", "director", "justice", "minister", "secretary", "of", "the",
                  "operating", "financial", "medical", "constable", "inspector", "deputy"}


def untyped_people(doc: Any) -> list[Any]:
    """Spans (labelled PERSON) of two to four capitalised words right after a person's title
    where NER found no entity at all ("Police Chief U. Reneé Roe said …")."""
    from spacy.tokens import Span

    covered = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    found = []
    for t in doc:
        if t.i in covered or not t.text[:1].isupper() or t.lower_.rstrip(".") not in NAME_TITLES:
            continue
        k = t.i + 1 + (t.i + 1 < len(doc) and doc[t.i + 1].text == ".")
        e = k
        while e < len(doc) and e - k < 4 and e not in covered and doc[e].tag_ in ("NNP", "NNPS") and \
                doc[e].text[:1].isupper() and _NAME_WORD.fullmatch(doc[e].text.rstrip(".")) and \
                doc[e].lower_ not in NOT_NAME_WORDS:
            e += 1
        if e - k >= 2 and (e >= len(doc) or not (doc[e].tag_ in ("NNP", "NNPS") and doc[e].text[:1].isupper())):
            found.append(Span(doc, k, e, label="PERSON"))
    return found


# words before one capitalised word that make it a common noun, not a name ("a Freemason",
# "my Congregation")
COMMON_BEFORE = {"a", "an", "my", "our", "your", "his", "her", "their", "its"}


def common_noun_use(doc: Any, s: int, e: int) -> bool:
    """Whether one word NER took for a name is a common noun: in lowercase ("the jargon of
    …"), or after an article or a possessive pronoun as its phrase's head ("a Freemason", "my
    Congregation"; not "a UN estimate", where the name is a modifier, nor an acronym)."""
    if e - s != 1:
        return False
    tok = doc[s]
    if tok.text.islower():
        return True
    return s > 0 and doc[s - 1].lower_ in COMMON_BEFORE and not tok.text.isupper() and \
        tok.dep_ not in ("compound", "amod", "nmod", "poss") and tok.head.i != s - 1


# lowercase particles inside a surname, which NER cuts a name at ("Braz de’Aviz" as "Braz",
# "Ursula von der" and "Leyen"); "do", "la", "le" and "el" are left out: "did Lee do Russia's
# bidding" must stay Lee
PARTICLES = {"de", "da", "di", "del", "della", "dos", "das", "du", "van", "von", "der", "den", "ter",
             "bin", "ibn", "al"}
_JOINED_PARTICLE = re.compile(r"(?:(?:de|da|di|del|dell|dall|d)[’']|[Aa]l-[’'‘]?|[Ee]l-)"
                              r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?")
# a capitalised surname ("Roe", "O’Gorman", "McAdam", "Al-Oweis")
SURNAME_RE = re.compile(r"(?:[OD][’']|Mc|Mac)?[A-Z][a-z]+(?:[’'-][A-Z][a-z]+)?")


def particle_end(doc: Any, s: int, e: int) -> int:
    """The end of a person's name [s, e) past a surname NER cut at its particle: "Braz" and
    "de’Aviz" after it, "Jarrah" and "Al-‘Oweis", "Ursula von der" and "Leyen" (one space
    apart, the particle in lowercase, the surname capitalised)."""
    def next_to(k: int) -> bool:
        return k < len(doc) and doc[k].idx == doc[k - 1].idx + len(doc[k - 1]) + 1

    inside = e - s >= 2 and doc[e - 1].text in PARTICLES
    k = e
    while next_to(k) and doc[k].text in PARTICLES:
        k += 1
    if (inside or k > e) and next_to(k) and SURNAME_RE.fullmatch(doc[k].text):
        return k + 1
    if k == e and next_to(e) and _JOINED_PARTICLE.fullmatch(doc[e].text):
        return e + 1
    if k == e and next_to(e) and doc[e].lower_ in ("al", "el") and e + 2 < len(doc) and doc[e + 1].text == "-" \
            and not doc[e].whitespace_ and not doc[e + 1].whitespace_ and SURNAME_RE.fullmatch(doc[e + 2].text):
        return e + 3  # "Jarrah al-Oweis", which the tokenizer splits at its hyphen
    return e


_BRACKETED = re.compile(r"\s*\(([A-Z]{2,8})\)")
_JOINERS = {"of", "and", "for", "the", "&", "on"}


def acronym_start(doc: Any, s: int, e: int) -> int:
    """The start of a body's name NER began too late, where the acronym in brackets after it
    spells the longer name ("Immigration and Customs Enforcement (ICE)", NER's "Customs
    Enforcement"): back over capitalised words and joining words, up to six tokens."""
    end = doc[e - 1].idx + len(doc[e - 1])
    m = _BRACKETED.match(doc_text(doc), end)
    if m is None or initials(doc[s:e].text) == m.group(1):
        return s
    for k in range(s - 1, max(-1, s - 7), -1):
        tok = doc[k]
        if not (tok.text[:1].isupper() and tok.text.isalpha() or tok.lower_ in _JOINERS) or tok.ent_type_ in (
                "PERSON", "GPE", "DATE"):
            return s
        if tok.text[:1].isupper() and initials(doc[k:e].text) == m.group(1):
            return k
    return s


# the last words of an agency's name ("… Service", "… Protection"): a capitalised word and
# "and" right before such a name NER began late are its start ("Fish and Wildlife Service")
AGENCY_ENDS = {"service", "protection", "enforcement", "administration", "commission", "agency", "bureau",
               "department", "office", "board", "authority", "council", "institute", "centre", "center"}


def and_start(doc: Any, s: int, e: int) -> int:
    """The start of a body's name NER began after its "X and" ("Customs and Border
    Protection", "Fish and Wildlife Service", NER's "Border Protection" and "Wildlife
    Service"): a capitalised word, no name of its own, then "and", before a name that ends in
    an agency's word."""
    if s < 2 or doc[e - 1].lower_ not in AGENCY_ENDS or doc[s - 1].lower_ != "and":
        return s
    tok = doc[s - 2]
    if tok.text[:1].isupper() and tok.text.isalpha() and not tok.ent_type_ and tok.tag_ in ("NNP", "NNPS", "NNS", "NN") \
            and _spelled(doc, s - 2, e):
        return s - 2
    return s


def _spelled(doc: Any, s: int, e: int) -> bool:
    """Whether the article writes the initials of ``doc[s:e]`` as an acronym ("CBP" for
    "Customs and Border Protection"): two bodies named side by side ("the FBI and Justice
    Department") have none."""
    acronym = initials(doc[s:e].text)
    return len(acronym) >= 3 and re.search(rf"\b{acronym}\b", doc_text(doc)) is not None


def and_end(doc: Any, s: int, e: int) -> int:
    """The end of a body's name NER ended at its "and" ("Customs" of "Customs and Border
    Protection said"): "and", then up to three capitalised words that are no other name,
    the last an agency's word."""
    if e >= len(doc) or doc[e].lower_ != "and":
        return e
    for k in range(e + 1, min(len(doc), e + 4)):
        tok = doc[k]
        if not (tok.text[:1].isupper() and tok.text.isalpha()) or tok.ent_type_ in ("PERSON", "GPE", "NORP"):
            return e
        if tok.lower_ in AGENCY_ENDS and (k + 1 == len(doc) or not doc[k + 1].text[:1].isupper()):
            return k + 1 if _spelled(doc, s, k + 1) else e
    return e
