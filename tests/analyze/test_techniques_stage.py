"""The techniques stage and ``slant eval techniques`` over the shipped model (slow: loads it once)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from slant.analyze.techniques.model import MODEL_DIR, artifact_hash
from slant.analyze.techniques.stage import TechniquesStage
from slant.config import Settings
from slant.models import TECHNIQUES
from slant.pipeline import REGISTRY

# Our own sentences, written for these tests.
ARTICLE = (
    "Radical bureaucrats are destroying our great nation\n\n"
    "The reckless plan will bring total ruin to every family in the country.\n"
    "Only a fool would believe the so-called experts who cooked up this disgraceful scheme.\n"
    "Patriots know the truth: we must stand up now, or lose everything we love.\n"
    "The council met on Tuesday and approved the budget for the new library.\n"
    "Stand up now. Stand up now, before the corrupt elites take everything.\n"
)


@pytest.fixture(scope="session")
def stage() -> TechniquesStage:
    import torch

    torch.set_num_threads(1)
    return TechniquesStage(threads=1)


def test_contract_and_settings():
    st = TechniquesStage.from_settings(Settings(technique_threshold=0.7, threads=1))
    assert REGISTRY[st.name].stage_class() is TechniquesStage
    assert st.threshold == 0.7 and st.threads == 1
    assert st._model is None  # nothing loaded until the first article


@pytest.mark.parametrize("text", ["", "   \n\t "])
def test_empty_text_gives_no_spans_without_loading(text):
    st = TechniquesStage()
    assert st.analyze_text(text) == []
    assert st._model is None


def test_provenance_carries_the_artifact_hash():
    prov = TechniquesStage().provenance()
    assert prov.name == "techniques"
    assert prov.model_hash == artifact_hash(MODEL_DIR)
    assert len(prov.model_hash) == 64
    assert "slant-techniques" in (prov.model or "")


@pytest.mark.slow
def test_spans_are_valid_and_snapped(stage):
    spans = stage.analyze_text(ARTICLE)
    assert spans, "the model found nothing in an article written to be loaded"
    for s in spans:
        assert ARTICLE[s.start:s.end] == s.text
        assert s.technique in TECHNIQUES
        assert 0.0 <= s.score <= 1.0
        assert s.start == 0 or not (ARTICLE[s.start - 1].isalnum() and ARTICLE[s.start].isalnum())
        assert s.end == len(ARTICLE) or not (ARTICLE[s.end - 1].isalnum() and ARTICLE[s.end].isalnum())
        assert s.score >= stage.model.threshold


@pytest.mark.slow
def test_threshold_filters(stage):
    low = stage.model.analyze(ARTICLE, threshold=0.0)
    high = stage.model.analyze(ARTICLE, threshold=1.0)
    assert len(high) <= len(low)
    assert all(s.score >= 1.0 for s in high)


@pytest.mark.slow
def test_long_text_runs_in_blocks(stage):
    from slant.analyze.techniques.encoder import BLOCK_CHARS

    long = ARTICLE * (3 * BLOCK_CHARS // len(ARTICLE) + 1)
    spans = stage.analyze_text(long)
    assert len(long) > 3 * BLOCK_CHARS
    assert all(long[s.start:s.end] == s.text for s in spans)
    # the same sentence far into the text is found as it is near the start
    assert max(s.start for s in spans) > 2 * BLOCK_CHARS


@pytest.mark.slow
def test_stage_in_the_pipeline(stage):
    from slant.models import Article, check_spans
    from slant.pipeline import build_pipeline

    pipe = build_pipeline(Settings(threads=1), only=["techniques"], stages={"techniques": stage})
    analysis = pipe.analyze(Article(text=ARTICLE))
    assert analysis.techniques
    assert check_spans(analysis) == []
    assert any(p.name == "techniques" and p.model_hash for p in analysis.provenance.stages)


def _tiny_ptc(root: Path) -> Path:
    (root / "articles").mkdir(parents=True)
    (root / "articles" / "article1.txt").write_text(ARTICLE, encoding="utf-8")
    s = ARTICLE.index("total ruin")
    f = ARTICLE.index("so-called experts")
    (root / "labels-TC.tsv").write_text(
        f"1\tExaggeration,Minimisation\t{s}\t{s + 10}\n1\tName_Calling,Labeling\t{f}\t{f + 17}\n"
        f"1\tLoaded_Language\t{f}\t{f + 17}\n", encoding="utf-8")
    return root


def test_eval_scores_a_predictions_file(tmp_path: Path):
    from typer.testing import CliRunner

    from slant.cli import app

    ptc = _tiny_ptc(tmp_path / "ptc")
    labels = (ptc / "labels-TC.tsv").read_text(encoding="utf-8")
    pred = tmp_path / "full.tsv"
    pred.write_text(labels, encoding="utf-8")  # the gold itself: perfect on every task
    res = CliRunner().invoke(app, ["eval", "techniques", "--ptc", str(ptc), "--pred", str(pred), "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["si"]["f1"] == 1.0
    assert out["tc"]["micro"]["f1"] == 1.0
    assert out["full"]["micro"]["f1"] == 1.0


@pytest.mark.slow
def test_eval_runs_the_model_and_writes_predictions(tmp_path: Path, stage):
    from typer.testing import CliRunner

    from slant.cli import app

    ptc = _tiny_ptc(tmp_path / "ptc")
    out = tmp_path / "pred"
    res = CliRunner().invoke(app, ["eval", "techniques", "--ptc", str(ptc), "--threads", "1",
                                   "--write-predictions", str(out)])
    assert res.exit_code == 0, res.output
    assert "SI" in res.output and "micro-F1" in res.output and "Full task" in res.output
    tc = (out / "tc.tsv").read_text(encoding="utf-8").splitlines()
    assert len(tc) == 3 and all(line.split("\t")[1] in TECHNIQUES for line in tc)
    assert (out / "si.tsv").exists() and (out / "full.tsv").exists()


@pytest.mark.parametrize("text,expect", [
    ("", "too short"),
    (("Le conseil municipal a voté mardi le budget de la nouvelle bibliothèque du quartier, "
      "après un long débat sur les horaires d'ouverture et le prix des abonnements."), "language fr"),
])
def test_unsupported_text_gives_no_spans_and_a_problem(text, expect):
    from slant.models import Article
    from slant.pipeline import build_pipeline

    pipe = build_pipeline(Settings(threads=1), only=["techniques"])
    analysis = pipe.analyze(Article(text=text))
    assert analysis.techniques == []
    assert any(expect in p.message for p in analysis.problems)


def test_technique_blend_weight_zero_is_the_classifier():
    import numpy as np

    from slant.analyze.techniques.model import technique_scores

    p = np.full((2, len(TECHNIQUES)), 0.01)
    p[0, 3] = p[1, 5] = 0.87
    logits = [np.zeros((3, 15)), np.zeros((1, 15))]
    assert technique_scores(p, logits, 0.0).argmax(1).tolist() == [3, 5]
    logits[0][:, 1 + 7] = 9.0  # the taggers are sure of technique 7 for the first span
    assert technique_scores(p, logits, 0.9).argmax(1).tolist()[0] == 7


def test_a_model_with_an_unknown_quantization_is_refused_by_name(tmp_path: Path):
    import shutil

    from slant.analyze.techniques.model import TechniqueModel
    from slant.errors import ModelError

    for name in ("config.json", "weights.safetensors", "ngrams.json"):
        shutil.copy(MODEL_DIR / name, tmp_path / name)
    cfg = json.loads((tmp_path / "config.json").read_text(encoding="utf-8"))
    cfg["encoder_quantized"] = "int4-magic"
    (tmp_path / "config.json").write_text(json.dumps(cfg), encoding="utf-8")
    with pytest.raises(ModelError, match="unknown encoder quantization 'int4-magic'"):
        TechniqueModel.load(tmp_path)


@pytest.mark.slow
def test_a_span_given_twice_gets_two_different_techniques(stage):
    """In PTC one span may carry two gold techniques: its second line gets the runner-up."""
    model = stage.model
    text = ARTICLE
    s = text.index("Stand up now")
    span = (s, s + len("Stand up now"))
    _, labels = model.predict_article(text, [span, (0, 7), span])
    assert labels[0] != labels[2]
    _, once = model.predict_article(text, [span])
    assert once[0] == labels[0]


def test_an_older_model_reads_the_prefix_of_the_hand_features():
    """Hand features are only appended: a classifier fitted on fewer columns scores the same
    when given the longer vector."""
    import numpy as np

    from slant.analyze.techniques.features import NgramVectorizer
    from slant.analyze.techniques.model import Classifier

    k = len(TECHNIQUES)
    rng = np.random.default_rng(1)
    vec = NgramVectorizer.fit(["a radical plan", "the radical truth"])
    clf = Classifier(np.zeros(5, np.float32), np.ones(5, np.float32), rng.normal(size=(k, 5)).astype(np.float32),
                     np.zeros(k, np.float32), np.zeros((k, vec.size), np.float32), np.zeros(k, np.float32),
                     0.5, vec)
    emb = rng.normal(size=(2, 5)).astype(np.float32)
    longer = np.concatenate([emb, rng.normal(size=(2, 3)).astype(np.float32)], 1)
    assert np.allclose(clf.proba(emb, ["x", "y"]), clf.proba(longer, ["x", "y"]))
