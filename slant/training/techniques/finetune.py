"""Fine-tuning the encoder's top layers for the techniques (``slant train techniques
--tune-encoder K``), before the heads are fitted.

The base encoder's bottom layers stay frozen (int8-quantized on a CPU, as at inference, so
the states the tuned layers learn from are the ones they will get); its top ``K`` layers
and a linear head over the last one learn to tag every wordpiece (in a span; each
technique) from the PTC labels of the fitting articles and, in distillation, from the
teacher's soft labels on the unlabelled articles. With ``tc_weight`` (in the ``tune``
config) a second head also learns each gold span's technique from the mean of its
wordpieces' last-layer states, the pooled feature the span classifier reads, so the tuned
layers learn what tells the techniques apart and not only where spans lie. The bottom's states are computed once,
window by window exactly as :meth:`Encoder.encode_block` cuts a text, and kept; each epoch
runs only the top layers, so a CPU can do it (``device``: "cpu" or "cuda"). The epoch with
the lowest loss on the validation articles is kept, and the tuned layers are written as
float16 under the base model's parameter names (:data:`TUNED_FILE`), which
:class:`~slant.analyze.techniques.encoder.Encoder` loads over the base (``tuned=``).
"""

from __future__ import annotations

import copy
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from slant.analyze.techniques.encoder import TUNED_FILE

TUNE_CONFIG = {"epochs": 4, "lr": 5e-5, "head_lr": 1e-3, "batch": 8, "weight_decay": 1e-2,
               "tc_weight": 0.0}

Spans = list[tuple[int, int, int]]  # gold spans as (first wordpiece, end wordpiece, technique)


@dataclass
class _Window:
    """One window of a text: the frozen bottom's states ([CLS] and [SEP] included) and the
    targets of its wordpieces."""

    states: np.ndarray   # (len + 2, hidden) float16
    targets: np.ndarray  # (len, outputs) float32
    spans: Spans         # gold spans wholly inside the window, window-relative


def wordpieces(tokenizer: Any, text: str) -> list[tuple[list[int], np.ndarray]]:
    """Per block of ``text`` (as the encoder cuts it): its wordpiece ids and their absolute
    char offsets; concatenated, they are the wordpieces of ``encode_text``."""
    from slant.analyze.techniques.encoder import split_blocks, tokenize

    return [tokenize(tokenizer, text[s:e], s) for s, e in split_blocks(text)]


def text_offsets(tokenizer: Any, text: str) -> np.ndarray:
    """The char offsets of every wordpiece of ``text`` (``(0, 2)`` when there is none)."""
    parts = [off for _, off in wordpieces(tokenizer, text)]
    return np.concatenate(parts) if parts else np.zeros((0, 2), np.int64)


class _Bottom:
    """The frozen bottom layers: a text's windows of states, as the encoder would compute them."""

    def __init__(self, model: Any, tokenizer: Any, keep: int, device: str) -> None:
        from slant.analyze.techniques.encoder import DEFAULT_QUANT, quantize_model

        bottom = copy.deepcopy(model)
        bottom.encoder.layer = bottom.encoder.layer[:keep]
        self.model = (quantize_model(bottom, DEFAULT_QUANT) if device == "cpu" else bottom).to(device).eval()
        self.tokenizer = tokenizer
        self.device = device

    def windows(self, text: str, targets: np.ndarray, spans: Spans | None = None) -> Iterator[_Window]:
        import torch

        from slant.analyze.techniques.encoder import window_plan

        cls, sep = self.tokenizer.cls_token_id, self.tokenizer.sep_token_id
        base = 0
        with torch.inference_mode():
            for ids, _ in wordpieces(self.tokenizer, text):
                for s, e, _, _ in window_plan(len(ids)):
                    if e <= s:
                        continue
                    chunk = torch.tensor([[cls, *ids[s:e], sep]], device=self.device)
                    h = self.model(input_ids=chunk, attention_mask=torch.ones_like(chunk)).last_hidden_state
                    inside = [(a - base - s, b - base - s, k) for a, b, k in spans
                              if base + s <= a and b <= base + e] if spans else []
                    yield _Window(h[0].float().cpu().numpy().astype(np.float16),
                                  targets[base + s:base + e], inside)
                base += len(ids)


