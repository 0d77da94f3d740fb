"""Repairs to the dependency parse where the small English model reads a news sentence's
attribution wrong in ways that are plain to see: a speaker's name hung on a fronted phrase,
the words a verb of telling gives hung on its hearer, a verb of saying joined to the clause it
reports. Each repair moves a few heads and labels and returns how many it changed; the parse
stage runs them all (its version counts them)."""

from __future__ import annotations

from typing import Any


def repair(doc: Any) -> int:
    """Every repair below, in order; how many heads moved."""
    return (fronted_subjects(doc) + told_clauses(doc) + past_conjuncts(doc)
            + implying_participles(doc) + told_hearers(doc) + relative_subjects(doc)
            + fronted_participles(doc))


def relative_subjects(doc: Any) -> int:
    """Give a name back to the verb after its relative clause when the parser made it a
    second subject of the clause's verb: in "Lee, meanwhile, who sits on no board, said …"
    Lee said it; "who" sits. Returns how many subjects were moved."""
    moved = 0
    for verb in doc:
        subjs = [c for c in verb.children if c.dep_ == "nsubj"]
        who = next((c for c in subjs if c.lower_ in ("who", "which")), None)
        name = next((c for c in subjs if c is not who and c.tag_ in ("NNP", "NNPS", "NN", "NNS")), None)
        main = verb.head
        if who is None or name is None or name.i > who.i or main.i <= verb.i or not main.tag_.startswith("VB") \
                or any(c.dep_ in ("nsubj", "nsubjpass") for c in main.children):
            continue
        name.head, name.dep_ = main, "nsubj"
        verb.head, verb.dep_ = name, "relcl"
        moved += 1
    return moved


def fronted_participles(doc: Any) -> int:
    """Give a participle that opens a sentence back to the clause right after its comma
    when the parser hung it elsewhere: in "Emphasizing the urgency, Lee said, “If we …”" Lee
    emphasizes it, not the quoted verb. Returns how many participles were moved."""
    moved = 0
    for tok in doc:
        if tok.dep_ != "advcl" or tok.tag_ != "VBG" or tok.i != tok.sent.start:
            continue
        k = tok.right_edge.i + 1
        if k + 1 >= len(doc) or doc[k].text != ",":
            continue
        subj = doc[k + 1]
        while subj.dep_ == "compound" and subj.head.i > subj.i:
            subj = subj.head
        main = subj.head
        if subj.dep_ != "nsubj" or main.i == tok.head.i or main.i <= subj.i or subj.left_edge.i != k + 1:
            continue
        tok.head = main
        moved += 1
    return moved


def fronted_subjects(doc: Any) -> int:
    """Give back their subject to the clauses the parser read as an apposition to a fronted
    phrase: in "According to a former aide, Senator Ann Roe was …" the name is the subject of
    "was", not the aide; so in "After winning narrowly in Iowa, Ann Roe, the nominee, was
    bracing …". The phrase must open the sentence, the name follow its comma, and the verb
    right after the name (and its own apposition) have no subject of its own. Returns how
    many subjects were restored."""
    fixed = 0
    for tok in doc:
        named = [c for c in tok.children
                 if c.dep_ == "appos" and any(t.ent_type_ in ("PERSON", "ORG") for t in c.subtree)]
        # a name, or a noun with a name in apposition ("…, her senior adviser, Jake Lane, said")
        if tok.dep_ != "appos" or not (tok.ent_type_ in ("PERSON", "ORG") or tok.tag_ in ("NN", "NNS") and named) \
                or tok.right_edge.i + 1 >= len(doc) or not (noun := tok.head).dep_ == "pobj" or noun.i > tok.i:
            continue
        top = noun  # the fronted phrase: up from the noun while its heads come before the name
        while top.head.i != top.i and top.head.i < tok.i:
            top = top.head
        verb = top.head
        k = tok.right_edge.i + 1
        if doc[k].text == "," and k + 1 < len(doc) and doc[k].head.i != tok.i:
            k += 1  # "Ann Roe, the nominee, was …": the closing comma hung on the phrase
        after = doc[k]  # the verb, or its auxiliary, right after the name
        if top.dep_ not in ("prep", "advcl") or top.left_edge.i != top.sent.start or verb.i <= tok.right_edge.i \
                or not (after.i == verb.i or after.head.i == verb.i and after.dep_ in ("aux", "auxpass")) \
                or not any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in (verb, after)) \
                or doc[tok.left_edge.i - 1].text != "," \
                or any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in verb.children) \
                or tok.ent_type_ and any(c.ent_type_ == "PERSON" or any(
                    g.dep_ == "appos" and g.ent_type_ == "PERSON" for g in c.children) for c in named):
            continue  # ("In a letter to the premier, Ann Roe, her father, Tom Roe, wrote": not Ann)
        tok.head = verb
        tok.dep_ = "nsubjpass" if any(c.dep_ == "auxpass" for c in verb.children) else "nsubj"
        fixed += 1
    return fixed


