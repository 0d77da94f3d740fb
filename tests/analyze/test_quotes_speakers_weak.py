"""Weak evidence gives no speaker rather than a wrong one: people spoken to ("when asked"),
the reader ("you"), anyone at all ("one explains", "no one said"), states of affairs ("X's
eventual failure"), words inside someone else's quoted clause, fragments NER cut out of
words, and a plural that cannot go on in the first person. Short sentences written for these
tests; every person named here is invented."""

from __future__ import annotations

import pytest
from quote_helpers import one, quotes_of

pytestmark = pytest.mark.slow


def speaker_name(quotes, containing: str) -> str | None:
    q = one(quotes, containing)
    return q.speaker.name if q.speaker is not None else None


def test_someone_asked_is_not_the_speaker_of_the_question():
    quotes = quotes_of("Asked whether the photo would have changed the campaign, Askel Moray said "
                       "the voters would never have forgiven it.")
    assert speaker_name(quotes, "photo would have") is None
    assert speaker_name(quotes, "never have forgiven") == "Askel Moray"


def test_a_participle_hung_on_a_passive_is_not_its_subjects_words():
    quotes = quotes_of("Six other coastal towns have also been put on high alert, warning "
                       "that a flood could come at any hour.")
    assert all(q.speaker is None for q in quotes if "flood" in q.text)


def test_the_reader_addressed_is_no_speaker():
    quotes = quotes_of("You have said that the informant was on the inside for six years.")
    assert all(q.speaker is None for q in quotes if "informant" in q.text)


@pytest.mark.parametrize("text", [
    "This is how one explains that the bishop was replaced within a month.",
    "No one said that the plan would fail in the first winter.",
])
def test_anyone_at_all_or_no_one_is_no_speaker(text):
    assert all(q.speaker is None for q in quotes_of(text))


def test_one_of_a_group_still_speaks():
    quotes = quotes_of("One of the family's lawyers said that the plan would fail in the first winter.")
    assert speaker_name(quotes, "plan would fail") is not None


def test_a_possessed_state_of_affairs_is_no_speaker():
    quotes = quotes_of("Kessel's eventual failure suggests that there is more profit in protest "
                       "than in building.")
    assert all(q.speaker is None for q in quotes if "profit" in q.text)


def test_a_subject_inside_someone_elses_quoted_clause_is_not_the_speaker():
    text = ("Ravel Dunmore wrote that Eric Vantongeren met the board “about the deal he proposes. "
            "He says he has met the investors” and adds that the jet is ready for the tour.")
    assert speaker_name(quotes_of(text), "jet is ready") != "Eric Vantongeren"


def test_a_nationality_with_an_article_is_a_person_not_the_nation():
    quotes = quotes_of("The Syrian said that the police had lied about the arrest.")
    assert speaker_name(quotes, "police had lied") == "The Syrian"


def test_a_plural_speaker_does_not_go_on_in_the_first_person_singular():
    text = ("Health officials have warned tourists to stay away from the island this summer.\n"
            "“I have taken part in at least fifteen ceremonies in my life and never caught the "
            "plague.”")
    assert speaker_name(quotes_of(text), "fifteen ceremonies") is None


def test_a_called_into_question_is_not_speech():
    quotes = quotes_of("The senator called the official figures into question after the vote.")
    assert not any(q.speech for q in quotes)


@pytest.mark.parametrize(("name", "ok"), [
    ("co", False), ("Fr", False), ("UN", True), ("U.S.", True), ("Ann Roe", True), ("health ministry", True),
    # a clause NER ran together is no name; a name with a lowercase word may be one
    ("Roe praised Velm", False), ("Church of Latter-day Saints", True), ("Doctors without Borders", True),
])
def test_fragments_and_run_together_clauses_are_no_names(name, ok):
    from slant.analyze.quotes import real_name

    assert real_name(name) is ok


# --- turn-taking in a dialogue ----------------------------------------------------------------

def test_a_question_after_a_question_and_an_answer_goes_back_to_the_one_who_asked():
    text = ("“Where were you on the night of the fire?” asked Detective Ann Roe.\n"
            "“I was at home with my brother all evening,” Carl Mendt said.\n"
            "“Can anyone else confirm that you were there?”\n")
    name = speaker_name(quotes_of(text), "anyone else confirm")
    assert name is not None and "Ann Roe" in name


def test_a_quote_after_two_speakers_that_asks_nothing_goes_on_with_the_last():
    text = ("“Will you appeal the ruling?” asked the reporter Ann Roe.\n"
            "“We will appeal the ruling next week,” Carl Mendt said.\n"
            "“The ruling ignores the evidence we brought to the court.”\n")
    assert speaker_name(quotes_of(text), "ignores the evidence") == "Carl Mendt"


# --- the topic carries on -----------------------------------------------------------------

def test_a_subject_pronoun_continues_the_previous_sentences_subject():
    text = ("Mr. Walter Brisk rarely gives interviews.\n"
            "At the hearing, Chris Bryant, a former minister, sat beside Mr. Brisk for an hour. "
            "He said that the court had ignored the evidence.")
    assert speaker_name(quotes_of(text), "ignored the evidence") == "Chris Bryant"


# --- object control and perception ---------------------------------------------------------

def test_the_object_of_prompted_or_asked_does_the_infinitive():
    text = "The delay in the vote prompted Senator Ann Kellet to accuse the president of obstruction."
    name = speaker_name(quotes_of(text), "the president of obstruction")
    assert name is not None and "Kellet" in name


def test_observing_a_thing_is_seeing_not_speech():
    quotes = quotes_of("That stretch of the coast is where he observed a seal that became the first "
                       "entry in his notebook: S1, also known as the Old Grey Seal.")
    assert not any(q.speech for q in quotes)
