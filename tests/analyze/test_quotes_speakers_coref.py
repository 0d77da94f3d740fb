"""Pronouns by gender, relayed words, names NER cut and labels that are no speaker.

A he/she goes to the most salient person of a compatible gender (given names, honorifics,
role nouns and what the article itself shows), never to one of the other gender, and to no
one when nobody fits; "X quoted Y as saying" is Y's; a headline "A to B: …" is A's; "Sgt"
alone takes the name after it; "Update 2:" and a topic line are nobody. Short sentences
written for these tests; every person named here is invented."""

from __future__ import annotations

import pytest
from quote_helpers import one, quotes_of

from slant.names.gender import given_name_gender, given_names

pytestmark = pytest.mark.slow


def speaker_name(text: str, containing: str) -> str | None:
    q = one(quotes_of(text), containing)
    return q.speaker.name if q.speaker is not None else None


@pytest.mark.parametrize(("name", "gender"), [
    ("Ann Roe", "f"), ("Marta Velasquez", "f"), ("Sen. Tom Lee", "m"), ("President Daniel Okafor", "m"),
    ("Jean-Pierre Roe", "m"), ("Roe", None), ("Warren", None), ("Jordan Lee", None),
    ("Taylor Roe", None), ("Alex Roe", None), ("Kerry Addo", None),
])
def test_given_names_say_gender_only_when_unambiguous(name, gender):
    assert given_name_gender(name) == gender


def test_the_lexicon_is_a_few_hundred_names_each_and_leaves_ambiguous_ones_out():
    names = given_names()
    assert sum(g == "f" for g in names.values()) >= 300
    assert sum(g == "m" for g in names.values()) >= 300
    assert not {"jordan", "taylor", "alex", "sam", "chris", "kim", "lee", "jean", "robin"} & set(names)


def test_she_is_not_given_a_man_the_article_never_gendered():
    text = ("Marta Velasquez opened the hearing on Monday. The plan was approved after Daniel "
            "Okafor read the report aloud. “We cannot wait another year for the water,” she said.")
    assert speaker_name(text, "another year") == "Marta Velasquez"


def test_he_is_not_given_a_woman():
    text = ("Daniel Okafor opened the hearing on Monday. The plan was approved after Marta "
            "Velasquez read the report aloud. “We cannot wait another year for the water,” he said.")
    assert speaker_name(text, "another year") == "Daniel Okafor"


def test_no_compatible_person_leaves_the_pronoun_unresolved():
    text = ("Marta Velasquez and Ann Holt opened the hearing on Monday. “We cannot wait another "
            "year for the water,” he said.")
    assert speaker_name(text, "another year") == "he"


def test_a_reason_cited_is_not_a_relayed_speaker():
    quotes = quotes_of("Tom Lee cited the survey as the reason he is not opening the bridge.")
    assert all(q.speaker is None or q.speaker.name != "the survey" for q in quotes)


def test_a_pronoun_before_a_name_does_not_give_that_name_its_gender():
    # "he" before Robin Tay is Kerry Addo; Robin Tay (an ambiguous name) is not learnt male
    text = ("Kerry Addo spoke first at the hearing. Then he said that Robin Tay had to be heard. "
            "“The money is simply not there,” she said.")
    assert speaker_name(text, "money is simply") == "Robin Tay"


def test_gender_learnt_in_the_article_keeps_a_pronoun_off_the_other_person():
    # "Kerry Addo … He said": Kerry Addo (an ambiguous given name) is learnt to be a he
    text = ("Kerry Addo spoke to the board on Monday. He said the plan was sound. Later, Kerry Addo "
            "and Robin Tay read the report aloud together. “The money is simply not there,” she said.")
    assert speaker_name(text, "money is simply") == "Robin Tay"


def test_the_subject_of_the_antecedents_sentence_comes_before_an_object():
    text = ("According to the Ledger, Tom Lee spoke at a meeting with Daniel Okafor on Monday. "
            "“We cannot wait another year for the water.” He said the valley would fight the mine.")
    assert speaker_name(text, "valley would fight") == "Tom Lee"
    text = ("Tom Lee said at a meeting with Daniel Okafor that the mine would close. “We cannot "
            "wait another year for the water,” he said.")
    assert speaker_name(text, "another year") == "Tom Lee"


