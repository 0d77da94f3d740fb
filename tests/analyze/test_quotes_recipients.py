"""Whom words went to is not who said them, nor part of what they said: the addressee before
"of"/"about", a letter's recipient, an adviser's principal; and the narrator's gloss after
the words is not theirs."""

from __future__ import annotations

import pytest
from quote_helpers import one, quotes_of


def _speech(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker.name if q.speaker else None) for q in quotes_of(text) if q.speech]


@pytest.mark.parametrize(("sentence", "words"), [
    ("The mayor assured the locals of how safe the old bridge was.", "how safe the old bridge was"),
    ("Ann Roe assured the dockers of how the levy would be spent.", "how the levy would be spent"),
])
def test_whom_they_told_before_of_is_not_the_words(sentence: str, words: str) -> None:
    assert (words, ) == tuple(t for t, _ in _speech(sentence) if words in t)[:1]
    assert not any(t.startswith(("the locals", "the dockers")) for t, _ in _speech(sentence))


def test_a_name_with_of_is_still_whom_they_asked() -> None:
    # "the Department of Justice" is one name, not an addressee and a topic
    texts = [t for t, _ in _speech("Harbour officials have been asking the Department of Justice to check "
                                   "whether she misused the levy funds.")]
    assert not any(t.startswith("Justice") for t in texts), texts


def test_a_letters_recipient_is_not_the_speaker() -> None:
    spoken = _speech("The letter to Osk Velmar said the levy was illegal.")
    assert spoken and all(name != "Osk Velmar" for _, name in spoken), spoken


def test_an_adviser_to_someone_speaks_for_them() -> None:
    # PolNeAR's convention, and one row per actor: the adviser speaks for the principal
    spoken = _speech("An adviser to Osk Velmar said the levy was illegal.")
    assert spoken and spoken[0][1] == "Osk Velmar", spoken


def test_a_name_closing_a_role_after_to_still_speaks() -> None:
    spoken = _speech("Harbour ambassador to the United Nations Ann Roe denounced the levy on several grounds.")
    assert any(name == "Ann Roe" for _, name in spoken), spoken


def test_a_letter_someone_received_speaks_for_its_sender() -> None:
    q = one(quotes_of("Osk Velmar received a letter from the dockers' union saying the cuts were illegal."),
            "the cuts were illegal")
    assert q.speaker is not None and q.speaker.name != "Osk Velmar"
    assert "letter" in q.speaker.text


def test_a_subject_the_parse_hung_on_a_fronted_phrase_speaks() -> None:
    # the parse makes the bishop an apposition to the recipient and leaves "said" with no subject
    q = one(quotes_of("In her letter to Pope Francis, Bishop Ann Velm said the cuts were illegal."),
            "the cuts were illegal")
    assert q.speaker is not None and q.speaker.name.endswith("Ann Velm")


def test_they_after_a_groups_report_is_the_group_not_whom_it_spoke_of() -> None:
    text = ("The Harbour Action Fund is openly partisan. Lately the group declared that Danes are being "
            "squeezed out. They said they plan to register another thousand voters.")
    q = one(quotes_of(text), "plan to register")
    assert q.speaker is not None and q.speaker.name == "Harbour Action Fund"


def test_a_transcript_line_after_a_colon_paragraph_keeps_its_own_cue() -> None:
    text = ("Omar Velm is a pastor in the valley.\n\nVelm explains that most of the promises could "
            "never be kept, and that the campaign knows this:\n\nVELM: “So, let’s go back to the "
            "platform, right? Raise the tax. That will never happen.”\n\nThe end.")
    quotes = [q for q in quotes_of(text) if "platform" in q.text]
    assert len(quotes) == 1 and not quotes[0].text.startswith("VELM")
    assert "never happen" in quotes[0].text


@pytest.mark.parametrize(("sentence", "words", "gloss"), [
    ('Roe appeared to back down, declaring the valley will halt the "toll fights," an apparent '
     'reference to old quarrels with the harbour.', 'the valley will halt the "toll fights,"', "reference"),
    ('The auditor also said her staff dwelt on the fact that the ledgers were "poorly labelled," '
     "which repeated one of Roe's claims.", 'were "poorly labelled,"', "repeated"),
])
def test_the_narrators_gloss_after_the_words_is_cut(sentence: str, words: str, gloss: str) -> None:
    q = one(quotes_of(sentence), words)
    assert q.text.endswith(words) and gloss not in q.text


def test_a_relative_clause_on_the_topic_makes_no_words() -> None:
    q = one(quotes_of("Ann Roe denied the story the dockers told."), "the story")
    assert q.content == "topic"
    q = one(quotes_of("She said the plan, which passed on Monday, is dead."), "is dead")
    assert q.content == "words"
    # a clause that says what the noun holds is words, whatever the parse calls it
    q = one(quotes_of("The commentators state the simple truth that the levy is a theft."), "the levy")
    assert q.content == "words"


