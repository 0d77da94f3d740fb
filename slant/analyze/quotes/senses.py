"""A speech verb in another sense: "called" someone (on the phone) or a meeting, "questioned"
or "charged" a person, "admit" someone (let them in), "called … into question" (doubted),
"observed" a thing (saw it), "claimed" lives (took them), "attacked with" a weapon or a
country attacking a place,
"Speaking of …" (a turn of phrase), a thing that "confirms", "reveals" or "touts" a thing (a
test, a video, a billboard: verified or shown, not said), and a
participle of inference after a clause that reports no speech ("X ordered two meals,
suggesting that …": the facts suggest it, no one said it)."""

from __future__ import annotations

from typing import Any

from slant.analyze.quotes.cues import SPEECH
from slant.analyze.quotes.words import PERSON_NOUNS, SAY_FORMS, SPEAKING_NOUNS_EXTRA

__all__ = ["other_sense"]

ADMIT_FORMS = {"admit", "admits", "admitted", "admitting"}
CALL_FORMS = {"call", "calls", "called", "calling"}
OBJECT_SENSES = CALL_FORMS | {"question", "questions", "questioned", "questioning", "charge",
                              "charges", "charged", "charging"} | ADMIT_FORMS
OBSERVE_FORMS = {"observe", "observes", "observed", "observing", "noticed", "notice", "notices",
                 "noticing", "spotted", "spot", "spots", "spotting",
                 # "the town boasts a harbour": has it ("boasted that …", "boasted of …" are speech)
                 "boast", "boasts", "boasted", "boasting"}
OBJECT_PEOPLE = {"him", "her", "them", "me", "us", "you", "police"}
CONVENED = {"meeting", "hearing", "election", "elections", "vote", "strike", "session",
            "conference", "summit", "referendum", "ceasefire", "truce", "halt", "recess"}

PHONED = {"number", "numbers", "line", "hotline", "911", "phone", "cellphone"}
# where someone is admitted, not what they admit: "admitted to the sacraments", "to the bar"
LET_INTO = {"sacraments", "sacrament", "communion", "hospital", "school", "university", "college", "bar",
            "priesthood", "seminary", "membership", "program", "programme", "academy"}
# what makes an attack one of force, not of words: "terrorist attacks on civilians"
VIOLENT = {"terrorist", "terror", "military", "rocket", "missile", "air", "suicide", "bomb", "knife", "gun", "armed",
           "deadly", "violent", "physical", "chemical", "drone", "mortar", "acid", "cyber", "nuclear", "lethal"}

CLAIM_FORMS = {"claim", "claims", "claimed", "claiming"}
RITES = {"mass", "grace", "prayers", "rosary", "vespers", "lauds", "office", "liturgy"}
ATTACK_FORMS = {"attack", "attacks", "attacked", "attacking"}
INFERRING = {"suggesting", "indicating", "showing", "implying", "meaning", "signalling",
             "signaling", "hinting"}
CLAIMED_TOLL = {"life", "lives", "victims", "casualties", "toll"}
SHOW_FORMS = {"confirm", "confirms", "confirmed", "confirming", "reveal", "reveals", "revealed",
              "revealing", "tout", "touts", "touted", "touting"}
# things that show or verify without saying; a report, a statement or a letter does say
SHOWING_THINGS = {"test", "tests", "video", "videos", "footage", "text", "texts", "original",
                  "evidence", "data", "records", "photo", "photos", "image", "images", "scan",
                  "scans", "sample", "samples", "analysis", "autopsy", "results", "dna",
                  "recording", "recordings", "camera", "cameras", "x-ray", "x-rays", "billboard",
                  "billboards", "sign", "signs", "poster", "posters", "banner", "banners", "science",
                  "findings", "finding", "numbers", "figures"}


