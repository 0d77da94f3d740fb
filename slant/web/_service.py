"""What the routes call: the store, the pipeline (built lazily, once), fetching and uploads.

Nothing heavy is imported here at module level: the pipeline (torch, spaCy) is built on the
first analysis, and the store (SQLAlchemy) on the first request that needs it.
"""

from __future__ import annotations

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
        # One worker: analyses run one at a time, off the request thread, with a deadline.
        self._executor: ThreadPoolExecutor | None = None
        self._recent: OrderedDict[str, Analysis] = OrderedDict()
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
            store = self._store if self._owns_store else None
            if store is not None:
                self._store = None
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)
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
        return stored

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

    def analyze(self, article: Article) -> Analysis:
        """Run the pipeline (built on first use) with the configured deadline."""
        # the server's own limit, and the pipeline's per-article cap (Settings.max_chars)
        limit = min(self.options.max_text_chars, self.settings.max_chars or 1 << 62)
        if len(article.text) > limit:
            raise ApiError(413, "too_large",
                           f"the text has {len(article.text):,} characters; the limit is "
                           f"{limit:,}")
        if not article.text.strip():
            raise ApiError(422, "bad_input", "the text is empty; paste an article or give a URL")
        future = self._worker().submit(lambda: self._get_pipeline().analyze(article))
        try:
            analysis = future.result(timeout=self.options.analyze_timeout_s)
        except FutureTimeout:
            raise ApiError(503, "timeout",
                           f"the analysis took longer than {self.options.analyze_timeout_s:g} s; "
                           "try a shorter text or try again later") from None
        self.remember(analysis)
        return analysis

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
        name = filename or "upload"
        is_html = name.lower().endswith((".html", ".htm", ".xhtml")) or data.lstrip()[:15].lower() \
            .startswith((b"<!doctype html", b"<html"))
        from slant.ingest import decode_bytes, read_html, read_text

        if is_html:
            art = read_html(data, origin=name)
        else:
            art = read_text(decode_bytes(data, source=name), origin=name)
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
