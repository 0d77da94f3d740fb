"""A cue set inside the words it reports ("The plan, she said, is dead."): the words are both
sides, two parts of one utterance tied by their cue (``continues``), the cue left out; a
participle after the cue is the speaker's manner, not the words; quote marks on both sides
stay two quotes. Texts written for these tests; every name is invented."""

from __future__ import annotations

import pytest
from quote_helpers import one, quotes_of

from slant.models import Quote
from slant.utterances import joined_text, utterances

pytestmark = pytest.mark.slow


def utterance(quotes: list[Quote], containing: str) -> str:
    """The words of the utterance that holds ``containing``, its parts joined by " … "."""
    return next(joined_text(quotes, g) for g in utterances(quotes) if containing in joined_text(quotes, g))


@pytest.mark.parametrize(("text", "words"), [
    ("The plan, Ola Brin said, is dead.", "The plan … is dead"),
    ("They would object, Dr Vell said, if the school taught another faith.",
     "They would object … if the school taught another faith"),
    ("The board will resign, Ms Abe said, unless the vote passes.",
     "The board will resign … unless the vote passes"),
])
def test_a_cue_set_inside_reported_words_takes_both_sides(text, words):
    quotes = quotes_of(text)
    assert utterance(quotes, words.split()[0]) == words
    assert all(q.kind == "indirect" and "said" not in q.text for q in quotes)


def test_a_participle_after_a_set_in_cue_is_still_not_the_words():
    q = one(quotes_of("Sales were great, Ola Brin said, smiling at the crowd."), "Sales")
    assert q.text == "Sales were great"


def test_quote_marks_on_both_sides_of_a_set_in_cue_stay_two_quotes():
    quotes = quotes_of("“The plan,” Ola Brin said, “is dead.”")
    assert [q.text for q in quotes] == ["“The plan,”", "“is dead.”"]


def test_the_writer_going_on_after_a_conjunction_is_not_the_words():
    text = ("The whole region knew of the case when it broke in 2010, Ms Abe noted, and yet the "
            "bishop continues to shrug.")
    q = one(quotes_of(text), "region")
    assert q.text == "The whole region knew of the case when it broke in 2010"


def test_more_words_after_and_are_still_the_speakers():
    text = "There is only one council, Ms Abe said, and the wards can only advise it."
    assert utterance(quotes_of(text), "council") == "There is only one council … and the wards can only advise it"


def test_according_to_before_and_reports_the_clause_before_it():
    text = ("The risk of the flood reaching the Tarnia docks is “quite real,” according to "
            "inspectors, and the water might even cover four nearby villages, the "
            "port office has warned.")
    q = one(quotes_of(text), "quite real")
    assert q.speaker is not None and q.speaker.text == "inspectors"
    assert q.text == "The risk of the flood reaching the Tarnia docks is “quite real,”"


def test_according_to_inside_brackets_reports_what_the_brackets_hold() -> None:
    text = ("The comet named Velmar (after the sea god who, according to legend, nearly drowned "
            "the harbour) is listed as “possibly dangerous” by the observatory.")
    q = next(q for q in quotes_of(text) if q.cue is not None and q.cue.text == "according to")
    assert q.text == "nearly drowned the harbour"
    assert q.speaker is None  # a legend is no one


def test_a_colon_far_from_any_cue_does_not_borrow_one() -> None:
    text = ("The evidence is that a faction that included the mayor had agreed upon the levy before "
            "the vote, and that all those involved were thereby barred in accordance with Article 81 "
            "of the harbour charter, which provides:\n\nThe electors shall abstain from any pact of "
            "any kind.\n\nThe end.")
    assert not any(q.speaker is not None and "faction" in q.speaker.text for q in quotes_of(text))


def test_a_cue_the_parse_hung_on_the_subject_reports_the_whole_clause() -> None:
    quotes = quotes_of("Kindness, Brin explained, is grounded in habit; that is why any rule misses it.")
    assert utterance(quotes, "Kindness") == "Kindness … is grounded in habit"
