"""Every quote slant finds in the PTC articles, as JSON, and what changed against another
version's dump: the "PTC quotes changed speaker" figures in docs/quotes.md.

    OMP_NUM_THREADS=1 python benchmarks/ptc_quotes_dump.py --out NEW.json [--compare OLD.json]

Reads ``articles/*.txt`` of the PTC folder (``../shared/data/ptc``, ``$SLANT_SHARED`` or
``--ptc DIR``) through ``slant.ingest.read_text`` and runs parse + entities + quotes. Each
quote is ``[start, end, kind, reported speech, cue, speaker mention, speaker name, words]``.
With ``--compare``, it prints how many quotes came or went (by their offsets) and each quote
whose speaker name or speech flag changed. It calls only the library verbs every version has,
so a copy of this file run in an older checkout makes the OLD dump. The dumps hold article
text: write them outside the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def dump(folder: Path, limit: int | None) -> dict[str, list[list]]:
    from slant.analyze.entities import extract_entities
    from slant.analyze.parse import parse_text
    from slant.analyze.quotes import extract_quotes
    from slant.ingest import read_text
    from slant.models import is_reported_speech

    out: dict[str, list[list]] = {}
    for p in sorted(folder.glob("*.txt"))[:limit]:
        art = read_text(p.read_text(encoding="utf-8"), origin=str(p))
        doc = parse_text(art.text)
        out[p.name] = [[q.start, q.end, q.kind, is_reported_speech(q), q.cue.text if q.cue else None,
                        q.speaker.text if q.speaker else None, q.speaker.name if q.speaker else None,
                        " ".join(q.text.split())[:160]] for q in extract_quotes(doc, extract_entities(doc))]
    return out


def compare(before: dict[str, list[list]], now: dict[str, list[list]]) -> None:
    """Quotes that came or went, and each quote whose speaker name or speech flag changed."""
    gone = came = 0
    changed = []
    for name in sorted(set(before) & set(now)):
        old = {(r[0], r[1]): r for r in before[name]}
        new = {(r[0], r[1]): r for r in now[name]}
        gone += len(old.keys() - new.keys())
        came += len(new.keys() - old.keys())
        changed.extend((name, old[k], new[k]) for k in sorted(old.keys() & new.keys())
                       if (old[k][3], old[k][6]) != (new[k][3], new[k][6]))
    print(f"{gone} quotes gone, {came} new, {len(changed)} changed speaker or speech")
    for name, a, b in changed:
        print(f"  {name}: {a[5]!r}: {a[6]!r} (speech {a[3]}) -> {b[6]!r} (speech {b[3]}) | {a[7][:80]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ptc", type=Path, default=None)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--out", type=Path, required=True, help="where to write this version's dump")
    ap.add_argument("--compare", type=Path, default=None, help="another version's dump")
    args = ap.parse_args()
    shared = Path(os.environ.get("SLANT_SHARED", REPO.parent / "shared"))
    folder = (args.ptc or shared / "data" / "ptc") / "articles"
    if not any(folder.glob("*.txt")):
        sys.exit(f"no PTC articles in {folder}")
    now = dump(folder, args.limit)
    args.out.write_text(json.dumps(now, ensure_ascii=False), encoding="utf-8")
    print(f"{sum(len(v) for v in now.values())} quotes in {len(now)} articles written to {args.out}")
    if args.compare is not None:
        compare(json.loads(args.compare.read_text(encoding="utf-8")), now)


if __name__ == "__main__":
    main()
