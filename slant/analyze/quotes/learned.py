"""The learned speech decision: a logistic regression over widened candidates.

The rules (:mod:`slant.analyze.quotes.attribution`) decide by cue word and pattern counts.
``speech-model.json`` holds a small model learned on PolNeAR train
(:mod:`slant.training.quotes.speech_model`, ``slant train quotes``) that weighs the
sparse features of :mod:`slant.analyze.quotes.widen`:

- a speech verb the rules left without an attribution offers its widened candidates
  ("talked about …", "said so", "asked whether …", "called on …"); the most probable one
  is added when its probability reaches the model's ``accept`` threshold;
- an attribution the rules made with a speech verb outside their hand-written core
  (:data:`slant.analyze.quotes.widen.CORE_PATTERNS`) is kept as an attribution but no
  longer counted as speech (``unlikely``) when its probability is under the model's
  ``drop`` threshold.

Both thresholds were chosen on a held-out part of train. The file records its format
version and the sha256 of its body; a file that does not parse, has another version or
whose body no longer matches its hash is refused with a :class:`slant.errors.ModelError`
naming it.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from slant.errors import ModelError

FORMAT_VERSION = 1
MODEL_FILE = Path(__file__).with_name("speech-model.json")
# the model :func:`using` set, per thread and task; unset: the shipped file
_override: ContextVar[tuple[SpeechModel | None]] = ContextVar("speech_model_override")


@dataclass(frozen=True)
class SpeechModel:
    """Weights of a logistic regression over sparse features, and its two thresholds."""

    weights: dict[str, float]
    bias: float
    accept: float
    drop: float
    sha256: str = ""
    meta: dict[str, Any] = field(default_factory=dict)

    def probability(self, feats: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def with_thresholds(self, accept: float, drop: float) -> SpeechModel:
        return SpeechModel(self.weights, self.bias, accept, drop, self.sha256, self.meta)


def body_hash(data: dict[str, Any]) -> str:
    """sha256 of the model's body: every key but ``sha256``, as canonical JSON."""
    body = {k: v for k, v in data.items() if k != "sha256"}
    canon = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canon.encode("utf-8")).hexdigest()


def model_data(model: SpeechModel) -> dict[str, Any]:
    """The JSON body of ``model``, its hash included."""
    data: dict[str, Any] = {"format": "slant-speech-model", "format_version": FORMAT_VERSION,
                            **model.meta, "accept": model.accept, "drop": model.drop,
                            "bias": model.bias, "weights": dict(sorted(model.weights.items()))}
    data["sha256"] = body_hash(data)
    return data


def load_model(path: str | Path = MODEL_FILE) -> SpeechModel:
    """Read and check a model file; :class:`ModelError` naming the file when it is not one."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError("speech model file is missing; rebuild it with `slant train quotes "
                         "--polnear DIR`", source=str(path)) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"not a speech model file ({exc})", source=str(path)) from None
    if not isinstance(data, dict) or data.get("format") != "slant-speech-model":
        raise ModelError("not a speech model file (no 'format': 'slant-speech-model')",
                         source=str(path))
    if data.get("format_version") != FORMAT_VERSION:
        raise ModelError(f"speech model format {data.get('format_version')!r}, this slant "
                         f"reads {FORMAT_VERSION}; retrain it with `slant train quotes`",
                         source=str(path))
    if data.get("sha256") != body_hash(data):
        raise ModelError("speech model changed since it was trained: its body does not match "
                         "its recorded sha256", source=str(path))
    try:
        weights = {str(k): float(v) for k, v in data["weights"].items()}
        meta = {k: v for k, v in data.items()
                if k not in ("format", "format_version", "accept", "drop", "bias", "weights",
                             "sha256")}
        return SpeechModel(weights, float(data["bias"]), float(data["accept"]),
                           float(data["drop"]), data["sha256"], meta)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ModelError(f"speech model is incomplete ({exc!r})", source=str(path)) from None


@lru_cache(maxsize=1)
def shipped_model() -> SpeechModel:
    return load_model(MODEL_FILE)


def active_model() -> SpeechModel | None:
    """The model in use: the one :func:`using` set, else the shipped file."""
    chosen = _override.get(None)
    return chosen[0] if chosen is not None else shipped_model()


@contextmanager
def using(model: SpeechModel | None) -> Iterator[None]:
    """Decide with ``model`` (``None``: the rules alone) inside the block (training)."""
    token = _override.set((model,))
    try:
        yield
    finally:
        _override.reset(token)


def revise(doc: Any, atts: list[Any]) -> list[Any]:
    """The rules' attributions, those the model doubts marked ``unlikely`` (kept, not
    speech), plus the widened candidates it accepts (the most probable one per cue word)."""
    from slant.analyze.quotes.widen import rule_candidates, wide_candidates

    model = active_model()
    if model is None:
        return atts
    drop = {k for k, feats in rule_candidates(doc, atts) if model.probability(feats) < model.drop}
    best: dict[int, tuple[float, Any]] = {}
    for att, feats in wide_candidates(doc, atts):
        p = model.probability(feats)
        if p >= model.accept and (att.cue[0] not in best or p > best[att.cue[0]][0]):
            best[att.cue[0]] = (p, att)
    for k in drop:
        atts[k].unlikely = True
    return atts + [best[i][1] for i in sorted(best)]
