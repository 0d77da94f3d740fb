"""Candidate attributions from a parse: for each verb, one candidate per complement pattern.

- ``ccomp``: a clause ("X figures that …");
- ``dobj``: an object, with its object complement ("called Trump “unhinged”",
  "described the field as …");
- ``xcomp``: an infinitive ("vowed to “take our fight” …");
- ``prep:<p>``: a prepositional object ("called for …", "referred to …").

:func:`verb_candidates` is shared by the stage and by training
(:func:`slant.training.quotes.lexicon.build_cue_lexicon`, which counts how often each
candidate matches a gold attribution), so both see the same candidates;
:func:`slant.analyze.quotes.cues.fires` turns the counts in ``cues.json`` into rules.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from slant.analyze.parse import doc_text
from slant.analyze.quotes.addressees import ADDRESSING, heard_by
from slant.analyze.quotes.cues import SPEECH


@dataclass
class Attribution:
    """A cue, its content and its speaker, as read from the parse or the layout."""

    cue: tuple[int, int]                 # token bounds [start, end)
    content: tuple[int, int]             # character bounds
    speaker: Any | None = None           # the speaker's head token
    pattern: str = "clause"
    speaker_span: tuple[int, int] | None = None   # token bounds, when not the head's phrase
    cue_chars: tuple[int, int] | None = None      # character bounds, when not whole tokens
    unlikely: bool = False   # the learned decision doubts it reports speech: kept, not speech


PATTERNS = ("ccomp", "dobj", "xcomp", "prep")
PREPS = {"for", "about", "to", "on", "of", "against", "with", "at", "over", "into"}
# prepositions after a verb's object that carry what was said about it ("proposed a levy on
# the dirtiest plants", "described a system in terms familiar to …", "recalled an incident at
# a cinema that …", "announced the deal with lawmakers")
TOPICAL = {"on", "about", "against", "over", "for", "of", "as", "in", "from", "into", "toward", "towards", "at", "with"}
# where, when and through what it was said: not part of the words ("hailed the vote in a
# tweet", "posted the article on Facebook")
MEDIA = {"tweet", "tweets", "interview", "interviews", "statement", "speech", "letter", "post",
         "facebook", "twitter", "instagram", "television", "tv", "radio", "podcast", "video",
         "op-ed", "column", "email", "e-mail", "message", "press", "conference", "rally", "debate",
         "hearing", "show", "program", "programme", "broadcast", "appearance", "remarks", "event"}


# where a broadcast went out: "on the radio", "on Twitter"; and a show, a programme or a
# channel named or owned ("on Monday night's show", "on Fox's program"; "commented on the
# program" may be its topic)
ON_AIR = {"air", "radio", "television", "tv", "podcast", "twitter", "facebook", "instagram", "youtube"}
SHOWS = {"show", "program", "programme", "broadcast", "channel", "network"}
PAGES = {"blog", "website", "site", "page", "account", "feed", "podcast", "vlog"}  # someone's own: where


def where_or_when(prep: Any, obj: Any) -> bool:
    """Whether a verb's "on"/"at"/"in" phrase says when or on what broadcast it was said, not
    what it was about ("spoke on the radio", "commented on Monday night's show", "spoke on Monday")."""
    if prep.lower_ not in ("on", "at", "in"):
        return False
    if obj.ent_type_ in ("DATE", "TIME") or obj.lower_ in ON_AIR:
        return True
    if obj.lower_ in PAGES:
        return any(c.dep_ in ("poss", "compound") for c in obj.children)  # "states on his own blog"
    return obj.lower_ in SHOWS and any(c.dep_ in ("poss", "compound") and (c.tag_.startswith("NNP") or c.ent_type_)
                                       for c in obj.children)


def topical(prep: Any) -> bool:
    """A prepositional phrase after a verb's object that belongs to the words, not to when,
    where or how they were said (no time, date or medium as its object)."""
    if prep.dep_ != "prep" or prep.lower_ not in TOPICAL:
        return False
    objs = [g for g in prep.children if g.dep_ in ("pobj", "pcomp")]  # "judgment in supporting the war"
    return bool(objs) and objs[0].ent_type_ not in ("DATE", "TIME") and objs[0].lower_ not in MEDIA


def run_on(after: list[Any], end: int) -> int:
    """``end`` moved over the topical phrases that follow it among a verb's children
    ``after``, in token order ("proposed a levy last year on the dirtiest plants": a time
    phrase between two parts of the words stays with them), and over an infinitive that ends
    them ("called for the mayor to resign")."""
    pending = None
    for k in after:
        if k.left_edge.i != (pending or end):
            break
        if topical(k):
            end, pending = k.right_edge.i + 1, None
        elif infinitive(k):
            return k.right_edge.i + 1  # "called for X to release …", "proposed $1 billion to help …"
        elif k.dep_ == "npadvmod" and pending is None:
            pending = k.right_edge.i + 1
        else:
            break
    return end


def infinitive(k: Any) -> bool:
    """An adverbial clause that is a "to"-infinitive of its own ("… to release the papers")."""
    return k.dep_ == "advcl" and k.left_edge.tag_ == "TO" and k.left_edge.head.i == k.i


def bracketed(doc: Any, i: int, a: int, b: int) -> tuple[int, int]:
    """Token bounds [a, b) narrowed to the brackets around token ``i``, if any: "the demigod
    who (according to legend) nearly set …" reports only what the brackets hold."""
    opened = next((k for k in range(i - 1, a - 1, -1) if doc[k].text in "()"), None)
    if opened is None or doc[opened].text != "(":
        return a, b
    closed = next((k for k in range(i + 1, b) if doc[k].text == ")"), b)
    return opened + 1, closed


