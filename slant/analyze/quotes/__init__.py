"""The ``quotes`` stage: who said what.

Quote marks are paired by :mod:`.marks`, cues and their content read from the parse by
:mod:`.attribution`, speakers resolved to entity names by :mod:`.speakers` (one article's
state, the last to speak among it, in :mod:`.state`). A quoted span a cue
introduces is ``direct``; a cue's clause without quote marks ``indirect``, with some ``mixed``.
A quoted span with no cue continues the previous speaker when it follows one closely (tied to it
by :func:`slant.utterances.link_parts`); a short one nobody says is a ``scare`` quote or a quoted
``term``. :func:`extract_quotes` is the verb."""

from __future__ import annotations

import bisect
import re
from typing import Any

from slant.analyze.parse import doc_text, join_title_breaks
from slant.analyze.quotes.attribution import find_attributions, subject_of
from slant.analyze.quotes.byline import author_name, name_narrator
from slant.analyze.quotes.content import around_set_in, shaped
from slant.analyze.quotes.cues import SPEECH_PATTERNS, is_speech_cue
from slant.analyze.quotes.embeds import poster
from slant.analyze.quotes.frames import bound_object, criticised_speaker, impersonal, negated, place_doing, unreal
from slant.analyze.quotes.kinds import after_dateline, classify_unattributed, in_phrase, is_title, names_only, show_title
from slant.analyze.quotes.marks import Quoted, find_quoted, opens_sentence
from slant.analyze.quotes.labels import work_title
from slant.analyze.quotes.layout import cited_scripture
from slant.analyze.quotes.senses import let_in, other_sense
from slant.analyze.quotes.turns import FIRST_SINGULAR, Record, dialogue, last_turns, lead_in, named_by_next, named_next, new_topic, plural, thought
from slant.analyze.quotes.nearby import DASHES, PRONOUNS, colon_cue, cue_end, gives_words, governing_cue, leading_cue, speaks, trailing_cue
from slant.analyze.quotes.phrases import clause_subject, of_which
from slant.analyze.quotes.speakers import speaker_bounds
from slant.analyze.quotes.state import Speakers
from slant.analyze.quotes.words import no_words, real_name
from slant.context import Context
from slant.models import Entity, Quote, Span, Speaker, StageProvenance
from slant.utterances import link_parts

__all__ = ["QuotesStage", "extract_quotes", "real_name"]

NAMING = {"called", "named", "dubbed", "titled", "entitled", "termed", "nicknamed", "headlined"}
NAMED_BEFORE = re.compile(r"\b(?:called|dubbed|termed|named|titled|entitled|nicknamed|headlined|known as|podcast"
                          r"|book|film|movie|documentary|column|song|album|essay|novel|memoir|newsletter|blog|musical|show|program|(?-i:[A-Z][\w.&]*)['’]s)[\s,:]*$", re.I)  # its title
SHORT_WORDS = 4          # a quoted span this short, with no cue, is a scare quote or a term
CONTINUE_CHARS = 700     # a cue-less quote this close after a quote continues its speaker


