"""Direct quotes the parse left unattached: a speaker set off by an apposition after the
words, and a quote after a colon that closes the speaker's own clause.

- "“…,” Ann Roe, the director of the bureau, said" is Roe's, even where the parse hung
  "said" on the quoted verb;
- "Roe went even further: “…”" is Roe's words, and speech: the colon and the marks give
  them;
- a passive ("Roe was asked: “…”"), a verb of taking words in ("Lee received this reply
  from Roe: “…”") or an impersonal "it" ("it gets worse: “…”") gives no speaker.

Short texts written for these tests; every person named here is invented."""

from __future__ import annotations

import pytest
from quote_helpers import one, quotes_of, speaker_name

pytestmark = pytest.mark.slow



def test_a_speaker_set_off_by_an_apposition_after_the_words():
    text = ("The post was deleted.\n\n''Radios serve as a way to share songs, as a way to air "
            "plays, and they serve as a way to stoke anger - to sow doubt,'' Ann B. Roe Jr., the "
            "head of the Office of Weights and Measures, said at a briefing in Utah in June.")
    q = one(quotes_of(text), "Radios serve")
    assert q.speaker is not None and q.speaker.name == "Ann B. Roe Jr."
    assert q.cue is not None and q.cue.text == "said"


def test_a_quote_after_a_colon_is_the_clause_subjects_speech():
    text = ("In a radio interview later that day, Ann Roe went even further: \"If he runs and "
            "loses, it is the end of his career.\"")
    q = one(quotes_of(text), "end of his career")
    assert q.speaker is not None and q.speaker.name == "Ann Roe"
    assert q.cue is not None and q.cue.text == "went"
    assert q.speech


@pytest.mark.parametrize("text", [
    "Ann Roe was asked: \"Will you meet him before the vote?\"",
    "Tom Lee received the following reply from the clerk: \"We will not meet him before the vote.\"",
    "And it gets even worse: \"The audit found the money was never spent.\"",
    "The suit quotes a lesson from the textbook: \"The audit found the money was never spent.\"",
])
def test_no_speaker_from_a_colon_after_a_passive_a_taking_or_relaying_verb_or_it(text):
    q = one(quotes_of(text), "the vote" if "vote" in text else "never spent")
    assert q.speaker is None or q.speaker.name not in ("Ann Roe", "Tom Lee", "it", "The suit"), q.speaker


def test_a_name_apposed_to_a_fronted_phrase_deep_in_it_is_the_subject():
    # the parser hangs the name on "Ohio", inside "After winning … in Ohio" (parse stage 6)
    text = ("After winning narrowly in Ohio, Ann Roe, the early favourite, was bracing for a loss "
            "and hoping to keep the harm from reaching other states.")
    assert speaker_name(text, "to keep the harm") == "Ann Roe"


def test_a_chain_of_names_after_a_fronted_phrase_is_not_its_first_name():
    text = "In a letter to the premier, Ann Roe, her father, Tom Roe, wrote: \"Bring her home now.\""
    q = one(quotes_of(text), "Bring her home")
    assert q.speaker is None or q.speaker.name != "Ann Roe"


def test_a_finite_verb_joined_to_an_infinitive_goes_on_from_the_main_verb():
    text = ("During the 2012 election, Ann Roe largely ran on her ability to jolt the recovery "
            "into hyperdrive and accused Tom Lee of bungling the rehabilitation.")
    assert speaker_name(text, "bungling") == "Ann Roe"


def test_a_past_verb_joined_to_a_present_reported_clause_is_the_speakers_own():
    # parse stage 6: "can be … and cited" cannot go together; Lee cited
    text = ("Lee said rental firms can be costlier than city crews and cited the choice to hire "
            "city drivers after the storm.")
    said = one(quotes_of(text), "costlier")
    assert "cited" not in said.text
    cited = one(quotes_of(text), "city drivers")
    assert cited.speaker is not None and cited.speaker.name == "Lee"


