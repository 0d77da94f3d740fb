"""Who a role, a relative or a pronoun stands for when the article says it elsewhere.

- a fronted phrase's comma before a name is no apposition ("According to a former aide, Ann
  Roe was …": the aide is not Roe);
- "who" after "Name, chair of the committee," is the person, not the committee;
- a person's lawyer is not that person;
- "the lawyer said" before the article names its one lawyer ("an attorney, Ann Roe") is Roe;
- a name written as a thing ("the Statutes", "the exhortation Amoris Nova") is never "he"
  or "she"; a churchman's title ("Cardinal Roe") says "he".

Short texts written for these tests; every person and body named here is invented."""

from __future__ import annotations

import pytest
from quote_helpers import one, quotes_of

from slant.analyze.parse import parse_text

pytestmark = pytest.mark.slow


def speaker_name(text: str, containing: str) -> str | None:
    q = one(quotes_of(text), containing)
    return q.speaker.name if q.speaker is not None else None


def test_a_name_after_a_fronted_phrase_is_the_clause_subject_not_an_apposition():
    doc = parse_text("According to an ex-Secret Service officer, Vice-President Tom Velm was "
                     "regularly seen at the track.")
    velm = next(t for t in doc if t.text == "Velm")
    assert velm.dep_ in ("nsubj", "nsubjpass")
    text = ("According to an ex-Secret Service officer, Vice-President Tom Velm was regularly seen at the track. "
            "The officer was later moved to another post, according to the officer.")
    q = one(quotes_of(text), "regularly seen")
    assert q.text.startswith("Vice-President Tom Velm")
    assert q.speaker is not None and q.speaker.name != "Tom Velm"
    assert speaker_name(text, "moved to another post") != "Tom Velm"


def test_a_true_apposition_after_a_fronted_phrase_stays_one():
    doc = parse_text("On Monday, Tom Velm, the mayor, said the bridge would reopen.")
    velm = next(t for t in doc if t.text == "Velm")
    assert velm.dep_ == "nsubj"


def test_who_after_a_persons_title_of_a_body_is_the_person():
    text = ("Keith Arlo, chairman of the Harbour Works Panel, who had called for the "
            "traders to be barred from the port, said: \"I welcome the decision.\"")
    assert speaker_name(text, "traders to be barred") == "Keith Arlo"


def test_who_after_a_persons_two_titles_joined_by_and_is_the_person():
    text = ("The view was backed by Joseph Arlo, the head of the Velm Society and the spokesman "
            "for the Harbour Appeal, who wrote, “This is absolutely right.”")
    assert speaker_name(text, "absolutely right") == "Joseph Arlo"


def test_who_after_an_aside_between_dashes_is_the_noun_before_it():
    text = ("Fernando Velm denied it. He is refuted by the town’s miners – deemed credible both by "
            "the courts and the Harbour Tribunal – who testified that he saw the flood.")
    assert speaker_name(text, "he saw the flood") == "the town’s miners"


@pytest.mark.parametrize("role", ["victims", "accusers", "colleagues"])
def test_a_persons_victims_are_not_the_person(role):
    text = (f"Fernando Velm was a priest in the town. Velm’s {role} said that he personally "
            "witnessed the abuse.")
    assert speaker_name(text, "personally witnessed") == f"Velm’s {role}"


@pytest.mark.parametrize("role", ["lawyer", "lawyers", "attorney", "defense attorney"])
def test_a_persons_lawyer_is_not_the_person(role):
    text = (f"Mara Quill was charged in May. Quill's {role} said the charge would not stand, "
            "and Quill herself declined to comment.")
    assert speaker_name(text, "the charge would not stand") != "Mara Quill"


def test_a_lawyer_after_a_curly_plural_possessive_is_not_the_client():
    text = "Omar Khalil worked as a bus driver. Khalil’ defense attorney said on Monday he could not explain why Khalil left."
    assert speaker_name(text, "could not explain") != "Omar Khalil"


def test_a_lawyer_named_in_apposition_speaks():
    text = "Mara Quill was charged in May. Quill's lawyer, Ben Tarro, said the charge would not stand."
    assert speaker_name(text, "the charge would not stand") == "Ben Tarro"


