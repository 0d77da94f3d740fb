"""What a quote's content gives: the speaker's words, or only the topic of a speech act
("denied the accusations"), which is in the narrator's words. Texts written for these tests."""

from __future__ import annotations

import pytest
from quote_helpers import one, quotes_of

from slant.models import Quote, Speaker, gives_words, is_reported_speech
from slant.voice import voiced_techniques


@pytest.mark.parametrize(("text", "content"), [
    ("Senator Vell denied the accusations on Monday.", "the accusations"),
    ("The mayor talked about the flood at length.", "the flood"),
    ("Councillor Abe called for an inquiry into the deaths.", "an inquiry into the deaths"),
    ("Dr Rona Pike praised the new budget.", "the new budget"),
])
def test_a_noun_phrase_is_only_the_topic(text, content):
    q = one(quotes_of(text), content)
    assert is_reported_speech(q) and q.speaker is not None
    assert q.content == "topic" and not gives_words(q)


@pytest.mark.parametrize(("text", "content"), [
    ("Senator Vell said the plan had failed.", "the plan had failed"),
    ("Senator Vell called the verdict a travesty.", "travesty"),
    ("Dr Rona Pike described the budget as reckless.", "reckless"),
    ("Councillor Abe denied having met the developer.", "having met the developer"),
    ('Senator Vell said: "The plan is dead."', "The plan is dead"),
    ("According to the mayor, the road will stay closed.", "the road will stay closed"),
])
def test_a_clause_quoted_words_or_what_they_called_it_are_words(text, content):
    q = one(quotes_of(text), content)
    assert is_reported_speech(q)
    assert q.content == "words" and gives_words(q)


def test_a_loaded_word_in_a_topic_is_the_narrators_own():
    text = "Senator Vell denied the vile smears of her rivals. She said the vote was rigged."
    topic = one(quotes_of(text), "smears")
    words = one(quotes_of(text), "rigged")
    assert (topic.content, words.content) == ("topic", "words")
    spans = [_span(text, "vile smears"), _span(text, "rigged")]
    smear, rigged = voiced_techniques(text, spans, [topic, words])
    assert smear.voice == "narrator" and smear.quote_index is None
    assert rigged.voice == "quoted" and rigged.quote_index == 1


def test_an_old_record_without_content_reads_as_words():
    q = Quote.model_validate({"start": 0, "end": 5, "text": "words", "kind": "indirect",
                              "speaker": Speaker(name="A", start=0, end=1, text="A").model_dump()})
    assert q.content == "words"


def _span(text: str, phrase: str):
    from slant.models import TechniqueSpan

    a = text.index(phrase)
    return TechniqueSpan(technique="Loaded_Language", start=a, end=a + len(phrase), text=phrase,
                         score=0.7)


@pytest.mark.parametrize(("text", "words", "narrators"), [
    ("Health officials said no one in Tarn is safe, sparking fears of a pandemic.",
     "no one in Tarn is safe", "sparking"),
    ("Arnold asserted that Tarn is a country, linking to a page of its website.",
     "that Tarn is a country", "linking"),
    ("Vell said the board had never met, which is not true.", "the board had never met",
     "which is not true"),
    ("Ola Brin said he would fight them to the end, referring to the harbour board.",
     "he would fight them to the end", "referring"),
    ("Roe insists she never agreed to have her memo to the board published and yet, it was.",
     "she never agreed to have her memo to the board published", "yet"),
    ("Now Velm splits hairs. He claims the word 'deadline' is a “mistake,” before then defending the "
     "contract's end dates.", "the word 'deadline' is a “mistake,”", "defending"),
    ("Velm said the board had never met, which was a lie.", "the board had never met", "lie"),
    ("Cardinal Hollis to John Barker: \"The Decree Binds No One\" (Now what?)\nGiven that the bishop "
     "has since tried to act, we wait.", "\"The Decree Binds No One\"", "Now what"),
])
def test_the_narrators_gloss_after_reported_words_is_not_part_of_them(text, words, narrators):
    q = one(quotes_of(text), words)
    assert q.text == words and narrators not in q.text


def test_the_source_the_narrator_had_it_from_is_not_the_words():
    text = ("The driver, Tom Velm, said the officer also kicked his door while writing the ticket, according "
            "to reports by the Courier.")
    q = next(q for q in quotes_of(text) if q.cue is not None and q.cue.text == "said")
    assert q.text == "the officer also kicked his door while writing the ticket"


@pytest.mark.parametrize(("text", "words"), [
    # the speaker's own prediction of an effect, and a "which" that is not a verdict
    ("Officials said the storm would hit Tuesday, bringing heavy rain.",
     "the storm would hit Tuesday, bringing heavy rain"),
    ("Vell said the plan was sound, which was true of the first draft.",
     "the plan was sound, which was true of the first draft"),
])
def test_the_speakers_own_clause_stays(text, words):
    assert one(quotes_of(text), "the").text == words


