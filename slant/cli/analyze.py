"""``slant analyze``: read articles, run the pipeline, print JSON, JSON Lines or a report."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from slant.cli._app import EXIT_INPUT, app, error, warn


class Format(str, Enum):
    json = "json"
    jsonl = "jsonl"
    text = "text"


def _split(values: list[str] | None) -> list[str]:
    return [v for item in (values or []) for v in item.split(",") if v.strip()]


@app.command()
def analyze(
    inputs: list[str] = typer.Argument(
        ..., help="Files, directories, URLs, .jsonl files, or '-' for stdin.", show_default=False
    ),
    format: Format = typer.Option(Format.text, "--format", "-f", help="Output format."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write to FILE instead of stdout."),
    only: Optional[list[str]] = typer.Option(None, "--only", help="Run only these stages (comma-separated or repeated)."),
    skip: Optional[list[str]] = typer.Option(None, "--skip", help="Skip these stages."),
    threshold: Optional[float] = typer.Option(None, "--threshold", min=0.0, max=1.0,
                                              help="Technique score threshold (default: the model's tuned one)."),
    encoder: Optional[str] = typer.Option(None, "--encoder", help="Base encoder path or hub name (default: the pinned all-MiniLM-L6-v2)."),
    model: Optional[str] = typer.Option(
        None, "--model", metavar="NAME",
        help="Techniques model: default, accurate (over the larger teacher encoder; about 8x "
             "slower; needs `slant models fetch teacher`) or a trained model folder. "
             "Default: $SLANT_MODEL, else default."),
    title: Optional[str] = typer.Option(None, "--title", help="Title for text read from stdin."),
    max_chars: Optional[int] = typer.Option(
        None, "--max-chars", min=0,
        help="Longest article text analyzed, in characters (default 100,000 or "
        "$SLANT_MAX_CHARS; 0: no limit). A longer one is an error; the others still run."),
) -> None:
    """Analyze articles: technique spans, quotes and speakers, entities and their labels."""
    from slant.config import Settings
    from slant.errors import SlantError
    from slant.ingest import iter_articles
    from slant.pipeline import build_pipeline

    settings = Settings.from_env(technique_threshold=threshold, encoder=encoder, techniques_model=model)
    if max_chars is not None:
        from dataclasses import replace

        settings = replace(settings, max_chars=max_chars or None)
    pipeline = build_pipeline(settings, only=_split(only), skip=_split(skip))

    failures: list[SlantError] = []

    def on_error(err: SlantError) -> None:
        failures.append(err)
        error(str(err))

    found = iter_articles(inputs, on_error=on_error, stdin=sys.stdin, title=title,
                          max_chars=settings.max_chars)
    if "-" in inputs:
        # stdin is a stream (JSON Lines are read a line at a time): analyze and print each
        # article as it comes, so the first record is out before the last line is in
        articles, total = found, None
    else:
        listed = list(found)
        articles, total = iter(listed), len(listed)
    first = next(articles, None)
    if first is None:
        if not failures:
            warn("no articles found in the inputs")
        raise typer.Exit(EXIT_INPUT)

    sink = open(out, "w", encoding="utf-8") if out else sys.stdout
    try:
        analyses = _with_progress(pipeline.analyze_many(_chain(first, articles)), total)
        write_analyses(analyses, format, sink)
    finally:
        if out:
            sink.close()
    if failures:
        raise typer.Exit(EXIT_INPUT)


def _chain(first, rest):
    yield first
    yield from rest


def _with_progress(analyses, total: int | None):
    """A progress bar on stderr for several inputs (when their number is known); when stderr
    is not a terminal, a line every few seconds while the run lasts (see
    :mod:`slant.cli._progress`)."""
    if not sys.stderr.isatty():
        from slant.cli._progress import LineProgress

        with LineProgress("slant analyze", total=total) as lines:
            for n, a in enumerate(analyses, 1):
                lines.update(n)
                yield a
        return
    if total is None or total < 2:
        yield from analyses
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress(
        "[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
        TimeRemainingColumn(), console=Console(stderr=True), transient=True,
    ) as progress:
        task = progress.add_task("analyzing", total=total)
        for a in analyses:
            progress.advance(task)
            yield a


def write_analyses(analyses, format: Format, sink) -> None:
    """Write each analysis as soon as it is made (flushed), in one shape whatever their
    number: JSON Lines, one JSON array (``[]`` for none), or the report."""
    import json

    if format is Format.jsonl:
        for a in analyses:
            sink.write(json.dumps(a.to_json_dict(), ensure_ascii=False) + "\n")
            sink.flush()
    elif format is Format.json:
        sep = "[\n"
        for a in analyses:
            body = json.dumps(a.to_json_dict(), ensure_ascii=False, indent=2)
            sink.write(sep + "  " + body.replace("\n", "\n  "))
            sink.flush()
            sep = ",\n"
        sink.write("[]\n" if sep == "[\n" else "\n]\n")
        sink.flush()
    else:
        from slant.cli.report import render_report

        render_report(analyses, sink)
