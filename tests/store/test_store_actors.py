"""Actors in the store, on SQLite and PostgreSQL: resolution, counts by actor, corrections that
survive re-analysis and re-clustering, alias search, gender shares, outlets, granularity."""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "stories"))

from actor_builders import make

from slant.errors import InputError
from slant.store import OutletInfo
from slant.stories import StoryState, compare_ids, update_actors

T0 = datetime(2026, 5, 4, 9, tzinfo=UTC)

FULL = make("s1", 'Curtis Bale, a union organiser, spoke. "The mine means work for everyone here," '
            'he said. Brightvein Minerals filed its permit.',
            entities=[("Curtis Bale", "PERSON"), ("Brightvein Minerals", "ORG")],
            quotes=[('"The mine means work for everyone here,"', "he", "Curtis Bale")],
            descriptors={"Curtis Bale": [("a union organiser", "appositive")]},
            source="Valley Ledger", published=T0)
SHORT = make("s2", 'Bale, a paid lobbyist, repeated that "the mine means work for everyone". '
             'Brightvein did not comment.',
             entities=[("Bale", "PERSON"), ("Brightvein", "PERSON")],
             quotes=[('"the mine means work for everyone"', "Bale", "Bale")],
             descriptors={"Bale": [("a paid lobbyist", "appositive")]},
             source="Green Voice", published=T0 + timedelta(hours=3))
OTHER = make("s3", 'Hannah Birch spoke. "Not on our creek," she said.',
             entities=[("Hannah Birch", "PERSON")],
             quotes=[('"Not on our creek,"', "she", "Hannah Birch")],
             source="Green Voice", published=T0 + timedelta(days=9))


def _one_story(store, ids: list[str], sid_hint: int = 0) -> None:
    st = StoryState(-1 - sid_hint, "the mine", size=len(ids), first_published=T0, last_published=T0)
    store.save_stories([st], {i: -1 - sid_hint for i in ids})


@pytest.fixture
def corpus(store):
    for a in (FULL, SHORT, OTHER):
        store.save(a)
    _one_story(store, ["s1", "s2"])
    update_actors(store)
    return store


def _actor(store, name: str):
    (found,) = [a for a in store.actors(limit=100) if name in a.names]
    return found


def test_names_resolve_to_one_actor_each(corpus):
    bale = _actor(corpus, "Curtis Bale")
    assert bale.name == "Curtis Bale" and "Bale" in bale.names and bale.articles == 2
    bv = _actor(corpus, "Brightvein Minerals")
    assert bv.type == "ORG" and "Brightvein" in bv.names
    assert bale.gender == "male" and _actor(corpus, "Hannah Birch").gender == "female"
    assert corpus.unresolved_names() == 0


def test_counts_by_actor(corpus):
    top = {(r.source, r.speaker): r for r in corpus.top_speakers()}
    assert top[("Green Voice", "Curtis Bale")].quotes == 1  # quoted there as "Bale"
    assert top[("Valley Ledger", "Curtis Bale")].actor_id == _actor(corpus, "Bale").id
    prof = {p.source: p for p in corpus.entity_profile("Bale")}
    assert set(prof) == {"Valley Ledger", "Green Voice"}
    assert prof["Green Voice"].entity == "Curtis Bale" and prof["Green Voice"].names == ["Bale"]
    assert "a paid lobbyist" in prof["Green Voice"].descriptors
    assert ("Curtis Bale", 2) in corpus.top_entities()


def test_search_matches_every_name_of_an_actor(corpus):
    assert {i.id for i in corpus.search(speaker="Curtis Bale").items} == {"s1", "s2"}
    assert {i.id for i in corpus.search(entity="Brightvein").items} == {"s1", "s2"}
    assert {i.id for i in corpus.search(entity="nobody at all").items} == set()


def test_comparison_uses_the_stored_actors(corpus):
    cmp = compare_ids(corpus, ["s1", "s2"])
    (sp,) = [s for s in cmp.speakers if s.speaker == "Curtis Bale"]
    assert sp.actor_id == _actor(corpus, "Bale").id and not sp.only_one_side
    assert {e.entity for e in cmp.entities} == {"Curtis Bale", "Brightvein Minerals"}


