"""Batches on a real LocalCluster (two processes) with the fake pipeline: tables, errors,
schema, resume after an interruption, and a worker killed mid-partition."""

from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from batch_fakes import CountingFactory, fake_pipeline, make_rows, write_jsonl

from slant.batch import TABLES, read_tables, run_batch, schema
from slant.batch._output import LAYOUT_VERSION
from slant.errors import InputError
from slant.models import Article


def _inputs(tmp_path):
    """21 good rows in JSONL and Parquet, two unreadable rows, one crash, one stage problem."""
    src = tmp_path / "in"
    src.mkdir()
    rows = make_rows(14)
    rows.insert(3, {"title": "no text here"})
    rows.insert(8, {"text": "The CRASH of Monday was very loud."})
    rows.insert(9, {"text": "A BOOM at Dawn, very early."})
    write_jsonl(src / "a.jsonl", rows)
    with open(src / "a.jsonl", "a") as fh:
        fh.write("{broken\n")
    pq.write_table(pa.Table.from_pylist(make_rows(7, start=100)), src / "b.parquet")
    return src


def _comparable(out, table):
    """A table sorted by its key columns, without the run-dependent timestamp."""
    t = read_tables(str(out), table)
    if "analyzed_at" in t.column_names:
        t = t.drop_columns(["analyzed_at"])
    keys = [c for c in ("id", "article_id", "origin", "quote_index", "entity_index", "start") if c in t.column_names]
    return t.sort_by([(k, "ascending") for k in keys]).to_pylist()


def test_batch_writes_every_table_with_its_schema(tmp_path, client):
    src = _inputs(tmp_path)
    out = tmp_path / "out"
    seen = []
    result = run_batch([src], out, pipeline_factory=fake_pipeline, client=client,
                       partition_size=4, progress=lambda s: seen.append(s.articles_done), count=True)
    assert result.ok and result.articles == 25 and result.partitions_done == 7
    assert seen == sorted(seen) and seen[-1] == 25
    assert len(list((out / "_done").glob("part-*.json"))) == 7
    for table in TABLES:
        files = sorted((out / table).glob("*.parquet"))
        assert len(files) == 7
        for f in files:
            assert pq.read_schema(f).remove_metadata() == schema(table)

    articles = read_tables(str(out), "articles").to_pylist()
    assert len(articles) == 22  # 25 rows less 2 unreadable and 1 crashed
    by_id = {a["id"]: a for a in articles}
    row = make_rows(1, start=100)[0]
    assert by_id[Article(text=row["text"], url=row["url"]).id]["title"] == "Story 100"
    # Every span is the slice of its article's text.
    for table in ("techniques", "quotes", "descriptors"):
        for r in read_tables(str(out), table).to_pylist():
            assert by_id[r["article_id"]]["text"][r["start"]:r["end"]] == r["text"]
    techniques = read_tables(str(out), "techniques").to_pylist()
    assert len(techniques) == 2 * 21  # two "very" in each of 21 articles; none in the BOOM one
    entities = read_tables(str(out), "entities").to_pylist()
    assert {"Quill", "Tuesday"} <= {e["name"] for e in entities}

    errors = read_tables(str(out), "errors").to_pylist()
    fatal = sorted((e["stage"], e["origin"].rsplit("/", 1)[-1]) for e in errors if e["fatal"])
    assert fatal == [("ingest", "a.jsonl:18"), ("ingest", "a.jsonl:4"), ("pipeline", "a.jsonl:9")]
    crash = next(e for e in errors if e["stage"] == "pipeline")
    assert "RuntimeError" in crash["message"] and crash["article_id"]
    problems = [e for e in errors if not e["fatal"]]
    assert [(p["stage"], "BOOM" in p["message"]) for p in problems] == [("fake", True)]
    assert result.errors == 3


