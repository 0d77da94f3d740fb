"""The ``entities`` stage: people, organisations, places and groups, merged per article,
with the descriptors the article gives each.

Reads the shared spaCy Doc (``doc``) and puts ``list[slant.models.Entity]`` under
``entities``. :func:`extract_entities` is the library verb.
"""

from __future__ import annotations

from typing import Any

from slant.analyze.entities.descriptors import find_descriptors
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
    for b in find_entities(doc):
        descs: dict[tuple[int, int, str], None] = {}
        if b.type in DESCRIBED_TYPES:
            alias_spans = set(b.alias_spans)
            for s, e in b.mentions:
                if (s, e) in alias_spans:
                    continue
                span = doc.char_span(s, e, alignment_mode="expand")
                if span is None or len(span) == 0:
                    continue
                for d in find_descriptors(doc, span.start, span.end):
                    descs.setdefault(d, None)
            own = {(s, e) for s, e in b.mentions}
            descs = {d: None for d in descs if (d[0], d[1]) not in own
                     and text[d[0]:d[1]].strip("()\"“”' ") not in b.aliases | {b.name}}
            for s, e in b.alias_spans:
                descs.setdefault((s, e, "alias"), None)
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


class EntitiesStage:
    name = "entities"
    requires = ("doc",)
    produces = ("entities",)
    version = "1"

    def provenance(self) -> StageProvenance:
        return StageProvenance(name=self.name, version=self.version, model="rules over spaCy NER and parse")

    def __call__(self, ctx: Context) -> None:
        ctx.entities = extract_entities(ctx.doc)
