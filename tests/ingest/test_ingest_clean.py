"""Lines that are not article text are left out at ingest, from plain text and HTML alike,
and recorded on the Article. Every text here is written for these tests."""

from __future__ import annotations

import pytest

from slant.ingest import read_html, read_text
from slant.ingest.clean import clean_text, line_kind

TITLE = "Harbour ferry fares to rise again"
P1 = ("The island's ferry company will raise its fares for the third time this year, its "
      "director said on Tuesday.")
P2 = "Fares for a return crossing will go up by a fifth from March, the company said."
P3 = ("“Nobody on this island can afford another increase,” said Mara Quill, who runs the "
      "harbour café.")


@pytest.mark.parametrize("line, kind", [
    ("13/11/2015 09:23 GMT | Updated 13/11/2015 10:00 GMT", "timestamp"),
    ("Published 3 hours ago", "timestamp"),
    ("Monday, 4 May 2020", "timestamp"),
    ("Passengers queue at the harbour on Monday. (AP Photo/Jo Roe)", "caption"),
    ("The ferry leaves at dawn. Photograph: Jo Roe/Reuters", "caption"),
    ("Photo: The ferry at dawn", "caption"),
    ("[Photo/Island Archive]", "caption"),
    ("READ MORE: Council votes on harbour plan", "related"),
    ("Related: the ferry dispute", "related"),
    ("WATCH:", "related"),
    ("Take our poll - Story continues below", "related"),
    ("Story continues below advertisement", "related"),
    ("Article continues below", "related"),
    ("Advertisement", "related"),
    ("Continue reading the main story", "related"),
    ("Island Days: Stories fro... Mara Quill Best Price: $3.15 Buy New $7.40 (as of 11:05 EDT - Details)",
     "related"),
    ("[Pre-Order Mara Quill's new book, Island Days: Stories from the Ferry, HERE.]", "related"),
    ("Buy the ebook here.", "related"),
    ("Share this article", "share"),
    ("Follow Mara Quill on Twitter", "share"),
    ("Facebook Twitter WhatsApp Email", "share"),
    ("Sign up to our daily newsletter", "newsletter"),
    ("Get the best island stories delivered to your inbox every morning.", "newsletter"),
])
def test_kinds_of_line_that_are_not_article_text(line, kind):
    assert line_kind(line) == kind


@pytest.mark.parametrize("line", [
    P1, P2, P3,
    "Watch out for the ferry, she said.",
    "More than 200 people came to the meeting.",
    "The plan was agreed in 2019 after years of delay.",
    "On Monday at 9am the doors opened.",
    "Related topics include housing and jobs, he said.",
    "She shared the photo with her neighbours.",
    "The story continues below the harbour wall, where the old ferry sank.",
    "Take our advice: the ferry is cheaper than the bridge, she said.",
    "Buy local, the mayor told the crowd gathered here.",
    "Order was restored by the time the ferry got here.",
])
def test_article_sentences_are_kept(line):
    assert line_kind(line) is None


def test_plain_text_without_boilerplate_is_kept_exactly():
    text = f"{TITLE}\n\n{P1}\n\n{P2}\n\n{P3}\n"
    article = read_text(text)
    assert article.text == text and article.removed == []


def test_removed_lines_are_recorded_with_their_offsets():
    caption = "Passengers queue at the harbour on Monday. (AP Photo/Jo Roe)"
    more = "READ MORE: Council votes on harbour plan"
    share = "Share this article"
    raw = f"{TITLE}\n\n{P1}\n\n{caption}\n\n{P2}\n\n{more}\n\n{P3}\n\n{share}\n"
    article = read_text(raw)
    assert article.text == f"{TITLE}\n\n{P1}\n\n{P2}\n\n{P3}\n\n"
    assert [(r.kind, r.text) for r in article.removed] == [
        ("caption", caption), ("related", more), ("share", share)]
    for r in article.removed:
        assert raw[r.start:r.end] == r.text
    assert article.title == TITLE