def test_another_countrys_minister_is_not_the_holder() -> None:
    q = one(quotes_of("Germany's foreign minister said the deal was dead. French Foreign Minister "
                      "Ann Velm disagreed."), "the deal was dead")
    assert q.speaker is not None and q.speaker.name != "Ann Velm"


def test_they_whose_own_report_names_a_group_resolves_without_looping() -> None:
    # "Liberals" is the subject inside the clause "they" report: the reporter is "they"
    # itself, which must not be resolved through the same clause again
    text = ("The first task, the mayor's friends say, will be to help them hold their posts. The "
            "new mayor hopes to go back on the road this autumn as a stand-in for Liberals "
            "aiming to rally the base, they say.")
    assert any(q.speech for q in quotes_of(text))


@pytest.mark.parametrize(("text", "name"), [
    ("A victim of a priest in the valley has revealed he wrote to the bishop in 2015 about a cover-up. "
     "Juan Carlos Velm, a victim of the priest in the 1980s, accused a fellow priest of witnessing it.",
     "Juan Carlos Velm"),
    ("The former apostolic nuncio has accused the bishop of repealing sanctions. Archbishop Carlo "
     "Velmar, the former apostolic nuncio, wrote an 11-page letter.", "Carlo Velmar"),
    # the title before the name ("Chief District Judge Ann Velm")
    ("A federal judge on Tuesday ordered the port authority to pause its plan to close the old ferry "
     "pier. Chief District Judge Ann Velm in Tarnby found she had the power to step in.", "Ann Velm"),
    # a title that gives the role ("Rep." for a lawmaker)
    ("Nobody yet knows why the dam gave way in March. Now one lawmaker is hinting that the ministry "
     "is hiding the cause. In a radio interview on Sunday, Rep. Scott Perrin (R-Pa.) said he has seen "
     "reports of sabotage.", "Scott Perrin"),
    # the role after the colon of a sentence that ends there (once an IndexError)
    ("It is now reported that a harbour informant who saw the deal has told the council that the "
     "smugglers paid the guards. The Courier's John Velm wrote on Wednesday: The informant, Douglas Roe, "
     "said in his statement that he was paid.", "Douglas Roe"),
    # a new person the next sentence opens on under another label
    ("A journalist has announced that he will release a picture of the governor that he took at a 2009 "
     "rally. The photographer, Askia Velm, told the Harbour Wire that he had kept it back for years.",
     "Askia Velm"),
    # the role's head before a participle ("a lawyer hired by …" is a lawyer)
    ("A lawyer hired by the harbour union says she cannot confirm the claims against the mayor. The "
     "Courier said it had seen a memo written by Ann Roe, a lawyer hired by the union.", "Ann Roe"),
])
def test_a_role_named_in_the_next_sentence_is_that_person(text: str, name: str) -> None:
    q = next(q for q in quotes_of(text) if q.speaker is not None)
    assert q.speaker is not None and q.speaker.name.endswith(name), q.speaker


STORY = ("The committee heard two new complaints about Tom Velm. His backers called them a smear. "
         "Senator Ann Roe defended Velm on Friday. The governor still backs Velm, who says he did "
         "nothing wrong. “None of this took place,” the {role} said on Sunday.")


def test_an_epithet_no_one_is_given_is_the_storys_main_person() -> None:
    q = one(quotes_of(STORY.format(role="nominee")), "None of this")
    assert q.speaker is not None and q.speaker.name == "Tom Velm"


@pytest.mark.parametrize("text", [
    STORY.format(role="senator"),  # the article gave Ann Roe that title
    STORY.format(role="judge"),  # a story's judge is most often someone else
    STORY.replace("Senator Ann Roe defended Velm", "Ann Roe defended Velm, Roe and Roe's aides said"
                  ).format(role="nominee"),  # Roe is named as often: no one stands out
])
def test_an_epithet_is_not_the_main_person_when_it_cannot_be(text: str) -> None:
    q = one(quotes_of(text), "None of this")
    assert q.speaker is None or q.speaker.name != "Tom Velm"


@pytest.mark.parametrize(("text", "words", "name"), [
    # a place's role is the holder the article names beside it
    pytest.param("Norway’s Prime Minister said on Sunday that “the fjords are safe.” Speaking in Oslo, "
                 "Prime Minister Ann Velm warned that the levy would fail.", "the fjords are safe", "Ann Velm",
                 id="place-role-holder"),
    # a nationality on the role missing from the next sentence's label: not that holder
    pytest.param("Austrian bishop rejects German plan for new rites\nSALZBURG, Austria – Criticism of Cardinal "
                 "Ann Marx and Bishop Franz Velm grows daily.", "German plan", "Austrian bishop",
                 id="nationality-not-in-label"),
    # a name closing a long role phrase speaks
    pytest.param("One resident of Norway's Velm Harbour neighborhood, Gladys Roe, told the Gazette that her "
                 "home was built by her neighbours.", "her home was built", "Gladys Roe", id="closing-name"),
])
def test_the_role_phrase_names(text: str, words: str, name: str) -> None:
    q = one(quotes_of(text), words)
    assert q.speaker is not None and q.speaker.name == name


