"""A person's title is a label, not a part of the name ("Archbishop Tarrick", "Cardinal
Tarrick" and "Theodore Tarrick" are one person); a title alone names no one ("The Cardinal
said" is the cardinal the article named); a name after an owner, a run-in title or a faith
is a person's, not a body's ("Fox News’ Sean Pellow", "the Catholic Antonio Velluto"); an
apposition that says its person is unnamed labels no one; and "on Monday night's show" says
where words were said, not what about. Short texts written for these tests; every person,
group and place named here is invented."""

from __future__ import annotations

import pytest
from quote_helpers import one, quotes_of, speaker_name

pytestmark = pytest.mark.slow


def entities_of(text: str):
    from slant.analyze.entities import extract_entities
    from slant.analyze.parse import parse_text

    return extract_entities(parse_text(text))


def people(text: str) -> dict[str, int]:
    return {e.name: len(e.mentions) for e in entities_of(text) if e.type == "PERSON"}


def test_titled_mentions_of_one_person_are_one_entity():
    text = ("Archbishop Tarrick met the pope in Rome. Theodore Tarrick later denied it. "
            "Cardinal Tarrick said nothing. Tarrick laughed.")
    assert people(text) == {"Theodore Tarrick": 4}
    found = next(e for e in entities_of(text) if e.name == "Theodore Tarrick")
    assert {d.text for d in found.descriptors} == {"Archbishop", "Cardinal"}


def test_a_title_alone_names_no_one():
    text = ("Cardinal Ray Burkett met the pope. Cardinal Ray Burkett’s statement said the rules were clear. "
            "The Cardinal said he was sad.")
    assert all(e.name != "Cardinal" for e in entities_of(text))
    assert speaker_name(text, "he was sad") == "Ray Burkett"
    assert speaker_name(text, "rules were clear") == "Ray Burkett"


def test_a_one_word_first_name_keeps_its_title():
    # "Father" and "Dr." need a full name after them ("Dr. Pepper" is a drink)
    assert "Father Christmas" not in people("Father Christmas came to the mall. Father Christmas waved.")


@pytest.mark.parametrize("text, name", [
    ("Fox News’ Sean Pellow spoke to the crowd at length.", "Sean Pellow"),
    ("Hungary PM Viktor Orvan said so on Monday.", "Viktor Orvan"),
    ("In 1895, the Catholic Antonio Velluto, a known modernist, opened a school in Velm.", "Antonio Velluto"),
])
def test_a_name_after_an_owner_title_or_faith_is_a_person(text, name):
    assert name in people(text)


@pytest.mark.parametrize("text", [
    "The Irish Christian Brothers ran the school.",
    "Members of the Orthodox Christian Fellowship protested.",
])
def test_a_body_ending_in_a_given_name_stays_a_body(text):
    assert not people(text)


def test_the_person_after_a_faith_speaks_for_the_next_he():
    text = ("Pope Francis said the reform was needed.\n\n"
            "In 1895, the Catholic Antonio Velluto, a known modernist, opened a school in Velm. "
            "He argued in a pamphlet that \"Our order must change slowly, from within.\"")
    assert speaker_name(text, "from within") == "Antonio Velluto"


def test_an_unnamed_apposition_labels_no_one():
    text = ("According to the Velm Gazette’s Cassandra Fairmont, a Velm Guard officer who talked on "
            "condition of anonymity disclosed that the senator lied.")
    found = next(e for e in entities_of(text) if e.name == "Cassandra Fairmont")
    assert not any("officer" in d.text for d in found.descriptors)


def test_a_broadcast_is_where_words_were_said_not_their_topic():
    quotes = quotes_of("Ann Roe commented on Monday night’s show about the plans of the firm.")
    assert not [q for q in quotes if "show" in q.text]
    assert not [q for q in quotes_of("Ann Roe spoke on the radio about the plans of the firm.") if "radio" in q.text]
    assert not [q for q in quotes_of("Ann Roe states on his own blog, the coming spring meeting of the bishops.")
                if "blog" in q.text]
    # a programme that is no broadcast may be the topic
    q = one(quotes_of("The minister commented on the program, which had cost millions of dollars."), "program")
    assert q.content == "topic"
    q = one(quotes_of("Ann Roe commented on the statement of the mayor."), "statement of the mayor")
    assert q.content == "topic"


def test_commented_that_reports_speech():
    q = one(quotes_of("Tom Reyes, a survivor, commented on Twitter that the bishop offered stronger words."),
            "stronger words")
    assert q.speech and q.speaker is not None and q.speaker.name == "Tom Reyes"
    assert q.text.startswith("that the bishop")


def test_a_heading_in_capitals_is_no_cue():
    text = "The report was released.\nGAZETTE COMMENT: We at the Gazette are eager to help, and this report shows why."
    assert not [q for q in quotes_of(text) if q.cue is not None and q.cue.text == "COMMENT"]


def test_a_quoted_nickname_before_a_name_is_still_a_label():
    found = next(e for e in entities_of('Known as "the Hammer," Tom Brack ran the port.') if e.name == "Tom Brack")
    assert [d.kind for d in found.descriptors] == ["scare_quoted"]


def test_the_end_of_a_quote_before_a_name_is_no_label():
    text = "The minister dismissed the files as “slander.” Tom Reyes notes that the files were public."
    found = next(e for e in entities_of(text) if e.name == "Tom Reyes")
    assert not [d for d in found.descriptors if d.kind == "scare_quoted"]


@pytest.mark.parametrize("text, name", [
    ("Velm Mine Informant Breaks Silence: Tarn Paid Millions To Sway The Council\n\nThe informant testified.",
     "Velm Mine Informant"),
    ("Senator Warns Voters: Tax Plan Will Hurt Families\n\nThe senator spoke on Monday.", "Senator"),
])
def test_a_headline_verb_of_saying_ends_its_speaker(text, name):
    q = one(quotes_of(text), "Will Hurt" if "Tax" in text else "Paid Millions")
    assert q.speaker is not None and q.speaker.name == name


@pytest.mark.parametrize("text", [
    "Brexit Breaks Records: Trade Falls Again\n\nThe figures came out.",
    "Harbour Teacher Arrested: Parents Demand Answers\n\nThe teacher was held.",  # an act, not saying
    "Harbour Council Chief Resigns: Staff Praise Her Work\n\nShe left.",
])
def test_a_headline_verb_that_is_no_saying_names_no_speaker(text):
    assert not [q for q in quotes_of(text) if q.speaker is not None]


def test_a_headline_verbs_object_is_no_person():
    assert not people("Velm Senator Warns Voters: Tax Plan Will Hurt\n\nThe senator spoke.")
