"""Stages in order, their contracts checked when the pipeline is built.

A stage declares what it ``requires`` and what it ``produces`` (fields of the typed
:class:`~slant.context.Context`) once, on its class; :data:`REGISTRY` names the class and
reads the contract from it. :func:`build_pipeline` orders the registered stages, applies
``only``/``skip`` and refuses a pipeline whose requirements are not met.

When a stage raises, ``on_error`` decides: ``"problem"`` (the default) records a
:class:`~slant.models.Problem` on the Analysis, logs the traceback on the ``slant.pipeline``
logger and lets the stages that do not depend on it run (spaCy's per-component error
handler, in spirit); ``"raise"`` lets the exception through (``slant --debug``, the tests,
``SLANT_ON_ERROR=raise``).

Heavy libraries (torch, spaCy) are imported when a stage first runs, never at module import.
"""

from __future__ import annotations

import importlib
import logging
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from slant import __version__
from slant.config import OnError, Settings
from slant.context import Context, Contract, Stage
from slant.errors import InputError, PipelineError, SlantError
from slant.glossary import glossary_for
from slant.models import (
    Analysis,
    Article,
    Problem,
    Provenance,
    StageProvenance,
)
from slant.voice import summarize

__all__ = [
    "REGISTRY", "Context", "Pipeline", "Stage", "StageSpec", "analyze_article", "analyze_many",
    "build_pipeline", "plan", "summarize",
]

log = logging.getLogger(__name__)

# Fields the pipeline starts with, and those that go into the Analysis when present.
INITIAL = Context.INITIAL
OUTPUTS = Context.OUTPUTS


@dataclass(frozen=True)
class StageSpec:
    """A registered stage: ``target`` (``"module:Class"``) and a line of help. The contract is
    read from the class, which is imported without importing its models."""

    name: str
    target: str
    help: str
    auto: bool = False  # planned whenever what it requires is planned (unless skipped)

    def stage_class(self) -> type[Any]:
        module, _, attr = self.target.partition(":")
        cls: type[Any] = getattr(importlib.import_module(module), attr)
        return cls

    @property
    def requires(self) -> tuple[str, ...]:
        return tuple(self.stage_class().requires)

    @property
    def produces(self) -> tuple[str, ...]:
        return tuple(self.stage_class().produces)

    @property
    def uses(self) -> tuple[str, ...]:
        return uses_of(self.stage_class())

    def build(self, settings: Settings) -> Stage:
        """The stage for ``settings`` (the class's ``from_settings`` when it has one)."""
        cls = self.stage_class()
        from_settings = getattr(cls, "from_settings", None)
        stage: Stage = from_settings(settings) if from_settings is not None else cls()
        return stage


# The one place stages are registered, in pipeline order.
REGISTRY: dict[str, StageSpec] = {
    s.name: s
    for s in (
        StageSpec("language", "slant.analyze.language:LanguageStage",
                  "detect the article's language; later stages skip unsupported ones"),
        StageSpec("parse", "slant.analyze.parse:ParseStage",
                  "one spaCy parse shared by quotes and entities"),
        StageSpec("techniques", "slant.analyze.techniques.stage:TechniquesStage",
                  "propaganda-technique spans (14 PTC classes)"),
        StageSpec("entities", "slant.analyze.entities:EntitiesStage",
                  "people, organisations, places; how the article labels each"),
        StageSpec("quotes", "slant.analyze.quotes:QuotesStage",
                  "who said what: quotes, cues, speakers; scare quotes and terms"),
        StageSpec("voice", "slant.analyze.voice:VoiceStage",
                  "whose words each technique span and label is: the narrator's or a quote's",
                  auto=True),
        StageSpec("embed", "slant.analyze.embed:EmbedStage",
                  "a sentence embedding of title and lead, for grouping stories"),
    )
}

# Stages that exist only to feed others: dropped when nothing selected needs them.
HELPERS = ("language", "parse")


