"""The frame a cue stands in, where it changes who spoke or whether anyone did.

- a verb of criticism or praise reports its object's words, not its subject's, in "X
  condemned Y for saying …": Y said it (:func:`criticised_speaker`);
- a cue in a hypothetical or denied frame reports no speech: "if someone asks …", "they
  might say …", "asked if X had told him …", "no note was attached to say …"
  (:func:`unreal`);
- a passive cue with neither subject nor agent has no speaker: in "As was reported at
  the time, two trustees issued …" the trustees issued, nobody is said to have reported
  (:func:`impersonal`);
- a pronoun never stands for a name its own clause holds: in "He told Noah, “…”" he is
  not Noah, in "Like Saviano, he said …" not Saviano (:func:`bound_object`).
"""

from __future__ import annotations

from typing import Any

from slant.analyze.quotes.addressees import ADDRESSING
from slant.analyze.quotes.words import PREVENTING

__all__ = ["CRITICISM", "bound_object", "criticised_speaker", "impersonal", "place_doing", "unreal"]


def _forms(*stems: str) -> set[str]:
    out = set()
    for stem in stems:
        base = stem.rstrip("e")
        out |= {stem, stem + "s", base + "ed", base + "ing"}
    return out


# verbs whose object is the one criticised or praised, and whose "for …" clause is what
# that object did or said
CRITICISM = _forms("slam", "criticise", "criticize", "attack", "blast", "praise", "accuse",
                   "condemn", "denounce", "fault", "rebuke", "chastise", "scold", "mock",
                   "ridicule", "lambast", "lambaste", "castigate", "berate", "commend", "hail",
                   "thank", "applaud", "censure", "reprimand", "excoriate", "chide", "blame",
                   "deride", "decry", "laud", "salute", "congratulate", "apologise",
                   "thank", "target") | {"slammed", "slamming", "blasted", "blasting",
                                         "attacked", "attacking", "mocked", "mocking",
                                         "lambasted", "lambasting", "rapped", "ripped",
                                         "ripping", "hit", "hitting", "knocked", "panned"}
# verbs whose clause shows someone speaking, under the frame of the verb ("can you find X
# telling …", "you would never hear X say …")
PERCEPTION = {"find", "see", "hear", "imagine", "picture", "watch", "catch", "expect"}
# modal auxiliaries that make a cue a possibility, not a report
HYPOTHETICAL = {"might", "may", "could", "can", "should", "ca"}
# clause markers of a condition or an indirect question
CONDITION = {"if", "whether", "unless"}
# subjects that deny anyone spoke ("no note …", "nobody said")
NOBODY = {"nobody", "none", "noone", "neither", "nothing"}
# subjects that stand for anyone at all ("if someone asks")
ANYONE = {"someone", "somebody", "anyone", "anybody", "one", "you"}


def criticised_speaker(cue: Any) -> Any | None:
    """Y in "X condemned Y for saying …", "X praised Y for noting …": the object of the
    verb of criticism, who did the saying, when the cue is the "for" clause."""
    if cue.dep_ != "pcomp" or cue.head.lower_ != "for" or cue.head.head.i == cue.head.i:
        return None
    verb = cue.head.head
    if verb.lower_ not in CRITICISM:
        return None
    return next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)


def clause_chain(cue: Any) -> list[Any]:
    """The cue and the verbs it hangs from through conjunctions, infinitives and verbs of
    perception, up to its own clause's top ("might want to say", "asks and says", "can you
    find X telling"); not past a conjunct with a subject of its own, a clause apart ("“That may
    not be …,” X said" parsed with "said" a conjunct of the quote's verb)."""
    chain = [cue]
    tok = cue
    while (tok.dep_ in ("conj", "xcomp") or tok.dep_ in ("ccomp", "acl") and tok.head.lower_ in PERCEPTION) \
            and tok.head.i != tok.i and len(chain) < 4 and not (
                tok.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)):
        tok = tok.head
        chain.append(tok)
    return chain


