"""The ``voice`` stage: whose words each technique span and descriptor is (narrator or quoted).

It runs after techniques, entities and quotes, and annotates their output in place (the rule
is in :mod:`slant.voice`). It needs quotes; techniques and entities are used when present.
"""

from __future__ import annotations

from typing import Any

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

    def __call__(self, ctx: Any) -> None:
        text = ctx.get("text")
        regions = QuotedRegions(ctx.get("quotes"))
        if ctx.has("techniques"):
            ctx.put("techniques", [p for t in ctx.get("techniques")
                                   for p in voice_span(text, t, regions)])
        if ctx.has("entities"):
            ctx.put("entities", [
                e.model_copy(update={"descriptors": [voice_descriptor(text, d, regions)
                                                     for d in e.descriptors]})
                for e in ctx.get("entities")])
        ctx.put("voice", True)
