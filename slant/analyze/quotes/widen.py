"""Widened speech candidates and their features, for the learned decision in
:mod:`slant.analyze.quotes.learned`.

The rules fire by cue word and pattern counts. Here every verb of saying or writing
(:data:`slant.analyze.quotes.cues.SPEECH_ACTS`) that the rules left without an attribution
offers every content it could report: a clause ("whether …", "what …" included), an object
("said the same"), an infinitive, a topic after a preposition ("talked about …", "spoke of
…", "called on …"), a short pro-form ("said so", "said yes"), a colon, the noun the verb
modifies ("a website called …", "the plan, first reported by …") and a passive clause ("X
was declared the winner"). Each candidate, and each attribution the rules made with a
speech verb, is described by sparse features (cue form, verb stem, pattern, dependency
labels, subject type, content length and first word, negation and modality, position,
quote marks, the learned pattern counts of the form and of its verb's forms pooled) that
the model weighs. Training (:mod:`slant.training.quotes.speech_model`) uses the same functions.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from slant.analyze.quotes.candidates import Attribution, across_lines, char_bounds, verb_candidates, where_or_when
from slant.analyze.quotes.frames import HYPOTHETICAL, clause_chain
from slant.analyze.quotes.cues import (
    _STEM_OF,
    SPEECH,
    SPEECH_ACTS,
    learned_counts,
    pattern_precision,
    stem_counts,
)
from slant.analyze.quotes.words import NOTHING_SAID

QUOTE_CHARS = set("\"“”«»")
TOPIC_PREPS = ("about", "of", "on", "over", "against", "for", "regarding", "concerning")
# prepositions that take the content only right after the verb ("pointed to …", "hinting
# at …"); further off they are a place, a time or a person ("asked them at the meeting")
NEAR_PREPS = ("to", "at", "into", "with")
PRO_FORMS = {"so", "this", "that", "otherwise", "as", "much", "same", "yes", "no",
             "everything", "nothing"}
WH_WORDS = {"whether", "what", "if", "how", "why", "who", "when", "where", "which"}
# patterns of the rules' own attributions the model may weigh (the layout's colons, dashes,
# transcripts and "according to" stay as they are)
VERB_PATTERNS = {"clause", "parataxis", "ccomp", "dobj", "xcomp", "prep", "colon",
                 "as_clause", "described_as"}
# the high-precision core the model leaves alone: a hand-written verb of saying with a
# clause, a parataxis or a colon ("X said (that) …", "…, X said", "X said: …")
CORE_PATTERNS = {"clause", "parataxis", "colon"}
# a rule's pattern named as the learned counts name it
COUNT_PATTERN = {"clause": "ccomp"}
NOUN_TAGS = ("NN", "NNS")
# complements that hold a verb's own words, after which the noun it modifies is not what
# it reports
OWN_WORDS = ("oprd", "dobj", "attr", "dative")
WHEN = ("DATE", "TIME")
PRONOUNS = {"he", "she", "they", "i", "we", "it", "you", "who"}


def is_candidate_cue(tok: Any) -> bool:
    """A verb of saying or writing, not negated ("did not mention" reports no speech), or a
    common noun of one ("his attacks on …", "calls for …", "claims that …")."""
    from slant.analyze.quotes.frames import negated

    from slant.analyze.quotes.shapes import self_styled

    if tok.lower_ not in SPEECH_ACTS or self_styled(tok):
        return False
    if tok.tag_ in NOUN_TAGS:
        return not denied_noun(tok)
    return tok.tag_.startswith("VB") and not negated(tok)


def denied_noun(tok: Any) -> bool:
    """A noun of saying said not to have happened: "no mention of", "made no mention",
    "has never made any mention of" (a "no" on the noun, or a negation on the verb it is the
    object of)."""
    if any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
        return True
    head = tok.head
    return tok.dep_ == "dobj" and head.i != tok.i and \
        any(c.dep_ == "neg" or c.lower_ == "never" for c in head.children)


# verbs whose infinitive happened ("went on to say", "continued to explain"); an infinitive
# of purpose ("used blunt language to denounce …") is an adverbial clause and happened too
GOING_ON = {"go", "went", "gone", "goes", "going", "continue", "continues", "continued",
            "continuing", "begin", "began", "begins", "beginning", "start", "started", "starts",
            "starting", "proceed", "proceeded", "hasten", "hastened", "rush", "rushed", "took",
            "take", "taken", "taking", "use", "used", "uses", "using", "prompted", "prompt",
            "prompts", "led", "lead", "leads"}
# what may close a sentence after its last word
CLOSERS = QUOTE_CHARS | {")", "’", "'"}
MODALS = HYPOTHETICAL | {"will", "would", "shall", "must", "wo"}


def unrealised(tok: Any) -> bool:
    """Whether a widened cue reports words that were not (yet) said: a modal on it or on
    the verbs it hangs from ("will inform", "must demand", "would explain"), an infinitive
    of intent or obligation ("calls to condemn", "wanted to ask", "would have to tell"), or a
    question ("Did the accuser tell anyone about …?"), its question mark outside any quote."""
    if tok.tag_ in NOUN_TAGS:
        return False
    if any(c.dep_ == "aux" and (c.tag_ == "MD" or c.lower_ in MODALS)
           for v in clause_chain(tok) for c in v.children):
        return True
    if any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children) and (
            tok.dep_ != "advcl" and tok.head.lower_ not in GOING_ON or
            any(c.dep_ == "neg" for c in tok.head.children)):
        return True  # "plans to demand"; "did not answer calls to denounce …"
    return in_question(tok)


def in_question(tok: Any) -> bool:
    """Whether ``tok``'s sentence is a question of its own: it ends with a question mark
    that no quote opened after ``tok`` holds ("…, saying, “What do you intend?”" is not;
    "Did X tell anyone about the “leak” at the time?" is)."""
    sent = tok.sent
    last = next((t for t in reversed(sent) if not t.is_space and t.text not in CLOSERS), None)
    if last is None or last.text != "?":
        return False
    marks = [t.text for t in sent.doc[tok.i:last.i] if t.text in QUOTE_CHARS or t.text in "‘’"]
    straight = marks.count('"') % 2 == 1
    return not (marks and (marks[-1] in "“‘«" or marks[-1] == '"' and straight))


def noun_widened(doc: Any, tok: Any) -> Iterator[tuple[str, tuple[int, int], tuple[int, int]]]:
    """A noun of saying's content: a topic after a preposition ("attacks on X", "calls for
    X"), a clause ("claims that …") or an infinitive ("his vow to …")."""
    for c in tok.children:
        if c.i <= tok.i:
            continue
        if c.dep_ == "prep" and c.lower_ in TOPIC_PREPS:
            objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            if objs:
                yield (f"noun:prep:{c.lower_}", (tok.i, c.i + 1),
                       char_bounds(doc, objs[0].left_edge.i, objs[0].right_edge.i + 1))
        elif c.dep_ in ("acl", "ccomp", "relcl") and c.tag_.startswith("VB"):
            kind = "inf" if any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children) else "clause"
            if kind == "clause" and c.dep_ == "relcl":
                continue  # "the claims he made": a relative clause, not the content
            yield f"noun:{kind}", (tok.i, tok.i + 1), char_bounds(doc, c.left_edge.i, c.right_edge.i + 1)


