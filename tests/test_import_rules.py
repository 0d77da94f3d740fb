"""The layer rule (import-linter, in the test run) and cheap starts for serve and store."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
HEAVY = ("torch", "transformers", "spacy", "sentence_transformers")


def test_import_linter_contracts_are_kept():
    exe = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    if not Path(exe).exists():
        pytest.fail("lint-imports is missing: install the dev extras (make test does)")
    proc = subprocess.run([exe, "--config", str(REPO / ".importlinter")], cwd=REPO,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 broken" in proc.stdout


@pytest.mark.parametrize("code", [
    "import slant.store, slant.stories",
    "from slant.web import create_app; create_app()",
])
def test_serving_layers_start_without_heavy_libraries(code, tmp_path):
    probe = f"import sys\n{code}\nprint(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
                               "SLANT_DATA_DIR": str(tmp_path)})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "[]"