def _batches(windows: list[_Window], batch: int, rng: random.Random) -> list[list[_Window]]:
    """Batches of windows of one length (no padding, so no attention mask), shuffled."""
    by_len: dict[int, list[_Window]] = {}
    for w in windows:
        by_len.setdefault(len(w.states), []).append(w)
    out = []
    for group in by_len.values():
        rng.shuffle(group)
        out += [group[i:i + batch] for i in range(0, len(group), batch)]
    rng.shuffle(out)
    return out


class _Top:
    """The trainable top layers and their linear head."""

    def __init__(self, model: Any, keep: int, outputs: int, device: str, tc_weight: float = 0.0) -> None:
        import torch

        self.encoder = copy.deepcopy(model.encoder)
        self.encoder.layer = torch.nn.ModuleList(list(self.encoder.layer)[keep:])
        for p in self.encoder.parameters():
            p.requires_grad_(False)
        for p in self.encoder.layer.parameters():
            p.requires_grad_(True)
        self.head = torch.nn.Linear(int(model.config.hidden_size), outputs)
        self.tc_head = torch.nn.Linear(int(model.config.hidden_size), outputs - 1)
        self.tc_weight = tc_weight
        self.encoder.to(device)
        self.head.to(device)
        self.tc_head.to(device)
        self.keep = keep
        self.device = device

    def loss(self, batch: list[_Window]) -> Any:
        """Binary cross-entropy per wordpiece ([CLS] and [SEP] left out): the in-span output
        twice, each technique once (as the taggers' loss); with ``tc_weight``, plus that
        weight times the cross-entropy of each gold span's technique from its mean state."""
        import torch

        h = torch.from_numpy(np.stack([w.states for w in batch]).astype(np.float32)).to(self.device)
        y = torch.from_numpy(np.stack([w.targets for w in batch])).to(self.device)
        out = self.encoder(h)[0][:, 1:-1]
        loss = torch.nn.functional.binary_cross_entropy_with_logits(self.head(out), y, reduction="none")
        total = (loss[..., 0] * 2 + loss[..., 1:].sum(-1)).mean()
        spans = [(i, a, b, k) for i, w in enumerate(batch) for a, b, k in w.spans]
        if self.tc_weight and spans:
            pooled = torch.stack([out[i, a:b].mean(0) for i, a, b, _ in spans])
            gold = torch.tensor([k for *_, k in spans], device=self.device)
            total = total + self.tc_weight * torch.nn.functional.cross_entropy(self.tc_head(pooled), gold)
        return total

    def train(self, mode: bool) -> None:
        self.encoder.train(mode)
        self.head.train(mode)
        self.tc_head.train(mode)

    def tuned_weights(self) -> dict[str, np.ndarray]:
        """The top layers' parameters as float16, under the base model's names."""
        return {f"encoder.layer.{self.keep + i}.{k}": v.detach().float().cpu().numpy().astype(np.float16)
                for i, layer in enumerate(self.encoder.layer) for k, v in layer.state_dict().items()}


def _val_loss(top: _Top, windows: list[_Window], batch: int) -> float:
    import torch

    top.train(False)
    total, n = 0.0, 0
    with torch.no_grad():
        for b in _batches(windows, batch, random.Random(0)):
            total += float(top.loss(b)) * len(b)
            n += len(b)
    return total / max(n, 1)


