"""The tables of analyses: one row per article, technique span, quote, entity and descriptor.

``slant export --format parquet|csv --table T`` and ``slant batch`` write these tables, with
the same columns and the same Arrow types (:func:`arrow_schema`), from the same rows
(:func:`rows`). Columns that carry a field of the output contract
(:class:`slant.models.ExportedAnalysis`) take their type from that field's annotation
(:func:`arrow_type_name`); a test checks that every field of the contract has a column or a
reason in :data:`NOT_IN_TABLES`, and ``docs/output.md`` lists every column.

Offsets are character offsets into the article's ``text``, end exclusive, as everywhere in
slant. Lists stay lists (Arrow list columns; JSON arrays in CSV); times are UTC timestamps.
pyarrow is imported only by :func:`arrow_schema` and :func:`to_arrow`.
"""

from __future__ import annotations

import json
import types
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from slant.models import (
    TECHNIQUES,
    Analysis,
    Article,
    Descriptor,
    Entity,
    ExportedArticle,
    Quote,
    Speaker,
    Span,
    TechniqueSpan,
    counted_quote,
)
from slant.voice import summarize

if TYPE_CHECKING:
    import pyarrow as pa

_SCALARS: dict[Any, str] = {str: "string", int: "int32", float: "float64", bool: "bool",
                            datetime: "timestamp"}


def arrow_type_name(annotation: Any) -> str:
    """The column type of a record field: ``str`` and literals ``string``, ``int`` ``int32``,
    ``float`` ``float64``, ``bool``, ``datetime`` ``timestamp`` (UTC), ``list[X]``
    ``list<X>``; ``X | None`` as ``X`` (every column takes nulls)."""
    origin = get_origin(annotation)
    args = [a for a in get_args(annotation) if a is not type(None)]
    if origin in (Union, types.UnionType) and len(args) == 1:
        return arrow_type_name(args[0])
    if origin is Literal and all(isinstance(a, str) for a in args):
        return "string"
    if origin is list and len(args) == 1:
        return f"list<{arrow_type_name(args[0])}>"
    if annotation in _SCALARS:
        return _SCALARS[annotation]
    raise TypeError(f"no column type for {annotation!r}")


@dataclass(frozen=True)
class Column:
    """One column: its name, Arrow type name, what it holds, and the record field it carries
    (``"Quote.kind"``; None for a computed column)."""

    name: str
    type: str
    meaning: str
    field: str | None = None


def _field(name: str, model: type[BaseModel], field: str, meaning: str,
           type_: str | None = None) -> Column:
    """A column carrying ``model.field``: its type is the field's, unless ``type_`` narrows it."""
    return Column(name, type_ or arrow_type_name(model.model_fields[field].annotation), meaning,
                  f"{model.__name__}.{field}")


_ID = Column("article_id", "string", "the article (`articles.id`)")
_SPAN = [
    _field("start", Span, "start", "first character, an offset into the article's text"),
    _field("end", Span, "end", "end offset (exclusive)"),
    _field("text", Span, "text", "the words: `text[start:end]` of the article"),
]
_VOICE = [
    _field("voice", TechniqueSpan, "voice", "`narrator` (the outlet's own words), `quoted`, "
           "or null when voice was not computed"),
    _field("quote_index", TechniqueSpan, "quote_index",
           "for quoted words: the quote they are in (`quotes.quote_index`)"),
]
_RATES = [
    Column(f"{voice}_{what}", kind, f"{meaning} ({label}; null when voice was not computed)")
    for voice, label in (("narrator", "the outlet's own words"), ("quoted", "quoted speech"))
    for what, kind, meaning in (("words", "int32", "words"),
                                ("spans", "int32", "technique spans"),
                                ("spans_per_1000_words", "float64", "spans per 1,000 words"))
]

