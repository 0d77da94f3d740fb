"""The front door: ``nlp = slant.load()``, then ``nlp("text")`` or ``nlp.pipe(texts)``.

    import slant
    nlp = slant.load()                          # every stage; models load on first use
    analysis = nlp("The council's reckless plan ...")
    for a in nlp.pipe(texts, batch_size=8): ...  # a stream in, a stream out
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from slant.config import OnError, Settings
from slant.display import displacy
from slant.pipeline import Pipeline, build_pipeline

__all__ = ["displacy", "load"]


def load(
    only: Iterable[str] | None = None,
    skip: Iterable[str] | None = None,
    *,
    settings: Settings | None = None,
    on_error: OnError | None = None,
    threshold: float | None = None,
    encoder: str | None = None,
    spacy_model: str | None = None,
    threads: int | None = None,
    model: str | None = None,
) -> Pipeline:
    """A ready :class:`~slant.pipeline.Pipeline`, like ``spacy.load``: call it on a text or an
    Article for an Analysis; ``.pipe(texts, batch_size=...)`` streams.

    ``only``/``skip`` choose stages by name (``language``, ``parse``, ``techniques``,
    ``entities``, ``quotes``, ``embed``); what they need is pulled in. Without ``settings``
    they come from the ``SLANT_*`` environment (docs/configuration.md), and the keyword
    options override it. ``model`` chooses the techniques model: ``"default"``,
    ``"accurate"`` (needs ``slant models fetch teacher``) or a trained model folder. Models are loaded when the first article is analyzed.
    """
    overrides: dict[str, Any] = {
        k: v for k, v in (("technique_threshold", threshold), ("encoder", encoder),
                          ("spacy_model", spacy_model), ("threads", threads),
                          ("techniques_model", model)) if v is not None
    }
    settings = replace(settings, **overrides) if settings else Settings.from_env(**overrides)
    return build_pipeline(settings, only=only, skip=skip, on_error=on_error)
