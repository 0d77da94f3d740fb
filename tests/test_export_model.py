"""One export model (slant.models.ExportedAnalysis) and the four things derived from it: the
JSON dict, the checked-in JSON Schema, the API's response model and the Parquet tables.
Each test fails when one of them drifts from the model."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pydantic import BaseModel

from slant import tables
from slant.models import (
    Analysis,
    Article,
    Descriptor,
    Entity,
    ExportedAnalysis,
    ExportedArticle,
    Mention,
    Provenance,
    Quote,
    Span,
    Speaker,
    TechniqueSpan,
    analysis_json_schema,
)

ROOT = Path(__file__).resolve().parents[1]
TEXT = ('Critics said the plan was "a reckless gamble" on Monday. '
        "The tireless Ada Brand disagreed.")


def sample() -> Analysis:
    """An analysis with every field filled, the unexported ones included."""
    q0 = TEXT.index('"a reckless')
    q1 = TEXT.index(" on Monday")
    r = TEXT.index("reckless")
    b = TEXT.index("Ada Brand")
    t = TEXT.index("tireless")
    return Analysis(
        article=Article(title="Plan", text=TEXT, url="https://example.invalid/p", source="Ledger",
                        author="Kit", published=datetime(2024, 3, 1, 8, 30, tzinfo=UTC),
                        language="en", origin="in.jsonl:1"),
        techniques=[TechniqueSpan(start=r, end=r + 8, text="reckless", technique="Loaded_Language",
                                  score=0.7, voice="quoted", quote_index=0)],
        quotes=[Quote(start=q0, end=q1, text=TEXT[q0:q1], kind="direct",
                      cue=Span(start=8, end=12, text="said"),
                      speaker=Speaker(start=0, end=7, text="Critics", name="Critics"))],
        entities=[Entity(name="Ada Brand", type="PERSON", mentions=[Mention(start=b, end=b + 9)],
                         descriptors=[Descriptor(start=t, end=t + 8, text="tireless",
                                                 kind="premodifier", voice="narrator")])],
        provenance=Provenance(slant_version="test", analyzed_at=datetime(2024, 3, 2, tzinfo=UTC)),
        embedding=[0.25, -0.5],
    )


def _fields(model: type[BaseModel]) -> list[str]:
    return list(model.model_fields)


# -- 1. the JSON dict --------------------------------------------------------------------------
def test_the_json_dict_has_exactly_the_export_models_fields():
    doc = sample().to_json_dict()
    assert list(doc) == _fields(ExportedAnalysis)
    assert list(doc["article"]) == _fields(ExportedArticle)
    # what Analysis adds is kept, not exported
    assert set(_fields(Analysis)) - set(_fields(ExportedAnalysis)) == {"embedding"}
    assert set(_fields(Article)) - set(_fields(ExportedArticle)) == {"origin"}
    # and the dict reads back as the model, unchanged
    assert ExportedAnalysis.model_validate(doc).to_json_dict() == doc


def test_the_json_dict_of_the_export_model_and_of_the_analysis_agree():
    a = sample()
    exported = ExportedAnalysis.model_validate(a.to_json_dict())
    assert exported.to_json_dict() == a.to_json_dict()
    assert json.dumps(a.to_json_dict()).find("in.jsonl:1") == -1


# -- 2. the JSON Schema ------------------------------------------------------------------------
def test_the_checked_in_schema_is_the_export_models():
    schema = analysis_json_schema()
    assert list(schema["properties"]) == _fields(ExportedAnalysis)
    assert list(schema["$defs"]["ExportedArticle"]["properties"]) == _fields(ExportedArticle)
    assert "Article" not in schema["$defs"] and "embedding" not in schema["properties"]
    checked_in = json.loads((ROOT / "slant/schema/analysis.schema.json").read_text())
    assert checked_in == schema, "regenerate it: the Makefile's `schema` target"


# -- 3. the API's response model ---------------------------------------------------------------
def _openapi() -> dict:
    from fastapi import FastAPI

    from slant.web.api import router

    app = FastAPI()
    app.include_router(router)
    return app.openapi()


def _ok_schema(spec: dict, path: str, method: str) -> str:
    return spec["paths"][path][method]["responses"]["200"]["content"]["application/json"][
        "schema"]["$ref"].rsplit("/", 1)[-1]


def test_the_api_answers_with_the_export_model():
    from slant.web.api import AnalyzeResponse

    spec = _openapi()
    schemas = spec["components"]["schemas"]
    got = _ok_schema(spec, "/api/v1/articles/{article_id}", "get")
    assert got.startswith("ExportedAnalysis")
    for path in ("/api/v1/analyze", "/api/v1/analyze/upload"):
        assert _ok_schema(spec, path, "post") == "AnalyzeResponse"
    assert AnalyzeResponse.model_fields["analysis"].annotation is ExportedAnalysis
    assert schemas["AnalyzeResponse"]["properties"]["analysis"]["$ref"].rsplit("/", 1)[-1] == got
    assert list(schemas[got]["properties"]) == _fields(ExportedAnalysis)
    article = next(v for k, v in schemas.items() if k.startswith("ExportedArticle"))
    assert list(article["properties"]) == _fields(ExportedArticle)


# -- 4. the tables (Parquet, CSV) --------------------------------------------------------------
#: the records each table carries, and the table's column of each field
RECORDS: list[tuple[type[BaseModel], str]] = [
    (ExportedAnalysis, "articles"), (ExportedArticle, "articles"), (Article, "articles"),
    (Analysis, "articles"), (TechniqueSpan, "techniques"), (Quote, "quotes"),
    (Entity, "entities"), (Descriptor, "descriptors"),
]
#: columns whose type is narrower than their field's (a large string, 32-bit floats)
NARROWED = {("articles", "text"): "large_string", ("articles", "embedding"): "list<float32>"}


def untabled(model: type[BaseModel], table: str) -> list[str]:
    """Fields of ``model`` that neither a column of ``table`` nor NOT_IN_TABLES accounts for."""
    names = {c.name for c in tables.COLUMNS[table]}
    carried = {m for m, _ in RECORDS}

    def excused(field: str) -> bool:
        return any(f"{cls.__name__}.{field}" in tables.NOT_IN_TABLES for cls in model.__mro__)

    return [f for f, info in model.model_fields.items()
            if f not in names and not excused(f) and info.annotation not in carried]


@pytest.mark.parametrize("model, table", RECORDS, ids=lambda x: getattr(x, "__name__", x))
def test_every_field_of_the_contract_has_a_column_of_its_type(model, table):
    assert untabled(model, table) == []
    columns = {c.name: c for c in tables.COLUMNS[table]}
    for name, info in model.model_fields.items():
        if name in columns and columns[name].field is not None:
            want = NARROWED.get((table, name), tables.arrow_type_name(info.annotation))
            assert columns[name].type == want, (table, name)


def test_a_field_added_to_a_record_without_a_column_is_caught():
    class Wider(TechniqueSpan):
        certainty: float = 0.0

    assert untabled(Wider, "techniques") == ["certainty"]
    assert untabled(TechniqueSpan, "quotes") != []


def test_the_row_of_each_table_has_its_columns_in_order():
    a = sample()
    for table in tables.TABLES:
        rows = tables.rows(table, a)
        assert rows, table
        for row in rows:
            assert list(row) == [c.name for c in tables.COLUMNS[table]], table


def test_the_arrow_schema_comes_from_the_columns():
    import pyarrow as pa

    from slant.batch import schema as batch_schema

    quotes = tables.arrow_schema(tables.COLUMNS["quotes"])
    assert quotes.field("cue_start").type == pa.int32()
    assert quotes.field("speech").type == pa.bool_()
    articles = tables.arrow_schema(tables.COLUMNS["articles"])
    assert articles.field("published").type == pa.timestamp("us", tz="UTC")
    assert articles.field("stages").type == pa.list_(pa.string())
    assert tables.arrow_schema(tables.COLUMNS["entities"]).field("descriptors").type \
        == pa.list_(pa.string())
    for table in tables.TABLES:
        assert batch_schema(table) == tables.arrow_schema(tables.COLUMNS[table])


def test_export_writes_the_tables_schema(tmp_path):
    import pyarrow.parquet as pq

    from slant.store.exports import export

    for table in tables.TABLES:
        out = tmp_path / f"{table}.parquet"
        export([sample()], "parquet", out, table=table)
        assert pq.read_schema(out).remove_metadata() \
            == tables.arrow_schema(tables.COLUMNS[table])


def test_csv_writes_lists_as_json_and_times_in_iso():
    import csv
    import io

    from slant.store.exports import write_csv

    buf = io.StringIO()
    write_csv([sample()], buf, "entities")
    (row,) = csv.DictReader(io.StringIO(buf.getvalue()))
    assert json.loads(row["descriptors"]) == ["tireless"]
    assert json.loads(row["mention_starts"]) == [TEXT.index("Ada Brand")]
    buf = io.StringIO()
    write_csv([sample()], buf, "articles")
    (row,) = csv.DictReader(io.StringIO(buf.getvalue()))
    assert row["published"] == "2024-03-01T08:30:00+00:00"
    assert json.loads(row["stages"]) == [] and "embedding" not in row


def test_docs_list_every_column_with_its_type():
    """docs/output.md has a table per table: `column` | type | meaning."""
    doc = (ROOT / "docs/output.md").read_text(encoding="utf-8")
    for table in (*tables.TABLES, "errors"):
        from slant.batch._tables import COLUMNS

        m = re.search(rf"^### `{table}`\n(.*?)(?=^#|\Z)", doc, re.M | re.S)
        assert m, f"docs/output.md has no section ### `{table}`"
        documented = re.findall(r"^\| `([^`]+)` \| `([^`]+)` \|", m.group(1), re.M)
        assert documented == [(c.name, c.type) for c in COLUMNS[table]], table
