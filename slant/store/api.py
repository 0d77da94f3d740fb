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
from slant.store.keys import canonical_url, pipeline_fingerprint, store_key
from slant.store.query import SearchQuery
from slant.names import ActorNode
from slant.store.records import (
    ActorCorrection,
    ActorInfo,
    ActorLink,
    CrawlFailure,
    EntityOutletProfile,
    GenderShare,
    OutletInfo,
    FeedState,
    OutletCount,
    SaveResult,
    SearchPage,
    SpeakerCount,
    StoredStory,
    StoryCandidate,
    StoryInfo,
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


class Store:
    """A corpus of analyzed articles. Build it with :func:`open_store`."""

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

    # -- stories (clustering itself is slant.stories.update_stories(store)) -----------------
    def stories(self, *, limit: int = 20, offset: int = 0, min_articles: int = 1,
                outlet: str | None = None) -> list[StoryInfo]:
        """Stories, most recently active first."""
        from slant.store.storydb import list_stories

        return list_stories(self.engine, limit=limit, offset=offset,
                            min_articles=min_articles, outlet=outlet)

    def count_stories(self, *, min_articles: int = 1, outlet: str | None = None) -> int:
        """How many stories :meth:`stories` pages through."""
        from slant.store.storydb import count_stories

        return count_stories(self.engine, min_articles=min_articles, outlet=outlet)

    def story(self, story_id: int) -> StoryInfo | None:
        from slant.store.storydb import get_story

        return get_story(self.engine, story_id)

    def story_candidates(self, *, unassigned_only: bool = True) -> list[StoryCandidate]:
        """Articles for clustering (those in no story yet, by default), oldest first."""
        from slant.store.storydb import story_candidates

        return story_candidates(self.engine, unassigned_only=unassigned_only)

    def open_stories(self, since: datetime | None = None) -> list[StoredStory]:
        """Stored stories whose last article is at or after ``since`` (all when None)."""
        from slant.store.storydb import open_stories

        return open_stories(self.engine, since)

    def save_stories(self, stories: list[StoredStory], assignments: dict[str, int]) -> dict[int, int]:
        """Write stories (id <= 0: new) and article → story assignments in one transaction.

        Returns the mapping from the ids given to the stored ids (new stories get real ids).
        """
        from slant.store.storydb import save_stories

        return save_stories(self.engine, stories, assignments)

    def reset_stories(self) -> None:
        """Forget all stories (the next clustering run starts from scratch)."""
        from slant.store.storydb import reset_stories

        reset_stories(self.engine)

    # -- actors (resolution itself is slant.stories.update_actors(store)) ----------------------
    def actor_nodes(self) -> list[ActorNode]:
        """Every stored name (entity, alias, name-like speaker) with its article's story."""
        from slant.store.actors import actor_nodes

        return actor_nodes(self.engine)

    def unresolved_names(self) -> int:
        """How many stored names wait for actor resolution."""
        from slant.store.actors import unresolved

        return unresolved(self.engine)

    def max_actor_id(self) -> int:
        from slant.store.actors import max_actor_id

        return max_actor_id(self.engine)

    def save_actors(self, actors: list, assignments: dict[int, int]) -> int:
        """Replace the actors and link stored names to them (one transaction)."""
        from slant.store.actors import save_actors

        return save_actors(self.engine, actors, assignments)

    def actors(self, *, q: str | None = None, type: str | None = None, limit: int = 50,
               offset: int = 0) -> list[ActorInfo]:
        """Actors in the most articles first; ``q`` matches any of their names (a substring)."""
        from slant.store.actors import list_actors

        if limit < 1 or limit > 1000:
            from slant.errors import InputError

            raise InputError("limit must be between 1 and 1000")
        return list_actors(self.engine, q=q, type=type, limit=limit, offset=offset)

    def count_actors(self, *, q: str | None = None, type: str | None = None) -> int:
        """How many actors ``actors(q=, type=)`` pages through."""
        from slant.store.actors import count_actors

        return count_actors(self.engine, q=q, type=type)

    def actor(self, actor_id: int) -> ActorInfo | None:
        from slant.store.actors import get_actor

        return get_actor(self.engine, actor_id)

    def find_actor(self, ref: str) -> ActorInfo:
        """An actor by id or by one of its names (InputError when none, or several)."""
        from slant.store.actors import find_actor

        return find_actor(self.engine, ref)

    def actor_links(self, article_ids: Iterable[str]) -> dict[str, dict[str, ActorLink]]:
        """Per stored article id: normalised name -> its actor."""
        from slant.store.actors import actor_links

        return actor_links(self.engine, article_ids)

    def add_actor_correction(self, op: str, a: str, b: str) -> ActorCorrection:
        """Record a correction by name: ``same`` (merge), ``apart`` (split), ``alias``."""
        from slant.store.actors import add_correction

        return add_correction(self.engine, op, a, b)

    def actor_corrections(self) -> list[ActorCorrection]:
        from slant.store.actors import corrections

        return corrections(self.engine)

    def delete_actor_correction(self, correction_id: int) -> bool:
        from slant.store.actors import delete_correction

        return delete_correction(self.engine, correction_id)

    def gender_shares(self, *, outlet: str | None = None, since: datetime | None = None,
                      until: datetime | None = None) -> list[GenderShare]:
        """Per outlet: quotes by people guessed female, male or unknown."""
        from slant.store.actors import gender_shares

        return gender_shares(self.engine, outlet=outlet, since=since, until=until)

    # -- outlets' metadata -----------------------------------------------------------------
    def import_outlets(self, outlets: list[OutletInfo]) -> int:
        """Insert or replace outlets' metadata by name."""
        from slant.store.actors import put_outlets

        return put_outlets(self.engine, outlets)

    def outlet_info(self) -> list[OutletInfo]:
        from slant.store.actors import get_outlets

        return get_outlets(self.engine)

    def outlet_groups(self, field: str) -> dict[str, str]:
        """Article source (outlet name or domain) -> the outlet's value for ``field``."""
        from slant.store.actors import outlet_groups

        return outlet_groups(self.engine, field)

    # -- crawl state -----------------------------------------------------------------------
    def feed_state(self, url: str) -> FeedState | None:
        from slant.store.storydb import get_feed_state

        return get_feed_state(self.engine, url)

    def save_feed_state(self, state: FeedState) -> None:
        from slant.store.storydb import put_feed_state

        put_feed_state(self.engine, state)

    def crawl_failures(self, feed: str | None = None) -> list[CrawlFailure]:
        """Article pages that crawls failed to fetch (of one ``feed``, or all), kept to be
        retried; given-up ones included."""
        from slant.store.storydb import get_crawl_failures

        return get_crawl_failures(self.engine, feed)

    def save_crawl_failure(self, failure: CrawlFailure) -> None:
        from slant.store.storydb import put_crawl_failure

        put_crawl_failure(self.engine, failure)

    def forget_crawl_failure(self, url: str) -> None:
        from slant.store.storydb import delete_crawl_failure

        delete_crawl_failure(self.engine, url)
