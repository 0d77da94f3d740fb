"""Corpus-level views from stored records: same-story clustering and side-by-side comparison.

Imports only the base layer (models, errors, config) and numpy; it never imports
slant.store. A store is *passed in* (anything with the methods of
:class:`StoryStore`, which :class:`slant.store.Store` has), so tests can use a fake.

    update_stories(store, params=None) -> StoryRun       incremental clustering
    cluster(candidates, existing, params) -> Clustering   the pure algorithm
    compare(analyses) -> Comparison                       side by side, per article and outlet
    compare_ids(store, ids) / compare_story(store, story_id) -> Comparison
    update_actors(store) -> ActorRun                      actors across the corpus
    resolve(nodes, corrections) -> Resolution             the pure actor resolution
"""

from slant.stories.actors import Actor, ActorRun, ActorStore, Resolution, resolve, update_actors
from slant.stories.cluster import (
    Clustering,
    StoryParams,
    StoryRun,
    StoryState,
    StoryStore,
    cluster,
    update_stories,
)
from slant.stories.compare import compare, compare_ids, compare_story
from slant.stories.comparison import (
    ArticleProfile,
    Comparison,
    EntityLabels,
    Labels,
    OutletProfile,
    QuotedActor,
    QuoteMatch,
    SpeakerSides,
    TimelineEntry,
)

__all__ = [
    "Actor",
    "ActorRun",
    "ActorStore",
    "ArticleProfile",
    "Clustering",
    "Comparison",
    "EntityLabels",
    "Labels",
    "OutletProfile",
    "QuoteMatch",
    "QuotedActor",
    "Resolution",
    "SpeakerSides",
    "StoryParams",
    "StoryRun",
    "StoryState",
    "StoryStore",
    "TimelineEntry",
    "cluster",
    "compare",
    "compare_ids",
    "compare_story",
    "resolve",
    "update_actors",
    "update_stories",
]
