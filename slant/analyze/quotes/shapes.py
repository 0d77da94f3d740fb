"""News shapes of attribution the dependency patterns need told apart: "As X noted, …"
reports the clause the as-phrase hangs on; "according to X, …"
reports the rest of its sentence, and a reported clause the parse hung on a verb of saying
as an adverbial one is still what was said."""

from __future__ import annotations

from typing import Any

from slant.analyze.parse import doc_text
from slant.analyze.quotes.addressees import SAID_TO, pointed_out
from slant.analyze.quotes.candidates import Attribution, bracketed, char_bounds
from slant.analyze.quotes.cues import SPEECH, SPEECH_ACTS
from slant.analyze.quotes.marks import OPEN_DOUBLE
from slant.analyze.quotes.words import CONFORMITY, people_noun

SUBJ = ("nsubj", "nsubjpass", "csubj")


def self_styled(tok: Any) -> bool:
    """"the self-described “grassroots” coalition", "a self-styled watchdog": the narrator's
    label for how someone presents themselves, an adjective, not a report of their words."""
    doc = tok.doc
    return tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ == "self"


CLOSING = {"”", "’", '"', "'", "''", "»"}
OPENING = {*OPEN_DOUBLE, "‘", '"', "'", "``"}


def quoted_before(doc: Any, tok: Any, comps: list[Any]) -> Any | None:
    """Of several clauses a verb of saying reports, the one in quote marks that ends right
    before it ("‘…,’ said X"): a later clause the parse hung on it is someone else's."""
    subject = {t.i for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i for t in c.subtree}
    for c in comps:
        between = doc[c.right_edge.i + 1: tok.i]
        if c.i < tok.i and len(comps) > 1 and any(t.text in CLOSING for t in between) and \
                all(t.text in CLOSING or t.text == "," or t.i in subject for t in between):
            return c  # "“…,” she said, as many rose": the quote, not the "as" clause
    return None


def name_after(doc: Any, tok: Any, content: tuple[int, int]) -> Any | None:
    """The name right after an inverted verb of saying whose words came before it ("…,’ said
    Ann Roe, the teacher who …"), when the parse made it the subject of a later clause."""
    if tok.i + 1 >= len(doc) or content[1] > tok.idx:
        return None
    nxt = doc[tok.i + 1]
    if nxt.ent_iob_ != "B" or nxt.ent_type_ not in ("PERSON", "ORG"):
        return None
    ent = next((e for e in doc.ents if e.start == nxt.i), None)
    return ent[-1] if ent is not None else None


def said_then(v: Any) -> Any | None:
    """The verb of saying a second one goes with, when the parse hung it in the first one's
    clause: "X said that the virus had spread and added that …" (X added it, not the virus)."""
    head = v.head
    if v.lower_ not in SPEECH or head.lower_ in SPEECH or head.dep_ != "ccomp" or \
            head.head.i == head.i or head.head.lower_ not in SPEECH:
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "mark", "aux") for c in v.children):
        return None  # "… and that the footage did not show …", "… and would say": still the content
    return head.head


def sibling_subject(v: Any) -> Any | None:
    """For an -ing clause on a verb whose subject is an empty "it" or "there" ("It was a
    punch, as Roe echoed it, saying …"), the named subject of the clause before it."""
    head = v.head
    if v.tag_ != "VBG" or not any(c.dep_ in ("nsubj", "expl") and c.lower_ in ("it", "there")
                                  for c in head.children):
        return None
    for c in sorted((c for c in head.children if c.dep_ == "advcl" and c.i < v.i), key=lambda c: -c.i):
        subj = next((g for g in c.children if g.dep_ == "nsubj"), None)
        if subj is not None and subj.ent_type_ in ("PERSON", "ORG", "NORP"):
            return subj
    return None


def stray_participle(v: Any) -> Any | None:
    """The participle of saying an -ing verb really goes on from when the parse hung it on
    the reported clause ("saying the landlords “should pay more” and praising X": praising
    goes on from "saying", not from "pay")."""
    head = v.head
    if v.tag_ == "VBG" and head.tag_ != "VBG" and head.dep_ in ("ccomp", "xcomp") and \
            head.head.tag_ == "VBG" and head.head.lower_ in SPEECH_ACTS and \
            any(c.dep_ in ("dobj", "ccomp") for c in v.children):
        return head.head
    return None


