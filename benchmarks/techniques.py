"""Speed and memory of the ``techniques`` stage on the PTC articles, with 1 and 2 threads.

    python benchmarks/techniques.py [--ptc DIR] [--limit N] [--threads 1 2]

Each thread count runs in its own subprocess, so peak RSS (ru_maxrss of that process) is
honest: it includes loading torch, the encoder and the heads. Articles/s counts only the
analysis, after one warm-up article; articles per CPU second (the process's CPU time) moves
less when other jobs share the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_PTC = Path(os.environ.get("SLANT_SHARED", REPO.parent / "shared")) / "data" / "ptc"


def worker(ptc: Path, limit: int | None, threads: int) -> dict:
    os.environ["OMP_NUM_THREADS"] = str(threads)
    import resource
    import time

    import torch

    torch.set_num_threads(threads)
    from slant.analyze.techniques.stage import TechniquesStage
    from slant.training.techniques.data import load_ptc

    arts = load_ptc(ptc)[:limit] if limit else load_ptc(ptc)
    stage = TechniquesStage(threads=threads)
    t0 = time.perf_counter()
    stage.analyze_text(arts[0].text)  # loads the model
    load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    spans = chars = 0
    c0 = time.process_time()
    for a in arts:
        spans += len(stage.analyze_text(a.text))
        chars += len(a.text)
    dt = time.perf_counter() - t0
    cpu = time.process_time() - c0
    return {"cpu_s": round(cpu, 2), "articles_per_cpu_s": round(len(arts) / cpu, 2),"threads": threads, "articles": len(arts), "seconds": round(dt, 2),
            "articles_per_s": round(len(arts) / dt, 2), "chars_per_s": round(chars / dt),
            "spans": spans, "load_and_first_s": round(load_s, 2),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ptc", type=Path, default=DEFAULT_PTC)
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--worker", type=int, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker is not None:
        print(json.dumps(worker(args.ptc, args.limit, args.worker)))
        return
    if not (args.ptc / "articles").is_dir():
        sys.exit(f"{args.ptc}: no PTC articles there (pass --ptc DIR or set SLANT_SHARED)")
    for n in args.threads:
        cmd = [sys.executable, __file__, "--ptc", str(args.ptc), "--worker", str(n)]
        if args.limit:
            cmd += ["--limit", str(args.limit)]
        env = {**os.environ, "OMP_NUM_THREADS": str(n), "MKL_NUM_THREADS": str(n),
               "TOKENIZERS_PARALLELISM": "false"}
        res = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
        if res.returncode != 0:
            sys.exit(res.stderr[-2000:])
        r = json.loads(res.stdout.strip().splitlines()[-1])
        print(f"threads={r['threads']}: {r['articles']} articles in {r['seconds']} s = "
              f"{r['articles_per_s']} articles/s ({r['chars_per_s']} chars/s; {r['articles_per_cpu_s']} per CPU "
              f"second, steadier under load), {r['spans']} spans, "
              f"peak RSS {r['peak_rss_mb']} MB (model load + first article {r['load_and_first_s']} s)")


if __name__ == "__main__":
    main()
