"""The CLI shell: fast help, lazy imports, one-line errors, every command documented."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from slant.cli import app

REPO = Path(__file__).resolve().parents[1]
HEAVY = ("torch", "transformers", "spacy", "sqlalchemy", "sentence_transformers", "dask")


def run_slant(*args: str, input: str | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "slant", *args], capture_output=True, text=True,
                          input=input, timeout=timeout, cwd=REPO)


@pytest.mark.parametrize("argv", [["--help"], ["analyze", "--help"]])
def test_help_imports_no_heavy_library(argv):
    code = (
        "import sys, time; t=time.perf_counter()\n"
        "from slant.cli import main\n"
        f"try:\n    main({argv!r})\nexcept SystemExit:\n    pass\n"
        f"heavy=[m for m in {HEAVY!r} if m in sys.modules]\n"
        "print('HEAVY', heavy, time.perf_counter()-t, file=sys.stderr)\n"
    )
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    wall = time.perf_counter() - t0
    assert proc.returncode == 0, proc.stderr
    assert "HEAVY []" in proc.stderr, proc.stderr
    assert "Usage" in proc.stdout
    # Printed, not asserted: timing belongs to benchmarks (see benchmarks/cli_startup.py).
    print(f"slant {' '.join(argv)}: {wall:.2f} s wall")


def test_version():
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0 and "slant" in result.output


def test_unknown_stage_is_one_line_error():
    proc = run_slant("analyze", "--only", "nonsense", "-", input="Some text here.")
    assert proc.returncode != 0
    assert proc.stderr.strip().splitlines() == [
        proc.stderr.strip().splitlines()[0]
    ] and "unknown stage 'nonsense'" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_cli_reference_is_in_step_with_the_code():
    """docs/cli.md is generated from the commands: regenerate with `python -m slant.cli.docs`."""
    from slant.cli.docs import cli_markdown

    assert (REPO / "docs" / "cli.md").read_text(encoding="utf-8") == cli_markdown()


def test_every_command_is_in_the_readme():
    import typer.main

    names = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    missing = [n for n in names if f"slant {n}" not in readme]
    assert not missing, f"commands missing from README.md: {missing}"


def test_usage_error_is_short_and_has_no_traceback():
    proc = run_slant("analyze", "--format", "bogus", "x")
    assert proc.returncode == 2
    assert "Invalid value for '--format'" in proc.stderr and "Traceback" not in proc.stderr


def test_debug_shows_traceback(tmp_path):
    proc = run_slant("--debug", "analyze", "--only", "nonsense", "-", input="Some text here.")
    assert proc.returncode != 0 and "Traceback" in proc.stderr


def test_debug_makes_a_failing_stage_raise(monkeypatch):
    """Without --debug a stage bug is a problem in the output (traceback in the log); with it,
    the command stops on the stage's own exception."""
    import slant.analyze.language as language

    def broken(text):
        raise RuntimeError("language detector bug")

    monkeypatch.setattr(language, "detect_language", broken)
    monkeypatch.delenv("SLANT_ON_ERROR", raising=False)
    text = "The council approved the harbour deal on Monday after a long debate."
    runner = CliRunner()
    quiet = runner.invoke(app, ["analyze", "-", "--only", "language", "--format", "json"], input=text)
    assert quiet.exit_code == 0, quiet.output
    (only,) = json.loads(quiet.stdout)  # one article, as a JSON array
    problems = only["problems"]
    assert problems == [{"stage": "language", "message": "RuntimeError: language detector bug"}]
    loud = runner.invoke(app, ["--debug", "analyze", "-", "--only", "language", "--format", "json"],
                         input=text)
    assert isinstance(loud.exception, RuntimeError) and "detector bug" in str(loud.exception)


# --- `slant analyze` on real input (language stage only: fast, no models) -----------------

SAMPLES = REPO / "slant" / "samples"