def test_the_lawyer_before_the_article_names_its_one_lawyer():
    text = ("The informant was paid by the agency for years, the lawyer said. "
            "The informant has hired an attorney, Vera Tollan, a former federal prosecutor, to "
            "tell his story. Tollan said her client had been threatened.")
    assert speaker_name(text, "paid by the agency") == "Vera Tollan"


def test_the_lawyer_stays_a_role_when_the_article_names_two():
    text = ("The informant was paid by the agency for years, the lawyer said. "
            "Laura Benson, an attorney for the informant, met Sam Orrin, an attorney for the "
            "agency, on Monday.")
    assert speaker_name(text, "paid by the agency") == "the lawyer"


def test_an_official_is_never_a_later_named_official():
    text = ("The budget was cut, the official said. "
            "Vera Tollan, an official at the ministry, declined to comment.")
    assert speaker_name(text, "budget was cut") == "the official"


def test_a_name_written_with_the_is_no_he():
    text = ("Rev. Paul Dorn wrote that the Bishop approves the Statutes, so the houses must obey. "
            "The order met in June. The Statutes were changed last year. "
            "\"We will obey,\" he said.")
    assert speaker_name(text, "We will obey") == "Paul Dorn"


def test_a_document_title_after_its_noun_is_no_he():
    text = ("Professor Livo Marten spoke at the seminar about the exhortation Amoris Nova. "
            "The eighth chapter of Amoris Nova has divided the bishops. "
            "He said the text \"must be read whole.\"")
    assert speaker_name(text, "read whole") == "Livo Marten"


def test_a_person_named_after_a_clause_about_a_text_is_still_a_person():
    text = ("Her stepmother denied a statement Gilda Farrow's lawyer read in court. "
            "Gilda Farrow said she was never told. "
            "\"It was not about the money,\" she said.")
    assert speaker_name(text, "not about the money") == "Gilda Farrow"


@pytest.mark.parametrize(("name", "gender"), [
    ("Cardinal Rode", "m"), ("Archbishop Velm", "m"), ("Msgr. Orrin", "m"), ("Sister Agatha", "f"),
    ("Cardinal Ann Roe", "f"),  # a given name the lexicon knows speaks first
    ("Roe", None),
])
def test_a_churchmans_title_in_the_name_gives_the_gender(name, gender):
    from slant.names.gender import name_gender

    assert name_gender(name) == gender


def test_she_is_not_a_cardinal():
    text = ("Cardinal Rode visited the convent in May. "
            "The abbess told the visitors about the rules. "
            "She said the testing was excessive.")
    assert speaker_name(text, "testing was excessive") != "Cardinal Rode"


def test_he_after_a_speaker_ner_missed_is_that_speaker():
    text = ("Cardinal Tom Bertel wrote a book on the case. Sambi said, \"Pardon me.\" He got up, "
            "left the room, and came back with the book. \"Here,\" he said.")
    assert speaker_name(text, "Here") == "Sambi"


def test_its_report_is_the_body_that_wrote_it():
    text = "The Velm Institute wrote in its latest report on the accord, for instance, that the state tried to buy parts."
    quotes = quotes_of(text)
    assert all(q.speaker is None or q.speaker.name == "Velm Institute" for q in quotes), \
        [(q.text, q.speaker) for q in quotes]


def test_a_study_in_a_journal_is_the_journals_as_annotators_give_it():
    # PolNeAR's convention: "a study that appeared in X found …" names X as its source
    text = "The paper, whose findings appeared in the Velm Review of Comets, said the comet is likely to return in spring."
    assert speaker_name(text, "comet is likely") == "Velm Review of Comets"


def test_an_article_in_a_paper_is_the_papers():
    assert speaker_name("An article in the Velm Review said the bridge was unsafe.", "bridge was unsafe") \
        == "Velm Review"


def test_one_person_with_two_titles_joined_by_and():
    text = ("\"This is a victory,\" noted GSF founder and Executive Vice President Tom Orrin. "
            "\"Under this deal,\" he continued, \"the rules will change.\"")
    quotes = quotes_of(text)
    assert one(quotes, "This is a victory").speaker.name == "Tom Orrin"
    later = one(quotes, "the rules will change")
    assert later.speaker.name == "Tom Orrin" and later.speech


