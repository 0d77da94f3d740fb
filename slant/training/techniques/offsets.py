"""Per-technique offsets of a found span's technique scores (``technique_bias`` in a model's
``config.json``): chosen on validation so that rare techniques win where the model leans to
them. :func:`tune_technique_bias` is called by training; :func:`calibrate_technique_bias`
chooses them for an already trained model (``slant train techniques --calibrate-model DIR``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import numpy as np

from slant.models import TECHNIQUES
from slant.training.techniques.data import DEV_IDS_FILE, load_ptc, read_ids, validation_ids
from slant.training.techniques.scoring import FullScore, LabelTuple, Prediction, score_full

BIAS_GRID = (-1.0, -0.5, 0.5, 1.0, 1.5, 2.0, 3.0)


def bias_objective(f: FullScore) -> float:
    """What the per-technique offsets maximise on validation: the mean of the full task's
    micro-F1 and its macro-F1 over the techniques present, so that a rare technique found
    counts as well as many spans of a common one."""
    present = [p.f1 for p in f.per_technique.values() if p.n_gold]
    return 0.5 * f.micro.f1 + 0.5 * (sum(present) / len(present) if present else 0.0)


def tune_technique_bias(scores: np.ndarray, keys: list[tuple[str, int, int]], gold: list[LabelTuple],
                        log: Callable[[str], None], extra: list[Prediction] | None = None,
                        min_gain: float = 0.002) -> tuple[np.ndarray, FullScore, list[Prediction]]:
    """Per-technique offsets added to found spans' technique ``scores`` (one row per
    ``(article id, start, end)`` of ``keys``), one technique after the other (two passes,
    rarest first), each kept when it lifts :func:`bias_objective` of the full task on the
    validation ``gold`` by more than ``min_gain``. ``extra``: spans scored beside them
    (fixed). Returns ``(offsets, full-task score, predictions)``."""
    extra = extra or []

    def run(b: np.ndarray) -> tuple[FullScore, list[Prediction]]:
        k = (scores + b).argmax(1)
        pred: list[Prediction] = [(aid, TECHNIQUES[int(t)], s, e) for (aid, s, e), t in zip(keys, k)]
        return score_full(pred + extra, gold), pred

    bias = np.zeros(len(TECHNIQUES))
    best, best_pred = run(bias)
    start = best
    counts = {t: sum(1 for g in gold if g[1] == t) for t in TECHNIQUES}
    order = sorted(range(len(TECHNIQUES)), key=lambda j: counts[TECHNIQUES[j]])
    for _ in range(2):
        for j in order:
            for v in BIAS_GRID:
                trial = bias.copy()
                trial[j] = v
                f, pred = run(trial)
                if bias_objective(f) > bias_objective(best) + min_gain:
                    bias, best, best_pred = trial, f, pred
    log(f"technique offsets {', '.join(f'{TECHNIQUES[j][:12]} {bias[j]:+.1f}' for j in np.flatnonzero(bias))}"
        f": val full task micro-F1 {start.micro.f1:.4f} -> {best.micro.f1:.4f}, objective "
        f"{bias_objective(start):.4f} -> {bias_objective(best):.4f}")
    return bias, best, best_pred


def calibrate_technique_bias(ptc: str | Path, model_dir: str | Path, dev_ids: str | Path | None = None,
                             threads: int = 2, log: Callable[[str], None] = print,
                             version: str | None = None) -> dict:
    """Choose the per-technique offsets (:func:`tune_technique_bias`) of a trained model on its
    own validation articles (the seeded draw its training made) and write them into its
    ``config.json`` (with ``version`` when given). Runs the model as it runs on new text
    (:meth:`TechniqueModel.encode`, found spans, the classifier); returns the new config."""
    import torch

    from slant.analyze.techniques.features import span_features, token_range
    from slant.analyze.techniques.model import TechniqueModel, technique_runs, technique_scores

    torch.set_num_threads(threads)
    model = TechniqueModel.load(model_dir, threads=threads)
    cfg = dict(model.config)
    seed = int(cfg.get("train", {}).get("seed", 13))
    dev = read_ids(dev_ids or DEV_IDS_FILE)
    arts = [a for a in load_ptc(ptc) if a.id not in dev]
    val_ids = validation_ids(arts, seed)
    val_arts = [a for a in arts if a.id in val_ids]
    thr, wt = model.threshold, float(cfg.get("tagger_weight", 0.0))
    rows, keys, extra = [], [], []
    for a in val_arts:
        for seg, block in model.encode(a.text):
            if len(block.offsets) == 0:
                continue
            logits = model.token_logits(block.states)
            spans = model.found_spans(seg.text, block.offsets, logits, thr)
            labelled = []
            if spans:
                probs = model.classifier.proba(
                    span_features(seg.text, block.offsets, block.states, [(s, e) for s, e, _ in spans],
                                  model.encoder.hidden), [seg.text[s:e] for s, e, _ in spans])
                S = technique_scores(probs, [logits[token_range(block.offsets, s, e)] for s, e, _ in spans], wt)
                rows.append(S)
                keys += [(a.id, *seg.span(s, e)) for s, e, _ in spans]
                labelled = [(s, e, TECHNIQUES[int(p.argmax())], sc) for (s, e, sc), p in zip(spans, S)]
            extra += [(a.id, t, *seg.span(s, e)) for s, e, t, _ in
                      technique_runs(seg.text, block.offsets, logits, cfg.get("technique_spans"), labelled, thr)]
    gold = [(a.id, lab.technique, lab.start, lab.end) for a in val_arts for lab in a.labels]
    log(f"{len(val_arts)} validation articles (seed {seed}), {len(keys)} found spans")
    bias, _, _ = tune_technique_bias(np.concatenate(rows) if rows else np.zeros((0, len(TECHNIQUES))),
                                     keys, gold, log, extra=extra)
    cfg["technique_bias"] = [round(float(b), 3) for b in bias]
    if version:
        cfg["version"] = version
    (Path(model_dir) / "config.json").write_text(json.dumps(cfg, indent=1), encoding="utf-8")
    return cfg