def char_bounds(doc: Any, a: int, b: int) -> tuple[int, int]:
    """Character bounds of tokens [a, b), edge punctuation and spaces trimmed; (0, 0) when
    nothing is left."""
    while a < b and (doc[a].is_punct or doc[a].is_space) and doc[a].text not in "“\"«‘'":
        a += 1
    while b > a and (doc[b - 1].is_punct or doc[b - 1].is_space) and doc[b - 1].text not in "”\"»’'":
        b -= 1
    if b <= a:
        return (0, 0)
    return doc[a].idx, doc[b - 1].idx + len(doc[b - 1])


def across_lines(doc: Any, tok: Any, content: tuple[int, int]) -> bool:
    """Whether a line break lies between the cue ``tok`` and its ``content``: a parse that
    joins a verb to the next paragraph's dateline ("He called for …\n\nWASHINGTON (AP)")."""
    text = doc_text(doc)
    if content[0] >= tok.idx:
        return "\n" in text[tok.idx:content[0]]
    return "\n" in text[content[1]:tok.idx]


def verb_candidates(doc: Any, tok: Any) -> Iterator[tuple[str, tuple[int, int], tuple[int, int]]]:
    """(pattern key, cue token bounds, content char bounds) for one verb token; none across
    a line break (:func:`across_lines`)."""
    for key, cue, content in _verb_candidates(doc, tok):
        if not across_lines(doc, tok, content):
            yield key, cue, content


def _whom(tok: Any) -> bool:
    """Whether an object is someone and nothing more, so an "of" after it says what they
    were told ("informed Bergoglio of …", "reminded everyone of …"; "the head of the agency"
    is a role and its body)."""
    return tok.ent_type_ == "PERSON" or tok.tag_ == "PRP" or tok.lower_ in (
        "everyone", "everybody", "anyone", "anybody", "someone", "somebody", "all")


def _object_missed(doc: Any, tok: Any, kids: list[Any]) -> list[Any]:
    """The first word after a verb whose object the parse lost while it kept the object's
    complement ("called the board’s suspension “arbitrary”", the noun read as an adverb):
    the object runs from there to the complement."""
    comps = [c for c in kids if c.dep_ == "oprd" and c.i > tok.i + 1]
    if not comps or not any(c.dep_ == "nsubj" for c in kids):
        return []  # "a firm called Acme Analytics": a name, the complement right after the verb
    # the lost object is a noun the parse hung on the complement; "called his ‘or else’ bluff"
    # has none (the idiom's noun is the complement itself)
    lost = [g for g in comps[0].children if g.i < comps[0].i and g.tag_.startswith("NN")
            and g.dep_ in ("npadvmod", "nsubj", "dep", "nmod")]
    first = doc[tok.i + 1]
    if not lost or not comps[0].left_edge.i <= first.i <= lost[0].i:
        return []
    return [first] if first.dep_ not in ("prep", "punct", "advmod") and not first.is_punct else []


