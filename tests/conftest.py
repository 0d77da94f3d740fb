"""Shared fixtures: where ../shared data lives (tests skip with a reason when it is absent)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    """The team's shared data folder: $SLANT_SHARED, else ../shared beside the checkout."""
    env = os.environ.get("SLANT_SHARED")
    return Path(env) if env else REPO.parent / "shared"


def require_shared(*parts: str) -> Path:
    path = shared_dir().joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: this test reads the team's shared data (set SLANT_SHARED)")
    return path


@pytest.fixture(scope="session")
def ptc_dir() -> Path:
    return require_shared("data", "ptc")


@pytest.fixture(scope="session")
def shared_data() -> Path:
    return require_shared("data")


@pytest.fixture(scope="session")
def polnear_dir() -> Path:
    return require_shared("data", "polnear")


# A stage that raises fails the test instead of becoming a Problem on the Analysis (tests of
# that behaviour ask for it with on_error="problem"). Set before any pipeline is built.
os.environ["SLANT_ON_ERROR"] = "raise"


@pytest.fixture(autouse=True, scope="session")
def _one_thread() -> None:
    """Tests run on shared CPUs: keep numeric libraries on one thread."""
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "TOKENIZERS_PARALLELISM"):
        os.environ.setdefault(var, "1" if var != "TOKENIZERS_PARALLELISM" else "false")
