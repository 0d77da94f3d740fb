"""The training code path end to end on a tiny made-up corpus (seconds; not the real model)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from slant.models import TECHNIQUES

SENTENCES = [
    ("The shameful traitors in the capital have betrayed every honest worker.", "Name_Calling,Labeling", "shameful traitors"),
    ("This catastrophic plan will destroy the town forever.", "Loaded_Language", "catastrophic"),
    ("Is the minister really telling the whole truth about the money?", "Doubt", "really telling the whole truth"),
    ("Make the valley proud again, make the valley proud again!", "Slogans", "Make the valley proud again"),
    ("Experts at the university say the bridge must be rebuilt.", "Appeal_to_Authority", "Experts at the university say"),
]
PLAIN = "The library opens at nine on weekdays and at ten on Saturdays."


def _corpus(root: Path, n: int = 6) -> Path:
    (root / "articles").mkdir(parents=True)
    labels = []
    for i in range(n):
        lines = [f"Local news item {i}", ""]
        for sent, _, _ in SENTENCES[i % 2:] + SENTENCES[:i % 2]:
            lines.append(sent)
            lines.append(PLAIN)
        text = "\n".join(lines) + "\n"
        for sent, tech, phrase in SENTENCES:
            s = text.index(phrase)
            labels.append(f"{100 + i}\t{tech}\t{s}\t{s + len(phrase)}")
        (root / "articles" / f"article{100 + i}.txt").write_text(text, encoding="utf-8")
    (root / "labels-TC.tsv").write_text("\n".join(labels) + "\n", encoding="utf-8")
    return root


TINY = {"taggers": 1, "epochs": 1, "c_emb": 1.0, "refit_taggers": True}  # seconds, not a real model


def _tiny_training(tmp_path: Path) -> tuple[Path, Path]:
    """The made-up corpus and a dev split holding out article 105, on one torch thread."""
    import torch

    torch.set_num_threads(1)
    ptc = _corpus(tmp_path / "ptc")
    dev = tmp_path / "dev.txt"
    dev.write_text("105\n", encoding="utf-8")
    return ptc, dev


def _local_encoder(path: Path, model) -> Path:
    """``model`` (a tiny random transformer) saved at ``path`` with the pinned encoder's
    tokenizer: a local encoder folder for ``--encoder PATH``."""
    import shutil

    from slant.resources import resolve_encoder

    model.save_pretrained(path)
    for f in Path(resolve_encoder(None)).iterdir():
        if f.name.startswith(("tokenizer", "vocab", "special_tokens")):
            shutil.copy(f, path / f.name)
    return path


@pytest.mark.slow
def test_train_writes_a_model_the_stage_loads(tmp_path: Path):
    from slant.analyze.techniques.model import TechniqueModel, artifact_hash
    from slant.training.techniques.evaluate import ranked_labels
    from slant.training.techniques.train import train

    ptc, dev = _tiny_training(tmp_path)
    out = tmp_path / "model"
    logs: list[str] = []
    metrics = train(ptc, out=out, threads=1, dev_ids=dev, log=logs.append, config=TINY)
    for name in ("config.json", "weights.safetensors", "ngrams.json", "metrics.json"):
        assert (out / name).exists(), name
    assert metrics["train_wall_s"] >= 0
    cfg = json.loads((out / "config.json").read_text(encoding="utf-8"))
    assert cfg["train"]["fit_articles"] + cfg["train"]["val_articles"] == 5  # the dev id is held out
    # tuned on validation, then the taggers fitted again on all five training articles
    assert any(m.startswith("one-technique spans at token threshold") for m in logs)
    assert "technique_spans" in cfg
    assert logs.index("refitting the taggers on all 5 training articles") > max(
        i for i, m in enumerate(logs) if m.startswith("one-technique spans"))
    model = TechniqueModel.load(out, threads=1)
    assert model.hash == artifact_hash(out)
    text = (ptc / "articles" / "article105.txt").read_text(encoding="utf-8")
    spans = model.predict_article(text, threshold=0.0)
    labels = ranked_labels([(0, 5)], model.classify(text, [(0, 5)]))
    assert labels[0] in TECHNIQUES
    assert all(text[s.start:s.end] == s.text for s in spans)


@pytest.mark.slow
def test_quantization_modes_and_their_error():
    """Per-channel int8 with the first feed-forward output in float32 is closer to float32
    than per-matrix int8 (the 1.0 models' mode); an unknown mode is refused by name."""
    import numpy as np
    import torch

    from slant.analyze.techniques.encoder import Encoder, quantize_model
    from slant.resources import resolve_encoder

    torch.set_num_threads(1)
    text = " ".join(s for s, _, _ in SENTENCES) * 3
    ref = Encoder(resolve_encoder(None), quantize=False)
    _, base = ref.encode_block(text)
    err = {}
    for mode in ("int8-dynamic", "int8-dynamic-pc"):
        enc = Encoder(resolve_encoder(None), quantize=mode)
        assert enc.quantization == mode
        _, states = enc.encode_block(text)
        err[mode] = float(np.abs(states - base).mean() / np.abs(base).mean())
    assert err["int8-dynamic-pc"] < err["int8-dynamic"]
    assert Encoder(resolve_encoder(None)).quantization == "int8-dynamic-pc"
    with pytest.raises(ValueError, match="unknown quantization 'int4'"):
        quantize_model(ref.model, "int4")


@pytest.mark.slow
def test_self_training_uses_the_unlabelled_articles(tmp_path: Path):
    from slant.analyze.techniques.model import TechniqueModel
    from slant.training.techniques.train import train

    ptc, dev = _tiny_training(tmp_path)
    news = tmp_path / "news" / "nested"
    news.mkdir(parents=True)
    for i in range(3):
        (news / f"n{i}.txt").write_text(f"{SENTENCES[i][0]} {PLAIN}\n", encoding="utf-8")
    (news / "notes.md").write_text("not an article", encoding="utf-8")
    out = tmp_path / "model"
    logs: list[str] = []
    metrics = train(ptc, out=out, threads=1, dev_ids=dev, log=logs.append,
                    config=TINY, unlabelled=tmp_path / "news", unlabelled_max=2)
    assert metrics["self_training"]["articles"] == 2  # the draw is capped, .md files ignored
    assert metrics["total_wall_s"] >= metrics["train_wall_s"]
    assert any(m.startswith("round 2: 2 unlabelled articles") for m in logs)
    # only the second round's taggers are fitted again on the validation articles: the
    # teacher's soft labels must not carry them into the round that tunes on them
    refits = [i for i, m in enumerate(logs) if m.startswith("refitting the taggers")]
    assert len(refits) == 1 and refits[0] > logs.index(next(m for m in logs if m.startswith("round 2")))
    cfg = json.loads((out / "config.json").read_text(encoding="utf-8"))
    assert cfg["train"]["self_training"]["articles"] == 2
    assert json.loads((out / "metrics.json").read_text(encoding="utf-8"))["total_wall_s"] >= 0
    TechniqueModel.load(out, threads=1)


def test_self_training_refuses_a_folder_without_articles(tmp_path: Path):
    from slant.errors import InputError
    from slant.training.techniques.train import train

    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no .txt articles found"):
        train(tmp_path / "ptc", out=tmp_path / "m", unlabelled=tmp_path / "empty")


def test_class_weights_interpolate_between_none_and_balanced():
    import numpy as np

    from slant.training.techniques.classifier import class_weights

    y = np.array([0] * 8 + [1] * 2)
    assert class_weights(y, 0.0) == {0: 1.0, 1: 1.0}
    balanced = class_weights(y, 1.0)
    assert balanced == pytest.approx({0: 10 / 16, 1: 10 / 4})  # sklearn's "balanced"
    half = class_weights(y, 0.5)
    assert half[0] == pytest.approx(balanced[0] ** 0.5) and half[1] == pytest.approx(balanced[1] ** 0.5)


def test_hand_features_weigh_more_with_hand_scale():
    """hand_scale divides the hand features' standardising scale: the same data, a stronger
    weight on them after the penalty, and the scale is stored so prediction matches."""
    import numpy as np

    from slant.analyze.techniques.features import N_HAND
    from slant.training.techniques.classifier import fit_classifier
    from slant.training.techniques.train import CONFIG

    rng = np.random.default_rng(0)
    n = 60
    y = np.arange(n) % 2
    X = rng.normal(size=(n, 10 + N_HAND)).astype(np.float32)
    X[:, -1] += y * 0.8  # the last hand feature carries the class
    texts = ["word"] * n
    plain = fit_classifier(X, texts, y, {**CONFIG, "hand_scale": 1.0, "c_emb": 0.01})
    scaled = fit_classifier(X, texts, y, {**CONFIG, "hand_scale": 3.0, "c_emb": 0.01})
    assert scaled.scale[-1] == pytest.approx(plain.scale[-1] / 3)
    assert scaled.scale[0] == pytest.approx(plain.scale[0])
    assert scaled.w_emb[1, -1] > plain.w_emb[1, -1] > 0
    assert plain.proba(X[:4], texts[:4]).argmax(1).tolist() != [0, 0, 0, 0]  # two classes: both rows kept


def test_sample_weight_reaches_both_regressions():
    """Rows weighted 0 stop counting: labels flipped on those rows change nothing they carry,
    while the same flipped rows at weight 1 pull both regressions towards the flipped class."""
    import numpy as np

    from slant.analyze.techniques.features import N_HAND
    from slant.training.techniques.classifier import fit_classifier
    from slant.training.techniques.train import CONFIG

    rng = np.random.default_rng(1)
    n = 80
    y = np.arange(n) % 2
    X = rng.normal(size=(n, 10 + N_HAND)).astype(np.float32)
    X[:, 0] += y * 1.5
    texts = ["alpha beta" if k else "gamma delta" for k in y]
    noisy = y.copy()
    noisy[:20] = 1 - noisy[:20]
    cfg = {**CONFIG, "c_emb": 1.0}
    clean = fit_classifier(X[20:], texts[20:], y[20:], cfg)
    w = np.r_[np.zeros(20), np.ones(n - 20)]
    ignored = fit_classifier(X, texts, noisy, cfg, sample_weight=w)
    counted = fit_classifier(X, texts, noisy, cfg)
    p_clean, p_ignored, p_counted = (c.proba(X[20:], texts[20:])[np.arange(n - 20), y[20:]]
                                     for c in (clean, ignored, counted))
    assert p_ignored.mean() == pytest.approx(p_clean.mean(), abs=0.05)
    assert p_counted.mean() < p_ignored.mean() - 0.02


@pytest.mark.slow
def test_train_on_another_local_encoder(tmp_path: Path):
    """``--encoder PATH``: a model of another width (a tiny random BERT with the pinned
    tokenizer) trains, records its path and hash, and the model loads and predicts with it."""

    from transformers import BertConfig, BertModel

    from slant.analyze.techniques.model import TechniqueModel
    from slant.resources import file_sha256
    from slant.training.techniques.evaluate import ranked_labels
    from slant.training.techniques.train import train

    enc = _local_encoder(tmp_path / "tiny-bert", BertModel(BertConfig(
        vocab_size=30522, hidden_size=48, num_hidden_layers=6, num_attention_heads=4, intermediate_size=96)))
    ptc, dev = _tiny_training(tmp_path)
    out = tmp_path / "model"
    train(ptc, out=out, encoder=str(enc), threads=1, dev_ids=dev, log=lambda m: None,
          config={**TINY, "refit_taggers": False})
    cfg = json.loads((out / "config.json").read_text(encoding="utf-8"))
    assert cfg["encoder_name"] == str(enc)
    assert cfg["encoder_sha256"] == file_sha256(enc / "model.safetensors")
    assert cfg["tagger"]["dim_in"] == 48 * 3  # layers 2, 4 and 6 of the 48-wide encoder
    model = TechniqueModel.load(out, threads=1)
    text = (ptc / "articles" / "article105.txt").read_text(encoding="utf-8")
    spans = model.predict_article(text, threshold=0.0)
    labels = ranked_labels([(0, 5)], model.classify(text, [(0, 5)]))
    assert model.encoder.hidden == 48 and labels[0] in TECHNIQUES
    assert all(text[s.start:s.end] == s.text for s in spans)


def test_transfer_probs_moves_labels_across_tokenizations_by_characters():
    import numpy as np

    from slant.training.techniques.unlabelled import transfer_probs

    # "total ruin now": the source splits it 3 ways, the destination 2 ways
    src_off = np.array([[0, 5], [6, 10], [11, 14]])
    src_p = np.array([[1.0, 0.0], [0.5, 1.0], [0.0, 0.0]])
    dst_off = np.array([[0, 10], [11, 14], [14, 14]])
    out = transfer_probs(src_off, src_p, dst_off, 14)
    # the first destination piece covers 5 + 4 characters: a character-weighted mean
    assert out[0] == pytest.approx([(5 * 1.0 + 4 * 0.5) / 9, 4 / 9])
    assert out[1] == pytest.approx([0.0, 0.0])
    assert out[2] == pytest.approx(src_p[2])  # no character: the nearest source piece's


@pytest.mark.slow
def test_distillation_from_a_model_over_a_deeper_encoder(tmp_path: Path):
    """``--distil-from DIR``: a model over another (deeper: layers 3, 6 and 9 by default)
    encoder labels the unlabelled articles, the student over the pinned encoder learns from
    them, and both encoders' states are cached apart."""

    from transformers import BertConfig, BertModel

    from slant.analyze.techniques.model import TechniqueModel
    from slant.training.techniques.train import train

    enc = _local_encoder(tmp_path / "deep-bert", BertModel(BertConfig(
        vocab_size=30522, hidden_size=32, num_hidden_layers=9, num_attention_heads=4, intermediate_size=64)))
    ptc, dev = _tiny_training(tmp_path)
    teacher = tmp_path / "teacher"
    train(ptc, out=teacher, encoder=str(enc), threads=1, dev_ids=dev, log=lambda m: None,
          config={**TINY, "refit_taggers": False})
    assert json.loads((teacher / "config.json").read_text(encoding="utf-8"))["layers"] == [3, 6, 9]
    news = tmp_path / "news"
    news.mkdir()
    for i in range(3):
        (news / f"n{i}.txt").write_text(f"{SENTENCES[i][0]} {PLAIN}\n", encoding="utf-8")
    out, cache, logs = tmp_path / "student", tmp_path / "cache", []
    metrics = train(ptc, out=out, threads=1, dev_ids=dev, log=logs.append, config=TINY,
                    unlabelled=news, unlabelled_max=3, distil_from=teacher, cache_dir=cache)
    assert metrics["self_training"]["articles"] == 3
    assert metrics["self_training"]["distilled_from"] == str(teacher)
    assert any(m.startswith("the teacher slant-techniques") for m in logs)
    tags = sorted(p.name for p in cache.iterdir())
    assert len(tags) == 2 and any(t.endswith("L3.6.9") for t in tags) and any(t.endswith("L2.4.6") for t in tags)
    assert len(list(cache.glob("*L3.6.9/unlabelled/*.h.npy"))) == 3
    assert len(list(cache.glob("*L2.4.6/ptc/*.h.npy"))) == 5  # the dev article is never encoded
    cfg = json.loads((out / "config.json").read_text(encoding="utf-8"))
    assert cfg["layers"] == [2, 4, 6] and cfg["tagger"]["dim_in"] == 384 * 3
    TechniqueModel.load(out, threads=1)
    with pytest.raises(Exception, match="needs unlabelled"):
        train(ptc, out=tmp_path / "x", threads=1, dev_ids=dev, distil_from=teacher, config=TINY)


def test_technique_offsets_let_a_rare_technique_win_where_it_is_gold():
    import numpy as np

    from slant.training.techniques.offsets import tune_technique_bias

    k_load, k_slog = TECHNIQUES.index("Loaded_Language"), TECHNIQUES.index("Slogans")
    keys = [("1", 10 * i, 10 * i + 8) for i in range(6)]
    scores = np.full((6, len(TECHNIQUES)), -5.0)
    scores[:, k_load] = 0.0
    scores[4:, k_slog] = -0.6  # the model leans to Slogans on the last two spans, not enough
    gold = [("1", "Loaded_Language", s, e) for _, s, e in keys[:4]] + \
           [("1", "Slogans", s, e) for _, s, e in keys[4:]]
    bias, full, pred = tune_technique_bias(scores, keys, gold, log=lambda m: None)
    assert bias[k_slog] > 0.6 and full.per_technique["Slogans"].f1 == 1.0
    assert [t for _, t, _, _ in pred] == ["Loaded_Language"] * 4 + ["Slogans"] * 2
    assert full.micro.f1 == 1.0
    # nothing to gain: no offset at all
    bias0, _, _ = tune_technique_bias(scores, keys[:4], gold[:4], log=lambda m: None)
    assert not bias0.any()


@pytest.fixture
def train_cli(tmp_path: Path, monkeypatch):
    """``slant train techniques`` with the training replaced by a recorder: ``(run, seen)``,
    where ``run(*options)`` invokes the command and ``seen`` holds the keywords it passed."""
    from typer.testing import CliRunner

    import slant.training.techniques.train as train_mod
    from slant.cli import app

    seen: dict = {}

    def fake_train(ptc, out, **kw):
        seen.update(kw)
        return {"validation": {}}

    monkeypatch.setattr(train_mod, "train", fake_train)
    args = ["train", "techniques", "--ptc", str(tmp_path), "--out", str(tmp_path / "m")]
    return (lambda *opts: CliRunner().invoke(app, args + list(opts))), seen


def test_cli_passes_the_taggers_count(train_cli):
    run, seen = train_cli
    assert run("--taggers", "1").exit_code == 0
    assert seen["config"] == {"taggers": 1}
    assert run().exit_code == 0
    assert seen["config"] is None


def test_window_plan_keeps_every_wordpiece_once():
    from slant.analyze.techniques.encoder import OVERLAP, WINDOW, window_plan

    for n in (0, 1, 5, WINDOW - 2, WINDOW - 1, 3 * WINDOW + 7, 1000):
        kept = [i for s, e, lo, hi in window_plan(n) for i in range(s + lo, s + hi)]
        assert kept == list(range(n)), n
        for s, e, _, _ in window_plan(n):
            assert 0 <= s <= e <= n and e - s <= WINDOW - 2
    # windows overlap by OVERLAP, and each keeps up to the middle of its overlaps
    (s0, e0, lo0, hi0), (s1, _, lo1, _) = window_plan(1000)[:2]
    assert e0 - s1 == OVERLAP and lo0 == 0 and s0 + hi0 == s1 + lo1


@pytest.mark.slow
def test_tune_encoder_ships_the_tuned_layers_with_the_model(tmp_path: Path):
    """``--tune-encoder 2``: the encoder's top two layers are fine-tuned, written beside the
    heads (float16, under the base model's names), counted in the model's hash, loaded over
    the base encoder (so its states differ from the frozen encoder's), and cached apart."""
    import numpy as np
    from safetensors.numpy import load_file, save_file

    from slant.analyze.techniques.encoder import TUNED_FILE, Encoder
    from slant.analyze.techniques.model import TechniqueModel, artifact_hash
    from slant.errors import ModelError
    from slant.resources import file_sha256, resolve_encoder
    from slant.training.techniques.train import train

    ptc, dev = _tiny_training(tmp_path)
    out, cache, logs = tmp_path / "model", tmp_path / "cache", []
    train(ptc, out=out, threads=1, dev_ids=dev, log=logs.append, cache_dir=cache,
          config={**TINY, "refit_taggers": False, "tune_encoder": 2, "tune": {"epochs": 1}})
    cfg = json.loads((out / "config.json").read_text(encoding="utf-8"))
    tuned = cfg["encoder_tuned"]
    assert tuned["file"] == TUNED_FILE and tuned["top_layers"] == 2 and tuned["device"] == "cpu"
    assert tuned["sha256"] == file_sha256(out / TUNED_FILE)
    weights = load_file(str(out / TUNED_FILE))
    assert {k.split(".")[2] for k in weights} == {"4", "5"}  # layers 5 and 6 of six
    assert all(v.dtype == np.float16 for v in weights.values())
    assert any(m.startswith("tuning the top 2 of 6 encoder layers on cpu") for m in logs)
    (tag,) = [p.name for p in cache.iterdir()]
    assert tag.endswith("-T" + tuned["sha256"][:12])

    model = TechniqueModel.load(out, threads=1)
    text = (ptc / "articles" / "article105.txt").read_text(encoding="utf-8")
    assert model.encoder.tuned == str(out / TUNED_FILE)
    frozen = Encoder(resolve_encoder(None), threads=1)
    (b_tuned,), (b_frozen,) = list(model.encoder.blocks(text)), list(frozen.blocks(text))
    dim = frozen.hidden
    assert np.allclose(b_tuned.states[:, :2 * dim], b_frozen.states[:, :2 * dim])  # layers 2 and 4
    assert not np.allclose(b_tuned.states[:, 2 * dim:], b_frozen.states[:, 2 * dim:])  # layer 6
    model.predict_article(text, threshold=0.0)

    before = artifact_hash(out)
    save_file({k: (v + 1).astype(np.float16) for k, v in weights.items()}, str(out / TUNED_FILE))
    assert artifact_hash(out) != before
    with pytest.raises(ModelError, match="sha256 differs"):
        _ = TechniqueModel.load(out, threads=1).encoder
    (out / TUNED_FILE).unlink()
    with pytest.raises(ModelError, match="needs its fine-tuned encoder layers"):
        _ = TechniqueModel.load(out, threads=1).encoder


def test_tuned_layers_of_another_encoder_are_refused(tmp_path: Path):
    import numpy as np
    from safetensors.numpy import save_file
    from transformers import BertConfig, BertModel

    from slant.analyze.techniques.encoder import load_tuned
    from slant.errors import ModelError

    model = BertModel(BertConfig(vocab_size=50, hidden_size=8, num_hidden_layers=2, num_attention_heads=2,
                                 intermediate_size=16))
    ok = tmp_path / "ok.safetensors"
    save_file({"encoder.layer.1.output.dense.bias": np.ones(8, np.float16)}, str(ok))
    load_tuned(model, ok)
    assert float(model.encoder.layer[1].output.dense.bias.detach().sum()) == 8.0
    for name, arr in (("encoder.layer.7.output.dense.bias", np.ones(8, np.float16)),
                      ("encoder.layer.1.output.dense.bias", np.ones(9, np.float16))):
        bad = tmp_path / "bad.safetensors"
        save_file({name: arr}, str(bad))
        with pytest.raises(ModelError, match="do not fit this encoder"):
            load_tuned(model, bad)
    (tmp_path / "junk.safetensors").write_bytes(b"not a safetensors file")
    with pytest.raises(ModelError, match="cannot read"):
        load_tuned(model, tmp_path / "junk.safetensors")


def test_cli_passes_tune_encoder_and_checks_the_device(train_cli, monkeypatch):
    import torch

    run, seen = train_cli
    assert run("--tune-encoder", "2").exit_code == 0
    assert seen["config"] == {"tune_encoder": 2, "device": "cpu"}
    res = run("--tune-encoder", "2", "--device", "tpu")
    assert res.exit_code == 2 and "one of cpu, cuda" in res.output
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    res = run("--tune-encoder", "2", "--device", "cuda")
    assert res.exit_code == 2 and "no CUDA device" in res.output


def test_tune_every_layer_of_an_mpnet_encoder(tmp_path: Path):
    """The teacher's architecture (MPNet, relative position bias in its encoder) tuned end to
    end (every layer; the GPU recipe, here on the CPU), then loaded over the base: a 4-layer
    encoder gives layers 1, 2 and 4."""

    import numpy as np
    from transformers import AutoTokenizer, MPNetConfig, MPNetModel

    from slant.analyze.techniques.encoder import TUNED_FILE, Encoder
    from slant.training.techniques.finetune import text_offsets, tune_encoder

    enc = _local_encoder(tmp_path / "tiny-mpnet", MPNetModel(MPNetConfig(
        vocab_size=30522, hidden_size=32, num_hidden_layers=4, num_attention_heads=4, intermediate_size=64)))
    tok = AutoTokenizer.from_pretrained(enc)
    texts = [" ".join(s for s, _, _ in SENTENCES) * 12, PLAIN * 5]
    rng = np.random.default_rng(0)
    pairs = [(t, rng.random((len(text_offsets(tok, t)), 1 + len(TECHNIQUES))).astype(np.float32), [])
             for t in texts]
    info = tune_encoder(str(enc), pairs, pairs[1:], tmp_path / "out", top_layers=4, config={"epochs": 1},
                        log=lambda m: None)
    assert info["top_layers"] == 4 and info["windows"] >= 3
    with pytest.raises(ValueError, match="1 to 4 layers"):
        tune_encoder(str(enc), pairs, pairs, tmp_path / "x", top_layers=5, log=lambda m: None)
    e = Encoder(str(enc), tuned=tmp_path / "out" / TUNED_FILE, threads=1)
    block = next(e.blocks(texts[0]))
    assert e.layers == (1, 2, 4) and block.states.shape == (len(pairs[0][1]), 32 * 3)


def test_tuning_can_also_learn_each_gold_spans_technique(tmp_path: Path):
    """With ``tc_weight`` the tuned layers also learn the technique of each gold span from
    its mean state; the spans reach the windows that hold them whole, and the tuned layers
    come out different from tuning on the taggers' targets alone."""
    import numpy as np
    import torch
    from safetensors.numpy import load_file
    from transformers import AutoTokenizer, BertConfig, BertModel

    from slant.analyze.techniques.encoder import TUNED_FILE
    from slant.training.techniques.data import Label, PTCArticle
    from slant.training.techniques.finetune import _Bottom, gold_spans, text_offsets, tune_encoder
    from slant.training.techniques.taggers import token_targets

    torch.manual_seed(0)
    model = BertModel(BertConfig(hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
                                 intermediate_size=64))
    enc = _local_encoder(tmp_path / "tiny-bert", model)
    tok = AutoTokenizer.from_pretrained(enc)
    text = " ".join(s for s, _, _ in SENTENCES) * 30
    labels = []
    for k in range(0, len(text) - 400, 400):   # every phrase after each 400th character
        for _, tech, phrase in SENTENCES:
            start = text.index(phrase, k)
            labels.append(Label(technique=tech, start=start, end=start + len(phrase)))
    art = PTCArticle(id="a1", text=text, labels=labels)
    off = text_offsets(tok, text)
    spans = gold_spans(art, off)
    assert len(spans) == len(labels)
    assert [TECHNIQUES[k] for *_, k in spans] == [lab.technique for lab in labels]
    wins = list(_Bottom(model, tok, 1, "cpu").windows(text, token_targets(art, off), spans))
    assert len(wins) >= 2 and {k for w in wins for *_, k in w.spans} == {k for *_, k in spans}
    assert all(0 <= a < b <= len(w.targets) for w in wins for a, b, _ in w.spans)
    data = [(text, token_targets(art, off), spans)]
    plain = tune_encoder(str(enc), data, data, tmp_path / "plain", top_layers=1, seed=3,
                         config={"epochs": 1}, log=lambda m: None)
    tc = tune_encoder(str(enc), data, data, tmp_path / "tc", top_layers=1, seed=3,
                      config={"epochs": 1, "tc_weight": 1.0}, log=lambda m: None)
    assert plain["tc_weight"] == 0.0 and tc["tc_weight"] == 1.0
    assert tc["val_loss"] > plain["val_loss"]  # the technique loss is added
    w_plain, w_tc = load_file(str(tmp_path / "plain" / TUNED_FILE)), load_file(str(tmp_path / "tc" / TUNED_FILE))
    assert any(not np.array_equal(w_plain[k], w_tc[k]) for k in w_plain)
