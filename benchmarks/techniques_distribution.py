"""Which techniques the model predicts on news it never saw, against the gold distribution.

    python benchmarks/techniques_distribution.py [--model default|accurate|DIR] [--limit N]

Runs the techniques model (default: the shipped one) over the unlabelled PTC articles
(``../shared/data/ptc-unlabelled``: same corpus, labels never published) and prints, per
technique, the share of predicted spans there beside the share of gold spans in the training
articles of ``../shared/data/ptc`` (the dev split left out), and how many of the 14
techniques appear at all.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SLANT_SHARED", REPO.parent / "shared")) / "data"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=None, help="default, accurate or a trained model folder")
    ap.add_argument("--limit", type=int, default=None, help="only the first N unlabelled articles")
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    unl, ptc = SHARED / "ptc-unlabelled" / "articles", SHARED / "ptc"
    if not unl.is_dir() or not ptc.is_dir():
        sys.exit(f"needs {unl} and {ptc} (the team's data)")
    os.environ["OMP_NUM_THREADS"] = str(args.threads)
    from slant.analyze.techniques.model import TechniqueModel, model_dir_for
    from slant.models import TECHNIQUES
    from slant.training.techniques.data import DEV_IDS_FILE, load_ptc, read_ids, read_text

    dev = read_ids(DEV_IDS_FILE)
    gold = Counter(lab.technique for a in load_ptc(ptc) if a.id not in dev for lab in a.labels)
    model = TechniqueModel.load(model_dir_for(args.model), threads=args.threads)
    files = sorted(unl.glob("*.txt"))[: args.limit]
    pred: Counter = Counter()
    for f in files:
        pred.update(sp.technique for sp in model.predict_article(read_text(f)))
    n_pred, n_gold = sum(pred.values()), sum(gold.values())
    print(f"model {model.name}: {n_pred} spans on {len(files)} unlabelled articles; "
          f"gold: {n_gold} spans in the training articles")
    print(f"{'technique':<38} {'predicted':>10} {'share':>7} {'gold share':>11}")
    for t in TECHNIQUES:
        print(f"{t:<38} {pred[t]:>10} {pred[t] / max(n_pred, 1):>7.1%} {gold[t] / max(n_gold, 1):>11.1%}")
    print(f"techniques predicted at least once: {sum(1 for t in TECHNIQUES if pred[t])} of {len(TECHNIQUES)}")


if __name__ == "__main__":
    main()
