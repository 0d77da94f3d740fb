"""What runs on a Dask worker: one pipeline per process, built once, and the partition task.

The driver ships a *pipeline factory* (a picklable callable returning a
:class:`~slant.pipeline.Pipeline`) with every task, with a key naming it. The worker builds
the pipeline the first time it sees the key and keeps it for the life of the process, so the
models load once per worker however many partitions it analyzes.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from slant.batch._inputs import Item
from slant.batch._tables import build_tables, error_row
from slant.config import Settings
from slant.models import Analysis, Article
from slant.pipeline import Pipeline, build_pipeline

PipelineFactory = Callable[[], Pipeline]

_PIPELINES: dict[str, Pipeline] = {}
_LOCK = threading.Lock()


@dataclass(frozen=True)
class StageFactory:
    """The default factory: slant's own stages for ``only``/``skip``, on ``threads`` threads."""

    settings: Settings = field(default_factory=Settings)
    only: tuple[str, ...] = ()
    skip: tuple[str, ...] = ()
    threads: int = 1

    def __call__(self) -> Pipeline:
        limit_threads(self.threads)
        pipe = build_pipeline(self.settings, only=list(self.only), skip=list(self.skip))
        limit_threads(self.threads)  # again: a stage may have imported torch meanwhile
        return pipe


def limit_threads(n: int) -> None:
    """Keep numeric libraries to ``n`` threads in this process (one Dask thread = one core)."""
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, str(n))
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    torch = sys.modules.get("torch")  # never imported here: a stage that needs it does that
    if torch is not None:
        torch.set_num_threads(n)


def worker_pipeline(key: str, factory: PipelineFactory) -> Pipeline:
    """The pipeline of this process for ``key``, built by ``factory`` on first use."""
    pipe = _PIPELINES.get(key)
    if pipe is None:
        with _LOCK:
            pipe = _PIPELINES.get(key)
            if pipe is None:
                pipe = factory()
                _PIPELINES[key] = pipe
    return pipe


WARM_UP = Article(
    title="Warm-up",
    text='The council met on Tuesday. "We will fix the old bridge," Mayor Ann Quill said.',
)


def preload(key: str, factory: PipelineFactory) -> int:
    """Build this worker's pipeline now and analyze one short article, so stages that load
    their models lazily load them too (run on every worker before the first partition)."""
    pipe = worker_pipeline(key, factory)
    with contextlib.suppress(Exception):  # a real article will report the problem
        pipe.analyze(WARM_UP)
    return os.getpid()


def analyze_isolated(
    pipe: Pipeline, articles: Sequence[Article]
) -> Iterator[tuple[int, Analysis | None, BaseException | None]]:
    """``pipe.analyze_many`` over ``articles``; an article that raises is reported, not fatal.

    Yields ``(position, analysis, None)`` or ``(position, None, exception)``. After a failure
    the stream restarts at the next article, so one bad article costs only itself.
    """
    i = 0
    while i < len(articles):
        try:
            for analysis in pipe.analyze_many(articles[i:]):
                yield i, analysis, None
                i += 1
            return
        except Exception as exc:  # noqa: BLE001 - the batch goes on
            yield i, None, exc
            i += 1


@dataclass
class PartitionResult:
    index: int
    articles: int
    errors: int
    seconds: float
    cpu_seconds: float = 0.0                    # the worker process's CPU time on it
    tables: dict[str, Any] | None = None        # table name -> pyarrow.Table
    analyses: list[Analysis] | None = None      # for a store output
    error_rows: list[dict[str, Any]] = field(default_factory=list)
    worker_pid: int = 0


def analyze_partition(
    index: int, items: list[Item], factory: PipelineFactory, key: str, want: str = "tables"
) -> PartitionResult:
    """Analyze one partition on this worker. ``want`` is ``"tables"`` or ``"analyses"``."""
    t0, c0 = time.perf_counter(), time.process_time()
    pipe = worker_pipeline(key, factory)
    errors: list[dict[str, Any]] = []
    articles: list[Article] = []
    for item in items:
        if item.article is None:
            errors.append(error_row(None, item.origin, index, "ingest", item.error or "", True))
        else:
            articles.append(item.article)
    analyses: list[Analysis] = []
    for pos, analysis, exc in analyze_isolated(pipe, articles):
        if analysis is not None:
            analyses.append(analysis)
        else:
            art = articles[pos]
            errors.append(error_row(art.id, art.origin, index, "pipeline",
                                    f"{type(exc).__name__}: {exc}", True))
    result = PartitionResult(
        index=index, articles=len(items), errors=len(errors),
        seconds=time.perf_counter() - t0, worker_pid=os.getpid(),
    )
    if want != "analyses":
        result.tables = build_tables(analyses, errors, index)
    result.cpu_seconds = time.process_time() - c0
    if want == "analyses":
        result.analyses = analyses
        result.error_rows = errors
    return result
