"""Where the words of a verb of saying lie when the parse did not hang them on it as a
clause: on either side of a cue set inside them ("…, X said, …"), before a cue the parse
took for an adverbial clause ("…, she said."), after "called for" ("X called for Y to
resign", which the parse reads as a purpose clause); and where they end when the parse hung
more on the cue than was said (a main clause after a fronted "When …", a second speaker's
report or the writer's contrast)."""

from __future__ import annotations

from typing import Any

from slant.analyze.quotes.addressees import AUDIENCES, TELLING
from slant.analyze.quotes.agreement import of_relative
from slant.analyze.quotes.cues import SPEECH_ACTS
from slant.analyze.quotes.senses import CALL_FORMS
from slant.analyze.quotes.shapes import CLOSING, OPENING
from slant.analyze.quotes.words import PREVENTING, people_noun


def paratactic_content(doc: Any, tok: Any) -> tuple[int, int] | None:
    """The words of a verb of saying set inside or after them ("…, X said, …"): both sides,
    the cue inside them, where neither holds quote marks (a quote is one span); else the
    longer side; never a participle after the cue ("Sales were great, he said, smiling …":
    he smiled, he said the sales were great). A cue the parse hung as an
    adverbial clause of the sentence it closes ("…, she said.") reports the sentence up to
    the comma before its subject."""
    if tok.dep_ == "advcl":
        return _trailing(doc, tok) if tok.head.i < tok.i else None
    head = tok.head
    if head.dep_ in ("nsubj", "nsubjpass") and head.head.i > tok.i:
        head = head.head  # "Morality, Roe explained, is rooted in …": hung on the subject, its clause
    a, b = head.left_edge.i, head.right_edge.i + 1
    pa, pb = tok.left_edge.i, tok.right_edge.i + 1
    k = pb
    while k < b and doc[k].is_punct:
        k += 1
    participle = k < b and doc[k].tag_ == "VBG" and doc[k].head.i in (head.i, tok.i) and \
        doc[k].dep_ in ("advcl", "xcomp", "conj") and pa > a
    left, right = (a, pa), (pb, b)
    # "…, Yore noted, and yet the Pope …": the writer goes on against the words ("…, he
    # said, and bishops can only …" is more of them)
    goes_on = k < b and doc[k].dep_ == "cc" and (doc[k].lower_ in ("but", "yet") or (
        k + 1 < b and doc[k + 1].lower_ in ("yet", "still")))
    if not participle and not goes_on and _words(doc, left) and _words(doc, right) and \
            not any(t.is_quote for t in doc[a:b]):
        return a, b  # "The plan, she said, is dead.": both sides, the cue set inside them
    part = left if participle or left[1] - left[0] >= right[1] - right[0] else right
    return part if part[1] > part[0] else None


def _words(doc: Any, part: tuple[int, int]) -> bool:
    return any(not t.is_punct for t in doc[part[0]:part[1]])


def _trailing(doc: Any, tok: Any) -> tuple[int, int] | None:
    subj = [c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i]
    if not subj or any(c.i > tok.i and not c.is_punct for c in tok.children):
        return None
    first = subj[-1].left_edge.i
    start = tok.sent.start
    if doc[first - 1].text != "," or any(c.i < first and c.dep_ == "mark" and c.i > start
                                         and doc[c.i - 1].text == "," for c in tok.children):
        return None
    if any(not t.is_punct for t in doc[tok.i + 1:tok.sent.end]) or first - 1 - start < 4 or \
            any(t.text in OPENING or t.text in CLOSING for t in doc[start:first]):
        return None
    return start, first - 1


def called_for(tok: Any) -> tuple[int, int] | None:
    """"X called for Y to resign": what was demanded, the clause after "for" the parse hung
    on the verb as an adverbial one, from its subject on; the tokens [start, end) or None.
    "called for help" (no clause) is left to the learned patterns."""
    if tok.lower_ not in CALL_FORMS or not tok.tag_.startswith("VB"):
        return None
    for c in tok.children:
        if c.dep_ != "advcl" or c.i < tok.i:
            continue
        marks = [g for g in c.children if g.dep_ == "mark"]
        subj = next((g for g in c.children if g.dep_ in ("nsubj", "nsubjpass") and g.i < c.i), None)
        if subj is not None and len(marks) == 1 and marks[0].lower_ == "for" and marks[0].i == tok.i + 1 \
                and any(g.tag_ == "TO" for g in c.children):
            return subj.left_edge.i, c.right_edge.i + 1
    return None


