"""Who a document speaks for: the body or person that wrote, issued or published it.

"a report by X", "X's statement", "a statement from X" name the issuer in the phrase;
"X issued a statement calling …" and "X released a statement. … the statement said" name it
in the clause that brought the document in."""

from __future__ import annotations

from typing import Any

from slant.analyze.quotes.mentions import MentionIndex, last_start
from slant.analyze.quotes.cues import SPEECH_ACTS
from slant.analyze.quotes.words import BODY_NOUNS, DOCUMENTS, GROUP_NOUNS, ORG_NOUNS, sentence_before
from slant.models import Entity

# verbs whose subject issues their object: "X released a statement"
ISSUING = {f"{stem}{end}" for stem, ends in (
    ("issue", ("", "s", "d")), ("issuing", ("",)), ("release", ("", "s", "d")),
    ("releasing", ("",)), ("publish", ("", "es", "ed", "ing")), ("post", ("", "s", "ed", "ing")),
    ("send", ("", "s", "ing")), ("sent", ("",)), ("put", ("", "s", "ting")),
    ("write", ("", "s")), ("wrote", ("",)), ("writing", ("",)), ("written", ("",)),
    ("sign", ("", "s", "ed", "ing")), ("file", ("", "s", "d")), ("filing", ("",)),
    ("deliver", ("", "s", "ed", "ing")), ("commission", ("", "s", "ed", "ing")),
    ("pass", ("", "es", "ed", "ing")), ("adopt", ("", "s", "ed", "ing")),
    ("approve", ("", "s", "d")), ("approving", ("",)), ("unveil", ("", "s", "ed", "ing")),
    ("draft", ("", "s", "ed", "ing")), ("prepare", ("", "s", "d")), ("preparing", ("",)),
    ("leave", ("", "s")), ("leaving", ("",)), ("left", ("",)),
    ("establish", ("", "es", "ed", "ing")), ("introduce", ("", "s", "d")), ("introducing", ("",)),
    ("fire", ("", "s", "d")), ("firing", ("",)), ("shot", ("",)))  # ("fired back a response saying …")
    for end in ends}
# how far back "the statement" looks for the one an issuer brought in (tokens)
LOOKBACK = 250


# verbs of getting hold of a document: who did so did not write it
OBTAINED = {"obtained", "seen", "reviewed", "received", "acquired", "viewed", "examined", "leaked"}


def document_owner(doc: Any, head: Any, index: MentionIndex) -> Entity | None:
    """Who a document speaks for: "a report by X", "a study released by X", "research
    conducted by X", "a statement from X", "a study in X", "X's report", "an X analysis"."""
    first: Entity | None = None
    # what the document's own clause mentions ("a statement calling the Pope's reading …")
    # is not its issuer, except the source it names ("a study released by a hydrologist at
    # X", "that appeared in X")
    clause = {t.i for c in head.children if c.dep_ in ("acl", "relcl") for t in c.subtree}
    clause -= {t.i for c in head.children if c.dep_ in ("acl", "relcl") and c.lower_ not in OBTAINED
               for p in c.children if p.dep_ in ("agent", "prep") and p.lower_ in ("by", "in", "from")
               for t in p.subtree}  # ("a draft report obtained by X" is not X's)
    for tok in head.subtree:
        if tok.i - head.i > 25 or tok.i < head.left_edge.i:
            break
        if tok.i in clause and not (tok.dep_ == "nsubj" and tok.head.dep_ == "relcl"):
            continue
        if tok.dep_ == "nsubj" and tok.head.dep_ == "relcl" and tok.head.head.i == head.i:
            # "a speech Mrs. Clinton delivered"
            hits = [r[2] for r in index.inside(tok.idx, tok.idx + len(tok))
                    if r[2].type in ("ORG", "PERSON", "GPE")]
            if hits:
                return hits[0]
        base = tok  # a name's first word stands where its last does ("a letter to John Roe")
        while base.dep_ == "compound" and base.head.i != head.i and base.head.ent_type_ == tok.ent_type_ != "":
            base = base.head
        if base.dep_ not in ("pobj", "poss", "compound") or tok.i == head.i:
            continue
        if base.dep_ == "pobj" and base.head.lower_ not in ("by", "from", "of", "in", "at"):
            continue
        hits = [r[2] for r in index.inside(tok.idx, tok.idx + len(tok))
                if r[2].type in ("ORG", "PERSON", "GPE")
                and not (r[2].type == "GPE" and base.dep_ == "pobj" and (base.head.lower_ in ("in", "at")
                         and base.head.head.i != head.i or base.head.lower_ == "from"))]
        if hits:  # ("a complaint filed in Velmar", "the report from Belgium": where, not whose;
            # "an article in X" is X's)
            if tok.dep_ == "pobj" and tok.head.lower_ == "by":
                return hits[0]
            if first is None or first.type == "GPE" != hits[0].type:
                first = hits[0]  # "a UK Daily Mail report": the paper, not the country
    return first


