"""Attributions read from the dependency parse: a cue, its content and its speaker.

Patterns (token indices into the shared spaCy Doc):

- a cue verb with a clausal complement: "X said (that) …", "“…,” X told reporters";
- a cue verb attached as parataxis to what was said: "…, X said, …";
- "according to X, …": the clause the phrase modifies; "As X noted, …" likewise;
- a colon after the cue: "X said: …", or "A statement … read:" ending its paragraph (the
  content in the next paragraph). The speaker is the cue's subject, inherited through
  conjunctions and participles ("…, adding that …"), the agent of a passive, the noun a
  "who said" clause modifies, or the object of "according to".
"""

from __future__ import annotations

from typing import Any

from slant.analyze.quotes.addressees import TELLING, addressee_only, heard_by
from slant.analyze.quotes.candidates import Attribution, verb_candidates
from slant.analyze.quotes.cues import SPEECH, cue_forms, fires
from slant.analyze.quotes.embeds import embedded_posts
from slant.analyze.quotes.colons import colon_content, paragraph_colons
from slant.analyze.quotes.clauses import (
    after_break, called_for, first_report, fronted_end, hung_clauses, object_as_subject, paratactic_content,
    eager_to, finite_conjunct, kept_from, reported_by,
)
from slant.analyze.quotes.labels import DESCRIBE_AS, NAMING_VERBS, named_quote
from slant.analyze.quotes.learned import revise
from slant.analyze.quotes.layout import (
    dash_quotes, headline_colons, interview_answers, inverted_colons, transcript_lines,
)
from slant.analyze.quotes.owners import received_document
from slant.analyze.quotes.phrases import fronted_appositive, stray_relative
from slant.analyze.quotes.shapes import (
    according_to, after_lead, recorded,
    as_clause_tokens,
    asked_if,
    before_next_speaker,
    clause_end,
    finite_misparse,
    inverted_conj,
    name_after,
    quoted_before,
    reported_advcl,
    said_of,
    said_then,
    self_styled,
    sibling_subject,
    stray_participle,
    that_in_phrase,
    verb_read_as_noun,
)
from slant.analyze.quotes.subjects import asked_aside, grammatical_subjects, series_clause
from slant.analyze.quotes.words import hyphen_end

WH = {"who", "which", "that", "whom"}
PUT = {"put", "puts", "putting"}
SUBJ = ("nsubj", "nsubjpass", "csubj")
# events held by someone, which say nothing themselves
EVENTS = {"conference", "interview", "hearing", "meeting", "rally", "session", "ceremony",
          "speech", "address", "appearance", "event", "briefing", "debate", "forum", "visit",
          "remarks", "comments", "call", "town-hall", "summit"}
# passives whose subject was spoken to or about, not the one who spoke: "X was told",
# "X had been warned", "X was described as …"
SPOKEN_TO = {"told", "warned", "asked", "informed", "advised", "urged", "reminded", "assured",
             "notified", "instructed", "ordered", "briefed", "described", "called", "labelled",
             "labeled", "branded", "accused", "criticised", "criticized", "praised", "named",
             "dubbed", "portrayed", "characterised", "characterized", "blamed", "thanked",
             "promised", "shown", "given", "questioned", "interviewed", "contacted",
             "approached", "invited", "pressed", "challenged", "condemned", "attacked",
             "mocked", "ridiculed", "hailed", "cited", "mentioned", "described", "denied",
             "rejected", "approved", "granted", "dismissed", "overturned", "upheld", "filed",
             "refused", "recognized", "recognised"}
# passives whose subject is the words, not who gave them: "One paragraph was added: …"
WORDS_GIVEN = {"added", "written", "posted", "published", "tweeted", "stated", "read"}
# verbs whose object does what their infinitive says ("asked him to explain")
# "sent X to explain": X explains (but a letter sent stays the sender's)
SENDING = {"send", "sends", "sending", "sent", "dispatch", "dispatches", "dispatched", "dispatching"}
OBJECT_CONTROL = {f"{stem}{end}" for stem, ends in (
    ("ask", ("", "s", "ed", "ing")), ("urge", ("", "s", "d")), ("urging", ("",)),
    ("prompt", ("", "s", "ed", "ing")), ("invite", ("", "s", "d")), ("inviting", ("",)),
    ("encourage", ("", "s", "d")), ("encouraging", ("",)), ("persuade", ("", "s", "d")),
    ("persuading", ("",)), ("press", ("", "es", "ed", "ing")), ("tell", ("", "s", "ing")),
    ("told", ("",)), ("like", ("",)), ("want", ("", "s", "ed", "ing")), ("lead", ("", "s")),
    ("led", ("",)), ("force", ("", "s", "d")), ("forcing", ("",)), ("inspire", ("", "s", "d")))
    for end in ends} | SENDING


