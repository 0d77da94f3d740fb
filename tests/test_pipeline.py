"""The pipeline: contracts checked at build, only/skip, problems instead of crashes."""

from __future__ import annotations

import logging

import pytest

from slant.config import Settings
from slant.errors import InputError, PipelineError
from slant.models import Article, StageProvenance, TechniqueSpan
from slant.context import Context
from slant.pipeline import REGISTRY, Pipeline, build_pipeline, plan, summarize


class FakeStage:
    """A stage with the contract of the registered stage ``like`` (read from the registry,
    not repeated here) or an explicit one, running ``fn``."""

    def __init__(self, name, fn, like=None, requires=None, produces=None):
        spec = REGISTRY[like or name] if (like or name) in REGISTRY else None
        self.name, self.fn = name, fn
        self.requires = requires if requires is not None else spec.requires
        self.produces = produces if produces is not None else spec.produces

    def provenance(self):
        return StageProvenance(name=self.name, version="test")

    def __call__(self, ctx):
        self.fn(ctx)


def lang(ctx: Context):
    ctx.language = "en"


def first_word_technique(ctx: Context):
    end = ctx.text.index(" ")
    ctx.techniques = [TechniqueSpan(technique="Loaded_Language", start=0, end=end,
                                    text=ctx.text[:end], score=0.9)]


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
        Pipeline([FakeStage("techniques", first_word_technique)])


def test_failed_stage_becomes_problem_and_others_run():
    pipe = Pipeline(on_error="problem", stages=[
        FakeStage("language", lang),
        FakeStage("techniques", first_word_technique),
        FakeStage("broken", boom, like="quotes", requires=("text",)),
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
        FakeStage("language", no_lang),
        FakeStage("techniques", first_word_technique),
    ])
    analysis = pipe.analyze(ARTICLE)
    assert analysis.techniques == []
    assert [p.stage for p in analysis.problems] == ["language", "techniques"]


def test_injected_stages_replace_registered_ones():
    pipe = build_pipeline(Settings(), only=["techniques"], stages={
        "language": FakeStage("language", lang),
        "techniques": FakeStage("techniques", first_word_technique),
    })
    out = list(pipe.analyze_many([ARTICLE, ARTICLE]))
    assert len(out) == 2 and all(a.techniques for a in out)


def test_summary_counts_per_thousand_words():
    pipe = Pipeline([FakeStage("language", lang),
                     FakeStage("techniques", first_word_technique)])
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


# --- contracts declared once, on the stage classes ------------------------------------------

def test_registry_reads_each_contract_from_the_stage_class():
    for name, spec in REGISTRY.items():
        cls = spec.stage_class()
        assert cls.name == name
        assert spec.requires == tuple(cls.requires) and spec.produces == tuple(cls.produces)
        assert set(spec.requires) | set(spec.produces) <= set(Context.field_names())


def test_architecture_table_matches_the_registry():
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[1] / "docs" / "architecture.md").read_text()
    rows = {}
    for line in doc.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0] in REGISTRY:
            rows[cells[0]] = (cells[1], cells[2])

    def cell(spec):  # "quotes (uses techniques, entities)" for a stage with optional inputs
        uses = f" (uses {', '.join(spec.uses)})" if spec.uses else ""
        return ", ".join(spec.requires) + uses

    assert rows == {n: (cell(s), ", ".join(s.produces)) for n, s in REGISTRY.items()}


def test_a_stage_naming_no_context_field_is_refused_at_build():
    with pytest.raises(PipelineError, match="names lang, which the context does not have"):
        Pipeline([FakeStage("language", lang, requires=("text",), produces=("lang",))])


def test_context_is_typed_and_refuses_unknown_names():
    ctx = Context(article=ARTICLE)
    assert ctx.text == ARTICLE.text and not ctx.has("doc") and ctx.has("text")
    ctx.language = "en"
    assert ctx.get("language") == "en"
    with pytest.raises(PipelineError, match="'langauge' is not a context field"):
        ctx.put("langauge", "en")
    with pytest.raises(PipelineError, match="'doc' has not been produced"):
        ctx.get("doc")


# --- on_error -------------------------------------------------------------------------------

def _broken_pipeline(**kw):
    return Pipeline([FakeStage("language", lang), FakeStage("broken", boom, like="quotes",
                                                          requires=("text",))], **kw)


