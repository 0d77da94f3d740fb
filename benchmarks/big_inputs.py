"""Big inputs: the time and memory one article can cost, at the per-article cap and far over it.

    nice -n 10 .venv/bin/python benchmarks/big_inputs.py            # every case
    nice -n 10 .venv/bin/python benchmarks/big_inputs.py --quick    # no cases at the cap

Each case is one ``slant analyze FILE -f jsonl`` (every stage, a fresh process), timed, with
the peak RSS of the process sampled every 0.1 s. The inputs are the hostile-input kit of the
tests (``tests/hostile_inputs.py``: 1 MB and 5 MB of text, the same on one single line, a
5 MB JSON Lines record between two short ones), plus texts at the cap (100,000 characters,
``Settings.max_chars``) in paragraphs and on one line, which are the most an accepted
article costs, and a short article for comparison. Over the cap the answer is an error
naming the input (exit 2) and the cost is the start-up's; the figures printed say so.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "benchmarks"))
SLANT = str(Path(sys.executable).parent / "slant")


def measure(cmd: list[str]) -> tuple[int, float, int, str]:
    """(exit status, wall seconds, peak RSS bytes, last stderr line) of ``cmd``."""
    import psutil
    from run_all import tree_rss

    env = {**os.environ, "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
           "TOKENIZERS_PARALLELISM": "false"}
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    err: list[str] = []
    reader = threading.Thread(target=lambda: err.append(proc.stderr.read()), daemon=True)
    reader.start()
    ps = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, tree_rss(ps))
        time.sleep(0.1)
    wall = time.perf_counter() - t0
    reader.join(timeout=10)
    lines = "".join(err).strip().splitlines()
    last = next((ln for ln in reversed(lines) if "error:" in ln),
                next((ln for ln in reversed(lines) if "slant" in ln), lines[-1] if lines else ""))
    return proc.returncode, wall, peak, last


def main() -> None:
    from hostile_inputs import SHORT, text, write_cases

    from slant.config import Settings

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="leave out the cases at the cap")
    ap.add_argument("--keep", default=None, help="directory to keep the inputs in")
    args = ap.parse_args()
    cap = Settings().max_chars or 0
    tmp = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="slant-big-"))
    cases = write_cases(tmp)
    (tmp / "short.txt").write_text(SHORT * 20, encoding="utf-8")
    order = ["short.txt"]
    if not args.quick:
        (tmp / f"cap-{cap}.txt").write_text(text(cap), encoding="utf-8")
        (tmp / f"cap-{cap}-line.txt").write_text(text(cap, single_line=True), encoding="utf-8")
        order += [f"cap-{cap}.txt", f"cap-{cap}-line.txt"]
    order += list(cases)
    print(f"slant analyze FILE -f jsonl, every stage, one process each; cap {cap:,} characters; "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start")
    print(f"{'input':<24} {'size':>12} {'exit':>4} {'wall s':>8} {'peak RSS MiB':>13}  what it said")
    for name in order:
        path = tmp / name
        rc, wall, peak, said = measure([SLANT, "analyze", str(path), "-f", "jsonl"])
        said = said.replace(str(tmp) + "/", "")
        print(f"{name:<24} {path.stat().st_size:>12,} {rc:>4} {wall:>8.1f} "
              f"{peak / 1024 / 1024:>13,.0f}  {said[:110] if rc else 'analyzed'}", flush=True)
    print(f"load average {os.getloadavg()[0]:.1f} at the end; inputs in {tmp}")


if __name__ == "__main__":
    main()