def _chars(doc: Any, a: int, b: int) -> tuple[int, int]:
    """Character bounds of tokens [a, b), edge punctuation and spaces trimmed."""
    while a < b and (doc[a].is_punct or doc[a].is_space) and doc[a].text not in "“\"«‘'":
        a += 1
    while b > a and (doc[b - 1].is_punct or doc[b - 1].is_space) and doc[b - 1].text not in "”\"»’'":
        b -= 1
    if b <= a:
        return (doc[a].idx, doc[a].idx) if a < len(doc) else (0, 0)
    return doc[a].idx, doc[b - 1].idx + len(doc[b - 1])


def subject_of(v: Any, depth: int = 0) -> Any | None:
    """The token that says it: subject, passive agent, relative-clause head, or inherited."""
    relayed = None if (aside := depth == 0 and asked_aside(v)) else _relayed_speaker(v)
    if relayed is not None or aside:
        return relayed
    subjs = grammatical_subjects(v) or fronted_appositive(v) or stray_relative(v)
    subj = hyphen_end(subjs[0]) if subjs else None
    if subj is None and not (depth > 0 and v.lower_ in SPOKEN_TO):
        # (inherited through "when questioned by reporters, saying …", the reporters
        # asked: whoever the clause is about speaks)
        for c in v.children:
            if c.dep_ == "agent":
                objs = [g for g in c.children if g.dep_ == "pobj"]
                if objs:
                    return objs[0]
    if subj is not None and subj.dep_ == "nsubjpass":
        # "X was quoted as saying": the passive subject said it; "X was told", "X had been
        # warned", "X was described as": someone else spoke, to or about X (the agent, if
        # the sentence names one); "it was reported": nobody
        if subj.lower_ in ("it", "this", "that"):
            return None
        if depth == 0 and said_of(v):
            return None  # "X is said to favour …": X is whom it is said of, not who says it
        if v.lower_ not in SPOKEN_TO and v.lower_ not in WORDS_GIVEN:
            return subj  # "X was quoted as saying", "X is convinced that …"
        for c in v.children:
            if c.dep_ == "agent":
                objs = [g for g in c.children if g.dep_ == "pobj"]
                if objs:
                    return objs[0]
        return None
    if subj is not None:
        return subj
    if depth == 0 and v.lower_ in SPEECH - TELLING and not (v.dep_ == "conj" and v.head.i < v.i) \
            and not v.lower_.endswith("ing") and v.tag_ != "VB":  # "accusing X of …", "to criticize X"
        # inverted: "…," said retired surgeon Ben Carson (but in "Roe denied it and blasted
        # Senate Democrats for …" the object is whom Roe blasted: Roe speaks, inherited below)
        for c in v.rights:
            if c.dep_ in ("dobj", "attr", "npadvmod", "appos", "oprd") and \
                    c.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
                return c
    if depth >= 3 or v.head.i == v.i:
        return None
    if v.dep_ == "pcomp":
        # "… by saying that …": whoever does the governing verb ("stopped short of calling")
        up = v.head.head
        while not up.tag_.startswith("VB") and up.dep_ in ("advmod", "acomp", "prep") and up.head.i != up.i:
            up = up.head
        return (kept_from(v) or subject_of(up, depth + 1)) if v.head.head.i != v.head.i else None
    if v.dep_ == "acl":
        if v.head.tag_.startswith("VB"):
            return subject_of(v.head, depth + 1)
        # "groups backing the bill": the noun does it (an active participle only); "she said
        # at a news conference announcing …": an event does nothing, whoever held it does
        if v.tag_ != "VBG":
            if not finite_misparse(v):
                return None
            return v.head.head if v.head.dep_ == "appos" else v.head
        if v.head.lower_ in EVENTS:
            up = v.head.head
            while up.dep_ == "prep" or up.tag_.startswith("NN"):
                if up.head.i == up.i:
                    return None
                up = up.head
            return subject_of(up, depth + 1) if up.tag_.startswith("VB") else None
        return recorded(v) or v.head
    if v.head.lower_ in OBJECT_CONTROL and (v.dep_ == "xcomp" or v.dep_ == "advcl" and v.head.lower_ in SENDING):
        # "asked him to explain", "prompted critics to speculate": the object does it
        obj = next((c for c in v.head.children if c.dep_ == "dobj" and c.i < v.i), None)
        if obj is not None and obj.lower_ not in WH and not obj.lower_.endswith("self") and (
                v.head.lower_ not in SENDING or "PERSON" in {obj.ent_type_, *(c.ent_type_ for c in obj.children)}):
            return obj
    if (say := (said_then(v) or stray_participle(v) or finite_conjunct(v)) if v.dep_ == "conj" else eager_to(v)):
        return subject_of(say, depth + 1)  # ("Roe was quick to point out that …": Roe)
    if v.dep_ == "advcl" and (sib := object_as_subject(v) or received_document(v) or sibling_subject(v)) is not None:
        return sib  # "after its staff reported …" ("after" read as a preposition); "It was a
        # punch, as Roe echoed it, saying …": Roe, not "It"
    if v.dep_ in ("conj", "advcl", "xcomp") or depth and v.dep_ == "advmod" and v.head.tag_[:2] == "VB":
        return None if depth == 0 and _patient_clause(v) else subject_of(reported_by(v) or v.head, depth + 1)
    return None


