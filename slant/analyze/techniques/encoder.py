"""The frozen base encoder: token states for long texts, window by window, in bounded memory.

The pinned all-MiniLM-L6-v2 is loaded once and its Linear layers quantized to int8
(dynamic quantization), which doubles its speed on a CPU. How (``QUANT_MODES``):
``int8-dynamic`` (models 1.0) quantizes every Linear with one scale per weight matrix, which
moves the states of layers 2, 4 and 6 by 38% of their mean magnitude from float32;
``int8-dynamic-pc`` uses one scale per output channel and keeps the first layer's
feed-forward output (whose input has the largest outliers) in float32: 20%, for about 9% more
time (``benchmarks/quantization.py``).

Texts are cut into blocks at line ends (``BLOCK_CHARS``), each block is tokenized with
offsets and run in windows of ``WINDOW`` wordpieces that overlap by ``OVERLAP``; a token in an
overlap takes its state from the window where it sits further from the edge. Torch stays inside this module.

A model may carry its own copy of the encoder's top layers, fine-tuned for the techniques
(``tuned``: a safetensors file of those parameters under the base model's names): they
replace the base's before quantization, and everything else is the pinned encoder.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

WINDOW = 256          # wordpieces per window, with [CLS] and [SEP]
OVERLAP = 32
BLOCK_CHARS = 12_000  # text is encoded block by block, cut at line ends
LAYERS = (2, 4, 6)    # hidden states concatenated into a token's features
TUNED_FILE = "encoder-tuned.safetensors"  # a model's fine-tuned top layers, when it has them


def default_layers(depth: int) -> tuple[int, ...]:
    """``LAYERS`` for an encoder of 6 layers (all-MiniLM-L6-v2); for another the layers at a
    third, two thirds and the top (4, 8 and 12 of all-mpnet-base-v2; 1, 2 and 4 of four)."""
    if depth == 6:
        return LAYERS
    return tuple(sorted({max(1, depth // 3), max(1, 2 * depth // 3), depth}))


@dataclass
class Block:
    start: int                 # char offsets of the block in the text
    end: int
    offsets: np.ndarray        # (n, 2) char offsets of each wordpiece, absolute
    states: np.ndarray         # (n, len(layers) * hidden) float32


def split_blocks(text: str, limit: int = BLOCK_CHARS) -> list[tuple[int, int]]:
    """(start, end) pieces of ``text`` no longer than ``limit``, cut after a newline where one is near."""
    out: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        j = min(n, i + limit)
        if j < n:
            cut = text.rfind("\n", i + limit // 2, j)
            if cut == -1:
                cut = text.rfind(" ", i + limit // 2, j)
            if cut != -1:
                j = cut + 1
        out.append((i, j))
        i = j
    return out


def load_tokenizer(name_or_path: str):
    """The encoder's tokenizer, with no length limit (texts are cut into windows here)."""
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(name_or_path)
    tokenizer.model_max_length = 1 << 30
    return tokenizer


def tokenize(tokenizer, text: str, base: int = 0) -> tuple[list[int], np.ndarray]:
    """``text``'s wordpiece ids (no special tokens) and their char offsets (n, 2), shifted by ``base``."""
    enc = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
    return list(enc["input_ids"]), np.asarray(enc["offset_mapping"], dtype=np.int64).reshape(-1, 2) + base


def window_plan(n: int) -> list[tuple[int, int, int, int]]:
    """The windows over ``n`` wordpieces: ``(start, end, keep_lo, keep_hi)``: the window runs
    over wordpieces ``start:end`` (``WINDOW - 2`` at most, [CLS] and [SEP] added), and its
    states of ``start + keep_lo : start + keep_hi`` are the ones kept (the middle of each
    overlap splits it between two windows)."""
    size = WINDOW - 2
    stride = size - OVERLAP
    starts = list(range(0, max(n - OVERLAP, 1), stride))
    plan = []
    for k, s in enumerate(starts):
        e = min(n, s + size)
        lo = 0 if k == 0 else OVERLAP // 2
        hi = e - s if e == n or k == len(starts) - 1 else e - s - OVERLAP // 2
        plan.append((s, e, lo, hi))
        if e == n:
            break
    return plan


