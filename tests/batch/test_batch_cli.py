"""``slant batch`` end to end: a real (light) stage, and a batch killed halfway."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from batch_fakes import make_rows, write_jsonl
from typer.testing import CliRunner

from slant.batch import TABLES, read_tables
from slant.cli import app
from slant.models import Article

HERE = Path(__file__).resolve().parent


def test_batch_command_writes_tables_and_resumes(tmp_path):
    write_jsonl(tmp_path / "a.jsonl", make_rows(5))
    pq.write_table(pa.Table.from_pylist(make_rows(3, start=10)), tmp_path / "b.parquet")
    out = tmp_path / "out"
    args = ["batch", str(tmp_path / "a.jsonl"), str(tmp_path / "*.parquet"), str(out),
            "--workers", "1", "--partition-size", "3", "--task-size", "2", "--only", "language"]
    runner = CliRunner()
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert "8 articles analyzed" in first.output and "articles/s" in first.output
    articles = read_tables(str(out), "articles")
    assert articles.num_rows == 8
    assert set(articles.column("language").to_pylist()) == {"en"}
    assert articles.column("stages").to_pylist() == [["language"]] * 8

    second = runner.invoke(app, args)
    assert second.exit_code == 0, second.output
    assert "0 articles analyzed" in second.output and "8 already done" in second.output

    # the task size is how work is cut, not what is written: another one resumes as well
    third = runner.invoke(app, [a if a != "2" else "5" for a in args])
    assert third.exit_code == 0, third.output
    assert "8 already done" in third.output

    other = runner.invoke(app, [*args[:-1], "techniques"])
    assert other.exit_code != 0


def test_unknown_stage_fails_before_a_cluster_starts(tmp_path):
    write_jsonl(tmp_path / "a.jsonl", make_rows(1))
    result = CliRunner().invoke(app, ["batch", str(tmp_path / "a.jsonl"), str(tmp_path / "o"),
                                      "--only", "nonsense"])
    assert result.exit_code != 0
    assert not (tmp_path / "o").exists()


@pytest.mark.slow
def test_a_batch_killed_halfway_resumes_to_the_same_output(tmp_path):
    """kill -9 of the whole batch (driver, nanny, worker) while partition 4 runs."""
    flags = tmp_path / "flags"
    flags.mkdir()
    rows = make_rows(20)
    rows[9]["text"] += f" HANG:{flags}"  # partition 4 of 10
    path = write_jsonl(tmp_path / "in.jsonl", rows)
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")])}

    def batch(output: Path, **kw) -> subprocess.Popen:
        cmd = [str(Path(sys.executable).parent / "slant"), "batch", str(path), str(output), "--workers", "1",
               "--partition-size", "2", "--pipeline-factory", "batch_fakes:fake_pipeline"]
        return subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, **kw)

    proc = batch(out, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        # The worker is stuck in partition 4 once the flag exists; the driver has written
        # (or is about to write) partitions 0-3.
        while not (flags / f"hung-{_id(rows[9])}").exists() or len(_done(out)) < 4:
            assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()
            time.sleep(0.1)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
    assert _done(out) == [f"part-{i:05d}.json" for i in range(4)]

    _, err = batch(out).communicate(timeout=120)
    assert "12 articles analyzed" in err and "8 already done" in err, err
    _, err = batch(tmp_path / "whole").communicate(timeout=120)
    assert "20 articles analyzed" in err, err
    for table in TABLES:
        assert _rows(out, table) == _rows(tmp_path / "whole", table), table


def _done(out: Path) -> list[str]:
    return sorted(p.name for p in (out / "_done").glob("*.json")) if (out / "_done").exists() else []


def _id(row: dict) -> str:
    return Article(text=row["text"], url=row.get("url")).id


def _rows(out: Path, table: str) -> list[dict]:
    t = read_tables(str(out), table)
    if "analyzed_at" in t.column_names:
        t = t.drop_columns(["analyzed_at"])
    return t.to_pylist()


def test_failed_rows_are_counted_apart_and_exit_2(tmp_path, monkeypatch):
    """15 rows, 8 of which fail (bad rows and crashing articles): the summary says 7 analyzed
    and 8 failed, the exit status is 2, a rerun with nothing left to do still says so; and
    with stderr not a terminal, progress comes as plain lines."""
    import batch_fakes
    import cloudpickle

    cloudpickle.register_pickle_by_value(batch_fakes)
    rows = make_rows(7)
    rows[6]["text"] += " SLOW"  # the run outlasts a tick once the total is known, however fast the machine
    rows += [{"text": f"The CRASH number {i} was very loud."} for i in range(5)]
    rows += [{"title": "no text"}, {"text": ""}, {"text": 5}]
    path = write_jsonl(tmp_path / "in.jsonl", rows)
    out = tmp_path / "out"
    monkeypatch.setenv("SLANT_PROGRESS_EVERY", "0.2")
    args = ["batch", str(path), str(out), "--workers", "1", "--partition-size", "5",
            "--pipeline-factory", "batch_fakes:fake_pipeline"]
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 2, res.output
    assert "7 articles analyzed, 8 failed, 0 already done" in res.stderr
    assert f"8 articles failed; their reasons are in the errors table ({out}/errors)" in res.stderr
    assert read_tables(str(out), "articles").num_rows == 7
    fatal = [e for e in read_tables(str(out), "errors").to_pylist() if e["fatal"]]
    assert len(fatal) == 8
    lines = [ln for ln in res.stderr.splitlines() if ln.startswith("slant batch: ")
             and "/15 articles" in ln]
    assert lines and "\r" not in res.stderr and "\x1b[" not in res.stderr, res.stderr

    again = CliRunner().invoke(app, args)
    assert again.exit_code == 2
    assert "0 articles analyzed, 0 failed, 15 already done (8 failed in the partitions done " \
           "before)" in again.stderr
