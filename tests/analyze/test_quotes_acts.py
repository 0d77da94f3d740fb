"""Words no one said, and speaker phrases that end on a person: a cue that describes anyone
who would say such a thing ("someone writing about …", "would get away with saying …", "would
have to insist …"), a wish ("want X to start denouncing …"), a verb of saying whose object is
an act ("dismissed the case", "declared a state of emergency"), a text that "reads like"
something; "as she points out, …"; the person after a title NER took for a name or a body;
"Roe supporters" are not Roe. Short texts written for these tests; every person, group and
place named here is invented."""

from __future__ import annotations

import pytest
from quote_helpers import one, quotes_of

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def run():
    return quotes_of


@pytest.mark.parametrize(("text", "words"), [
    ("A councillor would get away with saying that the levy is unfair.", "the levy is unfair"),
    ("The warden would have to insist that the gates were locked.", "the gates were locked"),
    ("Someone writing about the harbour might call it a ruin.", "the harbour"),
    ("They want the clergy to start denouncing the smugglers.", "the smugglers"),
])
def test_words_anyone_would_say_are_not_speech(run, text, words):
    q = one(run(text), words)
    assert not q.speech


@pytest.mark.parametrize(("text", "words"), [
    ("He would later say that the levy was a mistake.", "the levy was a mistake"),
    ("Dara Velm was fired for saying that the levy is unfair.", "the levy is unfair"),
])
def test_reported_words_beside_those_shapes_stay_speech(run, text, words):
    q = one(run(text), words)
    assert q.speech


@pytest.mark.parametrize(("text", "words"), [
    ("Prosecutors dismissed the case against him.", "the case against him"),
    ("The governor declared a state of emergency.", "a state of emergency"),
    # a result posted, a price charged, a project called off, a thing withheld
    ("Roe won in Ardmore before Velm posted an overwhelming victory in Bexley.", "an overwhelming victory"),
    ("The club charged a $100,000 initiation fee.", "initiation fee"),
    ("Several firms have called off projects with him.", "projects with him"),
    ("Velm denied Roe a photograph on the stage.", "a photograph"),
    # a court's act
    ("The prosecutors, long since busy with other work, dismissed the old charge and freed Velm.",
     "the old charge"),
    # someone new set upon
    ("A stranger attacked a teenager outside the bakery on Friday.", "a teenager"),
    # a country attacking a place is at war
    ("Months later, Spain and Portugal attacked Morocco and seized its ports.", "Morocco"),
])
def test_a_verb_of_saying_whose_object_is_an_act_is_not_speech(run, text, words):
    q = one(run(text), words)
    assert not q.speech


@pytest.mark.parametrize(("text", "words"), [
    ("Ann Roe attacked Germany over its trade surplus.", "Germany"),
    ("Velm dismissed the charges as a smear.", "the charges"),
    ("Ann Roe attacked the senator over the levy.", "the senator"),
])
def test_the_same_verbs_said_of_people_stay_words(run, text, words):
    assert one(run(text), words).speech


def test_a_call_responded_to_is_not_the_officers_words(run):
    quotes = run("Police responded to a call from Ann Velm that her husband was drunk.")
    assert not any(q.speech and q.speaker is not None and q.speaker.name.lower() == "police" for q in quotes)


@pytest.mark.parametrize(("text", "words"), [
    ("She dismissed the lawsuit as a stunt.", "the lawsuit"),
    ("Velm posted a photo of the crowd.", "a photo of the crowd"),
    ("Velm charged that the mayor lied.", "the mayor lied"),
    ("Velm denied that she lied.", "she lied"),
    ("On Monday, Velm responded to the report that the levy was unfair.", "the levy was unfair"),
])
def test_what_was_said_of_an_act_stays_speech(run, text, words):
    q = one(run(text), words)
    assert q.speech


def test_a_text_that_reads_like_something_says_nothing(run):
    quotes = run("The memo reads like a pep talk for the crew: keep going!")
    assert not [q for q in quotes if q.speech]