def test_a_role_holder_of_the_other_gender_is_not_the_pronoun():
    text = ("Tom Lee, the senator, spoke on Monday. The senator later met the miners. “We cannot "
            "wait another year for the water,” she said.")
    assert speaker_name(text, "another year") != "Tom Lee"


@pytest.mark.parametrize("text", [
    "Reuters quoted Tomas Brenner as saying that the talks had failed on Monday.",
    "The Daily Ledger quoted Tomas Brenner as saying that the talks had failed on Monday.",
    "Tomas Brenner was quoted by Reuters as saying that the talks had failed on Monday.",
    "Tomas Brenner told Reuters that the talks had failed on Monday.",
    "According to Tomas Brenner, speaking to the Ledger, the talks had failed on Monday.",
])
def test_relayed_words_are_the_speakers_not_the_outlets(text):
    assert speaker_name(text, "talks had failed") == "Tomas Brenner"


def test_an_unnamed_source_quoted_by_a_paper_is_the_source():
    assert speaker_name("The paper cited a senior official as saying the talks had failed.",
                        "talks had failed") == "a senior official"


def test_a_headline_to_someone_is_the_senders_words():
    text = ("Ex-miners to Governor Ann Holt: “Come and see the valley for yourself”\n\n"
            "The letter was sent on Monday.")
    assert speaker_name(text, "Come and see") == "Ex-miners"


def test_a_title_alone_takes_the_name_after_it():
    from slant.analyze.entities import extract_entities
    from slant.analyze.parse import parse_text

    text = ("‘The new law gives us that tool now,’ said Sgt. Eric Dombrowski, who leads the crisis "
            "unit. “The permits only run a year, although they can be extended.”")
    names = {e.name for e in extract_entities(parse_text(text))}
    assert "Sgt" not in names
    assert speaker_name(text, "tool now") == "Eric Dombrowski"
    assert speaker_name(text, "permits only run") == "Eric Dombrowski"


def test_a_surname_ner_left_out_is_joined_to_a_known_given_name():
    text = "Colm O’Faolain, an abuse survivor, commented on Twitter that the bishop offered stronger words."
    q = [q for q in quotes_of(text) if q.cue is not None and q.cue.text.startswith("commented")][0]
    assert q.speaker is not None and q.speaker.name == "Colm O’Faolain"


def test_a_leading_word_that_is_no_name_is_dropped():
    from slant.analyze.entities import extract_entities
    from slant.analyze.parse import parse_text

    doc = parse_text("Regarding Brasco, one cannot fail to note that he denies the evidence.")
    assert [e.name for e in extract_entities(doc) if e.type == "PERSON"] == ["Brasco"]


def test_an_update_label_is_not_who_tweeted():
    text = ("Update 2 : Just as we guessed, President Ann Holt has tweeted that the verdict is a "
            "disgrace.\n\nMore follows.")
    assert speaker_name(text, "verdict is a disgrace") == "Ann Holt"


def test_a_topic_before_a_colon_on_the_title_line_is_no_speaker():
    quotes = quotes_of("DRC: Fresh outbreak kills two in the east\n\nThe WHO said on Tuesday that "
                       "it had sent a team.")
    assert all(q.speaker is None or q.speaker.name != "DRC" for q in quotes)
    assert speaker_name("DRC: Fresh outbreak kills two in the east\n\nThe WHO said on Tuesday that "
                        "it had sent a team.", "sent a team") == "WHO"


def test_a_writers_answer_to_their_own_question_is_no_speaker():
    quotes = quotes_of("Velmar came next, so he is in the top three.\nDunmore?\nNah: his bridge tolls "
                       "and steady hand got the harbour busy.\nOskar Brand?\nA crook.")
    assert not any(q.speech and "bridge tolls" in q.text for q in quotes)


def test_transcript_lines_still_name_their_speakers():
    text = ("The interview, lightly edited.\n\nHOLT: We will not sell the land to anyone at all.\n\n"
            "OKAFOR: Then the mine will never open in this valley.")
    assert speaker_name(text, "sell the land") == "HOLT"
    assert speaker_name(text, "mine will never") == "OKAFOR"


