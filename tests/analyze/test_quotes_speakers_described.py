"""Speakers a description stands for: a predicate's subject ("Osk is another weary soldier
calling on …"), a plural role the article listed ("his attorneys Ann Roe and Bill Osk"), a
body its own sentence names ("The FBI … took crates the agency says …"), and no
chamber for its staff ("A House official", not "House"), nor a dateline's place for a plain
noun ("JACKSON, Miss. - Officials said"). Short texts written for these tests; every person,
group and place named here is invented."""

from __future__ import annotations

import pytest
from quote_helpers import quotes_of, speaker_name

pytestmark = pytest.mark.slow


def test_a_predicate_is_its_subject():
    text = "Sen. Bill Osk is one more tired knight urging his friends to hold the line against the levy."
    assert speaker_name(text, "hold the line") == "Bill Osk"


def test_remembered_as_a_role_who_spoke_is_that_person():
    assert speaker_name("You will recall Ann Roe as the union steward who in May told members to “walk out at "
                        "noon.”", "walk out") == "Ann Roe"
    assert speaker_name("Many remember Ann Roe as the steward who told members to “walk out at noon.”",
                        "walk out") == "Ann Roe"


def test_a_plural_role_is_the_people_listed_under_it():
    text = ("Velm Haig, who hired his Tarn attorneys Ann Roe and Bill Osk in May, faces no count yet. "
            "His attorneys say the grocer will keep helping the inquiry.")
    assert speaker_name(text, "keep helping") == "Ann Roe and Bill Osk"


def test_a_plural_role_with_another_possessive_is_not_that_list():
    text = ("Velm Haig, who hired his Tarn attorneys Ann Roe and Bill Osk in May, faces no count yet. "
            "Her lawyers said the hearing was moved.")
    assert speaker_name(text, "hearing was moved") == "Her lawyers"


def test_the_agency_is_the_body_its_own_sentence_is_about():
    text = ("The crates came from Tarn Arms Corporation, the filing notes. The FBI on Monday raided Velm's barn "
            "in Tarnby and took crates the agency says were stolen, the filing added.")
    agency = [q for q in quotes_of(text) if q.text == "were stolen"]
    assert len(agency) == 1 and agency[0].speaker is not None and agency[0].speaker.name == "FBI"


def test_the_agency_is_not_the_body_that_speaks_of_it():
    text = "The Velm Bureau said the agency had lied about the fund."
    assert speaker_name(text, "had lied") == "Velm Bureau"


def test_a_description_after_the_quote_is_not_whoever_spoke_just_before():
    # a description after "said" most often brings in someone new
    text = "Mayor Ann Roe said the plan would fail. “It is a fine plan,” said the president of the council, who backed it."
    assert speaker_name(text, "fine plan") != "Ann Roe"


def test_a_description_after_someone_who_did_not_speak_is_not_them():
    text = ("Tom Gold of the firm of Gold & Lee arrived late on Tuesday. “The odds that the council lets the "
            "toll lapse are nil,” said the co-founder of VelmBlog who has argued before the council.")
    assert speaker_name(text, "toll lapse") != "Tom Gold"


@pytest.mark.parametrize(("text", "words", "name"), [
    ("A House official familiar with the inquiry said the clerk was Ann Roe.", "the clerk", "A House official"),
    ("A Senate aide said the vote was late.", "the vote", "A Senate aide"),
    # a panel of the chamber acts for it
    ("A House panel voted to hold Osk in contempt, saying he had lied.", "he had lied", "House"),
])
def test_a_chambers_staff_do_not_speak_for_the_chamber(text, words, name):
    assert speaker_name(text, words) == name


def test_a_datelines_place_is_not_a_plain_nouns_body():
    text = "JACKSON, Miss. - Officials said on Tuesday that the bridge would close."
    assert speaker_name(text, "the bridge") == "Officials"


