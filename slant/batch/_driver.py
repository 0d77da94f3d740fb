"""The batch driver: stream partitions to Dask workers, write results as they come back.

Memory stays bounded on both sides: the input is read one partition at a time and cut into
tasks of ``task_size`` articles; at most ``max_in_flight`` tasks are submitted and not yet
back, and each partition is written and dropped as soon as its last task is back
(``as_completed`` with backpressure).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from slant.batch._inputs import Partition, count_rows, find_inputs, partitions, read_items
from slant.batch._output import is_database_url, open_output
from slant.batch._tables import error_row
from slant.batch._worker import PartitionResult, PipelineFactory, StageFactory, analyze_partition
from slant.batch._worker import preload as preload_pipeline
from slant.config import Settings
from slant.errors import InputError
from slant.pipeline import plan

RETRIES = 2
TASK_SIZE = 4  # articles per task: partitions are cut into tasks this size


@dataclass
class Progress:
    """Where a running batch stands; passed to the ``progress`` callback after each partition."""

    articles_done: int = 0        # analyzed in this run (including articles that failed)
    articles_skipped: int = 0     # in partitions finished by an earlier run
    articles_total: int | None = None
    errors: int = 0
    cpu_seconds: float = 0.0      # workers' CPU time on the partitions finished
    partitions_done: int = 0
    partitions_skipped: int = 0
    partitions_failed: int = 0
    started: float = field(default_factory=time.perf_counter)

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    @property
    def articles_per_s(self) -> float:
        return self.articles_done / self.elapsed if self.elapsed > 0 else 0.0


@dataclass
class BatchResult:
    """How a batch went. ``articles`` were processed in this run, ``errors`` of them failed
    (an errors row each, fatal), so :attr:`analyzed` is the difference; ``errors_earlier``
    are the failed rows of the partitions an earlier run finished (skipped now);
    ``damaged`` lists the partitions marked done whose files did not check out on resume
    (missing, truncated, changed), redone by this run."""

    output: str
    articles: int
    articles_skipped: int
    errors: int
    partitions_done: int
    partitions_skipped: int
    failed: list[tuple[int, str]]
    seconds: float
    workers: int
    error_rows: list[dict[str, Any]] = field(default_factory=list)  # store output only
    startup_seconds: float = 0.0  # cluster start and model loading, before ``seconds``
    cpu_seconds: float = 0.0  # the workers' CPU time on the partitions (excludes start-up)
    errors_earlier: int = 0
    damaged: list[tuple[int, str]] = field(default_factory=list)

    @property
    def analyzed(self) -> int:
        """Articles of this run that were analyzed (processed, less those that failed)."""
        return self.articles - self.errors

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds if self.seconds > 0 else 0.0

    @property
    def ok(self) -> bool:
        """No partition failed as a whole (failed rows are in :attr:`errors`)."""
        return not self.failed

    @property
    def complete(self) -> bool:
        """Every row of the output was analyzed: nothing failed, now or earlier."""
        return not self.failed and not self.errors and not self.errors_earlier


def _factory_key(factory: PipelineFactory) -> str:
    import cloudpickle

    return hashlib.sha256(cloudpickle.dumps(factory)).hexdigest()[:16]


# Dask's nannies spawn workers with MALLOC_TRIM_THRESHOLD_=65536, which turns off glibc's
# adaptive mmap threshold: every large tensor is then mmapped and page-faulted afresh. On
# slant's pipeline that doubled the CPU time per article (measured: 11.3 s against 5.4 s for
# 12 PTC articles), so slant's local workers keep glibc's default. Thread caps stay.
WORKER_ENV = {"OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
              "TOKENIZERS_PARALLELISM": "false"}


# Dask's statistical profiler samples each worker thread's stack every 10 ms; on a batch
# that keeps every core busy, that is CPU taken from the analysis.
WORKER_CONFIG = {"distributed.worker.profile.enabled": False}


def local_cluster(workers: int, **kwargs: Any) -> Any:
    """A ``LocalCluster`` of ``workers`` processes, one thread each, set up as slant runs it."""
    import dask
    from distributed import LocalCluster

    pre_spawn = {**WORKER_ENV, "MALLOC_TRIM_THRESHOLD_": None}
    with dask.config.set({**{f"distributed.nanny.pre-spawn-environ.{k}": v
                             for k, v in pre_spawn.items()}, **WORKER_CONFIG}):
        # No dashboard, and the scheduler's small HTTP server (health routes) on a free port:
        # without this it binds 8787 and warns when another Dask process already holds it.
        return LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True,
            dashboard_address=None, silence_logs=logging.ERROR,
            scheduler_kwargs={"dashboard": False, "dashboard_address": ":0"}, **kwargs,
        )


@contextlib.contextmanager
def _client(scheduler: str | None, workers: int, client: Any = None) -> Iterator[Any]:
    if client is not None:
        yield client
        return
    from distributed import Client

    if scheduler:
        with Client(scheduler) as c:
            yield c
        return
    with local_cluster(workers) as cluster, Client(cluster) as c:
        yield c


def run_batch(
    inputs: Iterable[str | Path],
    output: str | Path,
    *,
    settings: Settings | None = None,
    only: Iterable[str] | None = None,
    skip: Iterable[str] | None = None,
    pipeline_factory: PipelineFactory | None = None,
    scheduler: str | None = None,
    workers: int | None = None,
    partition_size: int = 100,
    max_in_flight: int | None = None,
    client: Any = None,
    progress: Callable[[Progress], None] | None = None,
    count: bool = False,
    preload: bool = True,
    task_size: int = TASK_SIZE,
) -> BatchResult:
    """Analyze every article in ``inputs`` on Dask and write the tables to ``output``.

    ``output`` is a directory (Parquet tables, resumable) or a database URL (slant's store).
    ``pipeline_factory`` builds the pipeline on each worker, once; by default slant's stages
    for ``only``/``skip``. ``client`` runs on an existing ``distributed.Client``; otherwise
    ``scheduler`` (an address) or a LocalCluster of ``workers`` processes, one thread each.
    ``progress`` is called after every partition; ``count`` counts the input rows first so
    that ``Progress.articles_total`` is known. With ``preload`` every worker builds its
    pipeline before the first partition is sent, and the clock (``BatchResult.seconds``,
    articles/s) starts after that; ``BatchResult.startup_seconds`` is the time before.
    ``task_size``: articles per task. A partition (the unit of output and of resuming) is
    cut into tasks of this size, so that no worker idles while the last partition runs.
    """
    settings = settings or Settings()
    only_t = tuple(s for s in (only or ()) if s)
    skip_t = tuple(s for s in (skip or ()) if s)
    if pipeline_factory is None:
        plan(only_t, skip_t)  # unknown stages fail here, before a cluster starts
        pipeline_factory = StageFactory(settings, only_t, skip_t, threads=settings.threads or 1)
    files = find_inputs(inputs)
    if not is_database_url(str(output)):  # never read a batch's own tables as its input
        root = Path(output).expanduser().resolve()
        files = [f for f in files if root not in f.resolve().parents]
        if not files:
            raise InputError("the only inputs found are inside the output directory",
                             source=str(output))
    out = open_output(output, {
        "partition_size": partition_size, "only": sorted(only_t), "skip": sorted(skip_t),
    })
    key = _factory_key(pipeline_factory)
    state = Progress(articles_total=count_rows(files) if count else None)
    failed: list[tuple[int, str]] = []
    n_workers = workers or os.cpu_count() or 1
    t0 = time.perf_counter()
    try:
        with _client(scheduler, n_workers, client) as c:
            nthreads = c.nthreads()  # every worker (scheduler_info() may list only some)
            n_workers = len(nthreads) or n_workers
            threads = sum(nthreads.values()) or n_workers
            if preload:
                c.run(preload_pipeline, key, pipeline_factory)
            state.started = time.perf_counter()
            # one task per worker thread: a queued task would wait on its worker while
            # another one idles (a task goes to a worker when it is submitted)
            limit = max_in_flight or threads
            _drive(c, files, out, pipeline_factory, key, partition_size, limit, state,
                   failed, progress, max(1, min(task_size, partition_size)),
                   settings.max_chars)
    finally:
        out.close()
    return BatchResult(
        output=str(output), articles=state.articles_done, articles_skipped=state.articles_skipped,
        errors=state.errors, partitions_done=state.partitions_done,
        partitions_skipped=state.partitions_skipped, failed=failed, seconds=state.elapsed,
        workers=n_workers, error_rows=list(out.error_rows),
        startup_seconds=state.started - t0, cpu_seconds=state.cpu_seconds,
        errors_earlier=out.errors_skipped, damaged=list(out.damaged),
    )


def merge_results(index: int, parts: list[PartitionResult]) -> PartitionResult:
    """One partition's result from the results of its pieces, in order."""
    merged = PartitionResult(
        index=index, articles=sum(p.articles for p in parts), errors=sum(p.errors for p in parts),
        seconds=sum(p.seconds for p in parts), cpu_seconds=sum(p.cpu_seconds for p in parts),
        worker_pid=parts[0].worker_pid if parts else 0,
    )
    if parts and parts[0].tables is not None:
        import pyarrow as pa

        merged.tables = {name: pa.concat_tables([p.tables[name] for p in parts])  # type: ignore[index]
                         for name in parts[0].tables}
        # as one task would have written them: the articles' problems, then fatal errors
        # (Arrow's sort is stable, so each group keeps its order)
        merged.tables["errors"] = merged.tables["errors"].sort_by([("fatal", "ascending")])
    if parts and parts[0].analyses is not None:
        merged.analyses = [a for p in parts for a in p.analyses or []]
        merged.error_rows = [r for p in parts for r in p.error_rows]
    return merged


@dataclass
class _Open:
    """A partition whose pieces are in flight: their results wait here until all are back."""

    part: Partition
    results: list[PartitionResult | None]
    left: int
    failure: str | None = None


class _Drive:
    """One run of the driver: partitions cut into pieces, at most ``limit`` pieces in flight,
    each partition written once its last piece is back (a piece that fails is retried)."""

    def __init__(
        self, client: Any, out: Any, factory: PipelineFactory, key: str, limit: int,
        state: Progress, failed: list[tuple[int, str]],
        progress: Callable[[Progress], None] | None, task_size: int,
    ) -> None:
        from distributed import as_completed

        self.client, self.out, self.factory, self.key = client, out, factory, key
        self.limit, self.state, self.failed = limit, state, failed
        self.progress, self.task_size = progress, task_size
        # future -> (partition index, piece number, the piece's items, attempt)
        self.pending: dict[Any, tuple[int, int, list, int]] = {}
        self.open_parts: dict[int, _Open] = {}
        self.completed = as_completed()
        self.shared = client.scatter(factory, broadcast=True, hash=False)
        self.run_id = uuid.uuid4().hex[:8]  # keys unique per run: a cancelled key may linger

    def submit(self, index: int, piece: int, items: list, attempt: int) -> None:
        # The rows travel inside the task, not scattered beforehand: scattered data sits on
        # one worker and pins the task there even when another worker is idle. The scheduler
        # drops a task's data once its result is released; at most ``limit`` are in flight.
        if self.shared.status != "finished":
            self.shared = self.client.scatter(self.factory, broadcast=True, hash=False)
        fut = self.client.submit(
            analyze_partition, index, items, self.shared, self.key, self.out.want,
            key=f"slant-partition-{index:05d}-{piece:04d}-{self.run_id}-{attempt}",
            retries=RETRIES, pure=False,
        )
        self.pending[fut] = (index, piece, items, attempt)
        self.completed.add(fut)

    def pieces(self, source: Iterable[Partition]) -> Iterator[tuple[int, int, list]]:
        for part in source:
            if self.out.is_done(part):
                self.state.partitions_skipped += 1
                self.state.articles_skipped += len(part)
                self._report()
                continue
            # A partition is the unit of output and of resuming; its pieces are the unit of
            # work, so that the last partitions do not leave workers idle.
            cuts = list(range(0, max(len(part), 1), self.task_size))
            self.open_parts[part.index] = _Open(part, [None] * len(cuts), len(cuts))
            for n, c in enumerate(cuts):
                yield part.index, n, part.items[c:c + self.task_size]

    def submit_more(self, work: Iterator[tuple[int, int, list]]) -> None:
        while len(self.pending) < self.limit:
            nxt = next(work, None)
            if nxt is None:
                return
            self.submit(*nxt, 0)

    def finish(self, index: int) -> None:
        op = self.open_parts.pop(index)
        part, state = op.part, self.state
        if op.failure is not None:
            self.failed.append((index, op.failure))
            state.partitions_failed += 1
            state.errors += len(part)
            self.out.write_failed(index, [
                error_row(i.article.id if i.article else None, i.origin, index, "batch",
                          op.failure, True)
                for i in part.items
            ])
        else:
            result = merge_results(index, [r for r in op.results if r is not None])
            self.out.write(result, part)
            state.partitions_done += 1
            state.errors += result.errors
            state.cpu_seconds += result.cpu_seconds

    def _report(self) -> None:
        if self.progress:
            self.progress(self.state)

    def run(self, source: Iterable[Partition]) -> None:
        work = self.pieces(source)
        try:
            self.submit_more(work)
            for fut in self.completed:
                index, piece, items, attempt = self.pending.pop(fut)
                op = self.open_parts[index]
                try:
                    op.results[piece] = fut.result()
                except Exception as exc:  # noqa: BLE001 - a lost worker, or a task that kept failing
                    if attempt < RETRIES:
                        self.submit(index, piece, items, attempt + 1)
                        continue
                    op.failure = op.failure or f"{type(exc).__name__}: {exc}"
                finally:
                    fut.release()
                self.submit_more(work)  # the freed worker gets more work before anything is written
                op.left -= 1
                self.state.articles_done += len(items)
                if op.left == 0:
                    self.finish(index)
                self._report()
        finally:
            for fut in list(self.pending):
                fut.cancel()
            self.pending.clear()


def _drive(
    client: Any, files: list[Path], out: Any, factory: PipelineFactory, key: str,
    partition_size: int, limit: int, state: Progress, failed: list[tuple[int, str]],
    progress: Callable[[Progress], None] | None, task_size: int,
    max_chars: int | None = None,
) -> None:
    source = partitions(read_items(files, max_chars), partition_size)
    _Drive(client, out, factory, key, limit, state, failed, progress, task_size).run(source)
