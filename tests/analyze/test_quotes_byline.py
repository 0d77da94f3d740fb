"""The narrator's "I" is the article's author, from its metadata or a byline, where it gives
quoted words ("“No,” I said"); "I" without quote marks stays the outlet's own voice. Short
texts written for these tests; every person and outlet named here is invented."""

from __future__ import annotations

import pytest
from quote_helpers import one, quotes_of, speaker_name

from slant.analyze.quotes.byline import author_name

STORY = ("I told the judge that the fine was unfair. \"Nobody pays that much,\" I said. "
         "\"I am tired of it,\" the clerk told me.")


@pytest.mark.parametrize("text, author, name", [
    ("A Week in Court\n\nBy Ann Roe\n\n" + STORY, None, "Ann Roe"),
    ("A Week in Court\n\nBy Ann Roe, Velm Gazette\n\n" + STORY, None, "Ann Roe"),
    ("A Week in Court\n\n" + STORY + "\n\nArticle posted with permission from Ann Roe", None, "Ann Roe"),
    ("A Week in Court\n\n" + STORY, "Tom Lee", "Tom Lee"),
    ("A Week in Court\n\nBy Ann Roe\n\n" + STORY, "Tom Lee", "Tom Lee"),  # the metadata first
    ("A Week in Court\n\nBy Ann Roe and Tom Lee\n\n" + STORY, None, None),  # two authors: no one
    ("A Week in Court\n\n" + STORY, "Ann Roe and Tom Lee", None),
    ("A Week in Court\n\n" + STORY + "\n\nArticle posted with permission from Velm Media Group", None, None),
    ("A Week in Court\n\n" + STORY, None, None),
    ("Ann Roe: The truth about the harbour\n\n" + STORY, None, "Ann Roe"),  # an opinion piece's title
    ("Ann Roe: “I will fight on”\n\n" + STORY, None, None),  # a headline quoting her
    ("Velm Harbour: The truth\n\n" + STORY, None, None),
    ("Ann Roe: The truth about the harbour\n\nBy Tom Lee\n\n" + STORY, None, "Tom Lee"),
    ("A Week in Court\n\nBy Ann Roe, Staff Writer\n\n" + STORY, None, "Ann Roe"),
    # a sentence that opens with "By", a headline in someone's own words, a desk for an author
    ("Hotels\n\nBy August Bank Holiday, every hotel in Velm was full.\n\n" + STORY, None, None),
    ("Tom Lee: I will not quit\n\n" + STORY, None, None),
    ("A Week in Court\n\n" + STORY, "Velm Gazette Newsroom", None),
    ("A Week in Court\n\nBy Ann Roe\n\n" + STORY, "Velm Gazette Newsroom", "Ann Roe"),
])
def test_the_author_comes_from_metadata_or_a_byline(text, author, name):
    assert author_name(text, author) == name


@pytest.mark.slow
def test_the_narrators_quoted_words_are_the_authors():
    found = quotes_of("A Week in Court\n\nBy Ann Roe\n\n" + STORY)
    assert one(found, "Nobody pays").speaker.name == "Ann Roe"
    # without quote marks the narrator's "I" is the outlet's own voice, kept as "I"
    assert one(found, "the fine was unfair").speaker.name == "I"
    # someone else's "I" is theirs
    assert one(found, "tired of it").speaker.name == "the clerk"


@pytest.mark.slow
def test_the_pipeline_reads_the_author_from_the_article():
    from slant.models import Article
    from slant.pipeline import analyze_article

    analysis = analyze_article(Article(text="A Week in Court\n\n" + STORY, author="Tom Lee"))
    assert one(analysis.quotes, "Nobody pays").speaker.name == "Tom Lee"


@pytest.mark.slow
def test_no_author_leaves_the_narrator_as_i():
    assert one(quotes_of("A Week in Court\n\n" + STORY), "Nobody pays").speaker.name == "I"


@pytest.mark.slow
@pytest.mark.parametrize("text, name", [
    ("We are reprinting below Velm editor Jamie Glavin’s July 12, 2016 article, \"Nine Steps to Win\". Having "
     "written the article in the last year of the old government, the author argues that the new rules have "
     "saved lives.", "Jamie Glavin"),
    ("We read an essay by Tom Reyes last week. The author argues that the new rules have saved lives.", "Tom Reyes"),
    # a piece named with no author: "the author" stays as it is
    ("Ann Roe liked the book. The author argues that the new rules have saved lives.", "The author"),
])
def test_the_author_is_whoever_wrote_the_piece_just_named(text, name):
    assert speaker_name(text, "saved lives") == name


