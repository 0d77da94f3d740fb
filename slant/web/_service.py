"""What the routes call: the store, the pipeline (built lazily, once), fetching and uploads.

Nothing heavy is imported here at module level: the pipeline (torch, spaCy) is built on the
first analysis, and the store (SQLAlchemy) on the first request that needs it.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from slant.config import Settings
from slant.ingest.guard import (
    Resolver,
    allow_any_url,
    check_public_url,
    pinned_client,
    system_resolver,
)
from slant.models import Analysis, Article
from slant.web._errors import ApiError
from slant.web._options import WebOptions

if TYPE_CHECKING:  # pragma: no cover
    from slant.store import Store


class AnalyzesArticles(Protocol):
    def analyze(self, article: Article) -> Analysis: ...


PipelineFactory = Callable[[Settings], AnalyzesArticles]
VIEW_CACHE = 32     # rendered article parts kept
VIEW_TTL_S = 60.0   # ...for at most this long (another process may re-store an article)
#: fetcher(url, check_url=..., timeout=..., max_bytes=...) -> Article
Fetcher = Callable[..., Article]


def default_pipeline_factory(settings: Settings) -> AnalyzesArticles:
    from slant.pipeline import build_pipeline

    return build_pipeline(settings)


class WebService:
    """The app's state: one per :func:`create_app` call."""

    def __init__(self, settings: Settings, options: WebOptions, *, store: Store | None,
                 pipeline_factory: PipelineFactory | None, fetcher: Fetcher | None,
                 resolver: Resolver | None = None) -> None:
        self.settings = settings
        self.options = options
        self._store = store
        self._owns_store = store is None
        self._pipeline_factory = pipeline_factory or default_pipeline_factory
        self._pipeline: AnalyzesArticles | None = None
        self._fetcher = fetcher or self._default_fetch
        self._resolver = resolver or system_resolver
        self._lock = threading.Lock()
        # One analysis slot: analyses run one at a time, off the request thread, each with its
        # own deadline counted from when it gets the slot (waiting does not use it up).
        self._slot = threading.Lock()
        self._waiting = 0
        mode = options.analyze_worker
        if mode == "auto":
            mode = "process" if pipeline_factory is None else "thread"
        self.analyze_mode = mode
        self._executor: ThreadPoolExecutor | None = None
        self._process: Any = None
        self._recent: OrderedDict[str, Analysis] = OrderedDict()
        self._views: OrderedDict[tuple[str, int], tuple[float, dict[str, Any]]] = OrderedDict()
        self._cache: dict[str, tuple[float, Any]] = {}

    # -- store -----------------------------------------------------------------------------
    @property
    def store(self) -> Store:
        if self._store is None:
            with self._lock:
                if self._store is None:
                    from slant.store import open_store

                    self._store = open_store(self.settings.database_url, settings=self.settings)
        return self._store

    def close(self) -> None:
        """Stop the analysis worker and close a store this service opened (app shutdown).
        The service still works afterwards: both come back on the next use."""
        with self._lock:
            executor, self._executor = self._executor, None
            process, self._process = self._process, None
            store = self._store if self._owns_store else None
            if store is not None:
                self._store = None
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)
        if process is not None:
            process.stop()
        if store is not None:
            store.close()

    def _worker(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(max_workers=1,
                                                    thread_name_prefix="slant-analyze")
            return self._executor

    def cached(self, key: str, ttl_s: float, compute: Callable[[], Any]) -> Any:
        """A value kept for ``ttl_s`` seconds (outlet lists and the like, not articles)."""
        now = time.monotonic()
        hit = self._cache.get(key)
        if hit is not None and now - hit[0] < ttl_s:
            return hit[1]
        value = compute()
        self._cache[key] = (now, value)
        return value

    def save(self, analysis: Analysis) -> str:
        """Store an analysis in the corpus; returns its stored id."""
        stored = self.store.save(analysis)
        self._cache.clear()
        with self._lock:
            self._views.clear()
        return stored

    def article_view(self, article_id: str, part: int) -> dict[str, Any] | None:
        """The rendered view of one part of a stored article (None: no such article), kept
        for ``VIEW_TTL_S`` seconds (the last ``VIEW_CACHE`` parts viewed; saving clears it)."""
        from slant.web._views import analysis_view

        key = (article_id, part)
        now = time.monotonic()
        with self._lock:
            hit = self._views.get(key)
            if hit is not None and now - hit[0] < VIEW_TTL_S:
                self._views.move_to_end(key)
                return hit[1]
        analysis = self.store.get(article_id)
        if analysis is None:
            return None
        view = analysis_view(analysis, part=part, size=self.options.view_chars)
        with self._lock:
            self._views[key] = (now, view)
            while len(self._views) > VIEW_CACHE:
                self._views.popitem(last=False)
        return view

    def technique_counts(self, ids: list[str]) -> dict[str, dict[str, int]]:
        """Per article, how many spans of each technique (for the technique bars)."""
        fast = getattr(self.store, "technique_counts", None)
        if fast is not None:
            return fast(ids)
        from collections import Counter

        return {a.article.id: dict(Counter(t.technique for t in a.techniques))
                for a in self.store.get_many(ids)}

    # -- analysis --------------------------------------------------------------------------
    def _get_pipeline(self) -> AnalyzesArticles:
        if self._pipeline is None:
            with self._lock:
                if self._pipeline is None:
                    self._pipeline = self._pipeline_factory(self.settings)
        return self._pipeline

    @property
    def text_limit(self) -> int:
        """The longest text analyzed: the server's own limit, and the pipeline's per-article
        cap (``Settings.max_chars``), whichever is lower."""
        return min(self.options.max_text_chars, self.settings.max_chars or 1 << 62)

    async def analyze_watching(self, request: Any, article: Article) -> Analysis:
        """:meth:`analyze` off the event loop; if the client disconnects meanwhile, the
        analysis is stopped (process mode), so nobody's CPU goes to an answer no one reads."""
        import asyncio

        from starlette.concurrency import run_in_threadpool

        cancelled = threading.Event()
        task = asyncio.ensure_future(run_in_threadpool(self.analyze, article, cancelled))
        try:
            while True:
                done, _ = await asyncio.wait({task}, timeout=0.5)
                if done:
                    return task.result()
                if await request.is_disconnected():
                    cancelled.set()
        finally:
            if not task.done():
                cancelled.set()

    def analyze(self, article: Article, cancelled: threading.Event | None = None) -> Analysis:
        """Run the pipeline (built on first use) in the one analysis slot, with a deadline.

        At most ``analyze_queue`` requests wait for the slot (then 503 ``busy``), each for at
        most ``analyze_timeout_s``; the deadline of an analysis starts when it gets the slot.
        """
        opts = self.options
        limit = self.text_limit
        if len(article.text) > limit:
            raise ApiError(413, "too_large",
                           f"the text has {len(article.text):,} characters; the limit is "
                           f"{limit:,}")
        if not article.text.strip():
            raise ApiError(422, "bad_input", "the text is empty; paste an article or give a URL")
        busy = ApiError(503, "busy", "another analysis is still running; try again in a minute",
                        headers={"Retry-After": "30"})
        with self._lock:
            if self._waiting >= opts.analyze_queue:
                raise busy
            self._waiting += 1
        try:
            got, waited_until = False, time.monotonic() + opts.analyze_timeout_s
            while not got and time.monotonic() < waited_until:
                if cancelled is not None and cancelled.is_set():
                    break
                got = self._slot.acquire(timeout=0.25)
        finally:
            with self._lock:
                self._waiting -= 1
        if not got:
            raise busy
        budget = opts.analyze_budget(len(article.text))
        timeout = ApiError(503, "timeout",
                           f"the analysis took longer than {budget:.0f} s; "
                           "try a shorter text or try again later",
                           headers={"Retry-After": "30"})
        if self.analyze_mode == "process":
            try:
                analysis = self._in_process(article, budget, cancelled)
            finally:
                self._slot.release()
        else:
            future = self._worker().submit(lambda: self._get_pipeline().analyze(article))
            # A thread cannot be stopped: the slot stays taken until the analysis ends.
            future.add_done_callback(lambda _f: self._slot.release())
            try:
                analysis = future.result(timeout=budget)
            except FutureTimeout:
                raise timeout from None
        self.remember(analysis)
        return analysis

    def _in_process(self, article: Article, budget: float,
                    cancelled: threading.Event | None) -> Analysis:
        from slant.web._worker import (
            AnalysisCancelled,
            AnalysisFailed,
            AnalysisTimeout,
            ProcessWorker,
        )

        with self._lock:
            if self._process is None:
                self._process = ProcessWorker(self._pipeline_factory, self.settings)
            worker = self._process
        try:
            return worker.run(article, budget, cancelled)
        except AnalysisCancelled:
            raise ApiError(503, "cancelled", "the client went away; the analysis was stopped") \
                from None
        except AnalysisTimeout:
            raise ApiError(503, "timeout",
                           f"the analysis took longer than {budget:.0f} s "
                           "and was stopped; try a shorter text or try again later",
                           headers={"Retry-After": "30"}) from None
        except AnalysisFailed as exc:
            raise ApiError(500, "internal_error",
                           f"the analysis failed ({exc}); see the server log") from None

    @property
    def analysis_pid(self) -> int | None:
        """The analysis child's process id (process mode, while one runs)."""
        return self._process.pid if self._process is not None else None

    def remember(self, analysis: Analysis) -> None:
        """Keep the last few analyses so the Save button can store one without rerunning it."""
        with self._lock:
            self._recent[analysis.article.id] = analysis
            self._recent.move_to_end(analysis.article.id)
            while len(self._recent) > 64:
                self._recent.popitem(last=False)

    def recent(self, article_id: str) -> Analysis | None:
        with self._lock:
            return self._recent.get(article_id)

    # -- inputs ----------------------------------------------------------------------------
    def check_url(self, url: str) -> None:
        if self.options.allow_private_urls:
            allow_any_url(url)
        else:
            check_public_url(url, resolver=self._resolver)

    def _default_fetch(self, url: str, *, check_url: Callable[[str], None], timeout: float,
                       max_bytes: int) -> Article:
        """:func:`slant.ingest.fetch_url`, connecting only to checked public addresses."""
        from slant import __version__
        from slant.ingest import fetch_url

        if self.options.allow_private_urls:
            return fetch_url(url, check_url=check_url, timeout=timeout, max_bytes=max_bytes)
        with pinned_client(self._resolver, timeout=timeout,
                           user_agent=f"slant/{__version__}") as client:
            return fetch_url(url, client=client, check_url=check_url, timeout=timeout,
                             max_bytes=max_bytes)

    def fetch(self, url: str) -> Article:
        url = url.strip()
        self.check_url(url)  # fail fast; the fetcher checks again on every redirect
        return self._fetcher(url, check_url=self.check_url, timeout=self.options.fetch_timeout_s,
                             max_bytes=self.options.fetch_max_bytes)

    def article_from_upload(self, filename: str | None, data: bytes, *,
                            title: str | None = None, source: str | None = None) -> Article:
        if len(data) > self.options.max_body_bytes:
            raise ApiError(413, "too_large", "the file is larger than the upload limit")
        from slant.errors import InputError
        from slant.ingest import read_bytes

        name = filename or "upload"
        found = list(itertools.islice(read_bytes(data, name), 2))
        if len(found) > 1:
            raise InputError("holds more than one article; upload one (`slant ingest` reads "
                             "a file of many)", source=name)
        art = found[0]
        if isinstance(art, InputError):
            raise art
        return _with_meta(art, title=title, source=source)

    def article_from_text(self, text: str, *, title: str | None = None, url: str | None = None,
                          source: str | None = None, published: datetime | None = None) -> Article:
        """An Article from pasted text (the title is detected when not given)."""
        from slant.ingest import read_text

        art = read_text(text, origin="<web>", title=title or None, url=url or None,
                        source=source or None)
        return _with_meta(art, published=published) if published else art


def _with_meta(article: Article, **meta: Any) -> Article:
    update = {k: v for k, v in meta.items() if v}
    if not update:
        return article
    data = article.model_dump()
    data.update(update)
    data["id"] = ""
    return Article(**data)
