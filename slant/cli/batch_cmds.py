"""``slant batch``: analyze many articles on Dask, into Parquet tables or the store."""

from __future__ import annotations

from typing import Any

import typer

from slant.cli._app import EXIT_ERROR, EXIT_INPUT, app
from slant.cli._shared import split_values


@app.command()
def batch(
    input: list[str] = typer.Argument(
        ..., help="JSONL or Parquet files, directories of them, or globs (quote them).",
        show_default=False,
    ),
    output: str = typer.Argument(
        ..., help="A directory for the Parquet tables, or a database URL.", show_default=False
    ),
    scheduler: str | None = typer.Option(
        None, "--scheduler", help="Run on an existing Dask cluster (tcp://HOST:PORT)."
    ),
    workers: int | None = typer.Option(
        None, "--workers", min=1,
        help="Worker processes of the local cluster, one thread each (default: CPU count).",
    ),
    partition_size: int = typer.Option(
        100, "--partition-size", min=1, help="Articles per partition (the unit of resume)."
    ),
    task_size: int = typer.Option(
        4, "--task-size", min=1,
        help="Articles per Dask task (the unit of work; partitions are cut into tasks so no "
        "worker idles at the end). Larger suits a remote cluster with a slow network.",
    ),
    only: list[str] | None = typer.Option(None, "--only", help="Run only these stages."),
    skip: list[str] | None = typer.Option(None, "--skip", help="Skip these stages."),
    threshold: float | None = typer.Option(
        None, "--threshold", min=0.0, max=1.0, help="Technique score threshold."
    ),
    max_chars: int | None = typer.Option(
        None, "--max-chars", min=0,
        help="Longest article text analyzed, in characters (default 100,000 or "
        "$SLANT_MAX_CHARS; 0: no limit). A longer one is an errors row."),
    pipeline_factory: str | None = typer.Option(
        None, "--pipeline-factory", metavar="MODULE:FUNCTION",
        help="Build each worker's pipeline with this function instead of slant's stages "
        "(importable on every worker; --only/--skip are then ignored).",
    ),
) -> None:
    """Analyze a large collection on Dask; finished partitions are kept, a rerun resumes.

    INPUT... OUTPUT: the last argument is the output. Exit status: 0 when every row was
    analyzed; 2 when rows failed (each has an errors row; the others are written); 1 when
    a partition failed as a whole (rerun to retry it).
    """
    if not input:
        raise typer.BadParameter("give at least one INPUT before OUTPUT")
    from slant.batch import run_batch
    from slant.config import Settings

    settings = Settings.from_env(technique_threshold=threshold)
    if max_chars is not None:
        from dataclasses import replace

        settings = replace(settings, max_chars=max_chars or None)
    factory = _load_factory(pipeline_factory) if pipeline_factory else None
    import sys

    bar = _ProgressBar() if sys.stderr.isatty() else _Lines()
    with bar:
        result = run_batch(
            input, output, settings=settings, only=split_values(only), skip=split_values(skip),
            scheduler=scheduler, workers=workers, partition_size=partition_size,
            task_size=task_size, progress=bar.update, count=True, pipeline_factory=factory,
        )
    _report(result, output)


def _report(result, output: str) -> None:
    """Print what the batch did; exit 1 when a partition failed, 2 when rows failed."""
    for index, why in result.damaged:
        typer.echo(f"slant: warning: partition {index} was marked done but {why}: redone",
                   err=True)
    earlier = (f" ({result.errors_earlier} failed in the partitions done before)"
               if result.errors_earlier else "")
    typer.echo(
        f"slant batch: {result.analyzed} articles analyzed, {result.errors} failed, "
        f"{result.articles_skipped} already done{earlier}, in {result.seconds:.1f} s "
        f"({result.articles_per_s:.2f} articles/s on {result.workers} workers, after "
        f"{result.startup_seconds:.1f} s loading) -> {result.output}",
        err=True,
    )
    for row in result.error_rows[:20]:  # a store output has no errors table
        typer.echo(f"slant: warning: {row['origin'] or row['article_id']}: {row['message']}", err=True)
    if len(result.error_rows) > 20:
        typer.echo(f"slant: warning: ... and {len(result.error_rows) - 20} more failed", err=True)
    if result.failed:
        for index, message in result.failed:
            typer.echo(f"slant: error: partition {index} failed: {message}", err=True)
        typer.echo("slant: rerun the same command to retry the failed partitions", err=True)
        raise typer.Exit(EXIT_ERROR)
    if result.errors or result.errors_earlier:
        if not result.error_rows:  # a directory output: the rows are in its errors table
            typer.echo(f"slant: {result.errors + result.errors_earlier} articles failed; "
                       f"their reasons are in the errors table ({output}/errors)", err=True)
        raise typer.Exit(EXIT_INPUT)


def _load_factory(spec: str):
    import importlib

    module, _, name = spec.partition(":")
    if not module or not name:
        raise typer.BadParameter("give MODULE:FUNCTION", param_hint="--pipeline-factory")
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError) as exc:
        raise typer.BadParameter(f"cannot load {spec}: {exc}",
                                 param_hint="--pipeline-factory") from exc


class _Lines:
    """Progress as plain lines when stderr is not a terminal (a log, a pipe)."""

    def __enter__(self) -> _Lines:
        from slant.cli._progress import LineProgress

        self.lines = LineProgress("slant batch")
        return self

    def update(self, state) -> None:  # state: slant.batch.Progress
        self.lines.update(state.articles_done + state.articles_skipped,
                          total=state.articles_total, failed=state.errors,
                          skipped=state.articles_skipped, rate=state.articles_per_s)

    def __exit__(self, *exc: object) -> None:
        self.lines.close()


class _ProgressBar:
    """A rich progress bar on stderr: articles done, articles/s, time left."""

    def __enter__(self) -> _ProgressBar:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.progress = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[rate]:.2f} articles/s"), TimeElapsedColumn(),
            TimeRemainingColumn(), console=Console(stderr=True), transient=False,
        )
        self.progress.__enter__()
        self.task = self.progress.add_task("analyzing", total=None, rate=0.0)
        return self

    def update(self, state) -> None:  # state: slant.batch.Progress
        self.progress.update(
            self.task, total=state.articles_total,
            completed=state.articles_done + state.articles_skipped, rate=state.articles_per_s,
        )

    def __exit__(self, *exc: Any) -> None:
        self.progress.__exit__(*exc)