def load_tuned(model, tuned: str | Path) -> None:
    """Replace ``model``'s parameters by those in the safetensors file ``tuned`` (a model's
    fine-tuned top layers); a name the model lacks, or a shape it does not have, is refused."""
    import torch
    from safetensors import SafetensorError
    from safetensors.numpy import load_file

    from slant.errors import ModelError

    try:
        weights = load_file(str(tuned))
    except (OSError, ValueError, SafetensorError) as exc:
        raise ModelError(f"{tuned}: cannot read the fine-tuned encoder layers ({exc})") from exc
    own = model.state_dict()
    bad = [k for k, v in weights.items() if k not in own or tuple(own[k].shape) != v.shape]
    if bad:
        raise ModelError(f"{tuned}: {len(bad)} fine-tuned parameters do not fit this encoder "
                         f"(first: {bad[0]}); the model was trained over another base encoder")
    model.load_state_dict({k: torch.from_numpy(v.astype("float32")) for k, v in weights.items()},
                          strict=False)


QUANT_MODES = ("none", "int8-dynamic", "int8-dynamic-pc")
DEFAULT_QUANT = "int8-dynamic-pc"


def quantize_model(model, mode: str):
    """``model`` with its Linear layers dynamically quantized as ``mode`` says (see above)."""
    import torch
    from torch.ao.quantization import default_dynamic_qconfig, per_channel_dynamic_qconfig

    if mode not in QUANT_MODES:
        raise ValueError(f"unknown quantization {mode!r}; one of {', '.join(QUANT_MODES)}")
    if mode == "none":
        return model
    if mode == "int8-dynamic":
        spec = {torch.nn.Linear: default_dynamic_qconfig}
    else:
        first_ffn_out = {"encoder.layer.0.output.dense", "layer.0.output.dense"}
        spec = {n: per_channel_dynamic_qconfig for n, m in model.named_modules()
                if isinstance(m, torch.nn.Linear) and n not in first_ffn_out}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return torch.ao.quantization.quantize_dynamic(model, spec, dtype=torch.qint8)


class Encoder:
    def __init__(self, name_or_path: str, *, quantize: bool | str = True,
                 layers: tuple[int, ...] | None = None, threads: int | None = None,
                 tuned: str | Path | None = None) -> None:
        """``quantize``: a mode of ``QUANT_MODES``; True is ``DEFAULT_QUANT``, False "none".
        ``layers``: whose states make a token's features (default :func:`default_layers`).
        ``tuned``: fine-tuned parameters that replace the base's (:func:`load_tuned`)."""
        import torch
        from transformers import AutoModel
        from transformers.utils import logging as hf_logging

        hf_logging.set_verbosity_error()
        if threads:
            torch.set_num_threads(threads)
        self.name = name_or_path
        self.tokenizer = load_tokenizer(name_or_path)
        model = AutoModel.from_pretrained(name_or_path).eval()
        self.tuned = str(tuned) if tuned else None
        if tuned:
            load_tuned(model, tuned)
        self.layers = tuple(layers) if layers else default_layers(int(model.config.num_hidden_layers))
        self.quantization = DEFAULT_QUANT if quantize is True else "none" if quantize is False else quantize
        self.model = quantize_model(model, self.quantization)
        self.hidden = int(model.config.hidden_size)
        self.dim = self.hidden * len(self.layers)

    def encode_block(self, text: str, base: int = 0) -> tuple[np.ndarray, np.ndarray]:
        """Offsets (n, 2) and states (n, dim) of ``text``'s wordpieces; offsets shifted by ``base``."""
        import torch

        ids, offsets = tokenize(self.tokenizer, text, base)
        n = len(ids)
        states = np.zeros((n, self.dim), dtype=np.float32)
        if n == 0:
            return offsets, states
        cls, sep = self.tokenizer.cls_token_id, self.tokenizer.sep_token_id
        with torch.inference_mode():
            for s, e, lo, hi in window_plan(n):
                chunk = torch.tensor([[cls, *ids[s:e], sep]])
                out = self.model(input_ids=chunk, attention_mask=torch.ones_like(chunk),
                                 output_hidden_states=True)
                hs = torch.cat([out.hidden_states[i][0, 1:-1] for i in self.layers], dim=-1).numpy()
                states[s + lo:s + hi] = hs[lo:hi]
        return offsets, states

    def blocks(self, text: str) -> Iterator[Block]:
        for s, e in split_blocks(text):
            offsets, states = self.encode_block(text[s:e], base=s)
            yield Block(s, e, offsets, states)
