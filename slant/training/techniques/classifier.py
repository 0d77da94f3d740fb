"""The span classifier of the techniques model: logistic regressions over a span's
embedding and hand features, and over its TF-IDF n-grams, fitted on gold spans."""

from __future__ import annotations

from typing import Any

import numpy as np

from slant.models import TECHNIQUES
from slant.training.techniques.data import PTCArticle
from slant.training.techniques.encoding import Feats


def span_rows(arts: list[PTCArticle], feats: Feats, hidden: int) -> tuple[np.ndarray, list[str], np.ndarray]:
    """Classifier rows, texts and technique indices of the gold spans of ``arts``."""
    from slant.analyze.techniques.features import span_features

    X = [span_features(a.text, feats[a.id][0], feats[a.id][1].astype(np.float32),
                       [(lab.start, lab.end) for lab in a.labels], hidden) for a in arts if a.labels]
    texts = [a.text[lab.start:lab.end] for a in arts for lab in a.labels]
    y = [TECHNIQUES.index(lab.technique) for a in arts for lab in a.labels]
    return np.concatenate(X), texts, np.asarray(y)


def class_weights(y: np.ndarray, power: float) -> dict[int, float]:
    """``(n / (k * n_c)) ** power`` for each class c present (power 1: sklearn's "balanced")."""
    classes, counts = np.unique(y, return_counts=True)
    return {int(c): float((len(y) / (len(classes) * n)) ** power) for c, n in zip(classes, counts)}


def _every_technique(lr: Any) -> tuple[np.ndarray, np.ndarray]:
    """A fitted regression's weights and biases with a row for every technique, even those
    absent from its training labels (bias -30: never chosen)."""
    W = np.zeros((len(TECHNIQUES), lr.coef_.shape[1]), np.float32)
    b = np.full(len(TECHNIQUES), -30.0, np.float32)
    if len(lr.classes_) == 2:  # sklearn keeps one row (class 1 against class 0)
        b[lr.classes_[0]] = 0.0
        W[lr.classes_[1]], b[lr.classes_[1]] = lr.coef_[0], lr.intercept_[0]
    else:
        W[lr.classes_] = lr.coef_
        b[lr.classes_] = lr.intercept_
    return W, b


def fit_classifier(X: np.ndarray, texts: list[str], y: np.ndarray, cfg: dict[str, Any],
                   sample_weight: np.ndarray | None = None) -> Any:
    """The :class:`~slant.analyze.techniques.model.Classifier` fitted on rows ``X`` (their
    texts ``texts``) labelled with technique indices ``y``."""
    from sklearn.linear_model import LogisticRegression

    from slant.analyze.techniques.features import N_HAND, NgramVectorizer
    from slant.analyze.techniques.model import Classifier

    mean, scale = X.mean(0), X.std(0) + 1e-6
    scale[-N_HAND:] /= cfg.get("hand_scale", 1.0)
    cw = class_weights(y, cfg.get("class_weight_power", 1.0))
    emb = LogisticRegression(C=cfg["c_emb"], max_iter=2000, class_weight=cw).fit((X - mean) / scale, y,
                                                                             sample_weight=sample_weight)
    vec = NgramVectorizer.fit(texts)
    ngr = LogisticRegression(C=cfg["c_ngram"], max_iter=3000, class_weight=cw).fit(vec.transform(texts), y,
                                                                               sample_weight=sample_weight)
    we, be = _every_technique(emb)
    wn, bn = _every_technique(ngr)
    return Classifier(mean.astype(np.float32), scale.astype(np.float32), we, be, wn, bn, cfg["blend"], vec)
