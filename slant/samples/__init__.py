"""The sample corpus: ten short fictional news articles on one invented controversy.

Written by the slant team for demos and tests; no real news text. See README.md here.
"""

from __future__ import annotations

from pathlib import Path

SAMPLES_DIR = Path(__file__).resolve().parent


def sample_corpus_path() -> Path:
    """The JSON Lines corpus (fields text, title, url, source, published, author)."""
    return SAMPLES_DIR / "corpus.jsonl"


def sample_articles_dir() -> Path:
    """The folder of the same articles as plain-text files (title, empty line, body)."""
    return SAMPLES_DIR / "articles"


def sample_paths() -> list[Path]:
    """The plain-text article files, sorted."""
    return sorted(sample_articles_dir().glob("*.txt"))
