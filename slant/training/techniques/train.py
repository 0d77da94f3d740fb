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
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from slant.models import TECHNIQUES
from slant.training.techniques.classifier import fit_classifier, span_rows
from slant.training.techniques.data import DEV_IDS_FILE, PTCArticle, load_ptc, read_ids, validation_ids
from slant.training.techniques.encoding import Feats, cache_tag, encode_articles
from slant.training.techniques.scoring import FullScore, LabelTuple, Prediction, TCScore, score_full, score_tc
from slant.training.techniques.taggers import FoundSpan, si_at, token_targets, train_tagger, val_logits
from slant.training.techniques.tuning import SpanChoice, tune_spans, tune_technique_runs

VERSION = "2.0"
UNLABELLED_MAX = 300
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


@dataclass
class _Articles:
    """The PTC articles training learns from (the dev split held out): the part the taggers
    and classifier are fitted on and the validation part everything is tuned on."""

    all: list[PTCArticle]
    fit: list[PTCArticle]
    val: list[PTCArticle]


def _articles(ptc: str | Path, dev_ids: str | Path | None, seed: int,
              log: Callable[[str], None]) -> _Articles:
    """Step 1: the training articles and their seeded validation part."""
    dev = read_ids(dev_ids or DEV_IDS_FILE)
    arts = [a for a in load_ptc(ptc) if a.id not in dev]
    val_ids = validation_ids(arts, seed)
    parts = _Articles(all=arts, fit=[a for a in arts if a.id not in val_ids],
                      val=[a for a in arts if a.id in val_ids])
    log(f"{len(arts)} training articles ({len(parts.fit)} fit, {len(parts.val)} validation); "
        f"{len(dev)} dev ids held out")
    return parts


@dataclass
class _Taggers:
    """Step 3: the fitted taggers, the epoch validation chose for each, the ids fitted on."""

    taggers: list[Any]
    best_epochs: list[int]
    fit_ids: list[str]


def _fit_taggers(fit_ids: list[str], val_arts: list[PTCArticle], feats: Feats,
                 targets: dict[str, np.ndarray], cfg: dict[str, Any], seed: int,
                 log: Callable[[str], None]) -> _Taggers:
    """Step 3: one tagger per seed, each at its best epoch on validation."""
    fitted = _Taggers(taggers=[], best_epochs=[], fit_ids=fit_ids)
    for i in range(cfg["taggers"]):
        sd = seed + i
        log(f"tagger {i + 1} of {cfg['taggers']} (seed {sd})")
        tagger, best_epoch = train_tagger(fit_ids, val_arts, feats, targets, cfg, sd, log)
        fitted.taggers.append(tagger)
        fitted.best_epochs.append(best_epoch)
    return fitted


@dataclass
class _TechniqueChoice:
    """Step 5, chosen on validation: how a found span gets its technique (the classifier,
    the weight of the taggers beside it, per-technique offsets, the taggers' one-technique
    spans); with the scores they reach and the classifier refitted on all articles."""

    tc: TCScore
    classifier: Any = None
    full: FullScore | None = None
    predictions: list[Prediction] = field(default_factory=list)
    tagger_weight: float = 0.0
    technique_bias: np.ndarray = field(default_factory=lambda: np.zeros(len(TECHNIQUES)))
    technique_spans: dict[str, Any] | None = None


def _gold(arts: list[PTCArticle]) -> list[LabelTuple]:
    return [(a.id, lab.technique, lab.start, lab.end) for a in arts for lab in a.labels]


def _choose_tagger_weight(choice: _TechniqueChoice, clf: Any, found: list[FoundSpan],
                          val_arts: list[PTCArticle], feats32: Feats, logits: dict[str, np.ndarray],
                          cfg: dict[str, Any], hidden: int, log: Callable[[str], None]) -> None:
    """The full task on validation: the technique of a found span blends the classifier and
    the taggers; choose the taggers' weight, then (``technique_bias``) per-technique offsets."""
    from slant.analyze.techniques.features import span_features, token_range
    from slant.analyze.techniques.model import technique_scores

    gold_v = _gold(val_arts)
    by_article: dict[str, list[tuple[int, int]]] = {}  # found spans come article by article
    for f in found:
        by_article.setdefault(f.article.id, []).append((f.start, f.end))
    X = np.concatenate([span_features(a.text, *feats32[a.id], by_article[a.id], hidden)
                        for a in val_arts if a.id in by_article])
    P = clf.proba(X, [f.article.text[f.start:f.end] for f in found])
    span_logits = [logits[f.article.id][token_range(feats32[f.article.id][0], f.start, f.end)]
                   for f in found]
    for wt in (0.0, 0.25, 0.5, 0.75, 0.9, 1.0):
        k = technique_scores(P, span_logits, wt).argmax(1)
        pred: list[Prediction] = [(f.article.id, TECHNIQUES[int(t)], f.start, f.end)
                                  for f, t in zip(found, k)]
        score = score_full(pred, gold_v)
        log(f"tagger weight {wt}: val full-task micro-F1 {score.micro.f1:.4f}")
        if choice.full is None or score.micro.f1 > choice.full.micro.f1:
            choice.full, choice.tagger_weight, choice.predictions = score, wt, pred
    if cfg.get("technique_bias"):
        from slant.training.techniques.offsets import tune_technique_bias

        choice.technique_bias, choice.full, choice.predictions = tune_technique_bias(
            technique_scores(P, span_logits, choice.tagger_weight),
            [(f.article.id, f.start, f.end) for f in found], gold_v, log)