def test_a_label_naming_someone_else_says_nothing_of_the_gender():
    from slant.analyze.entities import extract_entities
    from slant.analyze.quotes.genders import infer_genders

    doc = parse_text("The aides named are Imran Qadir, his wife Hina Orr, and his brothers. "
                     "The stepmother, Samina Tarr, said she was afraid.")
    genders = infer_genders(doc, extract_entities(doc))
    assert genders.get("Imran Qadir") == "m"
    assert genders.get("Samina Tarr") == "f"


def test_a_place_gets_no_gender_from_the_pronouns_around_it():
    # NER took the town for a person in one sentence and a place in another: "his home" there
    # is the newcomer's, so the town gets no gender and no "he" can go to it
    from slant.analyze.quotes.genders import infer_genders
    from slant.models import Entity, Mention

    text = "Luay Samir moved to Dunmore in 2011. In time Dunmore became his home, he said."
    doc = parse_text(text)
    at = [k for k in range(len(text)) if text.startswith("Dunmore", k)]
    entities = [Entity(name="Luay Samir", type="PERSON", mentions=[Mention(start=0, end=10)]),
                Entity(name="Dunmore", type="GPE", mentions=[Mention(start=at[0], end=at[0] + 7)]),
                Entity(name="Dunmore", type="PERSON", mentions=[Mention(start=at[1], end=at[1] + 7)])]
    assert "Dunmore" not in infer_genders(doc, entities)


def test_a_lone_given_name_beside_the_full_name_has_its_gender():
    # NER split a headline's "Keith Lamont Orr" into "Keith" and a full name elsewhere: "Keith"
    # alone is a given name here, not a surname, so no "she" can go to it
    from slant.analyze.quotes.genders import infer_genders
    from slant.models import Entity, Mention

    text = "Keith Lamont Orr's wife pleads. Keith Lamont Orr, 43, was in his truck."
    doc = parse_text(text)
    entities = [Entity(name="Keith", type="PERSON", mentions=[Mention(start=0, end=5)]),
                Entity(name="Keith Lamont Orr", type="PERSON", mentions=[Mention(start=32, end=48)]),
                Entity(name="Warren", type="PERSON", mentions=[Mention(start=60, end=66)])]
    genders = infer_genders(doc, entities)
    assert genders.get("Keith") == "m" and "Warren" not in genders


def test_a_gendered_role_opening_the_next_sentence_is_the_person_it_was_about():
    text = ("Ann Velmont Orr chose the name for the baby. Velmont Orr cornered the officer, Phil Kemo, "
            "and called him names, two aides said Kemo told them. The congresswoman also told Kemo "
            "she had asked the whole family to her daughter’s party.")
    assert speaker_name(text, "asked the whole family") == "Ann Velmont Orr"
    # no gender the article gives, or the other one: the role stays a role
    other = text.replace("The congresswoman", "The congressman")
    assert speaker_name(other, "asked the whole family") == "The congressman"
    # the same noun for someone else in the sentence before: that one, not the subject
    text = "Peter Orvan interviewed the king at the palace last week. The king said the crown would survive."
    assert speaker_name(text, "crown would survive") == "The king"


def test_a_participant_after_a_quote_is_the_person_the_narrator_spoke_of_before_it():
    text = ("A Canadian tourist named Jeff spoke to the station on Tuesday. Jeff told the station that "
            "he had heard shots from several places. “First of all, there were many events that night. "
            "It was not only at the one hotel,” the witness claimed.")
    assert speaker_name(text, "many events") == "Jeff"
    # a quote closed in the sentence before: the person who spoke it there
    text = ("A man who gave his name as Rick phoned the show on Monday. “It was all a setup,” said Rick, "
            "before claiming that the gunman had help. The caller mentioned how some people were warned "
            "an hour early. As a gun dealer, he also said the rifles were the wrong kind.")
    assert speaker_name(text, "warned an hour early") == "Rick"
    assert speaker_name(text, "rifles were the wrong kind") == "Rick"  # and the "he" after the role
    # someone else in the sentence before is the witness spoken of, and a judge is no participant
    assert speaker_name("Ann Roe interviewed the witness on Monday. “I saw two men,” the witness said.",
                        "two men") == "the witness"
    assert speaker_name("Ann Roe pleaded guilty on Monday. “You will serve two years,” the judge said.",
                        "two years") == "the judge"
    # whom the sentence before was about, without a word of theirs, is no witness nor caller
    assert speaker_name("Tom Velm crashed his car into a store on Main Street. “It was very loud,” the "
                        "witness said.", "very loud") == "the witness"
    assert speaker_name("Ann Roe hosts a radio show in Tarn. “Your plan will fail,” the caller said.",
                        "plan will fail") == "the caller"