def test_rerun_after_interruption_skips_finished_partitions_and_matches(tmp_path, client):
    src = _inputs(tmp_path)
    whole = tmp_path / "whole"
    run_batch([src], whole, pipeline_factory=fake_pipeline, client=client, partition_size=3)

    out = tmp_path / "out"

    def interrupt(state):
        if state.partitions_done == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch([src], out, pipeline_factory=fake_pipeline, client=client,
                  partition_size=3, max_in_flight=2, progress=interrupt)
    done_before = {p.name: p.read_text() for p in (out / "_done").glob("*.json")}
    assert 3 <= len(done_before) < 9

    result = run_batch([src], out, pipeline_factory=fake_pipeline, client=client,
                       partition_size=3)
    assert result.partitions_skipped == len(done_before)
    assert result.partitions_done == 9 - len(done_before)
    # Finished partitions were not rewritten.
    assert all((out / "_done" / n).read_text() == t for n, t in done_before.items())
    for table in TABLES:
        assert _comparable(out, table) == _comparable(whole, table), table

    # A third run has nothing to do.
    again = run_batch([src], out, pipeline_factory=fake_pipeline, client=client, partition_size=3)
    assert (again.partitions_done, again.partitions_skipped, again.articles) == (0, 9, 0)


def test_a_grown_input_redoes_only_the_changed_partition(tmp_path, client):
    path = write_jsonl(tmp_path / "in.jsonl", make_rows(5))
    out = tmp_path / "out"
    run_batch([path], out, pipeline_factory=fake_pipeline, client=client, partition_size=4)
    write_jsonl(path, make_rows(7))
    result = run_batch([path], out, pipeline_factory=fake_pipeline, client=client,
                       partition_size=4)
    assert (result.partitions_skipped, result.partitions_done, result.articles) == (1, 1, 3)
    assert read_tables(str(out), "articles").num_rows == 7


def test_a_killed_worker_is_retried(tmp_path, client):
    flags = tmp_path / "flags"
    flags.mkdir()
    rows = make_rows(4)
    rows[2]["text"] += f" KILL:{flags}"
    path = write_jsonl(tmp_path / "in.jsonl", rows)
    out = tmp_path / "out"
    result = run_batch([path], out, pipeline_factory=fake_pipeline, client=client,
                       partition_size=2)
    assert len(list(flags.iterdir())) == 1  # the worker did die once
    assert result.ok and result.errors == 0
    assert read_tables(str(out), "articles").num_rows == 4


def test_resuming_with_other_options_is_refused(tmp_path):
    path = write_jsonl(tmp_path / "in.jsonl", make_rows(2))
    out = tmp_path / "out"
    out.mkdir()
    (out / "_batch.json").write_text(json.dumps(
        {"layout": LAYOUT_VERSION, "partition_size": 50, "only": [], "skip": []}))
    with pytest.raises(InputError, match="partition_size=50"):
        run_batch([path], out, pipeline_factory=fake_pipeline, partition_size=10)


def test_resuming_an_output_of_the_old_table_layout_is_refused(tmp_path):
    """Layout 1 had other columns (`partition`, descriptors joined ...), layout 2 no
    `quotes.content` and layout 3 no `quotes.continues`: their partitions cannot be mixed with
    the tables written now."""
    path = write_jsonl(tmp_path / "in.jsonl", make_rows(2))
    out = tmp_path / "out"
    out.mkdir()
    (out / "_batch.json").write_text(json.dumps(
        {"layout": 1, "partition_size": 10, "only": [], "skip": []}))
    with pytest.raises(InputError, match="table layout 1 .now 4.; choose a new output"):
        run_batch([path], out, pipeline_factory=fake_pipeline, partition_size=10)
    (out / "_batch.json").write_text(json.dumps(
        {"layout": 2, "partition_size": 10, "only": [], "skip": []}))
    with pytest.raises(InputError, match="table layout 2 .now 4.; choose a new output"):
        run_batch([path], out, pipeline_factory=fake_pipeline, partition_size=10)
    (out / "_batch.json").write_text(json.dumps(
        {"layout": 3, "partition_size": 10, "only": [], "skip": []}))
    with pytest.raises(InputError, match="table layout 3 .now 4.; choose a new output"):
        run_batch([path], out, pipeline_factory=fake_pipeline, partition_size=10)


