"""One article's speaker state for the quotes stage: the mention index, the quoted spans,
and the last person and organisation to speak (for the pronouns that follow)."""

from __future__ import annotations

import bisect
from typing import Any

from slant.analyze.parse import doc_text
from slant.analyze.quotes.layout import outside_citations
from slant.analyze.quotes.marks import Quoted
from slant.analyze.quotes.phrases import unlisted_person
from slant.analyze.quotes.speakers import MentionIndex, infer_genders, resolve, speaker_bounds
from slant.analyze.quotes.words import real_name
from slant.models import Entity, Speaker

__all__ = ["Speakers"]


class Speakers:
    """What resolving one article's speakers needs: the mention index, the quoted spans,
    and the last person and organisation to speak."""

    def __init__(self, doc: Any, entities: list[Entity], quoted: list[Quoted]) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        entities = outside_citations(self.text, [e for e in entities if real_name(e.name)])
        self.index = MentionIndex(entities, infer_genders(doc, entities))
        self.index.set_role_subjects(doc)
        self.quotes_spans = [(q.start, q.end) for q in quoted]
        self.quote_starts = [q.start for q in quoted]
        self.last_person: Entity | None = None
        self.by_name = {e.name: e for e in entities}

    def name(self, head: Any, bounds: tuple[int, int]) -> str | None:
        return resolve(self.doc, head, bounds, self.index, self.last_person, self.quotes_spans)

    def topic_name(self, subj: Any) -> tuple[str, int, int] | None:
        """The person a narrator's subject names, with its token bounds."""
        sa, sb = speaker_bounds(self.doc, subj)
        name = self.name(subj, (sa, sb)) if sb > sa else None
        if name is None or name not in self.by_name or self.by_name[name].type != "PERSON":
            return None
        return (name, sa, sb)

    def inside_other_quote(self, pos: int, cue_pos: int) -> bool:
        """Whether ``pos`` lies inside a quoted span that does not hold ``cue_pos``: a word
        of someone's quoted words is not the subject of the narrator's cue ("X wrote “… He
        says …” and adds that …" is X adding)."""
        spans = self.quotes_spans
        i = bisect.bisect_right(self.quote_starts, pos) - 1
        if i < 0 or not spans[i][0] < pos < spans[i][1] or spans[i][0] < cue_pos < spans[i][1]:
            return False
        # words with a verb of their own, not a name or phrase the narrator quotes
        # ("“Ann Velm, a senior harbour trustee,” has written")
        span = self.doc.char_span(*spans[i], alignment_mode="contract")
        return span is not None and any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in span)

    def quoted(self, pos: int) -> bool:
        i = bisect.bisect_right(self.quote_starts, pos) - 1
        return i >= 0 and self.quotes_spans[i][0] <= pos < self.quotes_spans[i][1]

    def names_at(self, start: int, end: int) -> set[str]:
        return {e.name for _, _, e in self.index.inside(start, end)}

    def speaker(self, name: str, sa: int, sb: int) -> Speaker:
        doc, first = self.doc, self.doc[sa].text.lstrip("-")  # " -Ann Roe": not the hyphen
        s0, s1 = doc[sa].idx + (hy := (len(doc[sa]) - len(first)) * first[:1].isupper()), doc[sb - 1].idx + len(doc[sb - 1])
        return Speaker(start=s0, end=s1, text=self.text[s0:s1], name=name.lstrip("-") if hy else name)

    def remember(self, speaker: Speaker, content: tuple[int, int]) -> None:
        """The latest person or organisation to speak, for the pronouns that follow."""
        ent = self.by_name.get(speaker.name) or unlisted_person(self.doc, speaker)
        if ent is not None and ent.type == "PERSON":
            self.last_person = ent
            self.index.last_said = (ent.name, *content, speaker.start)
        elif ent is not None and ent.type in ("ORG", "GPE", "NORP"):
            self.index.last_group = (ent, speaker.start)
