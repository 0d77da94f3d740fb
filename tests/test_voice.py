"""Voice: narrator's words versus quoted speech, on every technique span and descriptor."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from pydantic import ValidationError

from slant.models import (
    Analysis,
    Article,
    Descriptor,
    Entity,
    Mention,
    Problem,
    Provenance,
    Quote,
    Speaker,
    StageProvenance,
    TechniqueSpan,
    check_spans,
)
from slant.voice import (
    QuotedRegions,
    has_voice,
    summarize,
    voice_descriptor,
    voice_words,
    voiced_techniques,
    with_voice,
)

TEXT = ("The reckless council met again. Mayor Dana Holt said: “This vile scheme will poison "
        "our wells and ruin every family here.” Critics called the plan a “consultation” "
        "nobody attended.")


def span(text: str, phrase: str, technique: str = "Loaded_Language", score: float = 0.6,
         start: int | None = None) -> TechniqueSpan:
    a = text.index(phrase) if start is None else start
    return TechniqueSpan(technique=technique, start=a, end=a + len(phrase), text=phrase,
                         score=score)


def quote(text: str, phrase: str, kind: str = "direct", speaker: str | None = "Dana Holt") -> Quote:
    a = text.index(phrase)
    return Quote(start=a, end=a + len(phrase), text=phrase, kind=kind,  # type: ignore[arg-type]
                 speaker=Speaker(name=speaker, start=0, end=3, text=text[:3]) if speaker else None)


DIRECT = "“This vile scheme will poison our wells and ruin every family here.”"
SCARE = "“consultation”"


def quotes() -> list[Quote]:
    return [quote(TEXT, DIRECT), quote(TEXT, SCARE, kind="scare", speaker=None)]


def test_span_outside_quotes_is_the_narrators():
    [t] = voiced_techniques(TEXT, [span(TEXT, "reckless")], quotes())
    assert (t.voice, t.quote_index, t.text) == ("narrator", None, "reckless")


def test_span_inside_a_quote_is_quoted_with_its_index():
    [t] = voiced_techniques(TEXT, [span(TEXT, "vile scheme")], quotes())
    assert (t.voice, t.quote_index) == ("quoted", 0)


def test_scare_quotes_and_terms_are_the_narrators_own_words():
    [t] = voiced_techniques(TEXT, [span(TEXT, "a “consultation” nobody attended")], quotes())
    assert t.voice == "narrator" and t.quote_index is None


def test_a_span_straddling_the_quote_boundary_is_cut_at_it():
    phrase = "ruin every family here.” Critics called the plan"
    pieces = voiced_techniques(TEXT, [span(TEXT, phrase, score=0.42)], quotes())
    assert [(p.text, p.voice, p.quote_index) for p in pieces] == [
        ("ruin every family here.”", "quoted", 0),
        ("Critics called the plan", "narrator", None),
    ]
    assert all(p.technique == "Loaded_Language" and p.score == 0.42 for p in pieces)
    for p in pieces:  # offsets stay true to the text
        assert TEXT[p.start:p.end] == p.text


def test_a_few_characters_past_the_quote_do_not_make_a_span_of_their_own():
    # The span runs two characters past the closing mark: by majority, it is quoted.
    phrase = "every family here.” C"
    pieces = voiced_techniques(TEXT, [span(TEXT, phrase)], quotes())
    assert [(p.text, p.voice, p.quote_index) for p in pieces] == [(phrase, "quoted", 0)]


def test_nested_quotes_give_the_innermost_quote():
    text = "She said the board was “a gang of thieves” and would pay."
    outer = quote(text, "the board was “a gang of thieves” and would pay", kind="mixed")
    inner = quote(text, "“a gang of thieves”")
    [t] = voiced_techniques(text, [span(text, "gang of thieves")], [outer, inner])
    assert (t.voice, t.quote_index) == ("quoted", 1)


def test_a_quote_nested_in_another_does_not_cut_a_span():
    text = "She said the board was “a gang of thieves” and would pay."
    outer = quote(text, "the board was “a gang of thieves” and would pay", kind="mixed")
    inner = quote(text, "“a gang of thieves”")
    [t] = voiced_techniques(text, [span(text, "was “a gang")], [outer, inner])
    assert (t.text, t.voice, t.quote_index) == ("was “a gang", "quoted", 0)


def test_non_speech_attributions_do_not_make_words_quoted():
    text = "The firm filed its permit for the toxic pit on Monday."
    q = quote(text, "its permit for the toxic pit", kind="indirect", speaker="The firm")
    # A quote marked as not speech (an action or a plan): the words stay the narrator's.
    not_speech = SimpleNamespace(start=q.start, end=q.end, kind=q.kind, speech=False)
    [t] = voiced_techniques(text, [span(text, "toxic pit")], [not_speech])  # type: ignore[list-item]
    assert t.voice == "narrator"
    [t] = voiced_techniques(text, [span(text, "toxic pit")], [q])
    assert t.voice == "quoted"


def test_descriptors_are_labelled_by_majority_not_cut():
    text = "Holt, “the kindest man in town,” said the mayor, a notorious liar, lost."
    q = quote(text, "“the kindest man in town,”")
    regions = QuotedRegions([q])
    # Mostly inside the quote, a little outside: quoted, and not cut.
    a = text.index("kindest")
    b = text.index(" the mayor")
    straddling = Descriptor(start=a, end=b, text=text[a:b], kind="appositive")
    d = voice_descriptor(text, straddling, regions)
    assert (d.voice, d.quote_index, d.text) == ("quoted", 0, "kindest man in town,” said")
    a = text.index("a notorious liar")
    outside = Descriptor(start=a, end=a + 16, text="a notorious liar", kind="appositive")
    assert voice_descriptor(text, outside, regions).voice == "narrator"


def test_words_split_between_the_voices():
    narrator, quoted = voice_words(TEXT, quotes())
    assert quoted == len(DIRECT.split())
    assert narrator + quoted == len(TEXT.split())


def _analysis(stages=("techniques", "entities", "quotes")) -> Analysis:
    art = Article(title="T", text=TEXT, source="Test Wire")
    desc = Descriptor(start=TEXT.index("Mayor"), end=TEXT.index("Mayor") + 5, text="Mayor",
                      kind="title")
    holt = Entity(name="Dana Holt", type="PERSON",
                  mentions=[Mention(start=TEXT.index("Dana"), end=TEXT.index("Dana") + 9)],
                  descriptors=[desc])
    a = Analysis(article=art, quotes=quotes(), entities=[holt],
                 techniques=[span(TEXT, "reckless"), span(TEXT, "vile scheme"),
                             span(TEXT, "poison our wells", technique="Appeal_to_fear-prejudice")],
                 provenance=Provenance(slant_version="x",
                                       stages=[StageProvenance(name=s, version="1") for s in stages]))
    a.summary = summarize(a)
    return a


def test_with_voice_fills_spans_descriptors_provenance_and_summary():
    old = _analysis()
    assert old.summary is not None and old.summary.narrator is None  # not computed yet
    a = with_voice(old)
    assert has_voice(a) and a.provenance.stages[-1].name == "voice"
    assert [t.voice for t in a.techniques] == ["narrator", "quoted", "quoted"]
    assert a.entities[0].descriptors[0].voice == "narrator"
    s = a.summary
    assert s is not None and s.narrator is not None and s.quoted is not None
    assert (s.narrator.technique_spans, s.quoted.technique_spans) == (1, 2)
    assert s.narrator.words + s.quoted.words == s.words
    assert s.narrator.spans_per_1000_words == round(1000 / s.narrator.words, 2)
    assert s.quoted.spans_per_1000_words == round(2000 / s.quoted.words, 2)
    assert check_spans(a) == []
    assert with_voice(a) is a  # once is enough


def test_without_quotes_voice_stays_unknown():
    a = with_voice(_analysis(stages=("techniques",)))
    assert not has_voice(a)
    assert all(t.voice is None for t in a.techniques)
    assert a.summary is not None and a.summary.narrator is None and a.summary.quoted is None


def test_a_failed_voice_stage_means_unknown_voice():
    a = _analysis(stages=("techniques", "entities", "quotes", "voice"))
    a.problems.append(Problem(stage="voice", message="skipped: needs quotes"))
    assert not has_voice(a)
    assert summarize(a).narrator is None


def test_quoted_needs_a_quote_index_and_narrator_has_none():
    with pytest.raises(ValidationError, match="needs quote_index"):
        TechniqueSpan(technique="Doubt", start=0, end=1, text="x", score=0.5, voice="quoted")
    with pytest.raises(ValidationError, match="only for quoted"):
        Descriptor(start=0, end=1, text="x", kind="title", voice="narrator", quote_index=0)


def test_check_spans_reports_a_quote_index_past_the_quotes():
    a = with_voice(_analysis())
    bad = a.techniques[1].model_copy(update={"quote_index": 7})
    a.techniques[1] = bad
    assert any("quote_index 7" in m for m in check_spans(a))


def test_the_terminal_report_shows_whose_words_each_span_and_label_is():
    import io

    from slant.cli.report import render_report

    a = _analysis()
    holt = a.entities[0]
    praise = TEXT.index("vile scheme")
    holt.descriptors.append(Descriptor(start=praise, end=praise + 11, text="vile scheme",
                                       kind="described_as"))
    a = with_voice(a)
    out = io.StringIO()
    render_report([a], out, width=160)
    text = out.getvalue()
    assert "the outlet's own words: 1 spans" in text and "inside quotes: 2 spans" in text
    assert "quoted: Dana Holt" in text and "narrator" in text
    # The article's own label first, the quoted one after it, with its speaker.
    assert text.index("Mayor [title]") < text.index("vile scheme [described_as] (quoted: Dana Holt)")


def test_a_topic_only_quote_makes_no_words_quoted_and_the_report_says_topic():
    import io

    from slant.cli.report import render_report

    a = _analysis()
    # "Critics called the plan …" reported as a topic: the loaded span stays the narrator's.
    topic = TEXT.index("the plan")
    a.quotes.append(Quote(start=topic, end=topic + 8, text="the plan", kind="indirect",
                          content="topic", speaker=Speaker(name="Critics", start=0, end=3,
                                                           text=TEXT[:3])))
    a.techniques.append(span(TEXT, "the plan"))
    a = with_voice(a)
    assert a.techniques[-1].voice == "narrator"
    out = io.StringIO()
    render_report([a], out, width=160)
    assert "(topic) the plan" in out.getvalue()
