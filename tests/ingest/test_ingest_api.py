"""slant.ingest's curated __all__ is honest, and importing it stays light."""

from __future__ import annotations

import subprocess
import sys

import pytest

import slant.ingest


@pytest.mark.parametrize("name", slant.ingest.__all__)
def test_public_name_resolves(name):
    assert getattr(slant.ingest, name) is not None


def test_all_has_no_duplicates():
    assert len(slant.ingest.__all__) == len(set(slant.ingest.__all__))


def test_import_does_not_load_trafilatura_or_models():
    code = (
        "import sys, slant.ingest; "
        "print([m for m in ('trafilatura', 'torch', 'spacy', 'transformers') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
