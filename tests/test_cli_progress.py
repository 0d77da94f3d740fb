"""Line-based progress on stderr when it is not a terminal: a line every few seconds while
a run lasts, also while one slow article holds it."""

from __future__ import annotations

import io
import time

from typer.testing import CliRunner

from slant.cli import app
from slant.cli._progress import LineProgress


def test_line_progress_prints_plain_lines_on_a_timer():
    sink = io.StringIO()
    with LineProgress("slant test", total=10, every=0.05, stream=sink) as p:
        p.update(3, failed=1)
        time.sleep(0.3)  # no update meanwhile: the timer still reports
    lines = sink.getvalue().splitlines()
    assert len(lines) >= 2
    assert lines[-1].startswith("slant test: 3/10 articles (30%), 1 failed, ")
    assert "elapsed" in lines[-1] and "left" in lines[-1]
    n = len(lines)
    time.sleep(0.15)
    assert len(sink.getvalue().splitlines()) == n  # closed: nothing more


def test_a_quick_run_prints_no_progress():
    sink = io.StringIO()
    with LineProgress("slant test", total=2, every=5, stream=sink) as p:
        p.update(2)
    assert sink.getvalue() == ""


def test_analyze_reports_progress_in_lines_when_stderr_is_not_a_terminal(tmp_path, monkeypatch):
    from slant.pipeline import Pipeline

    real = Pipeline.analyze

    def slow(self, article):
        time.sleep(0.4)
        return real(self, article)

    monkeypatch.setattr(Pipeline, "analyze", slow)
    monkeypatch.setenv("SLANT_PROGRESS_EVERY", "0.1")
    for i in range(2):
        (tmp_path / f"{i}.txt").write_text(f"Ferry news {i}\n\nThe ferry left at noon on day {i}.\n")
    res = CliRunner().invoke(app, ["analyze", str(tmp_path), "--only", "language", "-f", "jsonl"])
    assert res.exit_code == 0, res.stderr
    lines = [ln for ln in res.stderr.splitlines() if ln.startswith("slant analyze: ")]
    assert any(ln.startswith("slant analyze: 0/2 articles (0%)") for ln in lines), res.stderr
    assert any(ln.startswith("slant analyze: 1/2 articles (50%)") for ln in lines), res.stderr
