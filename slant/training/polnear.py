"""Read PolNeAR (Newell et al., LREC 2018): articles with brat attribution annotations.

Layout: ``<root>/<split>/text/<article>.txt`` and
``<root>/<split>/attributions/<article>_<annotator>.ann``. Each ``E`` line ties an
attribution's Source (who, absent in ~8%), Cue and Content (what) together; each part is a
``T`` span that may be discontinuous (pieces separated by ``;``). Where an article has
several annotators' files, the first in name order is used.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from slant.errors import InputError

Pieces = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class GoldAttribution:
    """One annotated attribution: each part is a tuple of (start, end) pieces, or empty."""

    content: Pieces
    cue: Pieces = ()
    source: Pieces = ()

    def content_text(self, text: str) -> str:
        return " … ".join(text[a:b] for a, b in self.content)


@dataclass
class GoldArticle:
    name: str
    text: str
    attributions: list[GoldAttribution] = field(default_factory=list)
    annotator: str = ""


def parse_ann(ann: str) -> list[GoldAttribution]:
    """The attributions of one brat ``.ann`` file's text."""
    spans: dict[str, Pieces] = {}
    events: list[dict[str, str]] = []
    for line in ann.splitlines():
        if not line or line[0] not in "TE":
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        tid, body = parts[0], parts[1]
        if tid.startswith("T"):
            _label, _, offs = body.partition(" ")
            pieces: list[tuple[int, int]] = []
            for piece in offs.split(";"):
                nums = piece.split()
                if len(nums) == 2 and all(n.isdigit() for n in nums):
                    pieces.append((int(nums[0]), int(nums[1])))
            if pieces:
                spans[tid] = tuple(pieces)
        elif tid.startswith("E"):
            roles: dict[str, str] = {}
            for arg in body.split():
                role, _, ref = arg.partition(":")
                roles[role.rstrip("0123456789")] = ref
            events.append(roles)
    out: list[GoldAttribution] = []
    for roles in events:
        content = spans.get(roles.get("Content", ""), ())
        if not content:
            continue
        out.append(GoldAttribution(
            content=content,
            cue=spans.get(roles.get("Cue", ""), ()),
            source=spans.get(roles.get("Source", ""), ()),
        ))
    out.sort(key=lambda a: a.content[0])
    return out


def read_split(root: str | Path, split: str = "dev", limit: int | None = None) -> list[GoldArticle]:
    """The articles of one split with one annotator's attributions each, in name order."""
    base = Path(root).expanduser() / split
    text_dir, ann_dir = base / "text", base / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise InputError(
            f"{base}: not a PolNeAR split (expected text/ and attributions/ inside); "
            "pass --polnear pointing at the folder holding train/ and dev/"
        )
    anns: dict[str, Path] = {}
    for p in sorted(ann_dir.glob("*.ann")):
        stem, _, _annotator = p.stem.rpartition("_")
        anns.setdefault(stem, p)
    articles: list[GoldArticle] = []
    for txt in sorted(text_dir.glob("*.txt")):
        ann = anns.get(txt.stem)
        if ann is None:
            continue
        text = txt.read_text(encoding="utf-8")
        articles.append(GoldArticle(
            name=txt.stem,
            text=text,
            attributions=parse_ann(ann.read_text(encoding="utf-8")),
            annotator=ann.stem.rpartition("_")[2],
        ))
        if limit is not None and len(articles) >= limit:
            break
    return articles
