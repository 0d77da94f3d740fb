"""The shipped techniques model: text in, technique spans out.

Pieces (all under ``model/``): ``config.json`` (thresholds, calibration, layers, versions),
``weights.safetensors`` (the tagger head, the two span classifiers, the feature scaler) and
``ngrams.json`` (the TF-IDF vocabulary). The base encoder is not shipped: it is the pinned
all-MiniLM-L6-v2, checked against the hash recorded at training time.

Decoding: the tagger gives each wordpiece a probability of being inside a propaganda span;
runs above ``token_threshold`` become spans, runs less than ``join_gap`` characters apart on
one line are joined, spans are widened to whole words and those under ``min_chars`` dropped.
A span's score is the Platt-calibrated mean logit of its wordpieces (the probability that
it is a propaganda span); spans scoring under the threshold are dropped. Each span's
technique is the top label of the classifier (embeddings and n-grams blended). Beside those,
the taggers' per-technique outputs mark spans of one technique each (:func:`technique_runs`),
so a span can hold another technique's span (a loaded word inside a longer Doubt span).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from slant.analyze.techniques.encoder import Block
from slant.analyze.techniques.features import span_features, token_range
from slant.analyze.techniques.segments import Segment, segments
from slant.errors import ModelError
from slant.models import TECHNIQUES, TechniqueSpan
from slant.resources import file_sha256

MODEL_DIR = Path(__file__).with_name("model")
#: The opt-in accurate model: the same heads over the larger teacher encoder (all-mpnet-base-v2,
#: fetched with ``slant models fetch teacher``); about 8x slower than the default.
ACCURATE_DIR = Path(__file__).with_name("model-accurate")
MODEL_NAMES = ("default", "accurate")


def model_dir_for(name: str | Path | None) -> Path:
    """The folder of a techniques model: ``None``/``"default"`` the shipped one, ``"accurate"``
    the opt-in model over the teacher, anything else a trained model folder."""
    if name is None or name == "" or name == "default":
        return MODEL_DIR
    if name == "accurate":
        if not (ACCURATE_DIR / "config.json").exists():
            raise ModelError(f"{ACCURATE_DIR}: the accurate techniques model is not in this install")
        return ACCURATE_DIR
    d = Path(name).expanduser()
    if not (d / "config.json").exists():
        raise ModelError(f"{name}: not a techniques model (expected {', '.join(MODEL_NAMES)} or a "
                         "folder with config.json from `slant train techniques`)")
    return d
ARTIFACT_FILES = ("config.json", "weights.safetensors", "ngrams.json")


def artifact_hash(model_dir: str | Path = MODEL_DIR) -> str:
    """sha256 over the artifact's files (each file's sha256, in a fixed order; the fine-tuned
    encoder layers last, when the model has them)."""
    import hashlib

    from slant.analyze.techniques.encoder import TUNED_FILE

    h = hashlib.sha256()
    tuned = (TUNED_FILE,) if (Path(model_dir) / TUNED_FILE).exists() else ()
    for name in ARTIFACT_FILES + tuned:
        p = Path(model_dir) / name
        if not p.exists():
            raise ModelError(f"{p}: missing; the techniques model is incomplete "
                             "(retrain with `slant train techniques`)")
        h.update(f"{name}\t{file_sha256(p)}\n".encode())
    return h.hexdigest()


def ensemble_logits(taggers: list, states: np.ndarray) -> np.ndarray:
    """Mean of the taggers' token logits, (n, 15): "in a span", then one per technique."""
    import torch

    x = torch.from_numpy(np.ascontiguousarray(states, dtype=np.float32))[None]
    with torch.inference_mode():
        return (sum(t(x)[0] for t in taggers) / len(taggers)).numpy()


def technique_scores(clf_proba: np.ndarray, tagger_logits: list[np.ndarray], weight: float) -> np.ndarray:
    """Log-linear blend of the classifier's technique probabilities with the taggers' (mean
    per-technique probability over the span's wordpieces, normalised)."""
    if weight <= 0 or not len(clf_proba):
        return np.log(clf_proba + 1e-9)
    tp = np.stack([sigmoid(lg[:, 1:]).mean(0) if len(lg) else np.full(clf_proba.shape[1], 1.0)
                   for lg in tagger_logits])
    tp = tp / tp.sum(1, keepdims=True)
    return (1 - weight) * np.log(clf_proba + 1e-9) + weight * np.log(tp + 1e-9)


def sigmoid(x: np.ndarray | float) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=np.float64)))