COLUMNS: dict[str, list[Column]] = {
    "articles": [
        _field("id", ExportedArticle, "id", "the article's stable id"),
        _field("title", ExportedArticle, "title", "its title"),
        _field("url", ExportedArticle, "url", "where it was published"),
        _field("source", ExportedArticle, "source", "the outlet"),
        _field("author", ExportedArticle, "author", "the author"),
        _field("published", ExportedArticle, "published", "when it was published (UTC)"),
        _field("language", ExportedArticle, "language", "its language (ISO 639-1)"),
        _field("origin", Article, "origin", "where slant read it: a path (and line), URL or "
               "`<stdin>`; not in the JSON contract"),
        _field("text", ExportedArticle, "text", "the text all offsets point into",
               "large_string"),
        Column("words", "int32", "words in the text"),
        Column("technique_spans", "int32", "technique spans"),
        Column("spans_per_1000_words", "float64", "technique spans per 1,000 words"),
        *_RATES,
        Column("quotes", "int32", "quotes that report speech (said, told, wrote …)"),
        Column("entities", "int32", "entities"),
        Column("problems", "int32", "problems stages recorded"),
        *(Column(t, "int32", f"spans of {t}") for t in TECHNIQUES),
        Column("stages", "list<string>", "the stages that ran, in order"),
        Column("provenance", "string", "the provenance as JSON, without `analyzed_at`: "
               "versions, models and their hashes"),
        Column("analyzed_at", "timestamp", "when it was analyzed (UTC)"),
        _field("embedding", Analysis, "embedding", "title-and-lead sentence embedding (for "
               "same-story grouping); not in the JSON contract", "list<float32>"),
    ],
    "techniques": [
        _ID, *_SPAN,
        _field("technique", TechniqueSpan, "technique", "one of the 14 PTC techniques"),
        _field("score", TechniqueSpan, "score", "calibrated probability in [0, 1]"),
        *_VOICE,
        Column("speaker", "string", "for quoted words: the speaker of that quote"),
    ],
    "quotes": [
        _ID,
        Column("quote_index", "int32", "the quote's index in the analysis's `quotes`"),
        _field("kind", Quote, "kind", "`direct`, `indirect`, `mixed`, `scare` or `term`"),
        _field("speech", Quote, "speech", "reports words said or written (not a belief, plan "
               "or action)"),
        _field("content", Quote, "content", "`words` (the speaker's words) or `topic` (only "
               "what the speech was about, in the narrator's words)"),
        _field("continues", Quote, "continues", "the `quote_index` of the first part of the "
               "utterance this quote carries on (\"“A,” she said, “B.”\"); null when it starts one"),
        *_SPAN,
        _field("cue_start", Span, "start", "the cue (said, told …): start; null without a cue"),
        _field("cue_end", Span, "end", "the cue: end"),
        _field("cue_text", Span, "text", "the cue: its words"),
        _field("speaker_start", Speaker, "start", "the speaker's mention: start; null when "
               "no speaker was found"),
        _field("speaker_end", Speaker, "end", "the speaker's mention: end"),
        _field("speaker_text", Speaker, "text", "the speaker's mention as written (\"she\")"),
        _field("speaker_name", Speaker, "name", "the entity the speaker resolves to (a full "
               "name)"),
    ],
    "entities": [
        _ID,
        Column("entity_index", "int32", "the entity's index in the analysis's `entities`"),
        _field("name", Entity, "name", "its name"),
        _field("type", Entity, "type", "`PERSON`, `ORG`, `GPE`, `LOC`, `NORP` or `OTHER`"),
        Column("mentions", "int32", "how often it is mentioned"),
        Column("mention_starts", "list<int32>", "each mention's start"),
        Column("mention_ends", "list<int32>", "each mention's end"),
        Column("descriptors", "list<string>", "how the article labels it: each descriptor's "
               "words, once, in order (the `descriptors` table has them in full)"),
    ],
    "descriptors": [
        _ID,
        Column("entity_index", "int32", "the entity described (`entities.entity_index`)"),
        Column("entity_name", "string", "its name"),
        _field("kind", Descriptor, "kind", "`appositive`, `title`, `premodifier`, `copular`, "
               "`scare_quoted`, `described_as`, `alias` or `possessive`"),
        *_SPAN, *_VOICE,
    ],
}
TABLES: tuple[str, ...] = tuple(COLUMNS)

#: fields of the output contract that no column carries, and why
NOT_IN_TABLES: dict[str, str] = {
    "ExportedAnalysis.schema_version": "in `provenance` (JSON)",
    "ExportedAnalysis.techniques": "a row each in `techniques`; counted in "
                                   "`articles.technique_spans` and per technique",
    "ExportedAnalysis.summary": "its figures are the articles table's counts and rates",
    "ExportedAnalysis.glossary": "reference text, the same for every article",
    "ExportedAnalysis.problems": "counted in `articles.problems`; `slant batch` writes them "
                                 "to its `errors` table",
    "ExportedArticle.removed": "lines left out of the text: in the JSON only",
    "Entity.mentions": "`mentions`, `mention_starts` and `mention_ends`",
    "Quote.cue": "`cue_start`, `cue_end`, `cue_text`",
    "Quote.speaker": "`speaker_start`, `speaker_end`, `speaker_text`, `speaker_name`",
}


