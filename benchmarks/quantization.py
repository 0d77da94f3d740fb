"""What int8 quantization does to the techniques encoder: time and error per mode.

    nice -n 15 .venv/bin/python benchmarks/quantization.py [--limit 20]

For each mode of ``slant.analyze.techniques.encoder.QUANT_MODES``, encodes the first
``--limit`` PTC articles on one thread and prints the CPU seconds per article and the mean
absolute difference of the states (layers 2, 4 and 6, concatenated) from float32, relative to
their mean magnitude. What the error costs in F1: ``slant eval techniques ... --fp32``.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ptc", default=str(REPO.parent / "shared" / "data" / "ptc"))
    ap.add_argument("--limit", type=int, default=20)
    args = ap.parse_args()

    import numpy as np
    import torch

    from slant.analyze.techniques.encoder import QUANT_MODES, Encoder
    from slant.resources import resolve_encoder
    from slant.training.techniques.data import load_ptc
    from slant.training.techniques.encoding import encode_text

    torch.set_num_threads(1)
    texts = [a.text for a in load_ptc(args.ptc)[: args.limit]]
    if not texts:
        raise SystemExit(f"no PTC articles under {args.ptc}")
    print(f"{len(texts)} PTC articles, 1 thread")
    ref = None
    for mode in QUANT_MODES:  # "none" (float32) first: the reference
        enc = Encoder(resolve_encoder(None), quantize=mode)
        encode_text(enc, texts[0])  # warm-up
        t0 = time.process_time()
        states = [encode_text(enc, t)[1] for t in texts]
        cpu = (time.process_time() - t0) / len(texts)
        if ref is None:
            ref = states
        err = np.mean([np.abs(s - r).mean() / np.abs(r).mean() for s, r in zip(states, ref)])
        print(f"{mode:<18} {cpu:.3f} CPU-s/article   relative error {err:.3f}")


if __name__ == "__main__":
    main()
