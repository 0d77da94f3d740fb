"""How an article labels each actor, read from the dependency parse.

Kinds: ``appositive`` ("X, the former head of …"), ``title`` ("Research Director X",
"Dr X"), ``premodifier`` ("controversial group X", "the so-called charity X"), ``copular``
("X is a …"), ``scare_quoted`` ("the self-described 'advocacy' group X", "'Rights Group' X"
in a headline), ``described_as`` ("described X as …", "called X a …"), ``alias`` ("X,
known as 'Y'") and ``possessive`` (a loaded label reached through a possessive pronoun:
"their extremist history" for the group the pronoun stands for).
"""

from __future__ import annotations

import re
from typing import Any

from slant.analyze.parse import doc_text

QUOTE_CHARS = set("\"“”‘’'«»")
BE = {"is", "was", "are", "were", "'s", "’s", "be", "been", "being", "remains", "remained",
      "became", "becomes", "seems", "seemed"}
DESCRIBE = {"described", "describes", "describe", "describing", "portrayed", "portrays",
            "characterised", "characterized", "depicted", "depicts", "painted", "cast",
            "labelled", "labeled", "branded", "brands", "labels", "called", "calls", "dubbed",
            "termed", "deemed", "named", "considered", "regarded", "denounced", "hailed"}
TITLES = {"mr", "mrs", "ms", "dr", "prof", "sir", "dame", "lord", "lady", "rev", "president",
          "senator", "sen", "rep", "gov", "governor", "mayor", "minister", "secretary",
          "chairman", "chairwoman", "chair", "director", "judge", "justice", "general", "gen",
          "col", "captain", "sheikh", "imam", "rabbi", "father", "king", "queen", "prince",
          "princess", "pope", "chief", "ceo", "professor", "ambassador", "commissioner",
          "speaker", "leader", "head", "spokesman", "spokeswoman", "spokesperson"}
LEFT_DEPS = {"compound", "amod", "nmod", "npadvmod", "advmod", "punct", "nummod", "hyph",
             "quantmod", "cc", "conj", "prep", "pobj", "poss", "case"}
MAX_TOKENS = 30
QUANTIFIERS = {"only", "most", "many", "few", "several", "some", "all", "both", "each",
               "other", "more", "fewer", "two", "three"}
QUOTED_BEFORE = re.compile(r"([\"“‘'])([^\"“”‘’'\n]{1,40})[\"”’'][ \t]+$")
PARTY_STATE = re.compile(r"^[RDI]\s*-\s*[A-Z][A-Za-z.]*\.?$|^[A-Z][a-z]?\.(?:[A-Z]\.)?$")


def _span_chars(doc: Any, start: int, end: int) -> tuple[int, int] | None:
    """Character bounds of tokens [start, end) with edge punctuation (but not quote marks
    that pair inside) stripped."""
    while start < end and doc[start].is_punct and doc[start].text not in QUOTE_CHARS:
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        if doc[end - 1].text in QUOTE_CHARS and _count_quotes(doc, start, end) % 2 == 0:
            break
        end -= 1
    if _count_quotes(doc, start, end) % 2 == 1 and end < len(doc) and doc[end].text in QUOTE_CHARS:
        end += 1
    if end <= start or end - start > MAX_TOKENS:
        return None
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


def _count_quotes(doc: Any, start: int, end: int) -> int:
    return sum(1 for k in range(start, end) if doc[k].text in QUOTE_CHARS)


def _subtree(tok: Any) -> tuple[int, int]:
    return tok.left_edge.i, tok.right_edge.i + 1


def _left_modifiers(doc: Any, ts: int, te: int) -> int:
    """Index of the leftmost token that modifies the name inside its noun phrase."""
    k = ts - 1
    left = ts
    while k >= 0 and ts - k <= 12:
        t = doc[k]
        if t.dep_ in ("det", "predet") or t.text in (",", ";", ":", "(", ")", "—", "–"):
            break
        if t.is_space:
            break
        # or a title opening a line that the parse cut off ("\n\nPresident Roe’s order …")
        in_phrase = k < t.head.i < te and t.dep_ in LEFT_DEPS or k == ts - 1 and t.text[:1].isupper() \
            and t.lower_.strip(".") in TITLES and (k == 0 or doc[k - 1].is_space)
        if not in_phrase and not (t.text in QUOTE_CHARS and k + 1 < ts):
            break
        if t.dep_ == "poss" or t.tag_ == "POS":
            break
        left = k
        k -= 1
    while left < ts and (doc[left].is_punct and doc[left].text not in QUOTE_CHARS):
        left += 1
    return left


