"""Fitting the BiLSTM taggers of the techniques model on encoder states, and scoring the
spans they find on validation articles (span identification)."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from slant.models import TECHNIQUES
from slant.training.techniques.data import PTCArticle
from slant.training.techniques.encoding import Feats
from slant.training.techniques.scoring import PRF, score_si

SEQ = 256
TOKEN_THRESHOLDS = (0.15, 0.2, 0.25, 0.3, 0.35)  # swept on validation after every epoch


@dataclass
class FoundSpan:
    """A span the taggers found in a validation article, with its mean in-span logit."""

    article: PTCArticle
    start: int
    end: int
    logit: float


def token_targets(a: PTCArticle, offsets: np.ndarray) -> np.ndarray:
    """Per wordpiece: in a gold span (column 0), and in a span of each technique."""
    y = np.zeros((len(offsets), 1 + len(TECHNIQUES)), np.float32)
    for lab in a.labels:
        m = (offsets[:, 0] < lab.end) & (offsets[:, 1] > lab.start)
        y[m, 0] = 1
        if lab.technique in TECHNIQUES:
            y[m, 1 + TECHNIQUES.index(lab.technique)] = 1
    return y


def _batches(ids: list[str], feats: Feats, targets: dict[str, np.ndarray], rng: random.Random,
             batch: int) -> Iterator[tuple[Any, Any, Any]]:
    import torch

    seqs = []
    for k in ids:
        h, y = feats[k][1], targets[k]
        n = len(h)
        shift = rng.randrange(SEQ) if n > SEQ else 0
        starts = [0] + list(range(SEQ - shift, n, SEQ)) if shift else list(range(0, max(n, 1), SEQ))
        for i, s in enumerate(starts):
            e = starts[i + 1] if i + 1 < len(starts) else min(n, s + SEQ)
            if e > s:
                seqs.append((h[s:e], y[s:e]))
    rng.shuffle(seqs)
    for i in range(0, len(seqs), batch):
        b = seqs[i:i + batch]
        m = max(len(x) for x, _ in b)
        X = np.zeros((len(b), m, b[0][0].shape[1]), np.float32)
        Y = np.zeros((len(b), m, b[0][1].shape[1]), np.float32)
        M = np.zeros((len(b), m), np.float32)
        for j, (x, y) in enumerate(b):
            X[j, :len(x)], Y[j, :len(x)], M[j, :len(x)] = x, y, 1
        yield torch.from_numpy(X), torch.from_numpy(Y), torch.from_numpy(M)


def val_logits(taggers: Any, ids: list[str], feats: Feats) -> dict[str, np.ndarray]:
    """The taggers' averaged token logits for the articles ``ids``."""
    from slant.analyze.techniques.model import ensemble_logits

    taggers = taggers if isinstance(taggers, list) else [taggers]
    for t in taggers:
        t.eval()
    return {k: ensemble_logits(taggers, feats[k][1]) if len(feats[k][1]) else
            np.zeros((0, 1 + len(TECHNIQUES)), np.float32) for k in ids}


def si_at(arts: list[PTCArticle], feats: Feats, logits: dict[str, np.ndarray], tok_thr: float,
          cfg: dict[str, Any], calib: Any = None, span_thr: float = 0.0) -> tuple[PRF, list[FoundSpan]]:
    """Span identification on ``arts`` at these thresholds: its score and the spans found."""
    from slant.analyze.techniques.model import scored_spans

    params = {"token_threshold": tok_thr, "join_gap": cfg["join_gap"], "min_chars": cfg["min_chars"],
              "calibration": calib}
    pred, rows = [], []
    for a in arts:
        for s, e, _, m in scored_spans(a.text, feats[a.id][0], logits[a.id][:, 0], params, span_thr):
            pred.append((a.id, None, s, e))
            rows.append(FoundSpan(a, s, e, m))
    gold = [(a.id, lab.technique, lab.start, lab.end) for a in arts for lab in a.labels]
    return score_si(pred, gold), rows


def _loss(tagger: Any, X: Any, Y: Any, M: Any, tech_weight: float) -> Any:
    """Binary cross-entropy over the padded batch: the in-span output twice, each technique's
    ``tech_weight`` times."""
    import torch

    loss = torch.nn.functional.binary_cross_entropy_with_logits(tagger(X), Y, reduction="none")
    return ((loss[..., 0] * 2 + tech_weight * loss[..., 1:].sum(-1)) * M).sum() / M.sum()


def train_tagger(fit_ids: list[str], val_arts: list[PTCArticle], feats: Feats,
                 targets: dict[str, np.ndarray], cfg: dict[str, Any], seed: int,
                 log: Callable[[str], None], epochs: int | None = None) -> tuple[Any, int]:
    """A tagger fitted on ``fit_ids``, at its epoch with the best SI F1 on ``val_arts``; with
    ``epochs``, trained that many epochs and returned as is (no validation)."""
    import torch

    from slant.analyze.techniques.tagger import Tagger

    torch.manual_seed(seed)
    rng = random.Random(seed)
    dim = next(iter(feats.values()))[1].shape[1]
    tagger = Tagger(dim, proj=cfg["proj"], hidden=cfg["hidden"], dropout=cfg["dropout"],
                    layers=cfg["lstm_layers"])
    opt = torch.optim.AdamW(tagger.parameters(), lr=cfg["lr"], weight_decay=1e-2)
    best: tuple[float, Any, int, float] = (-1.0, None, 0, 0.0)
    feats32 = {k: (v[0], v[1].astype(np.float32)) for k, v in feats.items()}
    for ep in range(epochs or cfg["epochs"]):
        tagger.train()
        t0, total = time.time(), 0.0
        for X, Y, M in _batches(fit_ids, feats32, targets, rng, cfg["batch"]):
            loss = _loss(tagger, X, Y, M, cfg["tech_weight"])
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item()
        if epochs:
            log(f"epoch {ep + 1} of {epochs}: loss {total:.1f} ({time.time() - t0:.0f} s)")
            continue
        logits = val_logits(tagger, [a.id for a in val_arts], feats32)
        scores = {t: si_at(val_arts, feats32, logits, t, cfg)[0].f1 for t in TOKEN_THRESHOLDS}
        t_best = max(scores, key=lambda t: scores[t])
        log(f"epoch {ep + 1}: loss {total:.1f}, val SI F1 {scores[t_best]:.4f} at token "
            f"threshold {t_best} ({time.time() - t0:.0f} s)")
        if scores[t_best] > best[0]:
            best = (scores[t_best], {k: v.clone() for k, v in tagger.state_dict().items()}, ep + 1, t_best)
    if not epochs:
        tagger.load_state_dict(best[1])
    tagger.eval()
    return tagger, epochs or best[2]
