"""Learning from unlabelled news: self-training (a first model labels the articles for the
second) and distillation (a model over another encoder, typically the larger teacher,
labels them for a model over the pinned one). Both give the taggers soft token labels for
every output; :func:`slant.training.techniques.train.train` runs them.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from slant.training.techniques.encoding import cache_tag, encode_text
from slant.training.techniques.train import _train


def pseudo_labels(teacher, texts: list[tuple[str, str]], log: Callable[[str], None]
                  ) -> tuple[dict, dict]:
    """``(feats, targets)`` for unlabelled ``(key, text)`` pairs: the teacher's encoder states
    and its taggers' probabilities (soft targets for every output), keyed ``pseudo:<key>``."""
    from slant.analyze.techniques.model import ensemble_logits, sigmoid

    feats, targets = {}, {}
    for n, (key, text) in enumerate(texts, 1):
        off, st = encode_text(teacher.encoder, text)
        if len(st) == 0:
            continue
        feats[f"pseudo:{key}"] = (off, st.astype(np.float16))
        targets[f"pseudo:{key}"] = sigmoid(ensemble_logits(teacher.taggers, st)).astype(np.float32)
        if n % 100 == 0:
            log(f"pseudo-labelled {n}/{len(texts)} unlabelled articles")
    return feats, targets


def transfer_probs(src_offsets: np.ndarray, src_probs: np.ndarray, dst_offsets: np.ndarray,
                   n_chars: int) -> np.ndarray:
    """Token probabilities moved from one tokenization to another over the same text: each
    destination wordpiece gets the mean of the source probabilities over its characters
    (characters no source wordpiece covers, spaces, count for nothing); one with no covered
    character gets its nearest source wordpiece's."""
    k = src_probs.shape[1]
    per_char = np.zeros((n_chars + 1, k), np.float64)
    covered = np.zeros(n_chars + 1, np.float64)
    for (s, e), p in zip(src_offsets, src_probs):
        if e > s:
            per_char[s:e] = p
            covered[s:e] = 1.0
    csum = np.vstack([np.zeros((1, k)), np.cumsum(per_char, 0)])
    ccov = np.concatenate([[0.0], np.cumsum(covered)])
    out = np.zeros((len(dst_offsets), k), np.float32)
    src_mid = (src_offsets[:, 0] + src_offsets[:, 1]) / 2 if len(src_offsets) else np.zeros(0)
    for i, (s, e) in enumerate(dst_offsets):
        n = ccov[e] - ccov[s]
        if n > 0:
            out[i] = (csum[e] - csum[s]) / n
        elif len(src_mid):
            out[i] = src_probs[int(np.abs(src_mid - (s + e) / 2).argmin())]
    return out


def _cached_states(encoder, text: str, cache: Path | None, key: str) -> tuple[np.ndarray, np.ndarray]:
    """``encode_text`` of ``text``, read from / written to ``cache`` (``<key>.off.npy``,
    ``<key>.h.npy``, states as float16) when given."""
    if cache is not None and (cache / f"{key}.h.npy").exists():
        return np.load(cache / f"{key}.off.npy"), np.load(cache / f"{key}.h.npy").astype(np.float32)
    off, st = encode_text(encoder, text)
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        np.save(cache / f"{key}.off.npy", off)
        np.save(cache / f"{key}.h.npy", st.astype(np.float16))
    return off, st


def distil_labels(teacher, student_encoder, texts: list[tuple[str, str]], log: Callable[[str], None],
                  teacher_cache: Path | None = None, student_cache: Path | None = None,
                  student_states: bool = True) -> tuple[dict, dict]:
    """``(feats, targets)`` for unlabelled ``(key, text)`` pairs: the student encoder's states,
    and the teacher model's token probabilities (every output: in a span, then each
    technique) moved onto the student's wordpieces by characters (:func:`transfer_probs`).
    The caches hold each encoder's states per text (``<stem of key>.*.npy``). Without
    ``student_states`` (the student's encoder is tuned first and encodes them after), the
    student's states are left empty, ``(n, 0)``, and only its wordpieces are computed."""
    from slant.analyze.techniques.model import sigmoid
    from slant.training.techniques.finetune import text_offsets

    feats, targets = {}, {}
    t0 = time.time()
    for n, (key, text) in enumerate(texts, 1):
        stem = Path(key).stem
        off_t, st_t = _cached_states(teacher.encoder, text, teacher_cache, stem)
        if student_states:
            off_s, st_s = _cached_states(student_encoder, text, student_cache, stem)
        else:
            off_s = text_offsets(student_encoder.tokenizer, text)
            st_s = np.zeros((len(off_s), 0), np.float16)
        if len(st_s) == 0 or len(st_t) == 0:
            continue
        probs = sigmoid(teacher.token_logits(st_t)).astype(np.float32)
        feats[f"distil:{key}"] = (off_s, st_s.astype(np.float16))
        targets[f"distil:{key}"] = transfer_probs(off_t, probs, off_s, len(text))
        if n % 25 == 0:
            log(f"teacher-labelled {n}/{len(texts)} unlabelled articles ({time.time() - t0:.0f} s)")
    return feats, targets


