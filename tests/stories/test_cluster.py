"""Story clustering: embedding similarity, entity overlap, publication time; incremental."""

from __future__ import annotations

from datetime import UTC

import pytest
from story_builders import Cand, at_cos, hours, unit

from slant.stories import StoryParams, cluster, update_stories


def _groups(result) -> list[set[str]]:
    by: dict[int, set[str]] = {}
    for aid, sid in result.assignments.items():
        by.setdefault(sid, set()).add(aid)
    return sorted(by.values(), key=lambda s: sorted(s))


def test_similar_leads_close_in_time_are_one_story():
    res = cluster([
        Cand("a", embedding=unit(1, 0.1), published=hours(0)),
        Cand("b", embedding=unit(1, 0.15), published=hours(3)),
        Cand("c", embedding=unit(0, 0, 1), published=hours(4)),
    ])
    assert _groups(res) == [{"a", "b"}, {"c"}]
    assert all(s.id <= 0 for s in res.stories)  # all new


def test_far_apart_in_time_are_different_stories():
    res = cluster([Cand("a", embedding=unit(1), published=hours(0)),
                   Cand("b", embedding=unit(1), published=hours(24 * 10))])
    assert _groups(res) == [{"a"}, {"b"}]


def test_shared_entities_decide_a_borderline_pair():
    p = StoryParams(threshold=0.55, entity_weight=0.3, time_weight=0.0)
    ents = ["Harbour Board", "Jane Holt"]
    with_ents = cluster([Cand("a", embedding=unit(1), entities=ents),
                         Cand("b", embedding=at_cos(0.45), entities=ents)], params=p)
    without = cluster([Cand("a", embedding=unit(1), entities=ents),
                       Cand("b", embedding=at_cos(0.45), entities=["Someone Else"])], params=p)
    assert _groups(with_ents) == [{"a", "b"}]
    assert _groups(without) == [{"a"}, {"b"}]


def test_time_distance_lowers_the_score():
    p = StoryParams(threshold=0.55, entity_weight=0.0, time_weight=0.2, window_hours=72)
    near = cluster([Cand("a", embedding=unit(1)), Cand("b", embedding=at_cos(0.6), published=hours(1))], params=p)
    far = cluster([Cand("a", embedding=unit(1)), Cand("b", embedding=at_cos(0.6), published=hours(60))], params=p)
    assert _groups(near) == [{"a", "b"}]
    assert _groups(far) == [{"a"}, {"b"}]


def test_titles_stand_in_for_missing_embeddings():
    res = cluster([
        Cand("a", title="Harbour plan vote delayed by council"),
        Cand("b", title="Council delays harbour plan vote"),
        Cand("c", title="Cup final tickets sell out"),
    ], params=StoryParams(threshold=0.4))
    assert _groups(res) == [{"a", "b"}, {"c"}]


def test_centroid_is_the_normalised_mean():
    res = cluster([Cand("a", embedding=unit(1, 0)), Cand("b", embedding=unit(1, 0.2))])
    (story,) = res.stories
    assert story.size == 2
    assert sum(x * x for x in story.centroid) == pytest.approx(1.0, rel=1e-4)
    assert story.first_published == hours(0) and story.last_published == hours(0)


def test_incremental_through_a_store(tmp_path):
    from store_like import save_candidate

    from slant.store import open_store

    store = open_store(str(tmp_path / "s.db"))
    save_candidate(store, Cand("a", title="Harbour plan vote", embedding=unit(1, 0.1)))
    save_candidate(store, Cand("b", title="Cup final", embedding=unit(0, 0, 1), published=hours(1)))
    run = update_stories(store)
    assert (run.articles, run.new_stories) == (2, 2)
    assert update_stories(store).articles == 0  # nothing new
    save_candidate(store, Cand("c", title="Harbour vote again", embedding=unit(1, 0.12), published=hours(5)))
    run = update_stories(store)
    assert (run.articles, run.new_stories, run.grown_stories) == (1, 0, 1)
    stories = {s.title: s for s in store.stories()}
    assert stories["Harbour plan vote"].articles == 2
    assert stories["Harbour plan vote"].last_published == hours(5).astimezone(UTC)
    before = sorted(sorted(s.article_ids) for s in store.stories())
    update_stories(store, rebuild=True)
    assert sorted(sorted(s.article_ids) for s in store.stories()) == before


# -- the full text, actors and soft time (hand-built cases) ---------------------------------
STORY_TERMS = ["harbour", "dredging", "council", "permit", "tender", "berths", "ferry", "levy"]
OTHER_TERMS = ["school", "budget", "teachers", "pupils", "classrooms", "exams", "canteen", "buses"]


def test_different_leads_same_body_and_actors_are_one_story():
    # the leads differ (cosine 0.45): the full text's terms and the actors tie them
    a = Cand("a", embedding=unit(1), published=hours(0), entities=["curtis bale", "harbour board"],
             terms=STORY_TERMS)
    b = Cand("b", embedding=at_cos(0.45), published=hours(20),
             entities=["curtis bale", "harbour board", "ana reyes"], terms=STORY_TERMS[:7] + ["queue"])
    assert _groups(cluster([a, b])) == [{"a", "b"}]
    # without the content signal (the earlier grouping) they stay apart
    assert len(_groups(cluster([a, b], params=StoryParams(content_weight=0.0)))) == 2


def test_similar_leads_with_nothing_else_in_common_stay_apart():
    a = Cand("a", embedding=unit(1), published=hours(0), entities=["curtis bale"], terms=STORY_TERMS)
    b = Cand("b", embedding=at_cos(0.5), published=hours(30), entities=["ana reyes"],
             terms=OTHER_TERMS)
    assert len(_groups(cluster([a, b]))) == 2


def test_undated_articles_still_group():
    a = Cand("a", embedding=unit(1), published=None, entities=["curtis bale"], terms=STORY_TERMS)
    b = Cand("b", embedding=at_cos(0.45), published=None, entities=["curtis bale"],
             terms=STORY_TERMS)
    c = Cand("c", embedding=at_cos(0.45), published=hours(500), entities=["curtis bale"],
             terms=STORY_TERMS)
    assert _groups(cluster([a, b, c])) == [{"a", "b", "c"}]


def test_time_is_soft_within_reach_and_a_bound_beyond():
    a = Cand("a", embedding=unit(1), published=hours(0), entities=["curtis bale"], terms=STORY_TERMS)
    five_days = Cand("b", embedding=at_cos(0.6), published=hours(120), entities=["curtis bale"],
                     terms=STORY_TERMS)
    assert _groups(cluster([a, five_days])) == [{"a", "b"}]  # past the 72 h window, within reach
    a_month = Cand("b", embedding=at_cos(0.6), published=hours(720), entities=["curtis bale"],
                   terms=STORY_TERMS)
    assert len(_groups(cluster([a, a_month]))) == 2


def test_story_terms_are_kept_between_runs(tmp_path):
    from slant.store import open_store

    store = open_store(f"sqlite:///{tmp_path / 'terms.db'}")
    res = cluster([Cand("a", embedding=unit(1), published=hours(0), terms=STORY_TERMS)])
    store.save_stories(res.stories, {})
    (st,) = store.open_stories()
    assert set(st.terms) == set(STORY_TERMS)
    store.close()
