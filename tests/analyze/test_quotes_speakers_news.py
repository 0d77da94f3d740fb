"""Speaker rules for the shapes real news takes: pronouns that resolve only to a compatible
antecedent, roles qualified by a place, apposed names, nested reports, documents, and speech
verbs used in another sense. One test per rule, on short sentences written for these tests
(every person named here is invented; places are real so the parser knows them as places)."""

from __future__ import annotations

import pytest
from quote_helpers import one, quotes_of

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def run():
    return quotes_of


def speaker_name(quotes, containing: str) -> str | None:
    q = one(quotes, containing)
    return q.speaker.name if q.speaker is not None else None


# --- a role with a place keeps the role -------------------------------------------------------

def test_a_role_qualified_by_a_place_is_the_role_not_the_place(run):
    quotes = run("A district judge in Oregon has ordered fresh hearings, saying the constitution "
                 "protects the tenants.")
    name = speaker_name(quotes, "constitution")
    assert name is not None and name != "Oregon"
    assert "judge" in name


def test_an_indefinite_role_is_someone_new_not_the_holder_named_before(run):
    quotes = run("Judge Patti Varnell ruled on the case last week.\n"
                 "A district judge in Oregon has ordered fresh hearings, saying the constitution "
                 "protects the tenants.")
    assert speaker_name(quotes, "constitution") not in ("Patti Varnell", "Oregon")


def test_a_relative_pronoun_after_a_place_qualified_noun_is_the_apposed_name(run):
    quotes = run("Douglas Harrow, a Nevada farmer who says he sold the fireworks, was detained "
                 "on Friday.")
    assert speaker_name(quotes, "sold the fireworks") == "Douglas Harrow"


def test_a_name_in_apposition_speaks_rather_than_the_possessor(run):
    quotes = run("Omar Kessel's business partner, Rashid Tellmann, told reporters that the land "
                 "deal was legal.")
    assert speaker_name(quotes, "land deal") == "Rashid Tellmann"


# --- pronouns resolve only to a compatible antecedent -------------------------------------------

def test_it_is_the_organisation_that_spoke_not_a_place_named_since(run):
    text = ("The World Health Organization said laboratory tests in Congo confirmed the virus "
            "in two samples. “We are working closely with the government to scale up our "
            "operations,” it said in a statement.")
    assert speaker_name(run(text), "scale up") == "World Health Organization"


def test_it_can_be_the_document_that_was_the_subject(run):
    text = ("The memo listed numerous violations of the security rules by the staff. “These "
            "clerks accessed files for departments that had not hired them,” it said.")
    name = speaker_name(run(text), "accessed files")
    assert name is not None and "memo" in name.lower()


def test_they_is_a_plural_subject_never_a_place(run):
    text = ("Many local farmers in Ohio oppose the new dam. They said the reservoir would "
            "flood their fields.")
    name = speaker_name(run(text), "flood their fields")
    assert name is not None and name != "Ohio" and "farmers" in name


def test_a_role_noun_gives_its_holder_a_gender(run):
    text = ("Mary Lowell opened her bakery in May, and her sales have doubled since.\n"
            "A spokeswoman for the council, Ann Strand, spoke after the vote on Tuesday evening, "
            "when the members had argued for three hours about the new parking rules and the "
            "fees for the market stalls. “The deadline stands,” she said of Mary Lowell's appeal.")
    assert speaker_name(run(text), "deadline stands") == "Ann Strand"


def test_he_after_an_indirect_report_is_the_reporter_not_the_person_reported_on(run):
    text = ("Mr Gonzales, the defense attorney, said Jose Arrieta found the gun at the pier. "
            "He said it was hidden in a sack.")
    assert speaker_name(run(text), "hidden in a sack") == "Gonzales"


def test_the_one_who_revealed_is_the_subject_of_the_copula(run):
    quotes = run("Ms Speller was the one who revealed that the House had paid out fifteen "
                 "million dollars.")
    name = speaker_name(quotes, "paid out")
    assert name is not None and "Speller" in name


def test_a_title_before_a_name_gives_the_name(run):
    quotes = run("“The permits only run a season, although they can be extended,” said Sgt. Eric "
                 "Pasconi, who leads the unit.")
    name = speaker_name(quotes, "permits only run")
    assert name is not None and "Pasconi" in name


# --- nested reports ---------------------------------------------------------------------------

def test_an_agent_asking_the_question_is_not_the_one_answering(run):
    quotes = run("Even while apologising, the bishop had stood firm when pressed about it by "
                 "reporters, saying, “I have not seen any victims, because they have not come "
                 "forward.”")
    assert speaker_name(quotes, "seen any victims") == "the bishop"


# --- documents and non-agents -------------------------------------------------------------------

def test_a_document_is_not_issued_by_whom_its_own_clause_mentions(run):
    quotes = run("A statement criticising Pope Leo's letter said the reading was "
                 "“alien to the faith” and must be withdrawn.")
    q = one(quotes, "alien to the faith")
    assert q.speaker is None or q.speaker.name != "Pope Leo"


def test_a_state_of_affairs_after_this_is_not_a_speaker(run):
    quotes = run("This blatant hypocrisy reveals their intention to pander to the extremists.")
    assert all(q.speaker is None or "hypocrisy" not in q.speaker.name for q in quotes)


def test_an_error_that_reveals_something_is_not_a_speaker(run):
    quotes = run("A filing error last week revealed that the harbour board had quietly "
                 "brought charges against the mayor.")
    assert all(q.speaker is None or "error" not in q.speaker.name for q in quotes)


