"""What a quote's content gives: the speaker's ``words`` or only a ``topic``.

A reported speech act can come with what was said ("said that the plan had failed",
"“…,” she said", "called the verdict a travesty") or with only what the speech was about or
acted on, a noun phrase and nothing more: "denied the accusations", "talked about the case",
"praised the decision", "calls for an inquiry". The second kind is still an attribution
(PolNeAR counts it, and it says who spoke), but its content is in the narrator's words, not
the speaker's: a reader looking for the speaker's words finds none there, and a technique
span inside it is the outlet's own.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from slant.analyze.quotes.nearby import DASHES

__all__ = ["Content", "content_of", "shaped", "trimmed"]

Content = Literal["words", "topic"]

#: a complement that says what the speaker called it: "called the verdict a travesty",
#: "described the move as reckless", "branded them cowards"
_CHARACTERISED = {"oprd", "acomp"}


def content_of(doc: Any, start: int, end: int, kind: str, cue_text: str | None) -> Content:
    """``topic`` for an indirect quote whose content is a noun phrase with no clause, no
    complement and no question; ``words`` for everything else (quote marks, a clause or an
    infinitive, "according to", a colon or a dash, which introduce words)."""
    if kind not in ("indirect", "mixed") or not cue_text:
        return "words"
    cue = cue_text.strip().lower()
    if cue in (":", ";") or cue in DASHES or cue.startswith("according"):
        return "words"
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0 or span[-1].text in ("?", "!"):
        return "words"
    # a participle or a relative clause that only describes a noun ("wrote the article
    # teaching people to …", "cited a report published on Monday", "explaining its aims
    # in the towns it serves") makes no clause of what was said
    described = {d.i for t in span if (t.dep_ == "acl" and t.tag_ in ("VBG", "VBN") or t.dep_ == "relcl"
                 and t.head.tag_.startswith("NN") and t.head.i >= span.start and _relative(t))
                 and t.left_edge.dep_ != "mark" for d in t.subtree}  # ("that the talks had failed": said)
    marks = [t.i for t in span if t.is_quote]
    # single marks around a short term inside the topic are the narrator's scare quotes or a
    # name ("mentioning the ‘Jewish question’"), not the speaker's words (double marks may be)
    terms = {k for a, b in zip(marks[::2], marks[1::2]) if b - a <= 5 and not any(
        t.tag_.startswith("VB") or t.tag_ == "MD" for t in doc[a + 1:b])
        and doc[a].text in "‘'" and doc[b].text in "’'" for k in (a, b)}
    for t in span:
        if t.i in described or t.i in terms:
            continue
        if t.tag_.startswith("VB") or t.tag_ == "MD" or t.is_quote:
            return "words"  # a clause, an infinitive or a gerund: "denied having met him"
    verb = span.root.head
    if any(_characterises(c) for t in (*span, verb) for c in (t, *t.children)):
        return "words"  # "called [him] a liar", "described the move as reckless"
    return "topic"


_RELATIVES = {"which", "who", "whom", "whose", "where", "when"}


def _relative(clause: Any) -> bool:
    """Whether a clause the parse hung on a noun as relative describes it ("the story he
    told", "the people who voted", "a scene in which …") rather than saying what it holds
    ("the truth that X is a Y", a whole clause with no gap: words)."""
    words = [*clause.children, *(g for c in clause.children if c.dep_ == "prep" for g in c.children)]
    if any(w.lower_ in _RELATIVES or w.lower_ == "that" and w.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")
           for w in words):
        return True
    return not any(c.dep_ in ("dobj", "attr", "acomp", "ccomp", "xcomp", "oprd") for c in clause.children)


def _characterises(tok: Any) -> bool:
    return tok.dep_ in _CHARACTERISED or (tok.lower_ == "as" and tok.dep_ == "prep")


#: a participle clause at the end of reported words that tells what the statement did or
#: whom it pointed at is the narrator's: "said no one is safe, sparking fears of …",
#: "asserted that it is a country, linking to the page", "…, referring to the Democrats"
_EFFECTS = ("sparking", "spiking", "fueling", "fuelling", "stoking", "igniting", "triggering",
            "prompting", "provoking", "linking", "echoing", "contradicting", "referring",
            "drawing", "appearing")
_ECHOES = ("repeated", "repeats", "echoed", "echoes", "contradicted", "contradicts", "mirrored",
           "mirrors", "parroted", "parrots")
#: the narrator's verdict on what was said or on a topic: "…, which isn't true", "which was a hoax"
_VERDICT = (r"(?:true|false|untrue|incorrect|wrong|nonsense|the case|misleading|accurate"
            r"|an?\s+(?:\w+\s+)?(?:lie|falsehood|sham|hoax|fraud|fabrication|fiction))")
_TRAILING = re.compile(
    r"(?:,[\"”’]?\s+(?:(?:" + "|".join(_EFFECTS) + r")\b[^\"“”]*"
    # the narrator's gloss on what was meant or whom it echoed: "…, an apparent reference to
    # …", "…, which repeated one of her claims"
    r"|(?:an?\s+)?(?:(?:apparent|obvious|clear|veiled|thinly[- ]veiled|oblique)\s+)?"
    r"(?:reference|allusion|nod|swipe|jab|dig)\s+(?:to|at)\b[^\"“”]*"
    r"|which\s+(?:" + "|".join(_ECHOES) + r")\b[^\"“”]*"
    # what the narrator adds about someone named last: "… to Kim, who also heralded …"
    r"|(?:who|which)\s+also\b[^\"“”,]*"
    # the narrator's inference from the words, or what another would not confirm: "…, meaning
    # they must …", "…, which implied …", "…, which the inspector declined to confirm"
    r"|meaning\b[^\"“”,]*|which\s+(?:implied|implies|suggests|suggested|means|meant|indicates|indicated)\b[^\"“”,]*"
    r"|which\s+(?:\S+\s+){1,3}(?:declined|refused)\s+to\b[^\"“”,]*"
    # the narrator's verdict on what was said: "…, which isn't true"
    r"|which(?:,\s*(?:again|of course|frankly|by the way),)?\s+(?:is|was|are|were)(?:\s*n[’']t|\s+not)?\s+"
    r"(?:\w+ly\s+|of course\s+)?" + _VERDICT + r"(?:[.!?]|,[^\"“”]*)?\s*"
    # what the speaker went on to do: "…, before then defending the limits"
    r"|before\s+then\s+\w+ing\b[^\"“”]*"
    # the source the narrator had it from: "…, according to reports by the Courier"
    r"|according\s+to\s+(?:(?:a|media|news)\s+)?reports?\s+(?:by|in|from|on)\b[^\"“”]*"
    r"|according\s+to\s+(?:(?:the|court|police|federal)\s+)*(?:documents|records|filings|papers)\b[^\"“”,]*)"
    # a conjunction left dangling ("… made public and yet", "… and then"), the writer's aside in brackets
    # after the closing mark ("“…” (Now what?)")
    r"|,?\s+and\s+(?:yet|then)|(?<=[\"”])\s*\([^()\"“”]*\)"
    # a dash and the narrator's comment on it: "— something that could raise red flags",
    # "-- an indeterminate number of whom …"
    r"|\s*(?:--|—|–)\s*(?:something|a\s+(?:move|claim|charge|statement|remark|number)"
    r"|an\s+(?:assertion|indeterminate|apparent|allegation|unknown))\b(?:(?!--)[^\"“”—–])*)$", re.IGNORECASE)
#: the lead of a cue set inside its own words: "what she says is …", "which he said …"
_WHAT_SAYS = re.compile(r"\s+(?:is|was|are|were)\s+(?=\S)", re.IGNORECASE)
_RELATIVE = re.compile(r"(?:which|that|who)\s+(?:\S+\s+){1,4}$")


#: a relative clause set off after a topic: what the narrator adds about it
_ASIDE = re.compile(r",\s+(?:which|who|whose)\b|\s+which\s+(?:is|was|are|were)\s+" + _VERDICT + r"\b")


def shaped(doc: Any, text: str, start: int, end: int, kind: str,
           cue: Any) -> tuple[int, int, Content]:
    """A quote's span, trimmed (below), and what its content gives."""
    start = led_in(text, start, end, kind, cue)
    start, end = _before_passive(doc, text, start, end, kind, cue)
    s, e = trimmed(text, start, end, kind, cue)
    e = _closed(text, s, e, kind != "direct")
    if s > start:  # "what she says is …": she says it is that, so her words
        return s, e, "words"
    content = content_of(doc, s, e, kind, cue and cue.text)
    if content == "topic" and (m := _ASIDE.search(text, s, e)) is not None and m.start() > s:
        e = len(text[:m.start()].rstrip(" -–—,"))  # "denied the allegations, which surfaced last week": the
        # narrator's aside
    return s, e, content


#: what opens reported words but is the narrator's: a dateline ("ROME, May 2, 2018
#: (LifeSiteNews) — …"), another source ("According to the Courier, …"), and a fronted phrase
#: before a set-in cue ("Upon investigation, Roe said, police learned …")
_DATELINE_LEAD = re.compile(r"(?:[A-Z][A-Z .'’-]+,[\w ,.]{0,30}\d{4}\s*(?:\([^()]{1,40}\)\s*)?"
                            r"|[A-Z][a-z]+\.? \d{1,2}, \d{4}\s*\([^()]{1,40}\)\s*)(?:—|–|--)\s*")
_AS_SAYING = re.compile(r"[^,.“”\"]{1,80}?\s+as\s+(?:saying|telling \S+(?: \S+)?|writing)\s+(?:that\s+)?")
_SOURCE_LEAD = re.compile(r"According to [^,.“”\"]{2,60},\s+")
_FRONTED = re.compile(r"(?:Upon|After|In|On|At|During|Following|Since|Before|Meanwhile|Later|Earlier|Given|Despite"
                      r"|Amid|Asked)\b[^,“”\"]{0,80},\s+(?:[^\s,]+\s+){0,4}$")


def _before_passive(doc: Any, text: str, start: int, end: int, kind: str, cue: Any) -> tuple[int, int]:
    """An indirect quote whose own passive cue and agent close it ("a project announced by
    Clinton", "On Monday strange things were said by senior members"): the noun or the
    passive subject's phrase only, without the cue, its auxiliaries and the agent."""
    if kind != "indirect" or cue is None or not start < cue.start < end or not text.startswith(" by ", cue.end):
        return start, end
    span = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return start, end
    tok = span[0]
    agent = next((c for c in tok.children if c.dep_ == "agent"), None)
    subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    if agent is None or text[agent.right_edge.idx + len(agent.right_edge):end].strip(" .,;:!?\"”’") or not (
            tok.dep_ == "acl" or subj is not None and subj.tag_ not in ("WDT", "WP")):
        return start, end  # ("told by X that …": the words come after; "those that were confirmed by …")
    first = min([tok.i, *(c.i for c in tok.children if c.dep_ in ("aux", "auxpass", "advmod") and c.i < tok.i)])
    cut = len(text[:doc[first].idx].rstrip(" ,"))
    if subj is not None and start <= subj.left_edge.idx < cut:
        start = subj.left_edge.idx
    return (start, cut) if cut > start else (start, end)


# a citation: "(Eccles 1:9", "(Acts 12.7", "(48:29", "(p. 58"
_CITATION = re.compile(r"(?:[1-3]?\s?[A-Z][a-z]+\.?\s+)?\d+[:.]\d+|pp?\.\s*\d+")


def _closed(text: str, start: int, end: int, extend: bool = True) -> int:
    """The end of words that opened a bracket the parse left unclosed ("sponsored Lee's
    (D-CA"): past its closing bracket when that follows on the same line, before any quote mark
    (not for direct quotes, ``extend`` false); or before the bracket when it holds a citation
    ("… under the sun (Eccles 1:9)") or never closes, unless it sits inside quote marks (an
    emoticon's "(" in "“Another loss :(”")."""
    opened = text.rfind("(", start, end)
    if opened < 0 or text.find(")", opened, end) >= 0 or any(c in text[opened:end] for c in "\"“”"):
        return end
    close = text.find(")", end, end + 60)
    if extend and close >= 0 and not any(c in text[end:close] for c in "\n\"“”") \
            and not _CITATION.match(text, opened + 1):
        return close + 1
    return len(text[:opened].rstrip(" ,;:-–—"))


def led_in(text: str, start: int, end: int, kind: str, cue: Any) -> int:
    """Where an indirect or mixed quote's words start after the narrator's lead-in (above)."""
    if kind not in ("indirect", "mixed"):
        return start
    if (m := _DATELINE_LEAD.match(text, start, end)) is not None:
        start = m.end()
    if (cue is None or cue.text.lower() != "according to") and (m := _SOURCE_LEAD.match(text, start, end)):
        start = m.end()
    if cue is not None and cue.text.lower() in ("cited", "quoted", "cites", "quotes") and \
            (m := _AS_SAYING.match(text, start, end)) is not None:
        start = m.end()  # "cited two sources as saying …": what they said
    if cue is not None and start < cue.start and text.startswith(",", cue.end) and cue.end + 2 < end \
            and _FRONTED.match(text[start:cue.start]):
        start = end - len(text[cue.end + 1:end].lstrip())
    return start


def trimmed(text: str, start: int, end: int, kind: str, cue: Any) -> tuple[int, int]:
    """An indirect or mixed quote's span without the narrator's words around it: a trailing
    participle of effect or verdict (above), and the "what she says is" before the words of
    "repeating what she calls a false picture of …" (she calls it "a false picture of …")."""
    if kind not in ("indirect", "mixed"):
        return start, end
    m = _TRAILING.search(text, start, end)
    if m is not None and m.start() > start:
        end = m.start() + (2 if text[m.start() + 1] in "\"”’" else 0)  # (keep a closing mark)
    if cue is not None and start <= cue.start and cue.end <= end:
        lead = text[start:cue.start].lower()
        w = _WHAT_SAYS.match(text, cue.end, end)
        if w is not None and lead.startswith("what "):
            start = w.end()
        elif _RELATIVE.match(lead) and end - cue.end > 1:
            # "the maps, which she said she meant to keep for the archive": her words
            # are what follows his cue, to the first comma after it, which most often closes
            # the relative clause ("The concerns, which the board says can be tied to X,
            # center on …"; a comma inside the words cuts them short)
            set_off = text[max(0, start - 3):start].rstrip().endswith(",")  # (a clause between commas)
            start = end - len(text[cue.end:end].lstrip())
            comma = text.find(", ", start, end)
            end = comma if set_off and comma > start else end
    return start, end


def around_set_in(text: str, start: int, end: int, kind: str, cue: Any,
                  speaker: Any) -> list[tuple[int, int]]:
    """The pieces of reported words around a cue set in between commas ("The plan, she said,
    would cost millions": "The plan" and "would cost millions", one utterance that
    :func:`slant.utterances.link_parts` ties by their shared cue), or before a relative clause
    that holds the cue ("the old discipline---which Leo insisted on": the noun); else the span
    whole. The cue and its speaker are the narrator's words, not the speaker's."""
    if kind not in ("indirect", "mixed") or cue is None or not start < cue.start < end:
        return [(start, end)]
    inside = speaker is not None and start <= speaker.start < cue.start
    if (rel := _own_relative(text, start, speaker.start if inside else cue.start, inside)) is not None:
        # "the protections that the Velm administration promised": the cue and its speaker are
        # a relative clause on the words, so the words are the noun before it
        cut = len(text[:rel].rstrip(" ,—–-"))
        if cut > start and len(text[start:cut].split()) >= 2:
            return [(start, cut)]
    a = min(cue.start, speaker.start) if speaker is not None else cue.start
    b = max(cue.end, speaker.end) if speaker is not None else cue.end
    if (when := _WHEN.match(text, b)) is not None and when.end() < end:
        b = when.end()  # "she said Tuesday, …"
    before, after = text[start:a].rstrip(), text[b:end].lstrip()
    if not (start < a and b < end and before.endswith(",") and after.startswith(",")):
        return [(start, end)]
    first_end = start + len(before[:-1].rstrip())  # (before its comma)
    rest = after[1:].lstrip()  # (after the comma that closes the cue)
    if not rest.strip():
        return [(start, end)]
    second = end - len(rest)
    lone = text[start:first_end].split()
    if len(lone) == 1 and (lone[0].lower() in _LEAD_WORDS or lone[0].lower().endswith("ly")):
        return [(second, end)]  # ("Later, she said, …": when she said it, the narrator's)
    return [(start, first_end), (second, end)]  # ("Morality, Roe explained, is …": its subject too)


# a lone word before a set-in cue that is the narrator's link, not the speaker's subject
_LEAD_WORDS = {"but", "and", "so", "yet", "later", "then", "now", "still", "however", "meanwhile", "instead",
               "also", "indeed", "again", "earlier", "today", "yesterday", "finally", "first", "second", "thus",
               "therefore", "moreover", "nevertheless", "previously", "afterwards", "afterward", "overall"}


_WHEN = re.compile(r"\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|"
                   r"tonight|last\s+(?:week|month|year|night)|this\s+(?:week|month|year|morning))\b")


_OWN_RELATIVE = re.compile(r"(?:\b(?:for|of|in|to|with|by|about|on|from|at)\s+)?\b(?:which|that|whom|who|whose)\b", re.I)


def _own_relative(text: str, start: int, at: int, speaker: bool) -> int | None:
    """Where a relative clause that holds the cue begins inside reported words: the last
    relative word before the speaker (``at``, when ``speaker``) with nothing between them, or
    before the cue (``at``) with at most a short subject between."""
    found = list(_OWN_RELATIVE.finditer(text, start, at))
    if not found or any(mark in text[found[-1].start():at] for mark in "“\"") or \
            not speaker and found[-1].group(0).lower().endswith("that"):
        return None  # (with no speaker to hold on to, "that" may be a determiner: "of that inquiry")
    if text[found[-1].end():].lstrip(" ")[:1] == ",":
        return None  # ("a law which, Roe argued, protects no one": a cue set in, not the clause's)
    between = text[found[-1].end():at].strip(" ,")
    return found[-1].start() if (not between if speaker else len(between.split()) <= 5) else None