def _verb_candidates(doc: Any, tok: Any) -> Iterator[tuple[str, tuple[int, int], tuple[int, int]]]:
    if not tok.tag_.startswith("VB"):
        return
    form = tok.lower_
    kids = list(tok.children)
    comps = [c for c in kids if c.dep_ == "ccomp"]
    if comps:
        c = max(comps, key=lambda c: c.right_edge.i - c.left_edge.i)
        if c.right_edge.i > c.left_edge.i or not c.tag_.startswith("VB"):  # ("she alleges occurred")
            yield f"{form}|ccomp", (tok.i, tok.i + 1), char_bounds(doc, heard_by(doc, tok, c.left_edge.i),
                                                                    c.right_edge.i + 1)
    objs = [c for c in kids if c.dep_ == "dobj" and c.i > tok.i] or _object_missed(doc, tok, kids)
    if objs:
        o = objs[0]
        end = o.right_edge.i + 1
        # "shrugged off the comments, telling reporters, “…”": the words are the participle's
        said = min((c.i for c in kids if c.dep_ in ("advcl", "conj") and c.i > o.i and c.tag_ == "VBG"
                    and c.lower_ in SPEECH), default=len(doc))
        for c in kids:
            if c.i > o.i and c.dep_ in ("oprd", "xcomp", "ccomp", "attr", "dobj") and c.i < said or \
                    c.i > o.i and c.dep_ == "prep" and c.lower_ in ("as", "for", "of"):
                end = max(end, c.right_edge.i + 1)
        if o.tag_ not in ("PRP", "DT"):  # "demand this of him": no words to run on from
            end = run_on([c for c in kids if o.i < c.i < said], end)  # "proposed a levy on …"
        else:  # "faulted her for not doing enough to aid …": the infinitive still ends the words
            end = next((k.right_edge.i + 1 for k in kids if k.left_edge.i == end and infinitive(k) and k.i < said),
                       end)
        # "informed Mr. Abe that we …": whom they told comes first, then what they were told
        told = [c for c in kids if c.dep_ == "ccomp" and c.i > o.i] if form in ADDRESSING else []
        start = told[0].left_edge.i if told and told[0].left_edge.i > o.right_edge.i else o.left_edge.i
        if form in ADDRESSING and not told and o.ent_type_ in ("", "PERSON"):
            # "assured the locals of how …": what, not whom ("the Department of Justice" is whom)
            # ("the members of the board", "the head of the agency": still whom)
            start = next((g.left_edge.i for p in [*o.children, *kids] if p.dep_ == "prep" and p.i > o.i
                          and p.lower_ in ("of", "about") for g in p.children
                          if g.dep_ == "pcomp" or g.dep_ == "pobj" and (p.head.i == tok.i or _whom(o))), start)
        yield f"{form}|dobj", (tok.i, tok.i + 1), char_bounds(doc, start, end)
    for c in kids:
        if c.dep_ == "xcomp" and c.i > tok.i:
            end = c.right_edge.i + 1
            # "threatened to sue her if she did not apologise": the condition is part of the threat
            end = max([end] + [k.right_edge.i + 1 for k in kids if k.dep_ == "advcl" and k.i > end and any(
                m.dep_ == "mark" and m.lower_ in ("if", "unless") and m.i <= end + 1 for m in k.children)])
            yield f"{form}|xcomp", (tok.i, tok.i + 1), char_bounds(doc, c.left_edge.i, end)
            break
    for c in kids:
        if c.dep_ == "prep" and c.i > tok.i and c.lower_ in PREPS and c.i - tok.i <= 2:
            objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            if objs and where_or_when(c, objs[0]):
                break  # "commented on Monday night's show", "spoke on the radio": no topic
            if objs:
                g = objs[0]
                end = run_on([k for k in kids if k.i > c.i], g.right_edge.i + 1)  # "pointed to X as …"
                yield (f"{form}|prep:{c.lower_}", (tok.i, c.i + 1), char_bounds(doc, g.left_edge.i, end))
            break
