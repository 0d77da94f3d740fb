"""Stages in order, their contracts checked when the pipeline is built.

A stage declares what it ``requires`` and what it ``produces`` (names of fields on the
:class:`Context`). :func:`build_pipeline` orders the registered stages, applies
``only``/``skip`` and refuses a pipeline whose requirements are not met. When a stage
raises, the error becomes a :class:`~slant.models.Problem` on the Analysis and the
stages that do not depend on it still run (spaCy's per-component error handler, in spirit).

All stages are registered in :data:`REGISTRY`, in pipeline order. Heavy libraries (torch,
spaCy) are imported by the stage factories, never at module import.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Protocol, runtime_checkable

from slant import __version__
from slant.config import Settings
from slant.errors import PipelineError, SlantError
from slant.glossary import glossary_for
from slant.models import (
    Analysis,
    Article,
    Problem,
    Provenance,
    StageProvenance,
)
from slant.voice import summarize


@dataclass
class Context:
    """What stages read and write while one article is analyzed.

    Output fields (``techniques``, ``quotes``, ``entities``) become the Analysis; other
    entries in ``shared`` (a spaCy Doc, say) live only while the article is analyzed.
    """

    article: Article
    settings: Settings
    shared: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def has(self, name: str) -> bool:
        return name in self.shared

    def get(self, name: str) -> Any:
        return self.shared[name]

    def put(self, name: str, value: Any) -> None:
        self.shared[name] = value

    def problem(self, stage: str, message: str) -> None:
        self.problems.append(Problem(stage=stage, message=message))


@runtime_checkable
class Stage(Protocol):
    name: str
    requires: tuple[str, ...]
    produces: tuple[str, ...]
    # A stage may also declare ``uses``: fields it reads when present (the stages producing
    # them, when planned, must run before it). Read with getattr(stage, "uses", ()).

    def provenance(self) -> StageProvenance: ...

    def __call__(self, ctx: Context) -> None: ...


# Fields the pipeline starts with.
INITIAL = ("article", "text")
# Fields that go into the Analysis when present.
OUTPUTS = ("techniques", "quotes", "entities", "embedding")


def _language(settings: Settings) -> Stage:
    from slant.analyze.language import LanguageStage

    return LanguageStage()


def _parse(settings: Settings) -> Stage:
    from slant.analyze.parse import ParseStage

    return ParseStage(model=settings.spacy_model)


def _techniques(settings: Settings) -> Stage:
    from slant.analyze.techniques.stage import TechniquesStage

    return TechniquesStage.from_settings(settings)


def _quotes(settings: Settings) -> Stage:
    from slant.analyze.quotes import QuotesStage

    return QuotesStage()


def _entities(settings: Settings) -> Stage:
    from slant.analyze.entities import EntitiesStage

    return EntitiesStage()


def _voice(settings: Settings) -> Stage:
    from slant.analyze.voice import VoiceStage

    return VoiceStage()


def _embed(settings: Settings) -> Stage:
    from slant.analyze.embed import EmbedStage

    return EmbedStage.from_settings(settings)


@dataclass(frozen=True)
class StageSpec:
    """A registered stage: its contract (known without building it) and its factory."""

    name: str
    requires: tuple[str, ...]
    produces: tuple[str, ...]
    factory: Callable[[Settings], Stage]
    help: str
    uses: tuple[str, ...] = ()   # read when present; their producers, when planned, run first
    auto: bool = False           # planned whenever its requirements are (unless skipped)


# The one place stages are registered, in pipeline order.
REGISTRY: dict[str, StageSpec] = {
    s.name: s
    for s in (
        StageSpec("language", ("text",), ("language",), _language,
                  "detect the article's language; later stages skip unsupported ones"),
        StageSpec("parse", ("text", "language"), ("doc",), _parse,
                  "one spaCy parse shared by quotes and entities"),
        StageSpec("techniques", ("text", "language"), ("techniques",), _techniques,
                  "propaganda-technique spans (14 PTC classes)"),
        StageSpec("entities", ("doc",), ("entities",), _entities,
                  "people, organisations, places; how the article labels each"),
        StageSpec("quotes", ("doc", "entities"), ("quotes",), _quotes,
                  "who said what: quotes, cues, speakers; scare quotes and terms"),
        StageSpec("voice", ("quotes",), ("voice",), _voice,
                  "whose words each technique span and label is: the narrator's or a quote's",
                  uses=("techniques", "entities"), auto=True),
        StageSpec("embed", ("text",), ("embedding",), _embed,
                  "a sentence embedding of title and lead, for grouping stories"),
    )
}

# Stages that exist only to feed others: dropped when nothing selected needs them.
HELPERS = ("language", "parse")


def stage_names() -> list[str]:
    return list(REGISTRY)


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


def check_contracts(specs: list[StageSpec]) -> None:
    """Every stage's requirements are produced by an earlier stage (or are initial)."""
    available = set(INITIAL)
    for k, spec in enumerate(specs):
        missing = [r for r in spec.requires if r not in available]
        if missing:
            raise PipelineError(
                f"stage {spec.name!r} requires {', '.join(missing)}, which no earlier stage "
                "produces; do not skip the stage that produces it"
            )
        late = [u for u in spec.uses if u not in available
                and any(u in later.produces for later in specs[k + 1:])]
        if late:
            raise PipelineError(
                f"stage {spec.name!r} uses {', '.join(late)}, which a later stage produces; "
                "it must run after that stage"
            )
        available.update(spec.produces)


