"""The store's methods for the corpus around the articles: stories, actors, outlets'
metadata and crawl state (what :mod:`slant.stories` and the crawler read and write).
:class:`slant.store.Store` has them; each is a few lines over a module of this package."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from slant.names import ActorNode
from slant.store.records import (
    ActorCorrection,
    ActorInfo,
    ActorLink,
    CrawlFailure,
    FeedState,
    GenderShare,
    OutletInfo,
    StoredStory,
    StoryCandidate,
    StoryInfo,
)

if TYPE_CHECKING:  # pragma: no cover
    from sqlalchemy.engine import Engine


class CorpusMethods:
    """Stories, actors, outlets' metadata and crawl state, over ``self.engine``."""

    engine: Engine

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
