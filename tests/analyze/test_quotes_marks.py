"""Pairing quote marks: every style, nesting, paragraphs, and bad input (no model needed)."""

from __future__ import annotations

from slant.analyze.quotes.marks import find_quoted


def quoted(text: str) -> list[str]:
    return [text[q.start:q.end] for q in find_quoted(text)]


def test_curly_double_quotes():
    assert quoted("Ana Ruiz said “the bridge is safe” on Monday.") == ["“the bridge is safe”"]


def test_straight_double_quotes():
    assert quoted('He said "we will win" and "we will stay".') == ['"we will win"', '"we will stay"']


def test_two_apostrophes_are_a_double_mark():
    text = "She said ''we will stay,'' and it's ''fine''."
    assert quoted(text) == ["''we will stay,''", "''fine''"]
    (q, _) = find_quoted(text)
    assert text[q.inner[0]:q.inner[1]] == "we will stay,"


def test_guillemets_and_low_opening_mark():
    assert quoted("Elle a dit «non merci» hier.") == ["«non merci»"]
    assert quoted("Er sagte „nein“ und ging.") == ["„nein“"]


def test_single_quotes_at_top_level():
    assert quoted("The self-described ‘charity’ met again.") == ["‘charity’"]
    assert quoted("The self-styled 'patriots' marched.") == ["'patriots'"]


def test_apostrophes_are_not_quotes():
    assert quoted("The voters’ choice isn’t easy, and it's late.") == []


def test_nested_quotes_stay_inside_the_outer_quote():
    text = "She said “he called it ‘a farce’ twice” and left."
    assert quoted(text) == ["“he called it ‘a farce’ twice”"]


def test_multi_sentence_quote():
    text = "“We tried. We failed. We will try again,” the coach said."
    assert quoted(text) == ["“We tried. We failed. We will try again,”"]


def test_quote_continues_into_the_next_paragraph():
    text = "“The first paragraph of the speech.\n\n“And the second one,” she said."
    (q,) = find_quoted(text)
    assert text[q.start:q.end] == text[: text.index(" she")]


def test_never_closed_mark_ends_with_its_paragraph():
    text = "He said “this never closes.\n\nA new paragraph with “a real quote” here."
    got = quoted(text)
    assert got[0] == "“this never closes."
    assert got[1] == "“a real quote”"


def test_stray_straight_closer_at_paragraph_end_opens_nothing():
    text = 'He said it was over. Nobody agreed."\n\n"A real quote," she said.'
    assert quoted(text) == ['"A real quote,"']


def test_unbalanced_closing_mark_is_ignored():
    assert quoted("A stray” mark, then “a quote” here.") == ["“a quote”"]


def test_two_thousand_marks_are_linear():
    text = " ".join(["“a” b"] * 1000) + " " + "\"" * 2000
    got = find_quoted(text)
    assert len(got) >= 1000
    assert all(q.end > q.start for q in got)


def test_text_without_marks_or_sentences():
    assert quoted("") == []
    assert quoted("no marks at all just words") == []


def test_quote_closed_a_few_lines_on_spans_the_line_breaks():
    # one sentence a line (or hard-wrapped text): the breaks fall inside the quote
    text = "“The bridge is safe.\nWe checked it twice,” said Ana Ruiz.\nShe left."
    assert quoted(text) == ["“The bridge is safe.\nWe checked it twice,”"]
    straight = 'He said "we will win.\nWe always do," and left.'
    assert quoted(straight) == ['"we will win.\nWe always do,"']
    # apostrophes and nested single quotes on the lines between stay inside
    nested = "“I was like, ‘Whoa!\nWhoa!’ It didn’t sit right.\nIt disturbed me,” he said."
    assert quoted(nested) == [nested[: nested.index(" he said")]]


def test_quote_left_open_is_not_closed_after_a_blank_line_another_mark_or_far_on():
    for blank in ("\n\n", "\r\n\r\n", "\n\t\n"):
        text = f"“The bridge is safe.{blank}We checked it,” said Ana Ruiz."
        assert quoted(text)[0] == "“The bridge is safe."
    text = "“The bridge is safe.\nThe “old” one, he said.”"
    assert quoted(text)[0] == "“The bridge is safe."
    text = "“The bridge is safe.\nOne.\nTwo.\nThree.\nWe checked it,” said Ana Ruiz."
    assert quoted(text)[0] == "“The bridge is safe."
