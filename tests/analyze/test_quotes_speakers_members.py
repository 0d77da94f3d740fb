"""Speakers that are some of a body or no one: members of a body are not the body ("all ten
Tarn members of the committee"), "any law" and "no official" are no one in particular, a
numbered article is one name ("Article 39"), "according to which" is its antecedent's,
"his" after "The pope's silence" is the pope's, and a "person" NER found in "the Velm group"
is a firm, never "he". Short texts written for these tests; every person, group and place
named here is invented."""

from __future__ import annotations

import pytest
from quote_helpers import one, quotes_of, speaker_name

pytestmark = pytest.mark.slow


def test_members_of_a_body_are_not_the_body():
    text = "Predictably, all 10 Tarn members of the Velm Committee urged the mayor to withdraw the nomination."
    assert speaker_name(text, "withdraw the nomination") == "all 10 Tarn members of the Velm Committee"
    assert speaker_name("Many members of the Velm Council demanded the mayor take tougher action.",
                        "tougher action") == "Many members of the Velm Council"


def test_a_member_named_in_apposition_is_that_person():
    text = "A senior member of the Velm Council, Ann Roe, said the vote was rigged."
    assert speaker_name(text, "vote was rigged") == "Ann Roe"


def test_a_spokesman_still_speaks_for_the_body():
    assert speaker_name("A Velm Council spokesman said the vote was rigged.", "vote was rigged") == "Velm Council"


@pytest.mark.parametrize("text, words", [
    ("Any law demanding the citizens surrender their rifles would be void.", "surrender their rifles"),
    ("No official has said that the plan works.", "the plan works"),
])
def test_any_and_no_name_no_speaker(text, words):
    assert speaker_name(text, words) is None


def test_a_numbered_article_is_one_name():
    text = "Article 39 tells us that a new house “must be considered as a whole.”"
    assert speaker_name(text, "considered as a whole") == "Article 39"


def test_according_to_which_is_the_antecedents():
    quotes = quotes_of("Ann Roe wrote a report, according to which the Tarn dam is unsafe.")
    q = one(quotes, "dam is unsafe")
    assert q.text == "the Tarn dam is unsafe"
    assert q.speaker is not None and q.speaker.text == "a report" and q.speaker.name == "Ann Roe"
    assert not any("wrote a report" in r.text for r in quotes if r.cue and r.cue.text == "according to")


def test_his_after_the_roles_possessive_subject_is_that_role():
    text = ("Bishop Tom Vale was moved to a parish in 2001. The pope's refusal to answer my letters and "
            "his silence before the pleas of the laity are hard to square with his calls for openness and dialogue.")
    assert speaker_name(text, "openness") == "The pope"


def test_a_firm_ner_took_for_a_person_is_never_he():
    text = ("Tom Vale was an informant for the FBI. He told the FBI about Tarnex, a part of the Gazmir group. "
            "Managers met executives connected to Gazmir. He had given the FBI evidence of bribery, he said.")
    assert speaker_name(text, "evidence of bribery") == "Tom Vale"


def test_anyone_who_is_no_one_in_particular():
    assert speaker_name("The agencies smear anyone who questions the official story as a “crank.”", "crank") is None


def test_a_role_given_before_with_a_joining_word_is_its_holder():
    text = ("Russian Ambassador to the United Nations Ivan Petrov, spurning requests from officials to impose "
            "sanctions, asserted that the test did not breach the resolution. “A call is not a ban,” the Russian "
            "ambassador said.")
    assert speaker_name(text, "not a ban") == "Ivan Petrov"


def test_two_roles_joined_before_a_name_are_that_person():
    text = "Late Night writer and comedian Ravi Osk was pulled from the stage after telling jokes that were called crude."
    assert speaker_name(text, "called crude") == "Ravi Osk"


def test_scripture_after_a_colon_with_no_verb_of_saying_is_the_book():
    text = "Velmism stands only as a foe to the rest: “Between the two camps stands a wall forever!” (Qur’an 60.4) So it goes."
    assert speaker_name(text, "a wall forever") == "Qur’an 60.4"


def test_a_reference_to_several_verses_is_the_book():
    text = "All who, like the apostle, would “rejoice in my trials for you” (Col. 1:26, 24) are welcome."
    assert speaker_name(text, "rejoice in my trials") == "Col. 1:26, 24"


def test_scripture_after_a_verb_of_saying_stays_the_speakers():
    assert speaker_name("Jesus said: “Follow me.” (Matthew 4:19) The writer agrees.", "Follow me") == "Jesus"


def test_one_of_a_plural_of_things_is_no_speaker():
    text = "One of those likings is an endless round of rehearings as to previously denied visa claims."
    assert speaker_name(text, "visa claims") is None


def test_a_party_before_a_role_is_no_voice_of_the_party():
    assert speaker_name("A Democrat attorney said the Tarn map was unfair.", "map was unfair") == "A Democrat attorney"
    assert speaker_name("A Taliban spokesman said the talks were over.", "talks were over") == "Taliban"


def test_a_man_at_a_body_is_not_the_body():
    text = "The pope's man at the Tarn Academy said the rule could change."
    assert speaker_name(text, "rule could change") == "The pope's man at the Tarn Academy"


def test_those_who_in_a_broken_parse_report_no_speech():
    quotes = quotes_of("Those, though, who maintain its continued reach often view it as a weapon.")
    assert quotes and not any(q.speech and "as a weapon" in q.text for q in quotes), [(q.text, q.speech) for q in quotes]


def test_a_person_in_a_video_explaining_is_the_speaker():
    text = "Here is a clip filmed at the Velm Institute of Judge Ann Roe explaining the implications of the ruling."
    assert speaker_name(text, "implications of the ruling") == "Ann Roe"


def test_a_noun_of_saying_is_not_its_own_speaker():
    text = "The newest warning about the spread of the fever in Tarnland has been released. Officials say it will spread."
    quotes = quotes_of(text)
    assert any(q.cue is not None and q.cue.text.startswith("warning") for q in quotes)
    assert not any(q.speaker is not None and "warning" in q.speaker.text for q in quotes)


def test_one_of_a_plural_of_bodies_still_speaks():
    assert speaker_name("Two of the banks said the fees would rise.", "fees would rise") == "Two of the banks"


def test_a_named_person_before_group_stays_a_person():
    text = "Ann Roe runs a bank in Tarn. She sold it to the Roe group last year. “We are proud,” she said."
    assert speaker_name(text, "We are proud") == "Ann Roe"


def test_a_plural_and_a_named_person_are_not_one_person():
    assert speaker_name("Lawyers and activist Ann Roe said the law was unfair.", "law was unfair") == "Lawyers"


def test_according_to_which_ends_with_its_clause_and_takes_the_whole_noun():
    q = one(quotes_of("The report, according to which the dam is unsafe, was shelved by the council."), "dam is")
    assert q.text == "the dam is unsafe"
    q = one(quotes_of("They cited rules of the game, according to which a player must not pass back."), "pass back")
    assert q.speaker is not None and q.speaker.text == "rules of the game"


def test_a_former_chairman_in_capitals_is_not_the_body():
    text = "Last spring the former Chairman of the Velm Caucus announced a plan to quit the assembly."
    assert speaker_name(text, "quit the assembly") == "the former Chairman of the Velm Caucus"
    # a serving chairman still speaks for the body, as "a caucus official" does
    assert speaker_name(text.replace("the former", "the"), "quit the assembly") == "Velm Caucus"
