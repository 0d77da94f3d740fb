"""Every ``SLANT_*`` setting the project reads is documented in docs/configuration.md."""

from __future__ import annotations

import re
from pathlib import Path

from slant.config import Settings

REPO = Path(__file__).resolve().parents[1]
NAME = re.compile(r"\bSLANT_[A-Z0-9_]*[A-Z0-9]\b")
WHERE = ("slant", "tests", "benchmarks", "scripts", ".ci")
SUFFIXES = {".py", ".sh", ".cfg", ".toml", ""}


def used_names() -> dict[str, Path]:
    found: dict[str, Path] = {}
    files = [REPO / "Makefile", *(p for d in WHERE for p in (REPO / d).rglob("*") if p.is_file())]
    for path in files:
        if path.suffix not in SUFFIXES or "__pycache__" in path.parts:
            continue
        for name in NAME.findall(path.read_text(encoding="utf-8", errors="replace")):
            found.setdefault(name, path)
    return found


def documented_names() -> set[str]:
    doc = (REPO / "docs" / "configuration.md").read_text(encoding="utf-8")
    return {m.group(1) for m in re.finditer(r"^\| `(SLANT_[A-Z0-9_]+)` \|", doc, re.M)}


def test_every_setting_is_documented():
    used = used_names()
    assert {"SLANT_DB", "SLANT_ON_ERROR", "SLANT_SHARED"} <= set(used)  # the scan sees them
    missing = {n: str(p.relative_to(REPO)) for n, p in used.items() if n not in documented_names()}
    assert not missing, f"undocumented settings (add them to docs/configuration.md): {missing}"


def test_every_documented_setting_exists():
    assert documented_names() <= set(used_names())


def test_settings_read_from_the_environment():
    s = Settings.from_env({"SLANT_DB": "sqlite:///x.db", "SLANT_DATA_DIR": "/tmp/d",
                           "SLANT_ENCODER": "/models/enc", "SLANT_SPACY_MODEL": "en_other",
                           "SLANT_THRESHOLD": "0.4", "SLANT_THREADS": "2", "SLANT_ON_ERROR": "raise"})
    assert (s.db_url, str(s.data_dir), s.encoder, s.spacy_model) == (
        "sqlite:///x.db", "/tmp/d", "/models/enc", "en_other")
    assert (s.technique_threshold, s.threads, s.on_error) == (0.4, 2, "raise")
