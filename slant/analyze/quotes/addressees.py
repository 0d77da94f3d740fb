"""Whom words were said to, never the words: the object of a verb of addressing alone
("asked him", "told reporters"), whom someone "called on", and whom someone "talked with"
when no topic follows; what someone "said of"; and why someone spoke ("spoke anonymously
to be candid")."""

from __future__ import annotations

from typing import Any

from slant.analyze.quotes.senses import CALL_FORMS
from slant.analyze.quotes.words import SAY_FORMS

# verbs whose object is the one spoken to: "asked him", "told reporters", "urged them"
ADDRESSING = {f"{stem}{end}" for stem, ends in (
    ("ask", ("", "s", "ed", "ing")), ("tell", ("", "s", "ing")), ("told", ("",)),
    ("urg", ("e", "es", "ed", "ing")), ("remind", ("", "s", "ed", "ing")),
    ("inform", ("", "s", "ed", "ing")), ("assur", ("e", "es", "ed", "ing")),
    ("brief", ("", "s", "ed", "ing")), ("notif", ("y", "ies", "ied", "ying")),
    ("email", ("", "s", "ed", "ing")), ("e-mail", ("", "s", "ed", "ing")), ("text", ("ed", "ing")),
    ("messag", ("ed", "ing")), ("phon", ("ed", "ing")))
    for end in ends}
# and the verbs whose object is the one told, before what they were told: "warned the
# committee that …"
TELLING = ADDRESSING | {"warn", "warns", "warned", "warning", "advise", "advises", "advised",
                        "advising", "reassure", "reassures", "reassured", "reassuring"}
# verbs of saying whose "to" names whom they said it to ("pointed out to Noah"), unlike
# "referred to", "responded to" or "objected to", which name what about
SAID_TO = {"explained", "explains", "complained", "complains", "said",
           "says", "wrote", "writes", "mentioned", "confided", "apologized",
           "apologised", "boasted", "bragged", "lied", "announced", "declared", "stated"}
# who hears words said to a body: "told a hearing that …", "told the court X was …"
AUDIENCES = {"hearing", "committee", "panel", "audience", "crowd", "conference", "meeting", "rally",
             "court", "jury", "congregation", "press", "media", "parliament", "congress", "senate",
             "council", "assembly", "gathering", "forum", "summit", "convention", "caucus"}
# verbs whose "with" names whom they spoke with: "talked with her brother", "testified with X"
TALK_FORMS = {"talk", "talks", "talked", "talking", "speak", "speaks", "spoke", "speaking", "chat",
              "chats", "chatted", "chatting", "meet", "meets", "met", "meeting", "confer", "conferred",
              "testify", "testifies", "testified", "testifying"}


def addressee_only(doc: Any, tok: Any, content: tuple[int, int], pattern: str) -> bool:
    """Content of complement ``pattern`` that is only whom the words were said to or what
    kind of thing was said, never the words: the object of a verb of addressing ("asked
    him", "told reporters", "asked a question") or whom they "called on" ("called on the
    governor"; "People Call On White House To …", a headline the parse cuts short), with no
    verb and no quote in it ("told him to leave", "asked the question “…”" carry words); nor
    the infinitive of why someone talked ("spoke anonymously to be candid")."""
    if pattern in ("xcomp", "advcl") and tok.lower_ in TALK_FORMS:
        return True  # "spoke anonymously to be candid": why they spoke, not what they said
    if pattern in ("dobj", "pro"):
        verbs = TELLING  # ("of which Roe warned the cardinal": whom she warned)
    elif pattern in ("prep:on", "prep:upon"):
        verbs = CALL_FORMS
    elif pattern == "prep:with":
        verbs = TALK_FORMS  # "talked with her brother"; "talked with X about Y" has a topic
    elif pattern == "prep:of":
        verbs = SAY_FORMS  # "“…,” Roe said of his reaction": whom it was about
    elif pattern == "prep:to":
        verbs = SAID_TO  # "as Lee pointed out to Noah, …": whom it was said to
    else:
        return False
    if tok.lower_ not in verbs and not (pattern == "prep:to" and pointed_out(tok)):
        return False
    span = doc.char_span(content[0], content[1], alignment_mode="expand")
    if span is None:
        return False
    topic = ("about", "on", "over", "regarding") if pattern == "prep:with" else ()
    # (a clause that only describes whom they spoke to, "lawmakers who have worked in Congress",
    # is no words; "… on May 29" is when, not what about)
    described = {d.i for t in span if t.dep_ in ("relcl", "acl") and t.head.tag_.startswith("NN")
                 for d in t.subtree} if pattern == "prep:with" else set()
    return not any(t.i not in described and (t.tag_.startswith("VB") or t.tag_ == "MD") or t.is_quote
                   or t.lower_ in topic and not any(g.ent_type_ in ("DATE", "TIME") for g in t.children)
                   for t in span)


def heard_by(doc: Any, cue: Any, start: int) -> int:
    """Where what a body was told begins when the parse ran the body into the clause's
    subject ("told the court Zarate was …", "the court" a compound on "Zarate")."""
    if cue.lower_ in TELLING and start + 2 < len(doc) and doc[start].lower_ == "the" \
            and doc[start + 1].lower_ in AUDIENCES and doc[start + 1].dep_ == "compound":
        return start + 2
    return start


def pointed_out(tok: Any) -> bool:
    """"pointed out to Noah" (whom it was said to), not "pointed to the rules" (what about)."""
    return tok.lower_.startswith("point") and any(c.dep_ == "prt" and c.lower_ == "out" for c in tok.children)