def issuer(doc: Any, head: Any) -> Any | None:
    """The subject token of the verb that issued the document ``head`` ("Vigneron issued a
    statement calling …"), or, for "the statement" with no issuer of its own, of the verb
    that issued the latest earlier document of that word ("Sessions released a statement on
    Friday. … the statement said …")."""
    found = _issuing_subject(head)
    if found is not None or not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that")
                                    for c in head.children):
        return found
    for tok in reversed(doc[max(0, head.i - LOOKBACK):head.i]):
        if tok.lower_ == head.lower_ and tok.dep_ in ("dobj", "nsubjpass"):
            return _issuing_subject(tok)
    return None


def _issuing_subject(head: Any) -> Any | None:
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.dep_ in ("dobj", "nsubjpass"):
        head = head.head.head  # "passed a series of resolutions"
    verb = head.head
    if head.dep_ not in ("dobj", "nsubjpass") or verb.lower_ not in ISSUING or any(
            c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ in ("from", "by")
            or c.dep_ == "acl" and c.tag_ == "VBN" and any(g.dep_ == "agent" for g in c.children) for c in head.children):
        return None  # ("sent Roe a message from Lee", "the governor's response": its author's, not the sender's)
    if head.dep_ == "nsubjpass":  # "a statement was released by X"
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        return next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        return verb.head  # "a campaign worker leaving a phone message urging …": the caller
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


INTRODUCING = {"called", "named", "dubbed"}


def introduced_as(doc: Any, head: Any, index: MentionIndex) -> Entity | None:
    """The organisation the sentence before ``head``'s, or its own, brought in as "a group
    called X" when ``head`` is "the group": X."""
    first = (sentence_before(head.sent) or head.sent).start
    for k in range(head.i - 2, first, -1):
        tok = doc[k]
        if tok.lower_ in INTRODUCING and doc[k - 1].lower_ == head.lower_ and k + 1 < len(doc):
            nxt = doc[k + 1]
            found = [e for _, _, e in index.inside(nxt.idx, nxt.idx + len(nxt)) if e.type == "ORG"]
            if found:
                return found[0]
    return None


PLACE_NOUNS = {"city", "town", "county", "state"}


def place_before(doc: Any, head: Any, index: MentionIndex) -> Entity | None:
    """"… the city" for the place its sentence, or the one before it, named last ("Suing
    San Francisco over its policy, …, the city argued")."""
    if head.lower_ not in PLACE_NOUNS or not any(c.lower_ == "the" for c in head.children):
        return None
    place = index.before(head.idx, ("GPE",))
    floor = (sentence_before(head.sent) or head.sent).start_char
    return place if place is not None and last_start(index, place, head.idx) >= floor else None


# verbs of coming by a document: "received a letter saying …"
RECEIVING = {f"{stem}{end}" for stem, ends in (
    ("receiv", ("e", "es", "ed", "ing")), ("obtain", ("", "s", "ed", "ing")), ("got", ("",)),
    ("get", ("", "s")), ("getting", ("",)), ("read", ("", "s", "ing")), ("saw", ("",)), ("see", ("", "s")),
    ("seen", ("",)), ("found", ("",)), ("find", ("", "s"))) for end in ends}