def test_the_subject_of_a_passive_denial_is_not_the_speaker(run):
    quotes = run("Their first motions to appeal were denied for want of any basis in the rules or "
                 "any new facts in the country they are being sent back to.")
    assert all(q.speaker is None or "motions" not in q.speaker.name for q in quotes)


# --- speech verbs in another sense --------------------------------------------------------------

def test_called_someone_is_a_phone_call_not_speech(run):
    quotes = run("Mr Penrose called the school principal and complained about the packet.")
    assert not any(q.speech and q.cue is not None and q.cue.text == "called" for q in quotes)


def test_called_before_a_title_names_it(run):
    quotes = run("They drew up a document called “The Declaration of Independence.”")
    q = one(quotes, "Declaration")
    assert q.kind == "term" and q.speaker is None and q.speech is False


def test_admit_someone_is_letting_them_in(run):
    quotes = run("The only case in which a curator could admit a visitor staying in a nearby town "
                 "to enter the archive is that of a scholar who works there as a guide.")
    assert not any(q.speech and q.cue is not None and q.cue.text == "admit" for q in quotes)


def test_a_quote_after_is_is_the_narrators_predicate(run):
    quotes = run("Newcomers ask why Rotary is “a worthy club in itself” if that is so.")
    q = one(quotes, "worthy club")
    assert q.speaker is None or q.speaker.name != "Rotary"


def test_called_for_and_called_something_a_name_stay_speech(run):
    quotes = run("Senator Ada Brill called for an inquiry into the contracts.")
    assert any(q.speech and q.cue is not None and q.cue.text.startswith("called") for q in quotes)
    quotes = run("Senator Ada Brill called the ruling “a disgrace to the court” on Monday.")
    q = one(quotes, "disgrace")
    assert q.speech and q.speaker is not None and q.speaker.name == "Ada Brill"


def test_a_name_someone_has_called_something_is_their_speech(run):
    quotes = run("Hannah Birch of the river coalition, which Ray Tillmore has called “a front for "
                 "city environmentalists,” said the board had listened.")
    q = one(quotes, "a front for")
    assert q.kind == "direct" and q.speaker is not None and q.speaker.name == "Ray Tillmore"


def test_a_document_released_by_someone_at_an_organisation_is_the_organisation_s(run):
    quotes = run("Pumping groundwater could lower the water table by several metres, according to "
                 "a study released on Thursday by a hydrologist at Wrenmoor State University.")
    name = speaker_name(quotes, "water table")
    assert name is not None and "Wrenmoor State University" in name


# --- a verb after a closed quote with words of its own reports those words ---------------------

def test_a_verb_going_on_to_its_own_clause_is_no_trailing_cue(run):
    quotes = run("The complaint cites one worksheet: “If every one of the farmers had kept the rules, "
                 "think of how rich they would have become.” Another worksheet asks pupils to "
                 "imagine that people rode dragons.")
    assert speaker_name(quotes, "farmers") != "Another worksheet"
    # set off by a comma, the clause after the verb is no obstacle
    quotes = run("“Every time you say that,” Tom Brenner said, referring to the excuse, “you make "
                 "it worse.”")
    assert speaker_name(quotes, "Every time") == "Tom Brenner"


@pytest.mark.parametrize(("text", "words", "speech"), [
    # the words in marks are someone's, but "wanted" reports no one saying them
    ("Ann Roe wanted “to know everything we are doing.”", "to know everything", False),
    ("Ann Roe said “we know everything they are doing” about the plant.", "we know everything", True),
    # quoted words before their verb are the subject's, whatever the verb
    ("“We will win the vote next week,” Ann Roe continued.", "We will win", True),
    ("“We will win the vote next week,” Ann Roe laughed.", "We will win", True),
    # a participle of inference after a deed is the narrator's inference ...
    ("Tom Brenner ordered a burger, a bagel and two drinks, suggesting that another person was "
     "eating with him.", "another person", False),
    # ... but after a verb of saying it is the speaker's
    ("Ann Roe tweeted a photo of the gate, suggesting that the plant was closed.",
     "the plant was closed", True),
])
def test_speech_needs_a_verb_of_saying(run, text: str, words: str, speech: bool):
    assert one(run(text), words).speech is speech


def test_a_title_in_quote_marks_is_a_term_not_the_last_speaker_s_words(run):
    quotes = run("Ann Roe said the plan was a lie. She wrote a column. “Argentine Farmers Who "
                 "Tried to Meet with the Minister…” The story ran on Monday.")
    q = one(quotes, "Argentine Farmers")
    assert q.kind == "term" and q.speaker is None


def test_shouted_words_in_capitals_are_no_title(run):
    quotes = run("Ann Roe said the plan failed. “WE WILL NEVER EVER GIVE UP ON THIS TOWN”")
    q = one(quotes, "WE WILL NEVER")
    assert q.kind == "direct" and q.speaker is not None and q.speaker.name == "Ann Roe"


@pytest.mark.parametrize(("text", "words", "name"), [
    # of two subjects before the verb, the nearer speaks (the parse took the quoted word
    # for a second subject)
    ('Tom Haig heard about it the following day. "Disgust," Haig said of his feeling.',
     "Disgust", "Tom Haig"),
    # a former member is the role, not the organisation; a serving official is the latter
    ("A former Google engineer said the plan failed.", "plan failed", "A former Google engineer"),
    ("An FBI official said the plan would work.", "would work", "FBI"),
    # a quote after a relayed one goes on in the speaker's words, not the outlet's
    ('The mayor warned residents on Monday.\n"I did what was right for my town," Ann Roe said '
     'Friday, according to Channel Nine News.\n"People should be able to walk home safely."',
     "People should", "Ann Roe"),
])
def test_who_speaks_in_news_shapes(run, text: str, words: str, name: str):
    assert speaker_name(run(text), words) == name
