"""Statistics: outlet × month technique rates, top speakers, entity profiles."""

from __future__ import annotations

from datetime import UTC, datetime

from store_builders import TEXT_A, analysis_a, analysis_b, build


def test_technique_rates_per_outlet_and_month(store):
    a, b = analysis_a(), analysis_b()
    c = analysis_a(url="https://example.org/other", published=datetime(2026, 3, 20, tzinfo=UTC),
                   techniques=[("Loaded_Language", "reckless")])
    store.save_many([a, b, c])
    rows = {(r.source, r.month): r for r in store.technique_rates(voice="all")}
    assert set(rows) == {("Daily Example", "2026-03"), ("Evening Sample", "2026-04")}
    march = rows[("Daily Example", "2026-03")]
    words = len(a.article.text.split()) + len(c.article.text.split())
    assert (march.articles, march.words, march.spans) == (2, words, 3)
    assert march.by_technique["Loaded_Language"] == round(2000.0 / words, 2)
    assert march.by_technique["Name_Calling,Labeling"] == round(1000.0 / words, 2)
    assert march.spans_per_1000_words == round(3000.0 / words, 2)
    only = store.technique_rates(outlet="Evening Sample", since="2026-04", until="2026-04",
                                 voice="all")
    assert [(r.source, r.month) for r in only] == [("Evening Sample", "2026-04")]
    assert store.technique_rates(since="2026-05") == []


def test_undated_articles_count_as_unknown_month(store):
    store.save(build("An undated note about the weather and little else.", published=None, source=None))
    (row,) = store.technique_rates(voice="all")
    assert (row.source, row.month, row.articles) == ("(unknown)", "unknown", 1)


def test_outlets(store):
    store.save_many([analysis_a(), analysis_b(), analysis_a(url="https://example.org/2")])
    got = [(o.source, o.articles) for o in store.outlets()]
    assert got == [("Daily Example", 2), ("Evening Sample", 1)]


def test_top_speakers_per_outlet(store):
    store.save_many([analysis_a(), analysis_b(), analysis_a(url="https://example.org/2")])
    got = [(s.source, s.speaker, s.quotes, s.articles) for s in store.top_speakers()]
    assert got == [("Daily Example", "Holt", 2, 2), ("Evening Sample", "Reyes", 1, 1)]
    assert [s.speaker for s in store.top_speakers(outlet="Evening Sample")] == ["Reyes"]


def test_top_speakers_count_speech_unless_asked_for_every_attribution(store):
    # "Council leader Omar Reyes praised the result" is speech; "The harbour plan passed" with
    # the council as its actor is an action reported as an attribution, not speech
    b = analysis_b(quotes=[("direct", '"This is a good day for every family here,"', "Reyes"),
                           ("indirect", "its second vote", "Council", False)])
    store.save(b)
    assert [(s.speaker, s.quotes) for s in store.top_speakers()] == [("Reyes", 1)]
    every = {(s.speaker, s.quotes) for s in store.top_speakers(all_attributions=True)}
    assert every == {("Reyes", 1), ("Council", 1)}
    assert store.get(b.article.id).quotes[1].speech is False


def test_entity_profile_descriptors_and_aimed_techniques(store):
    store.save_many([analysis_a(), analysis_b()])
    prof = {p.source: p for p in store.entity_profile("council")}
    assert set(prof) == {"Daily Example", "Evening Sample"}
    # "a body of cowards" is a descriptor of the council and a Name_Calling span over it.
    assert prof["Daily Example"].descriptors == {"a body of cowards": 1}
    assert prof["Daily Example"].techniques == {"Name_Calling,Labeling": 1}
    assert prof["Evening Sample"].techniques == {}
    holt = store.entity_profile("Jane Holt")
    # "reckless disaster" sits in a sentence whose only entity is Holt.
    assert holt[0].techniques == {"Loaded_Language": 1}
    assert store.entity_profile("Nobody") == []
    assert store.top_entities(limit=1) == [("Council", 2)]


def test_reanalysis_does_not_double_count(store):
    store.save(analysis_a())
    store.save(analysis_a(techniques=[("Doubt", "voted again")], version="2"))
    (row,) = store.technique_rates(voice="all")
    assert (row.articles, row.spans, list(row.by_technique)) == (1, 1, ["Doubt"])
    assert row.words == len(TEXT_A.split())