def noun_speaker(tok: Any) -> Any | None:
    """Whose words a noun of saying reports: its possessor ("Trump's attacks"), its agent
    ("calls by officials"; one "from" someone is :func:`_sender`'s), else the subject of the
    verb it is the object of ("X renewed calls for …"), unless that verb defies or ignores
    them."""
    from slant.analyze.quotes.attribution import subject_of

    poss = next((c for c in tok.children if c.dep_ == "poss"), None)
    if poss is not None:
        return poss
    agent = next((g for c in tok.children if c.dep_ == "prep" and c.lower_ == "by"
                  for g in c.children if g.dep_ == "pobj" and g.ent_type_ not in ("GPE", "LOC", "DATE", "TIME")), None)
    if agent is not None:  # ("from" is _sender's; a report "by Monday" is no one's)
        return agent  # "defying calls by officials not to …": the officials call
    head = tok.head
    if tok.dep_ in ("dobj", "nsubjpass") and head.i != tok.i and head.tag_.startswith("VB") \
            and not head.lower_.startswith(DEFYING):
        subj = subject_of(head)  # (not the noun itself: "The newest warning … has been released")
        return None if subj is not None and subj.i == tok.i else subj
    return None  # (whoever defies or ignores the calls is not who made them)


# verbs whose subject answers, weighs or uses someone else's words, not their speaker ("denied
# claims that …", "bolsters the claim that …", "answered questions about …")
DEFYING = ("defy", "defie", "ignor", "reject", "rebuff", "resist", "flout", "disregard", "heed", "deny", "deni",
           "disput", "dismiss", "rebut", "refut", "debunk", "counter", "challeng", "contest", "question",
           "bolster", "fuel", "strengthen", "undermin", "weaken", "investigat", "examin", "answer")


