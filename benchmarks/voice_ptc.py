"""Whose words are the technique spans of real news: the share inside quotes, on the PTC
and, by outlet, on PolNeAR.

    OMP_NUM_THREADS=1 nice -n 10 .venv/bin/python benchmarks/voice_ptc.py [--limit N] [--corpus ptc|polnear|both]

Runs slant's pipeline (techniques, entities, quotes, voice; no embedding) on the 296 PTC
training articles in ``../shared/data/ptc`` (``$SLANT_SHARED`` or ``--ptc DIR``), and applies
the voice rule of :mod:`slant.voice` with slant's own quotes to

- the **gold** technique spans (the human PTC labels), and
- slant's **predicted** spans: on the 60 dev articles the model never trained on, and on all
  296 (236 of them in-sample, so those mirror the labels).

The PTC labels carry no outlet (the corpus has 48 outlets, but not per article), so this
prints the distribution over articles and the overall share, not a per-outlet table. It also
prints how the article ranking by technique rate changes when only the narrator's words
count (Spearman's rho between the two rankings), and which techniques sit most in quotes.

PolNeAR's dev split (``../shared/data/polnear``, 84 articles, 12 from each of 7 outlets, from
Breitbart to the New York Times) has outlets but no technique labels: there the table is
slant's predicted spans by outlet (the model never saw PolNeAR), with each outlet's rate in
its own words and in quotes, and how often the voice a span gets from slant's quotes agrees
with the voice it gets from PolNeAR's annotated attribution contents (all attributions,
not only speech).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def quantiles(values: list[float]) -> str:
    if not values:
        return "n/a"
    v = sorted(values)

    def q(p: float) -> float:
        return v[min(len(v) - 1, round(p * (len(v) - 1)))]

    return (f"min {q(0):.2f} · p25 {q(0.25):.2f} · median {q(0.5):.2f} · "
            f"p75 {q(0.75):.2f} · max {q(1):.2f}")


def ranks(values: list[float]) -> list[float]:
    order = sorted(range(len(values)), key=lambda i: values[i])
    out = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            out[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return out


def spearman(a: list[float], b: list[float]) -> float:
    ra, rb = ranks(a), ranks(b)
    n = len(a)
    ma, mb = sum(ra) / n, sum(rb) / n
    cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb))
    va = sum((x - ma) ** 2 for x in ra) ** 0.5
    vb = sum((y - mb) ** 2 for y in rb) ** 0.5
    return cov / (va * vb) if va and vb else float("nan")


def report(name: str, rows: list[dict], by_technique: Counter, by_technique_quoted: Counter) -> None:
    spans = sum(r["spans"] for r in rows)
    quoted = sum(r["quoted"] for r in rows)
    chars = sum(r["chars"] for r in rows)
    qchars = sum(r["quoted_chars"] for r in rows)
    with_spans = [r for r in rows if r["spans"]]
    shares = [r["quoted"] / r["spans"] for r in with_spans]
    print(f"\n== {name}: {len(rows)} articles, {spans} technique spans (after cutting at quote "
          "boundaries)")
    print(f"inside quotes: {quoted} spans = {100.0 * quoted / max(spans, 1):.1f}% of spans; "
          f"{100.0 * qchars / max(chars, 1):.1f}% of span characters")
    print(f"per article (the {len(with_spans)} with spans), share of spans inside quotes: "
          f"{quantiles(shares)}")
    print(f"articles with no span inside quotes: {sum(1 for s in shares if s == 0)}; "
          f"with half or more inside quotes: {sum(1 for s in shares if s >= 0.5)}")
    all_rate = [1000.0 * r["spans"] / r["words"] for r in rows if r["words"]]
    narrator_rate = [1000.0 * (r["spans"] - r["quoted"]) / r["narrator_words"]
                     if r["narrator_words"] else 0.0 for r in rows if r["words"]]
    print(f"spans per 1,000 words: all {1000.0 * spans / sum(r['words'] for r in rows):.1f}; "
          f"narrator {1000.0 * (spans - quoted) / max(sum(r['narrator_words'] for r in rows), 1):.1f}"
          f" (over the narrator's words); quoted {1000.0 * quoted / max(sum(r['quoted_words'] for r in rows), 1):.1f}"
          " (over quoted words)")
    print(f"article ranking by all spans vs by the narrator's: Spearman rho "
          f"{spearman(all_rate, narrator_rate):.3f}")
    top = sorted(by_technique, key=lambda t: -by_technique_quoted[t] / by_technique[t])
    print("techniques most inside quotes (quoted / spans): " + "; ".join(
        f"{t} {by_technique_quoted[t]}/{by_technique[t]} ({100.0 * by_technique_quoted[t] / by_technique[t]:.0f}%)"
        for t in top[:5] if by_technique[t] >= 20))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ptc", type=Path, default=None)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--polnear", type=Path, default=None)
    ap.add_argument("--corpus", choices=("ptc", "polnear", "both"), default="both")
    args = ap.parse_args()
    shared = Path(os.environ.get("SLANT_SHARED", REPO.parent / "shared"))
    from slant.pipeline import build_pipeline

    pipe = build_pipeline(skip=["embed"])
    if args.corpus in ("ptc", "both"):
        ptc(args, shared, pipe)
    if args.corpus in ("polnear", "both"):
        polnear(args, shared, pipe)


def polnear(args, shared: Path, pipe) -> None:
    from slant.training.polnear import read_split
    from slant.models import Article, Quote
    from slant.voice import QuotedRegions, voice_span, voice_words

    root = args.polnear or shared / "data" / "polnear"
    if not (root / "dev").is_dir():
        sys.exit(f"{root} is absent: pass --polnear DIR (PolNeAR with dev/)")
    articles = read_split(root, "dev", args.limit)
    per: dict[str, Counter] = {}
    agree = total = 0
    t0 = time.perf_counter()
    for art in articles:
        outlet = art.name.split("_", 1)[0]
        analysis = pipe.analyze(Article(text=art.text))
        nw, qw = voice_words(art.text, analysis.quotes)
        c = per.setdefault(outlet, Counter())
        c.update(articles=1, narrator_words=nw, quoted_words=qw, spans=len(analysis.techniques),
                 quoted=sum(t.voice == "quoted" for t in analysis.techniques))
        gold_quotes = [Quote(start=a, end=b, text=art.text[a:b], kind="direct")
                       for g in art.attributions for a, b in g.content if b > a]
        regions = QuotedRegions(gold_quotes)
        for t in analysis.techniques:
            by_gold = voice_span(art.text, t.model_copy(update={"voice": None, "quote_index": None}),
                                 regions)
            gold_voice = max(by_gold, key=lambda p: p.end - p.start).voice
            agree += gold_voice == t.voice
            total += 1
    print(f"\n== PolNeAR dev ({root}): {len(articles)} articles, slant's predicted spans by "
          f"outlet ({time.perf_counter() - t0:.0f} s)")
    print(f"{'outlet':<12} {'articles':>8} {'spans':>6} {'in quotes':>10} {'all/1k':>7} "
          f"{'narrator/1k':>12} {'quoted/1k':>10}")
    rows = []
    for outlet, c in sorted(per.items()):
        words = c["narrator_words"] + c["quoted_words"]
        rows.append((outlet, 1000.0 * c["spans"] / max(words, 1),
                     1000.0 * (c["spans"] - c["quoted"]) / max(c["narrator_words"], 1)))
        print(f"{outlet:<12} {c['articles']:>8} {c['spans']:>6} "
              f"{100.0 * c['quoted'] / max(c['spans'], 1):>9.1f}% {rows[-1][1]:>7.2f} "
              f"{rows[-1][2]:>12.2f} {1000.0 * c['quoted'] / max(c['quoted_words'], 1):>10.2f}")
    spans = sum(c["spans"] for c in per.values())
    quoted = sum(c["quoted"] for c in per.values())
    print(f"all outlets: {quoted}/{spans} spans inside quotes ({100.0 * quoted / max(spans, 1):.1f}%)")
    by_all = [o for o, _, _ in sorted(rows, key=lambda r: -r[1])]
    by_narrator = [o for o, _, _ in sorted(rows, key=lambda r: -r[2])]
    print("outlets by all spans per 1,000 words:      " + " > ".join(by_all))
    print("outlets by the narrator's spans per 1,000: " + " > ".join(by_narrator))
    print(f"voice from slant's quotes agrees with voice from PolNeAR's annotated contents on "
          f"{agree}/{total} spans ({100.0 * agree / max(total, 1):.1f}%)")


def ptc(args, shared: Path, pipe) -> None:

    from slant.training.techniques.data import DEV_IDS_FILE, load_ptc, read_ids
    from slant.models import Article, TechniqueSpan
    from slant.voice import QuotedRegions, voice_span, voice_words

    root = args.ptc or shared / "data" / "ptc"
    if not (root / "articles").is_dir():
        sys.exit(f"{root} is absent: pass --ptc DIR (the PTC layout: articles/, labels-TC.tsv)")
    articles = load_ptc(root)[: args.limit]
    dev = read_ids(DEV_IDS_FILE)

    gold_rows: list[dict] = []
    pred_rows: list[dict] = []
    dev_rows: list[dict] = []
    counters = {k: (Counter(), Counter()) for k in ("gold", "pred", "dev")}
    n_quotes = 0
    t0 = time.perf_counter()
    for i, art in enumerate(articles, 1):
        analysis = pipe.analyze(Article(text=art.text))
        regions = QuotedRegions(analysis.quotes)
        n_quotes += sum(1 for q in analysis.quotes if q.kind in ("direct", "indirect", "mixed"))
        nw, qw = voice_words(art.text, analysis.quotes)
        gold = [TechniqueSpan(technique=lab.technique or "?", start=lab.start, end=lab.end,
                              text=art.text[lab.start:lab.end], score=1.0)
                for lab in art.labels if lab.end > lab.start]
        for key, spans, rows in (("gold", [p for g in gold for p in voice_span(art.text, g, regions)],
                                  gold_rows),
                                 ("pred", analysis.techniques, pred_rows)):
            row = {"id": art.id, "words": nw + qw, "narrator_words": nw, "quoted_words": qw,
                   "spans": len(spans), "quoted": sum(t.voice == "quoted" for t in spans),
                   "chars": sum(t.end - t.start for t in spans),
                   "quoted_chars": sum(t.end - t.start for t in spans if t.voice == "quoted")}
            rows.append(row)
            for t in spans:
                counters[key][0][t.technique] += 1
                counters[key][1][t.technique] += t.voice == "quoted"
            if key == "pred" and art.id in dev:
                dev_rows.append(row)
                for t in spans:
                    counters["dev"][0][t.technique] += 1
                    counters["dev"][1][t.technique] += t.voice == "quoted"
        if i % 50 == 0:
            print(f"  {i}/{len(articles)} articles, {time.perf_counter() - t0:.0f} s",
                  file=sys.stderr)
    words = sum(r["words"] for r in gold_rows)
    quoted_words = sum(r["quoted_words"] for r in gold_rows)
    print(f"PTC ({root}): {len(articles)} articles, {words} words, {n_quotes} attributed quotes; "
          f"{100.0 * quoted_words / max(words, 1):.1f}% of the words are inside quotes "
          f"({time.perf_counter() - t0:.0f} s)")
    print("The PTC labels have no outlet per article: figures are per article and overall.")
    report("gold spans (human PTC labels), all articles", gold_rows, *counters["gold"])
    report("slant's spans, the 60 dev articles (never trained on)", dev_rows, *counters["dev"])
    report("slant's spans, all articles (236 of them in-sample)", pred_rows, *counters["pred"])


if __name__ == "__main__":
    main()