SUBORDINATORS = {"when", "after", "as", "once", "while", "because", "although", "though", "since",
                 "before", "if", "until"}


def fronted_end(doc: Any, cue: Any, start: int, end: int) -> int:
    """The end of the words a cue reports when the cue opens its sentence in a subordinate
    clause ("When X told the hall how much she admired Y, several of us began …"): the parse may
    hang the main clause inside the reported one, so the words stop at the first comma that
    has a finite clause on both sides."""
    sent = cue.sent
    first = doc[sent.start]
    if first.lower_ not in SUBORDINATORS or first.head.i != cue.i:
        return end
    for k in range(start + 1, end - 1):
        if doc[k].text == "," and _finite(doc[start:k]) and _finite(doc[k + 1:end]):
            return k
    return end


def _finite(span: Any) -> bool:
    return any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
               for t in span)


DASH_MARKS = {"-", "--", "—", "–"}
CONTRAST = {"however", "while", "whereas", "although", "though", "but"}


def first_report(cue: Any, comps: list[Any]) -> Any | None:
    """Of two clauses the parse hung on one verb of saying after it, the first, when the
    second is another speaker's report ("Six in 10 said A, and three-quarters said B") or a
    contrast the writer draws ("47 percent said A, however this time …", "…, while 95
    favored B"): neither is what the first speaker said."""
    after = sorted((c for c in comps if c.i > cue.i), key=lambda c: c.i)
    if len(after) < 2:
        return None
    second = after[1]
    own_subject = any(g.dep_ in ("nsubj", "nsubjpass") for g in second.children)
    contrast = any(g.lower_ in CONTRAST and g.dep_ in ("advmod", "mark", "cc") for g in second.children)
    aside = second.left_edge.text in DASH_MARKS  # "X said A - there are two of them - and …"
    return after[0] if aside or own_subject and (contrast or second.lower_ in SPEECH_ACTS) else None


def after_break(doc: Any, cue: Any, comps: list[Any]) -> Any | None:
    """The clause after a cue that follows a colon or a dash ("… not to trust the media: He
    says outlets undercount …", "X isn't worried — indeed, he said it “steadies” him"),
    when the parse hung what comes before the break on the cue as well: the writer's lead,
    not the words. So too the clause before "…, the majority of whom said …"."""
    after = [c for c in comps if c.i > cue.i]
    relative = any(s.dep_ in ("nsubj", "nsubjpass") and of_relative(s) for s in cue.children)
    lead = [c for c in comps if c.i < cue.i and (relative or any(
        t.text == ":" or t.text in DASH_MARKS for t in doc[c.right_edge.i + 1:cue.i]))]
    return min(after, key=lambda c: c.i) if after and lead else None


def hung_clauses(cue: Any) -> list[Any]:
    """A "that"-clause the parse hung as a relative clause on the last noun of a phrase after
    the cue ("said on Tuesday at a press briefing that she might delay …"): a relative
    clause has no "that" mark, so this one is what the cue reports."""
    out: list[Any] = []
    if cue.lower_ in TELLING:
        # "told a congressional hearing that she knows of …", "informed Mr. Abe that we …":
        # the audience told, then what it was told, read as a relative clause on it
        doc = cue.doc
        for obj in (c for c in cue.children if c.dep_ in ("dobj", "dative") and c.i > cue.i):
            if obj.i + 1 < len(doc) and doc[obj.i + 1].lower_ == "that" and (
                    obj.ent_type_ == "PERSON" or obj.lower_ in AUDIENCES or people_noun(obj)):
                out.extend(c for c in obj.children if c.dep_ == "relcl" and c.i > obj.i + 1 and any(
                    g.dep_ in ("nsubj", "nsubjpass") and g.i > obj.i + 1 for g in c.children))
    for prep in cue.children:
        if prep.dep_ != "prep" or prep.i < cue.i:
            continue
        for obj in prep.children:
            out.extend(c for c in obj.children if c.dep_ == "relcl" and c.i > obj.i and any(
                g.dep_ == "mark" and g.lower_ == "that" and g.i == obj.i + 1 for g in c.children)
                and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children))
    return out


