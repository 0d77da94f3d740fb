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


def test_commands_are_documented():
    """Every top-level command appears in the README and in docs/cli.md."""
    import typer.main

    click_app = typer.main.get_command(app)
    names = sorted(click_app.commands)  # type: ignore[attr-defined]
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    cli_doc = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    missing = [n for n in names if f"slant {n}" not in readme and f"slant {n}" not in cli_doc]
    assert not missing, f"undocumented commands: {missing}"
