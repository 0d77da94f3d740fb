"""Attributions the page layout makes rather than the grammar: "“…” ― Name" after a quote,
"Said X: …", a transcript's "SMITH: …" and a headline's "Name: …"."""

from __future__ import annotations

import re
from typing import Any

from slant.analyze.entities.cuts import HEADLINE_VERBS
from slant.analyze.parse import doc_text
from slant.analyze.quotes.candidates import Attribution
from slant.analyze.quotes.cues import SPEECH_ACTS, is_speech_cue
from slant.analyze.quotes.phrases import SPEAKING_NOUNS
from slant.analyze.quotes.words import DOCUMENTS, NON_AGENTS
from slant.models import Entity, Span, Speaker


DASH_RE = re.compile(
    r"([”\"»])[ \t\xa0]*[.,]?[ \t\xa0]*(?:[―—–]{1,2}[ \t\xa0]*|(?<=[ \t\xa0])--?(?=[A-Z])"
    r"|\n[ \t\xa0]*\n[ \t\xa0]*[-―—–]{1,2}[ \t\xa0]*(?=[A-Z][\w.’'-]*(?:[ \t][A-Z][\w.’'-]*){0,3}\.[ \t\xa0]*$))"
    r"([A-Z][^\n]{0,80}?)[ \t\xa0.]*$",
    re.MULTILINE)  # (or the name, with a full stop, on a line of its own after a blank one: "“…”\n\n- Ann Roe.";
# not a byline, "“…”\n— Ann Roe\nThe Gazette")


def dash_quotes(doc: Any, out: list[Attribution]) -> None:
    """"“…” ― Name" at the end of a line, as in collected reactions and epigraphs; " -Name",
    a hyphen glued to the name, only on a line that opens with the quote mark (not a
    headline's "… “not guilty” - Harrow Herald")."""
    text = doc_text(doc)
    taken = {a.content[0] for a in out}
    for m in DASH_RE.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        cs = line_start + len(text[line_start:m.start()]) - len(text[line_start:m.start()].lstrip())
        ce = m.end(1)
        name = re.split(r"[,(;]", m.group(2), maxsplit=1)[0].rstrip(" .\xa0")
        between = text[m.end(1):m.start(2)]  # the dash and the space around it
        mark = next(ch for ch in "―—–-" if ch in between)
        hyphen = mark == "-" or "\n" in between  # (a signature glued or on its own line: the quote opens the line)
        if ce - cs < 3 or cs in taken or not name or len(name.split()) > 6 or hyphen and text[cs] not in "“\"«":
            continue
        span = doc.char_span(m.start(2), m.start(2) + len(name), alignment_mode="expand")
        if span is None or len(span) == 0 or any(t.tag_.startswith("VB") or t.tag_ == "MD" or t.is_quote
                                                 for t in span):
            continue  # "“Down with the levy!” – The Levy Is The “Great Thief”": a headline's clause
        ents = [e for e in span.ents if e.label_ in SPEAKER_LABELS]
        capitalised = all(w[:1].isupper() for w in name.split())
        if not ents and not capitalised:
            continue
        head = ents[0].root if ents else span.root
        dash = m.end(1) + between.find(mark)
        tok = doc.char_span(dash, dash + 1, alignment_mode="expand")
        cue_i = tok.start if tok is not None else span.start
        out.append(Attribution(cue=(cue_i, cue_i + 1), content=(cs, ce), speaker=head,
                               pattern="dash", speaker_span=(span.start, span.end),
                               cue_chars=(dash, dash + 1)))
        taken.add(cs)


INVERTED_RE = re.compile(
    r"(?:^|(?<=[.!?”\"]\s))(Said|Says|Added|Adds|Wrote|Writes|Asked|Explained|Replied)[ \t]+"
    r"([A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3})[ \t]*:[ \t]*(\S[^\n]*?)[ \t]*$",
    re.MULTILINE)


