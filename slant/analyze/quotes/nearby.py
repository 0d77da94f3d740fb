"""Speech verbs next to a quote that the parse did not connect to it: "Trump boasted, “…”",
"“…,” Tulsa police Chief X said Monday", or the verb the quoted words hang from ("X slammed
the ruling as “…”"). Each returns the verb and the token naming who speaks."""

from __future__ import annotations

import bisect
from typing import Any

from slant.analyze.quotes.addressees import TALK_FORMS, TELLING
from slant.analyze.quotes.attribution import RELAYING, WH, subject_of
from slant.analyze.quotes.cues import SPEECH_ACTS
from slant.analyze.quotes.marks import Quoted
from slant.analyze.quotes.phrases import verb_in_name
from slant.analyze.quotes.words import DOCUMENTS, people_noun

PRONOUNS = {"he", "she", "they", "we", "i", "it"}
BE_FORMS = {"is", "are", "was", "were", "be", "been", "being", "am", "'s", "’s", "'re", "’re",
            "seems", "seem", "seemed", "remains", "remained", "becomes", "became", "become"}
# verbs a quoted phrase can hang from in the narrator's own sentence, saying nothing
PLAIN_VERBS = {"do", "does", "did", "done", "doing", "have", "has", "had", "having", "get", "gets",
               "got", "make", "makes", "made", "making", "receive", "receives", "received",
               "use", "uses", "used", "find", "finds",
               "found", "see", "sees", "saw", "seen", "read", "reads", "give", "gives", "gave",
               "given", "take", "takes", "took", "taken", "put", "puts", "act", "acts", "acted",
               "acting", "begin", "begins", "began", "start", "starts", "started"}


# verbs of taking in words, not giving them ("Roe received this reply: “…”")
TAKING = {"receive", "receives", "received", "get", "gets", "got", "hear", "hears", "heard",
          "see", "sees", "saw", "find", "finds", "found", "read", "reads", "learn", "learns",
          "learned", "obtained", "watch", "watches", "watched", "notice", "notices", "noticed",
          "spot", "spots", "spotted", "discover", "discovers", "discovered", "open", "opens",
          "opened", "overhear", "overhears", "overheard"}


def gives_words(verb: Any) -> bool:
    """Whether a verb before a colon or a dash can give the quote after it as its subject's
    words: not a passive, a negation, a verb of taking words in or of relaying them."""
    return verb.lower_ not in TAKING and verb.lower_ not in RELAYING and not any(
        c.dep_ in ("auxpass", "nsubjpass", "neg") for c in verb.children)

# a dash that introduces someone's words ("… Mitt Romney -- “It is …”")
DASHES = ("--", "—", "–")
RETURNS = {"shot", "fired", "hit", "struck", "wrote", "pushed", "fought", "shoots", "fires", "hits"}


def _particle(verb: Any) -> Any | None:
    """The particle that makes a verb one of saying: "back" in a retort ("fired back"), "on"
    right after "went" or "goes"."""
    if verb.lower_ in RETURNS:
        return next((c for c in verb.children if c.lower_ == "back" and c.i > verb.i), None)
    if verb.lower_ in ("went", "goes"):
        return next((c for c in verb.children if c.lower_ == "on" and c.i == verb.i + 1
                     and c.dep_ in ("prt", "advmod")), None)
    return None


def speaks(verb: Any) -> bool:
    """A speech verb, a retort ("fired back") or someone going on with their words ("went on";
    not "the chanting went on")."""
    if verb.lower_ in SPEECH_ACTS:
        return True
    if _particle(verb) is None:
        return False
    return verb.lower_ in RETURNS or not any(
        c.dep_ == "nsubj" and c.tag_ != "NNP" and c.lower_ not in PRONOUNS - {"it"} and not people_noun(c)
        for c in verb.children)


def cue_end(verb: Any) -> int:
    """Where a cue ends: past its particle ("fired back", "went on")."""
    part = _particle(verb)
    return part.idx + len(part) if part is not None and speaks(verb) else verb.idx + len(verb)


def verb_before(tok: Any) -> Any:
    """The speech verb a clause ends on, past its particle and adverbs: "Roe fired back
    (forcefully), “…”" ends on "fired"; anything else is ``tok`` itself."""
    verb = tok.head if tok.lower_ == "with" and tok.dep_ == "prep" and tok.head.i < tok.i else tok  # ("responds to X with, “…”")
    while verb.dep_ in ("advmod", "prt") and verb.tag_ in ("RB", "RP") and verb.head.i < verb.i \
            and verb.head.tag_.startswith("VB") and verb.i - verb.head.i <= 3:
        verb = verb.head
    return verb if verb is not tok and speaks(verb) else tok


