"""No article text in the repository: samples, docs and comments are written by us. A run of
seven or more words that also stands in an article of the shared data (PTC, its unlabelled
part, PolNeAR) fails, with the file, the line and the words."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RUN = 7  # words
# runs that are stock phrases of any news text, not an article's own words
STOCK = {"said in a statement according to the"}
WORD = re.compile(r"[A-Za-z0-9]+")


def _words(text: str) -> list[tuple[str, int]]:
    # a "\n" inside a string literal is a break between words, not a letter n
    text = text.replace("\\n", "  ").replace("\\t", "  ")
    return [(m.group(0).lower(), m.start()) for m in WORD.finditer(text)]


def _ours() -> list[Path]:
    globs = ["tests/**/*.py", "docs/**/*.md", "README.md", "slant/**/*.py", "slant/**/*.txt",
             "slant/**/*.html", "benchmarks/**/*.py"]
    return sorted({p for g in globs for p in REPO.glob(g) if ".venv" not in p.parts})


def test_no_run_of_seven_words_from_an_article(shared_data: Path):
    data = shared_data
    runs: set[str] = set()
    for folder, pattern in (("ptc", "*.txt"), ("ptc-unlabelled", "*.txt"), ("polnear", "*")):
        for path in (data / folder).rglob(pattern):
            if path.is_file() and (folder != "polnear" or path.parent.name == "text"):
                words = [w for w, _ in _words(path.read_text(encoding="utf-8", errors="ignore"))]
                runs.update(" ".join(words[i:i + RUN]) for i in range(len(words) - RUN + 1))
    found = []
    for path in _ours():
        text = path.read_text(encoding="utf-8", errors="ignore")
        words = _words(text)
        for i in range(len(words) - RUN + 1):
            run = " ".join(w for w, _ in words[i:i + RUN])
            if run in runs and run not in STOCK:
                line = text.count("\n", 0, words[i][1]) + 1
                found.append(f"{path.relative_to(REPO)}:{line}: {run}")
    assert not found, "article text in the repository:\n" + "\n".join(found[:40])