# verbs that relay someone's words: "Reuters quoted X as saying", "the paper cited X as saying"
RELAYING = {"quoted", "quotes", "quote", "quoting", "cited", "cites", "cite", "citing"}


def _relayed_speaker(v: Any) -> Any | None:
    """X in "Reuters quoted X as saying …" (the cue "saying" under "as", or "quoted" itself):
    whose words they are, not the outlet that relays them."""
    verb = v
    if v.dep_ == "pcomp" and v.head.lower_ == "as" and v.head.head.i != v.head.i:
        verb = v.head.head
        if verb.dep_ == "dobj" and verb.head.lower_ in RELAYING:
            return verb  # "as saying" hung on the object
    elif not any(c.dep_ == "prep" and c.lower_ == "as" and any(g.dep_ == "pcomp" for g in c.children)
                 for c in [*v.children, *(g for c in v.children if c.dep_ == "dobj" for g in c.children)]):
        return None  # "cited the audit as the reason": a reason, not someone's words
    if verb.lower_ not in RELAYING or any(c.dep_ == "nsubjpass" for c in verb.children):
        return None  # "X was quoted as saying": the passive's subject, found as before
    return next((c for c in verb.children if c.dep_ == "dobj"), None)


def _patient_clause(v: Any) -> bool:
    """Whether a clause with no subject of its own is about someone acted upon, who did not
    say it: a bare past participle ("When asked for proof, X says …": X was asked), or a
    participle hung on a passive ("Ten countries have been placed on alert, warning …": the
    countries were alerted, someone else warns)."""
    if v.dep_ != "advcl":
        return False
    if v.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in v.children):
        return True
    head = v.head
    return v.tag_ == "VBG" and any(c.dep_ == "auxpass" for c in head.children) and \
        head.lower_ not in ("quoted", "cited", "reported")


def _put_it(doc: Any, tok: Any) -> Attribution | None:
    """"X put it more simply: …": an idiom of saying before a colon ("put the bill on
    hold: …" is no cue)."""
    if not any(c.dep_ == "dobj" and c.lower_ == "it" for c in tok.children):
        return None
    colon = colon_content(doc, tok)
    if colon is None:
        return None
    return Attribution(cue=(tok.i, tok.i + 1), content=colon, speaker=subject_of(tok), pattern="colon")


def _never_cue(doc: Any, tok: Any) -> bool:
    """"it's" (a contracted "is"), "self-described" (a label) and a heading in capitals
    before a colon ("EDITOR'S COMMENT: …", the outlet's own) are never cues."""
    if tok.lower_ in ("'s", "’s", "'re", "’re", "'m", "’m") or self_styled(tok):
        return True
    return tok.text.isupper() and len(tok) > 2 and tok.i + 1 < len(doc) and doc[tok.i + 1].text == ":"


