"""Exports of stored analyses: JSON Lines, CSV, Parquet, the PTC label layout, Label Studio.

Each writer takes an iterable of :class:`~slant.models.Analysis` (``Store.iter_analyses()``)
and returns the number of articles written.

Tables (CSV and Parquet; ``table=``):

- ``articles``: one row per article: id, title, url, source, published, words, spans,
  spans_per_1000_words, narrator_spans_per_1000_words and quoted_spans_per_1000_words (the
  outlet's own words and quoted speech; empty when voice is unknown), quotes, entities, and
  one column per technique (span count);
- ``techniques``: one row per technique span (article_id, technique, start, end, score, text,
  voice, and for quoted spans the speaker);
- ``quotes``: one row per quote (article_id, kind, start, end, speaker, text);
- ``entities``: one row per entity (article_id, name, type, mentions, descriptors joined by " | ");
- ``actors``: one row per actor across the corpus (id, name, type, gender, articles, every
  name it goes by joined by " | ", the aliases users added), :func:`export_actors`.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from slant.errors import InputError, StoreError
from slant.models import TECHNIQUES, Analysis, is_reported_speech

TABLES = ("articles", "techniques", "quotes", "entities", "actors")
ACTOR_COLUMNS = ["id", "name", "type", "gender", "articles", "names", "user_names"]
FORMATS = ("jsonl", "csv", "parquet", "ptc", "labelstudio")


def _article_rows(a: Analysis) -> Iterator[dict[str, Any]]:
    art = a.article
    words = len(art.text.split())
    counts = Counter(t.technique for t in a.techniques)
    row: dict[str, Any] = {
        "id": art.id, "title": art.title, "url": art.url, "source": art.source,
        "published": art.published.isoformat() if art.published else None,
        "words": words, "spans": len(a.techniques),
        "spans_per_1000_words": round(1000.0 * len(a.techniques) / words, 2) if words else 0.0,
        "narrator_spans_per_1000_words": (a.summary.narrator.spans_per_1000_words
                                          if a.summary and a.summary.narrator else None),
        "quoted_spans_per_1000_words": (a.summary.quoted.spans_per_1000_words
                                        if a.summary and a.summary.quoted else None),
        "quotes": sum(1 for q in a.quotes if is_reported_speech(q)),
        "entities": len(a.entities),
    }
    for t in TECHNIQUES:
        row[t] = counts.get(t, 0)
    yield row


def _technique_rows(a: Analysis) -> Iterator[dict[str, Any]]:
    for t in a.techniques:
        q = a.quotes[t.quote_index] if t.quote_index is not None and t.quote_index < len(a.quotes) else None
        yield {"article_id": a.article.id, "technique": t.technique, "start": t.start,
               "end": t.end, "score": t.score, "text": t.text, "voice": t.voice,
               "speaker": q.speaker.name if q and q.speaker else None}


def _quote_rows(a: Analysis) -> Iterator[dict[str, Any]]:
    for q in a.quotes:
        yield {"article_id": a.article.id, "kind": q.kind, "speech": q.speech, "start": q.start,
               "end": q.end, "speaker": q.speaker.name if q.speaker else None, "text": q.text}


def _entity_rows(a: Analysis) -> Iterator[dict[str, Any]]:
    for e in a.entities:
        yield {"article_id": a.article.id, "name": e.name, "type": e.type,
               "mentions": len(e.mentions),
               "descriptors": " | ".join(dict.fromkeys(d.text for d in e.descriptors))}


ROWS: dict[str, Callable[[Analysis], Iterator[dict[str, Any]]]] = {
    "articles": _article_rows, "techniques": _technique_rows,
    "quotes": _quote_rows, "entities": _entity_rows,
}
COLUMNS: dict[str, list[str]] = {
    "articles": ["id", "title", "url", "source", "published", "words", "spans",
                 "spans_per_1000_words", "narrator_spans_per_1000_words",
                 "quoted_spans_per_1000_words", "quotes", "entities", *TECHNIQUES],
    "techniques": ["article_id", "technique", "start", "end", "score", "text", "voice",
                   "speaker"],
    "quotes": ["article_id", "kind", "start", "end", "speaker", "text"],
    "entities": ["article_id", "name", "type", "mentions", "descriptors"],
}


def _rows(table: str) -> Callable[[Analysis], Iterator[dict[str, Any]]]:
    if table not in ROWS:
        raise InputError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")
    return ROWS[table]


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
    rows = _rows(table)
    writer = csv.DictWriter(fh, fieldnames=COLUMNS[table], extrasaction="ignore")
    writer.writeheader()
    n = 0
    for a in analyses:
        writer.writerows(rows(a))
        n += 1
    return n


def write_parquet(analyses: Iterable[Analysis], path: Path, table: str = "articles",
                  batch: int = 2000) -> int:
    """A Parquet file with the table's columns, written in row groups of ``batch`` articles."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = _rows(table)
    types = {"words": pa.int64(), "spans": pa.int64(), "quotes": pa.int64(), "entities": pa.int64(),
             "start": pa.int64(), "end": pa.int64(), "mentions": pa.int64(),
             "score": pa.float64(), "spans_per_1000_words": pa.float64(),
             "narrator_spans_per_1000_words": pa.float64(),
             "quoted_spans_per_1000_words": pa.float64()}
    types.update({t: pa.int64() for t in TECHNIQUES})
    schema = pa.schema([(c, types.get(c, pa.string())) for c in COLUMNS[table]])
    n = 0
    pending: list[dict[str, Any]] = []
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with pq.ParquetWriter(str(path), schema) as writer:
            for a in analyses:
                pending.extend(rows(a))
                n += 1
                if n % batch == 0:
                    writer.write_table(pa.Table.from_pylist(pending, schema=schema))
                    pending = []
            writer.write_table(pa.Table.from_pylist(pending, schema=schema))
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
