"""Story grouping on real news: PolNeAR (dated, seven US outlets, 2016) and PTC (undated).

    python benchmarks/stories_real.py --cache /tmp/real.jsonl --pairs-out /tmp/pairs.tsv
    # fill the "same" column of /tmp/pairs.tsv by hand (y / n), then:
    python benchmarks/stories_real.py --cache /tmp/real.jsonl --labels /tmp/pairs.tsv

The first run analyzes the articles of ../shared/data (entities and the title-and-lead
embedding only) into --cache, outside the repository; later runs read the cache. It clusters
them with the default StoryParams and with the earlier grouping (title and lead, entity names,
a hard 72-hour window) and prints the stories' sizes. It then draws 50 proposed pairs (two
articles grouped together) and 50 rejected near-pairs (the pairs scoring highest among those
left apart, taken at random from the 200 highest) and writes them with each article's date,
outlet and title for a hand check (docs/corpus.md says how). Given --labels, it prints the
precision of the proposed sample and the recall within the checked sample.

Nothing from ../shared/data is written into the repository; the pairs file holds titles, so
keep it outside.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from itertools import combinations
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


@dataclass
class Cand:
    id: str
    title: str | None
    source: str | None
    published: datetime | None
    embedding: list[float] | None
    entities: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)  # raw entity names, for the earlier grouping
    story_id: int | None = None


def read_articles():
    from slant.models import Article

    meta = {}
    with open(DATA / "polnear" / "metadata.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            meta[row["filename"]] = row
    for split in ("train", "dev"):
        for path in sorted((DATA / "polnear" / split / "text").glob("*.txt")):
            m = meta.get(path.stem, {})
            when = m.get("publication_date")
            published = datetime.fromisoformat(when).replace(tzinfo=UTC, hour=12) if when else None
            yield Article(text=path.read_text(encoding="utf-8"), title=m.get("title"),
                          source=m.get("publisher"), published=published, origin=f"polnear/{path.stem}")
    for path in sorted((DATA / "ptc" / "articles").glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        title, _, body = raw.partition("\n")
        yield Article(text=body.strip() or raw, title=title.strip(), source=None, published=None,
                      origin=f"ptc/{path.stem}")


def analyze(cache: Path) -> None:
    from slant.config import Settings
    from slant.pipeline import build_pipeline

    pipe = build_pipeline(Settings(threads=1), only=["entities", "embed"])
    with open(cache, "w", encoding="utf-8") as out:
        for i, art in enumerate(read_articles()):
            a = pipe.analyze(art)
            out.write(a.model_dump_json() + "\n")
            if i % 100 == 0:
                print(f"  analyzed {i}", file=sys.stderr, flush=True)


def candidates(cache: Path) -> list[Cand]:
    from slant.models import Analysis
    from slant.names import article_actor_keys, content_terms

    out = []
    with open(cache, encoding="utf-8") as fh:
        for line in fh:
            a = Analysis.model_validate_json(line)
            out.append(Cand(id=a.article.origin or a.article.id, title=a.article.title,
                            source=a.article.source, published=a.article.published,
                            embedding=a.embedding, entities=article_actor_keys(a),
                            terms=content_terms(a.article.text),
                            names=[e.name for e in a.entities if e.type != "OTHER"]))
    return out


def pairs_of(assign: dict[str, int]) -> set[tuple[str, str]]:
    groups: dict[int, list[str]] = {}
    for k, v in assign.items():
        groups.setdefault(v, []).append(k)
    return {p for g in groups.values() for p in combinations(sorted(g), 2)}


def pair_score(a: Cand, b: Cand, p) -> float:
    def jac(x, y):
        x, y = set(x), set(y)
        return len(x & y) / len(x | y) if x and y else 0.0

    cos = float(np.dot(a.embedding, b.embedding)) if a.embedding and b.embedding else 0.0
    pen = 0.0
    if a.published and b.published:
        gap = abs((a.published - b.published).total_seconds()) / 3600 / p.window_hours
        pen = p.time_weight * min(gap, p.reach)
    return cos + p.entity_weight * jac(a.entities, b.entities) + \
        p.content_weight * jac(a.terms, b.terms) - pen


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", type=Path, required=True, help="analyses cache (outside the repo)")
    ap.add_argument("--pairs-out", type=Path, help="write 50 proposed + 50 rejected near-pairs here")
    ap.add_argument("--labels", type=Path, help="the pairs file with its 'same' column filled in")
    ap.add_argument("--seed", type=int, default=15)
    args = ap.parse_args()
    if not (DATA / "polnear").is_dir():
        sys.exit(f"needs ../shared/data/polnear (not found at {DATA})")
    if not args.cache.exists():
        analyze(args.cache)

    from slant.stories import StoryParams, cluster

    cands = candidates(args.cache)
    by_id = {c.id: c for c in cands}
    params = StoryParams()
    res = cluster(cands, (), params)
    earlier = [replace(c, entities=c.names, terms=[]) for c in cands]
    old = cluster(earlier, (), StoryParams(threshold=0.55, content_weight=0.0, reach=1.0))
    got, old_pairs = pairs_of(res.assignments), pairs_of(old.assignments)
    for name, r, pr in (("default", res, got), ("earlier (title+lead, names, 72 h)", old, old_pairs)):
        sizes = sorted((sum(1 for v in r.assignments.values() if v == s.id) for s in r.stories),
                       reverse=True)
        print(f"{name}: {len(cands)} articles -> {len(r.stories)} stories, "
              f"{sum(1 for s in sizes if s > 1)} with 2+ articles, largest {sizes[:5]}, "
              f"{len(pr)} same-story pairs")
    print(f"pairs both propose: {len(got & old_pairs)}; only the default: {len(got - old_pairs)}; "
          f"only the earlier: {len(old_pairs - got)}")

    if args.pairs_out:
        rng = random.Random(args.seed)
        proposed = rng.sample(sorted(got), min(50, len(got)))
        # rejected near-pairs: highest-scoring pairs left apart
        emb = np.array([c.embedding or [0.0] * 384 for c in cands], dtype=np.float32)
        sims = emb @ emb.T
        iu = np.triu_indices(len(cands), 1)
        order = np.argsort(-sims[iu])[:5000]
        scored = []
        for k in order:
            i, j = iu[0][k], iu[1][k]
            a, b = sorted((cands[i].id, cands[j].id))
            if (a, b) in got:
                continue
            scored.append((pair_score(by_id[a], by_id[b], params), a, b))
        scored.sort(reverse=True)
        rejected = rng.sample([(a, b) for _, a, b in scored[:200]], min(50, len(scored)))
        with open(args.pairs_out, "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, delimiter="\t")
            w.writerow(["kind", "score", "a", "date_a", "outlet_a", "title_a", "b", "date_b",
                        "outlet_b", "title_b", "same"])
            for kind, group in (("proposed", proposed), ("rejected", rejected)):
                for a, b in group:
                    x, y = by_id[a], by_id[b]
                    w.writerow([kind, f"{pair_score(x, y, params):.3f}",
                                a, x.published.date() if x.published else "", x.source or "", x.title,
                                b, y.published.date() if y.published else "", y.source or "", y.title, ""])
        print(f"wrote {len(proposed)} proposed and {len(rejected)} rejected near-pairs to {args.pairs_out}")

    if args.labels:
        rows = list(csv.DictReader(open(args.labels, encoding="utf-8"), delimiter="\t"))
        yes = {k: sum(1 for r in rows if r["kind"] == k and r["same"].strip().lower().startswith("y"))
               for k in ("proposed", "rejected")}
        n = {k: sum(1 for r in rows if r["kind"] == k and r["same"].strip()) for k in ("proposed", "rejected")}
        prec = yes["proposed"] / n["proposed"] if n["proposed"] else float("nan")
        rec = yes["proposed"] / (yes["proposed"] + yes["rejected"]) if yes["proposed"] + yes["rejected"] else float("nan")
        print(json.dumps({"checked": n, "same_story": yes, "precision_of_proposed_sample": round(prec, 3),
                          "recall_within_checked_sample": round(rec, 3)}))


if __name__ == "__main__":
    main()