# a verb of saying whose object makes it an act, not words: "dismissed the case" (a court's
# act), "declared a state of emergency" ("dismissed the charges" may be accusations denied,
# and PolNeAR counts "ordered a review" as speech)
ACTS = {
    **dict.fromkeys(("dismiss", "dismisses", "dismissed", "dismissing"), {
        "case", "cases", "lawsuit", "suit", "indictment", "count", "counts",
        "juror", "jurors", "appeal", "petition", "complaint", "motion"}),
    **dict.fromkeys(("declare", "declares", "declared", "declaring"), {
        "moratorium", "war", "bankruptcy", "independence", "emergency", "holiday", "disaster",
        "ceasefire", "truce", "curfew", "law", "mistrial"}),
    # "posted an overwhelming victory", "posted record losses": a result, not a post
    **dict.fromkeys(("post", "posts", "posted", "posting"), {
        "victory", "victories", "win", "wins", "gain", "gains", "loss", "losses", "record", "profit",
        "profits", "revenue", "revenues", "growth", "decline", "declines", "lead", "score", "surplus",
        "deficit", "earnings", "bail", "bond"}),
    # "charged a $100,000 initiation fee": a price asked, not an accusation
    **dict.fromkeys(("charge", "charges", "charged", "charging"), {
        "fee", "fees", "price", "prices", "rent", "interest", "premium", "premiums", "tuition",
        "admission"}),
}
READ_FORMS = {"read", "reads", "reading"}
WRITE_FORMS = {"write", "writes", "wrote", "writing", "written"}
RESPOND_FORMS = {"respond", "responds", "responded", "responding"}
SUMMONS = {"call", "calls", "scene", "emergency", "emergencies", "alarm", "alarms", "fire", "fires",
           "incident", "incidents", "disturbance", "crash", "shooting", "shootings"}
DENY_FORMS = {"deny", "denies", "denied", "denying"}
PERSON_SUBJECTS = {"i", "we", "you", "he", "she", "they"}
READ_OUT = {"statement", "statements", "letter", "declaration", "remarks", "passage", "prayer", "names",
            "verdict", "sentence", "message", "proclamation"}


def _into_question(cue: Any) -> bool:
    """"The allegations called her handling of it into question": doubt cast, no words."""
    return cue.lower_ in ("call", "calls", "called", "calling") and any(
        t.lower_ == "into" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ in ("question", "doubt")
        and (t.head.i == cue.i or t.head.dep_ == "dobj" and t.head.head.i == cue.i) for t in cue.subtree)