def test_analyze_jsonl_output_matches_schema(tmp_path):
    import jsonschema

    from slant.models import SCHEMA_VERSION, analysis_json_schema

    out = tmp_path / "out.jsonl"
    proc = run_slant("analyze", str(SAMPLES / "corpus.jsonl"), "--only", "language",
                     "--format", "jsonl", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    docs = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(docs) == 10
    schema = analysis_json_schema()
    for doc in docs:
        jsonschema.validate(doc, schema)
        assert doc["article"]["language"] == "en"
        assert doc["schema_version"] == SCHEMA_VERSION


def test_analyze_stdin_json(tmp_path):
    proc = run_slant("analyze", "-", "--only", "language", "--format", "json",
                     input="Harbour deal approved\n\nThe council approved the harbour deal on Monday "
                           "after a long and bitter debate.\n")
    assert proc.returncode == 0, proc.stderr
    docs = json.loads(proc.stdout)  # one shape: an array, for one article as for several
    assert [d["article"]["title"] for d in docs] == ["Harbour deal approved"]


def test_analyze_json_is_an_array_for_any_number_of_articles(tmp_path):
    lines = "".join(json.dumps({"text": f"The council met on day {i} and approved the plan.",
                                "title": f"Day {i}"}) + "\n" for i in range(2))
    proc = run_slant("analyze", "-", "--only", "language", "-f", "json", input=lines)
    assert proc.returncode == 0, proc.stderr
    assert [d["article"]["title"] for d in json.loads(proc.stdout)] == ["Day 0", "Day 1"]


def test_analyze_stdin_streams_json_lines():
    """The first record is printed while stdin is still open (the last line not yet sent)."""
    import queue
    import threading

    proc = subprocess.Popen([sys.executable, "-m", "slant", "analyze", "-", "--only", "language",
                             "-f", "jsonl"], cwd=REPO, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    got: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [got.put(x) for x in proc.stdout], daemon=True).start()
    try:
        proc.stdin.write(json.dumps({"text": "The council approved the harbour plan today.",
                                     "title": "First"}) + "\n")
        proc.stdin.flush()
        first = json.loads(got.get(timeout=120))  # stdin still open: nothing more was sent
        assert first["article"]["title"] == "First"
        proc.stdin.write(json.dumps({"text": "The mayor said the plan was a disaster.",
                                     "title": "Second"}) + "\n")
        proc.stdin.close()
        assert proc.wait(timeout=120) == 0, proc.stderr.read()
        second = json.loads(got.get(timeout=10))
        assert second["article"]["title"] == "Second"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()


def _write(path: Path, data: bytes | str) -> Path:
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return path


@pytest.mark.parametrize("setup, expected", [
    (lambda d: d / "missing.txt", "no such file"),
    (lambda d: (d / "empty").mkdir() or d / "empty", "no articles"),
    (lambda d: _write(d / "b.txt", b"\x00\x01\x02binary\x00" * 20), "binary"),
    (lambda d: _write(d / "e.txt", "   \n\n "), "empty"),
    (lambda d: _write(d / "u.txt", bytes(range(0x80, 0x100)) * 3), "undecodable"),
    (lambda d: _write(d / "p.html", "<html><body><nav>Home</nav></body></html>"), "no main text"),
])
def test_bad_input_is_one_line_naming_it(tmp_path, setup, expected):
    path = setup(tmp_path)
    proc = run_slant("analyze", str(path), "--only", "language", "--format", "jsonl")
    assert proc.returncode != 0
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert any(expected in line and path.name in line for line in lines), proc.stderr
    assert "Traceback" not in proc.stderr


def test_malformed_jsonl_line_is_reported_and_others_processed(tmp_path):
    src = tmp_path / "in.jsonl"
    good = json.dumps({"text": "The mayor said the new bridge would open in the spring next year.",
                       "title": "Bridge"})
    src.write_text(good + "\n{not json\n" + good.replace("Bridge", "Bridge two") + "\n")
    proc = run_slant("analyze", str(src), "--only", "language", "--format", "jsonl")
    assert proc.returncode != 0
    assert "line 2" in proc.stderr and "in.jsonl" in proc.stderr
    assert len(proc.stdout.strip().splitlines()) == 2


def test_text_report_renders(tmp_path):
    proc = run_slant("analyze", str(SAMPLES / "articles"), "--only", "language", "--format", "text")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("words") >= 10
