"""``slant batch`` end to end with a real (light) stage: language detection only."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq
from typer.testing import CliRunner

from batch_fakes import make_rows, write_jsonl
from slant.batch import read_tables
from slant.cli import app


def test_batch_command_writes_tables_and_resumes(tmp_path):
    write_jsonl(tmp_path / "a.jsonl", make_rows(5))
    pq.write_table(pa.Table.from_pylist(make_rows(3, start=10)), tmp_path / "b.parquet")
    out = tmp_path / "out"
    args = ["batch", str(tmp_path / "a.jsonl"), str(tmp_path / "*.parquet"), str(out),
            "--workers", "1", "--partition-size", "3", "--only", "language"]
    runner = CliRunner()
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert "8 articles analyzed" in first.output and "articles/s" in first.output
    articles = read_tables(str(out), "articles")
    assert articles.num_rows == 8
    assert set(articles.column("language").to_pylist()) == {"en"}
    assert set(articles.column("stages").to_pylist()) == {"language"}

    second = runner.invoke(app, args)
    assert second.exit_code == 0, second.output
    assert "0 articles analyzed" in second.output and "8 already done" in second.output

    other = runner.invoke(app, [*args[:-1], "techniques"])
    assert other.exit_code != 0


def test_unknown_stage_fails_before_a_cluster_starts(tmp_path):
    write_jsonl(tmp_path / "a.jsonl", make_rows(1))
    result = CliRunner().invoke(app, ["batch", str(tmp_path / "a.jsonl"), str(tmp_path / "o"),
                                      "--only", "nonsense"])
    assert result.exit_code != 0
    assert not (tmp_path / "o").exists()
