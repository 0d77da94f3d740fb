"""Choices made on the validation articles after the taggers are fitted: how tagged tokens
become spans (step 4 of training) and the taggers' one-technique spans (step 5)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from slant.models import TECHNIQUES
from slant.training.techniques.data import PTCArticle
from slant.training.techniques.encoding import Feats
from slant.training.techniques.scoring import PRF, FullScore, LabelTuple, Prediction, score_full
from slant.training.techniques.taggers import FoundSpan, si_at


def fit_platt(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Platt scaling ``(a, b)`` of scores ``x`` for 0/1 targets ``y`` (identity when one class)."""
    from sklearn.linear_model import LogisticRegression

    if len(set(y.tolist())) < 2:
        return 1.0, 0.0
    lr = LogisticRegression(C=100.0).fit(x[:, None], y)
    return float(lr.coef_[0, 0]), float(lr.intercept_[0])


def mostly_inside(s: int, e: int, gold: list[tuple[int, int]]) -> float:
    """1.0 when at least half of [s, e) lies in ``gold`` spans (the calibration target)."""
    return float(sum(max(0, min(e, ge) - max(s, gs)) for gs, ge in gold) >= 0.5 * (e - s))


def tune_technique_runs(arts: list[PTCArticle], feats32: Feats, logits: dict[str, np.ndarray],
                        pred: list[Prediction], gold: list[LabelTuple], span_thr: float,
                        cfg: dict[str, Any], full: FullScore, log: Callable[[str], None]
                        ) -> tuple[dict[str, Any] | None, FullScore]:
    """The taggers' one-technique spans (:func:`model.technique_runs`) on validation: Platt
    scaling of their mean logit (target: at least half the span inside a gold span of its
    technique), then the token threshold that best lifts the full task over the classified
    spans ``pred``. Returns ``(params, full-task score)``; params None when none helps."""
    from slant.analyze.techniques.model import decode_spans, technique_runs

    grid = (0.2, 0.25, 0.3, 0.35, 0.4)
    gap, min_chars = cfg["technique_join_gap"], cfg["technique_min_chars"]
    x, y = [], []
    for a in arts:
        for k, tech in enumerate(TECHNIQUES):
            gold_t = [(lab.start, lab.end) for lab in a.labels if lab.technique == tech]
            for s, e, m in decode_spans(a.text, feats32[a.id][0], logits[a.id][:, 1 + k], min(grid),
                                        gap, min_chars):
                x.append(m)
                y.append(mostly_inside(s, e, gold_t))
    calib = fit_platt(np.asarray(x), np.asarray(y))
    by_article: dict[str, list[tuple[int, int, str, float]]] = {}
    for aid, tech, s, e in pred:
        by_article.setdefault(aid, []).append((s, e, tech, 1.0))
    best: tuple[FullScore, dict[str, Any] | None] = (full, None)
    for tok in grid:
        params: dict[str, Any] = {"token_threshold": tok, "join_gap": gap, "min_chars": min_chars,
                                  "calibration": list(calib)}
        extra = [(a.id, t, s, e) for a in arts for s, e, t, _ in
                 technique_runs(a.text, feats32[a.id][0], logits[a.id], params,
                                by_article.get(a.id, []), span_thr)]
        f = score_full(pred + extra, gold)
        log(f"one-technique spans at token threshold {tok}: +{len(extra)} spans, val full-task "
            f"micro-F1 {f.micro.f1:.4f}")
        if f.micro.f1 > best[0].micro.f1:
            best = (f, params)
    return best[1], best[0]


@dataclass
class SpanChoice:
    """Step 4, chosen on validation: how tagged tokens join into spans, how a span's mean
    logit is calibrated, and which spans are kept; with the SI score they reach."""

    token_threshold: float
    join_gap: int
    calibration: tuple[float, float]
    span_threshold: float
    si: PRF


def tune_spans(val_arts: list[PTCArticle], feats32: Feats, logits: dict[str, np.ndarray],
                cfg: dict[str, Any], log: Callable[[str], None]) -> SpanChoice:
    """Step 4: the join gap and token threshold, then Platt scaling of the span scores, then
    the span threshold, each the best for SI F1 on validation."""
    best: tuple[float, float, int, list[FoundSpan]] | None = None
    for gap in (10, 20, 40):
        for tok in (0.15, 0.2, 0.25, 0.3, 0.35, 0.4):
            r, rows = si_at(val_arts, feats32, logits, tok, {**cfg, "join_gap": gap})
            if best is None or r.f1 > best[0]:
                best = (r.f1, tok, gap, rows)
    assert best is not None
    _, tok_thr, gap, rows = best
    cfg = {**cfg, "join_gap": gap}
    gold_by = {a.id: [(lab.start, lab.end) for lab in a.labels] for a in val_arts}
    x = np.asarray([r.logit for r in rows])
    y = np.asarray([mostly_inside(r.start, r.end, gold_by[r.article.id]) for r in rows])
    calib = fit_platt(x, y)
    sweep = {}
    for thr in np.round(np.arange(0.0, 0.65, 0.05), 2):
        sweep[float(thr)] = si_at(val_arts, feats32, logits, tok_thr, cfg, calib, float(thr))[0]
    span_thr = max(sweep, key=lambda t: sweep[t].f1)
    si_val = sweep[span_thr]
    log(f"token threshold {tok_thr}, calibration {calib[0]:.3f}x{calib[1]:+.3f}, span threshold "
        f"{span_thr}: val SI P {si_val.precision:.4f} R {si_val.recall:.4f} F1 {si_val.f1:.4f}")
    return SpanChoice(token_threshold=tok_thr, join_gap=gap, calibration=calib,
                       span_threshold=span_thr, si=si_val)
