"""Store.count_stories: how many stories Store.stories pages through (both databases)."""

from __future__ import annotations

from store_builders import build

from slant.store.records import StoredStory


def test_count_stories_matches_the_listing(store):
    a = store.save(build("The harbour plan was approved.", title="One", source="Daily A"))
    b = store.save(build("The harbour plan, again.", title="Two", source="Daily B"))
    c = store.save(build("A school budget story.", title="Three", source="Daily A"))
    stories = [StoredStory(id=-1, title="Harbour", size=2), StoredStory(id=-2, title="School", size=1)]
    store.save_stories(stories, {a: -1, b: -1, c: -2})
    for kw in ({}, {"min_articles": 2}, {"outlet": "Daily B"}, {"outlet": "Daily A"},
               {"outlet": "Nobody"}):
        assert store.count_stories(**kw) == len(store.stories(limit=100, **kw)), kw
    assert store.count_stories() == 2 and store.count_stories(min_articles=2) == 1