def unreal(cue: Any, subject: Any | None = None) -> bool:
    """Whether the cue reports speech that did not happen or may not have: "without" before
    it, a condition or an indirect question around it ("if someone asks", "asked whether X
    had told him"), "nowhere" or a denied hearing ("you never hear X say"), a modal of
    possibility ("might say", "can say"; "would say" only under a condition or
    with anyone at all as subject), or a subject that denies anyone spoke ("no note was
    attached to say", "nobody said")."""
    chain = clause_chain(cue)
    if any(_awaited(v) for v in chain):
        return True  # "want priests to start denouncing …"
    if _generic(cue):
        return True
    if cue.dep_ == "xcomp" and cue.head.dep_ == "acomp" and (cue.head.lower_ in RELUCTANT or any(
            c.lower_ == "too" for c in cue.head.children)):
        return True  # "was afraid to say", "too proud to admit": not said
    if cue.dep_ == "pcomp" and cue.head.lower_ == "from" and cue.head.head.lower_ in PREVENTING \
            and not any(c.dep_ == "neg" or c.dep_ == "nsubj" and c.lower_ in NOBODY for c in cue.head.head.children):
        return True  # "prevented his wife from writing about it"
    if any((v.dep_ == "pcomp" and v.head.lower_ == "without") or
           (v.dep_ == "acl" and v.head.dep_ == "pobj" and v.head.head.lower_ == "without") for v in chain):
        return True  # "without the person committing a crime or even threatening to"
    if any(c.lower_ == "nowhere" or (c.dep_ == "neg" and k and v.lower_ in PERCEPTION)
           for k, v in enumerate(chain) for c in v.children):
        return True  # "nowhere can you find X telling …", "you never hear X say …"
    # a modal on the verb of perception describes the hearing, not the speech ("you can
    # hear a man yelling …" on a recording)
    chain = chain[:next((k for k, v in enumerate(chain) if k and v.lower_ in PERCEPTION), len(chain))]
    marks = {c.lower_ for v in chain for c in v.children if c.dep_ == "mark"}
    if cue.lower_ in ASKING and any(c.dep_ in ("dobj", "dative") and c.lower_.endswith(("self", "selves"))
                                    for c in cue.children):
        return True  # "she asked herself, “…”": thought, not said
    own = {c.lower_ for c in cue.children if c.dep_ == "mark"}
    if "as" in own and own & {"if", "though"}:
        # "as if to suggest …", "as though someone had told me …": the writer's likeness, not speech
        return True
    if marks & CONDITION and not _as_if(chain):
        return True
    if any(c.lower_ == "once" and c.i == v.left_edge.i and v.tag_ in ("VBZ", "VBP") and any(
            s.dep_ == "nsubj" and s.left_edge.i == c.i + 1 for s in v.children) for v in chain for c in v.children):
        return True  # "once the government labels …": when it does, if ever ("Once a week, X tells …" is speech)
    if any(v.head.lower_ in SEEMING and v.dep_ in ("advcl", "ccomp") and any(
            c.dep_ == "mark" and c.lower_ in ("like", "if", "though") for c in v.children) for v in chain):
        return True  # "it sounds like he is saying …": how it strikes the writer, not speech
    auxes = {c.lower_ for v in chain for c in v.children if c.dep_ == "aux" and c.tag_ == "MD"}
    if cue.dep_ == "pcomp" and cue.head.dep_ == "prep" and cue.head.head.tag_.startswith("VB") and any(
            c.dep_ == "aux" and c.lower_ == "would" for c in cue.head.head.children):
        return True  # "would get away with saying …": what someone would say
    if "would" in auxes and any(v.lower_ == "have" for v in chain[1:]):
        return True  # "the priest would have to insist …"
    if subject is None:
        subject = next((c for v in chain for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if cue.dep_ == "pcomp" and cue.head.lower_ in ("before", "until") and any(
            c.dep_ == "aux" and c.lower_ in FUTURE for v in clause_chain(cue.head.head)
            for c in v.children):
        return True  # "officials will wait … before declaring the outbreak over": not yet
    if subject is not None and subject.lower_ in ("i", "we") and (auxes & FUTURE or any(
            v.lower_ == "going" and v.i < cue.i for v in chain[1:])):
        return True  # "I’ll ask, “…”", "I’m going to ask …": the writer's words to come
    if auxes & HYPOTHETICAL:
        # "I can say that …", "we can confirm …": the speaker saying it, not a possibility
        return not (subject is not None and subject.lower_ in ("i", "we") and auxes <= {"can", "may"})
    if subject is not None:
        low = subject.lower_
        if low in NOBODY or low in ("anyone", "anybody") or any(
                c.dep_ in ("det", "preconj") and c.lower_ in ("no", "neither") for c in subject.children):
            return True  # ("where I first heard anyone claim that …": no one in particular)
        if "would" in auxes and (low in ANYONE or _conditional_sentence(cue)):
            return True
    return False


# what "Not …" opens without denying: "Not until the hearing ended did she say …"
NOT_DENIALS = {"until", "long", "only", "since", "far", "least", "surprisingly", "unlike", "just"}
FUTURE = {"will", "shall", "'ll", "’ll"}  # auxiliaries of words still to come
# verbs whose object asked or told is oneself in thought: "she asked herself, “…”"
ASKING = {f for f in ADDRESSING if f.startswith(("ask", "tell", "told"))}
# verbs whose "X to say" is awaited or wished for, not said ("wait for the court to say who
# is right", "want the mayor to explain why")
AWAITING = {"wait", "waits", "waited", "waiting", "want", "wants", "wanted", "wanting", "expect",
            "expects", "expected", "expecting", "hope", "hopes", "hoped", "hoping", "need",
            "needs", "needed", "await", "awaits", "awaited", "awaiting"}


def _awaited(cue: Any) -> bool:
    """An infinitive with its own subject under a verb of waiting or wanting, or one of
    intent ("plans to accuse X of …", "is preparing to announce"): words not yet said."""
    if cue.head.i == cue.i or not any(c.dep_ == "aux" and c.tag_ == "TO" for c in cue.children):
        return False
    return cue.head.lower_ in AWAITING and any(c.dep_ == "nsubj" for c in cue.children) or \
        cue.dep_ == "xcomp" and cue.head.lower_ in INTENDING


RELUCTANT = {"afraid", "reluctant", "hesitant", "loath", "loth", "unwilling", "scared"}

INTENDING = {f"{stem}{end}" for stem, ends in (
    ("plan", ("", "s", "ned", "ning")), ("intend", ("", "s", "ed", "ing")), ("aim", ("", "s", "ed", "ing")),
    ("prepar", ("e", "es", "ed", "ing")), ("expect", ("", "s", "ed"))) for end in ends} | {
    "likely", "unlikely", "poised", "set", "due", "about", "willing", "unable", "ready"}  # "is likely to stress …"


SEEMING = {f"{stem}{end}" for stem in ("sound", "seem", "look", "appear") for end in ("", "s", "ed")} | {
    "feel", "feels", "felt"}


# heads that stand for anyone who says such a thing ("someone writing about …"; PolNeAR
# counts "people who ask …" and "anyone questioning …" as reports, so those stay)
GENERIC_HEADS = {"someone", "somebody", "everyone", "everybody", "whoever"}


def _generic(cue: Any) -> bool:
    """A cue that describes anyone who says such things, not a report: a participle on
    "someone", a present-tense relative clause on "everyone who …", "when we say", or "we
    are talking about …"."""
    if cue.dep_ == "advcl" and cue.tag_ == "VBP" and any(
            c.dep_ == "advmod" and c.lower_ in ("when", "whenever") for c in cue.children) and any(
            c.dep_ == "nsubj" and c.lower_ in ("we", "you") for c in cue.children):
        return True  # "When we say ‘…’, we mean …": what the words mean whenever used
    subjects = [c for c in cue.children if c.dep_ == "nsubj"]
    if any(c.tag_ == "WP" for c in subjects) and any(c.lower_ in ("those", "anyone", "everyone", "whoever") for c in subjects):
        return True  # "Those, however, who maintain its use often see …" parsed with "maintain" as the verb
    if cue.lower_ == "talking" and any(c.dep_ == "aux" and c.lower_ in ("are", "'re", "’re")
                                       for c in cue.children) and any(
            c.dep_ == "nsubj" and c.lower_ == "we" for c in cue.children):
        return True  # "We are talking about a man who …": what the talk now is about
    if cue.tag_ in ("VBZ", "VBP") and any(
            c.dep_ == "nsubj" and any(d.dep_ == "det" and d.lower_ in ("any", "every") for d in c.children)
            and any(d.dep_ == "relcl" and d.tag_ in ("VBZ", "VBP") for d in c.children)
            for c in cue.children):
        return True  # "Any business that tips them off admits that …": whoever would
    head = cue.head
    if head.i == cue.i or head.lower_ not in GENERIC_HEADS or any(c.dep_ == "det" for c in head.children):
        return False
    return cue.dep_ == "acl" and cue.tag_ == "VBG" or cue.dep_ == "relcl" and cue.tag_ in ("VBP", "VBZ")


def _as_if(chain: list[Any]) -> bool:
    """"as if" and "even if" mark a comparison or a concession, not a condition."""
    for v in chain:
        for c in v.children:
            if c.dep_ == "mark" and c.lower_ == "if" and c.i > 0:
                prev = c.doc[c.i - 1].lower_
                if prev in ("as", "even"):
                    return True
    return False


def _conditional_sentence(cue: Any) -> bool:
    """Whether the cue's sentence holds a condition ("If asked, X would say …"), not an
    indirect question ("would have to ask if …")."""
    return any(t.dep_ == "mark" and t.lower_ in ("if", "unless") and t.head.dep_ == "advcl" for t in cue.sent)


def bound_object(cue: Any, pronoun: Any, name: str, names_at: Any,
                 quoted: Any = lambda pos: False) -> bool:
    """Whether ``name``, given to the pronoun that is the cue's subject, is also named in the
    cue's clause outside quote marks: its object or addressee ("He told Noah, “…”": not
    Noah), a "like" phrase ("Like Saviano, he said …") or the clause it reports after it
    ("He said he gave Sessions the job because Sessions …"). A pronoun never stands for a
    name its own clause holds below it. ``names_at(start, end)`` gives the entity names
    mentioned in a character range and ``quoted(pos)`` whether a position is inside quote
    marks."""
    shared = cue.dep_ == "conj" and pronoun.head.i == cue.head.i  # "he was … and cites X"
    if (pronoun.head.i != cue.i and not shared) or not pronoun.dep_.startswith("nsubj"):
        return False
    parts = []
    for c in cue.children:
        if c.dep_ in ("dobj", "dative") or (c.dep_ == "ccomp" and c.i > pronoun.i):
            parts.append(c)
        elif c.dep_ == "prep" and c.lower_ in ("to", "like", "unlike"):
            parts.extend(g for g in c.children if g.dep_ == "pobj")
    for part in parts:
        for tok in part.subtree:
            if tok.i - part.left_edge.i > 120:
                break
            if tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") and not quoted(tok.idx) \
                    and name in names_at(tok.idx, tok.idx + len(tok)):
                return True
    return False


# passives whose subject is made or meant to do something, not one who said anything
PATIENT = {"expected", "supposed", "required", "forced", "allowed", "meant", "made", "obliged",
           "compelled", "permitted", "encouraged", "pressured"}


def impersonal(cue: Any) -> bool:
    """Whether the cue is a passive with no subject and no agent ("as has been reported",
    "as was said at the time"), or a passive of being made to ("we were expected to
    pretend …"): whatever the parse hangs it on did not say it."""
    kids = [c.dep_ for c in cue.children]
    if "auxpass" in kids and cue.lower_ in PATIENT:
        return True
    return "auxpass" in kids and not any(d in ("nsubjpass", "agent", "nsubj", "csubjpass") for d in kids)


def place_doing(cue: Any, head: Any) -> bool:
    """Whether the speaker the parse found is a place named as where something happened,
    with the cue hung on it as a participle ("filmed in Tarnby, Velmland chanting …
    and stating …"): the place says nothing."""
    verb = cue
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    if head.ent_type_ not in ("GPE", "LOC", "FAC"):
        return False
    if verb.dep_ == "acl" and verb.head.i == head.i:
        return head.dep_ == "pobj" or (head.dep_ == "appos" and head.head.dep_ == "pobj")
    # "in Tehran, Iran chanting …": a bare participle the parse gave the place as subject
    return verb.tag_ == "VBG" and verb.dep_ == "advcl" and head.head.i == verb.i \
        and head.dep_ == "nsubj" and not any(c.dep_ == "aux" for c in verb.children)


def negated(tok: Any, words: tuple[int, int] = (0, 0)) -> bool:
    """A cue said not to have happened: "did not mention", "does not say", "failed to note",
    "stopped short of declaring"; a "not" inside the words themselves (characters ``words``)
    does not count ("“Certainly not,” Roe said", which the parse can hang on the verb)."""
    if any(c.dep_ == "neg" and not words[0] <= c.idx < words[1] for c in tok.children):
        return True
    if any(c.lower_ in ("nor", "neither") and c.i == tok.left_edge.i for c in tok.children):
        return True  # "Nor do the notes mention …", "Neither did she say …"
    first = tok.doc[tok.sent.start]
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if first.lower_ in ("not", "never", "nowhere") and tok.doc[first.i + 1].lower_ not in NOT_DENIALS \
            and subj is not None and any(c.dep_ == "aux" and c.i < subj.i for c in tok.children) \
            and tok.left_edge.i == first.i:
        return True  # "Not even from the Cross did he decry …", "Never did she say …": inverted
    if tok.dep_ == "pcomp" and tok.head.lower_ == "of" and tok.head.head.lower_ == "short":
        return True  # "stopped short of declaring …": held back from it
    head = tok.head  # "cannot bring herself to say", parsed as a purpose clause
    infinitive = tok.dep_ == "xcomp" or \
        tok.dep_ == "advcl" and any(c.tag_ == "TO" for c in tok.children)
    return infinitive and head.i != tok.i and (
        head.lower_ in ("failed", "fails", "fail", "failing", "refused", "refuses", "refuse", "refusing", "declined",
                        "declines", "decline", "declining")
        or any(c.dep_ == "neg" for c in head.children))
