"""``slant train techniques``: fit the heads over the frozen encoder, tune, calibrate, save.

Steps (all seeded; with self-training about 21 minutes on 2 idle CPU cores):

1. Hold out the dev split (``dev_ids.txt``); of the rest, ``VAL_ARTICLES`` articles
   (seeded) are a validation set for early stopping, thresholds and calibration.
2. Encode every training article once with the frozen, int8-quantized encoder.
3. Train the BiLSTM taggers (one per seed); keep each one's epoch with the best
   validation SI F1. Their logits are averaged.
4. Sweep the join gap and token threshold on validation, fit Platt scaling of span scores
   there, and sweep the span threshold.
5. Fit the span classifiers (embeddings+hand features; TF-IDF n-grams) on the gold spans of
   the training part, score them on validation, choose the weight of the taggers in the
   technique of a found span (full task on validation), then refit on all training articles.
   Calibrate the taggers' one-technique spans and choose their token threshold (full task
   on validation).
6. Optionally (``refit_taggers``, off), fit the taggers again on all training articles for
   the epochs validation chose, keeping the thresholds and calibration of step 4.
7. Write ``config.json``, ``weights.safetensors``, ``ngrams.json`` and ``metrics.json``.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from slant.models import TECHNIQUES
from slant.training.techniques.data import DEV_IDS_FILE, PTCArticle, load_ptc, read_ids
from slant.training.techniques.scoring import score_full, score_si, score_tc

VERSION = "1.5"
UNLABELLED_MAX = 300
VAL_ARTICLES = 40
SEQ = 256
CONFIG = {
    "taggers": 2, "epochs": 12, "lr": 2e-3, "batch": 8, "proj": 256, "hidden": 128, "dropout": 0.3,
    "lstm_layers": 1, "tech_weight": 1.0,
    "join_gap": 20, "min_chars": 6, "c_emb": 0.01, "c_ngram": 2.0, "blend": 0.5,
    # span classifier: the hand features' scale after standardising (3 = a third of the
    # penalty: Repetition hangs on them), and class weights (n / (k * n_class)) ** power
    # (1 = "balanced"; 0.75 trades a little macro-F1 for micro-F1). Both chosen by 5-fold
    # cross-validation over the training articles.
    "hand_scale": 3.0, "class_weight_power": 0.75,
    # once everything is tuned on the validation articles, fit the taggers again on all
    # training articles (validation included) for the epochs validation chose. Off: on dev it
    # raised SI F1 0.420 -> 0.428 but lowered the full task 0.215 -> 0.203, as the thresholds
    # tuned for the taggers fitted without validation no longer suit them (docs/techniques.md)
    "refit_taggers": False,
    # the taggers' one-technique spans beside the classified ones (model.technique_runs)
    "technique_spans": True, "technique_join_gap": 10, "technique_min_chars": 3,
    # per-technique offsets of a found span's technique scores, chosen on validation
    # (tune_technique_bias)
    "technique_bias": True,
}
def _token_targets(a: PTCArticle, offsets: np.ndarray) -> np.ndarray:
    y = np.zeros((len(offsets), 1 + len(TECHNIQUES)), np.float32)
    for lab in a.labels:
        m = (offsets[:, 0] < lab.end) & (offsets[:, 1] > lab.start)
        y[m, 0] = 1
        if lab.technique in TECHNIQUES:
            y[m, 1 + TECHNIQUES.index(lab.technique)] = 1
    return y


def encode_text(encoder, text: str) -> tuple[np.ndarray, np.ndarray]:
    """Offsets and float32 states of every wordpiece of ``text``, block after block."""
    offs, sts = [], []
    for b in encoder.blocks(text):
        offs.append(b.offsets)
        sts.append(b.states)
    if not offs:
        return np.zeros((0, 2), np.int64), np.zeros((0, encoder.dim), np.float32)
    return np.concatenate(offs), np.concatenate(sts)


def encode_articles(articles: list[PTCArticle], encoder, log: Callable[[str], None],
                    cache_dir: Path | None = None) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """``{id: (offsets, states as float16)}``, read from / written to ``cache_dir`` when given."""
    out = {}
    t0 = time.time()
    for n, a in enumerate(articles, 1):
        if cache_dir and (cache_dir / f"{a.id}.h.npy").exists():
            out[a.id] = (np.load(cache_dir / f"{a.id}.off.npy"), np.load(cache_dir / f"{a.id}.h.npy"))
            continue
        off, st = encode_text(encoder, a.text)
        st = st.astype(np.float16)
        out[a.id] = (off, st)
        if cache_dir:
            cache_dir.mkdir(parents=True, exist_ok=True)
            np.save(cache_dir / f"{a.id}.off.npy", off)
            np.save(cache_dir / f"{a.id}.h.npy", st)
        if n % 50 == 0:
            log(f"encoded {n}/{len(articles)} articles ({time.time() - t0:.0f} s)")
    return out


def _batches(ids, feats, targets, rng: random.Random, batch: int):
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


def _val_logits(taggers, ids, feats) -> dict[str, np.ndarray]:
    from slant.analyze.techniques.model import ensemble_logits

    taggers = taggers if isinstance(taggers, list) else [taggers]
    for t in taggers:
        t.eval()
    return {k: ensemble_logits(taggers, feats[k][1]) if len(feats[k][1]) else
            np.zeros((0, 1 + len(TECHNIQUES)), np.float32) for k in ids}


def _si_at(arts, feats, logits, tok_thr, cfg, calib=None, span_thr=0.0):
    from slant.analyze.techniques.model import scored_spans

    params = {"token_threshold": tok_thr, "join_gap": cfg["join_gap"], "min_chars": cfg["min_chars"],
              "calibration": calib}
    pred, rows = [], []
    for a in arts:
        for s, e, _, m in scored_spans(a.text, feats[a.id][0], logits[a.id][:, 0], params, span_thr):
            pred.append((a.id, None, s, e))
            rows.append((a, s, e, m))
    gold = [(a.id, lab.technique, lab.start, lab.end) for a in arts for lab in a.labels]
    return score_si(pred, gold), rows


def train_tagger(fit_ids, val_arts, feats, targets, cfg, seed, log, epochs: int | None = None):
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
    best = (-1.0, None, 0, 0.0)
    feats32 = {k: (v[0], v[1].astype(np.float32)) for k, v in feats.items()}
    for ep in range(epochs or cfg["epochs"]):
        tagger.train()
        t0, total = time.time(), 0.0
        for X, Y, M in _batches(fit_ids, feats32, targets, rng, cfg["batch"]):
            loss = torch.nn.functional.binary_cross_entropy_with_logits(tagger(X), Y, reduction="none")
            loss = ((loss[..., 0] * 2 + cfg["tech_weight"] * loss[..., 1:].sum(-1)) * M).sum() / M.sum()
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item()
        if epochs:
            log(f"epoch {ep + 1} of {epochs}: loss {total:.1f} ({time.time() - t0:.0f} s)")
            continue
        logits = _val_logits(tagger, [a.id for a in val_arts], feats32)
        scores = {t: _si_at(val_arts, feats32, logits, t, cfg)[0].f1 for t in (0.15, 0.2, 0.25, 0.3, 0.35)}
        t_best = max(scores, key=scores.get)
        log(f"epoch {ep + 1}: loss {total:.1f}, val SI F1 {scores[t_best]:.4f} at token "
            f"threshold {t_best} ({time.time() - t0:.0f} s)")
        if scores[t_best] > best[0]:
            best = (scores[t_best], {k: v.clone() for k, v in tagger.state_dict().items()}, ep + 1, t_best)
    if not epochs:
        tagger.load_state_dict(best[1])
    tagger.eval()
    return tagger, epochs or best[2]


def _fit_platt(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    from sklearn.linear_model import LogisticRegression

    if len(set(y.tolist())) < 2:
        return 1.0, 0.0
    lr = LogisticRegression(C=100.0).fit(x[:, None], y)
    return float(lr.coef_[0, 0]), float(lr.intercept_[0])


def _mostly_inside(s: int, e: int, gold: list[tuple[int, int]]) -> float:
    """1.0 when at least half of [s, e) lies in ``gold`` spans (the calibration target)."""
    return float(sum(max(0, min(e, ge) - max(s, gs)) for gs, ge in gold) >= 0.5 * (e - s))


def tune_technique_runs(arts, feats32, logits, pred, gold, span_thr, cfg, full, log):
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
                y.append(_mostly_inside(s, e, gold_t))
    calib = _fit_platt(np.asarray(x), np.asarray(y))
    by_article: dict[str, list] = {}
    for aid, tech, s, e in pred:
        by_article.setdefault(aid, []).append((s, e, tech, 1.0))
    best = (full, None)
    for tok in grid:
        params = {"token_threshold": tok, "join_gap": gap, "min_chars": min_chars, "calibration": list(calib)}
        extra = [(a.id, t, s, e) for a in arts for s, e, t, _ in
                 technique_runs(a.text, feats32[a.id][0], logits[a.id], params, by_article.get(a.id, []), span_thr)]
        f = score_full(pred + extra, gold)
        log(f"one-technique spans at token threshold {tok}: +{len(extra)} spans, val full-task "
            f"micro-F1 {f.micro.f1:.4f}")
        if f.micro.f1 > best[0].micro.f1:
            best = (f, params)
    return best[1], best[0]


def span_rows(arts, feats, hidden):
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


def fit_classifier(X, texts, y, cfg, sample_weight: np.ndarray | None = None):
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

    def full(lr):  # every technique gets a row even when absent from y
        W = np.zeros((len(TECHNIQUES), lr.coef_.shape[1]), np.float32)
        b = np.full(len(TECHNIQUES), -30.0, np.float32)
        if len(lr.classes_) == 2:  # sklearn keeps one row (class 1 against class 0)
            b[lr.classes_[0]] = 0.0
            W[lr.classes_[1]], b[lr.classes_[1]] = lr.coef_[0], lr.intercept_[0]
        else:
            W[lr.classes_] = lr.coef_
            b[lr.classes_] = lr.intercept_
        return W, b

    we, be = full(emb)
    wn, bn = full(ngr)
    return Classifier(mean.astype(np.float32), scale.astype(np.float32), we, be, wn, bn, cfg["blend"], vec)


def train(ptc: str | Path, out: str | Path, encoder: str | None = None, threads: int = 2,
          dev_ids: str | Path | None = None, seed: int = 13, log: Callable[[str], None] = print,
          cache_dir: str | Path | None = None, config: dict | None = None,
          unlabelled: str | Path | None = None, unlabelled_max: int = UNLABELLED_MAX,
          distil_from: str | Path | None = None) -> dict:
    """Train a model from the PTC folder ``ptc`` into ``out``; returns the metrics.

    With ``unlabelled`` (a folder of ``.txt`` news articles, searched recursively), the
    training runs twice: the first model (the teacher) labels ``unlabelled_max`` of those
    articles (a seeded draw) with its taggers' probabilities, and the second model's taggers
    learn from the PTC gold labels and those soft labels together (self-training).
    With ``distil_from`` (a trained model folder, typically one over the larger teacher
    encoder), that model is the teacher instead and only one model is trained
    (distillation, :func:`distil_labels`).
    """
    from slant.training.techniques.unlabelled import _distil, _self_train

    if unlabelled is not None and distil_from is not None:
        return _distil(ptc, out, encoder=encoder, threads=threads, dev_ids=dev_ids, seed=seed,
                       log=log, cache_dir=cache_dir, config=config, unlabelled=unlabelled,
                       unlabelled_max=unlabelled_max, distil_from=distil_from)
    if distil_from is not None:
        from slant.errors import InputError

        raise InputError("distillation needs unlabelled articles (--unlabelled DIR)", source=str(distil_from))
    if unlabelled is not None:
        return _self_train(ptc, out, encoder=encoder, threads=threads, dev_ids=dev_ids, seed=seed,
                           log=log, cache_dir=cache_dir, config=config, unlabelled=unlabelled,
                           unlabelled_max=unlabelled_max)
    return _train(ptc, out, encoder=encoder, threads=threads, dev_ids=dev_ids, seed=seed, log=log,
                  cache_dir=cache_dir, config=config)


def cache_tag(encoder) -> str:
    """The folder name of an encoder's states in a cache: its weights' sha256, quantization
    and layers, so that states of two encoders (or settings) never mix."""
    from slant.resources import encoder_hash

    if getattr(encoder, "_cache_tag", None) is None:
        sha = encoder_hash(encoder.name) or "".join(c if c.isalnum() else "-" for c in encoder.name)
        encoder._cache_tag = f"{sha[:16]}-{encoder.quantization}-L{'.'.join(map(str, encoder.layers))}"
    return encoder._cache_tag


def _train(ptc: str | Path, out: str | Path, encoder: str | None = None, threads: int = 2,
           dev_ids: str | Path | None = None, seed: int = 13, log: Callable[[str], None] = print,
           cache_dir: str | Path | None = None, config: dict | None = None,
           extra: tuple[dict, dict] | None = None, self_training: dict | None = None) -> dict:
    import torch
    from safetensors.numpy import save_file

    from slant.analyze.techniques.encoder import Encoder
    from slant.resources import encoder_hash, resolve_encoder

    t_start = time.time()
    cfg = {**CONFIG, **(config or {})}
    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    np.random.seed(seed)
    dev = read_ids(dev_ids or DEV_IDS_FILE)
    arts = [a for a in load_ptc(ptc) if a.id not in dev]
    rng = random.Random(seed)
    val_ids = set(rng.sample(sorted(a.id for a in arts), min(VAL_ARTICLES, len(arts) // 5)))
    fit_arts = [a for a in arts if a.id not in val_ids]
    val_arts = [a for a in arts if a.id in val_ids]
    log(f"{len(arts)} training articles ({len(fit_arts)} fit, {len(val_arts)} validation); "
        f"{len(dev)} dev ids held out")

    enc_path = resolve_encoder(encoder)
    enc = Encoder(enc_path, threads=threads)
    feats = encode_articles(arts, enc, log, Path(cache_dir) / cache_tag(enc) / "ptc" if cache_dir else None)
    t_enc = time.time() - t_start
    log(f"encoded in {t_enc:.0f} s")
    targets = {a.id: _token_targets(a, feats[a.id][0]) for a in arts}

    fit_ids = [a.id for a in fit_arts]
    if extra:  # self-training: unlabelled articles with soft labels join the fitting part
        feats.update(extra[0])
        targets.update(extra[1])
        fit_ids += list(extra[0])
    taggers, best_epochs = [], []
    for i in range(cfg["taggers"]):
        sd = seed + i
        log(f"tagger {i + 1} of {cfg['taggers']} (seed {sd})")
        tagger, best_epoch = train_tagger(fit_ids, val_arts, feats, targets, cfg, sd, log)
        taggers.append(tagger)
        best_epochs.append(best_epoch)
    feats32 = {a.id: (feats[a.id][0], feats[a.id][1].astype(np.float32)) for a in val_arts}
    logits = _val_logits(taggers, [a.id for a in val_arts], feats32)

    # join gap, token threshold, calibration, span threshold: all on validation
    best = None
    for gap in (10, 20, 40):
        for tok in (0.15, 0.2, 0.25, 0.3, 0.35, 0.4):
            r, rows = _si_at(val_arts, feats32, logits, tok, {**cfg, "join_gap": gap})
            if best is None or r.f1 > best[0]:
                best = (r.f1, tok, gap, rows)
    _, tok_thr, gap, rows = best
    cfg = {**cfg, "join_gap": gap}
    gold_by = {a.id: [(lab.start, lab.end) for lab in a.labels] for a in val_arts}
    x = np.asarray([m for _, _, _, m in rows])
    y = np.asarray([_mostly_inside(s, e, gold_by[a.id]) for a, s, e, _ in rows])
    calib = _fit_platt(x, y)
    sweep = {}
    for thr in np.round(np.arange(0.0, 0.65, 0.05), 2):
        sweep[float(thr)] = _si_at(val_arts, feats32, logits, tok_thr, cfg, calib, float(thr))[0]
    span_thr = max(sweep, key=lambda t: sweep[t].f1)
    si_val = sweep[span_thr]
    log(f"token threshold {tok_thr}, calibration {calib[0]:.3f}x{calib[1]:+.3f}, span threshold "
        f"{span_thr}: val SI P {si_val.precision:.4f} R {si_val.recall:.4f} F1 {si_val.f1:.4f}")

    # technique classifier
    hidden = enc.hidden
    Xf, tf, yf = span_rows(fit_arts, feats, hidden)
    Xv, tv, yv = span_rows(val_arts, feats, hidden)
    clf = fit_classifier(Xf, tf, yf, cfg)
    pv = clf.proba(Xv, tv).argmax(1)
    gold_v = [(a.id, lab.technique, lab.start, lab.end) for a in val_arts for lab in a.labels]
    tc_val = score_tc([(g[0], TECHNIQUES[int(k)], g[2], g[3]) for g, k in zip(gold_v, pv)], gold_v)
    log(f"val TC micro-F1 {tc_val.micro.f1:.4f} macro-F1 {tc_val.macro_f1:.4f}")

    # full task on validation: the technique of a found span blends classifier and taggers
    found_rows = _si_at(val_arts, feats32, logits, tok_thr, cfg, calib, span_thr)[1]
    full_val, tagger_weight, full_pred = None, 0.0, []
    technique_bias = np.zeros(len(TECHNIQUES))
    if found_rows:
        from slant.analyze.techniques.features import span_features, token_range
        from slant.analyze.techniques.model import technique_scores

        by_article: dict[str, list[tuple[int, int]]] = {}  # found_rows come article by article
        for a, s, e, _ in found_rows:
            by_article.setdefault(a.id, []).append((s, e))
        X = np.concatenate([span_features(a.text, *feats32[a.id], by_article[a.id], hidden)
                            for a in val_arts if a.id in by_article])
        P = clf.proba(X, [a.text[s:e] for a, s, e, _ in found_rows])
        span_logits = [logits[a.id][token_range(feats32[a.id][0], s, e)] for a, s, e, _ in found_rows]
        for wt in (0.0, 0.25, 0.5, 0.75, 0.9, 1.0):
            k = technique_scores(P, span_logits, wt).argmax(1)
            pred = [(a.id, TECHNIQUES[int(t)], s, e) for (a, s, e, _), t in zip(found_rows, k)]
            f = score_full(pred, gold_v)
            log(f"tagger weight {wt}: val full-task micro-F1 {f.micro.f1:.4f}")
            if full_val is None or f.micro.f1 > full_val.micro.f1:
                full_val, tagger_weight, full_pred = f, wt, pred
        if cfg.get("technique_bias"):
            from slant.training.techniques.offsets import tune_technique_bias

            technique_bias, full_val, full_pred = tune_technique_bias(
                technique_scores(P, span_logits, tagger_weight),
                [(a.id, s, e) for a, s, e, _ in found_rows], gold_v, log)
    technique_spans = None
    if cfg.get("technique_spans") and full_val is not None:
        technique_spans, full_val = tune_technique_runs(val_arts, feats32, logits, full_pred, gold_v,
                                                        span_thr, cfg, full_val, log)
    clf = fit_classifier(np.concatenate([Xf, Xv]), tf + tv, np.concatenate([yf, yv]), cfg)
    if cfg.get("refit_taggers"):
        log(f"refitting the taggers on all {len(arts)} training articles")
        taggers = [train_tagger(fit_ids + [a.id for a in val_arts], [], feats, targets, cfg, seed + i,
                                log, epochs=n)[0] for i, n in enumerate(best_epochs)]

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    weights = {f"tagger{i}.{k}": v.detach().numpy().astype(np.float16)
               for i, t in enumerate(taggers) for k, v in t.state_dict().items()}
    weights.update({"scaler.mean": clf.mean, "scaler.scale": clf.scale,
                    "emb.weight": clf.w_emb.astype(np.float16), "emb.bias": clf.b_emb,
                    "ngram.weight": clf.w_ngram.astype(np.float16), "ngram.bias": clf.b_ngram})
    save_file(weights, str(out / "weights.safetensors"))
    (out / "ngrams.json").write_text(json.dumps(clf.vectorizer.to_json(), ensure_ascii=False,
                                                separators=(",", ":")), encoding="utf-8")
    wall = time.time() - t_start
    config_out = {
        "name": "slant-techniques", "version": VERSION, "techniques": list(TECHNIQUES),
        "encoder_name": None if encoder is None else encoder, "encoder_sha256": encoder_hash(enc_path),
        "encoder_quantized": enc.quantization, "layers": list(enc.layers),
        "tagger": taggers[0].config, "taggers": len(taggers), "tagger_weight": tagger_weight,
        "technique_bias": [round(float(b), 3) for b in technique_bias],
        "technique_spans": technique_spans,
        "token_threshold": tok_thr, "join_gap": cfg["join_gap"],
        "min_chars": cfg["min_chars"], "calibration": list(calib), "span_threshold": span_thr,
        "blend": cfg["blend"], "train": {**cfg, "seed": seed, "best_epochs": best_epochs,
                                          "fit_articles": len(fit_arts), "val_articles": len(val_arts)},
    }
    if self_training:
        config_out["train"]["self_training"] = self_training
    (out / "config.json").write_text(json.dumps(config_out, indent=1), encoding="utf-8")
    metrics = {
        "version": VERSION, "train_wall_s": round(wall), "encode_wall_s": round(t_enc), "threads": threads,
        "validation": {"si": si_val.as_dict(), "tc_micro_f1": round(tc_val.micro.f1, 4),
                       "tc_macro_f1": round(tc_val.macro_f1, 4),
                       "full_micro_f1": round(full_val.micro.f1, 4) if full_val else 0.0},
        "note": "validation = articles held out of fitting inside the training part, not the dev split",
    }
    if self_training:
        metrics["self_training"] = self_training
    (out / "metrics.json").write_text(json.dumps(metrics, indent=1), encoding="utf-8")
    log(f"trained in {wall:.0f} s")
    return metrics