def test_refusing_to_state_is_no_speech():
    q = one(quotes_of("Today many commentators, cowed by fashion, refuse to state the plain truth that "
                      "the bridge is unsafe."), "the bridge is unsafe")
    assert not q.speech


def test_they_is_no_body_merely_mentioned_before():
    text = ("The mayor thanked the Velm Trust at the gala on Monday. The food was good and the hall "
            "was full. They said the roads had been closed for hours.")
    assert speaker_name(text, "roads had been closed") == "They"


def test_they_is_a_body_that_was_the_subject():
    text = "The Velm Trust met on Monday. They said the roads had been closed for hours."
    assert speaker_name(text, "roads had been closed") == "Velm Trust"


@pytest.mark.parametrize(("text", "cue", "who"), [
    ("Velm criticized how the agency handled the inquiry, accusing it of misleading the court.", "accusing", "Velm"),
    ("Roe said it was a mistake, calling the decision rash.", "calling", "Roe"),
])
def test_a_participle_in_the_reported_clause_goes_on_with_the_speaker(text, cue, who):
    q = [q for q in quotes_of(text) if q.cue is not None and q.cue.text == cue]
    assert q and q[0].speaker is not None and q[0].speaker.name == who


@pytest.mark.parametrize(("text", "words", "who"), [
    ("The Courier reported Thursday that Ann Roe, a senior councillor, has written to the mayor, "
     "urging her to ban the parade.", "ban the parade", "Ann Roe"),
    ("Court papers say Roe lied about his travels, saying his only trip abroad was a visit to Spain.",
     "his only trip", "Roe"),
])
def test_a_participle_after_a_named_persons_clause_is_theirs(text, words, who):
    q = [q for q in quotes_of(text) if words in q.text and q.cue is not None and q.cue.text in ("urging", "saying")]
    assert q and q[0].speaker is not None and q[0].speaker.name == who


def test_an_unnamed_spokesman_is_the_he_that_adds():
    text = ("Tom Velm and Ann Roe were barred last week. A government spokesman said some visitors could be "
            "kept out by the minister. He added: \"Hatred of any kind has no place here.\"")
    assert speaker_name(text, "has no place here") == "A government spokesman"


def test_admitting_people_to_the_sacraments_is_no_confession():
    text = ("The bishop has made it plain that he favours admitting to the sacraments separated and “remarried” "
            "couples who go on living as if they were married, while “discerning” their case.")
    assert not one(quotes_of(text), "the sacraments").speech


def test_the_ag_is_the_attorney_general_named_before():
    text = ("Attorney General Ann Velmar answered the governor on Friday. \"My office follows the law, not "
            "the polls,\" the AG said in a statement.")
    assert speaker_name(text, "follows the law") == "Ann Velmar"


def test_he_after_like_someone_is_not_that_someone():
    text = ("Phil Orrin, a survivor, called the panel a sham. Jim Tarr said his reaction to the news was "
            "\"hopeful but wary.\" Like Orrin, he said the panel did little in its first term. "
            "\"My guess is it will end the same way,\" he said.")
    quotes = quotes_of(text)
    assert one(quotes, "did little").speaker.name == "Jim Tarr"
    assert one(quotes, "My guess").speaker.name == "Jim Tarr"


def test_he_is_not_someone_the_last_speakers_partly_quoted_words_named():
    text = ("Phil Orrin called the panel a sham. Jim Tarr said his view of the news that Paul Velm has "
            "revived the panel was \"hopeful but wary.\" Like Orrin, he said the panel did little in its "
            "first term.")
    q = [q for q in quotes_of(text) if "did little" in q.text]
    assert q and q[0].speaker.name == "Jim Tarr"