def test_an_outbreak_that_claimed_lives_said_nothing():
    quotes = quotes_of("So far, the fever has claimed 43 lives and sickened over 600 others.")
    assert not any(q.speech for q in quotes if "43 lives" in q.text)
    assert any(q.speech for q in quotes_of("The group claimed that the fever was spreading fast."))


def test_a_cue_less_quote_after_the_narrator_turns_to_someone_else_is_theirs():
    text = ("“The van just went up in flames,” said witness Brek Dallow. Dallow could not believe what "
            "he saw. Dallow’s father, Peter Dallow, saw it too. “It kept exploding, again and again "
            "and again.”")
    assert speaker_name(text, "kept exploding") == "Peter Dallow"


def test_a_cue_less_quote_after_the_narrator_goes_on_with_the_same_person():
    text = ("“The van just went up in flames,” said witness Brek Dallow. Dallow could not believe what "
            "he saw. “It kept exploding, again and again and again.”")
    assert speaker_name(text, "kept exploding") == "Brek Dallow"


def test_he_after_someone_asked_is_the_asker_not_a_man_named_in_the_question():
    text = ("Imam Ali Farouk spoke at the mosque on Friday. He attacked President Tom Reyes for "
            "signing the law. He asked, “Did you hear what President Reyes said? Here you have "
            "the president of this country saying a man could marry a man?” He then cited the "
            "Koran, shouting, “The book says this is forbidden!”")
    assert speaker_name(text, "the Koran") == "Ali Farouk"
    assert speaker_name(text, "forbidden") == "Ali Farouk"


@pytest.mark.parametrize(("text", "containing", "speaker"), [
    ("The search has been run by town and county police, not the coast guard, and yet "
     "they continue to claim the boat sank far out.", "boat sank", "town and county police"),
    ("The guard was caught by border agents twice. Ann Roe’s family has expressed mixed views "
     "on the law. They have condemned the mayor for using her death.", "the mayor",
     "Ann Roe’s family"),
])
def test_they_is_the_plural_agent_or_the_family_before_it(text, containing, speaker):
    assert speaker_name(text, containing) == speaker


def test_quotes_after_a_lead_in_line_are_whoever_it_names_not_the_last_speaker():
    text = ("The photographer, Ann Muhammad, said she kept the photo. “It surely would have "
            "changed the outcome,” Muhammad said.\nMarcus Oduya In His Own Words (PDF).\n"
            "Some Oduya quotes:\n“The town does not like me, so they call me a liar.”\n"
            "“My god will sweep this council off the face of the valley.”\n"
            "Our own list:\n“You are not today, nor have you ever been, a licensed pilot.”")
    assert speaker_name(text, "call me a liar") == "Marcus Oduya"
    assert speaker_name(text, "face of the valley") == "Marcus Oduya"
    assert speaker_name(text, "a licensed pilot") is None  # a lead-in naming no one


@pytest.mark.parametrize(("text", "containing", "speaker"), [
    # "he" opening a sentence goes on with the subject before, not the last speaker named in it
    ("“We will not be swayed by politics,” Tom Lee added. Mark Reyes did not answer a question "
     "about whether he would fire Lee after the election. He also said he only hired the former "
     "senator because Lee was loyal.", "only hired", "Mark Reyes"),
    # "they" after two people named together is both
    ("On Friday, Ann Rossello and Tom Gonzalez said the island would receive $11 billion under a "
     "program run by the Department of Housing. The money would be used to repair homes, they "
     "said.", "repair homes", "Ann Rossello and Tom Gonzalez"),
    # a role opening the lead-in before the quote
    ("Critics called the tax unfair. The mayor was blunt: “We will not pay,” she said.", "not pay",
     "The mayor"),
    # a name that only modifies a noun is no antecedent ("Gonzalez officials")
    ("Tom Sorrel said he had been wrong to keep the files. But he lashed out at Gonzalez officials, "
     "saying his trial was political. “My case was usually handled by military courts,” he "
     "said.", "military courts", "Tom Sorrel"),
    # "the congressman" is the Rep. the article named
    ("Rep. Danny Roe met the group on Monday. Adolf Hitler was named in the leaflet. The "
     "congressman was not sure why the paper wrote that he had been misquoted, he told "
     "reporters.", "not sure why", "Danny Roe"),
])
def test_the_pronoun_stands_for_the_one_the_sentences_before_make_the_topic(text, containing, speaker):
    assert speaker_name(text, containing) == speaker