def other_sense(cue: Any) -> bool:
    """A speech verb in another sense: "called" someone (on the phone) or a meeting,
    "questioning" or "charged" a person, "admit" someone (let in): an object and no clause
    or complement ("called for …", "called X a liar", "questioned the figures", "admitted
    that …" are speech)."""
    if cue.lower_ in INFERRING and cue.dep_ in ("advcl", "xcomp", "conj") and cue.head.i != cue.i:
        # "Paddock ordered a burger and two drinks, suggesting that …": the narrator's
        # inference; after a verb of saying it is the speaker's ("X tweeted, suggesting …")
        return cue.head.lower_ not in SPEECH
    if cue.lower_ in ADMIT_FORMS and any(c.dep_ == "auxpass" for c in cue.children):
        return True  # "adulterers are being admitted to Communion": let in, not confessed
    if let_in(cue) or _into_question(cue):
        return True
    if cue.lower_ in ATTACK_FORMS:
        # "the boats attacked with torpedoes": a weapon, not words ("attacked her with a
        # barrage of tweets", with an object, may be words)
        return any(c.dep_ == "prep" and c.lower_ == "with" for c in cue.children) and \
            not any(c.dep_ == "dobj" for c in cue.children) or _war(cue) or any(
            c.dep_ in ("amod", "compound") and c.lower_ in VIOLENT for c in cue.children)  # "terrorist attacks on"
    if cue.lower_ == "speaking" and cue.i == cue.sent.start and \
            any(c.dep_ == "prep" and c.lower_ == "of" for c in cue.children):
        return True  # "Speaking of sanctions, …": the writer's turn of phrase
    if cue.lower_ in SAY_FORMS and any(c.dep_ == "dobj" and c.lower_.rstrip(".") in RITES
                                       for c in cue.children):
        return True  # "saying public Mass", "said grace": a rite celebrated, no words reported
    if cue.tag_ == "VB" and cue.i == cue.sent.start and cue.dep_ == "ROOT" and \
            not any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children):
        return True  # "Note that date.", "Remember what he promised": the writer to the reader
    if cue.lower_ in SHOW_FORMS:
        return _thing_shows(cue)
    if cue.lower_ in ACTS and _an_act(cue, ACTS[cue.lower_] | _COURT_ACTS.get(cue.lower_, set())
                                      if _court(cue) else ACTS[cue.lower_]):
        return True
    if _hedge(cue):
        return True
    if cue.lower_ in RESPOND_FORMS and any(c.dep_ == "prep" and c.lower_ == "to" and any(
            g.dep_ == "pobj" and g.lower_ in SUMMONS for g in c.children) for c in cue.children):
        return True  # "police responded to a call from …": went there; the call was another's
    if cue.lower_ in CALL_FORMS and any(c.dep_ == "prt" and c.lower_ == "off" for c in cue.children):
        return True  # "called off the project": cancelled (and "called X into question", above: doubt cast)
    if cue.lower_ in DENY_FORMS and any(c.dep_ == "dative" for c in cue.children):
        return True  # "denied Carter a photograph": withheld, not a denial
    if cue.lower_ in READ_FORMS:
        return _took_in(cue)
    if cue.lower_ in WRITE_FORMS and cue.tag_ == "VBG" and not any(c.dep_ in ("ccomp", "dobj") for c in cue.children) \
            and any(c.dep_ == "prep" and c.lower_ == "for" and any(
            g.dep_ == "pobj" and g.ent_type_ in ("ORG", "WORK_OF_ART") for g in c.children) for c in cue.children):
        return True  # "Writing for the Globe, Roe …": where Roe writes, not what
    if cue.lower_ in PLEAD_FORMS and any(c.lower_ in ("guilty", "innocent", "contest") for c in cue.children):
        return True  # "pleaded guilty to fraud": a plea entered in court, no words reported
    if cue.lower_ in CLAIM_FORMS:
        # "the outbreak has claimed 57 lives": took them, said nothing
        return any(c.dep_ == "dobj" and c.lower_ in CLAIMED_TOLL for c in cue.children)
    if cue.lower_ in OBSERVE_FORMS:
        # "he observed a nebula": saw it; "observed that …" is speech; "boasts a harbour": has it
        return any(c.dep_ == "dobj" for c in cue.children) and \
            not any(c.dep_ == "ccomp" for c in cue.children)
    if cue.lower_ not in OBJECT_SENSES:
        return False
    if cue.lower_ in CALL_FORMS and any(
            c.dep_ == "prep" and c.lower_ == "into" and any(g.lower_ == "question" for g in c.children)
            for c in cue.children):
        return True  # "called the figures into question": doubted, not said
    deps = {c.dep_ for c in cue.children}
    objs = [c for c in cue.children if c.dep_ == "dobj"]
    if cue.lower_ in ADMIT_FORMS:  # "admit a person (…) to receive the sacraments"
        infinitive = any(c.dep_ in ("ccomp", "xcomp") and any(a.lower_ == "to" for a in c.children)
                         for c in cue.children)
        return infinitive or (bool(objs) and "ccomp" not in deps)
    if not objs or "ccomp" in deps:
        return False
    complement = {"oprd"} if cue.lower_ in CALL_FORMS else {"oprd", "xcomp"}  # "calling them to live …"
    if deps & complement or any(c.dep_ == "prep" and c.lower_ in ("for", "on", "upon")
                                for c in cue.children):
        return False
    obj = objs[0]
    person = obj.ent_type_ in ("PERSON", "ORG", "NORP") or obj.lower_ in OBJECT_PEOPLE \
        or obj.lower_ in PERSON_NOUNS or obj.lower_ in SPEAKING_NOUNS_EXTRA
    # "called a meeting", "called the number back": convened, or rang
    return person or (cue.lower_ in CALL_FORMS and (obj.lower_ in CONVENED or obj.lower_ in PHONED))


def let_in(cue: Any) -> bool:
    """"admitting to the sacraments those who …", with or without quote marks after: letting
    in, not confessing ("admitted to lying" is, and so is "admitted to the panel that …")."""
    return cue.lower_ in ADMIT_FORMS and not any(c.dep_ in ("ccomp", "xcomp") for c in cue.children) and any(
        c.dep_ == "prep" and c.lower_ == "to" and any(g.lower_ in LET_INTO for g in c.children) for c in cue.children)


def _war(cue: Any) -> bool:
    """"Spain and Portugal attacked Morocco": a state attacking a place is at war, and
    "attacked a teenager" is violence, not speaking ("Roe attacked Germany over trade" or
    "attacked the senator" may be words)."""
    verb = cue.head if cue.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in cue.children) else cue
    doer = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if any(c.dep_ in ("ccomp", "xcomp") or c.dep_ == "prep" and c.lower_ in ("over", "for", "as") for c in cue.children):
        return False  # "China attacked Japan over its budget": words
    if doer is not None and doer.ent_type_ in ("GPE", "NORP") and any(
            c.dep_ == "dobj" and c.ent_type_ in ("GPE", "LOC", "FAC") for c in cue.children):
        return True
    # "A man attacked a teenager who …": someone new set upon, not words aimed at a person named
    return any(c.dep_ == "dobj" and c.lower_ in VICTIMS and any(d.dep_ == "det" and d.lower_ in ("a", "an")
                                                            for d in c.children) for c in cue.children)