def _tune_techniques(parts: _Articles, feats: Feats, feats32: Feats, logits: dict[str, np.ndarray],
                     spans: SpanChoice, cfg: dict[str, Any], hidden: int,
                     log: Callable[[str], None]) -> _TechniqueChoice:
    """Step 5: the span classifier fitted on the fitting part's gold spans and scored on
    validation's, the full task tuned on validation, then the classifier refitted on all."""
    Xf, tf, yf = span_rows(parts.fit, feats, hidden)
    Xv, tv, yv = span_rows(parts.val, feats, hidden)
    clf = fit_classifier(Xf, tf, yf, cfg)
    pv = clf.proba(Xv, tv).argmax(1)
    gold_v = _gold(parts.val)
    tc_val = score_tc([(g[0], TECHNIQUES[int(k)], g[2], g[3]) for g, k in zip(gold_v, pv)], gold_v)
    log(f"val TC micro-F1 {tc_val.micro.f1:.4f} macro-F1 {tc_val.macro_f1:.4f}")
    choice = _TechniqueChoice(tc=tc_val)
    found = si_at(parts.val, feats32, logits, spans.token_threshold, cfg, spans.calibration,
                  spans.span_threshold)[1]
    if found:
        _choose_tagger_weight(choice, clf, found, parts.val, feats32, logits, cfg, hidden, log)
    if cfg.get("technique_spans") and choice.full is not None:
        choice.technique_spans, choice.full = tune_technique_runs(
            parts.val, feats32, logits, choice.predictions, gold_v, spans.span_threshold, cfg,
            choice.full, log)
    choice.classifier = fit_classifier(np.concatenate([Xf, Xv]), tf + tv, np.concatenate([yf, yv]), cfg)
    return choice


@dataclass
class _Trained:
    """What one training run settled: everything the model folder records."""

    cfg: dict[str, Any]
    seed: int
    parts: _Articles
    taggers: _Taggers
    spans: SpanChoice
    techniques: _TechniqueChoice


def _save_weights(out: Path, run: _Trained) -> None:
    clf = run.techniques.classifier
    weights = {f"tagger{i}.{k}": v.detach().numpy().astype(np.float16)
               for i, t in enumerate(run.taggers.taggers) for k, v in t.state_dict().items()}
    weights.update({"scaler.mean": clf.mean, "scaler.scale": clf.scale,
                    "emb.weight": clf.w_emb.astype(np.float16), "emb.bias": clf.b_emb,
                    "ngram.weight": clf.w_ngram.astype(np.float16), "ngram.bias": clf.b_ngram})
    from safetensors.numpy import save_file

    save_file(weights, str(out / "weights.safetensors"))
    (out / "ngrams.json").write_text(json.dumps(clf.vectorizer.to_json(), ensure_ascii=False,
                                                separators=(",", ":")), encoding="utf-8")


def _model_config(run: _Trained, encoder: str | None, enc: Any, enc_path: str) -> dict[str, Any]:
    """``config.json``: what the model needs to run, and how it was trained."""
    from slant.resources import encoder_hash

    cfg, taggers, t = run.cfg, run.taggers.taggers, run.techniques
    return {
        "name": "slant-techniques", "version": VERSION, "techniques": list(TECHNIQUES),
        "encoder_name": None if encoder is None else encoder, "encoder_sha256": encoder_hash(enc_path),
        "encoder_quantized": enc.quantization, "layers": list(enc.layers),
        "tagger": taggers[0].config, "taggers": len(taggers), "tagger_weight": t.tagger_weight,
        "technique_bias": [round(float(b), 3) for b in t.technique_bias],
        "technique_spans": t.technique_spans,
        "token_threshold": run.spans.token_threshold, "join_gap": cfg["join_gap"],
        "min_chars": cfg["min_chars"], "calibration": list(run.spans.calibration),
        "span_threshold": run.spans.span_threshold,
        "blend": cfg["blend"], "train": {**cfg, "seed": run.seed, "best_epochs": run.taggers.best_epochs,
                                          "fit_articles": len(run.parts.fit),
                                          "val_articles": len(run.parts.val)},
    }