def test_which_after_a_label_in_apposition_is_the_named_body():
    text = ("It was produced by The Velm Report, an angry independent media outlet, which describes the old "
            "regime as \"the best government in modern history.\"")
    assert speaker_name(text, "best government") == "The Velm Report"


def test_which_after_a_plain_noun_phrase_stays_the_phrase():
    text = "The report came from a small media outlet, which describes the council as \"a closed shop.\""
    assert speaker_name(text, "closed shop") != "The Velm Report"


def test_a_places_role_goes_to_its_holder_whatever_else_the_article_says_of_them():
    # "Orvan is committed to …" is a label of Orvan's, but not one that gives the role
    text = ("Velmaria’s Prime Minister said in his speech on Sunday that the union would fail. Addressing his"
            " country, Prime Minister Tomas Orvan warned that nations which welcome migrants face ruin. Orvan is"
            " committed to his policy of closed borders.")
    assert speaker_name(text, "union would fail") == "Tomas Orvan"


def test_a_places_role_is_not_a_leader_the_article_gives_another_nation():
    text = ("Velmaria’s Prime Minister said in his speech on Sunday that the union would fail. At the summit, Prime"
            " Minister Tomas Orvan, the French leader, warned that nations which welcome migrants face ruin.")
    assert speaker_name(text, "union would fail") != "Tomas Orvan"


def test_a_he_opening_a_sentence_after_god_wrote_his_is_god():
    text = ("Only after the storm did God give the people His law. He told Noah, “Build the ark and fill it.” "
            "Tom Lee thanked God for His mercy. He said, “We were lucky.”")
    assert speaker_name(text, "Build the ark") == "God"
    assert speaker_name(text, "We were lucky") == "Tom Lee"  # God was thanked, not the subject


def test_a_kin_nouns_proper_noun_apposition_is_her_name_whatever_ner_typed_it():
    text = ("Tomas Orvan said the harbour school was wrong. Orvan’s daughter, Brielle, in turn, said "
            "her teachers gave the old songs only a week.")
    assert speaker_name(text, "old songs") == "Brielle"


def test_the_paper_is_the_newspaper_quoted_just_before():
    # (two bodies in play, so "the paper" is not simply the one organisation named)
    text = ("The Orvan Mill Company took the land from five brothers. “They were never paid,” the Harbour Times reported. "
            "Ann Velm also goes by Ann Roe, the harbour register says. Constables pestered the brothers and "
            "their lawyer, the paper said.")
    assert speaker_name(text, "Constables pestered") == "Harbour Times"
    far = text.replace("register says.", "register says. " + "The brothers kept farming. " * 60)
    assert speaker_name(far, "Constables pestered") == "the paper"  # quoted too long before


def test_a_participles_phrase_set_off_after_the_name_is_not_the_subject():
    text = ("Velmian Ambassador to the United Nations Tomas Orvan, spurning requests from Dorvan officials to "
            "impose sanctions, asserted that the rocket launch broke no treaty of the harbour league.")
    assert speaker_name(text, "rocket launch") == "Tomas Orvan"


def test_an_age_on_a_definite_phrase_is_the_person_given_that_age():
    text = ("Ann Velm, 26, was sentenced on Thursday. Her mother pleaded for mercy. The sentence ends a "
            "strange chapter for the 26-year-old former clerk, who said she owes “the harbour an apology "
            "and more.”")
    assert speaker_name(text, "an apology") == "Ann Velm"
    # a person merely named nearby is not the one of that age
    text = "Police arrested Tom Roe on Friday after he fled. The 34-year-old victim said she had been attacked."
    assert speaker_name(text, "had been attacked") == "The 34-year-old victim"
    # an age that first came with "a" is that unnamed person again, not the one named beside it
    text = ("A 40-year-old woman was hurt in the crash. Police Chief Ann Lee said the road was closed. "
            "The 40-year-old woman told reporters the brakes failed.")
    assert speaker_name(text, "brakes failed") == "The 40-year-old woman"
