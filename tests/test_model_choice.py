"""Choosing the techniques model: default, accurate, a folder; clear errors otherwise."""

from __future__ import annotations

import json

import pytest

from slant.analyze.techniques import model as tm
from slant.analyze.techniques.stage import TechniquesStage
from slant.config import Settings
from slant.errors import ModelError


def test_default_names_the_shipped_model():
    assert tm.model_dir_for(None) == tm.MODEL_DIR
    assert tm.model_dir_for("default") == tm.MODEL_DIR


def test_a_model_folder_is_used_as_it_is(tmp_path):
    (tmp_path / "config.json").write_text("{}", encoding="utf-8")
    assert tm.model_dir_for(str(tmp_path)) == tmp_path


def test_an_unknown_name_is_a_clear_error(tmp_path):
    with pytest.raises(ModelError, match="not a techniques model.*default, accurate"):
        tm.model_dir_for("fastest")
    with pytest.raises(ModelError, match="not a techniques model"):
        tm.model_dir_for(str(tmp_path))  # a folder without config.json


def test_accurate_missing_from_the_install_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(tm, "ACCURATE_DIR", tmp_path / "model-accurate")
    with pytest.raises(ModelError, match="accurate techniques model is not in this install"):
        tm.model_dir_for("accurate")


def test_slant_model_reaches_the_stage(tmp_path):
    (tmp_path / "config.json").write_text(json.dumps({"name": "m", "version": "9"}), encoding="utf-8")
    settings = Settings.from_env({"SLANT_MODEL": str(tmp_path)})
    assert settings.techniques_model == str(tmp_path)
    assert TechniquesStage.from_settings(settings).model_dir == tmp_path
    assert TechniquesStage.from_settings(Settings.from_env({})).model_dir == tm.MODEL_DIR


def test_provenance_names_the_teacher_for_a_model_over_it(tmp_path):
    (tmp_path / "config.json").write_text(
        json.dumps({"name": "slant-techniques", "version": "9", "encoder_name": "teacher"}), encoding="utf-8")
    for name in tm.ARTIFACT_FILES[1:]:
        (tmp_path / name).write_bytes(b"")
    stage = TechniquesStage(model_dir=tmp_path)
    assert "encoder all-mpnet-base-v2" in stage.provenance().model
    assert "encoder all-MiniLM-L6-v2" in TechniquesStage().provenance().model


def test_load_takes_the_model_by_name(tmp_path):
    import slant

    (tmp_path / "config.json").write_text("{}", encoding="utf-8")
    pipe = slant.load(only=["techniques"], model=str(tmp_path))
    stage = next(s for s in pipe.stages if s.name == "techniques")
    assert stage.model_dir == tmp_path


def test_the_shipped_accurate_model_is_heads_over_the_pinned_teacher():
    from slant.resources import teacher_sha256

    d = tm.model_dir_for("accurate")
    assert d == tm.ACCURATE_DIR
    model = tm.TechniqueModel.load(d)  # the heads only: the teacher is read on first encode
    assert model.config["encoder_name"] == "teacher"
    assert model.config["encoder_sha256"] == teacher_sha256()
    assert tm.artifact_hash(d) != tm.artifact_hash(tm.MODEL_DIR)