def inverted_conj(doc: Any, tok: Any) -> bool:
    """"…, but it is under pressure, said the company's chief executive, Ann Roe.": a verb
    of saying after a comma, its subject after it, that the parse joined to the sentence
    as a second verb; it reports the sentence before it, like "…, X said"."""
    return tok.dep_ == "conj" and tok.lower_ in SPEECH and tok.i > 0 and doc[tok.i - 1].text == "," \
        and any(c.dep_ == "nsubj" and c.i > tok.i for c in tok.children) \
        and not any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in tok.children)


def clause_end(doc: Any, clause: Any, cue: Any) -> int:
    """The token after the clause ``cue`` reports, which stops before a second verb of
    saying hung in it ("said that A and added that B": A is said here, B by "added")."""
    then = next((k for k in clause.children if k.dep_ == "conj" and (
        getattr(said_then(k), "i", -1) == cue.i or getattr(stray_participle(k), "i", -1) == cue.i)), None)
    if then is None:
        return _base_form_tail(doc, cue, int(clause.right_edge.i) + 1)
    end = then.left_edge.i
    while end > clause.left_edge.i and doc[end - 1].dep_ in ("cc", "punct"):
        end -= 1
    return int(end)


def _base_form_tail(doc: Any, cue: Any, end: int) -> int:
    """``end``, or past a base-form verb the parse hung on the cue right after the clause
    ("said funds are needed to repair the pier, train the crews and widen the channel": no
    past-tense narration goes on in a base form, so the words are still reported)."""
    for c in cue.children:
        if c.dep_ in ("advcl", "conj") and c.tag_ == "VB" and c.lower_ not in SPEECH_ACTS and \
                c.left_edge.i >= end and all(t.is_punct or t.dep_ == "cc" for t in doc[end:c.left_edge.i]) \
                and not any(t.text in (";", ":", "—") for t in doc[end:c.left_edge.i]):
            end = c.right_edge.i + 1
            while end > c.i + 1 and doc[end - 1].is_punct:
                end -= 1
    while end > cue.i + 2 and (doc[end - 1].dep_ == "cc" or doc[end - 1].text == ","):
        end -= 1  # "saying the plan “would fail” and praising …": not the "and"
    return end


def as_clause_tokens(tok: Any) -> tuple[int, int] | None:
    """"As the paper noted, X raised …": the cue hangs on the clause it reports through
    "as"; that clause, without the "as" phrase, is the content (token bounds). The
    reported clause needs a verb with a subject, so "the mine, as she said, …" hung on a
    noun is left alone."""
    if tok.dep_ != "advcl" or tok.head.i == tok.i or tok.lower_ not in SPEECH_ACTS or \
            any(c.dep_ in ("dobj", "ccomp") for c in tok.children):
        return None  # "as we suspected, …" is a belief
    if not any(c.dep_ == "mark" and c.lower_ == "as" and c.i < tok.i for c in tok.children):
        return None
    # "as he noted (earlier, in a memo)", "as she points out" and no more: "as he joked with his brother, …" is
    # a time; the clause reported has a subject of its own
    if any(c.i > tok.i and not (c.dep_ in ("punct", "advmod", "npadvmod", "agent", "prt") or
                                (c.dep_ == "prep" and (c.lower_ in ("in", "on", "at")
                                                        or c.lower_ == "to" and (tok.lower_ in SAID_TO or pointed_out(tok)))))
           for c in tok.children):
        return None
    head = tok.head
    if not head.tag_.startswith("VB") or not any(c.dep_ in SUBJ for c in head.children) or \
            any(c.dep_ == "ccomp" for c in head.children):
        return None  # "as we noted, X has tweeted that …": X's cue reports the words
    a, b = head.left_edge.i, head.right_edge.i + 1
    pa, pb = tok.left_edge.i, tok.right_edge.i + 1
    left, right = (a, pa), (pb, b)
    part = left if left[1] - left[0] > right[1] - right[0] else right
    if part[1] - part[0] < 3:
        return None
    return part


RECORDINGS = {"video", "videos", "clip", "footage", "recording", "tape", "audio", "film", "interview"}


def recorded(v: Any) -> Any | None:
    """"a video taken at the Institute of Judge Ann Roe explaining …": the person named right
    before a participle the parse hung on the recording, not the recording."""
    doc = v.doc
    if v.head.lower_ not in RECORDINGS or v.i == 0:
        return None
    name = doc[v.i - 1]
    return name if name.ent_type_ == "PERSON" and name.dep_ == "pobj" and name.head.lower_ == "of" else None