def inverted_colons(doc: Any, out: list[Attribution]) -> None:
    """"Said Ellis: “…”" (the verb first, then the name, then a colon)."""
    text = doc_text(doc)
    taken = {a.content[0]: a for a in out}
    for m in INVERTED_RE.finditer(text):
        cs, ce = m.start(3), m.end(3)
        span = doc.char_span(m.start(2), m.end(2), alignment_mode="expand")
        verb = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        if span is None or verb is None or len(span) == 0:
            continue
        if cs in taken:
            found = taken[cs]
            if found.speaker is None:  # the parse saw the cue but no subject
                found.speaker, found.speaker_span = span[-1], (span.start, span.end)
            continue
        out.append(Attribution(cue=(verb.start, verb.end), content=(cs, ce), speaker=span[-1],
                               pattern="colon", speaker_span=(span.start, span.end)))
        taken[cs] = out[-1]


TRANSCRIPT_RE = re.compile(r"^[ \t]*[\"“]?([A-Z][A-Z.'’ -]{1,28}[A-Z.])[ \t]*:[ \t]+(\S[^\n]*?)[ \t]*$",
                           re.MULTILINE)


def transcript_lines(doc: Any, out: list[Attribution]) -> None:
    """"SMITH: what they said" at the start of a line, as in transcripts."""
    text = doc_text(doc)
    taken = {a.content[0] for a in out}
    title_end = text.find("\n")
    # the title line is no transcript: "DRC: Fresh outbreak kills two" is a topic and its news
    for m in (m for m in TRANSCRIPT_RE.finditer(text) if m.start() > title_end >= 0):
        name = re.sub(r"\s+[QA]\.?$", "", m.group(1).strip())  # "BACON Q:": Bacon, asking
        first = name.split()[0].lower().strip(".'’")
        last = name.split()[-1].lower().strip(".'’")
        if first in NOT_SPEAKERS or first in ("read", "more", "related", "q", "a") \
                or last in ("comment", "comments", "note", "notes", "update", "correction") \
                or sum(ch.isalpha() for ch in name) < 3 or len(name.split()) > 4:
            continue  # (an editor's label, "REMNANT COMMENT: …", is the outlet's own words)
        cs, ce = m.start(2), m.end(2)
        if cs in taken:
            continue
        span = doc.char_span(m.start(1), m.start(1) + len(name), alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        colon = text.index(":", m.start(1) + len(name))
        out.append(Attribution(cue=(span.end, span.end + 1), content=(cs, ce), speaker=span[-1],
                               pattern="transcript", speaker_span=(span.start, span.end),
                               cue_chars=(colon, colon + 1)))
        taken.add(cs)


QA_RE = re.compile(r"^[ \t]*(Q|A)[:.][ \t]+(\S[^\n]*?)[ \t]*$", re.MULTILINE)


def interview_answers(doc: Any, out: list[Attribution]) -> None:
    """An interview set out as "Q: …" and "A: …" paragraphs (two of each at least): each
    answer is the words of the person the interview is with, the person the text before
    the first answer names most often (the latest of equals). The questions are the
    outlet's own, left to the narrator."""
    text = doc_text(doc)
    lines = list(QA_RE.finditer(text))
    answers = [m for m in lines if m.group(1) == "A"]
    if len(answers) < 2 or len(lines) - len(answers) < 2:
        return
    counts: dict[str, list[Any]] = {}
    for ent in doc.ents:
        if ent.label_ == "PERSON" and ent.end_char <= answers[0].start():
            counts.setdefault(ent[-1].lower_, []).append(ent)
    if not counts:
        return
    named = max(counts.values(), key=lambda ents: (len(ents), ents[-1].start))
    full = max(named, key=len)
    taken = {a.content[0] for a in out}
    for m in answers:
        cs, ce = m.start(2), m.end(2)
        tok = doc.char_span(m.start(1), m.start(1) + 1, alignment_mode="expand")
        if cs in taken or tok is None or len(tok) == 0:
            continue
        out.append(Attribution(cue=(tok.start, tok.start + 1), content=(cs, ce), speaker=full[-1],
                               pattern="transcript", speaker_span=(full.start, full.end),
                               cue_chars=(m.start(1), m.start(1) + 2)))


HEADLINE_RE = re.compile(r"^[ \t]*([A-Z][^:\n]{1,60}?)[ \t]*:[ \t]+(\S[^\n]*?)[ \t]*$", re.MULTILINE)
NOT_SPEAKERS = {"clarification", "update", "updated", "watch", "video", "photos", "photo", "note", "editor",
                "breaking", "exclusive", "related", "read", "source", "sources", "advertisement",
                "listen", "poll", "live", "q", "a", "analysis", "opinion", "correction", "see",
                # a writer's answer to their own question ("Harding? Nah: …")
                "nah", "yes", "no", "yeah", "yep", "nope", "well", "okay", "oh", "sure",
                "answer", "verdict"}
SPEAKER_LABELS = ("PERSON", "ORG", "NORP", "GPE")
# people a headline's colon gives the words to without naming anyone ("Insiders: …")
HEADLINE_GROUPS = {"camp", "insiders", "historians", "officials", "experts", "critics", "aides", "allies",
                   "democrats", "republicans", "sources", "analysts", "voters", "economists",
                   "scientists", "doctors", "police", "investigators", "prosecutors", "lawmakers"}
HEADLINE_SPEAKERS = ("PERSON", "ORG")
FINDINGS = {"poll", "survey", "study", "report", "newspaper"}
# a headline's verb in title case, which NER can take for part of a name ("DOJ Surrenders: …"):
# the left side is a clause, the title's topic, not who speaks (not `entities.cuts.HEADLINE_VERBS`,
# which holds verbs of saying: "Roe Warns: …" still names its speaker)
TITLE_CLAUSE_VERBS = {"surrenders", "slams", "blasts", "rips", "caves", "admits", "corrects", "responds", "reacts",
                  "strikes", "hits", "wins", "loses", "backs", "rejects", "vows", "demands", "denies",
                  "defends", "confirms", "reveals", "exposes", "destroys", "torches", "erupts", "explodes",
                  "sues", "fires", "bans", "blocks", "caught", "busted", "exposed", "revealed", "confirmed",
                  "endorses", "praises", "accuses", "mocks", "thanks", "rebukes", "taunts"}
LABEL_DASH = re.compile(r"(\w+)[ \t]+[–—-]+[ \t]+")  # "EXCLUSIVE – ", "WATCH - "


def _has_own_speaker(doc: Any, cs: int, ce: int) -> bool:
    """Whether the text in [cs, ce) has a speech verb with a subject of its own that can
    speak ("group blames …", "officials say"; not "Investigation Helped Reveal …")."""
    span = doc.char_span(cs, ce, alignment_mode="expand")
    if span is None:
        return False
    for tok in span:
        if tok.tag_.startswith("VB") and tok.lower_ in SPEECH_ACTS:
            if any(c.dep_ in ("nsubj", "nsubjpass") and span.start <= c.i < span.end and (
                    c.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or c.tag_.startswith("PRP")
                    or c.lower_ in SPEAKING_NOUNS and c.lower_ not in DOCUMENTS) for c in tok.children):
                return True
    return False


# "Clinton camp: …", "Trump aides: …": those around a named person speak for them
HEADLINE_FOLLOWERS = {"camp", "campaign", "aides", "aide", "allies", "team", "spokesman",
                      "spokeswoman", "spokesperson", "lawyer", "lawyers", "adviser", "advisers"}


def _named_below(doc: Any, span: Any) -> list[Any]:
    """The left side of a title's colon that NER missed ("Lynch: …", "Clinton camp: …"):
    one to three capitalised words that end the name of a person or organisation the
    article's body names ("Loretta Lynch"), with an optional follower noun after them; the
    whole left side as the speaker. Capitalised topics ("Brexit: …") name no one below."""
    title_end = doc_text(doc).find("\n")
    if span.start_char > title_end >= 0:
        return []  # a list in the body ("Trump: Win in a walk.") is the narrator's
    words = [t for t in span if not t.is_punct]
    core = words[:-1] if len(words) > 1 and words[-1].lower_ in HEADLINE_FOLLOWERS else words
    if not 1 <= len(core) <= 3 or not all(t.text[:1].isupper() for t in core):
        return []
    return [span] if _named_in_body(doc, [t.lower_ for t in core], longer=True) else []


def _named_in_body(doc: Any, words: list[str], longer: bool = False) -> bool:
    """Whether a person or organisation named after the title ends with ``words``
    (lowercase; with ``longer``, a longer name: "Loretta Lynch" for "lynch")."""
    title_end = doc_text(doc).find("\n")
    name = " " + " ".join(words)
    for e in doc.ents:
        if e.label_ not in HEADLINE_SPEAKERS or e.start_char <= title_end:
            continue
        words_e = [t.lower_ for t in e if t.text not in ("'s", "’s")]
        if (len(words_e) > len(words) or not longer) and (" " + " ".join(words_e)).endswith(name):
            return True
    return False


# a headline's verbs of saying ("Roe Warns Voters: …"), not its acts ("Teacher Arrested: …",
# "Chief Resigns: …"), and "Breaks Silence"
HEADLINE_SAYS = HEADLINE_VERBS - {"arrested", "charged", "charges", "resigns", "fires", "hits", "sues", "refuses",
                                  "pleads", "lashes", "attacks", "rips", "breaks", "proposes", "rejects", "defends"}


def _headline_verb(span: Any) -> Any | None:
    """The words before a Title Case headline's verb of saying ("Velm Informant Breaks
    Silence", "Senator Warns Voters"), when they end in a name or a noun for someone who
    speaks; None when the left side has no such verb."""
    doc = span.doc
    verb = next((t for t in span[1:] if t.text[:1].isupper() and (t.lower_ in HEADLINE_SAYS or t.lower_ == "breaks"
                 and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "silence")), None)
    if verb is None:
        return None
    left = doc[span.start:verb.i]
    last = left[-1]
    if last.lower_ in SPEAKING_NOUNS or last.lower_ in HEADLINE_GROUPS or \
            any(e.label_ in HEADLINE_SPEAKERS and e.end == verb.i for e in doc.ents):
        return left
    return None


def headline_colons(doc: Any, out: list[Attribution]) -> None:
    """"Name: what they said" on a line of its own, as in headlines."""
    text = doc_text(doc)
    title_end = text.find("\n")
    taken = {a.content[0] for a in out}
    for m in HEADLINE_RE.finditer(text):
        left, ls = m.group(1), m.start(1)
        label = LABEL_DASH.match(left)
        if label is not None and label.group(1).lower() in NOT_SPEAKERS:
            left, ls = left[label.end():], ls + label.end()  # "EXCLUSIVE – Roe: …" is Roe's
        words = left.split()
        # "Poll: Roe leads in Ohio", "Report: …": a title that gives a document's finding
        finding = len(words) == 1 and words[0].lower() in FINDINGS and 0 <= m.start() < title_end \
            and not m.group(2).endswith("?")
        if not words or len(words) > 6 or words[0].lower().strip("'’s") in NOT_SPEAKERS and not finding \
                or any(ch in left for ch in ".!?\"“”") or any(w.lower() in TITLE_CLAUSE_VERBS for w in words[1:]):
            continue
        span = doc.char_span(ls, m.end(1), alignment_mode="expand")
        said = _headline_verb(span) if span is not None else None
        if said is not None:
            span, words = said, said.text.split()  # "Velm Informant Breaks Silence: …": who speaks
        if span is None or any(t.tag_.startswith("VB") or t.tag_ == "MD" for t in span):
            continue
        # the left side names who speaks ("Sanders: …", "A lesson from Lynch: …"): an entity
        # ends it; anything else ("Brexit: …", "Rising seas: …") is the headline's topic
        ents = [e for e in span.ents if e.label_ in HEADLINE_SPEAKERS and e.end == span.end]
        if len(ents) == 1 and len(ents[0]) == 1 and (span.start == ents[0].start or doc[ents[0].start - 1].tag_ == "POS") \
                and 0 <= m.start() < title_end and not _named_in_body(doc, [ents[0][0].lower_]):
            ents = []  # a title's one word ("Brexit: …", "Roe's Treason: …") that NER took for a name the story never uses
        if not ents:
            ents = _named_below(doc, span)
        if not ents and (finding or words[-1].lower().strip("'’") in HEADLINE_GROUPS):
            ents = [span[-1:]]  # "Clinton camp: …", "Insiders: …": people, not a topic
        if not ents and said is not None:
            ents = [span]  # "Velm Mine Informant Breaks Silence: …": the whole role phrase
        if not ents or words[-1].lower() in NON_AGENTS:
            continue  # "Madagascar Outbreak: …" is a topic, whatever NER calls it
        if m.start() > title_end and getattr(ents[-1], "label_", "") == "ORG" and text.count(ents[-1].text) < 2:
            continue  # "Candidate’s True Politics: “…”": a section label NER took for a body
        to = next((t for t in span if t.lower_ == "to" and t.i < ents[-1].start), None)
        if to is not None:
            # "Farmers to Governor Roe: …": the farmers speak, to the one addressed
            if to.i == span.start:
                continue
            sender = doc[span.start:to.i]
            if not any(t.tag_.startswith("NN") for t in sender):
                continue
            ents = [sender]
        cs, ce = m.start(2), m.end(2)
        if cs in taken or ce <= cs:
            continue
        if _has_own_speaker(doc, cs, ce):
            continue  # "Jihadi John: group blames …", "Brexit: …, officials say"
        colon = text.index(":", m.end(1))
        ent = ents[-1]
        out.append(Attribution(cue=(span.end, span.end + 1), content=(cs, ce), speaker=ent[-1] if said else ent.root,
                               pattern="headline", speaker_span=(ent.start, ent.end),
                               cue_chars=(colon, colon + 1)))



# a bracketed citation of a source: "[Judge Frees Farmer, by Ann Roe, Reuters, May 1, 2018]"
CITATION_RE = re.compile(r"\[[^\[\]\n]{5,300}?,\s+[Bb]y\s+[^\[\]\n]{3,200}\]")


def outside_citations(text: str, entities: list[Entity]) -> list[Entity]:
    """The entities with their mentions inside bracketed citations dropped: a cited piece's
    author is no one the next "He" can mean, and speaks nowhere in the article."""
    spans = [m.span() for m in CITATION_RE.finditer(text)]
    if not spans:
        return entities
    out = []
    for e in entities:
        kept = [m for m in e.mentions if not any(a <= m.start < b for a, b in spans)]
        if kept:
            out.append(e if len(kept) == len(e.mentions) else e.model_copy(update={"mentions": kept}))
    return out


# a scripture reference right after the closing mark: "“…” (Matthew 15:14)", "(1 Cor 13:4-7)"
BOOKS = ("Genesis|Gen|Exodus|Ex|Leviticus|Lev|Numbers|Num|Deuteronomy|Deut|Joshua|Judges|Ruth|Samuel|Sam|Kings"
         "|Chronicles|Ezra|Nehemiah|Esther|Job|Psalms?|Ps|Proverbs|Prov|Ecclesiastes|Eccl|Song of Songs|Isaiah|Isa"
         "|Jeremiah|Jer|Lamentations|Ezekiel|Ezek|Daniel|Dan|Hosea|Joel|Amos|Jonah|Micah|Habakkuk|Zechariah|Malachi"
         "|Matthew|Matt|Mt|Mark|Mk|Luke|Lk|John|Jn|Acts|Romans|Rom|Corinthians|Cor|Galatians|Gal|Ephesians|Eph"
         "|Philippians|Phil|Colossians|Col|Thessalonians|Thess|Timothy|Tim|Titus|Hebrews|Heb|James|Jas|Peter|Pet"
         "|Jude|Revelation|Rev|Quran|Koran|Qur['’]an")
SCRIPTURE_RE = re.compile(r"\s*\(((?:[1-3] ?)?(?:" + BOOKS + r")\.? \d{1,3}[:.]\d{1,3}(?:[-–]\d{1,3})?"
                          r"(?:, ?\d{1,3}(?:[-–]\d{1,3})?)*)\)")  # ("(Col. 1:26, 24)", "(Qur’an 60.4)")


def cited_scripture(text: str, start: int, end: int, cue: Span | None) -> Speaker | None:
    """The book a quote's words come from when a scripture reference follows its closing mark
    and no cue before the words gives them to someone ("Jesus said, “…” (Matthew 5:10)" stays
    Jesus's): the writer quoting scripture is not whoever the sentence names."""
    if text[end - 1:end] not in "”\"" or cue is not None and cue.end <= start and (
            cue.text != ":" and is_speech_cue(cue.text)):
        return None  # (not "Velmism stands only as a foe: “…” (Qur’an 60.4)": no one said it there)
    m = SCRIPTURE_RE.match(text, end)
    return Speaker(start=m.start(1), end=m.end(1), text=m.group(1), name=m.group(1)) if m else None
