"""The frame around a cue and the agreement of a pronoun decide who spoke: the one a verb
of criticism targets said what it is criticised for, a hypothetical or denied cue reports
no speech, a pronoun is not its own verb's object, "who" is no place, "they" no thing and
"we" the writers, and a quote the next words give to someone else does not go on with the
last speaker. Short sentences written for these tests; every person named here is
invented."""

from __future__ import annotations

import pytest
from quote_helpers import one, quotes_of

pytestmark = pytest.mark.slow


def speaker_name(quotes, containing: str) -> str | None:
    q = one(quotes, containing)
    return q.speaker.name if q.speaker is not None else None


def cued(quotes, cue: str):
    return next(q for q in quotes if q.cue is not None and q.cue.text == cue)


def test_the_one_criticised_for_saying_it_said_it():
    quotes = quotes_of("The Harrow Valley League condemned Askel Moray for saying that the vote "
                       "was rigged.")
    assert cued(quotes, "saying").speaker.name == "Askel Moray"
    quotes = quotes_of("Senator Tovin Hale praised Marit Oskarsen for noting that the river "
                       "had dried up.")
    assert cued(quotes, "noting").speaker.name == "Marit Oskarsen"


def test_the_critic_still_speaks_in_the_participle():
    quotes = quotes_of("Senator Tovin Hale attacked Marit Oskarsen on Tuesday, saying her plan "
                       "would ruin the valley.")
    assert speaker_name(quotes, "ruin the valley") == "Tovin Hale"


@pytest.mark.parametrize("text, words", [
    ("If someone asks why the plant closed, they might say that the market moved.", "market moved"),
    ("Askel Moray might say that the vote was rigged in the north.", "vote was rigged"),
    ("I don't think he could say that the vote was rigged in the north.", "vote was rigged"),
    ("No editorial note was attached to say that the story had changed.", "story had changed"),
    ("Asked if the Harrow Valley League had told him that the mine was closed, Askel Moray "
     "said nothing.", "mine was closed"),
    ("Police may take the rifle without the owner committing a crime or even threatening to "
     "commit one.", "commit one"),
])
def test_a_hypothetical_or_denied_cue_is_no_speech(text, words):
    # the question itself ("Asked if …") was asked: only the words it asks about are checked
    q = one([q for q in quotes_of(text) if not q.text.startswith("if ")], words)
    assert not q.speech


@pytest.mark.parametrize("text, words", [
    ("Askel Moray said that the vote was rigged in the north.", "vote was rigged"),
    ("Askel Moray would later say that the vote was rigged in the north.", "vote was rigged"),
    ("I can say that the vote was rigged in the north.", "vote was rigged"),
    ("Askel Moray talked as if the vote was rigged, and said that the count was wrong.", "count was wrong"),
])
def test_a_real_cue_stays_speech(text, words):
    assert one(quotes_of(text), words).speech


def test_a_pronoun_is_no_name_its_own_clause_holds():
    quotes = quotes_of("Osk Tarnby met Phil Lowry in May. Like Lowry, he said the panel "
                       "achieved little.")
    assert speaker_name(quotes, "panel achieved") != "Phil Lowry"
    quotes = quotes_of("Rolf Tarnby was fired in November. He said he only gave the senator the "
                       "job because Tarnby was a donor during the race.")
    assert speaker_name(quotes, "only gave the senator") != "Rolf Tarnby"


def test_a_pronoun_is_not_the_object_of_its_own_verb():
    quotes = quotes_of("Noah and his sons left the ark. He told Noah, “You must fill the earth "
                       "with your children and their children.”")
    assert speaker_name(quotes, "fill the earth") != "Noah"
    quotes = quotes_of("Noah and his sons left the ark. He told his sons, “You must fill the "
                       "earth with your children and their children.”")
    assert speaker_name(quotes, "fill the earth") == "Noah"


def test_who_is_no_place():
    quotes = quotes_of("Israel, who called for the crucifixion of the prisoner, is guilty.")
    assert speaker_name(quotes, "crucifixion") != "Israel"


def test_they_is_no_thing():
    quotes = quotes_of("The Harrow Post ran the story. Such accusations are rare, and they noted "
                       "that the accusers were credible.")
    assert "accusations" not in (speaker_name(quotes, "accusers were credible") or "")


def test_we_in_the_narrators_sentence_is_the_writers():
    quotes = quotes_of("Askel Moray founded Brightvein Minerals in 2004. We said last year that "
                       "the market had moved against the company.")
    assert speaker_name(quotes, "market had moved") == "We"


def test_a_quote_the_next_words_give_to_someone_else_is_not_the_last_speakers():
    text = ("“They do not work in counterintelligence,” said Tovin Hale, who charged that the "
            "agency lied. “How did the director read the memo before it was sent?” Rep. "
            "Marit Oskarsen wanted to know.")
    assert speaker_name(quotes_of(text), "How did the director") != "Tovin Hale"
    text = ("“The plan is sound,” said Tovin Hale on Monday. “We will see it through to the "
            "end.” Hale then left the room.")
    assert speaker_name(quotes_of(text), "see it through") == "Tovin Hale"


def test_a_document_speaks_for_its_paper_not_its_country():
    quotes = quotes_of("After the speech, a UK Harrow Gazette report said, “The minister has "
                       "mixed up the question of the levy with the look of the bridge.”")
    assert speaker_name(quotes, "mixed up the question") == "Harrow Gazette"


def test_neither_subject_reports_no_speech():
    quotes = quotes_of("Neither Arbenz nor any other official had ever attacked the country or "
                       "even threatened to do so.")
    assert not one(quotes, "to do so").speech


