"""Encoder states of training articles: every wordpiece's offsets and states, computed once
per article and optionally cached on disk (per encoder, :func:`cache_tag`)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from slant.training.techniques.data import PTCArticle

# article id -> (wordpiece offsets (n, 2), states (n, dim)): what the taggers are fitted on
Feats = dict[str, tuple[np.ndarray, np.ndarray]]


def encode_text(encoder: Any, text: str) -> tuple[np.ndarray, np.ndarray]:
    """Offsets and float32 states of every wordpiece of ``text``, block after block."""
    offs, sts = [], []
    for b in encoder.blocks(text):
        offs.append(b.offsets)
        sts.append(b.states)
    if not offs:
        return np.zeros((0, 2), np.int64), np.zeros((0, encoder.dim), np.float32)
    return np.concatenate(offs), np.concatenate(sts)


def encode_articles(articles: list[PTCArticle], encoder: Any, log: Callable[[str], None],
                    cache_dir: Path | None = None) -> Feats:
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


def cache_tag(encoder: Any) -> str:
    """The folder name of an encoder's states in a cache: its weights' sha256, quantization
    and layers (and the sha256 of its fine-tuned layers, if any), so that states of two
    encoders (or settings) never mix."""
    from slant.resources import encoder_hash, file_sha256

    if getattr(encoder, "_cache_tag", None) is None:
        sha = encoder_hash(encoder.name) or "".join(c if c.isalnum() else "-" for c in encoder.name)
        tag = f"{sha[:16]}-{encoder.quantization}-L{'.'.join(map(str, encoder.layers))}"
        tuned = getattr(encoder, "tuned", None)
        encoder._cache_tag = f"{tag}-T{file_sha256(tuned)[:12]}" if tuned else tag
    return str(encoder._cache_tag)