POSTS = (
    "Velm says the count was wrong\n"
    "The ledger “shows the board fudged the totals,” Velma Osk tweeted.\n"
    "NEW LEDGER: the cart; a slip in the depot shows the board fudged the tally for May.\n"
    "pic.twitter.com/abcdef — Velma Osk (@VelmaOsk) October 6, 2017\n"
    "Yet if the clerk truly worked alone and the slip is an honest error, some ledger would surely say so.\n"
    "Look, the cart stood by a lamp near the depot gate.\n"
    "Someone kept a log.\n"
    "https://t.co/abcdef — Velma Osk (@VelmaOsk) October 6, 2017\n"
    "The mayor, though, said that the tally might grow. Long queue at the ferry this morning. Grim. "
    "— Tom (@tomtarn) December 1, 2018\n"
)


def test_an_embedded_post_is_its_posters():
    by_text = {q.text: q for q in quotes_of(POSTS)}
    post = by_text["NEW LEDGER: the cart; a slip in the depot shows the board fudged the tally for May."]
    assert post.speaker is not None and post.speaker.name == "Velma Osk" and post.speech


def test_a_post_stops_at_the_narrators_lines_and_the_length_of_a_post():
    texts = {q.text for q in quotes_of(POSTS) if q.speaker is not None and q.speaker.name == "Velma Osk"}
    # 140 characters in 2017: not the narrator's "Yet if the clerk …" above the post
    assert "Look, the cart stood by a lamp near the depot gate.\nSomeone kept a log." in texts
    # nor the line that says who tweeted
    assert not any("Velma Osk tweeted" in t for t in texts)


def test_a_post_on_a_line_with_the_narrators_report_keeps_only_the_post():
    tom = [q for q in quotes_of(POSTS) if q.speaker is not None and q.speaker.name == "Tom"]
    assert [q.text for q in tom] == ["Long queue at the ferry this morning. Grim."]
    mayor = [q for q in quotes_of(POSTS) if "tally might grow" in q.text]
    assert mayor and mayor[0].speaker is not None and mayor[0].speaker.name == "The mayor"


def test_a_posts_display_name_is_not_a_longer_name_it_is_part_of():
    text = ("Tom Lane spoke at the rally on Monday.\n"
            "Long queue at the ferry this morning. Grim. — Tom (@tomtarn) December 1, 2018\n")
    q = next(q for q in quotes_of(text) if "queue" in q.text)
    assert q.speaker is not None and q.speaker.name == "Tom"


def test_words_a_paper_relays_end_before_according_to():
    # the paper keeps its own record of the report, as PolNeAR annotates nested sources
    text = "Roe said the raid was unlawful, according to the Tarn Herald."
    roe = [q for q in quotes_of(text) if q.speaker is not None and q.speaker.name == "Roe"]
    assert [q.text for q in roe] == ["the raid was unlawful"]


def test_according_to_a_paper_alone_is_the_papers():
    assert speaker_name("According to the Tarn Herald, the raid was unlawful.", "unlawful") == "Tarn Herald"


def test_who_after_a_name_in_apposition_is_that_person():
    text = "The toll might have been worse but for the mayor of Tarnby, Ann Roe, who tweeted a warning that the raid was near."
    assert speaker_name(text, "raid was near") == "Ann Roe"


def test_a_role_the_parse_tagged_as_an_adjective_still_speaks():
    assert speaker_name("The Osks hid the books to skew the audit, one official close to the OTB alleged.",
                        "skew the audit") == "one official"


def test_it_after_a_spokesperson_who_did_not_answer_is_their_organisation():
    text = ("The teacher marked the essay down, according to Tarn News. A representative for Velm Hill University "
            "gave no answer by Monday. On its feed, it said it refunded Ann Roe's fee for the class.")
    assert speaker_name(text, "refunded") == "Velm Hill University"


def test_calls_by_someone_are_theirs_and_whoever_defies_them_does_not_call():
    text = ("More Velmish farmers tried to join a march through Tarnia on Wednesday, defying calls by officials "
            "not to make the trip. Ann Roe ignored calls to resign.")
    qs = quotes_of(text)
    assert speaker_name(text, "make the trip") == "officials"
    assert not [q for q in qs if q.speaker is not None and q.speaker.name == "Ann Roe"]


