"""Rebuild ``corpus.jsonl`` from ``articles/*.txt`` and the metadata below.

    python -m slant.samples._build

The .txt files are the source of the text (title line, empty line, body); a test checks that
``corpus.jsonl`` is what this script writes. Every outlet, person and place here is invented.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent

OUTLETS = {
    "cpw": ("Continental Press Wire", "https://continental-press.test/wire"),
    "ledger": ("The Heartland Ledger", "https://heartland-ledger.test/opinion"),
    "voice": ("Green Valley Voice", "https://green-valley-voice.test/news"),
    "watershed": ("The Watershed Post", "https://watershed-post.test/local"),
    "fbd": ("Frontier Business Daily", "https://frontier-business.test/markets"),
}

# file name -> (outlet key, published, author)
META = {
    "01-cpw-permit-filed.txt": ("cpw", "2026-03-02T14:05:00+00:00", "Nadia Ferris"),
    "02-ledger-600-jobs.txt": ("ledger", "2026-03-03T07:30:00+00:00", "Gordon Pike"),
    "03-voice-poisoned-wells.txt": ("voice", "2026-03-04T09:00:00+00:00", "Mara Quill"),
    "04-cpw-town-hall.txt": ("cpw", "2026-03-11T02:40:00+00:00", "Nadia Ferris"),
    "05-watershed-cant-drink-lithium.txt": ("watershed", "2026-03-11T08:15:00+00:00", "Ellis Crane"),
    "06-fbd-ashgrove-case.txt": ("fbd", "2026-03-11T10:00:00+00:00", "Victor Hale"),
    "07-cpw-aquifer-study.txt": ("cpw", "2026-03-12T16:20:00+00:00", "Samuel Ortega"),
    "08-ledger-study-that-wasnt.txt": ("ledger", "2026-03-13T07:30:00+00:00", "Gordon Pike"),
    "09-voice-science-confirms.txt": ("voice", "2026-03-13T09:00:00+00:00", "Mara Quill"),
    "10-fbd-review-delay.txt": ("fbd", "2026-03-16T18:45:00+00:00", "Victor Hale"),
}


def build_records() -> list[dict[str, str]]:
    """One JSON record per article file, in file order."""
    records = []
    for path in sorted((HERE / "articles").glob("*.txt")):
        outlet, published, author = META[path.name]
        source, base = OUTLETS[outlet]
        raw = path.read_text(encoding="utf-8")
        title, _, body = raw.partition("\n\n")
        slug = path.stem.split("-", 2)[2]
        records.append(
            {
                "title": title.strip(),
                "text": body.rstrip("\n"),
                "url": f"{base}/{published[:10].replace('-', '/')}/{slug}",
                "source": source,
                "published": published,
                "author": author,
            }
        )
    return records


def render() -> str:
    """The content of corpus.jsonl."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in build_records())


if __name__ == "__main__":
    (HERE / "corpus.jsonl").write_text(render(), encoding="utf-8")
    print(f"wrote {HERE / 'corpus.jsonl'}")
