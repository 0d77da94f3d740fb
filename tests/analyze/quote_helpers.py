"""Shared by the quotes tests: run parse + entities + quotes on a text and check that every
quote, cue and speaker span points at its own words."""

from __future__ import annotations

from slant.models import Quote


def quotes_of(text: str, author: str | None = None) -> list[Quote]:
    from slant.analyze.entities import extract_entities
    from slant.analyze.parse import parse_text
    from slant.analyze.quotes import extract_quotes

    doc = parse_text(text)
    quotes = extract_quotes(doc, extract_entities(doc), author)
    for q in quotes:
        assert text[q.start:q.end] == q.text
        for part in (q.cue, q.speaker):
            if part is not None:
                assert text[part.start:part.end] == part.text
    return quotes


def one(quotes: list[Quote], containing: str) -> Quote:
    found = [q for q in quotes if containing in q.text]
    assert found, f"no quote contains {containing!r}: {[q.text for q in quotes]}"
    return found[0]


def speaker_name(text: str, containing: str) -> str | None:
    """The name of the speaker of the first quote of ``text`` that contains ``containing``."""
    q = one(quotes_of(text), containing)
    return q.speaker.name if q.speaker is not None else None