def test_what_she_says_is_leaves_her_words():
    text = "Ms Lane blames the board for circulating what she says is a wrong picture of the plan."
    [q] = [q for q in quotes_of(text) if q.cue is not None and q.cue.text == "says"]
    assert q.text == "a wrong picture of the plan" and q.content == "words"
    assert q.speaker is not None and q.speaker.name == "Ms Lane"


def test_a_relative_clause_holding_the_cue_gives_the_words_after_it():
    text = "Ola Brin kept the letters, which he said he meant to read only to his sister."
    [q] = [q for q in quotes_of(text) if q.cue is not None and q.cue.text == "said"]
    assert q.text == "he meant to read only to his sister"


@pytest.mark.parametrize(("text", "words"), [
    ('The harbour board reports that 864 boats "remain at large" in the bay -- an indeterminate '
     "number of which may have been tipped off by the mayor.", 'that 864 boats "remain at large" in the bay'),
    ("She went on to admit the aim of the scheme, including a confirmation that one payment "
     "amounted to a “quiet gift”—something that might raise red flags.",
     "a “quiet gift”"),
])
def test_a_dash_and_the_narrators_comment_after_the_words_are_cut(text, words):
    q = one(quotes_of(text), words)
    assert q.text.endswith(words.split()[-1]) and "flags" not in q.text and "tipped" not in q.text


def test_a_dash_before_the_speakers_own_point_stays():
    assert one(quotes_of("Ola Brin said he wants one thing — a win."), "one thing").text.endswith("a win")


def test_a_relative_clause_set_off_by_commas_ends_at_its_comma():
    text = "The concerns, which the board says can be tied to the harbour party, center on dates on forms."
    [q] = [q for q in quotes_of(text) if q.cue is not None and q.cue.text == "says"]
    assert q.text == "can be tied to the harbour party"


def test_a_term_in_single_marks_inside_a_topic_leaves_a_topic():
    q = one(quotes_of("Ann Roe kept mentioning the ‘harbour question’ at every meeting."), "harbour question")
    assert q.content == "topic"
    # double marks may hold the speaker's own word, and a label is what they called it
    assert one(quotes_of("Ann Roe called the levy a “disaster” on Monday."), "disaster").content == "words"


@pytest.mark.parametrize(("text", "topic"), [
    ("Ann Roe denied any role in the matters described in that letter, which was first printed by the "
     "Gazette.", "any role in the matters described in that letter"),
    ("Velm once wrote a pamphlet about the dock strike which was an utter hoax.", "a pamphlet about the dock strike"),
])
def test_the_narrators_aside_after_a_topic_is_cut(text, topic):
    q = one(quotes_of(text), topic)
    assert q.content == "topic" and q.text == topic


def test_a_dash_aside_inside_the_words_stays():
    q = one(quotes_of("Mayor Lena Ortiz said the budget -- a claim she repeated often -- was balanced."),
            "the budget")
    assert q.text.endswith("was balanced") and q.content == "words"


@pytest.mark.parametrize(("text", "cue", "words"), [
    # a fronted phrase before a set-in cue
    ("After a review, Velm said, the inspectors learned that the crane had failed at noon.", "said",
     "the inspectors learned that the crane had failed at noon"),
    # another source the narrator cites
    ("According to the Courier, the ferry service will not survive another strike, a union leader has "
     "warned.", "warned", "the ferry service will not survive another strike"),
    # a dateline
    ("Bishop backs petition\nTARNBY, March 4, 2019 (HarbourNews) —Bishop Ann Velm today signed the harbour "
     "petition, bringing the count to twelve, HarbourNews has confirmed.", "confirmed",
     "Bishop Ann Velm today signed the harbour petition, bringing the count to twelve"),
])
def test_the_narrators_lead_in_is_not_the_words(text, cue, words):
    q = next(q for q in quotes_of(text) if q.cue is not None and q.cue.text == cue)
    assert q.text == words


def test_a_verdict_with_an_aside_after_the_words_is_cut():
    q = one(quotes_of("The examiner, according to the Courier, marked Velm down because \"Tarn is a river; "
                      "not a lake,\" which, again, is incorrect, to be clear."), "river")
    assert q.text.endswith("not a lake,\"")


def test_a_relative_pronoun_alone_is_no_topic():
    quotes = quotes_of("The “support” from members which she called for could take many forms.")
    assert not any(q.text == "which" for q in quotes)


@pytest.mark.parametrize(("text", "topic"), [
    ("The guild joined the harbour board in a dredging scheme announced by Ann Roe.", "a dredging scheme"),
    ("Odd things are being said by senior ministers of both countries.", "Odd things"),
])
def test_a_passive_cue_and_its_agent_are_not_the_words(text, topic):
    q = next(q for q in quotes_of(text) if q.text.startswith(topic.split()[0]))
    assert q.text == topic


def test_whom_a_paper_cited_as_saying_is_not_the_words():
    quotes = quotes_of("The Courier cited three dock workers as saying the crane had failed twice before.")
    q = next(q for q in quotes if q.cue is not None and q.cue.text == "cited")
    assert q.text == "the crane had failed twice before"
