"""The rule for when a technique span aims at an entity (slant.store.targets)."""

from __future__ import annotations

from store_builders import build

from slant.store.targets import aimed_at, sentence_bounds

TEXT = ("Senator Vale pushed the bill. Critics called the shameful bill a betrayal. "
        "Vale met Governor Park, and the talks were a farce. The weather was a disaster.")


def _targets(**kw) -> list[tuple[str, str]]:
    a = build(TEXT, **kw)
    return [(a.techniques[i].text, name) for i, name in aimed_at(a)]


ENTS = [("Vale", "PERSON", ["Senator Vale", "Vale met"], []),
        ("Park", "PERSON", ["Governor Park"], [])]


def test_direct_overlap_with_a_mention():
    assert _targets(techniques=[("Name_Calling,Labeling", "Senator Vale pushed")],
                    entities=ENTS) == [("Senator Vale pushed", "Vale")]


def test_overlap_with_a_descriptor():
    ents = [("Bill", "OTHER", ["the bill"], ["the shameful bill"])]
    assert _targets(techniques=[("Loaded_Language", "shameful")], entities=ents) == \
        [("shameful", "Bill")]


def test_span_over_two_entities_aims_at_both():
    assert _targets(techniques=[("Doubt", "Vale met Governor Park")], entities=ENTS) == \
        [("Vale met Governor Park", "Park"), ("Vale met Governor Park", "Vale")]


def test_one_entity_in_the_sentence():
    # "Critics called ... a betrayal." mentions nobody; the first sentence mentions Vale only.
    ents = [("Vale", "PERSON", ["Senator Vale"], [])]
    assert _targets(techniques=[("Loaded_Language", "pushed")], entities=ents) == [("pushed", "Vale")]
    assert _targets(techniques=[("Loaded_Language", "betrayal")], entities=ents) == []


def test_two_entities_in_the_sentence_is_ambiguous():
    assert _targets(techniques=[("Loaded_Language", "farce")], entities=ENTS) == []


def test_other_type_entities_do_not_attract_sentence_targets():
    ents = [("weather", "OTHER", ["The weather"], [])]
    assert _targets(techniques=[("Exaggeration,Minimisation", "disaster")], entities=ents) == []


def test_sentence_bounds():
    starts = sentence_bounds('One. "Two!" Three?\n\nFour')
    assert starts == [0, 5, 12, 20]
