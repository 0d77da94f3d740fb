"""The ``entities`` stage: people, organisations, places and groups, merged per article,
with the descriptors the article gives each.

Reads the shared spaCy Doc (``doc``) and puts ``list[slant.models.Entity]`` under
``entities``. :func:`extract_entities` is the library verb.
"""

from __future__ import annotations

from typing import Any

from slant.analyze.entities.descriptors import (
    POSSESSIVE_PRONOUNS,
    POSSESSIVE_WINDOW,
    find_descriptors,
    find_possessive_labels,
)
from slant.analyze.entities.mentions import EntityBuilder, find_entities
from slant.analyze.parse import doc_text
from slant.context import Context
from slant.models import Descriptor, Entity, Mention, StageProvenance

__all__ = ["EntitiesStage", "EntityBuilder", "extract_entities"]

DESCRIBED_TYPES = {"PERSON", "ORG", "NORP", "GPE"}


def extract_entities(doc: Any) -> list[Entity]:
    """The entities of a parsed article, each with merged mentions and descriptors."""
    text = doc_text(doc)
    entities: list[Entity] = []
    builders = find_entities(doc)
    possessive = _possessive_owners(doc, builders)
    for b in builders:
        descs: dict[tuple[int, int, str], None] = {}
        if b.type in DESCRIBED_TYPES:
            alias_spans = set(b.alias_spans)
            for s, e in b.mentions:
                if (s, e) in alias_spans:
                    continue
                span = doc.char_span(s, e, alignment_mode="expand")
                if span is None or len(span) == 0:
                    continue
                for d in find_descriptors(doc, span.start, span.end, b.type == "PERSON"):
                    descs.setdefault(d, None)
            own = {(s, e) for s, e in b.mentions}
            descs = {d: None for d in descs if (d[0], d[1]) not in own
                     and text[d[0]:d[1]].strip("()\"“”' ") not in b.aliases | {b.name}}
            for s, e in b.alias_spans:
                descs.setdefault((s, e, "alias"), None)
            for s, e in possessive.get(id(b), []):
                descs.setdefault((s, e, "possessive"), None)
        entities.append(Entity(
            name=b.name,
            type=b.type,  # type: ignore[arg-type]
            mentions=[Mention(start=s, end=e) for s, e in b.mentions],
            descriptors=[
                Descriptor(start=s, end=e, text=text[s:e], kind=k)  # type: ignore[arg-type]
                for s, e, k in sorted(descs)
            ],
        ))
    return entities


def _possessive_owners(doc: Any, builders: list[EntityBuilder]) -> dict[int, list[tuple[int, int]]]:
    """Labels through possessive pronouns ("their extremist history"), each given to the
    entity the pronoun stands for: the latest mention before it of a fitting type (an
    organisation or group for "its"/"their", a person for "his"/"her"), within
    :data:`POSSESSIVE_WINDOW` characters."""
    labels = find_possessive_labels(doc)
    if not labels:
        return {}
    import bisect

    rows = sorted((s, e, b) for b in builders for s, e in b.mentions)
    starts = [r[0] for r in rows]
    out: dict[int, list[tuple[int, int]]] = {}
    for s, e, pronoun in labels:
        types = POSSESSIVE_PRONOUNS[pronoun]
        i = bisect.bisect_left(starts, s) - 1
        while i >= 0 and s - rows[i][0] <= POSSESSIVE_WINDOW:
            b = rows[i][2]
            if b.type in types and rows[i][1] <= s:
                out.setdefault(id(b), []).append((s, e))
                break
            i -= 1
    return out


class EntitiesStage:
    name = "entities"
    requires = ("doc",)
    produces = ("entities",)
    version = "2"

    def provenance(self) -> StageProvenance:
        return StageProvenance(name=self.name, version=self.version, model="rules over spaCy NER and parse")

    def __call__(self, ctx: Context) -> None:
        ctx.entities = extract_entities(ctx.doc)
