"""The object of a verb of addressing is whom it was said to, not what was said."""

from __future__ import annotations

import pytest
from quote_helpers import one, quotes_of


@pytest.mark.parametrize("sentence", [
    "The mayor asked the farmers at the meeting.",
    "Ann Roe asked a question.",
    "Ann Roe was telling reporters outside the courthouse.",
    "The governor urged them.",
    "Ann Roe talked with her brother in the garden.",
    "The mayor met with the farmers on Monday.",
    "The inspector testified with the harbour chief Ann Velm on Tuesday.",
    "Most of the clerks spoke anonymously to be frank and dodge blame.",
])
def test_addressee_alone_is_no_quote(sentence: str) -> None:
    assert [q.text for q in quotes_of(sentence) if q.speech] == []


@pytest.mark.parametrize(("sentence", "words"), [
    ("The mayor asked the farmers to leave the valley.", "to leave"),
    ("Ann Roe told reporters that the mine would close.", "the mine would close"),
    ("Ann Roe asked the question “why should the valley pay for it?” at the meeting.", "why should the valley pay"),
    ("Ann Roe talked with her brother about the harbour levy.", "the harbour levy"),
    ("The inspector testified that the levy was never collected.", "the levy was never collected"),
])
def test_words_after_the_addressee_stay(sentence: str, words: str) -> None:
    texts = [q.text for q in quotes_of(sentence) if q.speech]
    assert any(words in t for t in texts), texts


def test_what_someone_said_of_is_not_their_words() -> None:
    quotes = quotes_of("“Revulsion. Sickness. Horror,” Osk Velmar said of his reaction.")
    assert not [q.text for q in quotes if q.speech and "his reaction" in q.text]
    assert any(q.speech and "Revulsion" in q.text for q in quotes)
    kept = [q.text for q in quotes_of("Osk Velmar said of the levy that it would fail.") if q.speech]
    assert any("it would fail" in t for t in kept), kept


@pytest.mark.parametrize(("text", "words"), [
    ("On Tuesday, Representative Jo Vell told a council hearing that she personally knows "
     "of three wardens who have skipped the levy.",
     "that she personally knows of three wardens who have skipped the levy"),
    ("My memory is that I informed Mr. Abe that we could see no sign of a leak.",
     "that we could see no sign of a leak"),
])
def test_whom_they_told_is_not_part_of_what_they_told_them(text, words):
    q = one(quotes_of(text), words)
    assert q.text == words


def test_a_story_she_told_keeps_its_noun():
    q = one(quotes_of("She told a story that she knew by heart."), "story")
    assert q.text == "a story that she knew by heart"


def test_whom_someone_spoke_with_on_a_day_is_no_topic() -> None:
    # "on May 29" is when they spoke, not what about
    quotes = quotes_of("“Our board would be willing to hear Velmar when he is in custody and not before.” "
                       "Osk Velm spoke with Ann Roe, a close friend and supporter of Velmar on May 29. "
                       "The interview opened with the statement Velm delivered for Roe at the forum.")
    assert not any(q.speech and "Ann Roe" in q.text for q in quotes)


def test_a_meeting_after_a_closed_quote_is_not_its_cue() -> None:
    quotes = quotes_of("“The board would be willing to hear the mayor when he is back and not before.” "
                       "Osk Velm spoke with Ann Roe, a close friend of the mayor, on May 29.")
    q = one(quotes, "willing to hear")
    assert q.speaker is None or q.speaker.name != "Osk Velm"
