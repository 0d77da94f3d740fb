"""The ``voice`` stage: whose words each technique span and descriptor is (narrator or quoted).

It runs after techniques, entities and quotes, and annotates their output in place (the rule
is in :mod:`slant.voice`). It needs quotes; techniques and entities are used when present.
"""

from __future__ import annotations

from slant.context import Context
from slant.models import StageProvenance
from slant.voice import QuotedRegions, voice_descriptor, voice_span
from slant.voice import provenance as voice_provenance


class VoiceStage:
    name = "voice"
    requires = ("quotes",)
    uses = ("techniques", "entities")
    produces = ("voice",)

    def provenance(self) -> StageProvenance:
        return voice_provenance()

    def __call__(self, ctx: Context) -> None:
        text = ctx.text
        regions = QuotedRegions(ctx.quotes or [])
        if ctx.techniques is not None:
            ctx.techniques = [p for t in ctx.techniques for p in voice_span(text, t, regions)]
        if ctx.entities is not None:
            ctx.entities = [
                e.model_copy(update={"descriptors": [voice_descriptor(text, d, regions)
                                                     for d in e.descriptors]})
                for e in ctx.entities]
        ctx.voice = True
