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
from slant.utterances import link_parts


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
    labels = cmp.entities[0].by_outlet
    assert labels["Left Post"].own == ["a veteran reformer"]
    assert labels["Right Herald"].own == ["a career politician"]


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


def test_actors_join_surname_and_full_name_across_outlets():
    full = make("c1", "Left Post", 'Curtis Bale, a union man, spoke. "The jobs are real and they are here," '
                'Curtis Bale said.', quotes=[('"The jobs are real and they are here,"', "Curtis Bale")],
                entities=[("Curtis Bale", ["a union man"])])
    short = make("c2", "Right Herald", 'Bale, a lobbyist, repeated it: "the jobs are real and they are here."',
                 quotes=[('"the jobs are real and they are here."', "Bale")],
                 entities=[("Bale", ["a lobbyist"])])
    cmp = compare([full, short])
    (sp,) = cmp.speakers
    assert sp.speaker == "Curtis Bale" and sp.outlets == ["Left Post", "Right Herald"]
    assert not sp.only_one_side
    (ent,) = cmp.entities
    assert ent.entity == "Curtis Bale" and set(ent.names) == {"Curtis Bale", "Bale"}
    assert ent.by_outlet["Right Herald"].own == ["a lobbyist"]
    (m,) = cmp.quotes
    assert {o.speaker for o in m.occurrences} == {"Curtis Bale"}
    quoted = {o.source: [q.actor for q in o.quoted_actors] for o in cmp.outlets}
    assert quoted == {"Left Post": ["Curtis Bale"], "Right Herald": ["Curtis Bale"]}


def test_stored_actor_links_win():
    from types import SimpleNamespace

    links = {"a1": {"reyes": SimpleNamespace(actor_id=7, name="Ana Reyes")},
             "b1": {"reyes": SimpleNamespace(actor_id=7, name="Ana Reyes")}}
    cmp = compare([A, B], actors=links)
    assert {s.speaker: s.actor_id for s in cmp.speakers}["Ana Reyes"] == 7


def _voiced(a):
    """``a`` with the voice stage's verdicts: a span inside a quote is quoted speech."""
    from slant.models import StageProvenance

    out = a.model_copy(deep=True)
    out.provenance.stages.append(StageProvenance(name="voice", version="1"))
    for t in out.techniques:
        inside = [i for i, q in enumerate(out.quotes) if q.start <= t.start and t.end <= q.end]
        t.voice, t.quote_index = ("quoted", inside[0]) if inside else ("narrator", None)
    return out


def test_narrator_voice_leaves_out_spans_inside_quotes():
    # "reckless gamble" is inside Holt's quote: the outlet quotes it, it does not say it
    va, vb = _voiced(A), _voiced(B)
    assert compare([va, vb], voice="all").articles[0].techniques == {"Loaded_Language": 1}
    cmp = compare([va, vb], voice="narrator")
    assert cmp.voice == "narrator" and cmp.articles[0].techniques == {}
    assert cmp.articles[1].techniques == {"Doubt": 1, "Loaded_Language": 1}
    with pytest.raises(InputError):
        compare([va, vb], voice="loud")


def test_labels_inside_quotes_are_not_the_outlets_own_words():
    text = 'Reyes, a fine mayor, spoke. Holt said "Reyes is a dangerous fool" today.'
    a = make("q1", "Left Post", text, entities=[("Reyes", ["a fine mayor", "a dangerous fool"])])
    b = make("q2", "Right Herald", "Reyes, a career politician, spoke.", entities=[("Reyes", ["a career politician"])])
    a.quotes.append(Quote(start=text.index('"Reyes'), end=text.index(' today'), kind="direct",
                          text=text[text.index('"Reyes'):text.index(' today')]))
    lab = compare([a, b]).entities[0].by_outlet["Left Post"]
    assert lab.own == ["a fine mayor"] and lab.quoted == ["a dangerous fool"]


def test_a_shorter_excerpt_of_a_quote_is_the_same_quote():
    a = make("x1", "Left Post", 'Reyes said "we will build the harbour this year whatever the cost to the town".',
             quotes=[('"we will build the harbour this year whatever the cost to the town"', "Reyes")])
    b = make("x2", "Right Herald", 'Reyes said "build the harbour this year whatever the cost".',
             quotes=[('"build the harbour this year whatever the cost"', "Reyes")])
    (m,) = compare([a, b]).quotes
    assert m.outlets == ["Left Post", "Right Herald"]


def test_timeline_and_grouped_sides():
    from datetime import timedelta

    late = B.model_copy(deep=True)
    late.article.published = A.article.published + timedelta(hours=5)
    late.article.id = "b2"
    cmp = compare([late, A, B], sides={"Left Post": "left", "Right Herald": "right"}, group_by="lean")
    assert [o.source for o in cmp.outlets] == ["left", "right"]
    assert cmp.outlets[1].outlets == ["Right Herald"] and len(cmp.outlets[1].articles) == 2
    assert [t.article_id for t in cmp.timeline][-1] == "b2"
    assert [t.first_for_side for t in cmp.timeline] == [True, True, False]


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


def test_a_quote_split_by_its_cue_matches_the_same_words_printed_whole_and_counts_once():
    whole = make("w1", "Left Post", '"The harbour stays open and the jobs stay here," said Ann Velm.',
                 quotes=[('"The harbour stays open and the jobs stay here,"', "Ann Velm")])
    text = '"The harbour stays open," said Ann Velm, "and the jobs stay here." She left.'
    split = make("s1", "Right Herald", text, quotes=[('"The harbour stays open,"', "Ann Velm"),
                                                      ('"and the jobs stay here."', "Ann Velm")])
    cue = Span(start=text.index("said"), end=text.index("said") + 4, text="said")
    split.quotes = link_parts(text, [q.model_copy(update={"cue": cue}) for q in split.quotes])
    assert [q.continues for q in split.quotes] == [None, 0]
    (match,) = match_quotes([whole, split])
    assert {o.text for o in match.occurrences} == {
        '"The harbour stays open and the jobs stay here,"',
        '"The harbour stays open," … "and the jobs stay here."'}
    sides = {o.source: o.quoted_actors for o in compare([whole, split]).outlets}
    assert [(q.actor, q.quotes) for q in sides["Right Herald"]] == [("Ann Velm", 1)]  # not 2