def received_document(v: Any) -> Any | None:
    """The document a participle describes when the parse hung it on the verb of whoever
    came by it or passed it on: "Roe received a letter from the union saying …", "lawyers
    submitted a letter from ICE saying …" are the letter's (so the union's, ICE's), not
    Roe's or the lawyers'."""
    if v.dep_ != "advcl" or v.tag_ != "VBG":
        return None
    obj = next((c for c in v.head.children if c.dep_ == "dobj" and c.i < v.i), None)
    if obj is None or not (obj.lower_ in DOCUMENTS or obj.lower_[-1:] == "s" and obj.lower_[:-1] in DOCUMENTS):
        return None
    # between the document and the participle, only whom it went to and whom it came from
    between = [t for t in v.doc[obj.right_edge.i + 1:v.i] if t.text != ","]
    routes = [p for p in v.head.children if p.dep_ in ("prep", "dative") and p.lower_ in ("to", "from")
              and obj.i < p.i < v.i]
    if len(between) != sum(len(list(p.subtree)) for p in routes):
        return None
    sender = next((g for p in routes if p.lower_ == "from" for g in p.children if g.dep_ == "pobj"), None)
    if sender is not None:
        return sender  # "handed him a letter from the port board saying …": the board
    sent = any(p.dep_ == "prep" and p.lower_ == "from" for p in obj.children)
    return obj if v.head.lower_ in RECEIVING or sent else None


def own_body(head: Any, index: MentionIndex) -> Entity | None:
    """The organisation "the group" or "the agency" is in its own sentence: for a group noun,
    the one body named before it ("“The League backs …,” the group wrote"); for any, the body
    the sentence's subject names before it ("The FBI raided the barn and took crates the
    agency says were stolen"), unless that subject says it ("The FBI said the agency …" is
    another) or its name ends in another body's noun ("the Justice Department").)"""
    own = {e.name: e for _, _, e in index.inside(head.sent.start_char, head.idx) if e.type == "ORG"}
    if head.lower_ in GROUP_NOUNS:
        return next(iter(own.values())) if len(own) == 1 else None
    verb, subj = head.head, None
    if verb.dep_ == "conj" or head.lower_ in ("government", "administration"):
        return None  # ("The FBI knew, yet the administration approved": a clause, and a body, of its own)
    for _ in range(6):  # the nearest clause above the noun's own with a subject of its own
        if verb.head.i == verb.i or verb.dep_ in ("advcl", "ccomp") or any(c.dep_ == "mark" for c in verb.children):
            break  # (not out of "after the agency said …": another clause, perhaps another body)
        verb = verb.head
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            break
    if subj is None or subj.i > head.i or verb.lower_ in SPEECH_ACTS or subj.left_edge.i <= head.i <= subj.right_edge.i:
        return None
    found = [e for _, _, e in index.inside(subj.left_edge.idx, subj.idx + len(subj)) if e.type == "ORG"]
    last = found[0].name.lower().split()[-1] if len(found) == 1 else None
    return found[0] if last is not None and (last == head.lower_ or last not in ORG_NOUNS | BODY_NOUNS) else None


# who answers for an organisation ("A representative for the university did not respond")
REPRESENTS = {"representative", "spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokesmen",
              "representatives", "official", "officials"}


def represented_before(head: Any, index: MentionIndex) -> tuple[int, Entity] | None:
    """"A representative for Tarn University didn't respond …. In a tweet, it said …": the
    organisation whose spokesperson the sentence before was about (its subject), with where."""
    prev = sentence_before(head.sent)
    subj = None if prev is None else next((t for t in prev if t.dep_ in ("nsubj", "nsubjpass")
                                           and t.lower_ in REPRESENTS and t.head.i == prev.root.i), None)
    orgs = [] if subj is None else [e for c in subj.children if c.dep_ == "prep" and c.lower_ in ("for", "of", "at")
                                    for g in c.children if g.dep_ == "pobj"
                                    for _, _, e in index.inside(g.left_edge.idx, g.idx + len(g)) if e.type == "ORG"]
    return (subj.idx, orgs[-1]) if subj is not None and orgs else None
