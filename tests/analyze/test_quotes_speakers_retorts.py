"""Speakers the parse hides: a retort ("fired back, “…”"), a name after "said" that the
parse gave to the participle after it ("said Osk Velm, asked about …"), a word quoted just
before "said" that the parse took for a second subject, a clause of its own after a quote
("“….” After Lee criticized Roe, …"), and a person named after a dateline. Someone "asked
about" something, set off by commas, was asked: they do not speak. Short texts written for
these tests; every person, group and place named here is invented."""

from __future__ import annotations

import pytest
from quote_helpers import one, quotes_of, speaker_name

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(("text", "cue"), [
    ("After the meeting, Velm shot back, “I guess we could have stayed home.”", "shot back"),
    ("Velm fired back, “I know what a fair levy is.”", "fired back"),
    ("Velm fired back sharply: “If they take us to court, they will lose.”", "fired back"),
])
def test_a_retort_is_speech_and_its_subject_speaks(text, cue):
    q = one(quotes_of(text), "I")
    assert q.speaker is not None and q.speaker.name == "Velm"
    assert q.cue is not None and q.cue.text == cue
    assert q.speech


def test_a_word_quoted_before_said_is_no_subject():
    text = "“The drop is attributable to the letters, the foundation,” said a person close to the Osks."
    assert speaker_name(text, "The drop") == "a person"


def test_a_quote_before_a_clause_of_its_own_is_not_that_clauses_subjects():
    text = ("“The drop is real,” said a person close to the Osks. “That is why Brandt surged.” "
            "After Ann Velm criticized Tom Osk during a debate, Lee Brandt left the hall.")
    assert speaker_name(text, "Brandt surged") == "a person"


def test_the_name_after_said_speaks_though_the_parse_gave_it_to_the_asking():
    text = ("\"I will not call it an error, so drop it,\" said retired neurosurgeon Ben Velm, "
            "asked about his tale of having won a prize.")
    assert speaker_name(text, "an error") == "Ben Velm"


def test_someone_asked_about_something_between_commas_was_asked():
    quotes = quotes_of("Osk Velm, asked about his claims, said it was a lie.")
    assert one(quotes, "his claims").speaker is None
    assert one(quotes, "a lie").speaker.name == "Osk Velm"
    # an apposition between the commas: the person asked, and speaks
    text = "Neighbours say his partner, 41-year-old Ann Velm, asked about court orders because they argued."
    asked = [q for q in quotes_of(text) if q.cue is not None and q.cue.text == "asked about"]
    assert [q.speaker.name for q in asked if q.speaker is not None] == ["Ann Velm"]


def test_the_person_a_title_names_after_a_dateline_speaks_not_the_place():
    text = ("Judge voids the levy.\n\nHARBORTON, Wrenmoor - U.S. District Judge Ann Velm late Thursday "
            "issued a ruling that voided the levy.\n")
    assert speaker_name(text, "ruling") == "Ann Velm"