def plan(only: Iterable[str] | None = None, skip: Iterable[str] | None = None) -> list[StageSpec]:
    """The stages to run for ``only``/``skip``, with the helpers they need, in order.

    Raises :class:`PipelineError` for an unknown stage or a requirement nothing produces.
    """
    only = [s.strip() for s in (only or []) if s.strip()]
    skip = [s.strip() for s in (skip or []) if s.strip()]
    for name in [*only, *skip]:
        if name not in REGISTRY:
            raise PipelineError(
                f"unknown stage {name!r}; known stages: {', '.join(REGISTRY)}"
            )
    wanted = set(only) if only else set(REGISTRY)
    wanted -= set(skip)
    # Pull in what the wanted stages need, unless the user skipped it explicitly.
    changed = True
    while changed:
        changed = False
        for name in list(wanted):
            for req in REGISTRY[name].requires:
                for spec in REGISTRY.values():
                    if req in spec.produces and spec.name not in wanted and spec.name not in skip:
                        wanted.add(spec.name)
                        changed = True
    # Automatic stages (voice) join whenever what they require is planned.
    for spec in REGISTRY.values():
        if spec.auto and spec.name not in skip and spec.name not in wanted:
            produced = {p for name in wanted for p in REGISTRY[name].produces}
            if all(r in produced for r in spec.requires):
                wanted.add(spec.name)
    specs = [s for s in REGISTRY.values() if s.name in wanted]
    # A helper nothing needs is dropped (e.g. --only techniques needs no parse).
    outputs_needed = {r for s in specs for r in s.requires}
    specs = [
        s for s in specs
        if s.name not in HELPERS or set(s.produces) & outputs_needed or s.name in only
    ]
    check_contracts(specs)
    return specs


def uses_of(stage: object) -> tuple[str, ...]:
    """The fields a stage (or stage class) reads when present: its optional ``uses``."""
    return tuple(getattr(stage, "uses", ()))


def check_contracts(stages: Iterable[Contract]) -> None:
    """Every name is a context field; every stage's requirements are produced by an earlier
    stage (or are initial); what a stage ``uses`` is not produced by a later one."""
    known = set(Context.field_names())
    available = set(INITIAL)
    stages = list(stages)
    for k, stage in enumerate(stages):
        uses = uses_of(stage)
        unknown = [n for n in (*stage.requires, *stage.produces, *uses) if n not in known]
        if unknown:
            raise PipelineError(
                f"stage {stage.name!r} names {', '.join(unknown)}, which the context does not "
                f"have; context fields: {', '.join(sorted(known))}"
            )
        missing = [r for r in stage.requires if r not in available]
        if missing:
            raise PipelineError(
                f"stage {stage.name!r} requires {', '.join(missing)}, which no earlier stage "
                "produces; do not skip the stage that produces it"
            )
        late = [u for u in uses if u not in available
                and any(u in later.produces for later in stages[k + 1:])]
        if late:
            raise PipelineError(
                f"stage {stage.name!r} uses {', '.join(late)}, which a later stage produces; "
                "it must run after that stage"
            )
        available.update(stage.produces)


ON_ERROR = ("problem", "raise")


