""""As X noted, …": the cue hangs through "as" on the clause it reports."""

from __future__ import annotations

import pytest
from quote_helpers import quotes_of


def test_as_clause_reports_the_main_clause() -> None:
    quotes = quotes_of("As the Valley Ledger noted, the mine raised more than $2 million from "
                       "investors last year.")
    spoken = [q for q in quotes if q.speech]
    assert len(spoken) == 1
    q = spoken[0]
    assert q.text == "the mine raised more than $2 million from investors last year"
    assert q.cue is not None and q.cue.text == "noted"
    assert q.speaker is not None and "Valley Ledger" in q.speaker.name


@pytest.mark.parametrize("sentence", [
    "As he joked with reporters, his younger brother grew impatient.",
    "As the mayor walked in, the crowd cheered loudly.",
    "As expected, the council voted for the mine.",
])
def test_as_of_time_or_manner_reports_nothing(sentence: str) -> None:
    assert [q.text for q in quotes_of(sentence) if q.speech] == []


def test_as_clause_leaves_a_reported_clause_to_its_own_cue() -> None:
    quotes = quotes_of("As we noted, Mayor Ann Roe said that the mine would close in June.")
    spoken = [q for q in quotes if q.speech]
    assert [(q.text, q.cue.text if q.cue else None) for q in spoken] == [
        ("that the mine would close in June", "said")]
