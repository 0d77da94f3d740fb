"""Words thought, words the writer has yet to say, and a deed read as if it said something are
no reported speech."""

from __future__ import annotations

import pytest
from quote_helpers import one, quotes_of


@pytest.mark.parametrize(("text", "words"), [
    ("The next candidate for the harbour board, I’ll ask, “What do you plan to live on?”",
     "plan to live on"),
    ("The next clerk who says anything to me, I’m going to ask, “How safe are your savings?”",
     "savings"),
    ("The board drafted two plans. When we read the two plans, we thought, “This is impossible. "
     "How can we accept both?” And so we went in.", "This is impossible"),
    ("The dockers read the notice and she asked herself, “Who will pay for the levy?”", "Who will pay"),
])
def test_words_thought_or_to_come_are_not_speech(text: str, words: str) -> None:
    assert not one(quotes_of(text), words).speech


def test_a_deed_read_as_if_it_said_something_is_not_speech() -> None:
    q = one(quotes_of("The board teaches obedience to the levy as if to suggest that paying is a duty."),
            "paying is a duty")
    assert not q.speech


@pytest.mark.parametrize(("text", "words"), [
    ("Reading the book felt as though someone had told me that dragons still nested in the hills.",
     "dragons still nested"),
    ("The board behaved as if the mayor had said the levy was lawful.", "levy was lawful"),
])
def test_a_saying_only_likened_to_is_not_speech(text: str, words: str) -> None:
    assert not one(quotes_of(text), words).speech


def test_a_saying_as_someone_put_it_stays_speech() -> None:
    assert one(quotes_of("As Ann Roe said on Monday, the levy is lawful."), "the levy is lawful").speech


@pytest.mark.parametrize(("text", "words"), [
    ("I told them, “The levy failed.”", "The levy failed"),
    ("“We will appeal,” Ann Roe said. “The levy is unlawful.”", "The levy is unlawful"),
    ("Ann Roe told the board on Monday that the levy failed.", "the levy failed"),
])
def test_words_said_or_announced_stay_speech(text: str, words: str) -> None:
    assert one(quotes_of(text), words).speech


@pytest.mark.parametrize(("text", "words"), [
    ("Not even from the harbour wall did Ann Roe denounce the levy.", "the levy"),
    ("Not once in all those years did Ann Roe criticize the harbour board.", "the harbour board"),
    ("Harbour officials will wait for two full tides without any new leaks before declaring the "
     "dock safe.", "the dock"),
])
def test_a_fronted_denial_or_a_declaration_still_to_come_is_not_speech(text: str, words: str) -> None:
    assert not any(q.speech and words in q.text for q in quotes_of(text))


def test_a_declaration_already_made_stays_speech() -> None:
    assert one(quotes_of("Harbour officials waited two tides before declaring the dock safe."),
               "the dock").speech


@pytest.mark.parametrize(("text", "words"), [
    ("Not until the hearing ended did Judge Ann Varga say that the trial would resume.", "trial would resume"),
    ("Not long after the vote did the governor announce that she would resign.", "she would resign"),
    ("What residents think\n\n“The roads are a mess and nobody cares about it.”", "The roads are a mess"),
])
def test_a_fronted_time_or_a_heading_is_no_denial_or_thought(text: str, words: str) -> None:
    assert one(quotes_of(text), words).speech


def test_calling_something_into_question_says_nothing():
    from slant.analyze.parse import parse_text
    from slant.analyze.quotes.senses import other_sense

    text = "The claims have called Bishop Tarn’s handling of the files into question."
    doc = parse_text(text)
    assert other_sense(next(t for t in doc if t.text == "called"))
    assert not one(quotes_of(text), "into question").speech
    # "called for an inquiry into the question of …" still reports a demand
    doc = parse_text("Ann Roe called for an inquiry into the question of funding.")
    assert not other_sense(next(t for t in doc if t.text == "called"))


def test_according_to_after_and_reports_the_clause_it_opens():
    text = ("The mayors warned that half of the harbour fleet is idle and, according to the Velm Agency, "
            "it will take months before the ferries run.")
    q = next(q for q in quotes_of(text) if q.cue is not None and q.cue.text == "according to")
    assert q.speaker is not None and q.speaker.name == "Velm Agency"
    assert q.text.startswith("it will take months")