def _title_before(doc: Any, ts: int) -> int:
    """Start of a capitalised title with a joining word right before a name, which the parse
    hangs apart ("Secretary of State Ann Roe", "Russian Ambassador to the United Nations Ivan
    Petrov"); ``ts`` when there is none. No other person is crossed ("President Osk and
    Secretary of State Ann Roe" gives only "Secretary of State")."""
    k, start, joined, named = ts - 1, ts, False, 0
    while k >= 0 and ts - k <= 10:
        t = doc[k]
        if t.lower_ in ("of", "to", "for", "the", "on"):
            if k == ts - 1:
                break  # ("The Mayor Of Tarn To Ann Roe": no title ends in a joining word)
            joined = joined or t.lower_ != "the"
        elif not (t.text[:1].isupper() and t.text.replace(".", "").isalpha()) or t.ent_type_ == "PERSON" \
                or t.tag_.startswith("VB"):
            break
        elif t.lower_.strip(".") in TITLES and named <= 3:  # (not a headline: "Mayor Tips Off Velm Group to Tarn")
            start = k
        else:
            named += 1
        k -= 1
    if not joined or start == ts:
        return ts
    while start > 0 and (doc[start - 1].dep_ == "amod" or doc[start - 1].dep_ in ("compound", "nmod") and doc[
            start - 1].text[:1].isupper() and doc[start - 1].ent_type_ in ("", "GPE", "NORP")) \
            and start <= doc[start - 1].head.i < ts:
        start -= 1  # "Russian Ambassador …", "US Secretary …", not "told Al Jazeera Secretary …"
    return start


def _kind_of_left(doc: Any, left: int, ts: int) -> str:
    toks = [doc[k] for k in range(left, ts)]
    if any(t.text in QUOTE_CHARS for t in toks) and _count_quotes(doc, left, ts) >= 2:
        return "scare_quoted"
    last = [t for t in toks if t.text[:1].isalpha()]
    if last and (last[-1].text[:1].isupper() or last[-1].lower_.strip(".") in TITLES):
        return "title"
    return "premodifier"


POSSESSIVE_PRONOUNS = {"its": ("ORG", "NORP", "GPE"), "their": ("ORG", "NORP", "GPE", "PERSON"),
                       "his": ("PERSON",), "her": ("PERSON",)}
# adjectives that label whoever they are attached to (through "their", "its" …); a neutral
# one ("their long history") is not a label
LOADED = frozenset("""
extremist extremists radical radicalised radicalized terrorist terror hardline hard-line
militant violent hateful hate-filled controversial notorious disgraced corrupt fringe
far-right far-left racist bigoted antisemitic anti-semitic islamist jihadist criminal shady
dubious discredited infamous murky sinister dangerous toxic divisive inflammatory shadowy
secretive questionable problematic troubling chequered checkered sordid vile despicable
disgraceful shameful incompetent reckless extreme fanatical rogue thuggish brutal murderous
genocidal so-called self-styled self-proclaimed self-appointed self-described alleged
bogus sham fake fraudulent deceitful dishonest sectarian subversive seditious
""".split())
POSSESSIVE_WINDOW = 1500   # characters back to the entity a possessive pronoun stands for


def find_possessive_labels(doc: Any) -> list[tuple[int, int, str]]:
    """Loaded labels reached through a possessive pronoun, as (start char, end char, the
    pronoun) for the caller to resolve: "their extremist history" -> (…, "their")."""
    out = []
    for tok in doc:
        if tok.dep_ != "poss" or tok.lower_ not in POSSESSIVE_PRONOUNS:
            continue
        head = tok.head
        if head.i <= tok.i or head.i - tok.i > 6:
            continue
        text = doc_text(doc)
        between = text[tok.idx + len(tok):head.idx].lower().replace(",", " ").split()
        if not any(w.strip("'’\"“”") in LOADED for w in between):
            continue
        start = tok.idx
        end = head.idx + len(head)
        out.append((start, end, tok.lower_))
    return out


# what only someone left unnamed is: "X, a guard who asked for anonymity, said": the guard
# is not X (a parse that hung the guard on X as an apposition)
UNNAMED_RE = re.compile(r"\banonymity\b|\banonymously\b|\bnot (?:to )?be (?:named|identified)\b", re.IGNORECASE)


def _unnamed(appos: Any) -> bool:
    """Whether an apposition after a name says its person is left unnamed."""
    return bool(UNNAMED_RE.search(appos.doc[appos.left_edge.i:appos.right_edge.i + 1].text))


