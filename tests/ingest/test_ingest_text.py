"""Plain text: the PTC layout (title, empty line, body); Article.text is the whole text."""

from __future__ import annotations

import pytest

from slant.errors import InputError
from slant.ingest import detect_title, read_text

BODY = "The council met on Monday.\n\nIt voted to close the pool, the chair said.\n"


def test_title_then_empty_line_is_the_title():
    text = "Pool to close in June\n\n" + BODY
    article = read_text(text, origin="pool.txt")
    assert article.title == "Pool to close in June"
    assert article.text == text  # title line kept, so file offsets are Article.text offsets
    assert article.origin == "pool.txt"
    start = text.index("closes") if "closes" in text else text.index("close the pool")
    assert article.text[start : start + 14] == "close the pool"


def test_no_empty_line_after_first_line_means_no_title():
    text = "The council met on Monday.\nIt voted to close the pool.\n"
    assert read_text(text).title is None
    assert read_text(text).text == text


def test_single_line_is_not_a_title():
    assert detect_title("Just one line of text\n\n") is None


def test_crlf_layout_and_markdown_heading():
    assert detect_title("# Pool to close\r\n\r\nBody here.\r\n") == "Pool to close"


def test_leading_empty_line_means_no_title():
    assert detect_title("\nPool to close\n\nBody here.") is None


def test_overlong_first_line_is_a_paragraph_not_a_title():
    assert detect_title("word " * 100 + "\n\nBody here.") is None


def test_explicit_title_wins():
    article = read_text("Headline\n\nBody here.", title="From the command line")
    assert article.title == "From the command line"
    assert article.text == "Headline\n\nBody here."


def test_same_text_same_id_and_url_changes_it():
    a, b = read_text("Body here, twice."), read_text("Body here,   twice.")
    assert a.id == b.id
    assert read_text("Body here, twice.", url="https://a.test/x").id != a.id


@pytest.mark.parametrize("text", ["", "  \n \t\n"])
def test_empty_text_is_refused(text):
    with pytest.raises(InputError, match=r"^x.txt: empty text$"):
        read_text(text, origin="x.txt")