def test_corrections_survive_reanalysis_and_reclustering(corpus):
    from slant.stories import update_stories

    # split: "Bale" is someone else
    corpus.add_actor_correction("apart", "Curtis Bale", "Bale")
    update_actors(corpus)
    assert "Bale" not in _actor(corpus, "Curtis Bale").names
    # merge Hannah Birch with Brightvein (a wrong but deliberate user merge)
    corpus.add_actor_correction("same", "Hannah Birch", "Brightvein Minerals")
    corpus.add_actor_correction("alias", "Hannah Birch", "The Creek Lady")
    update_actors(corpus)
    merged = _actor(corpus, "Hannah Birch")
    assert "Brightvein" in merged.names and "The Creek Lady" in merged.user_names
    # re-analysis: the article is stored again with a changed analysis; its names relink
    changed = SHORT.model_copy(deep=True)
    changed.article.title = "re-analysed"
    assert corpus.save_result(changed).status == "updated"
    assert corpus.unresolved_names() > 0
    # re-clustering from scratch, then resolution again
    update_stories(corpus, rebuild=True)
    _one_story(corpus, ["s1", "s2"], sid_hint=5)
    update_actors(corpus)
    assert "Bale" not in _actor(corpus, "Curtis Bale").names
    assert "Brightvein" in _actor(corpus, "Hannah Birch").names
    assert {i.id for i in corpus.search(entity="The Creek Lady").items} >= {"s3"}
    # merging again cancels the split
    corpus.add_actor_correction("same", "Curtis Bale", "Bale")
    update_actors(corpus)
    assert "Bale" in _actor(corpus, "Curtis Bale").names
    assert [c.op for c in corpus.actor_corrections()] == ["same", "alias", "same"]


def test_bad_corrections_are_refused(corpus):
    with pytest.raises(InputError, match="same name"):
        corpus.add_actor_correction("same", "Bale", "bale")
    with pytest.raises(InputError, match="unknown correction"):
        corpus.add_actor_correction("explode", "a", "b")
    with pytest.raises(InputError, match="no actor named"):
        corpus.find_actor("Nobody Known")


def test_gender_shares_per_outlet(corpus):
    shares = {g.source: g for g in corpus.gender_shares()}
    assert shares["Valley Ledger"].male == 1 and shares["Valley Ledger"].male_share == 1.0
    gv = shares["Green Voice"]
    assert (gv.female, gv.male, gv.quotes) == (1, 1, 2)


def test_outlets_import_and_grouping(corpus):
    corpus.import_outlets([OutletInfo(name="Valley Ledger", domain="ledger.example", groups={"lean": "right"}),
                           OutletInfo(name="Green Voice", country="XX", groups={"lean": "left"})])
    assert corpus.outlet_groups("lean") == {"Valley Ledger": "right", "ledger.example": "right",
                                            "www.ledger.example": "right", "Green Voice": "left"}
    rows = corpus.technique_rates(group_by="lean")
    assert {r.source for r in rows} == {"left", "right"}
    assert sum(r.articles for r in rows if r.source == "left") == 2
    with pytest.raises(InputError, match="no outlet field"):
        corpus.outlet_groups("rating")
    cmp = compare_ids(corpus, ["s1", "s2"], group_by="lean")
    assert [o.source for o in cmp.outlets] == ["left", "right"]


def test_daily_and_weekly_rates(corpus):
    days = corpus.technique_rates(by="day")
    assert {r.month for r in days} == {"2026-05-04", "2026-05-13"}
    weeks = corpus.technique_rates(by="week")
    assert {r.month for r in weeks} == {"2026-W19", "2026-W20"}
    assert sum(r.articles for r in weeks) == 3
    assert [r.month for r in corpus.technique_rates(by="day", since="2026-05-10")] == ["2026-05-13"]
    assert corpus.technique_rates(by="day", until="2026-05-04") and \
        all(r.month == "2026-05-04" for r in corpus.technique_rates(by="day", until="2026-05-04"))
    with pytest.raises(InputError):
        corpus.technique_rates(by="hour")


def test_a_new_article_counts_by_actor_before_the_next_resolution(corpus):
    late = make("s9", 'Brightvein Minerals said "the permit is sound and complete".',
                entities=[("Brightvein Minerals", "ORG")],
                quotes=[('"the permit is sound and complete"', "Brightvein Minerals", "Brightvein Minerals")],
                source="Valley Ledger", published=T0 + timedelta(days=1))
    corpus.save(late)
    bv = _actor(corpus, "Brightvein Minerals")
    top = {(r.source, r.speaker): r for r in corpus.top_speakers()}
    assert top[("Valley Ledger", "Brightvein Minerals")].actor_id == bv.id
    assert corpus.unresolved_names() == 0