def _sentence_subject_is(st: Speakers, q: Quoted, name: str) -> bool:
    """Whether the subject of the narrator's sentence around a mid-sentence quote is ``name``
    ("Cruz called Trump a “narcissist …”" after Cruz spoke), so the quote continues them;
    "a note reading “…”" in a sentence about someone else does not."""
    doc = st.doc
    span = doc.char_span(q.start, q.start + 1, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    root = span[0].sent.root
    subj = subject_of(root)
    if subj is None or q.start <= subj.idx < q.end:
        return False
    sa, sb = speaker_bounds(doc, subj)
    return sb > sa and st.name(subj, (sa, sb)) == name


def _overlapping(quoted: list[Quoted], q_starts: list[int], start: int, end: int) -> list[int]:
    """Indices of the quoted spans overlapping [start, end)."""
    i = max(bisect.bisect_right(q_starts, start) - 1, 0)
    out = []
    while i < len(quoted) and quoted[i].start < end:
        if quoted[i].end > start:
            out.append(i)
        i += 1
    return out


GOES_ON = {"continued", "continues", "continuing"}  # "he continued, “…”": more words ("continued to …" is none)


def _attribution_speaker(st: Speakers, att: Any, content: tuple[int, int]) -> Speaker | None:
    """The speaker of a cue the parse or the layout found."""
    doc = st.doc
    cue = doc[att.cue[0]]
    head = criticised_speaker(cue) or att.speaker  # "X condemned Y for saying …": Y
    head = clause_subject(of_which(head)) if head is not None else None
    if head is None or impersonal(cue) or place_doing(cue, head):
        return None  # "As has been reported, X did …": not X's words
    sa, sb = att.speaker_span if head is att.speaker and att.speaker_span else speaker_bounds(doc, head)
    if sb <= sa or st.inside_other_quote(head.idx, cue.idx):
        return None
    name = st.name(head, (sa, sb)) if att.pattern != "post" else None
    if name is not None and head.lower_ in PRONOUNS and bound_object(cue, head, name, st.names_at, st.quoted):
        name = head.text  # "He told Noah, “…”": he is not Noah, and no one else is named
    if name is None and att.pattern in ("transcript", "dash", "post"):
        # "MORROW: …", "“…” ― Name", a post's signature: the layout says who speaks
        phrase = " ".join(st.text[doc[sa].idx:doc[sb - 1].idx + len(doc[sb - 1])].split())
        found = st.index.by_part(phrase) if att.pattern != "post" else poster(st.index.entities, phrase)
        name = found.name if found is not None else phrase
    if name is None:
        return None
    speaker = st.speaker(name, sa, sb)
    st.remember(speaker, content)
    return speaker


def _attributed(st: Speakers, quoted: list[Quoted], used: set[int]) -> list[Record]:
    """A record for each cue with content, its quoted spans marked ``used``."""
    doc, text = st.doc, st.text
    q_starts, tok_starts = [q.start for q in quoted], [t.idx for t in doc]
    records: list[Record] = []
    atts = find_attributions(doc)
    atts.sort(key=lambda a: a.content[0])
    for att in atts:
        cs, ce = att.content
        cs = after_dateline(text, cs, ce)
        hits = _overlapping(quoted, q_starts, cs, ce)
        # a cue inside a quoted span is the speaker's own words, not an attribution
        cue_tok = doc[att.cue[0]]
        if att.pattern != "transcript" and any(
                quoted[i].start < cue_tok.idx < quoted[i].end
                for i in _overlapping(quoted, q_starts, cue_tok.idx, cue_tok.idx + 1)):
            continue
        if cue_tok.lower_ in NAMING and hits and names_only(cue_tok) and \
                not text[cue_tok.idx + len(cue_tok):quoted[hits[0]].start].strip(" ,\t"):
            continue  # "a document called “The Declaration …”": a name, not speech
        if hits and work_title(doc, cue_tok, text, quoted[hits[0]].start):
            continue  # "wrote a book, “…”": its title
        kind = "indirect"
        if len(hits) > 1 and show_title(text, quoted[hits[0]], quoted[hits[1]], cue_tok.idx):
            cs, hits = max(cs, quoted[hits[1]].start), hits[1:]  # "told CBS’ “Face the Nation”: “…”": the show told
        if hits:
            qs = min(cs, *(quoted[i].start for i in hits))
            qe = max(ce, *(quoted[i].end for i in hits))
            inside = sum(min(quoted[i].end, qe) - max(quoted[i].start, qs) for i in hits)
            kind = "direct" if inside >= 0.85 * (qe - qs) else "mixed"
            cs, ce = qs, qe
            used.update(hits)
        c0, c1 = att.cue_chars or (doc[att.cue[0]].idx, doc[att.cue[1] - 1].idx + len(doc[att.cue[1] - 1]))
        cue_span = Span(start=c0, end=c1, text=text[c0:c1])
        speaker = _attribution_speaker(st, att, (cs, ce) if kind != "direct" else (0, 0))
        # a cue the parse found that names no one, or a verb before a dash aside ("… Moscow
        # denies — “why …?” asked Dunn"): the cue after the quote ("“…,” Roe, wearing a “Vote
        # Lee” pin, said"), or before it a digest's source line ("- Ann Roe: “…”")
        aside = kind == "direct" and text[c1:cs].strip() in DASHES
        after = bool(hits) and c0 >= quoted[hits[0]].end
        if aside or speaker is None and (after or kind == "direct"):
            rec = _governed_record(st, quoted[hits[0]], tok_starts, "trailing" if after or aside else "colon")
            if rec is not None and rec[4] is not None:
                records.append(rec)
                continue
        # quoted words before their cue are the subject's ("“…,” X continued"); after it,
        # the cue must be one of saying ("X wanted “…”" is not)
        speech = (att.pattern in SPEECH_PATTERNS or is_speech_cue(cue_span.text) or
                  kind == "direct" and (ce <= c0 or cue_tok.lower_ in GOES_ON)) \
            and not negated(cue_tok) and not unreal(cue_tok, att.speaker) \
            and not (kind == "indirect" and other_sense(cue_tok) or kind != "direct" and let_in(cue_tok)) \
            and not att.unlikely \
            and not no_words(doc, cs, ce, cue_tok)
        records.append((cs, ce, kind, cue_span, speaker, speech))
    return records


def _unclaimed(st: Speakers, quoted: list[Quoted], used: set[int],
               records: list[Record]) -> None:
    """Records for the quoted spans no cue claimed: quotes whose verb the parse hung
    elsewhere, continued speakers, unattributed quotes, scare quotes and terms."""
    doc, text = st.doc, st.text
    records.sort(key=lambda r: r[0])
    rec_starts = [r[0] for r in records]
    tok_starts = [t.idx for t in doc]
    spoken = None
    made: list[Record] = []  # the quotes this loop gave a speaker, in order
    for i, q in enumerate(quoted):
        if i in used:
            continue
        k = bisect.bisect_right(rec_starts, q.start) - 1
        if k >= 0 and records[k][1] >= q.end and records[k][2] != "indirect":
            continue  # inside a quote already recorded
        inner = text[q.inner[0]:q.inner[1]].rstrip()
        words = len(inner.split())
        named = NAMED_BEFORE.search(text[max(0, q.start - 30):q.start]) and names_only(
            doc[max(0, bisect.bisect_left(tok_starts, q.start) - 1)])
        short = not (words > SHORT_WORDS or (inner[-1:] in ".!?" and words > 2))
        # "“Certainly,” she said.": a short quote that opens its sentence and goes on after
        # the mark to a verb of saying is speech, not a term
        governed = _governed_record(st, q, tok_starts, "trailing") if short and not named \
            and inner[-1:] in ",?!" and opens_sentence(text, q.start) else None
        unspoken = named or short or (is_title(inner) and inner[-1:] not in ".!?")
        if governed is None and not unspoken:
            governed = _governed_record(st, q, tok_starts)
        elif governed is None and short and not named and inner[-1:] in ".!?":
            # "she said, “No.”", "a man yelled “Stay there!”": a whole short utterance
            governed = _governed_record(st, q, tok_starts, "leading")
        if governed is not None:
            records.append(governed)
            spoken = governed
            made.append(governed)
            continue
        if unspoken or in_phrase(doc, tok_starts, text, q):
            records.append((q.start, q.end, classify_unattributed(text, q), None, None, False))
            continue
        prev = None
        for j in range(k, -1, -1):
            r = records[j]
            if r[2] == "direct" and r[3] is not None and r[4] is None and r[5]:
                break  # "“…,” read a report.": the words before had no speaker we could name; nor do these
            if r[4] is not None and r[2] in ("direct", "mixed", "indirect"):
                prev = _relayed(records, j) or r
                break
        if spoken is not None and (prev is None or spoken[0] > prev[0]):
            prev = spoken  # a quote this loop gave a speaker ("“…,” said X. “…”")
        lead = lead_in(doc, prev[1], q.start) if prev is not None else None
        if lead is not None:  # "Some Farrakhan quotes:": whoever the line names, if anyone
            speaker = next((Speaker(start=m0, end=m1, text=text[m0:m1], name=e.name) for m0, m1, e
                            in reversed(st.index.inside(*lead)) if e.type == "PERSON"), None)
            spoken = (q.start, q.end, "direct", None, speaker, True)
            records.append(spoken)
            continue
        speaker = None
        if prev is not None and q.start - prev[1] <= CONTINUE_CHARS and (
                (opens_sentence(text, q.start) and text[:q.start].rstrip(" \t\xa0")[-1:] != ":")
                or (prev[4] is not None and _sentence_subject_is(st, q, prev[4].name))):
            speaker = prev[4]
        if speaker is not None and prev is not None:
            # "Roe's father, Lamar, saw it too. “…”": the person the narrator turned to
            speaker = new_topic(st.doc, q.start, prev[1], speaker, st.topic_name) or speaker
        if speaker is not None and plural(speaker) and FIRST_SINGULAR.search(inner):
            speaker = None  # "health officials warned …" then "“I have …”": someone else's words
        if speaker is not None and inner[-1:] != "." and \
                named_next(doc, q.end, tok_starts, st.topic_name) not in (None, speaker.name):
            speaker = None  # "“…?” Rep. Ann Roe wanted to know.": not the last speaker's words
        turns = last_turns(records, k, made)
        if speaker is not None and len(turns) == 2 and dialogue(text, turns[0], turns[1], q):
            speaker = turns[0][4]  # a dialogue: the one who spoke before the last answers back
        record = (q.start, q.end, "direct", None, speaker, not thought(text, q.start))  # ("we thought, “…”")
        records.append(record)
        if speaker is not None:
            made.append(record)


def _relayed(records: list[Record], j: int) -> Record | None:
    """The direct quote with a speaker that ``records[j]`` holds, when it relays one
    ("“…,” Roe said Friday, according to NBC."): the next quote goes on in Roe's words, not
    the outlet's."""
    outer = records[j]
    for d in records[max(0, j - 3):j + 4]:
        if d is not outer and d[2] == "direct" and d[4] is not None and \
                outer[0] <= d[0] and d[1] <= outer[1] and d[1] - d[0] < outer[1] - outer[0]:
            return d
    return None


def _governed_record(st: Speakers, q: Quoted, tok_starts: list[int], where: str = "any") -> Record | None:
    """A direct quote whose speech verb sits just before or after it, or that it hangs
    from, with the verb's subject as speaker; ``where`` takes only one right after it
    ("trailing"), right before it ("leading") or before its colon ("colon")."""
    doc = st.doc
    finders: dict[str, tuple[Any, ...]] = {
        "trailing": (lambda: trailing_cue(doc, q, tok_starts),),
        "leading": (lambda: leading_cue(doc, q, tok_starts, strict=True),),
        "colon": (lambda: colon_cue(doc, q, tok_starts),),
        # each in turn, till one names a speaker ("“…” for the union, said Roe": not "signals")
        "any": (lambda: leading_cue(doc, q, tok_starts), lambda: governing_cue(doc, q),
                lambda: trailing_cue(doc, q, tok_starts), lambda: colon_cue(doc, q, tok_starts)),
    }
    for find in finders[where]:
        if (governed := find()) is None:
            continue
        verb, subj = governed
        cue = Span(start=verb.idx, end=(ce := cue_end(verb)), text=st.text[verb.idx:ce])
        if impersonal(verb) and not any(c.dep_ == "auxpass" and q.start <= c.idx < q.end for c in verb.children):
            return (q.start, q.end, "direct", cue, None, False)  # "we were expected to …" (not "“Is …?” asked X")
        sa, sb = speaker_bounds(doc, subj)
        name = st.name(subj, (sa, sb)) if sb > sa else None
        if name is None:
            continue
        # "a reader would now ask: “…”": whose words they would be, but no speech; nor is a
        # quote hung on a verb that is no saying ("X wanted “to know everything”"), though a
        # quote before its verb is the subject's words ("“…,” X laughed"), and "as X put it"
        # and a dash introduce words
        speech = (is_speech_cue(cue.text) or speaks(verb) or verb.lower_ == "put" or verb.text in DASHES
                  or q.end <= verb.idx or gives_words(verb)
                  and st.text[max(0, q.start - 9):q.start].rstrip().endswith((":", *DASHES))) \
            and not unreal(verb, subj) and not negated(verb, (q.start, q.end))
        return (q.start, q.end, "direct", cue, st.speaker(name, sa, sb), speech)
    return None


def extract_quotes(doc: Any, entities: list[Entity] | None = None, author: str | None = None) -> list[Quote]:
    """The quotes of a parsed article, each with its kind, cue and speaker; the narrator's
    own "I" is named for ``author`` (the article's metadata) or the text's byline."""
    text = doc_text(doc)
    quoted = find_quoted(join_title_breaks(text))  # ("“I see that Fr.\nAnn Roe …": one line, as parsed)
    st = Speakers(doc, entities or [], quoted)
    used: set[int] = set()
    records = _attributed(st, quoted, used)
    _unclaimed(st, quoted, used, records)
    out: list[Quote] = []
    last_end = -1
    for s, e, kind, cue, speaker, speech in _one_per_span(records):
        s, e, content = shaped(doc, text, s, e, kind, cue)
        if e <= s or text[s:e].lower() in ("which", "that", "what", "whom"):
            continue  # (a relative pronoun alone is no topic)
        if s < last_end and kind in ("scare", "term"):
            continue
        if kind == "direct":
            speaker = cited_scripture(text, s, e, cue) or speaker
        out.extend(Quote(start=a, end=b, text=text[a:b], kind=kind, cue=cue, speaker=speaker, speech=speech,
                         content=content) for a, b in around_set_in(text, s, e, kind, cue, speaker))
        last_end = max(last_end, e)
    return name_narrator(named_by_next(text, link_parts(text, out)), quoted, author_name(text, author))


def _one_per_span(records: list[tuple]) -> list[tuple]:
    """One record per (start, end): two cues can claim the same quote ("X said it best when
    he told a crowd: “…”"). Prefer a speaker named in the text over a pronoun, then the cue
    nearest the quote."""

    def rank(r: tuple) -> tuple:
        s, e, _kind, cue, speaker, _speech = r
        named = speaker is not None and speaker.text.lower() not in PRONOUNS
        dist = min(abs(cue.start - e), abs(s - cue.end)) if cue is not None else 10**9
        return (not named, speaker is None, dist)

    best: dict[tuple[int, int], tuple] = {}
    for r in records:
        key = (r[0], r[1])
        if key not in best or rank(r) < rank(best[key]):
            best[key] = r
    return sorted(best.values(), key=lambda r: (r[0], r[1]))


class QuotesStage:
    name = "quotes"
    requires = ("doc", "entities")
    produces = ("quotes",)
    version = "2"

    def provenance(self) -> StageProvenance:
        from slant.analyze.quotes.learned import MODEL_FILE, shipped_model

        return StageProvenance(name=self.name, version=self.version,
                               model=f"rules over spaCy parse + {MODEL_FILE.name}",
                               model_hash=shipped_model().sha256)

    def __call__(self, ctx: Context) -> None:
        ctx.quotes = extract_quotes(ctx.doc, ctx.entities, ctx.article.author)
