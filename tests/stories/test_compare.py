"""Comparing articles side by side."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from slant.errors import InputError
from slant.models import (
    Analysis,
    Article,
    Descriptor,
    Entity,
    Mention,
    Provenance,
    Quote,
    Span,
    Speaker,
    TechniqueSpan,
)
from slant.stories import compare, compare_ids
from slant.stories.compare import match_quotes


def _find(text: str, piece: str) -> tuple[int, int]:
    s = text.index(piece)
    return s, s + len(piece)


def make(aid: str, source: str, text: str, *, quotes=(), techniques=(), entities=()) -> Analysis:
    qs = []
    for piece, who in quotes:
        s, e = _find(text, piece)
        ws, we = _find(text, who)
        qs.append(Quote(start=s, end=e, text=piece, kind="direct",
                        speaker=Speaker(start=ws, end=we, text=who, name=who)))
    ts = [TechniqueSpan(start=_find(text, p)[0], end=_find(text, p)[1], text=p, technique=t, score=0.8)
          for t, p in techniques]
    es = []
    for name, descs in entities:
        ms, me = _find(text, name)
        es.append(Entity(name=name, type="PERSON", mentions=[Mention(start=ms, end=me)],
                         descriptors=[Descriptor(start=_find(text, d)[0], end=_find(text, d)[1],
                                                 text=d, kind="appositive") for d in descs]))
    return Analysis(article=Article(id=aid, text=text, source=source,
                                    published=datetime(2026, 5, 1, tzinfo=UTC)),
                    quotes=qs, techniques=ts, entities=es,
                    provenance=Provenance(slant_version="0.1.0"))


A = make("a1", "Left Post",
         'Reyes, a veteran reformer, spoke first. "The new harbour will bring jobs to every street," '
         'Reyes said. Holt said "this plan is a reckless gamble".',
         quotes=[('"The new harbour will bring jobs to every street,"', "Reyes"),
                 ('"this plan is a reckless gamble"', "Holt")],
         techniques=[("Loaded_Language", "reckless gamble")],
         entities=[("Reyes", ["a veteran reformer"]), ("Holt", [])])
B = make("b1", "Right Herald",
         'Reyes, a career politician, said: "the new harbour will bring jobs to every single street." '
         'Critics were not asked.',
         quotes=[('"the new harbour will bring jobs to every single street."', "Reyes")],
         techniques=[("Doubt", "Critics were not asked"), ("Loaded_Language", "career politician")],
         entities=[("Reyes", ["a career politician"])])


def test_profiles_per_article_and_outlet():
    cmp = compare([A, B], voice="all")
    prof = {p.id: p for p in cmp.articles}
    assert prof["a1"].techniques == {"Loaded_Language": 1}
    assert prof["b1"].spans == 2
    words_b = len(B.article.text.split())
    assert prof["b1"].spans_per_1000_words == round(2000 / words_b, 2)
    assert [o.source for o in cmp.outlets] == ["Left Post", "Right Herald"]


def _voiced(a: Analysis) -> Analysis:
    from slant.models import StageProvenance
    from slant.voice import with_voice

    prov = Provenance(slant_version="0.1.0", stages=[StageProvenance(name="quotes", version="1")])
    return with_voice(a.model_copy(update={"provenance": prov}))


def test_technique_profiles_default_to_the_narrator_with_quoted_beside():
    a, b = _voiced(A), _voiced(B)
    cmp = compare([a, b])
    prof = {p.id: p for p in cmp.articles}
    # A's only span is inside Holt's quote: none of A's own words are loaded.
    assert (prof["a1"].voice, prof["a1"].spans, prof["a1"].techniques) == ("narrator", 0, {})
    assert prof["a1"].quoted is not None and prof["a1"].quoted.technique_spans == 1
    assert prof["b1"].spans == 2 and prof["b1"].narrator is not None
    assert prof["b1"].words == prof["b1"].narrator.words < len(B.article.text.split())
    left = next(o for o in cmp.outlets if o.source == "Left Post")
    assert (left.spans, left.quoted.technique_spans) == (0, 1)
    quoted = {p.id: p for p in compare([a, b], voice="quoted").articles}
    assert quoted["a1"].techniques == {"Loaded_Language": 1}
    # Articles whose voice is unknown count only under "all".
    assert {p.id: p.spans for p in compare([A, B]).articles} == {"a1": 0, "b1": 0}
    with pytest.raises(InputError, match="voice must be"):
        compare([a, b], voice="both")


def test_who_is_quoted_by_one_side_only():
    cmp = compare([A, B])
    sides = {s.speaker: s for s in cmp.speakers}
    assert sides["Reyes"].outlets == ["Left Post", "Right Herald"]
    assert not sides["Reyes"].only_one_side
    assert sides["Holt"].only_one_side and sides["Holt"].outlets == ["Left Post"]


def test_shared_entities_and_their_labels():
    cmp = compare([A, B])
    assert [e.entity for e in cmp.entities] == ["Reyes"]  # Holt is in one article only
    assert cmp.entities[0].by_outlet == {"Left Post": ["a veteran reformer"],
                                         "Right Herald": ["a career politician"]}


def test_near_duplicate_quotes_across_outlets():
    (match,) = compare([A, B]).quotes
    assert match.outlets == ["Left Post", "Right Herald"]
    assert {o.article_id for o in match.occurrences} == {"a1", "b1"}
    assert match.similarity >= 0.6
    # a stricter threshold separates them
    assert match_quotes([A, B], threshold=0.95) == []


def test_needs_two_articles():
    with pytest.raises(InputError):
        compare([A])


def test_compare_ids_reports_unknown_ids():
    class Fake:
        def get_many(self, ids):
            return [x for x in (A, B) if x.article.id in ids]

        def story(self, sid):
            return None

    assert [p.id for p in compare_ids(Fake(), ["a1", "b1"]).articles] == ["a1", "b1"]
    with pytest.raises(InputError, match="no stored article with id zz"):
        compare_ids(Fake(), ["a1", "zz"])


def test_who_is_quoted_lists_speech_not_actions():
    text = "Holt backed the harbour plan in the vote. Reyes said the plan would bring jobs."
    c = make("c1", "Left Post", text)
    backed = Quote(start=_find(text, "the harbour plan")[0], end=_find(text, "the harbour plan")[1],
                   text="the harbour plan", kind="indirect", speech=False,
                   cue=Span(start=5, end=11, text="backed"),
                   speaker=Speaker(start=0, end=4, text="Holt", name="Holt"))
    s, e = _find(text, "the plan would bring jobs")
    said = Quote(start=s, end=e, text=text[s:e], kind="indirect", speech=True,
                 speaker=Speaker(start=_find(text, "Reyes")[0], end=_find(text, "Reyes")[1],
                                 text="Reyes", name="Reyes"))
    c.quotes = [backed, said]
    cmp = compare([c, B])
    assert "Holt" not in {s.speaker for s in cmp.speakers}
    assert {p.id: p.speakers for p in cmp.articles}["c1"] == ["Reyes"]
