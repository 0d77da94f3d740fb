"""Guards from a code review of the rules for roles named later, relatives, the narrator's
first person and the narrator's lead-ins: each sentence is one those rules, as first
written, got wrong."""

from __future__ import annotations

import pytest
from quote_helpers import one, quotes_of, speaker_name

from slant.models import gives_words



def test_the_group_is_not_a_government_body_named_beside_it():
    text = ("Amnesty International criticised a Justice Department plan on Monday. The group said the plan "
            "would harm refugees.")
    assert speaker_name(text, "harm refugees") != "Justice Department"


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
    assert speaker_name("A senator said the bill would fail. The mayor, Ann Roe, said it would pass easily.",
                    "would fail") != "Ann Roe"


def test_a_fronted_phrase_keeps_the_words_between_it_and_a_set_in_cue():
    quotes = quotes_of("In the end, talks failed, Roe said, and both sides went home.")
    q = one(quotes, "went home")  # (the cue set in splits one utterance in two parts)
    first = quotes[q.continues] if q.continues is not None else q
    assert "talks failed" in first.text and "Roe said" not in first.text + q.text


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


# a second review (of the holders, lawyers and glosses rules): each guard fails on the
# version the review read

@pytest.mark.parametrize(("text", "words", "whole"), [
    ("The mayor said the bill, which also cuts taxes, would pass next week.", "the bill",
     "the bill, which also cuts taxes, would pass next week"),
    ("Police said the suspect, who also faces a drug charge, was released on bail.", "the suspect",
     "the suspect, who also faces a drug charge, was released on bail"),
    ("She said that any rise in rates, meaning even a small one, would hurt buyers.", "any rise",
     "that any rise in rates, meaning even a small one, would hurt buyers"),
    ("She said the report, which officials refused to release, shows years of abuse.", "the report",
     "the report, which officials refused to release, shows years of abuse"),
])
def test_a_gloss_inside_the_words_stays(text, words, whole):
    assert one(quotes_of(text), words).text == whole


def test_the_words_around_according_to_the_records_stay():
    quotes = quotes_of("The auditor said that, according to the records, the firm paid no tax for a decade.")
    assert speaker_name("The auditor said that, according to the records, the firm paid no tax for a decade.",
                    "that, according to") == "The auditor"
    assert quotes


def test_an_emoticon_bracket_inside_quote_marks_is_no_open_bracket():
    text = "“Another loss for the team :(” the coach wrote on Twitter (the post was later deleted)."
    assert one(quotes_of(text), "Another loss").text == "“Another loss for the team :(”"


def test_an_unnamed_culprit_is_not_the_person_just_named():
    text = ("Tom Lee runs a small bakery on Main Street. A thief broke in on Sunday night and took the "
            "cash box. He said he would install cameras.")
    assert speaker_name(text, "install cameras") == "Tom Lee"


def test_a_relative_clause_on_the_hearer_stays_before_the_words():
    q = one(quotes_of("The coach told the players he had recruited that the season was over."), "season was over")
    assert not q.text.startswith("he had recruited")


def test_two_people_joined_by_and_stay_two():
    text = "“We stand together on this,” the governor and Senator Ann Roe said in a joint statement."
    assert speaker_name(text, "We stand together") != "Ann Roe"


@pytest.mark.parametrize(("text", "words"), [
    ("Once a week, the pastor tells his followers that the end is near.", "the end is near"),
    ("Ann Roe wrote for The Washington Post that the plan would fail.", "the plan would fail"),
    ("Doctors predicted six more months.", "six more months"),
])
def test_speech_beside_the_new_not_speech_rules_stays(text, words):
    assert one(quotes_of(text), words).speech


def test_a_sheikh_can_be_she():
    from slant.names.gender import name_gender

    assert name_gender("Sheikh Hasina") is None


def test_a_fronted_because_clause_stays_in_the_words():
    quotes = quotes_of("Because the dam is old, the engineer said, it could fail in a heavy storm.")
    q = one(quotes, "heavy storm")  # (the second part of one utterance: the cue is set in)
    first = quotes[q.continues] if q.continues is not None else q
    assert first.text.startswith("Because the dam is old")


def test_the_lawyer_is_no_lawyer_named_far_later():
    filler = " ".join(f"The hearing went on for day {k} with more witnesses." for k in range(1, 31))
    text = (f"The lawyer said the company would appeal the ruling. {filler} "
            "The plaintiffs were represented by attorney Ann Roe, who called the verdict fair.")
    assert speaker_name(text, "would appeal the ruling") == "The lawyer"


# a third review (of the rules drawn after the reading of seeds 401 to 404): each guard fails
# on fc4b708

