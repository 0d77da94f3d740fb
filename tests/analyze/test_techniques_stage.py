"""The techniques stage and ``slant eval techniques`` over the shipped model (slow: loads it once)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
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
    from slant.training.techniques.evaluate import ranked_labels

    spans = [span, (0, 7), span]
    probs = model.classify(text, spans)
    assert probs.shape == (3, len(TECHNIQUES)) and np.allclose(probs.sum(1), 1.0)
    labels = ranked_labels(spans, probs)
    assert labels[0] != labels[2]
    once = ranked_labels([span], model.classify(text, [span]))
    assert once[0] == labels[0]


@pytest.mark.slow
def test_the_model_returns_records_and_takes_no_evaluation_arguments(stage):
    import inspect

    from slant.models import TechniqueSpan

    model = stage.model
    spans = model.predict_article(ARTICLE, threshold=0.0)
    assert spans and all(isinstance(sp, TechniqueSpan) for sp in spans)
    assert all(ARTICLE[sp.start:sp.end] == sp.text for sp in spans)
    assert "gold_spans" not in inspect.signature(model.predict_article).parameters
    assert "classifier" not in inspect.signature(model.label_spans).parameters


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


def _body_spans(text: str, spans) -> list[tuple[str, str, float]]:
    """Spans as (technique, text with canonical spaces, score), title spans left out, so that
    two variants of one article compare equal when the model read the same body."""
    title_end = len(text.splitlines()[0]) if text.startswith("Radical") else -1
    return sorted((sp.technique, " ".join(sp.text.split()), sp.score)
                  for sp in spans if sp.start >= title_end)


@pytest.mark.slow
def test_same_text_gives_the_same_spans_whatever_the_whitespace_or_title(stage):
    model = stage.model
    base = model.predict_article(ARTICLE, threshold=0.0)
    assert len(base) >= 5
    body = ARTICLE.split("\n\n", 1)[1]
    variants = {
        "crlf": ARTICLE.replace("\n", "\r\n"),
        "trailing spaces": ARTICLE.replace("\n", "  \n"),
        "nbsp": ARTICLE.replace("total ruin", "total\u00a0ruin").replace(" the so-called", "\u00a0the so-called"),
        "no title": body,
        "blank lines": "\n\n" + body.replace("\n", "\n\n"),
        "indented": "".join("\t" + line + "\n" for line in body.splitlines()),
    }
    want = _body_spans(ARTICLE, base)
    for name, text in variants.items():
        got = model.predict_article(text, threshold=0.0)
        assert all(text[sp.start:sp.end] == sp.text for sp in got), name
        assert all(sp.text == sp.text.strip() for sp in got), name
        assert _body_spans(text, got) == want, name


@pytest.mark.slow
def test_a_txt_file_and_its_html_page_give_the_same_body_spans(stage):
    from slant.ingest.html import read_html
    from slant.ingest.text import read_text

    title, body = ARTICLE.split("\n\n", 1)
    paras = "".join(f"<p>{line}</p>\n" for line in body.splitlines())
    page = (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>\n{paras}"
            "</article></body></html>")
    txt, html = read_text(ARTICLE), read_html(page)
    assert txt.title == html.title == title and txt.text != html.text
    from_txt = stage.analyze_text(txt.text)
    from_html = stage.analyze_text(html.text)
    assert _body_spans(txt.text, from_txt) == _body_spans(html.text, from_html)


@pytest.mark.slow
def test_the_shipped_technique_offsets_are_applied(stage, tmp_path):
    """A model whose offsets favour one technique by far labels every found span with it."""
    import shutil

    from slant.analyze.techniques.model import TechniqueModel

    assert any(stage.model.technique_bias)  # model 1.5 ships offsets chosen on validation
    shutil.copytree(MODEL_DIR, tmp_path / "m")
    cfg = json.loads((tmp_path / "m" / "config.json").read_text(encoding="utf-8"))
    cfg["technique_bias"] = [50.0 if t == "Whataboutism,Straw_Men,Red_Herring" else 0.0 for t in TECHNIQUES]
    cfg["technique_spans"] = None
    (tmp_path / "m" / "config.json").write_text(json.dumps(cfg), encoding="utf-8")
    model = TechniqueModel.load(tmp_path / "m", threads=1)
    spans = model.predict_article(ARTICLE)
    assert spans and {sp.technique for sp in spans} == {"Whataboutism,Straw_Men,Red_Herring"}