def according_to(doc: Any, tok: Any) -> Attribution | None:
    """"according to X, …": the sentence without the phrase (the larger side), sturdier than
    the head's subtree when the parse attaches the phrase too low."""
    to = doc[tok.i + 1]
    objs = [c for c in to.children if c.dep_ == "pobj"]
    if objs and objs[0].lower_ in CONFORMITY and not any(  # ("according to guidelines from the CDC" cites it)
            c.dep_ == "acl" or c.dep_ == "prep" and c.lower_ in ("from", "by") for c in objs[0].children):
        return None  # "live according to the spirit of their Institute": in keeping with, no one says
    if tok.head.i == tok.i:
        return _according_root(doc, tok, objs)
    sent, pa, pb = tok.sent, tok.left_edge.i, max(tok.right_edge.i, to.right_edge.i) + 1
    if objs and objs[0].lower_ in ("which", "whom") and objs[0].i + 3 < sent.end:
        # "a report, according to which the dam is unsafe, was shelved": the clause after it,
        # to its verb's last word, in the words of the noun before it ("rules of the game": the rules)
        k = tok.i - 1 - (doc[tok.i - 1].text == ",")
        ante = doc[k] if k >= sent.start and doc[k].tag_.startswith("NN") else None
        while ante is not None and ante.dep_ == "pobj" and ante.head.head.tag_.startswith("NN"):
            ante = ante.head.head
        verb = next((c for c in (*tok.children, *to.children) if c.dep_ == "pcomp" and c.i > objs[0].i), None)
        end = verb.right_edge.i + 1 if verb is not None else sent.end
        return Attribution(cue=(tok.i, tok.i + 2), content=char_bounds(doc, objs[0].i + 1, end),
                           speaker=ante, pattern="according")
    # "The professor, according to the News, failed her because …" with the rest of the
    # sentence hung on the news: the phrase ends at the comma after its object
    if objs and tok.i > sent.start and doc[tok.i - 1].text == ",":
        for c in (t.i for t in doc[objs[0].i + 1:pb] if t.text == ","):
            nxt = doc[c + 1] if c + 1 < len(doc) else None
            # not "according to Roe, a former aide, …" nor "…, who asked …": those are Roe's
            if nxt is not None and (nxt.tag_.startswith("VB") or not any(
                    t.i == objs[0].i for t in nxt.ancestors)):
                pb = c + 1
                break
    (s0, s1), who = bracketed(doc, tok.i, sent.start, sent.end), doc[max(pa - 2, 0)].lower_ in ("who", "which")
    left, right = (s0, pa), (pb, s1)  # (inside brackets; "the demigod who, according to legend, set …": after)
    goes_on = any(t.dep_ == "cc" for t in doc[pb:pb + 2])  # "…, according to X, and the …"
    # "… is out and, according to X, it will take months": the phrase opens the next clause
    opens = any(t.dep_ == "cc" for t in doc[max(pa - 2, s0):pa]) and not _no_clause(doc, *right)
    part = left if not who and not opens and (left[1] - left[0] > right[1] - right[0] or tok.i > sent.start and (
        goes_on or _no_clause(doc, *right) and not _no_clause(doc, *left))) else right
    if part[1] <= part[0]:
        return None
    return Attribution(cue=(tok.i, tok.i + 2), content=char_bounds(doc, *part),
                       speaker=objs[0] if objs else None, pattern="according")


def _no_clause(doc: Any, a: int, b: int) -> bool:
    """Whether tokens [a, b) hold no clause of their own: what follows "…, according to X"
    is then more of the writer's sentence ("…, taking a step toward …", "last week -
    virtually the same as …"), not the words."""
    tops = [t for t in doc[a:b] if not a <= t.head.i < b or t.head.i == t.i]
    return not any(t.tag_.startswith(("VB", "MD")) and any(
        c.dep_ in ("nsubj", "nsubjpass", "expl") for c in t.children) for t in tops)


def _according_root(doc: Any, tok: Any, objs: list[Any]) -> Attribution | None:
    """"According to X, the plan reeks of …" parsed with "According" as the root and the
    clause hung under X (a verb taken for a noun): the words after the comma that closes
    the phrase, when the phrase opens the sentence."""
    sent = tok.sent
    if tok.i != sent.start:
        return None
    comma = next((t.i for t in doc[tok.i + 2: min(sent.end, tok.i + 16)] if t.text == ","), None)
    if comma is None or comma == tok.i + 2 or sent.end - comma < 4:
        return None
    content = char_bounds(doc, comma + 1, sent.end)
    if content[1] <= content[0]:
        return None
    speaker = objs[0] if objs and objs[0].i < comma else None
    return Attribution(cue=(tok.i, tok.i + 2), content=content, speaker=speaker, pattern="according")