@pytest.mark.slow
def test_a_report_read_out_speaks_and_its_next_words_are_its_own():
    text = ("As I have noted before, other videos point to drones. “Footage has emerged that may show flashes,” "
            "read a statement from the Velm Council. “Despite claims, it remains unlikely.”")
    found = quotes_of(text)
    assert one(found, "Footage has emerged").speaker.name == "Velm Council"
    assert one(found, "remains unlikely").speaker.name == "Velm Council"


@pytest.mark.slow
def test_words_after_a_quote_with_no_speaker_named_are_no_earlier_speakers():
    text = ("Ann Roe spoke first. “We will fight on,” she said. Notes from the groups followed. "
            "“The limits must be clear,” was written on the wall. “The board cannot do as it likes.”")
    found = quotes_of(text)
    assert one(found, "fight on").speaker.name == "Ann Roe"
    last = one(found, "cannot do as it likes")
    assert last.speaker is None or last.speaker.name != "Ann Roe"


@pytest.mark.slow
def test_a_line_ending_in_a_comma_before_a_quote_introduces_it():
    text = ("Some of the criticism was sharp.\nIndeed, an old pupil of the priest emailed me on Monday saying,\n"
            "“I see that Fr.\nThomas Velm has been let go.\nHe was one of my tutors at Velm and he was kind.”\n")
    q = one(quotes_of(text), "I see that")
    assert q.speaker is not None and q.speaker.name == "an old pupil of the priest"
    assert "let go" in q.text  # the line break after "Fr." does not end the quote


@pytest.mark.slow
def test_a_newspaper_is_the_one_paper_named_just_after():
    text = ("A British newspaper alleges that Paul Mane secretly met Jules Ange at the embassy.\n"
            "Lawyers for Ange denied it.\nThe Velm Gazette, which did not name its sources, said that the two met.")
    assert speaker_name(text, "secretly met") == "Velm Gazette"
    two = ("A British newspaper alleges that Paul Mane secretly met Jules Ange at the embassy.\n"
           "The Velm Gazette and the Tarn Times both ran the story.")
    assert speaker_name(two, "secretly met") == "A British newspaper"


@pytest.mark.slow
def test_a_role_is_the_person_who_adds_to_its_words_in_the_next_sentence():
    text = ("Roe was found not guilty. The public defender wasted no time, saying Roe was “extremely relieved” by "
            "the outcome. Adachi added, “The jurors looked at the evidence.”")
    assert speaker_name(text, "extremely relieved") == "Adachi"
    # a sentence between them may bring in someone else; and a plural role is not one person
    gap = ("Roe was found not guilty. The public defender said Roe was relieved. Later the mayor spoke. "
           "Tom Lee added, “The jurors looked at the evidence.”")
    assert speaker_name(gap, "was relieved") == "The public defender"
    many = ("The stewards replied that the sound man went home at nine, but Velland continued to insist that "
            "the crowd hated his songs.")
    assert speaker_name(many, "sound man") == "The stewards"


@pytest.mark.slow
def test_a_paper_named_in_what_it_reports_is_not_the_paper():
    text = "A newspaper in Harbour reported that the Velm Times had invented the interview."
    assert speaker_name(text, "invented") == "A newspaper in Harbour"


@pytest.mark.slow
def test_the_author_is_not_whoever_wrote_the_pieces_topic():
    text = "Ann Roe's column on Tom Lee's speech drew complaints. The author said she stood by every word."
    assert speaker_name(text, "stood by") == "Ann Roe"


@pytest.mark.slow
def test_a_clause_before_the_next_paragraphs_own_cue_introduces_nothing():
    text = "Asked about the leaked message,\n\"We have no comment,\" Roe's spokesman Tom Brack said."
    assert speaker_name(text, "no comment") == "Tom Brack"
    assert not [q for q in quotes_of(text) if q.kind == "mixed"]


@pytest.mark.slow
def test_the_chief_of_a_body_is_the_person_whose_title_names_it():
    text = ("Velm - The Harbour Safety Board chief on Wednesday said the spill appeared to be under control. "
            "\"The next one could be worse,\" HSB Director Ann Roe told reporters.")
    assert speaker_name(text, "under control") == "Ann Roe"
    two = text + " HSB Deputy Director Tom Lee agreed."
    assert speaker_name(two, "under control") != "Tom Lee"


@pytest.mark.slow
def test_a_singular_they_is_the_person_who_spoke_of_themself_as_they():
    text = ("Ben Arnold wrote to Velm News about the grade. The professor said they'd take his concerns into "
            "account. \"Thank you for this link,\" they wrote.")
    assert speaker_name(text, "this link") == "The professor"
    plural = "The mayors met on Monday. The governor said they would need more money. \"We are broke,\" they wrote."
    assert speaker_name(plural, "We are broke") == "The mayors"
