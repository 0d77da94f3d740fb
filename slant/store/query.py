""":class:`SearchQuery`: the words, filters and page of one search, as one record.

The CLI (``slant search``), the JSON API (``/api/v1/search``), the web app's corpus page and
library callers build one and hand it to :meth:`slant.store.Store.search`, which passes it on to
:func:`slant.store.search.search`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class SearchQuery:
    """One search of the stored articles.

    ``q``: words that must all occur (``"a phrase"`` in double quotes must occur as is; a word
    given twice counts once; at most 12 different words); None lists everything, newest
    first. ``outlet``: an outlet name, in any case. ``since``/``until``: publication time
    bounds, both inclusive (for whole days pass the day's first and last instant).
    ``technique``: a PTC technique name (any case). ``entity``/``speaker``: a name or alias
    of an actor the article mentions / quotes (any case). ``story``: a story id. ``voice``
    (``narrator``, ``quoted`` or ``all``): keep articles with a technique span (of
    ``technique``, when given) in the narrator's own words or inside quotes. ``limit``
    (1-1000) and ``offset`` page the hits. Bad values are an InputError when searching.
    """

    q: str | None = None
    outlet: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    technique: str | None = None
    entity: str | None = None
    speaker: str | None = None
    story: int | None = None
    voice: str = "all"
    limit: int = 20
    offset: int = 0