def find_attributions(doc: Any) -> list[Attribution]:
    """Every cue in ``doc`` that has content, with its speaker token when one is found."""
    forms = cue_forms()
    out: list[Attribution] = []
    n = len(doc)
    for tok in doc:
        low = tok.lower_
        if low == "according" and tok.i + 1 < n and doc[tok.i + 1].lower_ == "to":
            if (acc := according_to(doc, tok)) is not None:
                out.append(acc)
            continue
        if _never_cue(doc, tok):
            continue
        if low in PUT and (put := _put_it(doc, tok)) is not None:
            out.append(put)
            continue
        if low in NAMING_VERBS and (named := named_quote(doc, tok)) is not None:
            out.append(named)
            continue
        if (demand := called_for(tok)) is not None:
            out.append(Attribution(cue=(tok.i, tok.i + 2), content=_chars(doc, *demand), speaker=subject_of(tok)))
            continue
        # "Roe claims he is …" with "claims" a plural noun
        noun_subject = verb_read_as_noun(tok) if low in forms else None
        if low not in forms or not (tok.tag_.startswith("VB") or tok.tag_ in ("", "NN") or noun_subject):
            learned = _learned(doc, tok)
            if learned is not None:
                out.append(learned)
            continue
        if tok.tag_ == "NN" and low != "say" and not {"nsubj", "ccomp"} <= {c.dep_ for c in tok.children}:
            continue  # a noun, unless the parse gave it a subject and a clause ("…,” its statement read)
        content = None
        pattern = "clause"
        # never a clause across a semicolon ("six in 10 said …; 46 percent said …")
        series = series_clause(tok)
        comps = [c for c in tok.children if c.dep_ == "ccomp" and c is not series and not any(
            t.text == ";" for t in doc[min(c.right_edge.i, tok.i): max(c.left_edge.i, tok.i)])] or hung_clauses(tok)
        if comps:
            # "‘…,’ said Ann Roe, …, and the hall erupted": the quote just before the verb
            c = quoted_before(doc, tok, comps) or first_report(tok, comps) or after_break(doc, tok, comps) or \
                max(comps, key=lambda c: c.right_edge.i - c.left_edge.i)
            content = _chars(doc, heard_by(doc, tok, c.left_edge.i), fronted_end(doc, tok, c.left_edge.i, clause_end(doc, c, tok)))
        elif (adv := reported_advcl(tok) or asked_if(tok) or that_in_phrase(tok)) is not None:
            content = _chars(doc, *adv)
        elif (tok.dep_ in ("parataxis", "advcl") or inverted_conj(doc, tok)) and tok.head.i != tok.i \
                and (part := paratactic_content(doc, tok)) is not None:
            content, pattern = _chars(doc, *part), "parataxis"
        if content is None and (as_part := as_clause_tokens(tok)) is not None:
            content, pattern = _chars(doc, *as_part), "as_clause"
        if content is None and low in DESCRIBE_AS:
            objs_as = [g for c in tok.children if c.dep_ == "dobj" for g in c.children]
            for c in [*tok.children, *objs_as]:
                if c.dep_ == "prep" and c.lower_ == "as" and c.i > tok.i:
                    objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp", "amod")]
                    if objs:
                        content = _chars(doc, objs[0].left_edge.i, objs[-1].right_edge.i + 1)
                        pattern = "described_as"
        if content is None:
            colon = colon_content(doc, tok)
            if colon is not None:
                content, pattern = colon, "colon"
        if content is None or content[1] <= content[0]:
            learned = _learned(doc, tok)
            if learned is not None:
                out.append(learned)
            continue
        content = before_next_speaker(doc, after_lead(doc, content, tok))
        cue_end = tok.i + 1
        out.append(Attribution(cue=(tok.i, cue_end), content=content,
                               speaker=noun_subject or subject_of(tok) or name_after(doc, tok, content),
                               pattern=pattern))
    paragraph_colons(doc, forms, out, subject_of)
    dash_quotes(doc, out)
    inverted_colons(doc, out)
    transcript_lines(doc, out)
    interview_answers(doc, out)
    headline_colons(doc, out)
    embedded_posts(doc, out)
    return revise(doc, out)


def _learned(doc: Any, tok: Any) -> Attribution | None:
    """The first complement pattern of ``tok`` that train says is an attribution."""
    if not tok.tag_.startswith("VB"):
        return None
    for key, cue, content in verb_candidates(doc, tok):
        if addressee_only(doc, tok, content, key.partition("|")[2]):
            continue
        if content[1] > content[0] and fires(key):
            return Attribution(cue=cue, content=before_next_speaker(doc, content), speaker=subject_of(tok),
                               pattern=key.partition("|")[2])
    return None