class Pipeline:
    """Built stages in order.

    ``pipe(text_or_article)`` and ``pipe.analyze(...)`` analyze one article (a ``str`` is
    read as plain text); ``pipe.pipe(texts, batch_size=...)`` and ``analyze_many`` stream.
    ``on_error`` is ``"problem"`` (record it, log the traceback, go on) or ``"raise"``;
    by default ``settings.on_error``, else ``$SLANT_ON_ERROR``, else ``"problem"``.
    """

    def __init__(self, stages: list[Stage], settings: Settings | None = None,
                 on_error: OnError | None = None) -> None:
        self.settings = settings or Settings()
        self.on_error: OnError = on_error or self.settings.resolved_on_error()
        if self.on_error not in ON_ERROR:
            raise PipelineError(
                f"on_error must be one of {', '.join(ON_ERROR)}, not {self.on_error!r}"
            )
        check_contracts(stages)
        self.stages = stages
        self.timings: dict[str, float] = {s.name: 0.0 for s in stages}
        self._stage_provenance: list[StageProvenance] | None = None

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def __repr__(self) -> str:
        return f"<slant.Pipeline stages={self.names} on_error={self.on_error!r}>"

    def provenance(self) -> Provenance:
        # Stage provenance (model names, artifact hashes) does not change while the pipeline
        # lives: compute it once, after the first article has loaded the models.
        if self._stage_provenance is None:
            self._stage_provenance = [s.provenance() for s in self.stages]
        return Provenance(
            slant_version=__version__,
            stages=[p.model_copy() for p in self._stage_provenance],
            analyzed_at=datetime.now(timezone.utc),
        )

    def check(self, article: Article) -> None:
        """Raise :class:`~slant.errors.InputError` for an article this pipeline will not
        analyze: one longer than ``settings.max_chars`` (see :mod:`slant.ingest.limits`)."""
        from slant.ingest.limits import check_length

        check_length(article.text, self.settings.max_chars,
                     article.origin or article.url or article.title)

    def __call__(self, article: Article | str) -> Analysis:
        """``nlp("text")`` or ``nlp(article)``: the Analysis of one article."""
        return self.analyze(article)

    def analyze(self, article: Article | str) -> Analysis:
        """The Analysis of one article; a ``str`` is read as plain text (``slant.read_text``).
        Raises InputError for a text over the size cap (:meth:`check`) before any stage runs;
        a stage that fails is a problem (or raises, with ``on_error="raise"``)."""
        article = as_article(article)
        self.check(article)
        ctx = Context(article=article, settings=self.settings)
        for stage in self.stages:
            missing = [r for r in stage.requires if not ctx.has(r)]
            if missing:
                ctx.problem(stage.name, f"skipped: needs {', '.join(missing)}, which was not produced")
                continue
            t0 = time.perf_counter()
            try:
                stage(ctx)
            except Exception as exc:  # one bad stage must not lose the others' work
                if self.on_error == "raise":
                    raise
                self._record(ctx, stage.name, exc)
            finally:
                self.timings[stage.name] += time.perf_counter() - t0
        return self._assemble(ctx)

    def _record(self, ctx: Context, stage: str, exc: Exception) -> None:
        """A failed stage becomes a Problem; the traceback goes to the log (a SlantError is
        an expected failure with its own message: no traceback)."""
        where = ctx.article.origin or ctx.article.id
        if isinstance(exc, SlantError):
            ctx.problem(stage, str(exc))
            log.warning("stage %s failed on %s: %s", stage, where, exc)
        else:
            ctx.problem(stage, f"{type(exc).__name__}: {exc}")
            log.error("stage %s failed on %s", stage, where, exc_info=exc)

    def analyze_many(self, articles: Iterable[Article | str]) -> Iterator[Analysis]:
        """A stream in, a stream out: one Analysis per article, in order."""
        for article in articles:
            yield self.analyze(article)

    def pipe(self, texts: Iterable[Article | str], batch_size: int = 1) -> Iterator[Analysis]:
        """Analyze a stream of texts or articles lazily, in order, like spaCy's ``nlp.pipe``.

        Inputs are read ``batch_size`` at a time (at most that many are held before their
        results are yielded), so the first Analysis comes before the last input is read.
        """
        if batch_size < 1:
            raise InputError(f"batch_size must be at least 1, not {batch_size}")
        batch: list[Article | str] = []
        for item in texts:
            batch.append(item)
            if len(batch) >= batch_size:
                yield from self.analyze_many(batch)
                batch = []
        yield from self.analyze_many(batch)

    def _assemble(self, ctx: Context) -> Analysis:
        article = ctx.article
        if ctx.language and not article.language:
            article = article.model_copy(update={"language": ctx.language})
        outputs = {k: getattr(ctx, k) for k in OUTPUTS if getattr(ctx, k) is not None}
        problems = list(ctx.problems)
        if article.removed:
            problems.insert(0, removed_problem(article))
        analysis = Analysis(
            article=article,
            problems=problems,
            provenance=self.provenance(),
            **outputs,
        )
        analysis.summary = summarize(analysis)
        analysis.glossary = glossary_for({t.technique for t in analysis.techniques})
        return analysis