def test_by_default_a_failed_stage_is_a_problem_and_its_traceback_is_logged(monkeypatch, caplog):
    monkeypatch.delenv("SLANT_ON_ERROR", raising=False)
    pipe = _broken_pipeline()
    assert pipe.on_error == "problem"
    with caplog.at_level(logging.ERROR, logger="slant.pipeline"):
        analysis = pipe.analyze(ARTICLE)
    assert [p.stage for p in analysis.problems] == ["broken"]
    assert analysis.problems[0].message == "RuntimeError: model exploded"
    (record,) = [r for r in caplog.records if r.name == "slant.pipeline"]
    assert "stage broken failed" in record.getMessage()
    assert record.exc_info and record.exc_info[1].args == ("model exploded",)
    assert "in boom" in caplog.text  # the traceback names the failing function


def test_on_error_raise_lets_the_stage_error_through():
    with pytest.raises(RuntimeError, match="model exploded"):
        _broken_pipeline(on_error="raise").analyze(ARTICLE)


def test_tests_run_with_raise_from_the_environment(monkeypatch):
    monkeypatch.setenv("SLANT_ON_ERROR", "raise")
    assert _broken_pipeline().on_error == "raise"
    assert _broken_pipeline(settings=Settings(on_error="problem")).on_error == "problem"
    with pytest.raises(RuntimeError):
        _broken_pipeline().analyze(ARTICLE)


def test_bad_on_error_values_are_named(monkeypatch):
    with pytest.raises(PipelineError, match="on_error must be one of problem, raise, not 'ignore'"):
        _broken_pipeline(on_error="ignore")
    with pytest.raises(InputError, match="SLANT_ON_ERROR must be one of problem, raise, not 'loud'"):
        Settings.from_env({"SLANT_ON_ERROR": "loud"})
    assert Settings.from_env({"SLANT_ON_ERROR": "raise"}).on_error == "raise"


# --- calling a pipeline -----------------------------------------------------------------------

def _technique_pipeline():
    return Pipeline([FakeStage("language", lang), FakeStage("techniques", first_word_technique)])


def test_a_pipeline_is_called_on_text_or_an_article():
    pipe = _technique_pipeline()
    from_text = pipe("Reckless plans were approved by the council today.")
    assert from_text.article.text == ARTICLE.text
    assert [t.text for t in from_text.techniques] == ["Reckless"]
    assert pipe.analyze("Reckless plans were approved today.").techniques[0].text == "Reckless"
    assert pipe(ARTICLE).article.id == ARTICLE.id
    with pytest.raises(InputError, match="empty text"):
        pipe("   ")
    with pytest.raises(InputError, match="cannot analyze a bytes"):
        pipe(b"bytes are not text")


def test_pipe_streams_the_first_result_before_the_last_input_is_read():
    pipe = _technique_pipeline()
    read = []

    def texts():
        for i in range(5):
            read.append(i)
            yield f"Reckless plan number {i} was approved."

    stream = pipe.pipe(texts(), batch_size=2)
    first = next(stream)
    assert first.article.text.startswith("Reckless plan number 0")
    assert read == [0, 1]  # one batch read, three inputs still unread
    rest = list(stream)
    assert [a.article.text.split()[3] for a in rest] == ["1", "2", "3", "4"]
    assert read == [0, 1, 2, 3, 4]
    with pytest.raises(InputError, match="batch_size must be at least 1"):
        next(pipe.pipe(["x"], batch_size=0))


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
        Pipeline([FakeStage("language", lang),
                  FakeStage("quotes", quote_the_middle, requires=("text",)),
                  VoiceStage(),
                  FakeStage("techniques", two_techniques)])


def test_voice_stage_marks_spans_and_the_summary_splits_the_rates():
    from slant.analyze.voice import VoiceStage

    pipe = Pipeline([FakeStage("language", lang),
                     FakeStage("techniques", two_techniques),
                     FakeStage("quotes", quote_the_middle, requires=("text",)),
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
    pipe = Pipeline([FakeStage("language", lang),
                     FakeStage("techniques", two_techniques)])
    a = pipe.analyze(Article(text=VOICE_TEXT))
    assert all(t.voice is None for t in a.techniques)
    assert a.summary is not None and a.summary.narrator is None and a.summary.quoted is None