def test_each_worker_builds_the_pipeline_once(tmp_path, client):
    builds = tmp_path / "builds"
    builds.mkdir()
    path = write_jsonl(tmp_path / "in.jsonl", make_rows(12))
    result = run_batch([path], tmp_path / "out", pipeline_factory=CountingFactory(builds),
                       client=client, partition_size=1)
    assert result.partitions_done == 12
    pids = [p.name.split("-")[1] for p in builds.iterdir()]
    assert 1 <= len(pids) <= 2 and len(set(pids)) == len(pids)


def test_a_database_url_fills_the_store_and_a_rerun_skips(tmp_path, client):
    from slant.store import open_store

    rows = make_rows(5)
    rows.insert(2, {"text": "The CRASH came very late."})
    path = write_jsonl(tmp_path / "in.jsonl", rows)
    url = f"sqlite:///{tmp_path / 'corpus.db'}"
    result = run_batch([path], url, pipeline_factory=fake_pipeline, client=client,
                       partition_size=2)
    assert result.ok and result.partitions_done == 3
    assert [(r["stage"], r["origin"].endswith(":3")) for r in result.error_rows] == [("pipeline", True)]
    with open_store(url) as store:
        assert store.count() == 5
        stored = store.get(store.find(Article(text=rows[0]["text"], url=rows[0]["url"])))
        assert [t.text for t in stored.techniques] == ["very", "very"]
    again = run_batch([path], url, pipeline_factory=fake_pipeline, client=client,
                      partition_size=2)
    # The partition holding the crashed article is redone; the other two are complete.
    assert (again.partitions_skipped, again.partitions_done) == (2, 1)


def test_an_output_inside_the_input_directory_is_not_read_back(tmp_path, client):
    write_jsonl(tmp_path / "in.jsonl", make_rows(3))
    out = tmp_path / "out"
    for _ in range(2):
        result = run_batch([tmp_path], out, pipeline_factory=fake_pipeline, client=client,
                           partition_size=2)
    assert (result.partitions_skipped, result.partitions_done) == (2, 0)


def test_partitions_cut_into_tasks_write_the_same_tables(tmp_path, client):
    """A partition is the unit of output; its tasks (``task_size`` articles) are the unit of
    work. Cutting partitions into tasks of 1 or 3 changes nothing in what is written."""
    src = _inputs(tmp_path)
    outs = {}
    for size in (1, 3, 8):
        out = tmp_path / f"out{size}"
        seen = []
        result = run_batch([src], out, pipeline_factory=fake_pipeline, client=client,
                           partition_size=8, task_size=size,
                           progress=lambda s, seen=seen: seen.append(s.articles_done))
        assert result.ok and result.articles == 25 and result.partitions_done == 4
        assert seen == sorted(seen) and seen[-1] == 25
        if size == 1:
            assert len(seen) == 25  # progress after every task, not only every partition
        assert len(list((out / "_done").glob("part-*.json"))) == 4
        outs[size] = {t: _comparable(out, t) for t in TABLES}
        errors = read_tables(str(out), "errors")  # in the order written, not sorted
        if "analyzed_at" in errors.column_names:
            errors = errors.drop_columns(["analyzed_at"])
        outs[size]["errors as written"] = errors.to_pylist()
    assert outs[1] == outs[3] == outs[8]


