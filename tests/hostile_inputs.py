"""The hostile-input kit: inputs far larger than a news article, built on the spot.

Used by ``tests/test_hostile_inputs.py`` (what happens: a clear error, the other inputs
still analyzed) and by ``benchmarks/big_inputs.py`` (how long it takes and how much memory
it needs). Texts are made of short sentences written for slant's tests, never copied
from an article.

    write_cases(folder) -> {name: path}
        text-1mb.txt, text-5mb.txt      1 MB and 5 MB of text in paragraphs
        line-1mb.txt, line-5mb.txt      the same on one single line
        feed-5mb.jsonl                  a 5 MB record between two short ones
"""

from __future__ import annotations

import json
import random
from pathlib import Path

MB = 1024 * 1024

SENTENCES = [
    "The harbour board met on Thursday to discuss the dredging contract.",
    "Critics called the plan reckless, and the mayor called the critics cynical.",
    '"We will not let this town be sold off piece by piece," said Rosa Quint.',
    "The ferry company said the new timetable would start in the spring.",
    "Residents of the old quarter asked who would pay for the flood wall.",
    "Is anyone surprised that the same consultants wrote both reports?",
    "Councillor Ivo Marsh said the figures had been checked twice.",
    "A small band of agitators, the paper said, had hijacked the meeting.",
]

SHORT = ("Harbour vote\n\nThe harbour board approved the dredging plan on Thursday. "
         "Critics said the plan was rushed and reckless.\n")


def text(size: int, *, single_line: bool = False, seed: int = 19) -> str:
    """About ``size`` characters (ASCII, so bytes too): paragraphs of three sentences, or one
    line with no newline at all."""
    rng = random.Random(seed)
    parts: list[str] = []
    n = 0
    while n < size:
        s = rng.choice(SENTENCES)
        parts.append(s)
        n += len(s) + 1
    if single_line:
        out = " ".join(parts)
    else:
        out = "\n\n".join(" ".join(parts[i:i + 3]) for i in range(0, len(parts), 3))
    return out[:size]


def write_cases(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    cases: dict[str, Path] = {}
    for name, size, single in (("text-1mb.txt", MB, False), ("text-5mb.txt", 5 * MB, False),
                               ("line-1mb.txt", MB, True), ("line-5mb.txt", 5 * MB, True)):
        path = folder / name
        path.write_text(("Long report\n\n" if not single else "") + text(size, single_line=single),
                        encoding="utf-8")
        cases[name] = path
    path = folder / "feed-5mb.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for i, body in enumerate([SHORT, text(5 * MB, single_line=True), SHORT]):
            fh.write(json.dumps({"title": f"Row {i}", "url": f"https://example.invalid/{i}",
                                 "text": body}) + "\n")
    cases[path.name] = path
    return cases
