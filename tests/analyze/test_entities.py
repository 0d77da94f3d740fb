"""The entities stage on hand-written sentences: merging and every descriptor form.

Every name and organisation here is invented.
"""

from __future__ import annotations

import pytest

from slant.models import Entity

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def ents():
    from slant.analyze.entities import extract_entities
    from slant.analyze.parse import parse_text

    def _ents(text: str) -> list[Entity]:
        out = extract_entities(parse_text(text))
        for e in out:
            for d in e.descriptors:
                assert text[d.start:d.end] == d.text
            for m in e.mentions:
                assert 0 <= m.start < m.end <= len(text)
        return out

    return _ents


def find(entities: list[Entity], name: str) -> Entity:
    for e in entities:
        if e.name == name:
            return e
    raise AssertionError(f"no entity {name!r} in {[e.name for e in entities]}")


def texts(text: str, e: Entity) -> list[str]:
    return [text[m.start:m.end] for m in e.mentions]


def descs(e: Entity, kind: str) -> list[str]:
    return [d.text for d in e.descriptors if d.kind == kind]


def test_surname_merges_with_full_name(ents):
    text = "David Harper opened the bakery in May. Harper said sales were slow."
    e = find(ents(text), "David Harper")
    assert e.type == "PERSON"
    assert texts(text, e) == ["David Harper", "Harper"]


def test_acronym_merges_with_expansion(ents):
    text = ("The Northfield Tenants Rights Council (NTRC) filed a complaint. "
            "The NTRC said rents were too high.")
    e = find(ents(text), "Northfield Tenants Rights Council")
    assert texts(text, e).count("NTRC") == 2


def test_alias_from_known_as(ents):
    text = ("Thomas Brandt, a smuggler known as 'the Ferryman', was arrested. "
            "The Ferryman had evaded police for years.")
    e = find(ents(text), "Thomas Brandt")
    assert "the Ferryman" in descs(e, "alias")
    assert sum(1 for t in texts(text, e) if "Ferryman" in t) == 2
    assert [x.name for x in ents(text)].count("Ferryman") == 0


def test_appositive(ents):
    text = "Sarah Mitchell, the former head of the port authority, resigned on Friday."
    e = find(ents(text), "Sarah Mitchell")
    assert "the former head of the port authority" in descs(e, "appositive")


def test_title_before_name(ents):
    text = "Research Director Sarah Mitchell presented the study. Dr David Harper objected."
    found = ents(text)
    assert "Research Director" in descs(find(found, "Sarah Mitchell"), "title")
    assert "Dr" in descs(find(found, "David Harper"), "title")


def test_premodifier(ents):
    text = "The controversial group Free Harbour Network held a rally in Leeds."
    e = find(ents(text), "Free Harbour Network")
    assert any("controversial" in d for d in descs(e, "premodifier"))


def test_copular_label(ents):
    text = "David Harper is a retired schoolteacher from the valley."
    e = find(ents(text), "David Harper")
    assert any(d.startswith("a retired schoolteacher") for d in descs(e, "copular"))


def test_scare_quoted_label(ents):
    text = "The self-described 'advocacy' group Free Harbour Network denied the claims."
    e = find(ents(text), "Free Harbour Network")
    assert any("'advocacy'" in d for d in descs(e, "scare_quoted"))


def test_described_as(ents):
    text = "The mayor described David Harper as a reckless gambler with public money."
    e = find(ents(text), "David Harper")
    assert any(d.startswith("a reckless gambler") for d in descs(e, "described_as"))


def test_entity_types(ents):
    text = "Sarah Mitchell flew from Paris to meet officials of the World Bank."
    found = ents(text)
    assert find(found, "Sarah Mitchell").type == "PERSON"
    assert find(found, "Paris").type == "GPE"
    assert find(found, "World Bank").type == "ORG"


@pytest.mark.parametrize("text", ["", "   ", "lowercase words only here", "(((( ))))"])
def test_no_entities_no_crash(ents, text):
    assert ents(text) == [] or isinstance(ents(text), list)


def test_stage_contract():
    from slant.analyze.entities import EntitiesStage

    from slant.pipeline import REGISTRY

    assert REGISTRY[EntitiesStage().name].stage_class() is EntitiesStage


def test_quantifiers_and_party_tags_are_not_labels(ents):
    text = ("Only two Democrats voted for the bill. Sen. David Harper, R-Tenn., "
            "voted against it.")
    found = ents(text)
    labels = [d.text for e in found for d in e.descriptors]
    assert not any(d.lower().startswith("only") for d in labels)
    assert "R-Tenn." not in labels
    assert any(d.startswith("Sen") for d in descs(find(found, "David Harper"), "title"))


def test_head_word_fixes_the_type_of_invented_names():
    from slant.analyze.entities.types import retype_by_head

    assert retype_by_head("Brightvein Minerals", "PERSON") == "ORG"
    assert retype_by_head("Harrow Ridge", "PERSON") == "LOC"
    assert retype_by_head("Wrenmoor County", "PERSON") == "GPE"
    assert retype_by_head("Hannah Birch", "PERSON") == "PERSON"
    assert retype_by_head("Birch", "ORG") == "ORG"  # one word: nothing to go on


@pytest.mark.parametrize(("name", "kind"), [
    ("Carly Velmont", "PERSON"), ("Nikki Orvan", "PERSON"), ("Paul VI", "PERSON"),
    ("Clinton Foundation", "ORG"), ("Warren Commission", "ORG"), ("Virginia State Bar", "ORG"),
    ("Roman Curia", "ORG"), ("Emma Velm Award", "ORG"), ("Birch Velm", "ORG"), ("Ann Velm & Co", "ORG"),
    ("Georgia Power", "ORG"), ("Virginia Tech", "ORG"), ("Victoria Police", "ORG"), ("Madison Velm", "ORG"),
])
def test_a_given_name_and_a_surname_ner_typed_as_a_body_is_a_person(name, kind):
    from slant.analyze.entities.types import retype_by_head

    assert retype_by_head(name, "ORG") == kind
