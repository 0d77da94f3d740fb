"""Who speaks when the sentence puts someone else first, and words that say nothing.

"Velm, writes Osk, “has …”" is Osk's, with Osk set off after the verb; "One line was added:
…" is the line, not a speaker; a complaint "filed in" a city is nobody's from that city;
"Osk and his lawyers … They said" is Osk and his lawyers, not a body named after them. Not
speech: "Nor do the notes mention …", "clarified things for …", "When we say ‘…’, we mean
…". Short texts written for these tests; every person, group and place named here is
invented."""

from __future__ import annotations

import pytest
from quote_helpers import one, quotes_of, speaker_name

pytestmark = pytest.mark.slow



@pytest.mark.parametrize(("text", "words", "speaker"), [
    ("Velm, writes Osk Brandt, “has little use for the old rites.”", "old rites", "Osk Brandt"),
    ("The mayor, says a city official, “will not resign this year.”", "not resign", "a city official"),
    ("Critics, writes the Harbour Gazette, “miss the point of the levy.”", "the levy", "Harbour Gazette"),
])
def test_the_speaker_set_off_after_the_verb_says_it(text, words, speaker):
    assert speaker_name(text, words) == speaker


def test_the_subject_before_the_verb_still_speaks_when_nothing_is_set_off_after_it():
    assert speaker_name("Velm Osk wrote that the levy “has little use.”", "little use") == "Velm Osk"


def test_a_line_that_was_added_is_the_words_not_theirspeaker_name():
    quotes = quotes_of("One paragraph was added: Brantic Relief said the two men had never met.")
    added = one(quotes, "Brantic Relief said")
    assert added.speaker is None
    assert speaker_name("One line was added by the editors: “The story has been corrected.”",
                    "corrected") == "the editors"


def test_a_complaint_filed_in_a_city_is_not_the_citys():
    text = "The complaint filed in Velmar says Osk did not have a license to sell the rifles."
    assert speaker_name(text, "license") != "Velmar"


def test_they_after_a_person_and_his_lawyers_is_them_not_the_body_they_met():
    text = ("The agency dropped the case in May. Osk Brandt and his team of lawyers disagreed with "
            "the Department of Harbours. They pointed out that the law had changed in April.")
    assert speaker_name(text, "the law had changed") == "Osk Brandt and his team of lawyers"


@pytest.mark.parametrize(("text", "words"), [
    ("Nor do the notes mention the judge's name.", "the judge's name"),
    ("Neither did she say when she would leave the harbour.", "she would leave"),
    ("The teacher clarified things for the students.", "things for the students"),
    ("When we say ‘the cleansing’, we know what it means.", "the cleansing"),
    ("When we say that the levy is unjust, we mean every word.", "the levy is unjust"),
])
def test_words_no_one_gave_are_not_speech(text, words):
    assert not one(quotes_of(text), words).speech


@pytest.mark.parametrize(("text", "words"), [
    ("Osk said that the levy is unjust.", "the levy is unjust"),
    ("When we said the plan would fail, nobody listened to us.", "the plan would fail"),
    ("Osk told reporters a lot of things had changed.", "things had changed"),
])
def test_the_same_verbs_reporting_words_are_speech(text, words):
    assert one(quotes_of(text), words).speech


def test_a_transcripts_question_label_is_not_part_of_the_name():
    text = ("Transcript of the deposition, page four.\nBACON Q: Did you see him that night?\n"
            "VELM A: No, I did not see him.\n")
    assert speaker_name(text, "see him that night") == "BACON"
    assert speaker_name(text, "I did not see him") == "VELM"


@pytest.mark.parametrize("noun", ["Concern", "One paragraph"])
def test_a_concern_or_a_paragraph_is_nospeaker_name(noun):
    from slant.analyze.parse import parse_text
    from slant.analyze.quotes.phrases import speaker_like

    doc = parse_text(f"{noun} read that the levy must end.")
    subject = next(t for t in doc if t.dep_ == "nsubj")
    assert not speaker_like(doc, subject)


@pytest.mark.parametrize(("text", "words", "speaker"), [
    ("Osk welcomes several visitors, all of whom report that he is cheerful.", "that he is cheerful",
     "several visitors"),
    # parsed with "said" the sentence's verb and the clause before the comma its second clause
    ("The survey reached 500 nurses, the majority of whom said the wards were understaffed.",
     "the wards were understaffed", "500 nurses"),
])
def test_all_of_whom_is_the_noun_before_it(text, words, speaker):
    q = one(quotes_of(text), words)
    assert q.text == words
    assert q.speaker is not None and q.speaker.name == speaker


def test_people_after_a_misread_after_report_it_not_the_sentences_subject():
    # parsed with "after" a preposition, the people its object and "reported" a clause with
    # no subject of its own
    text = ("The Velmar consulate cut its staff in Tarnby, Osk, in 2019 after its workers and their "
            "children reported hearing odd noises.")
    assert speaker_name(text, "odd noises") != "Velmar"


def test_a_report_obtained_by_a_paper_is_not_the_papers():
    assert speaker_name("A draft report obtained by the Harbour Gazette noted that the inspectors had failed.",
                    "inspectors had failed") != "Harbour Gazette"
    assert speaker_name("A report released by the Harbour Board noted that the inspectors had failed.",
                    "inspectors had failed") == "Harbour Board"


@pytest.mark.parametrize(("text", "thing"), [
    ("In the years from 1983 to 1993 a moratorium was declared during which no ferry toll "
     "was raised.", "moratorium"),
    ("Parents who want a sound education emphasizing the classics should look at our course.",
     "education"),
    ("Today, I am at the #Tarn border talking with @TBP officials on how we are checking "
     "boats at the harbour.", "tarn"),
])
def test_a_thing_that_cannot_speak_is_nospeaker_name(text, thing):
    for q in quotes_of(text):
        assert q.speaker is None or thing not in q.speaker.text.lower(), q


def test_a_body_in_a_city_is_not_the_city():
    text = "Visas were suspended on Monday. The embassy in Paris said it could not link the cases."
    assert speaker_name(text, "could not link") == "The embassy in Paris"
    text = "The government of Tarnia said the road was closed."
    assert speaker_name(text, "road") == "Tarnia"


def test_words_someone_does_not_say_are_no_speech_with_quote_marks_too():
    text = ("It is not. Notice the late bishop does not say, “Let the faithful stay home,” as "
            "Father Vell is implying. The bishop did say, “Stay home.”")
    quotes = quotes_of(text)
    assert not one(quotes, "Let the faithful").speech
    assert one(quotes, "Stay home.").speech


@pytest.mark.parametrize(("text", "words"), [
    ("The surprising settlement was reached on Friday, and it promises to change the rules on "
     "exports.", "to change the rules"),
    ("Our history is long because it tells how little the rulers cared.", "how little"),
])
def test_an_it_that_stands_for_a_thing_that_cannot_speak_has_nospeaker_name(text, words):
    assert speaker_name(text, words) is None


def test_we_are_talking_about_is_the_talk_now_not_a_report():
    text = ("Explain why the man matters. We are talking about a publisher who has changed the "
            "trade. Yesterday we talked about the budget with the mayor.")
    quotes = quotes_of(text)
    assert not one(quotes, "a publisher").speech
    assert one(quotes, "the budget").speech


def test_anyone_who_would_do_a_thing_speaks_for_no_one_in_particular():
    text = ("Any business that tips off the inspectors admits that it knows their status. Every "
            "official who spoke to us says the plan failed.")
    quotes = quotes_of(text)
    assert not one(quotes, "it knows").speech
    assert one(quotes, "the plan failed").speech
