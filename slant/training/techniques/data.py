"""Reading a PTC-layout folder: ``articles/article<ID>.txt``, ``labels-TC.tsv``, ``labels-SI.tsv``.

Offsets are character offsets into the file's text as Python reads it (UTF-8, newlines kept
as they are), start inclusive, end exclusive.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from slant.errors import InputError

# the fixed dev split lives beside the shipped model it is the yardstick of
DEV_IDS_FILE = Path(__file__).resolve().parents[2] / "analyze" / "techniques" / "dev_ids.txt"
VAL_ARTICLES = 40  # training articles held out of fitting, for early stopping and tuning


@dataclass(frozen=True)
class Label:
    technique: str | None
    start: int
    end: int


@dataclass
class PTCArticle:
    id: str
    text: str
    labels: list[Label] = field(default_factory=list)  # TC labels (technique set)


def read_text(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def read_labels(path: Path, with_technique: bool = True) -> dict[str, list[Label]]:
    """``{article id: [Label, ...]}`` from a TC (id, technique, start, end) or SI (id, start, end) file."""
    out: dict[str, list[Label]] = defaultdict(list)
    if not path.exists():
        return out
    for n, line in enumerate(read_text(path).splitlines(), 1):
        if not line.strip():
            continue
        parts = line.rstrip("\n").split("\t")
        try:
            if with_technique and len(parts) >= 4:
                aid, tech, s, e = parts[0], parts[1], int(parts[2]), int(parts[3])
            elif len(parts) >= 3:
                aid, tech, s, e = parts[0], None, int(parts[-2]), int(parts[-1])
            else:
                raise ValueError("too few fields")
        except ValueError as exc:
            raise InputError(f"line {n}: not a PTC label line ({exc})", source=str(path)) from exc
        out[aid].append(Label(tech, s, e))
    return out


def load_ptc(folder: str | Path, ids: set[str] | None = None) -> list[PTCArticle]:
    """All articles of a PTC-layout folder (only ``ids`` when given), sorted by id."""
    folder = Path(folder)
    art_dir = folder / "articles"
    if not art_dir.is_dir():
        raise InputError("no articles/ folder; expected the PTC layout "
                         "(articles/article<ID>.txt, labels-TC.tsv)", source=str(folder))
    labels = read_labels(folder / "labels-TC.tsv")
    out = []
    for p in sorted(art_dir.glob("article*.txt")):
        aid = p.stem[len("article"):]
        if ids is not None and aid not in ids:
            continue
        out.append(PTCArticle(aid, read_text(p), list(labels.get(aid, []))))
    if not out:
        raise InputError("no articles found", source=str(art_dir))
    return out


def read_ids(path: str | Path) -> set[str]:
    return {ln.strip() for ln in read_text(Path(path)).splitlines() if ln.strip() and not ln.startswith("#")}


def make_dev_split(ids: list[str], n: int = 60, seed: int = 20201) -> list[str]:
    """The fixed dev split: ``n`` ids drawn with ``seed`` from the sorted ids."""
    rng = random.Random(seed)
    return sorted(rng.sample(sorted(ids), n))


def validation_ids(articles: list[PTCArticle], seed: int) -> set[str]:
    """The ids of the validation articles among the training ``articles``: a ``seed``-ed draw
    of ``VAL_ARTICLES`` (at most a fifth of them), the same in training and in recalibration."""
    return set(random.Random(seed).sample(sorted(a.id for a in articles),
                                          min(VAL_ARTICLES, len(articles) // 5)))
