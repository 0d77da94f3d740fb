"""Heads over the teacher's cached states: train on the training articles whose states are
cached, then score on dev from the cached states (whole-text windows).

    python benchmarks/techniques_teacher_subset.py --cache DIR --out MODEL_DIR [--taggers 1]

``--cache`` is the folder given to ``slant train techniques --cache`` (the teacher's states
are under ``<weights sha256>-int8-dynamic-pc-L4.8.12/ptc``). For a first measurement when
encoding every article with the teacher takes longer than there is time for; the full model
is ``slant train techniques --encoder teacher``. Prints the training log and the dev report.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PTC = Path(os.environ.get("SLANT_SHARED", REPO.parent / "shared")) / "data" / "ptc"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--taggers", type=int, default=1)
    args = ap.parse_args()
    import numpy as np

    from slant.analyze.techniques.features import span_features
    from slant.analyze.techniques.model import TechniqueModel
    from slant.training.techniques.data import DEV_IDS_FILE, read_ids, read_text
    from slant.training.techniques.evaluate import (
        Predictions,
        format_report,
        load_eval_articles,
        ranked_labels,
        score,
    )
    from slant.training.techniques.train import train

    states = next(args.cache.glob("*-L4.8.12/ptc"), None)
    if states is None:
        sys.exit(f"{args.cache}: no teacher states (run slant train techniques --encoder teacher --cache DIR)")
    dev = read_ids(DEV_IDS_FILE)
    ids = sorted(p.name[: -len(".h.npy")] for p in states.glob("*.h.npy"))
    train_ids = [i for i in ids if i not in dev]
    with tempfile.TemporaryDirectory() as tmp:
        sub = Path(tmp)
        (sub / "articles").mkdir()
        for i in train_ids:
            shutil.copy(PTC / "articles" / f"article{i}.txt", sub / "articles")
        keep = set(train_ids)
        rows = [ln for ln in read_text(PTC / "labels-TC.tsv").splitlines() if ln.split("\t")[0] in keep]
        (sub / "labels-TC.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
        print(f"{len(train_ids)} training articles with teacher states", flush=True)
        train(sub, out=args.out, encoder="teacher", threads=1, cache_dir=args.cache,
              log=lambda m: print(m, flush=True), config={"taggers": args.taggers})
    model = TechniqueModel.load(args.out, threads=1)
    arts = [a for a in load_eval_articles(PTC, DEV_IDS_FILE) if (states / f"{a.id}.h.npy").exists()]
    pred = Predictions(tc=[], full=[])
    for a in arts:
        off = np.load(states / f"{a.id}.off.npy")
        st = np.load(states / f"{a.id}.h.npy").astype(np.float32)
        logits = model.token_logits(st)
        spans = model.found_spans(a.text, off, logits, model.threshold)
        for sp in model.label_spans(a.text, off, st, logits, spans, model.threshold):
            pred.full.append((a.id, sp.technique, sp.start, sp.end))
            pred.si.append((a.id, None, sp.start, sp.end))
        gold = [(lab.start, lab.end) for lab in a.labels]
        if gold:
            p = model.classifier.proba(span_features(a.text, off, st, gold, model.encoder.hidden),
                                       [a.text[s:e] for s, e in gold])
            pred.tc += [(a.id, t, s, e) for (s, e), t in zip(gold, ranked_labels(gold, p))]
    print(f"{len(arts)} dev articles with cached states")
    print(format_report(score(arts, pred)))


if __name__ == "__main__":
    main()