def _distil(ptc, out, *, unlabelled, unlabelled_max, distil_from, threads, log, cache_dir=None,
            **kw) -> dict:
    from slant.analyze.techniques.encoder import Encoder
    from slant.analyze.techniques.model import TechniqueModel
    from slant.resources import resolve_encoder

    t0 = time.time()
    texts = unlabelled_texts(unlabelled, unlabelled_max)  # fail early on a bad folder
    teacher = TechniqueModel.load(distil_from, threads=threads)
    student = Encoder(resolve_encoder(kw.get("encoder")), threads=threads)
    cache = Path(cache_dir) if cache_dir else None
    log(f"the teacher {teacher.name} ({teacher.config.get('encoder_name') or 'pinned encoder'}) labels "
        f"{len(texts)} unlabelled articles")
    feats, targets = distil_labels(teacher, student, texts, log,
                                   cache / cache_tag(teacher.encoder) / "unlabelled" if cache else None,
                                   cache / cache_tag(student) / "unlabelled" if cache else None,
                                   student_states=not (kw.get("config") or {}).get("tune_encoder"))
    del teacher
    info = {"unlabelled": "/".join(Path(unlabelled).resolve().parts[-3:]), "articles": len(feats),
            "distilled_from": str(distil_from)}
    metrics = _train(ptc, out, threads=threads, log=log, extra=(feats, targets), self_training=info,
                     cache_dir=cache, extra_texts={f"distil:{k}": t for k, t in texts}, **kw)
    metrics["total_wall_s"] = round(time.time() - t0)
    (Path(out) / "metrics.json").write_text(json.dumps(metrics, indent=1), encoding="utf-8")
    return metrics


def unlabelled_texts(folder: str | Path, limit: int, seed: int = 5) -> list[tuple[str, str]]:
    """A seeded draw of ``limit`` ``.txt`` files under ``folder``: ``(stem, text)`` pairs."""
    from slant.errors import InputError

    files = sorted(Path(folder).rglob("*.txt"))
    if not files:
        raise InputError("no .txt articles found for self-training", source=str(folder))
    random.Random(seed).shuffle(files)
    root = Path(folder)
    return [(f.relative_to(root).as_posix(), f.read_text(encoding="utf-8")) for f in files[:limit]]


def _self_train(ptc, out, *, unlabelled, unlabelled_max, threads, log, **kw) -> dict:
    import tempfile

    from slant.analyze.techniques.model import TechniqueModel

    t0 = time.time()
    texts = unlabelled_texts(unlabelled, unlabelled_max)  # fail early on a bad folder
    with tempfile.TemporaryDirectory(prefix="slant-teacher-") as tmp:
        log("round 1: the teacher, from the PTC labels alone")
        # the teacher keeps the validation articles out of its taggers: its soft labels must
        # not carry them into the second round, which tunes on them
        teacher_metrics = _train(ptc, tmp, threads=threads, log=log,
                                 **{**kw, "config": {**(kw.get("config") or {}), "refit_taggers": False}})
        teacher = TechniqueModel.load(tmp, encoder=kw.get("encoder"), threads=threads)
        feats, targets = pseudo_labels(teacher, texts, log)
    log(f"round 2: {len(feats)} unlabelled articles ({sum(len(v[1]) for v in feats.values()):,} "
        "wordpieces) with the teacher's soft labels, and the PTC labels")
    metrics = _train(ptc, out, threads=threads, log=log, extra=(feats, targets),
                     extra_texts={f"pseudo:{k}": t for k, t in texts},
                     self_training={"unlabelled": "/".join(Path(unlabelled).resolve().parts[-3:]),
                                    "articles": len(feats),
                                    "teacher_validation": teacher_metrics["validation"]}, **kw)
    metrics["total_wall_s"] = round(time.time() - t0)
    (Path(out) / "metrics.json").write_text(json.dumps(metrics, indent=1), encoding="utf-8")
    log(f"both rounds in {metrics['total_wall_s']} s")
    return metrics