def object_as_subject(v: Any) -> Any | None:
    """"… in 2017 after its staff and their families reported …", parsed with "after" a
    preposition, the people its object and the verb a clause with no subject: the object
    right before the verb is who did it, not the subject of the sentence."""
    if v.dep_ != "advcl" or any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in v.children) or v.i == 0:
        return None
    before = v.doc[v.i - 1]
    obj = before if before.dep_ == "pobj" else before.head if before.dep_ == "conj" else None
    if obj is None or obj.dep_ != "pobj" or obj.head.lower_ not in ("after", "before", "until", "since") \
            or obj.head.head.i != v.head.i or obj.right_edge.i != v.i - 1:
        return None
    return obj


# participles that only go on with one's words ("adding", "noting"): the reporter's, after a
# reported clause that itself says nothing ("X said that Y had …, adding …"); not "telling",
# "insisting" or "saying", which the clause's own subject may do ("X said Y stormed out,
# telling aides …")
GOING_ON = {"adding", "noting", "stating", "remarking", "observing", "concluding", "continuing"}


def reported_by(v: Any) -> Any | None:
    """The verb of saying whose reported clause a participle after a comma hangs in: its
    speaker goes on speaking ("Roe says the state is a 'closed shop', explaining that …": Roe
    explains; "Roe criticized how the agency handled it, accusing it of …": Roe accuses)."""
    k = v.i - 1 - (v.i > 1 and v.doc[v.i - 1].is_quote)  # (",” adding")
    if v.dep_ != "advcl" or v.tag_ != "VBG" or v.i == 0 or v.doc[k].text != ",":
        return None
    head = v.head
    subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
    if head.dep_ in ("ccomp", "advcl") and head.head.lower_ in SPEECH_ACTS and v.lower_ in GOING_ON \
            and head.lower_ not in SPEECH_ACTS and head.head.i < head.i:
        return head.head  # "X said that Y had …, adding …", "X said after Y won, remarking …": X adds
    if head.dep_ != "ccomp" or head.head.lower_ not in SPEECH_ACTS or subj is None:
        return None
    # the clause's subject cannot be the one who goes on: a thing or a place ("it was a
    # mistake", "the state is …"), or a body the participle speaks of ("how the agency handled
    # it, accusing it of …"); a person, people or a body otherwise can ("… that Ann Roe has
    # written to the mayor, urging her …", "Officials said the company issued a statement,
    # denying …")
    thing = subj.lower_ in ("it", "this", "that") or subj.ent_type_ in ("GPE", "LOC")
    spoken_of = any(c.dep_ == "dobj" and c.lower_ in ("it", "them") for c in v.children) \
        and subj.ent_type_ != "PERSON" and not people_noun(subj) and subj.tag_ != "PRP"
    return head.head if thing or spoken_of else None


def finite_conjunct(v: Any) -> Any | None:
    """The finite verb a past or present-tense verb goes on from when the parse joined it to
    an infinitive inside that verb's clause ("Roe ran on her ability to jolt the recovery and
    accused Lee of …": Roe accused, not the ability)."""
    head = v.head
    if v.dep_ != "conj" or v.tag_ not in ("VBD", "VBZ") or head.tag_ != "VB" \
            or any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children) \
            or not any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children):
        return None
    up = head
    while up.head.i != up.i and up.dep_ in ("acl", "xcomp", "pobj", "prep", "dobj", "relcl"):
        up = up.head
        if up.tag_ == v.tag_:  # the same tense: the finite verb it goes on from
            return up
    return None


def kept_from(v: Any) -> Any | None:
    """Whom a verb of preventing kept from the act: "Roe prevented his wife, Ann, from writing
    about it" (the wife would have written; :func:`frames.unreal` says she did not)."""
    prep = v.head
    if v.dep_ != "pcomp" or prep.lower_ != "from" or prep.head.lower_ not in PREVENTING:
        return None
    return next((c for c in prep.head.children if c.dep_ == "dobj" and c.i < prep.i), None)


def eager_to(v: Any) -> Any | None:
    """The verb whose subject is eager, quick or likely to say it ("Roe was quick to point
    out that …", "Lee is likely to stress …"); not an empty "it" ("it is fair to say")."""
    adj = v.head
    if v.dep_ != "xcomp" or adj.dep_ != "acomp" or not (verb := adj.head).tag_.startswith("VB"):
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return verb if subj is not None and subj.lower_ not in ("it", "this", "that", "there") else None
