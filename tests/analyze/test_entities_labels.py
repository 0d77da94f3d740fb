"""The outlet's own labels: "so-called", "self-styled", labels in headlines, and labels
reached through possessive pronouns become descriptors of the right entity. Every name here
is invented."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def analyze():
    from slant.analyze.entities import extract_entities
    from slant.analyze.parse import parse_text
    from slant.analyze.quotes import extract_quotes

    def _run(text: str):
        doc = parse_text(text)
        entities = extract_entities(doc)
        for e in entities:
            for d in e.descriptors:
                assert text[d.start:d.end] == d.text
        return entities, extract_quotes(doc, entities)

    return _run


def labels(entities, name: str) -> list[tuple[str, str]]:
    found = [e for e in entities if e.name == name]
    assert found, f"no entity {name!r}: {[e.name for e in entities]}"
    return [(d.text, d.kind) for d in found[0].descriptors]


def test_so_called_keeps_its_distance(analyze):
    entities, _ = analyze("The so-called charity Northfield Trust said it would appeal.")
    assert ("so-called charity", "premodifier") in labels(entities, "Northfield Trust")


def test_self_styled_in_apposition(analyze):
    entities, _ = analyze("Northfield Trust, a self-styled charity, said it would appeal.")
    assert ("a self-styled charity", "appositive") in labels(entities, "Northfield Trust")


def test_self_described_scare_quoted(analyze):
    entities, _ = analyze("The self-described 'advocacy' group Cage said it would appeal.")
    assert ("self-described 'advocacy' group", "scare_quoted") in labels(entities, "Cage")


def test_a_scare_quoted_label_in_a_headline(analyze):
    text = "'Rights Group' Cage defends its record\n\nCage said on Monday that it would appeal."
    entities, quotes = analyze(text)
    assert ("'Rights Group'", "scare_quoted") in labels(entities, "Cage")
    (q,) = [q for q in quotes if "Rights Group" in q.text]
    assert q.kind == "scare"  # a headline's Title Case does not make it a quoted term


def test_a_label_in_a_headline(analyze):
    text = "Extremist group Cage defends record\n\nCage said on Monday that it would appeal."
    entities, _ = analyze(text)
    assert ("Extremist group", "premodifier") in labels(entities, "Cage")


def test_labels_through_possessive_pronouns_go_to_the_group(analyze):
    text = ("The Northfield Trust defended itself on Monday. Critics pointed to their extremist "
            "history and its far-right leaders.")
    entities, _ = analyze(text)
    got = labels(entities, "Northfield Trust")
    assert ("their extremist history", "possessive") in got
    assert ("its far-right leaders", "possessive") in got


def test_labels_through_possessive_pronouns_go_to_the_person(analyze):
    entities, _ = analyze("Mayor Jane Holt spoke. Critics recalled her disgraced career.")
    assert ("her disgraced career", "possessive") in labels(entities, "Jane Holt")


def test_a_neutral_possessive_is_not_a_label(analyze):
    entities, _ = analyze("The Harbour Trust met on Monday. Critics pointed to its long history.")
    assert labels(entities, "Harbour Trust") == []


def test_a_title_the_parse_cut_off_after_a_headline_is_still_the_title(analyze):
    # after a headline line the parse made "President" a root of its own, not the name's
    text = ("Exposing the Plotters\n\nPresident Velmar’s sweeping order this week directing "
            "agencies to declassify documents may shed light on it.\nIn an interview, the "
            "president said he ordered it.")
    entities, quotes = analyze(text)
    assert ("President", "title") in labels(entities, "Velmar")
    said = next(q for q in quotes if q.text.startswith("he ordered"))
    assert said.speaker is not None and said.speaker.name == "Velmar"


@pytest.mark.parametrize("text, name, title", [
    ("Secretary of State Ann Roe said the talks failed.", "Ann Roe", "Secretary of State"),
    ("Russian Ambassador to the United Nations Ivan Petrov, spurning requests, asserted that the test was legal.",
     "Ivan Petrov",
     "Russian Ambassador to the United Nations"),
    ("On Monday former Speaker of the House Tom Osk met them.", "Tom Osk", "former Speaker of the House"),
])
def test_a_title_with_a_joining_word_is_one_label(analyze, text, name, title):
    entities, _ = analyze(text)
    assert (title, "title") in labels(entities, name)


def test_a_title_stops_at_another_person(analyze):
    entities, _ = analyze("President Tom Osk and Secretary of State Ann Roe met the envoys.")
    assert labels(entities, "Ann Roe") == [("Secretary of State", "title")]


def test_a_title_never_ends_in_a_joining_word(analyze):
    entities, _ = analyze("A Message From The Mayor Of Tarn To Ann Roe was printed.")
    assert not any(text.endswith(" To") for text, _ in labels(entities, "Ann Roe"))