def test_resume_checks_the_files_a_done_marker_lists(tmp_path, client):
    """A truncated table file and a deleted one: their partitions are redone, not trusted."""
    src = _inputs(tmp_path)
    whole = tmp_path / "whole"
    run_batch([src], whole, pipeline_factory=fake_pipeline, client=client, partition_size=3)
    out = tmp_path / "out"
    first = run_batch([src], out, pipeline_factory=fake_pipeline, client=client, partition_size=3)
    marker = json.loads((out / "_done" / "part-00001.json").read_text())
    for name in TABLES:
        rel = f"{name}/part-00001.parquet"
        assert marker["files"][rel]["bytes"] == (out / rel).stat().st_size
    quotes = out / "quotes" / "part-00002.parquet"
    with open(quotes, "r+b") as fh:
        fh.truncate(quotes.stat().st_size // 2)
    (out / "entities" / "part-00005.parquet").unlink()

    result = run_batch([src], out, pipeline_factory=fake_pipeline, client=client,
                       partition_size=3)
    assert sorted(i for i, _ in result.damaged) == [2, 5]
    why = dict(result.damaged)
    assert "quotes/part-00002.parquet has" in why[2] and "were written" in why[2]
    assert why[5] == "entities/part-00005.parquet is missing"
    assert (result.partitions_done, result.partitions_skipped) == (2, 7)
    assert result.errors_earlier == first.errors - sum(
        json.loads((out / "_done" / f"part-{i:05d}.json").read_text())["errors"] for i in (2, 5))
    for table in TABLES:
        assert _comparable(out, table) == _comparable(whole, table), table

    # a file rewritten with the same size but other bytes is caught by its hash
    art = out / "articles" / "part-00000.parquet"
    data = bytearray(art.read_bytes())
    data[len(data) // 2] ^= 0xFF
    art.write_bytes(bytes(data))
    again = run_batch([src], out, pipeline_factory=fake_pipeline, client=client,
                      partition_size=3)
    assert again.damaged == [
        (0, "articles/part-00000.parquet changed since it was written (SHA-256 differs)")]
    assert again.partitions_done == 1


def test_a_marker_without_file_records_is_not_trusted(tmp_path, client):
    path = write_jsonl(tmp_path / "in.jsonl", make_rows(4))
    out = tmp_path / "out"
    run_batch([path], out, pipeline_factory=fake_pipeline, client=client, partition_size=4)
    m = out / "_done" / "part-00000.json"
    old = json.loads(m.read_text())
    del old["files"]
    m.write_text(json.dumps(old))
    result = run_batch([path], out, pipeline_factory=fake_pipeline, client=client,
                       partition_size=4)
    assert result.partitions_done == 1 and "lists no files" in result.damaged[0][1]


def test_output_files_are_synced_before_the_marker(tmp_path, monkeypatch):
    """Every table file is fsynced (and its directory) before the done marker is written."""
    import os

    from slant.batch._inputs import Item, Partition
    from slant.batch._output import ParquetOutput
    from slant.batch._tables import build_tables
    from slant.batch._worker import PartitionResult

    out = ParquetOutput(tmp_path / "out", {"partition_size": 1})
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        events.append("fsync " + os.readlink(f"/proc/self/fd/{fd}"))
        return real_fsync(fd)

    def replace(a, b):
        events.append(f"replace {b}")
        return real_replace(a, b)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    pipe = fake_pipeline()
    art = Article(text="The very old bridge, said Mayor Quill.", origin="x")
    result = PartitionResult(index=0, articles=1, errors=0, seconds=0.0,
                             tables=build_tables([pipe.analyze(art)], [], 0))
    out.write(result, Partition(0, [Item("x", article=art)]))
    marker_at = events.index(f"replace {out.root / '_done' / 'part-00000.json'}")
    for name in TABLES:
        final = out.root / name / "part-00000.parquet"
        synced = [i for i, e in enumerate(events)
                  if e.startswith("fsync ") and e.endswith(".tmp") and f"/{name}/" in e]
        assert synced and synced[0] < events.index(f"replace {final}") < marker_at, name
        assert events.index(f"fsync {out.root / name}") < marker_at, name
