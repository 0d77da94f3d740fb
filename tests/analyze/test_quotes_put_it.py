""""X put it plainly: “…”": an idiom of saying before a colon; "put" with another object is
no cue."""

from __future__ import annotations

from quote_helpers import quotes_of


def test_put_it_before_a_colon_gives_the_words_to_the_subject() -> None:
    quotes = quotes_of("Jane Ortiz, who runs the bakery on Main Street, put it more simply: "
                       "“We will not sell.”")
    spoken = [q for q in quotes if q.speech]
    assert [q.text for q in spoken] == ["“We will not sell.”"]
    assert spoken[0].cue is not None and spoken[0].cue.text == "put"
    assert spoken[0].speaker is not None and spoken[0].speaker.name == "Jane Ortiz"


def test_put_with_another_object_is_no_cue() -> None:
    quotes = quotes_of("The council put the bill on hold: members will vote on it in May.")
    assert [q for q in quotes if q.speech] == []