VICTIMS = {"teenager", "teen", "boy", "girl", "child", "man", "woman", "student", "officer", "passenger",
           "worker", "pedestrian", "driver", "customer", "guard", "victim", "resident", "neighbor", "neighbour"}


def _thing_shows(cue: Any) -> bool:
    """"Tests confirmed the infection", "cases confirmed by laboratory tests", "released a
    video revealing his strategy": a thing verifies or shows a thing (an object, no clause);
    "the ministry confirmed the deaths" and "confirmed that …" are speech."""
    if any(c.dep_ == "ccomp" and c.left_edge.lower_ != "what" for c in cue.children):
        return False  # "confirmed that …"; "what they feared" is a thing, as an object is
    doer = next((c for c in cue.children if c.dep_ == "nsubj"), None)
    if doer is None:
        agent = next((c for c in cue.children if c.dep_ == "agent"), None)
        doer = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
    if doer is None and cue.tag_ == "VBG" and cue.dep_ in ("advcl", "xcomp", "conj"):
        # "released a video, revealing …": what was released reveals it
        doer = next((c for c in cue.head.children if c.dep_ == "dobj"), None)
    return doer is not None and not doer.ent_type_ and doer.lower_ in SHOWING_THINGS


# what only a court or a prosecutor does with a verb of saying: "prosecutors dismissed the charge"
PLEAD_FORMS = {"plead", "pleads", "pleaded", "pled", "pleading"}
_COURT_ACTS = dict.fromkeys(("dismiss", "dismisses", "dismissed", "dismissing"), {"charge", "charges"})
COURTS = {"prosecutor", "prosecutors", "judge", "judges", "court", "courts", "jury", "magistrate"}


def _court(cue: Any) -> bool:
    return any(c.dep_ == "nsubj" and c.lower_ in COURTS for c in cue.children)


def _an_act(cue: Any, objects: set[str]) -> bool:
    """"Prosecutors dismissed the case", "a moratorium was declared": the verb's object (or
    passive subject) is an act's, and no clause or "as" says what was said of it ("dismissed
    the complaint as frivolous" is speech)."""
    if any(c.dep_ in ("ccomp", "oprd", "xcomp") or c.dep_ == "prep" and c.lower_ == "as" for c in cue.children):
        return False
    obj = next((c for c in cue.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if obj is None or any(c.dep_ == "nsubj" for c in obj.children):
        return False  # "declared the outbreak an emergency": what it declared of the outbreak
    words = [obj] + [g for c in obj.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return any(w.lower_ in objects for w in words)


def _took_in(cue: Any) -> bool:
    """"I read in the newspaper about …", "she read that …": a person took the words in; a
    statement read out, or a sign that reads, says them. A text that "reads like" something
    is the writer's likeness, not its words."""
    if any(c.dep_ == "prep" and c.lower_ == "like" for c in cue.children):
        return True
    if any(c.lower_ in ("aloud", "out") for c in cue.children):
        return False
    subj = next((c for c in cue.children if c.dep_ == "nsubj"), None)
    return subj is not None and (subj.ent_type_ == "PERSON" or subj.lower_ in PERSON_SUBJECTS) and not any(
        c.dep_ == "dobj" and c.lower_ in READ_OUT for c in cue.children)


HEDGES = {"safe", "fair", "needless", "suffice", "accurate", "true"}


def _hedge(cue: Any) -> bool:
    """The writer's own hedge, no one's words: "it's safe to say …", "it is fair to say …",
    "needless to say", and "all told" (in all)."""
    head = cue.head
    if cue.lower_ in SAY_FORMS and cue.dep_ == "xcomp" and head.i != cue.i:
        if head.lower_ == "needless":
            return True
        verb = head.head if head.dep_ == "acomp" else head  # "say" hung on "safe" or on "'s"
        return any(c.dep_ == "acomp" and c.lower_ in HEDGES for c in verb.children) and any(
            c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in verb.children)
    return cue.lower_ == "told" and any(c.dep_ == "nsubj" and c.lower_ == "all" and c.i == cue.i - 1
                                       for c in cue.children)
