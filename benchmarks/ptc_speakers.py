"""Quotes and speakers on the PTC articles (real news, no speaker annotations), for reading.

    OMP_NUM_THREADS=1 nice -n 15 .venv/bin/python benchmarks/ptc_speakers.py [--sample 100] [--seed 14]

Reads every ``articles/*.txt`` of the PTC folder (``../shared/data/ptc``, ``$SLANT_SHARED`` or
``--ptc DIR``) through ``slant.ingest.read_text`` (so with ingest's cleaning), runs parse +
entities + quotes, and prints:

- the lines ingest left out, by kind, and each of them (to check none is article prose);
- how many quotes, attributions, speech attributions and speech attributions with a speaker;
- a random sample (``--seed``) of ``--sample`` speech utterances with a speaker (a quote split
  by its cue, "“A,” she said, “B.”", is one item, its parts joined by " … "), each with the
  sentence around it, the speaker's words and the name they resolve to, numbered, for a
  person to mark right or wrong (the error rate in docs/quotes.md comes from reading it).
  Before utterances (model 1.3 output), each part was an item of its own.

The article text printed here is for reading on screen; nothing is written to the repository.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from collections import Counter
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ptc", type=Path, default=None)
    ap.add_argument("--sample", type=int, default=100)
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--added-by-model", action="store_true",
                    help="draw only speech quotes the learned speech decision added (absent "
                         "from the rules' own speech quotes with a speaker)")
    args = ap.parse_args()

    from slant.analyze.entities import extract_entities
    from slant.analyze.parse import parse_text
    from slant.analyze.quotes import extract_quotes
    from slant.analyze.quotes.learned import using
    from slant.ingest import read_text
    from slant.models import counted_quote, is_reported_speech
    from slant.utterances import by_first_part, joined_text

    shared = Path(os.environ.get("SLANT_SHARED", REPO.parent / "shared"))
    folder = (args.ptc or shared / "data" / "ptc") / "articles"
    paths = sorted(folder.glob("*.txt"))[: args.limit]
    if not paths:
        sys.exit(f"no PTC articles in {folder}")
    removed: Counter[str] = Counter()
    counts: Counter[str] = Counter()
    pool = []
    for p in paths:
        art = read_text(p.read_text(encoding="utf-8"), origin=str(p))
        for r in art.removed:
            removed[r.kind] += 1
            print(f"removed {r.kind:10s} {p.name}: {r.text[:140]}")
        doc = parse_text(art.text)
        entities = extract_entities(doc)
        quotes = extract_quotes(doc, entities)
        ruled: set[tuple[int, int]] = set()
        if args.added_by_model:
            with using(None):
                ruled = {(q.start, q.end) for q in extract_quotes(doc, entities)
                         if is_reported_speech(q) and q.speaker is not None}
        counts["articles"] += 1
        counts["quotes"] += len(quotes)
        groups = by_first_part(quotes)
        for i, q in enumerate(quotes):
            if q.kind in ("direct", "indirect", "mixed"):
                counts["attributions"] += 1
            if is_reported_speech(q):
                counts["speech"] += 1
                if q.speaker is not None:
                    counts["speech with a speaker"] += 1
                    counts["of which topic only"] += q.content == "topic"
                    if not counted_quote(q):
                        continue
                    counts["speech utterances with a speaker"] += 1
                    if (q.start, q.end) not in ruled:
                        parts = [quotes[j] for j in groups[i]]
                        pool.append((p.name, art.text, q, joined_text(quotes, groups[i]),
                                     parts[-1].end))
    print(f"\nremoved lines: {sum(removed.values())} ({', '.join(f'{k} {v}' for k, v in removed.most_common())})")
    print(", ".join(f"{k}: {v}" for k, v in counts.items()))
    rng = random.Random(args.seed)
    sample = rng.sample(pool, min(args.sample, len(pool)))
    what = " added by the learned decision" if args.added_by_model else ""
    print(f"\n{len(sample)} of {len(pool)} speech utterances with a speaker{what}, drawn with "
          f"seed {args.seed}:\n")
    for n, (name, text, q, words, end) in enumerate(sample, 1):
        a = max(0, min(q.start, q.speaker.start) - 200)
        b = min(len(text), max(end, q.speaker.end) + 120)
        context = " ".join(text[a:b].split())
        print(f"[{n}] {name} speaker: {q.speaker.text!r} -> {q.speaker.name!r}  cue: "
              f"{q.cue.text if q.cue else '(continues)'!r}  kind: {q.kind}"
              f"{'  content: topic (no words given)' if q.content == 'topic' else ''}")
        print(f"    quote: {' '.join(words.split())}")
        print(f"    around: {context}\n")


if __name__ == "__main__":
    main()
