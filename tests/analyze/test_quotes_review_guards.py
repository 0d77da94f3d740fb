"""Guards from a code review of the rules for roles named later, relatives, the narrator's
first person and the narrator's lead-ins: each sentence is one those rules, as first
written, got wrong."""

from __future__ import annotations

import pytest
from quote_helpers import one, quotes_of

from slant.models import gives_words


def _speaker(text: str, words: str) -> str | None:
    q = one(quotes_of(text), words)
    return q.speaker.name if q.speaker is not None else None


def test_the_group_is_not_a_government_body_named_beside_it():
    text = ("Amnesty International criticised a Justice Department plan on Monday. The group said the plan "
            "would harm refugees.")
    assert _speaker(text, "harm refugees") != "Justice Department"


def test_a_country_named_us_is_not_the_narrator():
    quotes = quotes_of("The US said it would impose new sanctions on Iran. The US also warned that talks had failed.")
    assert all(gives_words(q) for q in quotes if q.speech)


@pytest.mark.parametrize("text", [
    "Ann Roe, a Boston-based lawyer, filed the suit on Monday. The lawyer said the city had failed to act.",
    "Ann Roe, a newly elected senator, voted against the bill on Monday. The senator said it was unfair to farmers.",
])
def test_a_participle_before_the_role_does_not_cut_it_off(text):
    q = next(q for q in quotes_of(text) if q.cue is not None and q.cue.text == "said")
    assert q.speaker is not None and q.speaker.name == "Ann Roe"


def test_a_role_is_not_the_next_sentences_person_under_another_office():
    assert _speaker("A senator said the bill would fail. The mayor, Ann Roe, said it would pass easily.",
                    "would fail") != "Ann Roe"


def test_a_fronted_phrase_keeps_the_words_between_it_and_a_set_in_cue():
    q = one(quotes_of("In the end, talks failed, Roe said, and both sides went home."), "went home")
    assert "talks failed" in q.text


def test_a_state_attacking_another_over_a_topic_speaks():
    assert one(quotes_of("China attacked Japan over its new defence budget on Tuesday."), "Japan").speech


def test_the_speakers_own_before_clause_stays():
    q = one(quotes_of("Roe said prices would rise this spring, before falling back in the autumn."), "prices")
    assert q.text.endswith("in the autumn")


def test_a_restrictive_relative_on_a_topic_stays():
    q = one(quotes_of("Roe denied the report which was published by the council on Monday."), "the report")
    assert "published by the council" in q.text


def test_a_time_stamp_is_no_scripture_reference():
    quotes = quotes_of("The mayor posted a short message. “We will not back down” (Friday 10:30).")
    assert not any(q.speaker is not None and q.speaker.name == "Friday 10:30" for q in quotes)