def widened(doc: Any, tok: Any) -> Iterator[tuple[str, tuple[int, int], tuple[int, int]]]:
    """(pattern, cue token bounds, content char bounds) for one verb token, more widely than
    :func:`slant.analyze.quotes.candidates.verb_candidates`: every preposition, pro-forms."""
    if tok.tag_ in NOUN_TAGS:
        yield from noun_widened(doc, tok)
        return
    if not tok.tag_.startswith("VB"):
        return
    seen: set[tuple[int, int]] = set()
    objects: dict[tuple[int, int], tuple[str, tuple[int, int]]] = {}
    for key, cue, content in verb_candidates(doc, tok):
        pattern = key.partition("|")[2]
        if pattern.startswith("prep:"):
            continue  # every preposition is offered below
        if pattern == "dobj":  # ("asked the mayor about the plant": a topic after "about")
            objects[content] = (pattern, cue)
            continue
        seen.add(content)
        yield pattern, cue, content
    for c in tok.children:
        if c.i <= tok.i:
            continue
        if c.dep_ == "prep" and (c.lower_ in TOPIC_PREPS or
                                 c.lower_ in NEAR_PREPS and c.i - tok.i <= 2):
            objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            if objs and objs[0].ent_type_ not in WHEN and not where_or_when(c, objs[0]):  # "… on Monday", "on the show"
                g = objs[0]
                content = char_bounds(doc, g.left_edge.i, g.right_edge.i + 1)
                if content not in seen and not across_lines(doc, tok, content):
                    seen.add(content)
                    yield f"prep:{c.lower_}", (tok.i, c.i + 1), content
        elif c.dep_ in ("advmod", "dobj", "attr", "npadvmod", "intj") and c.lower_ in PRO_FORMS:
            content = char_bounds(doc, c.left_edge.i, c.right_edge.i + 1)
            if content not in seen:
                seen.add(content)
                yield "pro", (tok.i, tok.i + 1), content
    for content, (pattern, cue) in objects.items():
        if content not in seen:
            seen.add(content)
            yield pattern, cue, content
    for pattern, content in reported_shapes(doc, tok):
        if content not in seen:
            seen.add(content)
            yield pattern, (tok.i, tok.i + 1), content