def _metrics(run: _Trained, wall: float, t_enc: float, threads: int) -> dict[str, Any]:
    """``metrics.json``: the validation scores and the time taken."""
    t = run.techniques
    return {
        "version": VERSION, "train_wall_s": round(wall), "encode_wall_s": round(t_enc), "threads": threads,
        "validation": {"si": run.spans.si.as_dict(), "tc_micro_f1": round(t.tc.micro.f1, 4),
                       "tc_macro_f1": round(t.tc.macro_f1, 4),
                       "full_micro_f1": round(t.full.micro.f1, 4) if t.full else 0.0},
        "note": "validation = articles held out of fitting inside the training part, not the dev split",
    }


def _reencode(enc: Any, feats: Feats, texts: dict[str, str], cache_dir: str | Path | None) -> Feats:
    """``feats``' texts encoded again by ``enc`` (cached under its tag, ``unlabelled/``)."""
    from slant.training.techniques.unlabelled import _cached_states

    cache = Path(cache_dir) / cache_tag(enc) / "unlabelled" if cache_dir else None
    out = {}
    for key in feats:
        off, st = _cached_states(enc, texts[key], cache, Path(key.split(":", 1)[-1]).stem)
        out[key] = (off, st.astype(np.float16))
    return out


def _train(ptc: str | Path, out: str | Path, encoder: str | None = None, threads: int = 2,
           dev_ids: str | Path | None = None, seed: int = 13, log: Callable[[str], None] = print,
           cache_dir: str | Path | None = None, config: dict[str, Any] | None = None,
           extra: tuple[Feats, dict[str, np.ndarray]] | None = None,
           self_training: dict[str, Any] | None = None,
           extra_texts: dict[str, str] | None = None) -> dict[str, Any]:
    """One training run (the module docstring's steps); ``extra``: unlabelled articles' states
    and soft labels that join the fitting part (self-training, distillation), and
    ``extra_texts`` their texts (needed to tune the encoder on them, ``tune_encoder``)."""
    import torch

    from slant.analyze.techniques.encoder import Encoder
    from slant.resources import resolve_encoder

    t_start = time.time()
    cfg = {**CONFIG, **(config or {})}
    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    np.random.seed(seed)
    parts = _articles(ptc, dev_ids, seed, log)

    enc_path = resolve_encoder(encoder)
    tuned: tuple[Path, dict[str, Any]] | None = None
    if cfg.get("tune_encoder"):
        from slant.training.techniques.finetune import tune_for_training

        tuned = tune_for_training(parts, enc_path, Path(out), cfg, seed, log,
                                  extra[1] if extra else None, extra_texts)
    enc = Encoder(enc_path, threads=threads, tuned=tuned[0] if tuned else None)
    if extra and tuned:  # the unlabelled articles' states, now from the tuned encoder
        extra = (_reencode(enc, extra[0], extra_texts or {}, cache_dir), extra[1])
    feats = encode_articles(parts.all, enc, log,
                            Path(cache_dir) / cache_tag(enc) / "ptc" if cache_dir else None)
    t_enc = time.time() - t_start
    log(f"encoded in {t_enc:.0f} s")
    targets = {a.id: token_targets(a, feats[a.id][0]) for a in parts.all}

    fit_ids = [a.id for a in parts.fit]
    if extra:  # self-training: unlabelled articles with soft labels join the fitting part
        feats.update(extra[0])
        targets.update(extra[1])
        fit_ids += list(extra[0])
    taggers = _fit_taggers(fit_ids, parts.val, feats, targets, cfg, seed, log)
    feats32 = {a.id: (feats[a.id][0], feats[a.id][1].astype(np.float32)) for a in parts.val}
    logits = val_logits(taggers.taggers, [a.id for a in parts.val], feats32)
    spans = tune_spans(parts.val, feats32, logits, cfg, log)
    cfg = {**cfg, "join_gap": spans.join_gap}
    techniques = _tune_techniques(parts, feats, feats32, logits, spans, cfg, enc.hidden, log)
    if cfg.get("refit_taggers"):
        log(f"refitting the taggers on all {len(parts.all)} training articles")
        taggers.taggers = [train_tagger(fit_ids + [a.id for a in parts.val], [], feats, targets, cfg,
                                        seed + i, log, epochs=n)[0]
                           for i, n in enumerate(taggers.best_epochs)]

    run = _Trained(cfg=cfg, seed=seed, parts=parts, taggers=taggers, spans=spans, techniques=techniques)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    _save_weights(out, run)
    wall = time.time() - t_start
    config_out = _model_config(run, encoder, enc, enc_path)
    if tuned:
        from slant.resources import file_sha256

        config_out["encoder_tuned"] = {"file": tuned[0].name, "sha256": file_sha256(tuned[0]), **tuned[1]}
    if self_training:
        config_out["train"]["self_training"] = self_training
    (out / "config.json").write_text(json.dumps(config_out, indent=1), encoding="utf-8")
    metrics = _metrics(run, wall, t_enc, threads)
    if self_training:
        metrics["self_training"] = self_training
    (out / "metrics.json").write_text(json.dumps(metrics, indent=1), encoding="utf-8")
    log(f"trained in {wall:.0f} s")
    return metrics
