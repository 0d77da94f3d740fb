"""Quoted labels and headline speakers: "X called Y “crazy”" is X's word, not the narrator's;
a title's "Surname: …" is that person's words when the article names them in full; an
entity never runs across a headline's colon; a verb's content never lies across a line
break from it. Short texts written for these tests; every person named here is invented."""

from __future__ import annotations

import pytest
from quote_helpers import one, quotes_of

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def run():
    return quotes_of


def spoken_by(quote) -> str | None:
    return quote.speaker.name if quote.speaker is not None else None


# --- a quoted label after a naming verb is the subject's word -------------------------------

@pytest.mark.parametrize("text,label,speaker", [
    ("Senator Dale Hoskin called the council “reckless” on Tuesday.", "reckless", "Dale Hoskin"),
    ("Mayor Ruth Penwick dubbed the plan “a betrayal of the town.”", "betrayal", "Ruth Penwick"),
    ("Governor Alan Brisco described the report as “a disgrace,” and left.", "disgrace", "Alan Brisco"),
    ("Critics labelled Mr. Pell a “liar” in their letter.", "liar", "Critics"),
])
def test_a_quoted_label_after_a_naming_verb_is_the_subjects_speech(run, text, label, speaker):
    q = one(run(text), label)
    assert q.speech and q.kind in ("direct", "mixed")
    assert speaker in (spoken_by(q) or "")


def test_the_content_runs_to_the_end_of_the_labelled_phrase(run):
    q = one(run("Senator Dale Hoskin calls her budget a “template” for how she would fix the harbour."), "template")
    assert q.text.endswith("fix the harbour") and q.speech


def test_a_passive_label_has_no_speaker_of_its_own(run):
    quotes = run("The plan was called “a betrayal” by some in the town.")
    assert not any(q.speech and spoken_by(q) == "The plan" for q in quotes)


def test_a_name_given_to_a_thing_is_no_speech(run):
    q = one(run("A group called “Friends of the Weir” met on Monday."), "Friends of the Weir")
    assert not q.speech


def test_called_for_is_not_a_label(run):
    q = one(run("Senator Dale Hoskin called for “an end to the delays” in the courts."), "an end")
    assert q.text.startswith("“an end")  # the quote itself, not "for …" as a label


def test_a_label_not_yet_given_is_no_speech(run):
    quotes = run("The host invited Mr. Pell to describe the “damage” the leak did to him.")
    assert not any(q.speech and q.cue is not None and q.cue.text == "describe" for q in quotes)


def test_the_narrators_own_label_is_no_ones_speech(run):
    q = one(run("The document is what I have called a “chopping block” for the monks."), "chopping block")
    assert not q.speech


@pytest.mark.parametrize("text,nickname", [
    ("The union called his ‘or else’ bluff.", "or else"),
    ("Senator Dale Hoskin called Joe “Big Dam” Corrie an “inspiration and a friend.”", "Big Dam"),
])
def test_a_quote_inside_a_noun_phrase_is_not_the_label(run, text, nickname):
    quotes = run(text)
    assert not any(q.speech and nickname in q.text for q in quotes)


# --- a title's "Surname: …" -----------------------------------------------------------------

TITLE_BODY = ("\n\nAttorney General Maren Kolbeck said on Tuesday that the inquiry would go on. "
              "She spoke in Boston.\n")


def test_a_surname_before_a_title_colon_speaks_when_the_body_names_them(run):
    q = one(run("Kolbeck: No outside pressure on the inquiry." + TITLE_BODY), "No outside pressure")
    assert q.speech and spoken_by(q) == "Maren Kolbeck"


def test_a_capitalised_topic_before_a_title_colon_does_not_speak(run):
    quotes = run("Harbour: No outside pressure on the inquiry." + TITLE_BODY)
    assert not any(q.speech and "No outside pressure" in q.text for q in quotes)


def test_a_one_word_title_topic_ner_takes_for_a_name_does_not_speak(run):
    quotes = run("Brexit: the deal is done.\n\nThe deal was signed by Prime Minister Jane Holt on Tuesday.\n")
    assert not any(q.speech and q.text.startswith("the deal is done") for q in quotes)


