"""The curated public API: every name in ``slant.__all__`` resolves (httpx keeps theirs honest)."""

import importlib

import pytest

import slant


@pytest.mark.parametrize("name", slant.__all__)
def test_public_name_resolves(name):
    assert getattr(slant, name) is not None


def test_unknown_name_raises_attribute_error():
    with pytest.raises(AttributeError):
        slant.no_such_thing  # noqa: B018


def test_import_slant_is_cheap():
    import subprocess
    import sys

    code = "import sys, slant; print([m for m in ('torch','spacy','transformers','sqlalchemy') if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    assert importlib.import_module("slant").__version__
