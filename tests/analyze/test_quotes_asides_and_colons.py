"""Direct quotes the parse left unattached: a speaker set off by an apposition after the
words, and a quote after a colon that closes the speaker's own clause.

- "“…,” Ann Roe, the director of the bureau, said" is Roe's, even where the parse hung
  "said" on the quoted verb;
- "Roe went even further: “…”" is Roe's words, and speech: the colon and the marks give
  them;
- a passive ("Roe was asked: “…”"), a verb of taking words in ("Lee received this reply
  from Roe: “…”") or an impersonal "it" ("it gets worse: “…”") gives no speaker.

Short texts written for these tests; every person named here is invented."""

from __future__ import annotations

import pytest
from quote_helpers import one, quotes_of

pytestmark = pytest.mark.slow


def test_a_speaker_set_off_by_an_apposition_after_the_words():
    text = ("The page has been taken down.\n\n''Phones work as a way to sell books, as a way to "
            "promote films, and it works as a way to spread hate - to sell fear,'' Ann B. Roe Jr., "
            "the director of the Federal Bureau of Statistics, said at a news conference in Ohio in May.")
    q = one(quotes_of(text), "Phones work")
    assert q.speaker is not None and q.speaker.name == "Ann B. Roe Jr."
    assert q.cue is not None and q.cue.text == "said"


def test_a_quote_after_a_colon_is_the_clause_subjects_speech():
    text = ("In a radio interview later that day, Ann Roe went even further: \"If he runs and "
            "loses, it is the end of his career.\"")
    q = one(quotes_of(text), "end of his career")
    assert q.speaker is not None and q.speaker.name == "Ann Roe"
    assert q.cue is not None and q.cue.text == "went"
    assert q.speech


@pytest.mark.parametrize("text", [
    "Ann Roe was asked: \"Will you meet him before the vote?\"",
    "Tom Lee received the following reply from the clerk: \"We will not meet him before the vote.\"",
    "And it gets even worse: \"The audit found the money was never spent.\"",
])
def test_no_speaker_from_a_colon_after_a_passive_a_taking_verb_or_it(text):
    q = one(quotes_of(text), "the vote" if "vote" in text else "never spent")
    assert q.speaker is None or q.speaker.name not in ("Ann Roe", "Tom Lee", "it"), q.speaker
