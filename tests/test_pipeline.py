"""The pipeline: contracts checked at build, only/skip, problems instead of crashes."""

from __future__ import annotations

import pytest

from slant.config import Settings
from slant.errors import PipelineError
from slant.models import Article, StageProvenance, TechniqueSpan
from slant.pipeline import REGISTRY, Pipeline, build_pipeline, plan, summarize


class FakeStage:
    def __init__(self, name, requires, produces, fn):
        self.name, self.requires, self.produces, self.fn = name, requires, produces, fn

    def provenance(self):
        return StageProvenance(name=self.name, version="test")

    def __call__(self, ctx):
        self.fn(ctx)


def lang(ctx):
    ctx.put("language", "en")


def first_word_technique(ctx):
    text = ctx.get("text")
    end = text.index(" ")
    ctx.put("techniques", [TechniqueSpan(technique="Loaded_Language", start=0, end=end,
                                         text=text[:end], score=0.9)])


def boom(ctx):
    raise RuntimeError("model exploded")


ARTICLE = Article(title="T", text="Reckless plans were approved by the council today.")


def test_plan_orders_stages_and_pulls_in_helpers():
    names = [s.name for s in plan(only=["quotes"])]
    assert names == ["language", "parse", "entities", "quotes", "voice"]


def test_plan_drops_helpers_nothing_needs():
    assert [s.name for s in plan(only=["techniques"])] == ["language", "techniques"]


def test_unknown_stage_is_named():
    with pytest.raises(PipelineError, match="unknown stage 'quotez'"):
        plan(only=["quotez"])


def test_skipping_a_requirement_is_refused_at_build():
    with pytest.raises(PipelineError, match="requires doc"):
        plan(only=["quotes"], skip=["parse"])


def test_pipeline_contract_checked_when_built():
    with pytest.raises(PipelineError, match="requires language"):
        Pipeline([FakeStage("techniques", ("text", "language"), ("techniques",), first_word_technique)])


def test_failed_stage_becomes_problem_and_others_run():
    pipe = Pipeline([
        FakeStage("language", ("text",), ("language",), lang),
        FakeStage("techniques", ("text", "language"), ("techniques",), first_word_technique),
        FakeStage("broken", ("text",), ("quotes",), boom),
    ])
    analysis = pipe.analyze(ARTICLE)
    assert [t.text for t in analysis.techniques] == ["Reckless"]
    assert analysis.problems[0].stage == "broken"
    assert "model exploded" in analysis.problems[0].message
    assert analysis.article.language == "en"
    assert [s.name for s in analysis.provenance.stages] == ["language", "techniques", "broken"]
    assert analysis.glossary["Loaded_Language"]["definition"]


def test_stage_whose_input_was_not_produced_is_skipped_with_problem():
    def no_lang(ctx):
        ctx.problem("language", "language xx is not supported")

    pipe = Pipeline([
        FakeStage("language", ("text",), ("language",), no_lang),
        FakeStage("techniques", ("text", "language"), ("techniques",), first_word_technique),
    ])
    analysis = pipe.analyze(ARTICLE)
    assert analysis.techniques == []
    assert [p.stage for p in analysis.problems] == ["language", "techniques"]


def test_injected_stages_replace_registered_ones():
    pipe = build_pipeline(Settings(), only=["techniques"], stages={
        "language": FakeStage("language", ("text",), ("language",), lang),
        "techniques": FakeStage("techniques", ("text", "language"), ("techniques",), first_word_technique),
    })
    out = list(pipe.analyze_many([ARTICLE, ARTICLE]))
    assert len(out) == 2 and all(a.techniques for a in out)


def test_summary_counts_per_thousand_words():
    pipe = Pipeline([FakeStage("language", ("text",), ("language",), lang),
                     FakeStage("techniques", ("text", "language"), ("techniques",), first_word_technique)])
    a = pipe.analyze(ARTICLE)
    s = summarize(a)
    assert s.words == 8 and s.technique_spans == 1
    assert s.spans_per_1000_words == 125.0
    assert s.top_techniques[0].technique == "Loaded_Language"


def test_every_registered_stage_has_help():
    assert all(spec.help for spec in REGISTRY.values())


def test_language_stage_refuses_other_languages():
    pipe = build_pipeline(Settings(), only=["language"])
    german = Article(text="Der Gemeinderat hat heute den umstrittenen Plan für den neuen Hafen "
                          "beschlossen, obwohl viele Bürger dagegen protestierten.")
    a = pipe.analyze(german)
    assert a.problems and "language de is not supported" in a.problems[0].message
    empty = pipe.analyze(Article(text="  ... 12 "))
    assert "too short" in empty.problems[0].message


# -- voice ----------------------------------------------------------------------------------
VOICE_TEXT = "Reckless plans, the mayor said, “will ruin this vile town.” The council agreed."


def quote_the_middle(ctx):
    from slant.models import Quote

    text = ctx.get("text")
    a, b = text.index("“"), text.index("”") + 1
    ctx.put("quotes", [Quote(start=a, end=b, text=text[a:b], kind="direct")])


def two_techniques(ctx):
    text = ctx.get("text")
    out = []
    for phrase in ("Reckless", "vile town"):
        a = text.index(phrase)
        out.append(TechniqueSpan(technique="Loaded_Language", start=a, end=a + len(phrase),
                                 text=phrase, score=0.7))
    ctx.put("techniques", out)


def test_plan_adds_the_voice_stage_only_when_quotes_are_planned():
    assert "voice" in [s.name for s in plan()]
    assert "voice" in [s.name for s in plan(only=["techniques", "quotes"])]
    assert "voice" not in [s.name for s in plan(only=["techniques"])]
    assert "voice" not in [s.name for s in plan(skip=["voice"])]


def test_a_stage_using_what_a_later_stage_produces_is_refused():
    from slant.analyze.voice import VoiceStage

    with pytest.raises(PipelineError, match="uses techniques, which a later stage produces"):
        Pipeline([FakeStage("language", ("text",), ("language",), lang),
                  FakeStage("quotes", ("text",), ("quotes",), quote_the_middle),
                  VoiceStage(),
                  FakeStage("techniques", ("text", "language"), ("techniques",), two_techniques)])


def test_voice_stage_marks_spans_and_the_summary_splits_the_rates():
    from slant.analyze.voice import VoiceStage

    pipe = Pipeline([FakeStage("language", ("text",), ("language",), lang),
                     FakeStage("techniques", ("text", "language"), ("techniques",), two_techniques),
                     FakeStage("quotes", ("text",), ("quotes",), quote_the_middle),
                     VoiceStage()])
    a = pipe.analyze(Article(text=VOICE_TEXT))
    assert [(t.text, t.voice, t.quote_index) for t in a.techniques] == [
        ("Reckless", "narrator", None), ("vile town", "quoted", 0)]
    s = a.summary
    assert s is not None and s.narrator is not None and s.quoted is not None
    assert (s.narrator.words, s.quoted.words) == (8, 5)
    assert (s.narrator.spans_per_1000_words, s.quoted.spans_per_1000_words) == (125.0, 200.0)
    assert s.spans_per_1000_words == round(2000 / 13, 2)


def test_without_quotes_the_summary_has_no_voice_split():
    pipe = Pipeline([FakeStage("language", ("text",), ("language",), lang),
                     FakeStage("techniques", ("text", "language"), ("techniques",), two_techniques)])
    a = pipe.analyze(Article(text=VOICE_TEXT))
    assert all(t.voice is None for t in a.techniques)
    assert a.summary is not None and a.summary.narrator is None and a.summary.quoted is None