def tune_encoder(enc_path: str, fit: list[tuple[str, np.ndarray, Spans]],
                 val: list[tuple[str, np.ndarray, Spans]],
                 out: Path, *, top_layers: int, device: str = "cpu", seed: int = 13,
                 config: dict[str, Any] | None = None, log: Callable[[str], None] = print,
                 tokenizer: Any = None) -> dict[str, Any]:
    """Fine-tune the top ``top_layers`` of the encoder at ``enc_path`` on ``(text, targets,
    spans)`` (targets per wordpiece of ``text``, as :func:`text_offsets` cuts it; spans the
    gold spans in those wordpieces, empty for soft-labelled texts); writes
    :data:`TUNED_FILE` into ``out`` and returns what was done. ``tokenizer``: the encoder's,
    if the caller has it loaded."""
    import torch
    from safetensors.numpy import save_file
    from transformers import AutoModel

    from slant.analyze.techniques.encoder import load_tokenizer

    cfg = {**TUNE_CONFIG, **(config or {})}
    torch.manual_seed(seed)
    rng = random.Random(seed)
    tokenizer = tokenizer or load_tokenizer(enc_path)
    model = AutoModel.from_pretrained(enc_path).eval()
    depth = int(model.config.num_hidden_layers)
    if not 1 <= top_layers <= depth:
        raise ValueError(f"--tune-encoder takes 1 to {depth} layers for this encoder, not {top_layers}")
    keep = depth - top_layers
    t0 = time.time()
    bottom = _Bottom(model, tokenizer, keep, device)
    fit_w = [w for text, y, sp in fit for w in bottom.windows(text, y, sp)]
    val_w = [w for text, y, sp in val for w in bottom.windows(text, y, sp)]
    del bottom
    log(f"tuning the top {top_layers} of {depth} encoder layers on {device}: {len(fit_w)} windows "
        f"({len(val_w)} validation), bottom states in {time.time() - t0:.0f} s")
    top = _Top(model, keep, fit[0][1].shape[1], device, float(cfg["tc_weight"]))
    opt = torch.optim.AdamW([{"params": top.encoder.layer.parameters(), "lr": cfg["lr"]},
                             {"params": [*top.head.parameters(), *top.tc_head.parameters()],
                              "lr": cfg["head_lr"]}],
                            weight_decay=cfg["weight_decay"])
    best: tuple[float, dict[str, np.ndarray], int] = (_val_loss(top, val_w, cfg["batch"]), top.tuned_weights(), 0)
    log(f"epoch 0: validation loss {best[0]:.4f}")
    for ep in range(1, cfg["epochs"] + 1):
        t1 = time.time()
        top.train(True)
        for b in _batches(fit_w, cfg["batch"], rng):
            loss = top.loss(b)
            opt.zero_grad()
            loss.backward()
            opt.step()
        loss_val = _val_loss(top, val_w, cfg["batch"])
        log(f"epoch {ep}: validation loss {loss_val:.4f} ({time.time() - t1:.0f} s)")
        if loss_val < best[0]:
            best = (loss_val, top.tuned_weights(), ep)
    out.mkdir(parents=True, exist_ok=True)
    save_file(best[1], str(out / TUNED_FILE))
    return {"top_layers": top_layers, "device": device, "best_epoch": best[2],
            "val_loss": round(best[0], 4), "windows": len(fit_w), "wall_s": round(time.time() - t0),
            **{k: cfg[k] for k in ("epochs", "lr", "head_lr", "batch", "tc_weight")}}


def gold_spans(a: Any, offsets: np.ndarray) -> Spans:
    """An article's gold spans as wordpiece ranges, ``(first, end, technique index)``."""
    from slant.models import TECHNIQUES

    out = []
    for lab in a.labels:
        idx = np.nonzero((offsets[:, 0] < lab.end) & (offsets[:, 1] > lab.start))[0]
        if len(idx) and lab.technique in TECHNIQUES:
            out.append((int(idx[0]), int(idx[-1]) + 1, TECHNIQUES.index(lab.technique)))
    return out


def tune_for_training(parts: Any, enc_path: str, out: Path, cfg: dict[str, Any], seed: int,
                      log: Callable[[str], None], extra_targets: dict[str, np.ndarray] | None = None,
                      extra_texts: dict[str, str] | None = None) -> tuple[Path, dict[str, Any]]:
    """Step 2a of training with ``tune_encoder``: the top layers tuned on the fitting
    articles' gold labels (and the unlabelled articles' soft labels, when given), validated on
    the validation articles. Returns the tuned file and what was done."""
    from slant.analyze.techniques.encoder import load_tokenizer
    from slant.training.techniques.taggers import token_targets

    tokenizer = load_tokenizer(enc_path)

    def gold(arts: list[Any]) -> list[tuple[str, np.ndarray, Spans]]:
        out = []
        for a in arts:
            off = text_offsets(tokenizer, a.text)
            out.append((a.text, token_targets(a, off), gold_spans(a, off)))
        return out

    fit = gold(parts.fit)
    for key, y in (extra_targets or {}).items():
        fit.append(((extra_texts or {})[key], y, []))
    info = tune_encoder(enc_path, fit, gold(parts.val), out, top_layers=int(cfg["tune_encoder"]),
                        device=str(cfg.get("device") or "cpu"), seed=seed, log=log,
                        config=cfg.get("tune"), tokenizer=tokenizer)
    return out / TUNED_FILE, info