def reported_shapes(doc: Any, tok: Any) -> Iterator[tuple[str, tuple[int, int]]]:
    """What a verb of saying reports when the words are its own head or subject: the noun
    it modifies ("a website called …", "the plan, first reported by …", "the ads he
    announced") and a passive clause ("X was declared the winner", "the motion was
    denied"); only for the hand-written verbs of saying, since most other verbs in
    :data:`SPEECH_ACTS` have senses that are no speech there ("was welcomed by", "a man
    attacked by …", "cheered by onlookers")."""
    if tok.lower_ not in SPEECH:
        return
    right = [c for c in tok.children if c.i > tok.i]
    if any(c.dep_ in ("ccomp", "xcomp") or c.dep_ == "prep" and c.lower_ == "as" for c in right):
        return  # the verb's own clause holds the words ("was quoted as saying …")
    head = tok.head
    if any(c.dep_ in OWN_WORDS for c in right):
        pass  # "which X called “…”": its object holds the words, not the noun it modifies
    elif tok.dep_ in ("acl", "relcl", "amod") and head.i != tok.i and \
            head.tag_.startswith(("NN", "WP", "WDT", "DT", "PRP")):
        yield "head", char_bounds(doc, head.left_edge.i, head.right_edge.i + 1)
    subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    if subj is not None and subj.lower_ not in ("it", "this", "that", "which", "who"):
        yield "passive", char_bounds(doc, tok.left_edge.i, tok.right_edge.i + 1)


def widened_speaker(tok: Any, pattern: str) -> Any | None:
    """Who says a widened candidate's words: the noun's possessor or the verb's subject;
    for a modified noun or a passive clause, the agent ("by The Post") or nobody."""
    from slant.analyze.quotes.attribution import subject_of

    if tok.tag_ in NOUN_TAGS:
        return _sender(tok) or noun_speaker(tok)
    if pattern in ("head", "passive"):
        agent = next((c for c in tok.children if c.dep_ == "agent"), None)
        objs = [g for g in agent.children if g.dep_ == "pobj"] if agent is not None else []
        return objs[0] if objs else None
    return subject_of(tok)


# people a call or a complaint comes from, besides names and role nouns
SENDERS = {"citizen", "citizens", "resident", "residents", "reader", "readers", "viewer", "viewers", "caller",
           "callers", "constituent", "constituents", "parent", "parents", "neighbour", "neighbor", "neighbours",
           "neighbors", "member", "members", "customer", "customers", "woman", "man", "women", "men"}


def _sender(tok: Any) -> Any | None:
    """Whom a noun of saying comes from: "a call from a worried neighbour about …", "a claim
    from Roe about …" (whoever received it did not say it); a person, a group or
    an organisation, not a place or a time ("a letter from prison")."""
    from slant.analyze.quotes.words import people_noun

    objs = [g for p in tok.children if p.dep_ == "prep" and p.lower_ == "from" and p.i > tok.i
            for g in p.children if g.dep_ == "pobj"]
    if not objs:
        return None
    g = objs[0]
    return g if g.ent_type_ in ("PERSON", "ORG", "NORP") or people_noun(g) or g.lower_ in SENDERS else None


def _subject_type(tok: Any) -> str:
    from slant.analyze.quotes.attribution import subject_of

    subj = noun_speaker(tok) if tok.tag_ in NOUN_TAGS else subject_of(tok)
    if subj is None:
        return "none"
    if subj.lower_ in PRONOUNS:
        return "pron"
    if subj.ent_type_:
        return subj.ent_type_
    return "noun" if subj.tag_.startswith("NN") else "other"


def _length(n: int) -> str:
    for limit, name in ((1, "1"), (2, "2"), (3, "3"), (6, "4-6"), (15, "7-15")):
        if n <= limit:
            return name
    return "16+"


def _first_word(doc: Any, content: tuple[int, int]) -> str:
    span = doc.char_span(content[0], content[1], alignment_mode="expand")
    if span is None or not len(span):
        return "none"
    first = span[0]
    if first.text in QUOTE_CHARS and len(span) > 1:
        first = span[1]
    return first.lower_ if first.lower_ in WH_WORDS | PRO_FORMS | {"that", "to", "the"} else first.tag_