def test_an_editors_note_is_no_speaker() -> None:
    quotes = quotes_of("Consider canon 12:\n“A harbour, as every public work, is built with an eye to "
                       "its worth for the town and for the guild.” (emphasis added)\nThe end.")
    assert not any(q.speaker is not None and q.speaker.text == "emphasis" for q in quotes)


def test_a_letter_passed_on_speaks_for_whoever_sent_it() -> None:
    q = one(quotes_of("Lawyers submitted a letter to her from the harbour board saying that she would be "
                      "free to sail from the island."), "free to sail")
    assert q.speaker is not None and "board" in q.speaker.name


def test_the_body_told_is_not_part_of_the_words() -> None:
    q = one(quotes_of("Velm told the court Brannock was playing his own “secret game of harbour "
                      "roulette,” and thus parroted the defense."), "harbour")
    assert q.text.startswith("Brannock")


@pytest.mark.parametrize("sentence", [
    "Bacon did not reply to questions on how he knew Ann Roe had emailed the harbour board on those dates.",
    "Ann Roe texted the harbour board on Monday.",
])
def test_whom_someone_emailed_or_texted_is_not_the_words(sentence: str) -> None:
    assert not any(q.speech and q.text.startswith("the harbour") for q in quotes_of(sentence))


def test_some_of_a_people_are_not_all_of_them() -> None:
    q = one(quotes_of("Later the mayor discovered that there were groups of Norwegians demanding a "
                      "harbour of their own."), "a harbour of their own")
    assert q.speaker is not None and q.speaker.name != "Norwegians"


def test_a_report_from_a_country_is_not_the_country() -> None:
    q = one(quotes_of("The report from Belgium says only, “We want to keep walking the road we set "
                      "out on.”"), "keep walking")
    assert q.speaker is not None and q.speaker.name != "Belgium"


def test_something_that_boasts_a_thing_has_it() -> None:
    assert not any(q.speech for q in quotes_of("The valley boasts a harbour, two bridges and a mill."))


@pytest.mark.parametrize("text", [
    "On Monday, Inspector General Ann Velm testified with Osk Roe before the committee. In a "
    "routine showing, the duo cited errors and raised worries.",
    "Ann Velm and Osk Roe met the board on Monday. Both said the levy had failed.",
])
def test_the_pair_is_the_two_people_just_named(text: str) -> None:
    q = next(q for q in quotes_of(text) if q.speech)
    assert q.speaker is not None and q.speaker.name == "Ann Velm and Osk Roe"


def test_a_reverent_capital_he_is_not_the_last_man_named() -> None:
    text = ("Adam was the first man of the harbour story. Christ commanded His followers to “Come "
            "after me!” Inviting all to the hill to “share in the pain” with Him, He granted them a "
            "part in the mystery.")
    q = one(quotes_of(text), "share in the pain")
    assert q.speaker is not None and q.speaker.name != "Adam"


def test_an_editors_comment_label_is_no_speaker() -> None:
    text = ("The Harbour Gazette\n\nThe mayor spoke on Monday.\n\nGAZETTE COMMENT: This is a disgrace "
            "and the mayor should resign.\n\nThe end.")
    assert not any(q.speaker is not None and "COMMENT" in q.speaker.text for q in quotes_of(text))


@pytest.mark.parametrize(("text", "words", "name"), [
    ("Mayor John Rawlings spoke to residents on Tuesday. The meeting ended at 5 p.m. He said the "
     "council would vote again.", "vote again", "John Rawlings"),
    ("An official said the plan had failed. John Merton, an official at the agency, disagreed with "
     "that view.", "the plan had failed", "An official"),
])
def test_a_capital_he_after_an_abbreviation_and_an_anonymous_role_keep_their_reading(
        text: str, words: str, name: str) -> None:
    q = one(quotes_of(text), words)
    assert q.speaker is not None and q.speaker.name == name


def test_both_of_some_things_are_not_two_people() -> None:
    q = one(quotes_of("Rep. Alan Pierce met Rep. Joan Hale on Monday. Both of the bills say that taxes "
                      "will rise."), "taxes will rise")
    assert q.speaker is None or " and " not in q.speaker.name


def test_a_report_from_a_two_word_country_is_not_the_country() -> None:
    q = one(quotes_of("The report from South Korea said the levy was illegal."), "the levy was illegal")
    assert q.speaker is not None and q.speaker.name != "South Korea"


def test_of_on_the_addressee_is_still_whom() -> None:
    from slant.analyze.parse import parse_text
    from slant.analyze.quotes.candidates import verb_candidates

    text = "Governor Ray Tillman told the head of the agency his plan."
    doc = parse_text(text)
    told = next(t for t in doc if t.text == "told")
    assert not any(text[a:b].startswith("the agency") for _, _, (a, b) in verb_candidates(doc, told))
