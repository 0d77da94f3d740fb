"""``slant export`` (stored analyses as JSONL, CSV, Parquet, PTC labels or Label Studio tasks)
and ``slant import-labels`` (reviewed Label Studio annotations back to PTC training data)."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path

import typer

from slant.cli._app import EXIT_INPUT, app, fail, warn
from slant.cli._shared import DB_HELP, check_outlet, open_db, split_values, when


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    ptc = "ptc"
    labelstudio = "labelstudio"


class Table(str, Enum):
    articles = "articles"
    techniques = "techniques"
    quotes = "quotes"
    entities = "entities"
    descriptors = "descriptors"
    actors = "actors"


@app.command()
def export(
    format: ExportFormat = typer.Option(..., "--format", "-f", help="Output format."),
    out: Path | None = typer.Option(None, "--out", "-o", help="File (a folder for ptc); stdout for jsonl/csv/labelstudio."),
    table: Table = typer.Option(Table.articles, "--table", help="Rows of CSV/Parquet: articles, techniques, quotes, entities, descriptors (the tables slant batch writes), or actors (one per actor, with all its names)."),
    outlet: str | None = typer.Option(None, "--outlet", help="Only this outlet (any case)."),
    since: str | None = typer.Option(None, "--since", help="Published on or after (YYYY-MM-DD, UTC)."),
    until: str | None = typer.Option(None, "--until", help="Published on or before (YYYY-MM-DD: the whole day, UTC)."),
    ids: list[str] | None = typer.Option(None, "--id", help="Only these article ids (repeat)."),
    label_config: Path | None = typer.Option(
        None, "--label-config",
        help="labelstudio: write the labelling config (XML) to this file (with -o it is also "
        "written beside the tasks as NAME.label-config.xml)."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Export stored analyses: JSONL, CSV, Parquet, PTC labels, or Label Studio tasks."""
    from slant.store.exports import export as do_export

    start, end = when(since, "--since"), when(until, "--until", end=True)
    store = open_db(db, create=False)
    check_outlet(store, outlet)
    if table is Table.actors:
        from slant.store.exports import export_actors

        if store.unresolved_names():
            from slant.stories import update_actors

            update_actors(store)

        def every_actor():
            offset = 0
            while True:
                page = store.actors(limit=1000, offset=offset)
                yield from page
                if len(page) < 1000:
                    return
                offset += 1000

        n = export_actors(every_actor(), format.value, out, stdout=sys.stdout)
        typer.echo(f"export: {n} actors" + (f" to {out}" if out else ""), err=True)
        return
    analyses = store.iter_analyses(outlet=outlet, since=start, until=end,
                                   ids=split_values(ids) or None)
    if label_config is not None and format is not ExportFormat.labelstudio:
        fail("--label-config goes with -f labelstudio", EXIT_INPUT)
    n = do_export(analyses, format.value, out, table=table.value, stdout=sys.stdout)
    if format is ExportFormat.labelstudio:
        from slant.store.labelstudio import label_config as config_xml

        configs = [p for p in (label_config, out.with_name(out.stem + ".label-config.xml")
                               if out is not None else None) if p is not None]
        for cfg in configs:
            try:
                cfg.write_text(config_xml(), encoding="utf-8")
            except OSError as exc:
                fail(f"{cfg}: cannot write the labelling config ({exc.strerror})")
            typer.echo(f"export: Label Studio labelling config in {cfg}", err=True)
        if not configs:
            # The tasks went to stdout, which has room for JSON only: say where the config is.
            warn("the Label Studio labelling config is not in this output (the tasks need it "
                 "to be labelled): pass --label-config FILE, or -o FILE to write "
                 "FILE.label-config.xml beside the tasks")
    typer.echo(f"export: {n} articles" + (f" to {out}" if out else ""), err=True)


@app.command("import-labels")
def import_labels(
    export_file: Path = typer.Argument(..., help="A Label Studio JSON (or JSON-MIN) export."),
    out: Path = typer.Option(..., "--out", "-o", help="Folder to write the PTC layout into."),
) -> None:
    """Turn reviewed Label Studio annotations into PTC training data (articles/, labels-TC.tsv)."""
    from slant.store.labelstudio import read_export, write_ptc_labels

    report = read_export(export_file)
    for why in report.skipped:
        warn(f"skipped {why}")
    lines = write_ptc_labels(report.articles, out)
    typer.echo(f"import-labels: {len(report.articles)} articles, {lines} technique spans to {out}",
               err=True)