def test_an_infinitive_takes_no_inverted_speaker_from_its_object():
    text = "Lee did try hard to criticize the Parks Department more broadly on Friday."
    assert speaker_name(text, "Parks Department") == "Lee"


def test_the_mission_is_the_body_named_so():
    text = ("The US Mission in Velmar issued a warning on Monday. The mission said that travel "
            "to the region was unsafe.")
    assert speaker_name(text, "travel to the region") == "US Mission"


def test_the_embassy_is_not_the_one_organisation_in_play():
    text = ("The State Department sent a team to the city. The embassy in Velmar said it could "
            "not link the two cases.")
    q = one(quotes_of(text), "link the two cases")
    assert q.speaker is not None and q.speaker.name != "State Department"


@pytest.mark.parametrize("text", [
    "That old pamphlet was where I first heard anyone claim that the well was cursed.",
    "It was the first time anybody claimed that the mill had closed for good.",
])
def test_anyone_at_all_reports_no_speech(text):
    q = one(quotes_of(text), "that the")
    assert not q.speech


def test_according_to_a_convention_is_keeping_with_it_not_citing_it():
    text = ("Velmar has always guarded the staff of foreign consulates according to the Geneva "
            "Convention on Consular Duties, Lee said.")
    for q in quotes_of(text):
        assert q.speaker is None or "Convention" not in q.speaker.text, q
    assert speaker_name(text, "guarded the staff") == "Lee"


def test_a_name_inside_the_quoted_words_is_no_apposition_to_the_titlespeaker_name():
    text = ("Velm: 'Never, ever, ever underestimate Trump.'\n\nHarry Velm has some advice for "
            "his party before the vote.")
    assert speaker_name(text, "underestimate") == "Harry Velm"


def test_a_title_verb_with_a_person_object_gives_that_person_no_words():
    text = ("Ann Roe Endorses Tom Lee: I Am ‘Horrified’ By Bob Fry.\n\nAnn Roe threw her support "
            "behind Tom Lee on Wednesday.")
    for q in quotes_of(text):
        assert q.speaker is None or q.speaker.name != "Tom Lee", q


def test_a_quote_after_a_dash_closing_a_clause_is_its_subjects():
    text = ("The crowd cheered for an hour. When Tom Lee finally finished up — “I will build it, and "
            "I will pay for it!” — the confetti fell.")
    q = one(quotes_of(text), "I will build")
    assert q.speaker is not None and q.speaker.name == "Tom Lee" and q.speech


def test_implying_goes_with_the_speaker_not_the_reported_clause():
    # parse stage 6: the parser hangs "implying" on "appear", inside what Lee asked
    text = ("In his first answer, Tom Lee questioned why the mayor's aide did not appear beside "
            "him at the rally, implying that she had been told to stay away.")
    question = one(quotes_of(text), "did not appear")
    assert "implying" not in question.text
    implied = one(quotes_of(text), "stay away")
    assert implied.speaker is not None and implied.speaker.name == "Tom Lee"


def test_kept_from_writing_is_the_one_kept_and_no_speech():
    text = ("Lee prevented his first wife, Ann, who worked with him on many projects, from writing "
            "about their partnership.")
    q = one(quotes_of(text), "partnership")
    assert q.speaker is not None and q.speaker.name != "Lee"
    assert not q.speech


def test_pointed_out_to_someone_reports_the_clause_not_the_hearer():
    text = ("But as Lee himself pointed out to Marta, it is the fact that the river was dammed "
            "upstream that matters.")
    assert speaker_name(text, "it is the fact") == "Lee"
    assert all(x.text != "Marta" for x in quotes_of(text))


def test_pointed_to_the_rules_stays_a_topic():
    text = "Lee pointed to the department's rules to explain why he stepped aside."
    assert any(q.text.startswith("the department's rules") for q in quotes_of(text))


def test_whom_someone_warned_is_no_topic():
    text = ("In the final battle over marriage of which Sister Ann warned the late Cardinal Roe in "
            "light of the secret, only the bishops can act.")
    assert all("Cardinal Roe" not in q.text for q in quotes_of(text))