def test_a_headline_colon_after_a_group_of_people_is_their_words():
    text = "Insiders: Mark Reyes will rebound in the north\nMark Reyes is poised to bounce back."
    assert speaker_name(text, "rebound") == "Insiders"
    assert not any(q.speech for q in quotes_of("Rising seas: the coast is shrinking\nThe coast is shrinking."))


@pytest.mark.parametrize(("text", "containing", "speaker"), [
    # a subject that cannot speak ("Investigation Helped Reveal") leaves the words the name's
    ("Tom Vale: Harbor Investigation Helped Reveal Mayor Email Scandal\nTom Vale spoke on "
     "Monday.", "Investigation", "Tom Vale"),
    # a label and a dash before the name
    ("EXCLUSIVE – Tom Vale: Don’t Trust the New Harbour Board\nTom Vale spoke on Monday.",
     "Don’t Trust", "Tom Vale"),
])
def test_a_headline_colon_after_a_name_is_their_words(text, containing, speaker):
    assert speaker_name(text, containing) == speaker


@pytest.mark.parametrize(("text", "containing", "speaker"), [
    # "It" opening a sentence: the document the sentence before had as subject
    ("The harbour motion, proposed by Councillor Ann Roe, passed this week. It calls for the "
     "royal tour to be dropped, adding: “Should the Government press on, the guest would "
     "not be wanted in our Borough.”", "not be wanted", "The harbour motion"),
    # "the group": the one the sentence before brought in as "a group called X"
    ("The Harbour League and the Port Trust met on Monday. Church groups had criticized the "
     "report, saying it ignored language used online by a group called Harbour Action Network. "
     "The group was urging pupils to vote against the plan.", "vote against the plan",
     "Harbour Action Network"),
])
def test_it_and_the_group_are_what_the_sentence_before_brought_in(text, containing, speaker):
    assert speaker_name(text, containing) == speaker


@pytest.mark.parametrize("text, words, speaker", [
    # a woman named in the sentence where the last speaker spoke, outside her words, does not
    # take over the "she" of the next quote, even when the quote names her too
    ("“We will win this,” Susan Roe told the station on Monday when asked about claims that voters would "
     "not back Karen Lee. “I think Tom Hale would help Lee if he lost,” she said.", "help Lee", "Susan Roe"),
    # a new sentence that names her as its subject does
    ("“We will win this,” Susan Roe told the station on Monday. Karen Lee disagreed at a rally on Tuesday. "
     "“I think Tom Hale would back the plan if he lost,” she said.", "back the plan", "Karen Lee"),
])
def test_a_person_named_where_the_last_speaker_spoke_leaves_the_pronoun_to_the_speaker(text: str, words: str,
                                                                                       speaker: str) -> None:
    assert speaker_name(text, words) == speaker


def test_a_subject_of_unknown_gender_a_few_lines_back_outweighs_a_woman_named_before() -> None:
    # "Kerry" is no given name of one gender; Ann Roe is a she, but named before Addo's sentence
    text = ("Mayor Ann Roe opened the new bridge on Monday. Kerry Addo, who chairs the residents' group on the "
            "east bank, walked the length of the bridge with a crowd of neighbours on Tuesday evening, stopping "
            "at each of the repairs that had been put off for years. “Roe promised us a school,” she said.")
    assert speaker_name(text, "promised us a school") == "Kerry Addo"


def test_names_inside_the_quote_before_he_leave_him_to_the_subject_of_the_sentence_before() -> None:
    # the subject of the narrator's sentence before carries on, though the quote names others first
    text = ("“He looked calm and ready, and that matters for the ticket,” Tom Hale concluded.\n\n"
            "Dan Rook at the Ledger agreed with Hale about the winner.\n\n"
            "“If Ben Lee wanted to make Carl Voss defend the old deal, he did it with ease,” he wrote.")
    assert speaker_name(text, "with ease") == "Dan Rook"


