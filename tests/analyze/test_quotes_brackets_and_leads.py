"""Where reported words end and start around brackets, fronted phrases and dangling links,
and who an unnamed attacker's pronouns are.

- words the parse cut inside a bracket ("sponsored Lee's (D-CA") run to the closing bracket
  when it follows on the same line; a citation ("(Eccles 1:9", "(p. 58") is cut off instead;
- a fronted phrase before a set-in cue ("Given his long record, Roe said, he …") is the
  narrator's, not the speaker's words;
- a dangling "and then" after the words is cut;
- "he" two sentences after "A man with a knife attacked …" is that man, not a person named
  further back.

Short texts written for these tests; every person named here is invented."""

from __future__ import annotations

import pytest
from quote_helpers import one, quotes_of

pytestmark = pytest.mark.slow


def test_words_cut_inside_a_bracket_run_to_its_close():
    text = ("Additionally, Mr. Velm said that Roe voted against the bill and sponsored Senator Ann "
            "Lee's (D-CA) \"Open Borders Bill.\" Few agreed.")
    q = one(quotes_of(text), "voted against the bill")
    assert q.text.endswith("(D-CA)")


@pytest.mark.parametrize("cite", ["(Eccles 1:9)", "(p. 58)", "(48:29)"])
def test_a_citation_after_the_words_is_cut(cite):
    text = f"The old preacher says there is nothing new under the sun {cite} and we agree."
    for q in quotes_of(text):
        assert "(" not in q.text, q.text


def test_a_fronted_phrase_before_a_set_in_cue_is_the_narrators():
    text = "Given his long experience watching the council stall, Roe said, he has set his hopes low."
    q = one(quotes_of(text), "set his hopes low")
    assert q.text.startswith("he has set")


def test_a_dangling_and_then_is_cut():
    from slant.analyze.quotes.content import trimmed

    text = "first saying that there were unspecified errors and then, on Thursday, releasing a note"
    start = text.index("that")
    end = text.index(", on Thursday")
    s, e = trimmed(text, start, end, "indirect", None)
    assert text[s:e] == "that there were unspecified errors"


def test_he_after_an_unnamed_attacker_is_the_attacker():
    text = ("Ann Roe was tried in Paris last year. Kobi Lee was arrested in May. Such cases are common. "
            "A masked attacker knifed three travellers at a bus depot outside Graz. "
            "Between the blows, he also yelled that the travellers were traitors. "
            "A girl heard him say, \"You will pay.\"")
    quotes = quotes_of(text)
    for words in ("traitors", "You will pay"):
        q = one(quotes, words)
        assert q.speaker is not None and q.speaker.name == "A masked attacker"


def test_he_after_a_named_suspect_stays_the_suspect():
    text = ("A masked attacker knifed three travellers at a bus depot outside Graz. "
            "Police later named the suspect as Kobi Lee, 27. "
            "He told officers that he acted alone.")
    q = one(quotes_of(text), "acted alone")
    assert q.speaker is not None and q.speaker.name == "Kobi Lee"


def test_the_words_a_hearer_was_told_are_words_not_the_hearer():
    from slant.analyze.parse import parse_text

    text = "Dana Velm told officers they were splitting up, and that he left when she phoned the police."
    doc = parse_text(text)
    splitting = next(t for t in doc if t.text == "splitting")
    assert splitting.dep_ == "ccomp" and splitting.head.text == "told"
    q = one(quotes_of(text), "splitting up")
    assert q.text == "they were splitting up" and q.content == "words"


def test_what_the_narrator_adds_with_who_also_is_cut():
    q = one(quotes_of("Velm told reporters he would \"gladly\" extend an invitation to the palace to "
                      "Orr, who also heralded a new era."), "invitation")
    assert q.text.endswith("to Orr")


def test_writing_for_a_paper_is_where_not_what():
    text = ("Writing for the Velm Globe, which broke the scandal in 2001, Kevin Orr wrote, "
            "\"Mark the day the promise ended.\"")
    quotes = quotes_of(text)
    assert not one(quotes, "Velm Globe").speech
    assert one(quotes, "Mark the day").speech


@pytest.mark.parametrize(("text", "words"), [
    ("The coroner said the bullet left an entry wound, which implied that he was shot from the front.",
     "the bullet left an entry wound"),
    ("The paper reported that the judge ordered new hearings for the men, meaning they must be released soon.",
     "that the judge ordered new hearings for the men"),
    ("Roe testified that she had spoken to Ann Lee, which the inspector declined to confirm.",
     "that she had spoken to Ann Lee"),
])
def test_the_narrators_inference_after_the_words_is_cut(text, words):
    q = one(quotes_of(text), words[:20])
    assert q.text == words


def test_the_narrators_source_after_the_words_is_cut():
    from slant.analyze.quotes.content import trimmed

    text = "he had bought the gun in May, according to court documents"
    s, e = trimmed(text, 0, len(text), "indirect", None)
    assert text[s:e] == "he had bought the gun in May"
