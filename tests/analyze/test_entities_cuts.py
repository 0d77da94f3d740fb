"""Names NER runs past their end are cut to the name: a headline's verb, a quote mark, a
possessive joining two names, an acronym's open bracket, a lowercase verb. Short texts
written for these tests; every person named here is invented."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def names(text: str) -> set[str]:
    from slant.analyze.entities import extract_entities
    from slant.analyze.parse import parse_text

    return {e.name for e in extract_entities(parse_text(text))}


def test_a_headline_verb_is_not_part_of_the_name():
    found = names("Tom Hale Accused of Inaction in Harrow Abuse Cases\n\nHale said nothing.")
    assert "Tom Hale" in found
    assert not any("Accused" in n for n in found)


def test_a_quote_mark_ends_a_persons_name():
    found = names("Tovin Hale Slams “Disgraceful Verdict” After Jury Acquits Killer\n\nHale said it.")
    assert "Tovin Hale" in found
    assert not any("“" in n for n in found)


def test_a_possessive_joins_two_names_not_one():
    found = names("The report was written by Harrow Dream’s Reza Marashi.")
    assert "Reza Marashi" in found
    found = names("“We live in a time,” said U2’s Bono this week, “when the old order is under attack.”")
    assert not any("’s" in n for n in found)
    assert not any("’s" in n for n in found)


def test_an_unclosed_bracket_is_not_part_of_an_organisations_name():
    found = names("The World Health Organization (WHO) said it would send a team.")
    assert "World Health Organization" in found
    assert not any("(" in n for n in found)


def test_a_lowercase_verb_is_not_part_of_a_persons_name():
    found = names("Yet that was the aim. As St Pope John XXIII explained, “Its task will be renewal.”")
    assert not any("explained" in n for n in found)
