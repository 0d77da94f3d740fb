"""Progress on stderr for long runs: a rich bar in a terminal, plain lines otherwise.

When stderr is not a terminal (a log file, a pipe, a CI job) a bar would be noise, and
silence looks like a hang: :class:`LineProgress` prints one line every ``every`` seconds
(``SLANT_PROGRESS_EVERY``, default 10) while work goes on, including while one long article
holds it, e.g.::

    slant batch: 1,200/10,000 articles (12%), 3 failed, 16.40 articles/s, 1m 13s elapsed, ~8m 56s left
"""

from __future__ import annotations

import os
import sys
import threading
import time
from typing import TextIO

DEFAULT_EVERY = 10.0


def every_s() -> float:
    try:
        return max(0.1, float(os.environ.get("SLANT_PROGRESS_EVERY", DEFAULT_EVERY)))
    except ValueError:
        return DEFAULT_EVERY


def _duration(s: float) -> str:
    s = round(s)
    h, rest = divmod(s, 3600)
    m, sec = divmod(rest, 60)
    return f"{h}h {m}m" if h else (f"{m}m {sec}s" if m else f"{sec}s")


class LineProgress:
    """One line of progress on ``stream`` every ``every`` seconds, from a background timer
    (so a single slow article still shows the run is alive). Quiet runs (shorter than
    ``every``) print nothing."""

    def __init__(self, label: str, *, total: int | None = None, every: float | None = None,
                 stream: TextIO | None = None) -> None:
        self.label, self.total = label, total
        self.every = every if every is not None else every_s()
        self.stream = stream or sys.stderr
        self.done = self.failed = self.skipped = 0
        self.rate: float | None = None
        self.started = time.monotonic()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._tick, daemon=True,
                                        name="slant-progress")
        self._thread.start()

    def update(self, done: int, *, total: int | None = None, failed: int = 0,
               skipped: int = 0, rate: float | None = None) -> None:
        with self._lock:
            self.done, self.failed, self.skipped = done, failed, skipped
            if total is not None:
                self.total = total
            self.rate = rate

    def line(self) -> str:
        with self._lock:
            done, total, failed, skipped = self.done, self.total, self.failed, self.skipped
            rate = self.rate
        elapsed = time.monotonic() - self.started
        if rate is None:
            rate = (done - skipped) / elapsed if elapsed > 0 else 0.0
        parts = [f"{done:,}/{total:,} articles ({100 * done / total:.0f}%)" if total
                 else f"{done:,} articles"]
        if failed:
            parts.append(f"{failed:,} failed")
        parts.append(f"{rate:.2f} articles/s")
        parts.append(f"{_duration(elapsed)} elapsed")
        if total and rate > 0 and done < total:
            parts.append(f"~{_duration((total - done) / rate)} left")
        return f"{self.label}: " + ", ".join(parts)

    def _tick(self) -> None:
        while not self._stop.wait(self.every):
            try:
                self.stream.write(self.line() + "\n")
                self.stream.flush()
            except (OSError, ValueError):  # stderr closed
                return

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=1)

    def __enter__(self) -> LineProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
