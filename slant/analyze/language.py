"""The ``language`` stage: which language an article is in. Later stages skip what they cannot read."""

from __future__ import annotations

from slant.context import Context
from slant.models import StageProvenance

SUPPORTED = ("en",)
MIN_CHARS = 20


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s language, or None when there is too little text to tell."""
    letters = sum(ch.isalpha() for ch in text[:20000])
    if letters < MIN_CHARS:
        return None
    import py3langid

    lang, _ = py3langid.classify(text[:20000])
    return str(lang)


class LanguageStage:
    name = "language"
    requires = ("text",)
    produces = ("language",)
    version = "1"

    def provenance(self) -> StageProvenance:
        return StageProvenance(name=self.name, version=self.version, model="py3langid")

    def __call__(self, ctx: Context) -> None:
        lang = detect_language(ctx.text)
        if lang is None:
            ctx.problem(self.name, "the text is too short to analyze (no words found)")
            return
        if lang not in SUPPORTED:
            ctx.problem(self.name, f"language {lang} is not supported (slant reads English)")
            ctx.language_unsupported = lang
            return
        ctx.language = lang