def test_hearers_run_into_the_told_clause_are_not_its_words():
    # parse stage 6: "reporters" is whom Velm told, not part of Tarr's name
    text = "After the hearing, Velm told reporters Tarr had threatened to sue him for libel."
    told = one(quotes_of(text), "threatened to sue")
    assert told.text.startswith("Tarr had")
    for q in quotes_of(text):
        assert q.speaker is None or "reporters" not in q.speaker.text


def test_a_role_with_a_name_in_apposition_after_a_fronted_phrase_speaks():
    # parse stage 6: the parser hung "adviser" on "the Gazette"
    text = ("In a note to the Gazette, her chief legal adviser, Jake Lane, said: “Ann Roe thinks "
            "that the merger is vital.”")
    assert speaker_name(text, "merger is vital") == "Jake Lane"


def test_quick_to_point_out_is_the_subjects_speech():
    text = "Tarr was quick to note that not every member held those views."
    q = one(quotes_of(text), "not every member")
    assert q.speaker is not None and q.speaker.name == "Tarr" and q.speech


@pytest.mark.parametrize("text", [
    "Velm is likely to stress that the board would halt its price rises.",
    "Still, I am willing to say what he would not: plainly, she was in on it.",
])
def test_likely_or_willing_to_say_is_not_yet_speech(text):
    assert not any(q.speech for q in quotes_of(text) if q.cue is not None and q.cue.text in ("stress", "say"))


def test_a_name_the_parse_gave_to_its_relative_clause_speaks():
    # parse stage 6: "Lee" and "who" were both subjects of "sits"
    text = "Lee, meanwhile, who sits on zero such boards, said that fact tells the story."
    assert speaker_name(text, "tells the story") == "Lee"


def test_a_participle_opening_the_sentence_is_the_main_subjects():
    text = ("Stressing how urgent the matter was, Lee said, “If we do not act very soon, we will "
            "not have a town left.”")
    assert speaker_name(text, "how urgent") == "Lee"


def test_a_show_after_a_possessive_is_a_title_not_words():
    text = "''It's rubbish,'' Mr. Lee said by telephone on CBS's ''Face the Town.''"
    q = one(quotes_of(text), "Face the Town")
    assert not q.speech and q.speaker is None


def test_the_words_told_after_the_hearer_and_a_comma():
    text = ("Lee took a gamble by joking about old clichés, telling the crowd, “I’m a haggler like "
            "you, friends,” and moved on.")
    q = one(quotes_of(text), "haggler")
    assert q.speaker is not None and q.speaker.name == "Lee"
    assert q.cue is not None and q.cue.text == "telling"


def test_a_document_subject_before_a_colon_gives_its_words():
    text = ("Her day job is at a think tank. Roe’s letter makes a free-market case: “Extremists of "
            "every stripe hate all that we value.”")
    assert speaker_name(text, "Extremists") == "Roe"


def test_all_of_whom_with_no_comma_is_the_plural_before_it():
    text = "The abbot has welcomed many visitors all of whom report that he seems at peace."
    assert speaker_name(text, "seems at peace") == "many visitors"


@pytest.mark.parametrize("text, words, phrase", [
    ("Guatemalan authorities said on Monday that the man had crossed the border.", "crossed the border",
     "Guatemalan authorities"),
    ("The McGill student in the middle of the row said he had been threatened.", "threatened",
     "The McGill student"),
])
def test_a_nationality_or_a_students_school_is_not_thespeaker_name(text, words, phrase):
    assert speaker_name(text, words) == phrase


def test_the_ig_is_the_inspector_general_named_before():
    text = ("Inspector General Tom Hale released his report on Monday. The IG later said the "
            "review was a \"full and fair account of the facts.\"")
    assert speaker_name(text, "full and fair") == "Tom Hale"
    other = ("Surgeon General Tom Hale spoke first. The IG later said the review was a \"full and "
             "fair account of the facts.\"")
    assert speaker_name(other, "full and fair") != "Tom Hale"
