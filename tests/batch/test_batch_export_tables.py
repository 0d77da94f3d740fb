"""`slant batch` and `slant export` write the same tables: the same Arrow schema, the same rows.

The same few texts (written for this test) go through a batch into a directory of Parquet
tables, and through a batch into a store that `slant export --format parquet` then reads.
"""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest
from batch_fakes import full_pipeline, write_jsonl
from typer.testing import CliRunner

from slant import tables
from slant.batch import read_tables, run_batch
from slant.cli import app

ROWS = [
    {"title": "Bridge vote", "url": "https://example.invalid/a", "source": "Ledger",
     "published": "2024-03-01T10:30:00+02:00", "author": "Kit Moss",
     "text": 'Mayor Quill said the bridge was very old. "It is a very bad plan" said Hale. '
             "The very angry council met on Tuesday."},
    {"title": "No quotes", "source": "Courier", "published": "2024-03-02",
     "text": "The council met. Nobody was very sure of anything; reckless Brand left early."},
    {"text": 'A text "without a speaker" and no title, very short.'},
]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory, client):
    tmp = tmp_path_factory.mktemp("same")
    src = write_jsonl(tmp / "in.jsonl", ROWS)
    folder = tmp / "batch"
    db = f"sqlite:///{tmp / 'corpus.db'}"
    for output in (folder, db):
        result = run_batch([src], output, pipeline_factory=full_pipeline, client=client,
                           partition_size=2)
        assert result.ok and result.articles == len(ROWS), result
    exported = {}
    for table in tables.TABLES:
        path = tmp / f"{table}.parquet"
        done = CliRunner().invoke(app, ["export", "--db", db, "--format", "parquet",
                                        "--table", table, "--out", str(path)])
        assert done.exit_code == 0, done.output
        exported[table] = path
    return folder, exported


def _sorted(rows: list[dict], table: str) -> list[dict]:
    keys = [c.name for c in tables.COLUMNS[table]
            if c.name in ("id", "article_id", "quote_index", "entity_index", "start", "end")]
    for r in rows:
        r.pop("analyzed_at", None)  # when each run analyzed it: two runs, two times
    return sorted(rows, key=lambda r: tuple(str(r[k]) for k in keys))


@pytest.mark.parametrize("table", tables.TABLES)
def test_batch_and_export_write_the_same_schema_and_rows(outputs, table):
    folder, exported = outputs
    batch_table = read_tables(str(folder), table)
    export_table = pq.read_table(exported[table])
    want = tables.arrow_schema(tables.COLUMNS[table])
    assert batch_table.schema.remove_metadata() == want
    assert export_table.schema.remove_metadata() == want
    batch_rows = _sorted(batch_table.to_pylist(), table)
    assert batch_rows, f"the texts give no {table} rows: the comparison would say nothing"
    assert _sorted(export_table.to_pylist(), table) == batch_rows


def test_the_tables_keep_types_lists_and_spans(outputs):
    folder, _ = outputs
    articles = {r["title"]: r for r in read_tables(str(folder), "articles").to_pylist()}
    vote = articles["Bridge vote"]
    assert vote["published"].isoformat() == "2024-03-01T08:30:00+00:00"  # a UTC timestamp
    assert vote["stages"] == ["full"] and vote["Loaded_Language"] == 3
    assert vote["embedding"] == pytest.approx([len(ROWS[0]["text"]) / 1000.0, 0.5, -0.25])
    quotes = read_tables(str(folder), "quotes").to_pylist()
    said = next(q for q in quotes if q["speaker_name"])
    text = vote["text"]
    assert said["speaker_name"] == "Ada Hale"
    assert text[said["cue_start"]:said["cue_end"]] == said["cue_text"] == "said"
    assert text[said["speaker_start"]:said["speaker_end"]] == said["speaker_text"] == "Hale"
    alone = next(q for q in quotes if q["text"] == '"without a speaker"')
    assert alone["cue_text"] is None and alone["speaker_name"] is None
    techniques = read_tables(str(folder), "techniques").to_pylist()
    quoted = [t for t in techniques if t["voice"] == "quoted"]
    assert quoted and all(t["speaker"] == "Ada Hale" and t["quote_index"] == 0 for t in quoted)
    entities = {e["name"]: e for e in read_tables(str(folder), "entities").to_pylist()}
    assert entities["Brand"]["descriptors"] == ["reckless"]  # a list, not a joined string
    assert entities["Quill"]["mention_starts"] == [text.index("Quill")]
