"""Packaging: ranges in pyproject, exact pins in constraints.txt, an SPDX licence, the checks
that `make test` runs are in the dev extra."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

REPO = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT = PYPROJECT["project"]


def _requirements(extra: str | None = None) -> list[Requirement]:
    raw = PROJECT["optional-dependencies"][extra] if extra else PROJECT["dependencies"]
    return [Requirement(r) for r in raw]


def _pins() -> dict[str, Version]:
    pins = {}
    for line in (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            assert re.fullmatch(r"[A-Za-z0-9._-]+==[A-Za-z0-9.+!]+", line), \
                f"constraints.txt holds exact pins only: {line!r}"
            name, version = line.split("==")
            pins[canonicalize_name(name)] = Version(version)
    return pins


def test_pyproject_has_ranges_and_constraints_pin_each_within_them():
    pins = _pins()
    for req in [*_requirements(), *_requirements("dev")]:
        assert not any(s.operator in ("==", "===") for s in req.specifier), \
            f"{req}: an exact pin belongs in constraints.txt, pyproject takes a range"
        name = canonicalize_name(req.name)
        assert name in pins, f"{req.name} has no pin in constraints.txt"
        assert req.specifier.contains(pins[name], prereleases=True), \
            f"constraints.txt pins {req.name}=={pins[name]}, outside {req.specifier}"


def test_torch_is_a_range_the_cpu_wheel_satisfies():
    (torch,) = [r for r in _requirements() if r.name == "torch"]
    assert torch.specifier.contains("2.13.0") and len(list(torch.specifier)) >= 1
    assert not torch.specifier.contains("3.0.0")  # a major version is a choice, not a default


def test_checks_live_in_the_dev_extra_only():
    runtime = {canonicalize_name(r.name) for r in _requirements()}
    dev = {canonicalize_name(r.name) for r in _requirements("dev")}
    assert {"jsonschema", "mypy", "ruff", "import-linter", "pytest"} <= dev
    assert not runtime & {"jsonschema", "mypy", "ruff", "pytest"}


def test_licence_is_an_spdx_string():
    # A TOML table here makes setuptools print deprecation warnings at every install.
    assert PROJECT["license"] == "Apache-2.0"
    backend = [Requirement(r) for r in PYPROJECT["build-system"]["requires"]]
    (setuptools,) = [r for r in backend if r.name == "setuptools"]
    assert not setuptools.specifier.contains("76.9")  # SPDX strings need setuptools >= 77


def test_the_spacy_factory_is_declared():
    eps = PROJECT["entry-points"]["spacy_factories"]
    assert eps == {"slant": "slant.spacy_component:make_slant"}


def test_spacy_is_pinned_to_a_build_whose_parser_keeps_the_gil_off():
    # spaCy's cp311 wheels from 3.8.8 on are built with Cython profiling hooks that take and
    # drop the GIL in every state lookup of the parser and the NER: a third of the parse's
    # time on one core (docs/quotes.md, speed). 3.8.7 gives the same parse token for token.
    pins = _pins()
    assert pins["spacy"] <= Version("3.8.7"), \
        "spaCy 3.8.8 and later (cp311 wheels) parse about 1.5 times slower: see docs/quotes.md"
