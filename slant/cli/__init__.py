"""The command line: a thin skin over the library. Heavy imports happen inside commands.

Each command group lives in its own module and registers itself on :data:`app` (or on the
``eval``/``train`` sub-apps) when imported below.
"""

from __future__ import annotations

import sys

from slant.cli._app import app, eval_app, train_app, run_app  # noqa: F401

# Command modules register on import. Keep these imports light (no torch, spaCy, SQLAlchemy).
# (in this order: it is the order of `slant --help`)
from slant.cli import analyze  # noqa: F401,E402,I001
from slant.cli import techniques_cmds, quotes_cmds, corpus_cmds  # noqa: F401,E402,I001
from slant.cli import search_cmds, stats_cmds, story_cmds, export_cmds  # noqa: F401,E402,I001
from slant.cli import actor_cmds, web_cmds, batch_cmds  # noqa: F401,E402,I001


def main(argv: list[str] | None = None) -> None:
    import os

    # Offline by design, and no download/loading progress bars from the model libraries.
    for var, value in (("HF_HUB_OFFLINE", "1"), ("TRANSFORMERS_OFFLINE", "1"),
                       ("HF_HUB_DISABLE_PROGRESS_BARS", "1"), ("TRANSFORMERS_VERBOSITY", "error"),
                       ("TOKENIZERS_PARALLELISM", "false")):
        os.environ.setdefault(var, value)
    run_app(argv if argv is not None else sys.argv[1:])
