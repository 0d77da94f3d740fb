"""Exports of stored analyses: JSON Lines, CSV, Parquet, the PTC label layout, Label Studio.

Each writer takes an iterable of :class:`~slant.models.Analysis` (``Store.iter_analyses()``)
and returns the number of articles written.

CSV and Parquet write one table (``table=``): ``articles``, ``techniques``, ``quotes``,
``entities`` or ``descriptors``, the tables of :mod:`slant.tables`, with the columns and
types ``slant batch`` writes (docs/output.md lists them; in CSV, lists are JSON arrays and the
embedding is left out); or ``actors``, one row per actor across the corpus (id, name, type,
gender, articles, every name it goes by, the aliases users added), :func:`export_actors`.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from slant import tables
from slant.errors import InputError, StoreError
from slant.models import Analysis
from slant.tables import Column

TABLES = (*tables.TABLES, "actors")
ACTOR_COLUMNS = ["id", "name", "type", "gender", "articles", "names", "user_names"]
FORMATS = ("jsonl", "csv", "parquet", "ptc", "labelstudio")
#: columns the CSV form leaves out (a list of 384 numbers is no spreadsheet cell)
CSV_LEAVES_OUT = frozenset({"embedding"})


def _columns(table: str) -> list[Column]:
    if table not in tables.COLUMNS:
        raise InputError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")
    return tables.COLUMNS[table]


def _open(path: Path) -> IO[str]:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return open(path, "w", encoding="utf-8", newline="")
    except OSError as exc:
        raise StoreError(f"{path}: cannot write ({exc.strerror})") from exc


def write_jsonl(analyses: Iterable[Analysis], fh: IO[str]) -> int:
    """One Analysis per line, in the output contract's JSON form."""
    n = 0
    for a in analyses:
        fh.write(json.dumps(a.to_json_dict(), ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(analyses: Iterable[Analysis], fh: IO[str], table: str = "articles") -> int:
    names = [c.name for c in _columns(table) if c.name not in CSV_LEAVES_OUT]
    writer = csv.DictWriter(fh, fieldnames=names, extrasaction="ignore")
    writer.writeheader()
    n = 0
    for a in analyses:
        writer.writerows({k: tables.csv_value(v) for k, v in row.items()}
                         for row in tables.rows(table, a))
        n += 1
    return n


def write_parquet(analyses: Iterable[Analysis], path: Path, table: str = "articles",
                  batch: int = 2000) -> int:
    """A Parquet file of one table (the schema ``slant batch`` writes), in row groups of
    ``batch`` articles."""
    import pyarrow.parquet as pq

    columns = _columns(table)
    schema = tables.arrow_schema(columns)
    n = 0
    pending: list[dict[str, Any]] = []
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with pq.ParquetWriter(str(path), schema) as writer:
            for a in analyses:
                pending.extend(tables.rows(table, a))
                n += 1
                if n % batch == 0:
                    writer.write_table(tables.to_arrow(columns, pending))
                    pending = []
            writer.write_table(tables.to_arrow(columns, pending))
    except OSError as exc:
        raise StoreError(f"{path}: cannot write ({exc})") from exc
    return n


def write_ptc(analyses: Iterable[Analysis], folder: Path) -> int:
    """The PTC layout: ``articles/article<ID>.txt``, ``labels-TC.tsv`` (id, technique, start,
    end) and ``labels-SI.tsv`` (id, start, end). Offsets are into the .txt files as written."""
    try:
        (folder / "articles").mkdir(parents=True, exist_ok=True)
        n = 0
        with open(folder / "labels-TC.tsv", "w", encoding="utf-8", newline="") as tc, \
                open(folder / "labels-SI.tsv", "w", encoding="utf-8", newline="") as si:
            for a in analyses:
                aid = a.article.id
                with open(folder / "articles" / f"article{aid}.txt", "w", encoding="utf-8",
                          newline="") as fh:
                    fh.write(a.article.text)
                tc.writelines(f"{aid}\t{t.technique}\t{t.start}\t{t.end}\n" for t in sorted(a.techniques, key=lambda t: (t.start, t.end, t.technique)))
                si.writelines(f"{aid}\t{s}\t{e}\n" for s, e in sorted({(t.start, t.end) for t in a.techniques}))
                n += 1
    except OSError as exc:
        raise StoreError(f"{folder}: cannot write ({exc.strerror})") from exc
    return n


def export(analyses: Iterable[Analysis], fmt: str, out: Path | None, *, table: str = "articles",
           stdout: IO[str] | None = None, model_version: str | None = None) -> int:
    """Write ``analyses`` in ``fmt`` to ``out`` (a file, or a folder for ``ptc``; stdout for
    jsonl/csv when ``out`` is None)."""
    from slant.store.labelstudio import write_tasks

    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt in ("parquet", "ptc") and out is None:
        raise InputError(f"--format {fmt} needs --out ({'a file' if fmt == 'parquet' else 'a folder'})")
    if fmt == "parquet":
        return write_parquet(analyses, out, table)  # type: ignore[arg-type]
    if fmt == "ptc":
        return write_ptc(analyses, out)  # type: ignore[arg-type]
    fh = _open(out) if out is not None else stdout
    assert fh is not None
    try:
        if fmt == "jsonl":
            return write_jsonl(analyses, fh)
        if fmt == "csv":
            return write_csv(analyses, fh, table)
        return write_tasks(analyses, fh, model_version=model_version)
    finally:
        if out is not None:
            fh.close()


def export_actors(actors: Iterable[Any], fmt: str, out: Path | None, *,
                  stdout: IO[str] | None = None) -> int:
    """The actors table (records with the attributes of :class:`ActorInfo`) as CSV,
    Parquet or JSON Lines."""
    rows = ({"id": a.id, "name": a.name, "type": a.type, "gender": a.gender,
             "articles": a.articles, "names": " | ".join(a.names),
             "user_names": " | ".join(a.user_names)} for a in actors)
    if fmt == "parquet":
        if out is None:
            raise InputError("--format parquet needs --out (a file)")
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = pa.schema([(c, pa.int64() if c in ("id", "articles") else pa.string())
                            for c in ACTOR_COLUMNS])
        table = pa.Table.from_pylist(list(rows), schema=schema)
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            pq.write_table(table, str(out))
        except OSError as exc:
            raise StoreError(f"{out}: cannot write ({exc})") from exc
        return table.num_rows
    if fmt not in ("csv", "jsonl"):
        raise InputError(f"the actors table exports as csv, parquet or jsonl, not {fmt}")
    fh = _open(out) if out is not None else stdout
    assert fh is not None
    n = 0
    try:
        if fmt == "csv":
            writer = csv.DictWriter(fh, fieldnames=ACTOR_COLUMNS)
            writer.writeheader()
        for r in rows:
            if fmt == "csv":
                writer.writerow(r)
            else:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
            n += 1
    finally:
        if out is not None:
            fh.close()
    return n