def asked_if(tok: Any) -> tuple[int, int] | None:
    """"asked the students if they were …": the question, which the parse hangs on "asked"
    as a condition (whether-questions it takes as the object clause already); from "if" on,
    the tokens [start, end) or None."""
    if tok.lower_ not in ("ask", "asks", "asked", "asking"):
        return None
    # only whom they asked may come between ("asked for a lawyer if …" is a condition)
    between = {t.i for c in tok.children if c.dep_ == "dobj" for t in c.subtree}
    for c in tok.children:
        mark = next((g for g in c.children if g.dep_ == "mark" and g.lower_ == "if"), None)
        if c.dep_ == "advcl" and c.i > tok.i and mark is not None and \
                all(k in between for k in range(tok.i + 1, mark.i)):
            return mark.i, c.right_edge.i + 1
    return None


def reported_advcl(tok: Any) -> tuple[int, int] | None:
    """"X said after the meeting she would …": the reported clause the parse hung on a verb
    of saying as an adverbial one (a prepositional phrase came between), from its subject
    on. Only a clause after the verb, with its own subject, no subordinator ("because",
    "if", "when") and no comma before it; the tokens [start, end) or None."""
    objects = ("ccomp",) if tok.lower_ in ("tell", "tells", "told", "telling") else ("dobj", "ccomp")
    if tok.lower_ not in SPEECH_ACTS or any(c.dep_ in objects for c in tok.children):
        return None
    for c in tok.children:
        if c.dep_ != "advcl" or c.i < tok.i or not c.tag_.startswith(("VB", "MD")):
            continue
        subj = next((g for g in c.children if g.dep_ in ("nsubj", "nsubjpass") and g.i < c.i), None)
        if subj is None or any(g.dep_ == "mark" or g.tag_ in ("WRB", "WDT", "WP") for g in c.children):
            continue
        if any(t.text in ",;:" for t in tok.doc[tok.i + 1: subj.left_edge.i]):
            continue
        return subj.left_edge.i, c.right_edge.i + 1
    return None


# what one says a that-clause in ("said in a statement that …"; not "testified in a case that
# the city lost", a relative clause, nor "asked about Roe's claim that …", someone else's)
MEDIA = {"statement", "interview", "letter", "briefing", "speech", "post", "tweet", "email", "memo", "filing",
         "release", "video", "column", "conference", "message", "note", "appearance", "address", "testimony",
         "remarks", "broadcast", "podcast", "essay", "article", "editorial", "op-ed", "blog", "book", "sermon"}


def that_in_phrase(tok: Any) -> tuple[int, int] | None:
    """"X said Friday in a statement that the talks had failed": the that-clause the parse
    hung on the statement; the tokens [start, end) or None. Only a clause opened by "that"
    as a conjunction with a subject of its own ("a statement that angered many" is none)."""
    if tok.lower_ not in SPEECH_ACTS or tok.lower_.startswith("point") or any(c.dep_ in ("dobj", "ccomp") for c in tok.children):
        return None
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.i > tok.i and c.lower_ not in ("about", "of", "on")):
        for obj in (g for g in prep.children if g.dep_ == "pobj" and (g.lower_ in MEDIA or people_noun(g))
                    and not any(c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ in ("from", "by") for c in g.children)):
            for c in obj.children:
                mark = c.left_edge
                if c.dep_ in ("acl", "relcl") and c.i > obj.i and mark.lower_ == "that" and mark.dep_ == "mark" \
                        and any(g.dep_ in ("nsubj", "nsubjpass") and g.i > mark.i for g in c.children):
                    return mark.i, c.right_edge.i + 1
    return None


def after_lead(doc: Any, content: tuple[int, int], tok: Any) -> tuple[int, int]:
    """"The mayor was blunt: “We will not pay,” she said.": the words before the verb start at
    the quote mark after a colon; the narrator's lead-in before it is not what was said."""
    cs, ce = content
    if ce > tok.idx:
        return content
    text = doc_text(doc)
    k = text.find(":", cs, ce)
    while k >= 0:
        rest = text[k + 1:ce].lstrip()
        if rest[:1] in "“\"‘'«":
            return ce - len(rest), ce
        k = text.find(":", k + 1, ce)
    return content


