"""Batch fixtures: small JSONL inputs and one shared two-worker LocalCluster."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import batch_fakes


@pytest.fixture(scope="module")
def client():
    """One LocalCluster (2 processes, 1 thread each) shared by a test module."""
    import cloudpickle
    from distributed import Client, LocalCluster

    # Ship the fakes by value: worker processes need not import the tests directory.
    cloudpickle.register_pickle_by_value(batch_fakes)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None, silence_logs=logging.ERROR) as cluster, \
            Client(cluster) as c:
        yield c
