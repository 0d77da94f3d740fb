"""A speech verb's forms share what train learned: a form seen rarely with a pattern borrows
the pooled counts of its verb's other forms, when those attribute reliably."""

from __future__ import annotations

import pytest
from quote_helpers import quotes_of

from slant.analyze.quotes import cues


@pytest.fixture
def counts(monkeypatch: pytest.MonkeyPatch):
    def use(table: dict[str, tuple[int, int]]) -> None:
        monkeypatch.setattr(cues, "learned_counts", lambda: table)
        cues.stem_counts.cache_clear()
        cues.fires.cache_clear()

    yield use
    cues.stem_counts.cache_clear()
    cues.fires.cache_clear()


def test_unseen_form_borrows_a_reliable_verb(counts) -> None:
    # "reiterated the point" attributes on train; "reiterates" was never seen with an object
    counts({"reiterated|dobj": (11, 12), "reiterating|dobj": (1, 2)})
    assert cues.fires("reiterates|dobj")
    assert cues.pattern_precision("reiterates|dobj") >= cues.STEM_PRIOR_MIN


def test_unreliable_verb_lends_nothing(counts) -> None:
    # "told X" is as often an action as speech: its other forms borrow nothing
    counts({"told|dobj": (17, 46)})
    assert not cues.fires("tells|dobj")
    assert cues.pattern_precision("tells|dobj") == 0.0


def test_own_counts_still_decide(counts) -> None:
    # a form seen often enough keeps its own record, whatever its verb's other forms do
    counts({"reiterated|dobj": (11, 12), "reiterates|dobj": (0, 20)})
    assert not cues.fires("reiterates|dobj")


def test_not_a_speech_verb_borrows_nothing(counts) -> None:
    counts({"backed|dobj": (30, 31)})
    assert not cues.fires("backs|dobj")


def test_pooled_with_the_shipped_lexicon() -> None:
    cues.stem_counts.cache_clear()
    cues.fires.cache_clear()
    pooled = cues.stem_counts()
    if not pooled:
        pytest.skip("cues.json is absent")
    hits, seen = pooled["say|ccomp"]
    assert 0 < hits <= seen


@pytest.mark.parametrize(("sentence", "words", "cue"), [
    ("Mayor Ann Roe stresses the importance of the new water plant.",
     "the importance of the new water plant", "stresses"),
    ("Mayor Ann Roe reiterates her support for the new water plant.",
     "her support for the new water plant", "reiterates"),
    ("The council warns against the new water plant.", "the new water plant", "warns against"),
])
def test_rare_forms_of_reliable_verbs_attribute(sentence: str, words: str, cue: str) -> None:
    cues.stem_counts.cache_clear()
    cues.fires.cache_clear()
    quotes = quotes_of(sentence)
    assert [(q.text, q.cue.text if q.cue else None, q.speech) for q in quotes] == [(words, cue, True)]
