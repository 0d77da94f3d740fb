"""The CLI stays options and printing over the library: small modules, short functions, one
copy of each helper (the corpus verbs live in slant.corpus)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CLI = sorted((ROOT / "slant" / "cli").glob("*.py"))
SHORT = [*CLI, *(ROOT / "slant" / "corpus").glob("*.py"), ROOT / "slant" / "store" / "search.py",
         ROOT / "slant" / "ingest" / "sniff.py"]


def _functions(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            yield node.name, node.end_lineno - start + 1


def test_cli_modules_are_small():
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in CLI}
    assert sizes["corpus_cmds.py"] < 300
    assert {name: n for name, n in sizes.items() if n > 400} == {}


@pytest.mark.parametrize("path", SHORT, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_function_over_80_lines(path):
    assert {name: n for name, n in _functions(path) if n > 80} == {}


def test_one_copy_of_the_option_splitter():
    defs = [(p.name, name) for p in CLI for name, _ in _functions(p)
            if name in ("_split", "split_values")]
    assert defs == [("_shared.py", "split_values")]