def test_a_plural_noun_ending_a_headline_name_is_no_surname():
    text = ("Velm Farmer Fled to Barn After Neighbour Shot Officers, Records Show\n\n"
            "A farmer rang the station at dawn. Officers afterwards told a reporter the barn was empty.")
    assert speaker_name(text, "barn was empty") == "Officers"


def test_what_a_passive_announces_of_its_subject_is_not_the_subjects_words():
    text = "The outbreak ended when Norland was announced to be free of the virus by the health agency."
    q = one(quotes_of(text), "free of the virus")
    assert q.speaker is None or q.speaker.name != "Norland"


def test_a_call_is_from_its_caller_not_whoever_received_it():
    from slant.analyze.parse import parse_text
    from slant.analyze.quotes.widen import widened_speaker

    text = "On Monday the harbour office received a call from a nervous parent regarding suspicious activity at a school."
    assert speaker_name(text, "suspicious activity") == "a nervous parent"
    doc = parse_text("The clinic got a letter from prison about the trial, and a call from Ann Roe about the fees.")
    letter, call = (next(t for t in doc if t.lower_ == w) for w in ("letter", "call"))
    assert widened_speaker(call, "noun:prep:about").text == "Roe"
    assert widened_speaker(letter, "noun:prep:about") is None or widened_speaker(letter, "x").lower_ != "prison"


def test_a_who_the_parse_hung_on_a_verb_is_the_name_before_its_comma_and_speaks_on():
    text = ("Dan Hale spoke with Ben Roe as well, who said he was deeply worried when the plan was announced. "
            "He had warned the board twice, he said, but no one had listened.")
    assert speaker_name(text, "deeply worried") == "Ben Roe"
    assert speaker_name(text, "warned the board") == "Ben Roe"


def test_a_who_after_someone_elses_set_in_cue_is_not_theirs():
    quotes = quotes_of("The memo does not say, Dan Moss noted, who announced the closure first.")
    announced = [q for q in quotes if q.cue is not None and q.cue.text == "announced"]
    assert all(q.speaker is None or q.speaker.name != "Dan Moss" for q in announced)


def test_a_question_word_who_is_no_relative():
    quotes = quotes_of("Ann Lee asked who said it first.")
    assert all(q.speaker is None or q.speaker.name != "Ann Lee" or "who said" in q.text for q in quotes)
    assert all(q.speaker is None or q.speaker.name in ("Ann Lee", "who") for q in quotes)


def test_a_role_named_inside_the_last_speakers_words_does_not_take_the_next_pronoun():
    text = "According to Tom Velm, the mayor Dan Hale has let the harbour decay. The port, he argues, is not a museum."
    assert speaker_name(text, "not a museum") == "Tom Velm"
    # unless that speaker cannot be the pronoun: then the role can
    text = "According to Maria Velm, the minister signed the order in March. He later said the order was a mistake."
    assert speaker_name(text, "was a mistake") == "the minister"


def test_a_possessive_in_the_next_sentence_gives_no_gender():
    # "her children" is the country's, so it says nothing of Kit Orvan, whom no given name
    # genders; the "He" that opens the sentence after Orvan's is his
    text = ("The Daily Lark says Kit Orvan, a senior backbencher, wrote to Prime Minister Ann Velm, "
            "urging her to act against Lee Tamm. By that Orvan means the old ways. The land should "
            "keep a road that keeps her children free. Orvan, a former minister, "
            "backed the plan with a nod to me. He named two bloggers, Jo Pell and Ed Rusk, as "
            "precedents.")
    assert speaker_name(text, "two bloggers") == "Kit Orvan"


def test_he_after_someone_acted_on_the_last_speaker_is_the_actor():
    # Tom Hale spoke before; "Ben Rusk badgered Hale" makes Hale the object, so "he" is Rusk
    text = ("Tom Hale said the books were in order. “I kept every receipt,” Hale said. In court, "
            "Ben Rusk badgered Hale. “Will you hand them anything else? I hope not,” he "
            "said.")
    assert speaker_name(text, "hand them anything") == "Ben Rusk"