def _log_softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=-1, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=-1, keepdims=True))


def decode_spans(text: str, offsets: np.ndarray, logits: np.ndarray, token_threshold: float,
                 join_gap: int, min_chars: int) -> list[tuple[int, int, float]]:
    """(start, end, mean logit) of the spans the token logits mark; see the module docstring."""
    on = sigmoid(logits) >= token_threshold
    runs: list[list[int]] = []  # [first token, last token]
    i, n = 0, len(on)
    while i < n:
        if on[i]:
            j = i
            while j + 1 < n and on[j + 1] and "\n" not in text[offsets[j, 1]:offsets[j + 1, 0]]:
                j += 1
            runs.append([i, j])
            i = j + 1
        else:
            i += 1
    joined: list[list[int]] = []
    for r in runs:
        if joined:
            prev_end, s = int(offsets[joined[-1][1], 1]), int(offsets[r[0], 0])
            if s - prev_end < join_gap and "\n" not in text[prev_end:s]:
                joined[-1][1] = r[1]
                continue
        joined.append(r)
    out = []
    for a, b in joined:
        s, e = snap_to_words(text, int(offsets[a, 0]), int(offsets[b, 1]))
        if e - s >= min_chars:
            out.append((s, e, float(logits[a:b + 1].mean())))
    return out


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) so that it neither starts nor ends inside a word."""
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and end > 0 and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    return start, end


def scored_spans(text: str, offsets: np.ndarray, logits: np.ndarray, params: dict,
                 threshold: float = 0.0) -> list[tuple[int, int, float, float]]:
    """``(start, end, score, mean logit)`` of the spans one column of token ``logits`` marks
    (:func:`decode_spans` with ``params``' token_threshold, join_gap and min_chars), scored by
    the Platt scaling ``params["calibration"]`` of their mean logit (the plain sigmoid when it
    is None), those scoring under ``threshold`` dropped."""
    a, b = params.get("calibration") or (1.0, 0.0)
    out = []
    for s, e, m in decode_spans(text, offsets, logits, params["token_threshold"], params["join_gap"],
                                params["min_chars"]):
        score = float(sigmoid(a * m + b))
        if score >= threshold:
            out.append((s, e, score, m))
    return out


def technique_runs(text: str, offsets: np.ndarray, logits: np.ndarray, params: dict | None,
                   labelled: list[tuple[int, int, str, float]], threshold: float
                   ) -> list[tuple[int, int, str, float]]:
    """Spans the taggers mark for one technique, beside the classified spans: a Loaded_Language
    word inside a longer Doubt span, a label close to another one. Runs of wordpieces whose
    probability of being inside a span of technique t passes ``params["token_threshold"]``
    become spans of t (:func:`scored_spans`); kept when the score passes ``threshold`` and no
    span of ``labelled`` with that technique overlaps them. ``params`` None (models before
    1.4): none."""
    if not params:
        return []
    out = []
    marked = (sigmoid(logits[:, 1:]) >= params["token_threshold"]).any(axis=0)
    for k, tech in enumerate(TECHNIQUES):
        if not marked[k]:  # most techniques mark nothing in most articles
            continue
        taken = [(s, e) for s, e, t, _ in labelled if t == tech]
        out += [(s, e, tech, score) for s, e, score, _ in
                scored_spans(text, offsets, logits[:, 1 + k], params, threshold)
                if not any(s0 < e and e0 > s for s0, e0 in taken)]
    return out


@dataclass
class Classifier:
    """Multinomial logistic regressions over span embeddings and n-grams, log-linearly blended."""

    mean: np.ndarray
    scale: np.ndarray
    w_emb: np.ndarray
    b_emb: np.ndarray
    w_ngram: np.ndarray
    b_ngram: np.ndarray
    blend: float
    vectorizer: object  # features.NgramVectorizer

    def proba(self, emb: np.ndarray, texts: list[str]) -> np.ndarray:
        if len(texts) == 0:
            return np.zeros((0, len(TECHNIQUES)))
        emb = emb[:, :len(self.mean)]  # hand features are only ever appended: older models read a prefix
        z1 = ((emb - self.mean) / self.scale) @ self.w_emb.T + self.b_emb
        X = self.vectorizer.transform(texts)  # type: ignore[attr-defined]
        z2 = np.asarray(X @ self.w_ngram.T) + self.b_ngram
        z = self.blend * _log_softmax(z1) + (1 - self.blend) * _log_softmax(z2)
        return np.exp(_log_softmax(z))


class TechniqueModel:
    """Loads the artifact once; the encoder is built on first use."""

    def __init__(self, model_dir: Path, config: dict, taggers: list, classifier: Classifier,
                 encoder: str | None = None, threads: int | None = None, quantize: bool = True) -> None:
        self.dir = model_dir
        self.quantize = quantize
        self.config = config
        self.taggers = taggers
        self.classifier = classifier
        self.encoder_name = encoder
        self.threads = threads
        self._encoder = None
        self._last: tuple[str, list[tuple[Segment, Block]]] | None = None
        self.hash = artifact_hash(model_dir)

    @classmethod
    def load(cls, model_dir: str | Path | None = None, *, encoder: str | None = None,
             threads: int | None = None, quantize: bool = True) -> TechniqueModel:
        """The model in ``model_dir`` (default: the shipped one). ``quantize=False`` runs the
        encoder in float32 (the heads were trained on int8 states: for measuring only)."""
        import torch
        from safetensors.numpy import load_file

        from slant.analyze.techniques.features import NgramVectorizer
        from slant.analyze.techniques.tagger import Tagger

        d = Path(model_dir) if model_dir else MODEL_DIR
        try:
            config = json.loads((d / "config.json").read_text(encoding="utf-8"))
            w = load_file(str(d / "weights.safetensors"))
            ngrams = NgramVectorizer.from_json(json.loads((d / "ngrams.json").read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError) as exc:
            raise ModelError(f"{d}: cannot load the techniques model ({exc}); "
                             "retrain it with `slant train techniques --ptc DIR --out DIR`") from exc
        from slant.analyze.techniques.encoder import QUANT_MODES

        mode = config.get("encoder_quantized", "int8-dynamic")
        if mode not in QUANT_MODES:
            raise ModelError(f"{d}: unknown encoder quantization {mode!r} in config.json "
                             f"(this slant knows {', '.join(QUANT_MODES)}); upgrade slant or retrain")
        if threads:
            torch.set_num_threads(threads)
        taggers = []
        for i in range(int(config.get("taggers", 1))):
            prefix = f"tagger{i}." if "taggers" in config else "tagger."
            tagger = Tagger(**config["tagger"])
            tagger.load_state_dict({k[len(prefix):]: torch.from_numpy(v.astype(np.float32))
                                    for k, v in w.items() if k.startswith(prefix)})
            taggers.append(tagger.eval())
        f32 = {k: v.astype(np.float32) for k, v in w.items() if not k.startswith("tagger")}
        clf = Classifier(f32["scaler.mean"], f32["scaler.scale"], f32["emb.weight"], f32["emb.bias"],
                         f32["ngram.weight"], f32["ngram.bias"], float(config["blend"]), ngrams)
        return cls(d, config, taggers, clf, encoder=encoder, threads=threads, quantize=quantize)

    @property
    def name(self) -> str:
        return f"{self.config['name']}-{self.config['version']}"

    @property
    def technique_bias(self) -> np.ndarray:
        """Per-technique offsets added to a found span's technique scores (log scale), chosen
        on validation so that rare techniques win where the model is confident of them;
        zeros for models before 1.5."""
        return np.asarray(self.config.get("technique_bias") or np.zeros(len(TECHNIQUES)), dtype=np.float64)

    @property
    def threshold(self) -> float:
        return float(self.config["span_threshold"])

    @property
    def encoder(self):
        if self._encoder is None:
            from slant.analyze.techniques.encoder import Encoder
            from slant.resources import resolve_encoder

            self._encoder = Encoder(resolve_encoder(self.encoder_name or self.config.get("encoder_name")),
                                    layers=tuple(self.config["layers"]), threads=self.threads,
                                    tuned=self.tuned_file,
                                    quantize=self.config.get("encoder_quantized", "int8-dynamic")
                                    if self.quantize else False)
        return self._encoder

    @property
    def tuned_file(self) -> Path | None:
        """The model's fine-tuned encoder layers (``encoder_tuned`` in its config), if any."""
        tuned = self.config.get("encoder_tuned")
        if not tuned:
            return None
        path = self.dir / tuned["file"]
        if not path.exists():
            raise ModelError(f"{path}: missing; this techniques model needs its fine-tuned encoder layers")
        if tuned.get("sha256") and file_sha256(path) != tuned["sha256"]:
            raise ModelError(f"{path}: sha256 differs from the one in config.json; the model's "
                             "fine-tuned encoder layers were changed or damaged (retrain it)")
        return path

    def encode(self, text: str) -> list[tuple[Segment, Block]]:
        """The encoder's blocks of each canonical segment of ``text`` (:mod:`.segments`); the
        last text's are kept, so that spans found and spans classified in one text are
        encoded once."""
        if self._last is None or self._last[0] != text:
            self._last = (text, [(seg, block) for seg in segments(text)
                                 for block in self.encoder.blocks(seg.text)])
        return self._last[1]

    def token_logits(self, states: np.ndarray) -> np.ndarray:

        if len(states) == 0:
            return np.zeros((0, 1 + len(TECHNIQUES)), dtype=np.float32)
        return ensemble_logits(self.taggers, states)

    def found_spans(self, text: str, offsets: np.ndarray, logits: np.ndarray,
                    threshold: float) -> list[tuple[int, int, float]]:
        """(start, end, calibrated score) of the "inside a span" runs of one block's token
        logits that score at least ``threshold``."""
        return [(s, e, score) for s, e, score, _ in scored_spans(text, offsets, logits[:, 0], self.config, threshold)]

    def label_spans(self, text: str, offsets: np.ndarray, states: np.ndarray, logits: np.ndarray,
                    spans: list[tuple[int, int, float]], threshold: float) -> list[TechniqueSpan]:
        """The found ``spans`` of one block with their technique (the classifier blended with
        the taggers), then the taggers' one-technique spans."""
        labelled: list[tuple[int, int, str, float]] = []
        if spans:
            probs = self.classifier.proba(span_features(text, offsets, states, [(s, e) for s, e, _ in spans],
                                                        self.encoder.hidden), [text[s:e] for s, e, _ in spans])
            scores = technique_scores(probs, [logits[token_range(offsets, s, e)] for s, e, _ in spans],
                                      float(self.config.get("tagger_weight", 0.0))) + self.technique_bias
            labelled = [(s, e, TECHNIQUES[int(p.argmax())], sc) for (s, e, sc), p in zip(spans, scores)]
        labelled += technique_runs(text, offsets, logits, self.config.get("technique_spans"), labelled, threshold)
        return [TechniqueSpan(technique=t, start=s, end=e, text=text[s:e], score=round(min(1.0, max(0.0, sc)), 4))
                for s, e, t, sc in labelled]

    def predict_article(self, text: str, threshold: float | None = None) -> list[TechniqueSpan]:
        """Technique spans for ``text``: spans scoring at least ``threshold`` (default: the
        model's tuned one), each with its technique, and the one-technique spans. The model
        reads the canonical form of ``text`` (:mod:`.segments`); offsets are into ``text``."""
        thr = self.threshold if threshold is None else threshold
        found: list[TechniqueSpan] = []
        for seg, block in self.encode(text):
            if len(block.offsets) == 0:
                continue
            logits = self.token_logits(block.states)
            spans = self.found_spans(seg.text, block.offsets, logits, thr)
            for sp in self.label_spans(seg.text, block.offsets, block.states, logits, spans, thr):
                s, e = seg.span(sp.start, sp.end)
                found.append(sp.model_copy(update={"start": s, "end": e, "text": text[s:e]}))
        return found

    def analyze(self, text: str, threshold: float | None = None) -> list[TechniqueSpan]:
        return self.predict_article(text, threshold)

    def classify(self, text: str, spans: list[tuple[int, int]]) -> np.ndarray:
        """The span classifier's technique probabilities, (len(spans), 14) in ``TECHNIQUES``
        order, for given ``(start, end)`` spans of ``text`` (what technique is this passage?).
        A span over blank text only gets a row of zeros."""
        out = np.zeros((len(spans), len(TECHNIQUES)))
        todo: dict[int, list[tuple[int, int, int]]] = {}  # block number -> (span, canonical s, e)
        encoded = self.encode(text) if spans else []
        for i, (s, e) in enumerate(spans):
            for k, (seg, block) in enumerate(encoded):
                cs = int(np.searchsorted(seg.index[:-1], s))
                ce = int(np.searchsorted(seg.index[:-1], e))
                if block.start <= cs < block.end and ce > cs:
                    todo.setdefault(k, []).append((i, cs, ce))
                    break
        for k, rows in todo.items():
            seg, block = encoded[k]
            if len(block.offsets) == 0:
                continue
            sp = [(cs, ce) for _, cs, ce in rows]
            out[[i for i, _, _ in rows]] = self.classifier.proba(
                span_features(seg.text, block.offsets, block.states, sp, self.encoder.hidden),
                [seg.text[cs:ce] for cs, ce in sp])
        return out