def governing_cue(doc: Any, q: Quoted) -> tuple[Any, Any] | None:
    """The verb outside the quote that the quoted words hang from, and its subject
    ("Cruz slammed the ruling as “…”"), when the subject names someone."""
    span = doc.char_span(q.inner[0], max(q.inner[0] + 1, q.inner[1]), alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    if span.root.ent_type_ == "WORK_OF_ART" and all(t.ent_type_ == "WORK_OF_ART" for t in span if not t.is_punct):
        return None  # "said on CBS's ''Face the Town''": a title, not words
    tok = span.root
    for _ in range(6):
        head = tok.head
        if head.i == tok.i:
            return None
        tok = head
        if q.start <= tok.idx < q.end:
            continue
        if tok.tag_.startswith("VB"):
            if tok.lower_ in BE_FORMS or tok.lower_ in PLAIN_VERBS:
                return None  # "Islam is “a good religion”", "do something “bigger”": the narrator's
            subj = subject_of(tok)
            if subj is None or q.start <= subj.idx < q.end:
                return None
            if subj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or subj.lower_ in PRONOUNS:
                return tok, subj
            return None
    return None


def _own_clause(verb: Any) -> bool:
    """Whether a verb goes straight on to a clause of its own ("asks students to imagine
    …"), not set off by a comma or a dash ("Tester said, referring to …")."""
    doc = verb.doc
    return any(c.i > verb.i and c.dep_ in ("ccomp", "xcomp") and
               not any(t.is_punct or t.is_space for t in doc[verb.i + 1:c.left_edge.i])
               and not doc[c.left_edge.i].is_punct
               for c in verb.children)


def trailing_cue(doc: Any, q: Quoted, tok_starts: list[int]) -> tuple[Any, Any] | None:
    """"“…,” Tulsa police Chief Ann Roe said Monday." where the parse hung "said" elsewhere:
    a speech verb within ten words after the closing mark, in the same sentence, with the
    words before it naming someone, and no clause of its own after it (which would be the
    words it reports)."""
    k = bisect.bisect_left(tok_starts, q.end)
    between: list[Any] = []
    j, stop = k - 1, min(len(doc), k + 12)
    while j + 1 < stop:
        j += 1
        tok = doc[j]
        if tok.is_space or tok.text in (",", "—", "–"):
            if "\n" in tok.text:
                return None
            if between:
                aside = _aside(doc, j, between)
                if aside is None:
                    break
                j, stop = aside, min(len(doc), aside + 8)  # "Ann Roe, a strategist, said"
            continue
        if tok.text in (".", "!", "?", ";", ":") or tok.text in "“”\"«»‘’'" or tok.dep_ == "mark" and tok.lower_ != "as":
            return None  # ("“….” After Lee criticized Roe, …": a clause of its own)
        put_it = tok.lower_ == "put" and j + 1 < len(doc) and doc[j + 1].lower_ == "it"
        if tok.tag_.startswith("VB") and (speaks(tok) or put_it):
            between = [t for t in between if t.lower_ != "as"]  # "…," as a memo put it
            if not between:
                # "“Why?” asked Roe.": the verb first, its subject after it
                after = [c for c in tok.children if c.i > tok.i and (c.dep_ == "nsubj" or c.dep_ == "dobj" and (
                    c.ent_type_ in ("PERSON", "ORG") and c.left_edge.i == tok.i + 1  # ("asked Mr. Osk, referring …")
                    or tok.lower_ in ("read", "reads") and c.lower_ in DOCUMENTS))]  # "“…,” read a report in X"
                return (tok, after[0]) if after and not _own_clause(tok) else None
            if _own_clause(tok) or tok.lower_ in TALK_FORMS and any(
                    c.dep_ == "prep" and c.lower_ == "with" for c in tok.children):
                return None  # "“….” Another lesson asks students to imagine …": its own words;
                # "“….” Roe spoke with Lee …": a meeting, not the quote's cue
            # the verb's own subject ("a former Senate staffer said": the staffer), else the
            # last name or noun before it
            subj = [c for c in tok.children if c.dep_ == "nsubj" and any(c.i == t.i for t in between)]
            ents = [t for t in between if t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")]
            nouns = [t for t in between if t.tag_.startswith(("NN", "PRP"))]
            head = subj[0] if subj else ents[-1] if ents else (nouns[-1] if nouns else None)
            return (tok, head) if head is not None else None
        if not between and verb_in_name(tok):  # "“…,” huffed committee member Ann Roe"
            top = tok
            while top.dep_ in ("amod", "compound") and top.head.i > top.i:
                top = top.head
            return (tok, top) if top.tag_ in ("NNP", "NNPS") else None
        between.append(tok)
    return None


def _aside(doc: Any, comma: int, between: list[Any]) -> int | None:
    """The closing comma of an apposition or relative clause on a name just before
    ``comma`` ("Ann Roe, the director of the bureau, said"), when one follows it."""
    if doc[comma].text != "," or comma + 1 >= len(doc):
        return None
    tok = doc[comma + 1]
    ids = {t.i for t in between}
    while tok.head.i != tok.i and tok.head.i not in ids and tok.head.i > comma:
        tok = tok.head
    participle = tok.tag_ in ("VBG", "VBN") and tok.dep_ in ("advcl", "acl")  # ("Roe, wearing a hat, said")
    if not (tok.head.i in ids and tok.dep_ in ("appos", "relcl", "acl") or participle) or tok.left_edge.i != comma + 1:
        return None
    end = tok.right_edge.i + 1
    return end if end < len(doc) and doc[end].text == "," and end - comma <= 30 else None


def colon_cue(doc: Any, q: Quoted, tok_starts: list[int]) -> tuple[Any, Any] | None:
    """"Roe went even further: “…”", "The campaign worded it more carefully: “…”": a quote
    right after a colon that closes a clause whose subject names someone; that clause's
    verb is the cue (a passive, "Roe was asked: “…”", is not Roe's words)."""
    k = bisect.bisect_left(tok_starts, q.start) - 1
    while k >= 0 and doc[k].is_space and "\n" not in doc[k].text:
        k -= 1
    if k < 1 or doc[k].text != ":" and doc[k].text not in DASHES:
        return None  # ("When Roe wrapped up — “…”": a dash as a colon)
    if doc[k].text == ":" and doc[k - 1].ent_type_ in ("PERSON", "ORG"):
        signed = next((e for e in doc.ents if e.end == k), None)
        if signed is not None and signed.start > 0 and doc[signed.start - 1].text in ("-", *DASHES):
            return doc[k], signed.root  # "… IN OTHER STATES - Ann Roe: “…”": a digest's source line
    verb = doc[k - 1]  # up to the clause's verb, not past a relative clause of saying with its own
    while verb.head.i != verb.i and verb.head.i < k and not (  # subject ("a letter that Roe wrote: “…”")
            verb.dep_ == "relcl" and verb.lower_ in SPEECH_ACTS
            and any(c.dep_ == "nsubj" and c.lower_ not in WH for c in verb.children)):
        verb = verb.head
    if not verb.tag_.startswith("VB") or verb.i >= k or not gives_words(verb):
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    if subj is None or not (
            subj.ent_type_ in ("PERSON", "ORG") or subj.lower_ in PRONOUNS - {"it"} or subj.lower_ in DOCUMENTS):
        return None  # "Roe received a reply from Lee: “…”" is Lee's, "The suit quotes a lesson: “…”"
        # the lesson's; "it gets worse: “…”" no one's
    return verb, subj


def leading_cue(doc: Any, q: Quoted, tok_starts: list[int],
                strict: bool = False) -> tuple[Any, Any] | None:
    """"Trump boasted, “…”" where the parse did not make the quote the verb's complement: a
    speech verb right before the opening mark (a comma or colon between), with a subject
    (``strict``: only the parse's, inherited or not, never a name that merely comes before)."""
    k = bisect.bisect_left(tok_starts, q.start) - 1
    while k >= 0 and (doc[k].is_space or doc[k].text in (",", ":")):
        if "\n" in doc[k].text:
            return None
        k -= 1
    if k < 0:
        return None
    verb = verb_before(doc[k])
    told = verb.tag_ in ("NN", "NNS", "PRP") and verb.dep_ in ("dobj", "dative") and verb.head.i < k \
        and verb.head.lower_ in TELLING
    if told:
        verb = verb.head  # "telling the crowd, “…”": the words told
    if verb.text in DASHES and k > 0 and doc[k - 1].ent_type_ == "PERSON":
        return verb, doc[k - 1]  # "… Mitt Romney -- “It is disqualifying …”"
    if verb.lower_ == "it" and k > 0 and doc[k - 1].lower_ == "put":
        verb = doc[k - 1]  # "As X, a tax lawyer, put it, “…”"
    if not (verb.tag_.startswith("VB") and (speaks(verb) or verb.lower_ == "put")):
        return None
    direct = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
    if direct:
        return verb, direct[0]
    shared = subject_of(verb) if verb.dep_ == "conj" or strict or told else None
    if strict:
        if shared is None and verb.i > 0 and doc[verb.i - 1].tag_.startswith(("NN", "PRP")) \
                and doc[verb.i - 1].dep_ != "pobj":
            shared = doc[verb.i - 1]  # "a man yelled “…”", parsed as "a man (who was) yelled"
        return (verb, shared) if shared is not None and shared.i < verb.i else None
    if shared is not None and shared.i < verb.i:
        return verb, shared  # "Roe shook her head and said, “No.”": the first verb's subject
    # else the words right before the verb name who speaks ("― Trump boasted, “…”"); the
    # parse's subject may be inherited from another clause
    before: list[Any] = []
    j = verb.i - 1
    while j >= 0 and verb.i - j <= 6 and not (doc[j].is_punct or doc[j].is_space):
        before.insert(0, doc[j])
        j -= 1
    ents = [t for t in before if t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") and t.tag_ != "JJ"]
    nouns = [t for t in before if t.tag_.startswith(("NN", "PRP"))]
    subj = ents[-1] if ents else (nouns[-1] if nouns else None)
    if subj is None:
        return None
    return verb, subj