def features(doc: Any, tok: Any, pattern: str, content: tuple[int, int], origin: str,
             nested: bool) -> dict[str, float]:
    """Sparse features of one candidate: string features have value 1, counts are scaled."""
    from slant.analyze.parse import doc_text

    text = doc_text(doc)
    form = tok.lower_
    stem = _STEM_OF.get(form, form)
    pat = pattern.partition(":")[0] if origin == "wide" else pattern
    words = len(text[content[0]:content[1]].split())
    sent = tok.sent
    feats = {f"origin={origin}": 1.0, f"form={form}": 1.0, f"stem={stem}": 1.0,
             f"pat={pattern}": 1.0, f"stem|pat={stem}|{pattern}": 1.0,
             f"origin|pat={origin}|{pat}": 1.0, f"dep={tok.dep_}": 1.0, f"tag={tok.tag_}": 1.0,
             f"subj={_subject_type(tok)}": 1.0, f"len={_length(words)}": 1.0,
             f"first={_first_word(doc, content)}": 1.0,
             f"pos={_length(tok.i - sent.start)}": 1.0}
    if any(c.tag_ == "MD" for c in tok.children):
        feats["modal"] = 1.0
    if any(ch in QUOTE_CHARS for ch in text[content[0]:content[1]]):
        feats["marks"] = 1.0
    if content[1] <= doc[tok.i].idx:
        feats["before_cue"] = 1.0
    if nested:
        feats["nested"] = 1.0
    if sent.start == 0 or "\n" in doc[sent.start - 1].text_with_ws:
        feats["para_start"] = 1.0
    feats.update({f"{origin}|{k}": v for k, v in list(feats.items()) if not k.startswith("origin")})
    key = f"{form}|{COUNT_PATTERN.get(pattern, pattern)}"
    hits, seen = learned_counts().get(key, (0, 0))
    stem_hits, stem_seen = stem_counts().get(f"{stem}|{COUNT_PATTERN.get(pattern, pattern)}", (0, 0))
    feats["stem_precision"] = stem_hits / (stem_seen + 2.0)
    feats["count_precision"] = pattern_precision(key)
    feats["count_seen"] = math.log1p(seen) / 5
    feats["count_hits"] = math.log1p(hits) / 5
    return feats


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def nested_in(content: tuple[int, int], atts: list[Attribution], skip: int = -1) -> bool:
    """Whether most of ``content`` lies in another attribution's content (``atts[skip]``
    left out)."""
    half = 0.5 * (content[1] - content[0])
    return any(_overlap(content, a.content) > half for i, a in enumerate(atts) if i != skip)


def rule_candidates(doc: Any, atts: list[Attribution]) -> Iterator[tuple[int, dict[str, float]]]:
    """(index, features) of each rule attribution the model may weigh: a verb of saying or
    writing with a pattern read from the parse, outside the hand-written core."""
    for k, att in enumerate(atts):
        tok = doc[att.cue[0]]
        if att.pattern not in VERB_PATTERNS or not is_candidate_cue(tok) or \
                att.pattern in CORE_PATTERNS and tok.lower_ in SPEECH:
            continue
        yield k, features(doc, tok, att.pattern, att.content, "rule", nested_in(att.content, atts, k))


def wide_candidates(doc: Any, atts: list[Attribution]) -> Iterator[tuple[Attribution, dict[str, float]]]:
    """Widened candidates of the speech verbs the rules left without an attribution, but
    not of a cue whose words were not (yet) said (:func:`unrealised`)."""
    from slant.analyze.parse import doc_text
    from slant.analyze.quotes.addressees import addressee_only

    cues = {a.cue[0] for a in atts}
    contents = {a.content for a in atts}
    text = doc_text(doc)
    for tok in doc:
        if tok.i in cues or not is_candidate_cue(tok) or unrealised(tok):
            continue
        for pattern, cue, content in widened(doc, tok):
            if content[1] <= content[0] or content in contents or \
                    addressee_only(doc, tok, content, pattern) or \
                    text[content[0]:content[1]].lower() in NOTHING_SAID:
                continue  # "said nothing": no words
            speaker = widened_speaker(tok, pattern)
            if speaker is not None and pattern not in ("head", "passive") and \
                    content[0] <= speaker.idx < content[1]:
                continue  # the "speaker" is a word of the content ("saying public Mass")
            feats = features(doc, tok, pattern, content, "wide", nested_in(content, atts))
            yield (Attribution(cue=cue, content=content, speaker=speaker,
                               pattern=f"learned:{pattern}"), feats)