def test_whoever_weighs_a_claim_did_not_make_it():
    text = ("The Tarn Times ran the story on Monday. More significantly, it bolsters the otherwise absurd claim that "
            "Osk is not a publisher but a spy.")
    said = [q for q in quotes_of(text) if q.speaker is not None]
    assert not [q for q in said if "a spy" in q.text]


def test_and_who_after_a_relative_clause_is_that_clauses_name():
    text = ("So the wardens who were on duty when the dam gave way, and who failed to act and declined even to look, "
            "and who now blame Osk for how he is handling it, will not be asked to lead again.")
    assert speaker_name(text, "Osk for how") == "the wardens"


def test_a_pronoun_after_a_role_of_something_takes_the_whole_role():
    text = ("The former head of the Tarn diocese was a leading light of the so-called Velm Circle, which he "
            "himself called a “club,” that worked against Osk for years.")
    assert speaker_name(text, "club") == "The former head of the Tarn diocese"


# guards from a review of these rules: each gave a wrong speaker before it was narrowed

def test_a_predicate_of_someones_kin_is_not_them():
    text = "Ann Roe's husband is another veteran calling on the council to drop the levy."
    assert speaker_name(text, "drop the levy") != "Ann Roe"


def test_replaced_as_is_not_a_description_of_the_one_replaced():
    text = "Roe replaced Bill Osk as the commissioner who told staff to “stop the audit.”"
    assert speaker_name(text, "stop the audit") != "Bill Osk"


def test_a_plural_role_with_a_clause_is_some_others():
    text = ("Velm Haig hired his Tarn attorneys Ann Roe and Bill Osk in May. Later, the attorneys who opposed "
            "the plan met. The attorneys said the plan would fail.")
    assert speaker_name(text, "plan would fail") != "Ann Roe and Bill Osk"


def test_an_official_in_a_reported_clause_does_not_make_it_their_body():
    text = ("The Tarn Times reported that officials at Velm Corp. knew of the leak. It said the leak began in May.")
    assert speaker_name(text, "began in May") != "Velm Corp."


def test_the_agency_in_a_clause_after_another_body_is_not_that_body():
    text = "The FTC has been looking at Tarn Bank. Velm Capital dropped its bid after the agency said the deal was unfair."
    assert speaker_name(text, "deal was unfair") != "Velm Capital"


def test_a_chambers_spokesman_speaks_for_it():
    assert speaker_name("A House spokesman said the vote was delayed.", "vote was delayed") == "House"


def test_a_post_of_a_photo_alone_is_not_the_narrators_line():
    text = ("Tarn rally ends early\n"
            "Ann Roe shared a photo of the square.\n"
            "pic.twitter.com/abc — Ann Roe (@annroe) May 3, 2018\n"
            "Lovely day at the square with friends.\n"
            "pic.twitter.com/abd — Bill Osk (@billosk) May 3, 2018\n"
            "pic.twitter.com/abe — Tom Lane (@tomlane) May 3, 2018\n")
    posts = {q.text: q.speaker.name for q in quotes_of(text) if q.cue is not None and q.cue.text == "—" and q.speaker}
    assert posts == {"Lovely day at the square with friends.": "Bill Osk"}


def test_according_to_plan_is_no_one():
    qs = quotes_of("Roe said the vote went ahead, according to plan.")
    assert not [q for q in qs if q.speaker is not None and q.speaker.name.lower() == "plan"]


def test_and_who_takes_the_nearest_relative_clause():
    text = ("Ann Roe, who chairs the board, met Bill Osk, the senator who wrote the bill and who said it would "
            "pass easily.")
    assert speaker_name(text, "pass easily") != "Ann Roe"


def test_said_a_bands_member_is_the_member():
    assert speaker_name("“It is late,” said U2’s Tarko on Monday.", "It is late") == "Tarko"
