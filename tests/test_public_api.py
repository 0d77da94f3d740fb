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


def test_type_checkers_see_every_lazy_export():
    """The ``if TYPE_CHECKING:`` block of slant/__init__.py names exactly the lazy exports,
    each from the module it is loaded from at run time."""
    import ast
    from pathlib import Path

    tree = ast.parse(Path(slant.__file__).read_text(encoding="utf-8"))
    block = next(n for n in tree.body if isinstance(n, ast.If)
                 and isinstance(n.test, ast.Name) and n.test.id == "TYPE_CHECKING")
    seen = {alias.asname or alias.name: node.module
            for node in block.body if isinstance(node, ast.ImportFrom) for alias in node.names}
    assert seen == slant._EXPORTS