def _article_row(a: Analysis) -> dict[str, Any]:
    art, prov = a.article, a.provenance
    summary = a.summary or summarize(a)
    counts = Counter(t.technique for t in a.techniques)
    row: dict[str, Any] = {
        "id": art.id, "title": art.title, "url": art.url, "source": art.source,
        "author": art.author, "published": art.published, "language": art.language,
        "origin": art.origin, "text": art.text, "words": summary.words,
        "technique_spans": len(a.techniques),
        "spans_per_1000_words": summary.spans_per_1000_words,
    }
    for voice in ("narrator", "quoted"):
        vs = getattr(summary, voice)
        row[f"{voice}_words"] = vs.words if vs else None
        row[f"{voice}_spans"] = vs.technique_spans if vs else None
        row[f"{voice}_spans_per_1000_words"] = vs.spans_per_1000_words if vs else None
    row.update({
        "quotes": sum(1 for q in a.quotes if counted_quote(q)),
        "entities": len(a.entities), "problems": len(a.problems),
        **{t: counts.get(t, 0) for t in TECHNIQUES},
        "stages": [s.name for s in prov.stages],
        "provenance": json.dumps(prov.model_dump(mode="json", exclude={"analyzed_at"}),
                                 sort_keys=True),
        "analyzed_at": prov.analyzed_at,
        "embedding": a.embedding,
    })
    return row


def _technique_rows(a: Analysis) -> list[dict[str, Any]]:
    out = []
    for t in a.techniques:
        q = a.quotes[t.quote_index] if t.quote_index is not None and t.quote_index < len(a.quotes) else None
        out.append({"article_id": a.article.id, "start": t.start, "end": t.end, "text": t.text,
                    "technique": t.technique, "score": t.score, "voice": t.voice,
                    "quote_index": t.quote_index,
                    "speaker": q.speaker.name if q and q.speaker else None})
    return out


def _quote_rows(a: Analysis) -> list[dict[str, Any]]:
    out = []
    for i, q in enumerate(a.quotes):
        cue, sp = q.cue, q.speaker
        out.append({
            "article_id": a.article.id, "quote_index": i, "kind": q.kind, "speech": q.speech,
            "content": q.content, "continues": q.continues, "start": q.start, "end": q.end, "text": q.text,
            "cue_start": cue.start if cue else None, "cue_end": cue.end if cue else None,
            "cue_text": cue.text if cue else None,
            "speaker_start": sp.start if sp else None, "speaker_end": sp.end if sp else None,
            "speaker_text": sp.text if sp else None, "speaker_name": sp.name if sp else None,
        })
    return out


def _entity_rows(a: Analysis) -> list[dict[str, Any]]:
    return [{"article_id": a.article.id, "entity_index": i, "name": e.name, "type": e.type,
             "mentions": len(e.mentions), "mention_starts": [m.start for m in e.mentions],
             "mention_ends": [m.end for m in e.mentions],
             "descriptors": list(dict.fromkeys(d.text for d in e.descriptors))}
            for i, e in enumerate(a.entities)]


def _descriptor_rows(a: Analysis) -> list[dict[str, Any]]:
    return [{"article_id": a.article.id, "entity_index": i, "entity_name": e.name,
             "kind": d.kind, "start": d.start, "end": d.end, "text": d.text, "voice": d.voice,
             "quote_index": d.quote_index}
            for i, e in enumerate(a.entities) for d in e.descriptors]


ROWS: dict[str, Callable[[Analysis], list[dict[str, Any]]]] = {
    "articles": lambda a: [_article_row(a)], "techniques": _technique_rows,
    "quotes": _quote_rows, "entities": _entity_rows, "descriptors": _descriptor_rows,
}


def rows(table: str, analysis: Analysis) -> list[dict[str, Any]]:
    """One analysis as rows of ``table`` (dicts keyed by the column names, in order)."""
    return ROWS[table](analysis)


def _arrow_type(name: str) -> pa.DataType:
    import pyarrow as pa

    if name.startswith("list<"):
        return pa.list_(_arrow_type(name[5:-1]))
    return {
        "string": pa.string(), "large_string": pa.large_string(), "int32": pa.int32(),
        "float32": pa.float32(), "float64": pa.float64(), "bool": pa.bool_(),
        "timestamp": pa.timestamp("us", tz="UTC"),
    }[name]


def arrow_schema(columns: Iterable[Column]) -> pa.Schema:
    """The Arrow schema of these columns (``arrow_schema(COLUMNS["quotes"])``)."""
    import pyarrow as pa

    return pa.schema([pa.field(c.name, _arrow_type(c.type)) for c in columns])


def to_arrow(columns: list[Column], table_rows: list[dict[str, Any]]) -> pa.Table:
    import pyarrow as pa

    return pa.Table.from_pylist(table_rows, schema=arrow_schema(columns))


def csv_value(value: Any) -> Any:
    """A cell of the CSV form: lists as JSON arrays, times in ISO 8601, the rest as is."""
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, datetime):
        return value.isoformat()
    return value