def test_an_as_clause_with_a_particle_reports_the_sentence(run):
    q = one(run("As Dara Velm points out in a column, the tolls fell twice in May."), "the tolls")
    assert q.speech and q.text == "the tolls fell twice in May"
    assert q.speaker is not None and q.speaker.name == "Dara Velm"


def test_supporters_of_a_person_are_not_the_person(run):
    q = one(run("Osk supporters said the tolls were a scandal."), "the tolls")
    assert q.speaker is not None and q.speaker.name != "Osk"


def test_a_title_ner_took_for_a_name_gives_way_to_the_name_after_it():
    # NER reads "Velmar Supervisor" as a person on some sentences; the parse, built by hand
    import spacy
    from spacy.tokens import Doc

    from slant.analyze.quotes.apposed import phrase_entity
    from slant.models import Entity

    words = ["Velmar", "Supervisor", "of", "Elections", "Dara", "Osk", "said", "it", "."]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=[1, 6, 1, 2, 5, 3, 6, 6, 6],
              deps=["compound", "nsubj", "prep", "pobj", "compound", "appos", "ROOT", "dobj", "punct"],
              tags=["NNP", "NNP", "IN", "NNP", "NNP", "NNP", "VBD", "PRP", "."])
    title, person = Entity(name="Velmar Supervisor", type="PERSON"), Entity(name="Dara Osk", type="PERSON")
    found = [(0, 17, title), (doc[4].idx, doc[5].idx + 3, person)]
    assert phrase_entity(doc, doc[1], found) is person


def test_a_focus_word_on_the_possessor_is_not_part_of_the_speaker(run):
    q = one(run("Even the harbour board’s lawyer said the plan was sound."), "sound")
    assert q.speaker is not None and q.speaker.text == "the harbour board’s lawyer"


def test_a_rank_before_a_body_is_the_officials_not_the_bodys():
    from slant.analyze.entities import extract_entities
    from slant.analyze.parse import parse_text

    doc = parse_text("Senior World Health Organization (WHO) official Dara Osk said the outbreak was growing.")
    names = {e.name for e in extract_entities(doc)}
    assert "World Health Organization" in names and "Senior World Health Organization" not in names


def test_sources_in_a_body_are_not_the_body_its_officials_are(run):
    quotes = run("The mayor's plan angered the harbour master, two House sources said. White House officials "
                 "said the plan was sound.")
    assert one(quotes, "angered the harbour").speaker.name == "two House sources"
    assert one(quotes, "the plan was sound").speaker.name == "White House"


def test_so_called_stays_part_of_the_speaker(run):
    q = one(run("So-called superdelegates say the levy failed."), "the levy failed")
    assert q.speaker is not None and q.speaker.text == "So-called superdelegates"


@pytest.mark.parametrize("text", [
    "The storm led me to write my next book, “Harbour Days: A Memoir.”",
    "She wrote a book, “Harbour Days.”",
])
def test_a_quote_after_a_written_work_is_its_title(run, text):
    assert not [q for q in run(text) if q.speaker is not None or q.cue is not None]


def test_words_after_writing_in_a_work_stay_speech(run):
    q = one(run("Dara Velm wrote in a column, “The harbour is closed for good.”"), "The harbour")
    assert q.speech and q.speaker is not None and q.speaker.name == "Dara Velm"


def test_a_threat_keeps_its_condition(run):
    q = one(run("They vowed to block the levy if it came to a vote."), "to block")
    assert q.text == "to block the levy if it came to a vote"


def test_according_to_in_mid_sentence_ends_at_the_comma_after_its_source():
    # the parse the model gives one such sentence (the rest of it hung on the source as an
    # apposition), built by hand
    import spacy
    from spacy.tokens import Doc

    from slant.analyze.quotes.shapes import according_to

    words = ["The", "professor", ",", "according", "to", "the", "News", ",", "failed", "Osk", "because",
             "she", "lied", "."]
    heads = [1, 1, 1, 1, 3, 6, 4, 6, 9, 6, 12, 12, 3, 1]
    deps = ["det", "ROOT", "punct", "prep", "prep", "det", "pobj", "punct", "amod", "appos", "mark", "nsubj",
            "advcl", "punct"]
    tags = ["DT", "NN", ",", "VBG", "IN", "DT", "NNP", ",", "VBN", "NNP", "IN", "PRP", "VBD", "."]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, tags=tags)
    att = according_to(doc, doc[3])
    assert att is not None and doc.text[att.content[0]:att.content[1]].startswith("failed Osk because she lied")


