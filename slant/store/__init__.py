"""The corpus store: analyzed articles in SQLite (default) or PostgreSQL.

Public API (see :mod:`slant.store.api`)::

    open_store(url=None, *, settings=None, migrate=True, create=True) -> Store
    Store.save(analysis) -> str                 idempotent, one transaction per article
    Store.save_many(analyses, on_error=None) -> list[str]
    Store.get(id) -> Analysis | None;  Store.get_many(ids);  Store.iter_analyses(...)
    Store.search(SearchQuery(q, outlet=, since=, until=, technique=, entity=, speaker=,
                 story=, voice=, limit=20, offset=0)) -> SearchPage  (or the same keywords)
    Store.outlets() -> list[OutletCount]
    Store.technique_rates(outlet=, since=, until=) -> list[TechniqueRateRow]
    Store.top_speakers(outlet=, limit=) -> list[SpeakerCount]
    Store.entity_profile(entity, outlet=) -> list[EntityOutletProfile]
    Store.stories(...) -> list[StoryInfo];  Store.story(id) -> StoryInfo | None
    Store.feed_state(url) / Store.save_feed_state(state)
    Store.actors(q=, type=) -> list[ActorInfo];  Store.actor(id);  Store.find_actor(ref)
    Store.add_actor_correction(op, a, b);  Store.actor_links(ids);  Store.gender_shares()
    Store.import_outlets([OutletInfo]);  Store.outlet_info();  Store.outlet_groups(field)
    Store.crawl_failures(feed=None) / Store.save_crawl_failure(f) / Store.forget_crawl_failure(url)

Clustering and comparison are in :mod:`slant.stories` (``update_stories(store)``,
``compare(analyses)``), which work through this API. Exports are in
:mod:`slant.store.exports`.
"""

from slant.store.api import Store, canonical_url, open_store, pipeline_fingerprint, store_key
from slant.names import ActorNode
from slant.store.query import SearchQuery
from slant.store.records import (
    ActorCorrection,
    ActorInfo,
    ActorLink,
    ArticleSummary,
    CrawlFailure,
    EntityOutletProfile,
    FeedState,
    GenderShare,
    OutletCount,
    OutletInfo,
    QuotedLabel,
    SaveResult,
    SearchPage,
    SpeakerCount,
    StoredStory,
    StoryCandidate,
    StoryInfo,
    TechniqueRateRow,
)
from slant.store.targets import aimed_at

__all__ = [
    "ActorCorrection",
    "ActorInfo",
    "ActorLink",
    "ActorNode",
    "ArticleSummary",
    "CrawlFailure",
    "EntityOutletProfile",
    "FeedState",
    "GenderShare",
    "OutletCount",
    "OutletInfo",
    "QuotedLabel",
    "SaveResult",
    "SearchPage",
    "SearchQuery",
    "SpeakerCount",
    "Store",
    "StoredStory",
    "StoryCandidate",
    "StoryInfo",
    "TechniqueRateRow",
    "aimed_at",
    "canonical_url",
    "open_store",
    "pipeline_fingerprint",
    "store_key",
]