def test_a_named_spokesman_keeps_his_he():
    text = "John Smith, a spokesman for the ministry, said the talks had failed. He added that a new round was planned."
    assert speaker_name(text, "new round was planned") == "John Smith"


@pytest.mark.parametrize(("text", "words"), [
    ("The president admitted to the country that he had made mistakes.", "made mistakes"),
    ("“I was wrong about the war,” the president admitted to the country on Tuesday.", "wrong about the war"),
])
def test_admitting_to_someone_that_is_a_confession(text, words):
    assert one(quotes_of(text), words).speech


def test_a_participle_after_a_persons_reported_deed_is_theirs():
    q = [q for q in quotes_of("Police said the man attacked an officer outside the bar, shouting that he would "
                              "kill him.") if q.cue is not None and q.cue.text == "shouting"]
    assert q and q[0].speaker.name == "the man"


@pytest.mark.parametrize(("text", "words", "who"), [
    ("Attorney General Ann Roe met Surgeon General Tom Lee on Monday. The AG said the meeting went well.",
     "meeting went well", "Ann Roe"),
    ("District Attorney Ann Roe filed charges. Defense attorney Mark Lee said his client was innocent. "
     "The DA said the case was strong.", "case was strong", "Ann Roe"),
])
def test_an_acronym_role_is_only_that_role(text, words, who):
    assert speaker_name(text, words) == who


# a fourth review (of the unattached-quote rules and parse stage 6): each guard fails on
# 203bd89, the version the review read, or on 3172475 for the rules added after it


def _quote(text: str, words: str):
    return one(quotes_of(text), words)


def test_a_reported_clause_keeps_its_own_past_verb():
    text = "Tom Lee said the company owes workers money and refused to pay them."
    said = next(q for q in quotes_of(text) if q.cue is not None and q.cue.text == "said")
    assert "refused" in said.text


def test_admitted_to_names_what_was_admitted():
    assert any(q.text.startswith("wrongdoing") for q in quotes_of("Tom Lee admitted to wrongdoing in the deal."))


@pytest.mark.parametrize("text", [
    "Ann Roe was afraid to say that the plan had failed.",
    "Ann Roe was too proud to admit that the plan had failed.",
])
def test_held_back_words_are_not_said(text):
    assert not _quote(text, "the plan had failed").speech


def test_careful_to_say_is_said():
    assert _quote("Ann Roe was careful to say that the plan had failed.", "the plan had failed").speech


@pytest.mark.parametrize("text", [
    "Tom Lee heard the crowd chant: \"Lock him up!\"",
    "Ann Roe discovered a message scrawled on her car: \"Go home.\"",
])
def test_words_taken_in_before_a_colon_are_not_the_subjects_speech(text):
    q = _quote(text, "!" if "Lock" in text else "Go home")
    assert not (q.speech and q.speaker is not None and q.speaker.name in ("Tom Lee", "Ann Roe"))


def test_a_relative_clause_of_saying_before_a_colon_gives_its_own_subject():
    q = _quote("Tom Lee shared a letter that Ann Roe wrote: \"I will not resign.\"", "resign")
    assert q.speaker is not None and q.speaker.name == "Ann Roe"


def test_the_embassy_is_not_the_body_the_sentence_before_was_about():
    text = "The State Department sent a team to Velmar. The embassy said it could not link the cases."
    assert speaker_name(text, "link the cases") != "State Department"


def test_a_possessive_apostrophe_is_no_quote_mark_before_an_apposition():
    text = "One of the teachers' lawyers, Ann Roe, said the strike would go on."
    assert speaker_name(text, "strike would go on") == "Ann Roe"


def test_guidelines_from_a_body_cite_it():
    text = "According to new guidelines from the CDC, adults should wear masks indoors."
    assert speaker_name(text, "wear masks") == "CDC"


def test_a_negated_verb_of_preventing_kept_no_one_from_speaking():
    assert _quote("The ban did not stop Tom Lee from saying that the vote was rigged.", "rigged").speech


def test_a_compound_subject_is_not_taken_for_hearers():
    text = "Ann Roe warned police officers would be punished for the leak."
    assert _quote(text, "punished").text.startswith("police officers")


def test_implying_goes_back_only_to_a_verb_of_saying():
    q = _quote("Tom Lee believes the market will fall, suggesting that prices are too high.", "too high")
    assert not (q.speech and q.speaker is not None and q.speaker.name == "Tom Lee")


def test_attacks_in_a_title_can_be_a_noun():
    text = "Velmar Attacks Survivor Ann Roe: 'We Will Rebuild'\n\nAnn Roe survived the attacks in Velmar."
    assert speaker_name(text, "We Will Rebuild") == "Ann Roe"