def past_conjuncts(doc: Any) -> int:
    """Give a past-tense verb with no subject back to the past-tense verb whose reported
    clause the parser joined it to, when the verb it hangs on has a modal or "do" ("can be",
    "could not comment", "did not match"): in "Lee said contractors can be more expensive and
    cited the screeners" Lee cited them; "can be … and cited" cannot go together ("said the
    company owes money and refused to pay" stays the company's). Returns how many verbs were
    moved."""
    moved = 0
    for tok in doc:
        head = tok.head
        helped = any(c.dep_ == "aux" and c.tag_ in ("MD", "VBD", "VBZ", "VBP") for c in head.children)
        if tok.dep_ != "conj" or tok.tag_ != "VBD" or head.tag_ != "VB" or not helped \
                or head.i > tok.i or any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in tok.children) \
                or any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children):
            continue
        up = head
        while up.dep_ in ("conj", "xcomp", "advcl") and up.head.i != up.i:
            up = up.head
        verb = up.head
        if up.dep_ != "ccomp" or verb.tag_ != "VBD" or verb.i > head.i \
                or not any(c.dep_ == "nsubj" for c in verb.children):
            continue
        tok.head = verb
        moved += 1
    return moved


# plural hearers the parser runs into the told clause's subject ("told reporters Roe had …")
HEARERS = {"reporters", "journalists", "lawmakers", "supporters", "officials", "investigators",
           "aides", "students", "voters", "colleagues", "listeners", "viewers", "followers",
           "delegates", "donors", "officers", "agents", "senators", "staffers", "members",
           "parents", "residents", "friends", "fans", "employees", "workers", "police"}


def told_hearers(doc: Any) -> int:
    """Give a verb of telling back its hearers when the parser made them a compound on the
    told clause's subject: in "Lee told reporters Roe had threatened to sue" the reporters
    are told, and Roe is the subject. Returns how many hearers were moved."""
    moved = 0
    for tok in doc:
        if tok.lower_ not in HEARERS or tok.dep_ != "compound" or tok.i == 0 \
                or (verb := doc[tok.i - 1]).lower_ not in HEARER_VERBS:
            continue
        subj = tok.head
        if subj.dep_ not in ("nsubj", "nsubjpass") or subj.head.dep_ != "ccomp" or subj.head.head.i != verb.i \
                or subj.tag_ not in ("NNP", "NNPS"):  # ("warned police officers would …": the officers)
            continue
        tok.head = verb
        tok.dep_ = "dobj"
        moved += 1
    return moved


# verbs of saying whose reported clause "…, implying" may have been hung in (not "believes",
# "showed": "The data showed …, suggesting …" is the data's); the parse stage cannot import
# the quotes package's SPEECH_ACTS (the quotes package imports the parse)
SAYING = {f"{stem}{end}" for stem in (
    "question", "ask", "argu", "claim", "stat", "not", "add", "insist", "contend", "complain",
    "explain", "declar", "announc", "tweet", "repli", "answer", "respond", "assert", "warn",
    "wonder", "criticiz", "criticis", "mention") for end in ("ed", "es", "s", "e")} | {
    "said", "says", "say", "told", "tells", "wrote", "writes", "replied", "replies"}
# participles of what a speaker meant by the words before them ("…, implying that …")
IMPLYING = {"implying", "suggesting", "insinuating", "hinting", "signaling", "signalling"}


def implying_participles(doc: Any) -> int:
    """Give "implying" and its kin back to the verb of saying whose reported clause the parser
    hung them in: in "Roe questioned why Lee's wife did not speak, implying that she was
    forbidden" Roe implies it, and the question ends before the comma. Returns how many
    participles were moved."""
    moved = 0
    for tok in doc:
        if tok.dep_ != "advcl" or tok.lower_ not in IMPLYING or tok.i == 0 or doc[tok.i - 1].text != ",":
            continue
        up = tok.head
        while up.dep_ in ("conj", "advcl", "xcomp", "relcl", "acl") and up.head.i != up.i:
            up = up.head
        verb = up.head
        if up.dep_ != "ccomp" or up.i == verb.i or verb.lower_ not in SAYING or verb.i > tok.i \
                or not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            continue
        tok.head = verb
        moved += 1
    return moved


# verbs that take a hearer and then what was said, with no "that" ("told officers they were
# leaving"): a few of the quotes stage's addressing verbs (quotes.addressees.TELLING), those
# the parser gets wrong so
HEARER_VERBS = {"told", "tell", "tells", "telling", "assured", "assures", "warned", "warns", "reminded", "informed"}


def told_clauses(doc: Any) -> int:
    """Give a verb of telling back the words the parser hung on its hearer as a relative
    clause: in "Roe told officers they were leaving" the officers are told, and "they were
    leaving" is what Roe said (a relative clause needs no pronoun subject of its own there).
    Returns how many clauses were moved."""
    moved = 0
    for tok in doc:
        if tok.dep_ != "relcl" or not tok.tag_.startswith("VB") or (hearer := tok.head).dep_ != "dobj" \
                or hearer.head.lower_ not in HEARER_VERBS or hearer.i + 1 >= len(doc):
            continue
        first = doc[hearer.i + 1]
        if first.tag_ != "PRP" or first.dep_ not in ("nsubj", "nsubjpass") or first.head.i != tok.i \
                or tok.left_edge.i != first.i or any(t.dep_ in ("ccomp", "xcomp") for t in tok.subtree):
            continue  # ("told the players he had recruited that …": a relative clause, then the words)
        tok.head = hearer.head
        tok.dep_ = "ccomp"
        hearer.dep_ = "dative"
        moved += 1
    return moved