def test_an_expletive_it_is_no_speaker():
    quotes = quotes_of("“There are two points to weigh,” Tovin Sasser said. It’s fair to say "
                       "that our side is very confident on the first point.")
    assert speaker_name(quotes, "very confident") is None


def test_it_in_a_subordinate_clause_is_the_thing_its_clause_hangs_from():
    quotes = quotes_of("Harrow College published the English text in May. The Latin version has "
                       "darker overtones than the English text because it suggests that idleness "
                       "is pleasing to the saints.")
    assert speaker_name(quotes, "idleness") == "The Latin version"


def test_a_role_is_not_the_pronoun_set_into_its_own_clause():
    quotes = quotes_of("Marit Oskarsen sued the brothers in May. The only builder she could pay, "
                       "she claimed, was a roofer who had been fined.")
    assert speaker_name(quotes, "a roofer") == "Marit Oskarsen"
    quotes = quotes_of("The wife of the farmer hid in the barn as she called the police to "
                       "report that her husband had wrecked the boat.")
    # (the role with its short "of" phrase, which says whose wife)
    assert speaker_name(quotes, "her husband had wrecked") == "The wife of the farmer"


def test_a_passive_cue_with_no_subject_or_agent_has_no_speaker():
    quotes = quotes_of("As has been widely reported, three wardens in Harrow issued a declaration "
                       "of rules on fishing.")
    assert speaker_name(quotes, "three wardens") is None
    quotes = quotes_of("We reached out to the Harrow Alliance and were told that its board is not "
                       "yet prepared to issue a reply.")
    assert speaker_name(quotes, "board is not yet") is None
    quotes = quotes_of("Askel Moray was quoted as saying that the plan had failed.")
    assert speaker_name(quotes, "plan had failed") == "Askel Moray"


def test_someone_the_narrator_brings_in_without_a_name_is_the_pronoun():
    quotes = quotes_of("Askel Moray wrote the book of proverbs. Last month, I had a woman come over "
                       "to me at my stall in Harrow. She said that the papers really mocked me.")
    assert speaker_name(quotes, "papers really mocked") == "a woman"


def test_speech_seen_under_a_modal_nowhere_or_as_it_sounds_is_no_speech():
    quotes = quotes_of("Nowhere in the charter can you find the King telling His subjects to bow "
                       "to the bankers.")
    assert not one(quotes, "bow to the bankers").speech
    quotes = quotes_of("At the hearing I heard Askel Moray say that the plant would close.")
    assert one(quotes, "plant would close").speech
    quotes = quotes_of("You will never hear Askel Moray say that the vote was rigged in the north.")
    assert not one(quotes, "vote was rigged").speech
    quotes = quotes_of("Nowhere did he suggest that the plan would make us comfortable.")
    assert not one(quotes, "make us comfortable").speech
    quotes = quotes_of("At the 2:14 point of the video you can plainly hear a woman's voice "
                       "yelling, “We have a fire at the depot right now.”")
    assert one(quotes, "fire at the depot").speech
    quotes = quotes_of("To the neighbours, it sounds like he is saying, “What gives you the right? I do "
                       "not owe you any answer.”")
    assert not one(quotes, "What gives you").speech
    quotes = quotes_of("Askel Moray said it felt like the harbour was sinking.")
    assert one(quotes, "harbour was sinking").speech


def test_they_say_opening_a_sentence_with_no_one_before_is_the_idiom():
    quotes = quotes_of("The Harrow Post sued the Nazis in 1998. The library was quiet for years "
                       "after that. In the library, silence is golden. They say you shouldn't ring "
                       "the bell in a quiet chapel just to get a laugh.")
    assert speaker_name(quotes, "ring the bell") is None
    quotes = quotes_of("But Mr. Velm and Mr. Roe say other fixes are needed. The levy, "
                       "which was set up in 1990, has grown well past its first purpose, "
                       "they say.")
    assert speaker_name(quotes, "grown well past") is not None


def test_words_a_scripture_reference_follows_are_the_books():
    quotes = quotes_of("The mayor will ignore this plea, as he has ignored the others who have questioned him. "
                       "“Blessed are the peacemakers.” (Matthew 5:9) Jesus said, “Love your enemies.” "
                       "(Matthew 5:44)")
    assert one(quotes, "peacemakers").speaker.name == "Matthew 5:9"
    assert one(quotes, "your enemies").speaker.name == "Jesus"


@pytest.mark.parametrize("text, words", [
    ("As I wrote last spring, with the harbour board in mind, the board is a model of waste.", "model of waste"),
    ("I tell you plainly that the town will not forgive the council.", "will not forgive"),
    ("Earlier this week, we reported that the harbour board had never met.", "never met"),
    ("This further proves my point that the harbour board favours its friends.", "favours its friends"),
])
def test_the_narrators_own_first_person_is_its_voice_not_a_sources(text, words):
    # still speech (PolNeAR annotates it so), but its words are the outlet's own, and it is
    # no source's quote: reports and counts of quotes leave it out
    from slant.models import gives_words, is_reported_speech, narrators_own

    q = one(quotes_of(text), words)
    assert q.speech and narrators_own(q) and not gives_words(q) and not is_reported_speech(q)


def test_a_first_person_inside_someones_quote_or_in_quote_marks_gives_words():
    from slant.models import gives_words

    assert gives_words(one(quotes_of("“I told them no, and I said we would never sell,” Ann Roe said."),
                           "I told them"))
    from slant.models import is_reported_speech

    assert is_reported_speech(one(quotes_of("When my uncle brought up ghosts, I smiled and said, “I have never"
                                            " seen one.”"), "never seen one"))
    assert gives_words(one(quotes_of("When my uncle brought up ghosts, I smiled and said, “I have never seen "
                                     "one.”"), "never seen one"))
