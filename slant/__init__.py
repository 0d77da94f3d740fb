"""slant: read news articles and show how they persuade.

The library API (the CLI and the web app are thin skins over it)::

    import slant
    nlp = slant.load()                           # a pipeline; models load on first use
    analysis = nlp("The council's reckless plan ...")   # or nlp(slant.read_text(...))
    for a in nlp.pipe(texts, batch_size=8): ...  # a stream in, a stream out
    slant.displacy(analysis)                     # displaCy span-style data

Names are imported lazily, so ``import slant`` stays cheap; the ``TYPE_CHECKING`` block
below shows type checkers the same names. (``slant.analyze`` is the subpackage of stages;
the function for one article is ``analyze_article``.) See docs/library.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:  # the lazy exports below, for mypy and editors
    from slant.config import Settings as Settings
    from slant.display import displacy as displacy
    from slant.errors import InputError as InputError
    from slant.errors import SlantError as SlantError
    from slant.front import load as load
    from slant.glossary import GLOSSARY as GLOSSARY
    from slant.ingest import (
        fetch_url as fetch_url,
        iter_articles as iter_articles,
        read_html as read_html,
        read_text as read_text,
    )
    from slant.models import (
        TECHNIQUES as TECHNIQUES,
        Analysis as Analysis,
        Article as Article,
        Entity as Entity,
        Quote as Quote,
        TechniqueSpan as TechniqueSpan,
    )
    from slant.pipeline import (
        Pipeline as Pipeline,
        analyze_article as analyze_article,
        analyze_many as analyze_many,
        build_pipeline as build_pipeline,
    )
    from slant.store import open_store as open_store


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
    "load": "slant.front",
    "displacy": "slant.display",
    "Pipeline": "slant.pipeline",
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
