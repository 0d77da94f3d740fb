"""Analyses in a child process that can be stopped.

A thread cannot be stopped: an analysis that runs past its deadline would keep the one
analysis slot (and a CPU) until it ends. Here the pipeline lives in a child process
(``spawn``: nothing of the server's threads is copied); when an analysis runs past its
deadline the child is killed, the slot is free at once, and the next analysis starts a fresh
child (which loads the models again, within that analysis's own deadline).
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
import traceback
from collections.abc import Callable
from typing import Any

from slant.config import Settings
from slant.models import Analysis, Article

log = logging.getLogger("slant.web")


class AnalysisTimeout(Exception):
    """The analysis ran past its deadline; the child was stopped."""


class AnalysisCancelled(Exception):
    """The client went away; the child was stopped."""


class AnalysisFailed(Exception):
    """The analysis raised something other than a SlantError (or the child died)."""


def _child(conn: Any, factory: Callable[[Settings], Any], settings: Settings) -> None:
    """The child's loop: build the pipeline on the first article, then analyze each one."""
    from slant.errors import SlantError

    pipeline = None
    while True:
        try:
            article = conn.recv()
        except (EOFError, OSError):
            return
        if article is None:
            return
        try:
            if pipeline is None:
                pipeline = factory(settings)
            reply: tuple[Any, ...] = ("ok", pipeline.analyze(article))
        except SlantError as exc:
            reply = ("slant", type(exc).__name__, str(exc))
        except Exception as exc:  # noqa: BLE001 - reported to the parent; traceback to stderr
            traceback.print_exc()
            reply = ("error", type(exc).__name__, str(exc))
        conn.send(reply)


class ProcessWorker:
    """One child process running ``factory(settings).analyze`` (one analysis at a time)."""

    def __init__(self, factory: Callable[[Settings], Any], settings: Settings) -> None:
        self._factory = factory
        self._settings = settings
        self._ctx = multiprocessing.get_context("spawn")
        self._proc: Any = None
        self._conn: Any = None
        self._lock = threading.Lock()

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None and self._proc.is_alive() else None

    def _start(self) -> None:
        parent, child = self._ctx.Pipe()
        proc = self._ctx.Process(target=_child, args=(child, self._factory, self._settings),
                                 name="slant-analyze", daemon=True)
        proc.start()
        child.close()
        self._proc, self._conn = proc, parent

    def run(self, article: Article, timeout: float,
            cancelled: threading.Event | None = None) -> Analysis:
        """The analysis, or AnalysisTimeout / AnalysisCancelled (the child is killed), a
        SlantError, AnalysisFailed. ``cancelled``: set it to stop the analysis early."""
        import time

        import slant.errors

        with self._lock:
            if self._proc is None or not self._proc.is_alive():
                self.stop()
                self._start()
            deadline = time.monotonic() + timeout
            reply = None
            try:
                self._conn.send(article)
                while True:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        break
                    if self._conn.poll(min(left, 0.25)):
                        reply = self._conn.recv()
                        break
                    if cancelled is not None and cancelled.is_set():
                        self.stop()
                        raise AnalysisCancelled()
            except (EOFError, OSError, BrokenPipeError):
                self.stop()
                raise AnalysisFailed("the analysis process ended unexpectedly") from None
            if reply is None:
                self.stop()
                raise AnalysisTimeout()
        if reply[0] == "ok":
            return reply[1]
        if reply[0] == "slant":
            cls = getattr(slant.errors, reply[1], slant.errors.SlantError)
            raise cls(reply[2])
        raise AnalysisFailed(f"{reply[1]}: {reply[2]}")

    def stop(self) -> None:
        """Kill the child (if any) and forget it; the next run starts a new one."""
        proc, conn = self._proc, self._conn
        self._proc = self._conn = None
        if conn is not None:
            try:
                conn.close()
            except OSError:
                pass
        if proc is not None and proc.is_alive():
            proc.kill()
            proc.join(5)