def as_article(item: Article | str) -> Article:
    """``item`` as an Article: plain text becomes one (``slant.read_text``'s rules)."""
    if isinstance(item, Article):
        return item
    if isinstance(item, str):
        from slant.ingest import read_text

        return read_text(item)
    raise InputError(
        f"cannot analyze a {type(item).__name__}: pass a str of text or a slant.Article"
    )


REMOVED_NAMES = {"timestamp": "timestamp", "caption": "photo caption", "related": "related-link line",
                 "share": "share or follow prompt", "newsletter": "newsletter box"}


def removed_problem(article: Article) -> Problem:
    """What ingest left out of the article's text, as a note on the Analysis (each line with
    its offsets is in ``article.removed``)."""
    parts = []
    for r in article.removed[:5]:
        snippet = r.text if len(r.text) <= 50 else r.text[:49] + "…"
        parts.append(f"{REMOVED_NAMES.get(r.kind, r.kind)} “{snippet}”")
    more = f" and {len(article.removed) - 5} more" if len(article.removed) > 5 else ""
    n = len(article.removed)
    return Problem(stage="ingest",
                   message=f"left out {n} line{'s' if n != 1 else ''} that {'are' if n != 1 else 'is'} "
                           f"not article text: {'; '.join(parts)}{more} (see article.removed)")


def _quiet_model_libraries() -> None:
    """Offline by design, and no progress bars from the model libraries (in CLI, web and batch
    workers alike). Only defaults: a user's own settings win."""
    import os

    for var, value in (("HF_HUB_OFFLINE", "1"), ("TRANSFORMERS_OFFLINE", "1"),
                       ("HF_HUB_DISABLE_PROGRESS_BARS", "1"), ("TRANSFORMERS_VERBOSITY", "error"),
                       ("TOKENIZERS_PARALLELISM", "false")):
        os.environ.setdefault(var, value)


def build_pipeline(
    settings: Settings | None = None,
    only: Iterable[str] | None = None,
    skip: Iterable[str] | None = None,
    stages: dict[str, Stage] | None = None,
    on_error: OnError | None = None,
) -> Pipeline:
    """Build the stages for ``only``/``skip``. ``stages`` injects ready-made stages by name;
    ``on_error`` overrides ``settings.on_error`` (``"problem"`` or ``"raise"``)."""
    _quiet_model_libraries()
    settings = settings or Settings()
    built: list[Stage] = []
    for spec in plan(only, skip):
        stage = (stages or {}).get(spec.name) or spec.build(settings)
        built.append(stage)
    return Pipeline(built, settings, on_error=on_error)


def analyze_article(article: Article | str, settings: Settings | None = None,
                    only: Iterable[str] | None = None, skip: Iterable[str] | None = None,
                    on_error: OnError | None = None) -> Analysis:
    """Analyze one article with a freshly built pipeline (convenient, not fast: for many,
    build one with :func:`slant.load` and call it)."""
    return build_pipeline(settings, only=only, skip=skip, on_error=on_error).analyze(article)


analyze = analyze_article


def analyze_many(
    articles: Iterable[Article | str],
    settings: Settings | None = None,
    pipeline: Pipeline | None = None,
    only: Iterable[str] | None = None,
    skip: Iterable[str] | None = None,
    on_error: OnError | None = None,
) -> Iterator[Analysis]:
    """Analyze a stream of articles, loading the models once."""
    pipe = pipeline or build_pipeline(settings, only=only, skip=skip, on_error=on_error)
    return pipe.analyze_many(articles)