def test_a_possessed_title_topic_ner_takes_for_a_name_does_not_speak(run):
    quotes = run("Carter’s Treason: A Scandal Nobody Saw Coming\nThe Harbour Beacon reported Wednesday that "
                 "the port had skipped its audits.\n")
    assert not any(q.text.startswith("A Scandal") for q in quotes)


def test_a_title_clause_with_a_headline_verb_does_not_speak(run):
    quotes = run("FBI Surrenders: Pier Files Are Protected Under Harbour Law\nFor those who follow the port, the "
                 "fees have been a long fight.\n")
    assert not any(q.text.startswith("Pier Files") for q in quotes)


def test_a_list_in_the_body_keyed_by_surnames_is_the_narrators(run):
    text = ("What each needs tonight.\n\nAttorney General Maren Kolbeck and Senator Joel Arnott "
            "both face voters.\n\nKolbeck: Win by ten points.\n\nArnott: Finish second.\n")
    quotes = run(text)
    assert not any(q.speech and q.text.startswith(("Win by", "Finish second")) for q in quotes)


def test_an_entity_stops_at_a_headline_colon():
    from slant.analyze.entities import extract_entities
    from slant.analyze.parse import parse_text

    doc = parse_text("De Vries: Trust Hallam on security, not Mr. Orme.\n\n"
                     "Mayor Piet de Vries spoke on Tuesday.\n")
    assert not any(":" in e.name for e in extract_entities(doc))


# --- no verb reaches across a line break ----------------------------------------------------

def test_across_lines_looks_between_the_cue_and_its_content():
    from slant.analyze.parse import parse_text
    from slant.analyze.quotes.candidates import across_lines

    text = "He called it.\nThe plan failed."
    doc = parse_text(text)
    called = doc[1]
    same_line = (text.index("it"), text.index("it") + 2)
    next_line = (text.index("The plan"), text.index("The plan") + 8)
    assert not across_lines(doc, called, same_line)
    assert across_lines(doc, called, next_line)


# --- speakers: a hyphenated role, a name closing a long role phrase, a weapon -----------------

def test_a_hyphenated_role_is_one_word(run):
    q = one(run("“There is no chance the bill will pass,” said the co-founder of a legal blog."), "no chance")
    assert q.speaker is not None and q.speaker.text.startswith("the co-founder")


def test_the_name_closing_a_long_role_phrase_speaks(run):
    q = one(run("“Nobody may visit the northern sites,” said Freedonia’s Head of the Strategic Research "
                "Center and adviser to the Supreme Leader, Ali Karim Velan."), "Nobody may visit")
    assert spoken_by(q) == "Ali Karim Velan"


def test_attacked_with_a_weapon_is_no_speech(run):
    quotes = run("The patrol boats then attacked with rockets and cannon fire.")
    assert not any(q.speech for q in quotes)


def test_speaking_of_opening_a_sentence_is_a_turn_of_phrase(run):
    assert not any(q.speech for q in run("Speaking of sanctions, the regime has found ways around them."))
    assert one(run("Speaking of the sanctions, Governor Ann Roe said they had failed."), "failed").speech


def test_a_title_cut_from_its_name_by_a_line_break_keeps_the_name(run):
    quotes = run("“We were never told,” said the Rev.\nDavid Marlow, the pastor.\n“It was a shock.”")
    assert spoken_by(one(quotes, "never told")) == "David Marlow"
    assert spoken_by(one(quotes, "a shock")) == "David Marlow"


def test_the_object_of_a_second_verb_is_not_its_speaker(run):
    # "… and blasted X for …": whoever denied it blasted X, not X
    quotes = run("Senator Ivo Brant denied the claim and blasted Senate Democrats for their “smear”.")
    assert spoken_by(one(quotes, "smear")) == "Ivo Brant"
    # an inverted cue still takes the name after it
    assert spoken_by(one(run("“We will rebuild,” said Mayor Lena Ostrow."), "rebuild")) == "Lena Ostrow"


@pytest.mark.parametrize("text,words,speech", [
    ("The infection was confirmed by laboratory tests on Tuesday.", "infection", False),
    ("The source text confirms the accuracy of the minutes.", "accuracy", False),
    ("The group released a video of the rally, revealing his campaign strategy.", "strategy", False),
    ("Billboards tout the new casino along the highway.", "casino", False),
    ("Science confirms what the valley already knew", "valley already knew", False),
    ("The ministry confirmed what reporters had heard.", "reporters had heard", True),
    ("The health ministry confirmed the deaths on Tuesday.", "deaths", True),
    ("Tests confirmed that the patient had the virus.", "patient", True),
    ("The governor touted the plan as a success.", "plan", True),
])
def test_a_thing_that_confirms_or_reveals_a_thing_says_nothing(run, text, words, speech):
    assert one(run(text), words).speech is speech


