"""Print how long `slant --help` and `slant analyze --help` take (target: under 1 s)."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time


def main(repeats: int = 5) -> None:
    for argv in (["--help"], ["analyze", "--help"]):
        times = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "slant", *argv], capture_output=True, check=True)
            times.append(time.perf_counter() - t0)
        print(f"slant {' '.join(argv):<16} median {statistics.median(times):.3f} s  "
              f"max {max(times):.3f} s  ({repeats} runs)")


if __name__ == "__main__":
    main()
