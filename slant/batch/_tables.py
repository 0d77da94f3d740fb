"""The batch output tables: their Arrow schemas, and Analyses flattened into them.

Every table is keyed by ``article_id`` (``id`` in ``articles``); offsets are character
offsets into the article's ``text`` (end exclusive), exactly as in :mod:`slant.models`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from slant.models import Analysis

if TYPE_CHECKING:
    import pyarrow as pa

TABLES = ("articles", "techniques", "quotes", "entities", "descriptors", "errors")

# Column name -> Arrow type name, in order. Built into pyarrow schemas lazily (pyarrow is
# imported only where tables are written).
COLUMNS: dict[str, list[tuple[str, str]]] = {
    "articles": [
        ("id", "string"), ("partition", "int32"), ("title", "string"), ("url", "string"),
        ("source", "string"), ("author", "string"), ("published", "timestamp"),
        ("language", "string"), ("origin", "string"), ("text", "large_string"),
        ("words", "int32"), ("technique_spans", "int32"), ("spans_per_1000_words", "float64"),
        ("quotes", "int32"), ("entities", "int32"), ("problems", "int32"),
        ("narrator_words", "int32"), ("narrator_spans", "int32"),
        ("narrator_spans_per_1000_words", "float64"), ("quoted_words", "int32"),
        ("quoted_spans", "int32"), ("quoted_spans_per_1000_words", "float64"),
        ("stages", "string"), ("provenance", "string"), ("analyzed_at", "timestamp"),
        ("embedding", "list_float32"),
    ],
    "techniques": [
        ("article_id", "string"), ("start", "int32"), ("end", "int32"), ("text", "string"),
        ("technique", "string"), ("score", "float64"), ("voice", "string"), ("quote", "int32"),
    ],
    "quotes": [
        ("article_id", "string"), ("quote", "int32"), ("kind", "string"),
        ("start", "int32"), ("end", "int32"), ("text", "string"),
        ("cue_start", "int32"), ("cue_end", "int32"), ("cue_text", "string"),
        ("speaker_start", "int32"), ("speaker_end", "int32"), ("speaker_text", "string"),
        ("speaker_name", "string"), ("speech", "bool"),
    ],
    "entities": [
        ("article_id", "string"), ("entity", "int32"), ("name", "string"), ("type", "string"),
        ("mentions", "int32"), ("mention_starts", "list_int32"), ("mention_ends", "list_int32"),
        ("descriptors", "int32"),
    ],
    "descriptors": [
        ("article_id", "string"), ("entity", "int32"), ("entity_name", "string"),
        ("kind", "string"), ("start", "int32"), ("end", "int32"), ("text", "string"),
        ("voice", "string"), ("quote", "int32"),
    ],
    "errors": [
        ("article_id", "string"), ("origin", "string"), ("partition", "int32"),
        ("stage", "string"), ("message", "string"), ("fatal", "bool"),
    ],
}


def _arrow_type(name: str) -> pa.DataType:
    import pyarrow as pa

    return {
        "string": pa.string(),
        "large_string": pa.large_string(),
        "int32": pa.int32(),
        "float64": pa.float64(),
        "bool": pa.bool_(),
        "timestamp": pa.timestamp("us", tz="UTC"),
        "list_int32": pa.list_(pa.int32()),
        "list_float32": pa.list_(pa.float32()),
    }[name]


def schema(table: str) -> pa.Schema:
    """The Arrow schema of one output table."""
    import pyarrow as pa

    return pa.schema([pa.field(n, _arrow_type(t)) for n, t in COLUMNS[table]])


def to_table(table: str, rows: list[dict[str, Any]]) -> pa.Table:
    import pyarrow as pa

    return pa.Table.from_pylist(rows, schema=schema(table))


def error_row(
    article_id: str | None, origin: str | None, partition: int, stage: str, message: str,
    fatal: bool,
) -> dict[str, Any]:
    return {"article_id": article_id, "origin": origin, "partition": partition,
            "stage": stage, "message": message, "fatal": fatal}


def flatten(analysis: Analysis, partition: int) -> dict[str, list[dict[str, Any]]]:
    """One Analysis as rows of each table (``errors`` holds its stage problems, not fatal)."""
    art = analysis.article
    aid = art.id
    summary = analysis.summary
    prov = analysis.provenance
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    narrator = summary.narrator if summary else None
    quoted = summary.quoted if summary else None
    rows["articles"].append({
        "id": aid, "partition": partition, "title": art.title, "url": art.url,
        "source": art.source, "author": art.author, "published": art.published,
        "language": art.language, "origin": art.origin, "text": art.text,
        "words": summary.words if summary else len(art.text.split()),
        "technique_spans": len(analysis.techniques),
        "spans_per_1000_words": summary.spans_per_1000_words if summary else None,
        "quotes": len(analysis.quotes), "entities": len(analysis.entities),
        "problems": len(analysis.problems),
        "narrator_words": narrator.words if narrator else None,
        "narrator_spans": narrator.technique_spans if narrator else None,
        "narrator_spans_per_1000_words": narrator.spans_per_1000_words if narrator else None,
        "quoted_words": quoted.words if quoted else None,
        "quoted_spans": quoted.technique_spans if quoted else None,
        "quoted_spans_per_1000_words": quoted.spans_per_1000_words if quoted else None,
        "stages": ",".join(s.name for s in prov.stages),
        "provenance": json.dumps(prov.model_dump(mode="json", exclude={"analyzed_at"}),
                                 sort_keys=True),
        "analyzed_at": prov.analyzed_at,
        "embedding": analysis.embedding,
    })
    for t in analysis.techniques:
        rows["techniques"].append({"article_id": aid, "start": t.start, "end": t.end,
                                   "text": t.text, "technique": t.technique, "score": t.score,
                                   "voice": t.voice, "quote": t.quote_index})
    for i, q in enumerate(analysis.quotes):
        rows["quotes"].append({
            "article_id": aid, "quote": i, "kind": q.kind, "start": q.start, "end": q.end,
            "text": q.text,
            "cue_start": q.cue.start if q.cue else None, "cue_end": q.cue.end if q.cue else None,
            "cue_text": q.cue.text if q.cue else None,
            "speaker_start": q.speaker.start if q.speaker else None,
            "speaker_end": q.speaker.end if q.speaker else None,
            "speaker_text": q.speaker.text if q.speaker else None,
            "speaker_name": q.speaker.name if q.speaker else None,
            "speech": q.speech,
        })
    for i, e in enumerate(analysis.entities):
        rows["entities"].append({
            "article_id": aid, "entity": i, "name": e.name, "type": e.type,
            "mentions": len(e.mentions),
            "mention_starts": [m.start for m in e.mentions],
            "mention_ends": [m.end for m in e.mentions],
            "descriptors": len(e.descriptors),
        })
        for d in e.descriptors:
            rows["descriptors"].append({
                "article_id": aid, "entity": i, "entity_name": e.name, "kind": d.kind,
                "start": d.start, "end": d.end, "text": d.text, "voice": d.voice,
                "quote": d.quote_index,
            })
    for p in analysis.problems:
        rows["errors"].append(error_row(aid, art.origin, partition, p.stage, p.message, False))
    return rows


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