# "X is said to …", "X was announced to be …"
HEARSAY = {"said", "reported", "alleged", "rumored", "rumoured", "claimed", "announced", "declared", "confirmed"}


def said_of(v: Any) -> bool:
    """"X is said to favour …", "X is reported to have …": hearsay about X, not X's words."""
    return v.lower_ in HEARSAY and any(
        c.dep_ == "xcomp" and any(a.tag_ == "TO" for a in c.children) for c in v.children)


def finite_misparse(v: Any) -> bool:
    """"a man yelled …" or "Roe, a Scott ally, called the plan “…”" parsed as a noun with a
    reduced relative: a past tense can be no such thing, nor a participle with an object
    after an apposition on a noun that is the sentence's root (it has no other verb)."""
    head = v.head
    if head.dep_ == "appos" and v.tag_ == "VBN" and head.head.dep_ == "ROOT" and head.head.i < head.i < v.i:
        head = head.head  # "Roe, a Scott ally, called …" with the verb hung on the ally
    if head.dep_ not in ("ROOT", "nsubj") or said_of(v):
        return False  # "excusing a council often blamed for …", "X, …, reported
        # to have screamed": a passive after all
    if v.tag_ == "VBD":
        return True
    return v.tag_ == "VBN" and head.dep_ == "ROOT" and not any(
        c.dep_ == "agent" for c in v.children) and any(
        c.dep_ in ("dobj", "ccomp", "oprd") for c in v.children) and any(
        c.dep_ == "appos" and head.i < c.i < v.i for c in head.children)


def verb_read_as_noun(tok: Any) -> Any | None:
    """The name before a verb of saying the parse took for a plural noun at the root of its
    sentence, with the reported clause hung on it ("Roe claims he's worth $10 billion",
    "Roe" a compound of "claims"): the verb's subject, or None."""
    if tok.tag_ != "NNS" or tok.dep_ != "ROOT" or tok.i == 0 or \
            not any(c.dep_ == "ccomp" and c.i > tok.i for c in tok.children):
        return None
    before = tok.doc[tok.i - 1]
    if before.head.i != tok.i or before.dep_ != "compound" or before.tag_ not in ("NNP", "NN") or \
            before.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP"):
        return None
    return before


def before_next_speaker(doc: Any, content: tuple[int, int]) -> tuple[int, int]:
    """``content`` (characters), or the part before another speaker's quote begins inside it:
    "shouted, “Vale,” Roe joked, …, “Amen!”" ends after “Vale,”; "…,” explaining, “because
    …”" before the participle, whose own quote it is."""
    span = doc.char_span(content[0], content[1], alignment_mode="expand")
    if span is None:
        return content
    start, end = span.start, span.end
    for k in range(start + 1, end - 3):
        tok, nxt = doc[k], doc[k + 1]
        if tok.text == "," and nxt.lower_ == "according" and doc[k + 2].lower_ == "to" and k > start \
                and all(t.is_punct for t in doc[max(nxt.right_edge.i, doc[k + 2].right_edge.i) + 1:end]) \
                and not any(g.lower_ in CONFORMITY for g in doc[k + 2].children):  # (not "according to plan")
            return content[0], _end_char(doc, k, content[0])  # ("said X, according to the News": the News relays it)
        if tok.text in (",", *CLOSING) and nxt.tag_ == "VBG" and nxt.lower_ in SPEECH_ACTS \
                and doc[k + 2].text in (",", ":") and doc[k + 3].text in OPENING:
            cut = k + 1 if tok.text in CLOSING else k
            return content[0], _end_char(doc, cut, content[0])
        if tok.text in CLOSING and tok.text not in ("’", "'"):  # not "Teachers’ Union said"
            j = k + 1 + (nxt.text == ",")
            names = j
            while names < end and doc[names].tag_ in ("NNP", "NNPS") and names - j < 4:
                names += 1
            if j < names < end and doc[names].tag_.startswith("VB") and doc[names].lower_ in SPEECH_ACTS:
                return content[0], _end_char(doc, k + 1, content[0])
    return content


def _end_char(doc: Any, end: int, floor: int) -> int:
    """The character after token ``end - 1``, past no trailing comma."""
    while end > 0 and doc[end - 1].text == ",":
        end -= 1
    last = doc[end - 1]
    return max(floor, last.idx + len(last.text))
