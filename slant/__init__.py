"""slant: read news articles and show how they persuade.

The library API (the CLI and the web app are thin skins over it)::

    import slant
    article = slant.read_text(open("story.txt").read())
    analysis = slant.analyze_article(article)    # one article (builds a pipeline)
    for a in slant.analyze_many(articles): ...   # a stream in, a stream out

Names are imported lazily, so ``import slant`` stays cheap. (``slant.analyze`` is the
subpackage of stages; the function for one article is ``analyze_article``.)
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "Article": "slant.models",
    "Analysis": "slant.models",
    "TechniqueSpan": "slant.models",
    "Quote": "slant.models",
    "Entity": "slant.models",
    "TECHNIQUES": "slant.models",
    "SlantError": "slant.errors",
    "InputError": "slant.errors",
    "Settings": "slant.config",
    "GLOSSARY": "slant.glossary",
    "build_pipeline": "slant.pipeline",
    "analyze_article": "slant.pipeline",
    "analyze_many": "slant.pipeline",
    "iter_articles": "slant.ingest",
    "read_text": "slant.ingest",
    "read_html": "slant.ingest",
    "fetch_url": "slant.ingest",
    "open_store": "slant.store",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'slant' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
