"""Short quotes that are speech: "“Certainly,” she said." opens its sentence, ends in a comma
inside the marks and goes on to a verb of saying, so it is the speaker's word, not the
narrator's scare quote; a term inside the narrator's sentence stays a term. So is a whole
short utterance (ending in ".", "!" or "?") right after a verb of saying ("she said, “No.”").
Short texts written for these tests; every person named here is invented."""

from __future__ import annotations

import pytest
from quote_helpers import one, quotes_of

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def run():
    return quotes_of


@pytest.mark.parametrize("text,word,speaker", [
    ("Mayor Ann Roe met the press. “Certainly,” Roe said.", "Certainly", "Ann Roe"),
    ("Mayor Ann Roe met the press. “Certainly not,” Roe said of the chance of a delay.",
     "Certainly not", "Ann Roe"),
    ("“Follow us,” Maria Gil said, and the boys trailed behind.", "Follow us", "Maria Gil"),
    ("“Between ourselves, we know,” a former Council staffer said of the worst culprits.",
     "Between", "a former Council staffer"),
    # a whole short utterance right after a verb of saying
    ("Asked if she would stay, Mayor Ann Roe shook her head and said, “No.”", "No.", "Ann Roe"),
    ("When the senator thanked the crowd, a man yelled “Stay there!”", "Stay there", "a man"),
    ("Host Tom Bale then asked, “With tanks?”", "With tanks", "Tom Bale"),
    ("Ali Sen, a refugee, stabbed two people in The Hague while shouting, “Go home.”",
     "Go home", "Ali Sen"),
])
def test_a_short_quote_beside_its_verb_of_saying_is_speech(run, text, word, speaker):
    q = one(run(text), word)
    assert q.kind == "direct" and q.speech
    assert q.speaker is not None and q.speaker.name == speaker


def test_a_split_quote_opening_short_is_speech_in_both_halves(run):
    quotes = run("Governor Ann Roe spoke on Friday. “My hope,” Roe said, “is that the plan will fail.”")
    first, second = one(quotes, "My hope"), one(quotes, "is that")
    assert first.speech and second.speech
    assert first.speaker.name == second.speaker.name == "Ann Roe"


@pytest.mark.parametrize("text,word", [
    ("The word she used was “unacceptable.”", "unacceptable"),
    ("The so-called “experts” said nothing of use.", "experts"),
    ("He called the plan a “triumph,” and the council agreed.", "triumph"),
])
def test_a_short_quote_inside_the_narrators_sentence_stays_a_term(run, text, word):
    assert one(run(text), word).kind in ("scare", "term", "mixed", "indirect")
    assert not [q for q in run(text) if q.kind == "direct" and word in q.text]