def test_they_after_someone_asked_people_is_the_people_asked():
    text = ("The Dawn Party spoke of a plot for months. Earl Varden had one way to settle it. He "
            "asked the heads of both agencies if it held. They said it did not.")
    assert speaker_name(text, "it did not") == "the heads of both agencies"
    # asked by people: "they" are still the askers
    text = "The senators asked the officials about the leak on Tuesday. They later told reporters the inquiry would go on."
    assert speaker_name(text, "inquiry would go on") == "The senators"


@pytest.mark.parametrize("place", ["Velm Tower", "Velm v. Velm"])
def test_a_building_or_a_lawsuit_ner_took_for_a_person_is_no_he(place):
    text = (f"Donald Velm wants the vote. More recently, he invited Ann Roe's friends to {place} "
            "to see the rooms. “We want a country where all are safe,” he said.")
    assert speaker_name(text, "all are safe") == "Donald Velm"


def test_he_after_a_spokesman_across_a_blank_line_is_the_spokesman():
    # the parse makes the blank line between the paragraphs a "sentence" of its own
    text = ("Two writers barred from the country\n\nTwo well-known writers have been barred from the "
            "country, the Interior Office has said.\n\nPamela Pell and Robert Rusk founded the anti-Velm "
            "group Stop Velmification of Ohio.\n\nThey had planned to address a Unity League rally in "
            "Dunmore, where Drummer Lee Rigsby died.\n\nA government spokesman said people whose visit "
            "\"would not serve the common good\" may be kept out by the minister.\n\nHe added: \"We reject "
            "everyone whose conduct and opinions go against the values we share, and we will not "
            "tolerate extremism.\"\n\n'Right call' Ms Pell, of the Velm Notes blog, and Mr Rusk, of Velm "
            "Watch, also founded the circle.")
    assert speaker_name(text, "We reject everyone") == "A government spokesman"


def test_the_sentence_before_is_found_past_a_blank_line_sentence():
    from slant.analyze.parse import parse_text
    from slant.analyze.quotes.words import sentence_before

    text = ("Two writers barred from the country\n\nTwo well-known writers have been barred from the "
            "country, the Interior Office has said.\n\nPamela Pell and Robert Rusk founded the anti-Velm "
            "group Stop Velmification of Ohio.\n\nThey had planned to address a Unity League rally in "
            "Dunmore, where Drummer Lee Rigsby died.\n\nA government spokesman said people whose visit "
            "\"would not serve the common good\" may be kept out by the minister.\n\nHe added: \"We reject "
            "everyone whose conduct and opinions go against the values we share, and we will not "
            "tolerate extremism.\"\n\n'Right call' Ms Pell, of the Velm Notes blog, and Mr Rusk, of Velm "
            "Watch, also founded the circle.")
    doc = parse_text(text)
    sents = list(doc.sents)
    added = next(s for s in sents if s.text.startswith("He added"))
    assert doc[added.start - 1].sent.text.strip() == ""  # the parser's blank "sentence"
    assert sentence_before(added).text.startswith("A government spokesman")
    assert sentence_before(sents[0]) is None


def test_they_after_i_know_people_is_those_people():
    text = ("Quoth Velm: I know several neighbours who fled bad marriages. They tell me that the new "
            "rules sound like the men who hurt them.")
    assert speaker_name(text, "new rules sound") == "several neighbours"


def test_she_after_a_fronted_asked_clause_is_not_whom_it_was_about():
    text = ("“Bernie would tell people to back Velm,” Susan Orrin said. Asked how she would vote if "
            "Ann Velm ran against Tom Lark, who has mocked many groups, she answered: “No idea yet. "
            "I’m going to wait.”")
    assert speaker_name(text, "going to wait") == "Susan Orrin"


def test_it_or_they_is_no_faith_the_sentence_before_was_about():
    text = ("The Velm Bureau does not grant that Islam has any link to the raids. It won't admit a "
            "war is under way, and it said so on Monday.")
    assert speaker_name(text, "a war is under way") != "Islam"