def _quoted_label(inner: str) -> bool:
    """Whether quoted words right before a name are a label ("the Hammer,"), not the end of
    a quote ("“slander.” Roe notes", "“… against the law,” Roe said")."""
    ends = inner[-1:]
    return sum(ch.isalpha() for ch in inner) >= 2 and ends not in ".!?;:" and \
        not (ends == "," and len(inner.split()) >= 4)


def find_descriptors(doc: Any, ts: int, te: int, person: bool = False) -> list[tuple[int, int, str]]:
    """Descriptors of the mention at tokens [ts, te): (start char, end char, kind); a
    ``person``'s title may hold a joining word ("Secretary of State Ann Roe")."""
    out: list[tuple[int, int, str]] = []
    text = doc_text(doc)
    root = doc[ts:te].root

    def add(a: int, b: int, kind: str) -> None:
        # before a name, quantifiers and determiners are not labels: "only two", "most";
        # "so-called", "self-styled" are ("so" is an adverb to the tagger)
        while kind in ("premodifier", "title") and a < b and not (
            a + 2 < b and doc[a + 1].text == "-" and doc[a].lower_ in ("so", "self")
        ) and (
            doc[a].tag_ in ("CD", "DT", "PDT", "RB", "JJS", "JJR", "WP$", "PRP$")
            or doc[a].lower_ in QUANTIFIERS
            or (doc[a].text in QUOTE_CHARS and _count_quotes(doc, a, b) % 2 == 1)
        ):
            a += 1
        if not any(doc[k].tag_[:2] in ("NN", "JJ", "VB") for k in range(a, b)):
            return  # "himself", "all": no word that labels
        span = _span_chars(doc, a, b)
        if span is None or span[1] <= span[0]:
            return
        label = text[span[0]:span[1]]
        if sum(ch.isalpha() for ch in label) < 2 or PARTY_STATE.match(label):
            return  # "R", "R-Tenn.", "D-N.J.": party and state tags, not labels
        out.append((span[0], span[1], kind))

    # titles, premodifiers, scare-quoted labels: left inside the noun phrase
    left = _left_modifiers(doc, ts, te)
    if person:
        left = min(left, _title_before(doc, ts))
    if left < ts:
        add(left, ts, _kind_of_left(doc, left, ts))
    else:
        # a quoted label right before the name, which the parse (of a headline, say) did not
        # put in its phrase: "'Rights Group' Cage defends …", 'Known as "the Hammer," Roe …' (not
        # the end of a quote before a name: "called it “slander.” Roe notes …")
        m = QUOTED_BEFORE.search(text, max(0, doc[ts].idx - 60), doc[ts].idx)
        if m and _quoted_label(m.group(2)):
            out.append((m.start(), m.start() + len(m.group(0).rstrip()), "scare_quoted"))
    # the name is a compound/appos of a head noun to its left: "the controversial group, CAGE"
    head = root.head
    if root.dep_ in ("appos",) and head.i < ts and not head.ent_type_:
        a = head.left_edge.i
        while a <= head.i and doc[a].dep_ in ("det", "predet"):
            a += 1
        b = head.i + 1
        if a < b:
            glued = b == ts  # "the controversial group CAGE": no comma, a modifier
            add(a, b, _kind_of_left(doc, a, b) if glued else "appositive")
    # appositives: "X, the former head of …"
    for child in root.children:
        if child.dep_ == "appos" and child.i >= te and not _unnamed(child):
            a, b = _subtree(child)
            add(a, b, "appositive")
    # copular: "X is a …"
    if root.dep_ in ("nsubj", "nsubjpass") and head.lower_ in BE:
        for child in head.children:
            if child.dep_ in ("attr", "acomp") and child.i > root.i:
                a, b = _subtree(child)
                add(a, b, "copular")
    # "described X as …", "called X a …", passive "X was described as …"
    if head.lower_ in DESCRIBE and root.dep_ in ("dobj", "nsubjpass", "nsubj") and (
        root.dep_ != "nsubj" or head.tag_ == "VBN"
    ):
        for child in head.children:
            if child.i <= root.i:
                continue
            if child.dep_ == "prep" and child.lower_ == "as":
                objs = [c for c in child.children if c.dep_ in ("pobj", "pcomp", "amod", "acomp")]
                if objs:
                    a, b = objs[0].left_edge.i, objs[-1].right_edge.i + 1
                    add(a, b, "described_as")
            elif child.dep_ in ("oprd", "xcomp", "attr") or (
                child.dep_ in ("dobj", "ccomp") and root.dep_ == "dobj"
            ):
                a, b = _subtree(child)
                add(a, b, "described_as")
    return out
