"""Whose words are the technique spans of real news: the share inside quotes, on the PTC.

    OMP_NUM_THREADS=1 nice -n 10 .venv/bin/python benchmarks/voice_ptc.py [--limit N]

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
    args = ap.parse_args()

    from slant.analyze.techniques.data import DEV_IDS_FILE, load_ptc, read_ids
    from slant.models import Article, TechniqueSpan
    from slant.pipeline import build_pipeline
    from slant.voice import QuotedRegions, voice_span, voice_words

    shared = Path(os.environ.get("SLANT_SHARED", REPO.parent / "shared"))
    root = args.ptc or shared / "data" / "ptc"
    if not (root / "articles").is_dir():
        sys.exit(f"{root} is absent: pass --ptc DIR (the PTC layout: articles/, labels-TC.tsv)")
    articles = load_ptc(root)[: args.limit]
    dev = read_ids(DEV_IDS_FILE)
    pipe = build_pipeline(skip=["embed"])

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