@pytest.mark.parametrize("text,words,speech", [
    ("We must wait for the court to say who is right in this dispute.", "who is right", False),
    ("Voters want the mayor to explain why taxes rose.", "taxes rose", False),
    ("He went on to say that the plan had failed.", "plan had failed", True),
])
def test_words_awaited_or_wanted_are_not_yet_said(run, text, words, speech):
    assert one(run(text), words).speech is speech


def test_whom_they_called_on_is_not_what_they_said(run):
    headline = run("Residents Call On City Hall To Rebuild Old Bridge\nThe petition has 900 names.")
    assert not any(q.text == "City Hall" for q in headline)
    assert not run("Activists called on the governor.")
    assert one(run("Activists called on the governor to pardon the two men."), "pardon").speech


def test_a_second_verb_of_saying_hung_in_the_first_ones_clause_is_the_same_speakers(run):
    # the parse hangs "added" on "reached": the virus added nothing, Salama did
    quotes = run("Dr. Ines Salama said that the virus had reached the city and added that more aid was needed.")
    assert one(quotes, "reached the city").text == "that the virus had reached the city"
    assert spoken_by(one(quotes, "more aid")) == "Ines Salama"
    # a second "that" clause, or one with its own subject, is still the first verb's content
    both = run("Ann Lowe also said the photos were unclear and that the pictures did not show a boat.")
    assert "did not show a boat" in one(both, "unclear").text


def test_a_verb_of_saying_with_its_subject_after_it_ends_the_sentence_it_reports(run):
    # the parse joins "said" to the sentence as a second verb; it reports what comes before
    quotes = run("In nearby Alton, the old mill is holding out, but it is under heavy strain from "
                 "rivals, said the firm's chief executive, Jon Ferris.")
    said = one(quotes, "holding out")
    assert said.speech and spoken_by(said) == "Jon Ferris"
    assert not run("Roe left the hall early and said nothing.")


def test_asked_if_is_the_question_asked(run):
    q = one(run("Then Mr. Ivo Rubin asked the pupils if they were ever this quiet."), "quiet")
    assert q.text == "if they were ever this quiet" and q.speech and spoken_by(q) == "Ivo Rubin"
    # a condition on asking for something is no question
    assert not any("police wanted" in q.text for q in run("He asked for a lawyer if the police wanted to question him."))


def test_a_quote_after_telling_reporters_is_not_the_first_verbs_object(run):
    quotes = run("Roe's campaign shrugged off the comments, telling reporters, “Nobody on the team ever asked for it.”")
    words = one(quotes, "Nobody on the team")
    assert words.speech and words.kind == "direct" and spoken_by(words) == "Roe's campaign"
    assert one(quotes, "the comments").text == "the comments"


@pytest.mark.parametrize("text,words,speaker", [
    # the parse makes the name the subject of a later clause, and that clause a second content
    ("‘You can’t drink lithium,’ said Hannah Birch, the retired teacher who has become the face of "
     "the Save Alder Creek Coalition, and the hall erupted.", "drink lithium", "Hannah Birch"),
    ("Hana Birk, spokeswoman for the Save Alder Creek Coalition (SACC), drew the loudest response of "
     "the night. \"You can't drink lithium,\" she said, as many in the audience rose to their feet. "
     "She said the coalition had collected 3,000 signatures.", "drink lithium", "Hana Birk"),
])
def test_the_quote_just_before_its_verb_is_what_was_said(run, text, words, speaker):
    quotes = run(text)
    q = one(quotes, words)
    assert q.kind == "direct" and q.speech
    if speaker:
        assert spoken_by(q) == speaker
    assert not any(q.speech and ("erupted" in q.text or "rose to their feet" in q.text) for q in quotes)


def test_who_after_a_body_named_in_a_phrase_is_the_person(run):
    quotes = run("One investor in the company, who asked not to be named, said the firm had enough cash.")
    assert spoken_by(one(quotes, "not to be named")) == "One investor in the company"


