"""Does the span classifier gain from the teacher's labelled spans? A distillation probe.

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/techniques_span_distil.py \
        --unlabelled DIR [--unlabelled-max 465] [--cache DIR] [--weights 0,0.25,0.5,1]

The accurate model (over the teacher, all-mpnet-base-v2; `slant models fetch teacher`) finds
spans in the unlabelled articles and gives each a technique distribution (its classifier
blended with its taggers, with its per-technique offsets). The default model's span
classifier is then refitted on the PTC gold spans plus those spans, each teacher span
repeated for its top three techniques (probability >= 0.1) with sample weight
``weight * p``, and scored:

- on validation (fitted on the fit part of the training articles, seed 13, as
  `slant train techniques` splits them), which is where a weight would be chosen;
- on dev (fitted on all training articles), TC micro / macro F1 on the gold spans, which is
  what `slant eval techniques` reports as TC (that reads the dev texts through the
  canonical segments; this reads the raw texts, so the weight-0 row differs from it a little).

States come from ``--cache`` (the layout `slant train techniques --cache` writes:
``<encoder tag>/ptc`` and ``<encoder tag>/unlabelled``); whatever is missing is encoded (the
teacher takes about 5 s an article on one thread).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def teacher_spans(teacher, student_encoder, texts, cache: Path | None):
    """Rows (student span features), span texts and the teacher's technique distributions."""
    from slant.analyze.techniques.features import span_features, token_range
    from slant.analyze.techniques.model import technique_scores
    from slant.training.techniques.encoding import cache_tag
    from slant.training.techniques.unlabelled import _cached_states

    tw, tb = float(teacher.config.get("tagger_weight", 0.0)), teacher.technique_bias
    t_cache = cache / cache_tag(teacher.encoder) / "unlabelled" if cache else None
    s_cache = cache / cache_tag(student_encoder) / "unlabelled" if cache else None
    rows, span_texts, dists = [], [], []
    for key, text in texts:
        stem = Path(key).stem
        off_t, st_t = _cached_states(teacher.encoder, text, t_cache, stem)
        off_s, st_s = _cached_states(student_encoder, text, s_cache, stem)
        if len(st_t) == 0 or len(st_s) == 0:
            continue
        logits = teacher.token_logits(st_t)
        spans = [(s, e) for s, e, _ in teacher.found_spans(text, off_t, logits, teacher.threshold)]
        if not spans:
            continue
        proba = teacher.classifier.proba(span_features(text, off_t, st_t, spans, teacher.encoder.hidden),
                                         [text[s:e] for s, e in spans])
        z = technique_scores(proba, [logits[token_range(off_t, s, e)] for s, e in spans], tw) + tb
        z = np.exp(z - z.max(1, keepdims=True))
        dists.append(z / z.sum(1, keepdims=True))
        rows.append(span_features(text, off_s, st_s, spans, student_encoder.hidden))
        span_texts += [text[s:e] for s, e in spans]
    return np.concatenate(rows), span_texts, np.concatenate(dists)


def tc_scores(clf, arts, feats, hidden):
    """TC micro and macro F1 of ``clf`` on the gold spans of ``arts`` (a span given twice
    gets its runner-up the second time, as `slant eval techniques` does)."""
    from slant.training.techniques.classifier import span_rows
    from slant.training.techniques.evaluate import ranked_labels
    from slant.training.techniques.scoring import score_tc

    X, texts, _ = span_rows(arts, feats, hidden)
    gold = [(a.id, lab.technique, lab.start, lab.end) for a in arts for lab in a.labels]
    keys = [(g[0], g[2], g[3]) for g in gold]
    labels = ranked_labels(keys, clf.proba(X, texts))
    s = score_tc([(g[0], t, g[2], g[3]) for g, t in zip(gold, labels)], gold)
    return s.micro.f1, s.macro_f1


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ptc", default=os.path.join(os.environ.get("SLANT_SHARED", "../shared"), "data/ptc"))
    ap.add_argument("--unlabelled", required=True, help="folder of unlabelled .txt articles")
    ap.add_argument("--unlabelled-max", type=int, default=465)
    ap.add_argument("--cache", type=Path, default=None, help="encoder states cache")
    ap.add_argument("--weights", default="0,0.25,0.5,1")
    args = ap.parse_args()

    from slant.analyze.techniques.model import TechniqueModel, model_dir_for
    from slant.training.techniques.classifier import fit_classifier, span_rows
    from slant.training.techniques.data import DEV_IDS_FILE, load_ptc, read_ids, validation_ids
    from slant.training.techniques.encoding import cache_tag, encode_articles
    from slant.training.techniques.train import CONFIG
    from slant.training.techniques.unlabelled import unlabelled_texts

    t0 = time.time()
    student = TechniqueModel.load(model_dir_for("default"), threads=1)
    teacher = TechniqueModel.load(model_dir_for("accurate"), threads=1)
    enc, hidden = student.encoder, student.encoder.hidden
    dev = read_ids(DEV_IDS_FILE)
    arts = load_ptc(args.ptc)
    train = [a for a in arts if a.id not in dev]
    dev_arts = [a for a in arts if a.id in dev]
    val_ids = validation_ids(train, 13)
    fit = [a for a in train if a.id not in val_ids]
    val = [a for a in train if a.id in val_ids]
    feats = encode_articles(arts, enc, lambda m: None, args.cache / cache_tag(enc) / "ptc" if args.cache else None)
    Xu, Tu, Pu = teacher_spans(teacher, enc, unlabelled_texts(args.unlabelled, args.unlabelled_max), args.cache)
    counts = np.bincount(Pu.argmax(1), minlength=Pu.shape[1])
    print(f"{len(Tu)} teacher spans (mean top probability {Pu.max(1).mean():.3f}); top techniques: "
          + ", ".join(f"{n}" for n in counts))
    rows, cols, wts = [], [], []
    for i, p in enumerate(Pu):
        for c in np.argsort(-p)[:3]:
            if p[c] >= 0.1:
                rows.append(i)
                cols.append(int(c))
                wts.append(float(p[c]))
    print("| teacher span weight | val TC micro / macro | dev TC micro / macro |")
    print("|---|---|---|")
    for w in (float(x) for x in args.weights.split(",")):
        out = []
        for part, scored in ((fit, val), (train, dev_arts)):
            X, texts, y = span_rows(part, feats, hidden)
            sw = np.ones(len(y))
            if w > 0:
                X = np.concatenate([X, Xu[rows]])
                texts = texts + [Tu[i] for i in rows]
                y = np.concatenate([y, np.asarray(cols)])
                sw = np.concatenate([sw, w * np.asarray(wts)])
            out.append(tc_scores(fit_classifier(X, texts, y, CONFIG, sample_weight=sw), scored, feats, hidden))
        print(f"| {w:g} | {out[0][0]:.3f} / {out[0][1]:.3f} | {out[1][0]:.3f} / {out[1][1]:.3f} |", flush=True)
    print(f"({time.time() - t0:.0f} s)")


if __name__ == "__main__":
    main()