def test_a_poll_box_is_removed_up_to_its_terms_and_no_further():
    text = ("Mayors Back the River Plan\n\nThe council voted on the river plan.\n"
            "Take our poll - story continues below\n"
            "Which mayor has done most for the river?\n"
            "* Ann Roe Tom Lee Mia Cole\n"
            "Email *\n"
            "Town This field is for validation purposes; leave it blank.\n"
            "Completing this poll signs you up for River News updates at no cost.\n"
            "You may opt out whenever you like.\n"
            "You also agree to the River News Privacy Policy and Terms of Use.\n"
            "Who will it be, then?\n"
            "The plan goes to a second vote in May.\n")
    cleaned, removed = clean_text(text)
    assert "Ann Roe" not in cleaned and "Completing this poll" not in cleaned
    assert "Who will it be, then?" in cleaned and "second vote in May" in cleaned
    assert {r.kind for r in removed} == {"related"} and len(removed) == 8


def test_a_question_without_a_poll_box_is_article_text():
    text = "Title line\n\nThe council voted on Monday.\nWhich mayor has done most for the river?\n"
    assert clean_text(text) == (text, [])


def test_a_timestamp_line_is_not_the_title():
    raw = f"13/11/2015 09:23 GMT | Updated 13/11/2015 10:00 GMT\n\n{TITLE}\n\n{P1}\n"
    article = read_text(raw)
    assert article.title == TITLE
    assert article.text == f"{TITLE}\n\n{P1}\n"
    assert article.removed[0].kind == "timestamp"


def test_a_dateline_line_is_not_the_title():
    article = read_text(f"LONDON (Reuters) -\n\n{P1}\n")
    assert article.title is None


def test_a_headline_that_starts_like_a_prompt_stays():
    raw = f"Watch: ferry fares rise again\n\n{P1}\n"
    article = read_text(raw)
    assert article.text == raw and article.title == "Watch: ferry fares rise again"


def test_raw_reading_keeps_every_line():
    raw = f"{TITLE}\n\n{P1}\n\nShare this article\n"
    article = read_text(raw, clean=False)
    assert article.text == raw and article.removed == []


def test_only_boilerplate_is_kept_rather_than_emptied():
    text, removed = clean_text("Share this article\n")
    assert text == "Share this article\n" and removed == []


PAGE = f"""<!doctype html>
<html><head><meta charset="utf-8"><title>{TITLE}</title>
<meta property="og:title" content="{TITLE}"></head>
<body>
<nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
<article>
<h1>{TITLE}</h1>
<p>13/11/2015 09:23 GMT | Updated 13/11/2015 10:00 GMT</p>
<p>{P1}</p>
<p>Passengers queue at the harbour on Monday. (AP Photo/Jo Roe)</p>
<p>{P2}</p>
<p>READ MORE: Council votes on harbour plan</p>
<p>{P3}</p>
<p>Share this article</p>
<p>Sign up to our daily newsletter</p>
</article>
<footer>Copyright Harbour Herald</footer>
</body></html>
"""

TEXT_FILE = f"""{TITLE}

13/11/2015 09:23 GMT | Updated 13/11/2015 10:00 GMT

{P1}

Passengers queue at the harbour on Monday. (AP Photo/Jo Roe)

{P2}

READ MORE: Council votes on harbour plan

{P3}

Share this article

Sign up to our daily newsletter
"""


def test_the_same_article_from_text_and_from_html_gives_the_same_text():
    from_text = read_text(TEXT_FILE)
    from_html = read_html(PAGE, origin="ferry.html")
    assert from_html.text.rstrip() == from_text.text.rstrip()
    assert from_html.title == from_text.title == TITLE
    assert {r.kind for r in from_html.removed} == {r.kind for r in from_text.removed} == {
        "timestamp", "caption", "related", "share", "newsletter"}
    for article in (from_text, from_html):
        assert "Share this" not in article.text and "AP Photo" not in article.text


def test_removed_lines_are_noted_on_the_analysis():
    from slant.pipeline import build_pipeline

    article = read_text(f"{TITLE}\n\n{P1}\n\nShare this article\n")
    analysis = build_pipeline(only=["language"]).analyze(article)
    notes = [p for p in analysis.problems if p.stage == "ingest"]
    assert len(notes) == 1 and "share or follow prompt" in notes[0].message
    assert analysis.to_json_dict()["article"]["removed"][0]["kind"] == "share"