@pytest.mark.parametrize("text, speaker", [
    ("I ignore the commenters on blogs who keep telling me that the vote was rigged.",
     "the commenters on blogs"),
    ("The workers at the plant, who told reporters that the line would close, left early.",
     "The workers at the plant"),
    # a person named in the phrase stays the one "who" stands for
    ("The children of Ann Roe, who said the deal was dead, sold their shares.", "Ann Roe"),
])
def test_who_after_people_and_a_place_or_thing_is_the_people(run, text, speaker):
    spoken = [q for q in run(text) if q.speech]
    assert len(spoken) == 1 and spoken_by(spoken[0]) == speaker


@pytest.mark.parametrize("word", ["answered", "exclaimed", "bragged", "objected", "protested", "slammed",
                                  "begged", "rebutted"])
def test_more_verbs_of_saying(word):
    from slant.analyze.quotes.cues import is_speech_cue

    assert is_speech_cue(word)


def test_an_answer_with_a_slogan_is_speech(run):
    q = one(run("Hana Birk answered the figures with a bumper sticker: “You can’t drink lithium.” "
                "Her supporters cheered."), "drink lithium")
    assert q.speech and spoken_by(q) == "Hana Birk"


def test_whom_something_is_said_of_is_not_its_speaker(run):
    q = one(run("The senator is said to favour the plan."), "favour the plan")
    assert q.speaker is None
    assert spoken_by(one(run("Ann Roe was quoted as saying the plan failed."), "plan failed")) == "Ann Roe"


def test_admitted_in_the_passive_is_let_in_not_confessed(run):
    quotes = run("No amount of spin can hide what is happening in the Guild: known "
                 "cheats are being admitted to the Grand Lodge without a change of heart.")
    assert not any(q.speech and q.cue is not None and q.cue.text == "admitted" for q in quotes)


@pytest.mark.parametrize(("text", "words"), [
    ("The mayor was blunt: “We will not pay,” she said.", "“We will not pay,”"),
    ("In this interview, Tom Velm told how his plea for a sign was answered: “If you want "
     "me to build, send me a plain sign,” Velm recalls saying.",
     "“If you want me to build, send me a plain sign,”"),
])
def test_a_lead_in_before_a_colon_is_not_part_of_the_quote_after_it(run, text, words):
    q = one(run(text), words)
    assert q.text == words and q.kind == "direct"


@pytest.mark.parametrize("text", ["Roe left the hall early and said nothing.",
                                  "At the meeting the mayor said very little."])
def test_saying_nothing_is_no_quote(run, text):
    assert not any(q.speech for q in run(text))


def test_according_to_a_nature_or_a_will_is_no_source(run):
    assert not run("The ferrymen must work according to the nature and customs of their Guild.")
    q = one(run("According to the report, the wall will be finished in May."), "finished in May")
    assert q.speech


def test_nothing_says_nothing(run):
    quotes = run("There are no oaths of loyalty, nothing asking the members to sign it or "
                 "repeat any of the pledges.")
    assert not any(q.speech for q in quotes)


def test_cannot_bring_oneself_to_say_is_no_speech(run):
    q = one(run("Even now Ann Roe still cannot bring herself to say that he cheated."), "he cheated")
    assert not q.speech


def test_the_object_of_accusing_is_the_accused_not_the_speaker(run):
    q = one(run("Four women came forward, accusing Osk Tarrant of sexual assault."), "assault")
    assert spoken_by(q) == "Four women"


def test_a_stray_mark_after_a_colon_is_no_quote_the_next_line_is():
    text = ("Roe himself said it best, tweeting late last night:”.\n@ Ann_Vale, don’t watch me, "
            "watch the harbour that is sinking.\nThe council met.")
    quotes = quotes_of(text)
    assert not [q for q in quotes if not any(ch.isalnum() for ch in q.text)]
    q = one(quotes, "watch the harbour")
    assert q.speaker is not None and q.speaker.name == "Roe"


@pytest.mark.parametrize("text", [
    "The founders warned of it in 1820. They said that. They wrote it down!",
    "Ann Roe denied the charge, but the mayor said it.",
])
def test_a_pronoun_for_words_given_elsewhere_is_no_speech(text):
    assert not [q for q in quotes_of(text) if q.speech and q.text.strip(" .,!?").lower() in ("that", "it")]
