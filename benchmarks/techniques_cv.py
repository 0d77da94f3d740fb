"""Cross-validate the technique classifier (TC on gold spans) over the training articles.

The span classifier's settings (hand features, their weight, class weights) were chosen with
this script: 5 folds over the PTC articles outside the dev split (the dev split is not
touched), the encoder run once per article, the classifier refitted per fold and variant.
Prints TC micro- and macro-F1 pooled over the folds for each variant.

    python benchmarks/techniques_cv.py [--ptc ../shared/data/ptc] [--folds 5]

About 6 minutes on one idle core (encoding 236 articles, then ~45 s a variant).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# name -> (number of hand features kept, config overrides)
VARIANTS = {
    "model 1.2 classifier (17 hand features, balanced)": (17, {"hand_scale": 1.0, "class_weight_power": 1.0}),
    "+ repetition features": (22, {"hand_scale": 1.0, "class_weight_power": 1.0}),
    "+ hand features x3": (22, {"hand_scale": 3.0, "class_weight_power": 1.0}),
    "+ class weights ^0.75 (model 1.3)": (22, {"hand_scale": 3.0, "class_weight_power": 0.75}),
    "  class weights ^0.5 instead": (22, {"hand_scale": 3.0, "class_weight_power": 0.5}),
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ptc", default=str(ROOT.parent / "shared" / "data" / "ptc"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()

    import torch

    from slant.analyze.techniques.encoder import LAYERS, Encoder
    from slant.analyze.techniques.features import N_HAND
    from slant.models import TECHNIQUES
    from slant.resources import resolve_encoder
    from slant.training.techniques.classifier import fit_classifier, span_rows
    from slant.training.techniques.data import DEV_IDS_FILE, load_ptc, read_ids
    from slant.training.techniques.encoding import encode_articles
    from slant.training.techniques.scoring import score_tc
    from slant.training.techniques.train import CONFIG

    torch.set_num_threads(1)
    dev = read_ids(DEV_IDS_FILE)
    arts = [a for a in load_ptc(args.ptc) if a.id not in dev and a.labels]
    ids = sorted(a.id for a in arts)
    random.Random(args.seed).shuffle(ids)
    folds = [set(ids[i::args.folds]) for i in range(args.folds)]
    t0 = time.time()
    enc = Encoder(resolve_encoder(None), layers=LAYERS, threads=1)
    feats = encode_articles(arts, enc, lambda m: None)
    print(f"{len(arts)} training articles encoded in {time.time() - t0:.0f} s; {args.folds} folds",
          flush=True)
    rows = {a.id: span_rows([a], feats, enc.hidden) for a in arts}
    by_id = {a.id: a for a in arts}

    def stack(sel):
        X = np.concatenate([rows[i][0] for i in sel])
        texts = [t for i in sel for t in rows[i][1]]
        y = np.concatenate([rows[i][2] for i in sel])
        gold = [(i, lab.technique, lab.start, lab.end) for i in sel for lab in by_id[i].labels]
        return X, texts, y, gold

    print(f"{'variant':<52} {'micro':>6} {'macro':>6}")
    for name, (n_hand, over) in VARIANTS.items():
        t1 = time.time()
        pred, gold = [], []
        for f in folds:
            Xf, tf, yf, _ = stack([i for i in ids if i not in f])
            Xt, tt, _, gt = stack([i for i in ids if i in f])
            keep = Xf.shape[1] - (N_HAND - n_hand)  # older variants: the first n_hand hand features
            clf = fit_classifier(Xf[:, :keep], tf, yf, {**CONFIG, **over})
            k = clf.proba(Xt[:, :keep], tt).argmax(1)
            pred += [(g[0], TECHNIQUES[int(t)], g[2], g[3]) for g, t in zip(gt, k)]
            gold += gt
        sc = score_tc(pred, gold)
        print(f"{name:<52} {sc.micro.f1:6.4f} {sc.macro_f1:6.4f}  ({time.time() - t1:.0f} s)", flush=True)


if __name__ == "__main__":
    main()