def test_according_to_keeps_its_sources_relative_clause(run):
    q = one(run("The harbour fund is nearly empty, according to the board's own members, who spoke on Friday."),
            "The harbour fund")
    assert q.text == "The harbour fund is nearly empty"


def test_it_opening_a_sentence_under_a_later_verb_is_the_motion_before():
    # "It calls for a vote, adding …" with "calls" hung on "adding", after a sentence the
    # parse rooted on its subject; the parse, built by hand
    import spacy
    from spacy.tokens import Doc

    from slant.analyze.quotes.agreement import thing_before

    words = ["The", "motion", ",", "proposed", "by", "Osk", ".", "It", "calls", "for", "a", "vote", ",",
             "adding", "more", "."]
    heads = [1, 1, 1, 1, 3, 4, 1, 8, 13, 8, 11, 9, 13, 13, 13, 13]
    deps = ["det", "ROOT", "punct", "acl", "agent", "pobj", "punct", "nsubj", "ccomp", "prep", "det", "pobj",
            "punct", "ROOT", "dobj", "punct"]
    tags = ["DT", "NN", ",", "VBN", "IN", "NNP", ".", "PRP", "VBZ", "IN", "DT", "NN", ",", "VBG", "JJR", "."]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, tags=tags)
    assert thing_before(doc[7], doc.text) == "The motion"


def test_a_quote_after_a_preposition_in_mid_sentence_continues_no_one(run):
    quotes = run("“Nobody saw the boat,” Osk told reporters. A harbour inquiry found Velm guilty and "
                 "fined him heavily for “neglect and greed.”")
    q = one(quotes, "neglect")
    assert q.speaker is None and not q.speech


def test_the_writers_imperative_is_not_speech(run):
    assert not [q for q in run("Note that the inquiry ended in 2011.") if q.speech]


def test_a_possessor_in_a_fronted_phrase_is_not_the_pronoun_after_it(run):
    q = one(run("Fishermen say Mayor Osk now sounds like the owners he once fought. Just listen to him. "
                "After answering a question about Velm’s harsh complaints, he replied flatly, “I will not "
                "discuss the harbour today.”"), "discuss the harbour")
    assert q.speaker is not None and q.speaker.name == "Osk"
    # nor anyone the fronted phrase names ("In an interview with Reyes's paper, he added")
    q = one(run("Thomas Velm, once head of the guild's legal office, warned the mayor that he had misled the "
                "town. In an interview yesterday with Tom Reyes’s Courier, he added, “Nobody should tie my "
                "letter to the guild.”"), "tie my letter")
    assert q.speaker is not None and q.speaker.name == "Thomas Velm"
    # with no one else who could be "he", the possessor
    q = one(run("Ann Roe met the mayor. After Dara Velm's speech, he said the plan was sound."), "the plan")
    assert q.speaker is not None and q.speaker.name == "Dara Velm"


@pytest.mark.parametrize(("text", "words", "name"), [
    # the person after a body's title, past its acronym
    ("Senior Velmora Health Agency (VHA) official Dara Osk said the outbreak was growing.",
     "the outbreak", "Dara Osk"),
    # a capitalised title with a person in apposition
    ("Former Speaker of the Assembly, Dara Velm, concurred with Osk, arguing that the levy had failed.",
     "the levy had failed", "Dara Velm"),
    # "It" after a sentence the parse rooted on its subject, the motion
    ("The anti-levy motion, tabled by Councillor Ann Osk and Councillor Dara Velm, passed with a clear "
     "majority on Monday. It calls for the ferry contract to be scrapped.", "the ferry contract", "The anti-levy motion"),
    # "the group", with several bodies in play, is the one its own sentence names
    ("The Velm Trust backed the levy on Monday. Osk Ferries opposed it. “The Velm League of Harbours "
     "registers its strong support for the levy,” the group wrote.", "registers", "Velm League of Harbours"),
], ids=["title-after-body", "title-in-apposition", "motion-as-root", "group-in-its-sentence"])
def test_the_speaker_phrase_names(run, text, words, name):
    q = one(run(text), words)
    assert q.speaker is not None and q.speaker.name == name