class Pipeline:
    """Built stages in order. ``analyze(article)`` and ``analyze_many(articles)``."""

    def __init__(self, stages: list[Stage], settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        check_contracts(
            [StageSpec(s.name, tuple(s.requires), tuple(s.produces), lambda _: s, "",
                       uses=tuple(getattr(s, "uses", ()))) for s in stages]
        )
        self.stages = stages
        self.timings: dict[str, float] = {s.name: 0.0 for s in stages}
        self._stage_provenance: list[StageProvenance] | None = None

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

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

    def analyze(self, article: Article) -> Analysis:
        """The analysis of one article. Raises InputError for a text over the size cap
        (:meth:`check`), before any stage runs; a stage that fails is a problem instead."""
        self.check(article)
        ctx = Context(article=article, settings=self.settings)
        ctx.put("article", article)
        ctx.put("text", article.text)
        for stage in self.stages:
            missing = [r for r in stage.requires if not ctx.has(r)]
            if missing:
                ctx.problem(stage.name, f"skipped: needs {', '.join(missing)}, which was not produced")
                continue
            t0 = time.perf_counter()
            try:
                stage(ctx)
            except SlantError as exc:
                ctx.problem(stage.name, str(exc))
            except Exception as exc:  # one bad stage must not lose the others' work
                ctx.problem(stage.name, f"{type(exc).__name__}: {exc}")
            finally:
                self.timings[stage.name] += time.perf_counter() - t0
        return self._assemble(ctx)

    def analyze_many(self, articles: Iterable[Article]) -> Iterator[Analysis]:
        """A stream in, a stream out: one Analysis per article, in order."""
        for article in articles:
            yield self.analyze(article)

    def _assemble(self, ctx: Context) -> Analysis:
        article = ctx.article
        lang = ctx.shared.get("language")
        if lang and not article.language:
            article = article.model_copy(update={"language": lang})
        fields = {k: ctx.shared[k] for k in OUTPUTS if k in ctx.shared}
        problems = list(ctx.problems)
        if article.removed:
            problems.insert(0, removed_problem(article))
        analysis = Analysis(
            article=article,
            problems=problems,
            provenance=self.provenance(),
            **fields,
        )
        analysis.summary = summarize(analysis)
        analysis.glossary = glossary_for({t.technique for t in analysis.techniques})
        return analysis


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
) -> Pipeline:
    """Build the stages for ``only``/``skip``. ``stages`` injects ready-made stages by name."""
    _quiet_model_libraries()
    settings = settings or Settings()
    built: list[Stage] = []
    for spec in plan(only, skip):
        stage = (stages or {}).get(spec.name) or spec.factory(settings)
        built.append(stage)
    return Pipeline(built, settings)


def analyze(article: Article, settings: Settings | None = None, **kw: Any) -> Analysis:
    """Analyze one article with a freshly built pipeline (convenient, not fast)."""
    return build_pipeline(settings, **kw).analyze(article)


analyze_article = analyze


def analyze_many(
    articles: Iterable[Article],
    settings: Settings | None = None,
    pipeline: Pipeline | None = None,
    **kw: Any,
) -> Iterator[Analysis]:
    """Analyze a stream of articles, loading the models once."""
    pipe = pipeline or build_pipeline(settings, **kw)
    return pipe.analyze_many(articles)
