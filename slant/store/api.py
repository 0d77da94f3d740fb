"""The public store API: one :class:`Store` over SQLite (default) or PostgreSQL.

    store = open_store("sqlite:///corpus.db")          # or postgresql+psycopg://…, or None
    aid = store.save(analysis)                          # idempotent; one transaction per article
    page = store.search("border", outlet="Daily X", technique="Loaded_Language")
    rows = store.technique_rates(outlet="Daily X")     # outlet × month, spans per 1,000 words

Every method returns records from :mod:`slant.models` or :mod:`slant.store.records`.
Database trouble (locked, read-only, disk full, old schema) is raised as
:class:`~slant.errors.StoreError` with a message that says what to do; a failed write
leaves nothing half-written (the article's transaction is rolled back).

Identity: an article is keyed by its canonical URL, else by the hash of its normalised
text (:func:`store_key`). Saving the same key again replaces the stored analysis when it
differs and keeps the article's stored id, so links stay valid.

Layer rule: this package imports only the base (models, errors, config) and SQLAlchemy;
never torch, transformers, spaCy, the pipeline or slant.stories. Story clustering and
comparison live in :mod:`slant.stories`, which reads and writes through the methods here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import TYPE_CHECKING

from slant.config import Settings
from slant.models import Analysis, Article
from slant.store._corpus import CorpusMethods
from slant.store.keys import canonical_url, pipeline_fingerprint, store_key
from slant.store.query import SearchQuery
from slant.store.records import (
    EntityOutletProfile,
    OutletCount,
    SaveResult,
    SearchPage,
    SpeakerCount,
    TechniqueRateRow,
)

if TYPE_CHECKING:  # pragma: no cover
    from sqlalchemy.engine import Engine

__all__ = [
    "Store",
    "canonical_url",
    "open_store",
    "pipeline_fingerprint",
    "store_key",
]


def open_store(
    url: str | None = None,
    *,
    settings: Settings | None = None,
    migrate: bool = True,
    timeout: float = 5.0,
    create: bool = True,
) -> Store:
    """Open (and, with ``migrate``, create or upgrade) the store at ``url``.

    ``url`` is a SQLAlchemy URL: ``sqlite:///path.db`` (WAL mode), ``postgresql://…`` or
    ``postgresql+psycopg://…``. ``None`` means ``settings.database_url`` (a SQLite file in
    the user data directory; ``SLANT_DB`` overrides it). A plain file path is accepted as
    a SQLite file. With ``migrate=False`` an out-of-date database raises StoreError
    instead of being upgraded. ``timeout`` is how long a write waits for another
    writer's lock before it fails with StoreError. ``create=False`` is for readers: a
    database that does not exist yet (a missing SQLite file, or one with no slant tables)
    raises StoreError instead of being created empty.

    Creating or migrating the schema is serialised between processes, so several
    processes may open a new database at once.
    """
    from slant.store.engine import connect

    settings = settings or Settings.from_env()
    engine = connect(url or settings.database_url, migrate=migrate, timeout=timeout,
                     create=create)
    return Store(engine)


class Store(CorpusMethods):
    """A corpus of analyzed articles. Build it with :func:`open_store`.

    Articles (saving, reading, search, statistics) are here; stories, actors, outlets' metadata
    and crawl state are :class:`~slant.store._corpus.CorpusMethods`."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # -- lifecycle -------------------------------------------------------------------------
    @property
    def dialect(self) -> str:
        """``"sqlite"`` or ``"postgresql"``."""
        return self.engine.dialect.name

    @property
    def url(self) -> str:
        """The database URL with any password hidden."""
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------
    def save(self, analysis: Analysis) -> str:
        """Store one analysis (article, spans, quotes, entities, embedding, provenance).

        Idempotent: saving it again changes nothing. Returns the stored article id (the
        id of the first version saved under the same key). One transaction.
        """
        return self.save_result(analysis).id

    def save_result(self, analysis: Analysis) -> SaveResult:
        """Like :meth:`save`, also telling whether the article was new, updated or unchanged."""
        from slant.store.write import save_analysis

        return save_analysis(self.engine, analysis)

    def save_many(
        self,
        analyses: Iterable[Analysis],
        on_error: Callable[[Analysis, Exception], None] | None = None,
        *,
        batch: int = 1,
    ) -> list[str]:
        """Store a stream of analyses; returns the ids stored, in order.

        ``batch=1`` (the default): one transaction per article. ``batch=N``: N articles per
        transaction, each in its own savepoint, so a failing article is still rolled back
        alone; faster, but an interrupted run loses up to N-1 finished articles (never
        part of one). Without ``on_error`` the first failure raises (articles committed
        before it stay stored); with it, the failure is reported and the rest are stored.
        """
        if batch > 1:
            from slant.store.write import save_batch

            ids: list[str] = []
            pending: list[Analysis] = []
            for a in analyses:
                pending.append(a)
                if len(pending) >= batch:
                    ids.extend(save_batch(self.engine, pending, on_error))
                    pending = []
            if pending:
                ids.extend(save_batch(self.engine, pending, on_error))
            return ids
        ids = []
        for a in analyses:
            try:
                ids.append(self.save(a))
            except Exception as exc:
                if on_error is None:
                    raise
                on_error(a, exc)
        return ids

    def delete(self, article_id: str) -> bool:
        """Remove an article and everything derived from it. True if it existed."""
        from slant.store.write import delete_article

        return delete_article(self.engine, article_id)

    # -- reading ---------------------------------------------------------------------------
    def get(self, article_id: str) -> Analysis | None:
        """The stored analysis (embedding included) or None."""
        from slant.store.read import get_analyses

        found = get_analyses(self.engine, [article_id])
        return found[0] if found else None

    def get_many(self, article_ids: Iterable[str]) -> list[Analysis]:
        """Stored analyses for the ids that exist, in the order asked."""
        from slant.store.read import get_analyses

        return get_analyses(self.engine, list(article_ids))

    def find(self, article: Article) -> str | None:
        """The stored id of the article with the same key (canonical URL or text hash)."""
        from slant.store.read import find_id

        return find_id(self.engine, store_key(article))

    def needs_analysis(self, article: Article, fingerprint: str | None = None) -> bool:
        """True when the article is not stored, when what is stored under its key has
        another title or text (an edited article, or a different one at the same address:
        saving it replaces the stored one and says so, see ``SaveResult.replaced_text``),
        or (given ``fingerprint``) when it was stored by a different pipeline version (see
        :func:`pipeline_fingerprint`)."""
        from slant.store.keys import content_hash
        from slant.store.read import stored_fingerprint

        stored = stored_fingerprint(self.engine, store_key(article))
        if stored is None:
            return True
        fp, chash = stored
        if chash != content_hash(article):
            return True
        return fingerprint is not None and fp != fingerprint

    def stale(self, fingerprint: str, limit: int | None = None) -> list[str]:
        """Ids of stored articles analyzed by a pipeline other than ``fingerprint``."""
        from slant.store.read import stale_ids

        return stale_ids(self.engine, fingerprint, limit)

    def count(self) -> int:
        from slant.store.read import count_articles

        return count_articles(self.engine)

    def iter_analyses(
        self,
        *,
        outlet: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        ids: Iterable[str] | None = None,
        batch: int = 200,
    ) -> Iterator[Analysis]:
        """Every stored analysis matching the filters, oldest first, read in batches
        (``since``/``until`` inclusive, as in :meth:`search`)."""
        from slant.store.read import iter_analyses

        return iter_analyses(self.engine, outlet=outlet, since=since, until=until,
                             ids=list(ids) if ids is not None else None, batch=batch)

    # -- search ----------------------------------------------------------------------------
    def search(
        self,
        q: str | SearchQuery | None = None,
        *,
        outlet: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        technique: str | None = None,
        entity: str | None = None,
        speaker: str | None = None,
        story: int | None = None,
        limit: int = 20,
        offset: int = 0,
        voice: str = "all",
        deadline_s: float | None = None,
    ) -> SearchPage:
        """Full-text search (SQLite FTS5 / PostgreSQL tsvector) with filters and paging.

        Give a :class:`~slant.store.query.SearchQuery` (the words, the filters and the page
        as one record: its fields are documented there), or the same fields as arguments:
        ``q`` is words (all must occur; ``"a phrase"`` in double quotes must occur as is);
        None lists everything, newest first. Hits are ranked by relevance, then newest
        first; each carries its narrator and quoted rates. ``deadline_s``: stop the query
        after that many seconds (QueryTimeout).
        """
        from slant.store.search import search

        if isinstance(q, SearchQuery):
            given = {"outlet": outlet, "since": since, "until": until, "technique": technique,
                     "entity": entity, "speaker": speaker, "story": story}
            if any(v is not None for v in given.values()) or (limit, offset, voice) != (20, 0, "all"):
                raise TypeError("give a SearchQuery or keyword filters, not both")
            query = q
        else:
            query = SearchQuery(q=q, outlet=outlet, since=since, until=until,
                                technique=technique, entity=entity, speaker=speaker,
                                story=story, voice=voice, limit=limit, offset=offset)
        return search(self.engine, query, deadline_s=deadline_s)

    def outlets(self) -> list[OutletCount]:
        """Every outlet (``Article.source``) with its article count and date range."""
        from slant.store.stats import outlets

        return outlets(self.engine)

    # -- statistics ------------------------------------------------------------------------
    def technique_rates(
        self,
        *,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        voice: str = "narrator",
        by: str = "month",
        group_by: str | None = None,
    ) -> list[TechniqueRateRow]:
        """Per outlet and month (``YYYY-MM``, ``since``/``until`` inclusive): articles,
        words, technique spans per 1,000 words overall and by technique, in ``voice``: the
        narrator's own words (the default), ``quoted`` speech or ``all``; each monthly row also
        carries both voices side by side.

        ``by="week"`` (ISO weeks, ``YYYY-Www``) or ``"day"`` (``YYYY-MM-DD``; ``since`` and
        ``until`` then take days, inclusive); ``group_by`` folds outlets into the groups of an
        imported outlet field (``source`` is then the group's value)."""
        from slant.store.stats import technique_rates

        groups = self.outlet_groups(group_by) if group_by else None
        return technique_rates(self.engine, outlet=outlet, since=since, until=until,
                               voice=voice, by=by, groups=groups)

    def top_speakers(self, *, outlet: str | None = None, limit: int = 10,
                     all_attributions: bool = False) -> list[SpeakerCount]:
        """The most-quoted speakers per outlet (``limit`` per outlet), most quotes first:
        speech only (said, told, wrote …), or every attribution (beliefs, plans and actions
        too) with ``all_attributions``."""
        from slant.store.stats import top_speakers

        return top_speakers(self.engine, outlet=outlet, limit=limit,
                            all_attributions=all_attributions)

    def entity_profile(self, entity: str, *, outlet: str | None = None) -> list[EntityOutletProfile]:
        """For ``entity`` (case-insensitive name), per outlet: the outlet's own labels for it,
        the labels it printed inside quotes (with their speakers), and the technique spans
        aimed at it (the rule is in :mod:`slant.store.targets`)."""
        from slant.store.stats import entity_profile

        return entity_profile(self.engine, entity, outlet=outlet)

    def top_entities(self, *, outlet: str | None = None, limit: int = 20) -> list[tuple[str, int]]:
        """The entities in the most articles, as (name, articles)."""
        from slant.store.stats import top_entities

        return top_entities(self.engine, outlet=outlet, limit=limit)
