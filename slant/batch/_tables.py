"""The batch output tables: the tables of :mod:`slant.tables` (the same columns and types
``slant export`` writes), and ``errors``, what went wrong in the batch.

Every table is keyed by ``article_id`` (``id`` in ``articles``); offsets are character
offsets into the article's ``text`` (end exclusive), exactly as in :mod:`slant.models`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from slant import tables
from slant.models import Analysis
from slant.tables import Column

if TYPE_CHECKING:
    import pyarrow as pa

ERROR_COLUMNS = [
    Column("article_id", "string", "the article, when it was read (empty for a row that "
           "could not be read)"),
    Column("origin", "string", "where the input was: file and line or row"),
    Column("partition", "int32", "the batch partition it was in"),
    Column("stage", "string", "`ingest`, `pipeline`, `batch`, or the stage that recorded a "
           "problem"),
    Column("message", "string", "what went wrong"),
    Column("fatal", "bool", "true: the article is not in the other tables; false: a stage "
           "problem of an analyzed article"),
]
COLUMNS: dict[str, list[Column]] = {**tables.COLUMNS, "errors": ERROR_COLUMNS}
TABLES = tuple(COLUMNS)


def schema(table: str) -> pa.Schema:
    """The Arrow schema of one output table."""
    return tables.arrow_schema(COLUMNS[table])


def to_table(table: str, rows: list[dict[str, Any]]) -> pa.Table:
    return tables.to_arrow(COLUMNS[table], rows)


def error_row(
    article_id: str | None, origin: str | None, partition: int, stage: str, message: str,
    fatal: bool,
) -> dict[str, Any]:
    return {"article_id": article_id, "origin": origin, "partition": partition,
            "stage": stage, "message": message, "fatal": fatal}


def flatten(analysis: Analysis, partition: int) -> dict[str, list[dict[str, Any]]]:
    """One Analysis as rows of each table (``errors`` holds its stage problems, not fatal)."""
    out = {name: tables.rows(name, analysis) for name in tables.TABLES}
    art = analysis.article
    out["errors"] = [error_row(art.id, art.origin, partition, p.stage, p.message, False)
                     for p in analysis.problems]
    return out


def build_tables(
    analyses: Iterable[Analysis], errors: Iterable[dict[str, Any]], partition: int
) -> dict[str, pa.Table]:
    """All six tables for one partition (empty tables keep their schema)."""
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    for analysis in analyses:
        for name, more in flatten(analysis, partition).items():
            rows[name].extend(more)
    rows["errors"].extend(errors)
    return {name: to_table(name, rows[name]) for name in TABLES}