def test_she_after_a_titled_name_ner_missed_is_that_person(run):
    q = one(run("“The harbour is closed,” Ann Roe and Lee Doe wrote for the Courier. After several complaints, "
                "Police Chief U. Reneé Velm gave conflicting reasons on Monday for why she could not suspend "
                "the pilot. She told a harbour meeting that “the rules forbid me from acting.”"), "the rules")
    assert q.speaker is not None and q.speaker.name == "U. Reneé Velm"


def test_a_figure_or_an_address_after_a_colon_is_no_words(run):
    quotes = run("Results so far.\n\nPledged: 781.\n\nEMAIL: desk@example.org.")
    assert not [q for q in quotes if q.speech]


@pytest.mark.parametrize("text", [
    "Velm is a co-host of the Ledger's politics podcast “So, That Happened.”",
    "Velm bought the plane, according to his memoir ''The Lore of the Harbour.''",
])
def test_a_quote_right_after_a_work_is_its_title(run, text):
    assert not [q for q in run(text) if q.speech and q.cue is None]


@pytest.mark.parametrize(("text", "words"), [
    ("It's safe to say he is talking about the harbour.", "talking about the harbour"),
    ("It is fair to say that part of the cause here is the levy.", "part of the cause"),
    ("All told, up to 5 million people could be eligible.", "5 million people"),
])
def test_the_writers_hedge_is_not_speech(run, text, words):
    assert not [q for q in run(text) if q.speech and words in q.text]


def test_a_speaker_saying_a_hedge_still_speaks(run):
    q = one(run("Velm said it is fair to say the plan failed."), "it is fair to say")
    assert q.speech and q.speaker is not None and q.speaker.name == "Velm"


@pytest.mark.parametrize(("text", "words"), [
    ("After a dropped call that morning, the operator called the number back twice but got no answer.",
     "the number"),
    ("Omar Velm, the militia's commander, was reportedly behind, or involved in, multiples terrorist "
     "attacks on villagers and police since 1994.", "villagers and police"),
    ("In his report on Monday night, Orr then described the emails he obtained.", "Monday night"),
    ("Indeed, once the council discerns and labels the parts of the code that threaten the charter, "
     "any teaching of them must stop.", "the parts of the code"),
])
def test_a_phone_call_an_armed_attack_a_time_and_a_future_are_no_speech(run, text, words):
    q = one(run(text), words)
    assert not q.speech


def test_an_attack_in_words_stays_speech(run):
    q = one(run("Dara Velm has led attacks on the press for years."), "the press")
    assert q.speech


def test_a_canon_cited_by_its_abbreviation_is_no_speaker(run):
    for q in run("The case touched a bishop; according to can. 1405 it is reserved to the pope."):
        assert q.speaker is None or q.speaker.name.lower() != "can"


def test_a_name_that_is_also_a_modal_still_speaks(run):
    q = one(run("Prime Minister Theresa May said on Tuesday that her party would stay."), "party would stay")
    assert q.speaker is not None and q.speaker.name == "Theresa May"


def test_a_plea_entered_in_court_is_no_speech(run):
    q = one(run("Dara Velm, who was pardoned last week, had pleaded guilty to harbour fraud."), "harbour fraud")
    assert not q.speech
    q = one(run("Dara Velm pleaded with the council to keep the school open."), "the council")
    assert q.speech  # (a plea to someone is words)


def test_living_according_to_laws_cites_no_one(run):
    quotes = run("Roe says the faithful ought to live according to her laws and shun the city.")
    assert all(q.cue is None or q.cue.text.lower() != "according to" for q in quotes)
