"""One pass over feeds into the store: :func:`crawl`, with the crawler's memory in the store.

:class:`StoreMemory` keeps what :class:`slant.ingest.feeds.Crawler` must remember between
crawls in the store: each feed's validators (ETag, Last-Modified), which article links are
stored already, and the articles that failed, to be retried after a back-off. ``slant crawl``
(and ``slant ingest`` given feeds) call :func:`crawl` and print its :class:`CrawlReport`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from slant.corpus.ingesting import AnalyzesArticles, Ingester, IngestReport, OnError, OnWarning
from slant.errors import FetchError, InputError, SlantError
from slant.ingest.feeds import (
    CrawlItem,
    Crawler,
    FailedEntry,
    RetryPolicy,
    parse_feed,
)
from slant.models import Article

if TYPE_CHECKING:  # pragma: no cover
    from slant.store import Store

FEED_SUFFIXES = (".rss", ".atom", ".xml", "/feed", "/feed/", "/rss", "/rss/", "/atom", "/atom/")


def is_feed(item: str) -> bool:
    """Inputs read as feeds: URLs or files ending in .rss/.atom/.xml, or URLs ending in /feed,
    /rss or /atom."""
    low = item.lower().split("?", 1)[0]
    return low.endswith(FEED_SUFFIXES)


@dataclass
class CrawlReport(IngestReport):
    """An :class:`IngestReport` with the crawl's own outcomes: articles ``retried`` (failed
    before, fetched now), links skipped as disallowed by ``robots`` txt, earlier failures
    ``waiting`` for their back-off (the first due at ``next_retry``), and ``given_up``."""

    retried: int = 0
    robots: int = 0
    waiting: int = 0
    given_up: int = 0
    next_retry: datetime | None = None

    def crawl_summary(self) -> str:
        """The crawl's part of the summary line ("; 1 retried, 2 given up"; empty when
        there is nothing to say)."""
        parts = []
        if self.retried:
            parts.append(f"{self.retried} retried")
        if self.robots:
            parts.append(f"{self.robots} disallowed by robots.txt")
        if self.waiting:
            when = self.next_retry
            parts.append(f"{self.waiting} failed earlier, waiting to retry"
                         + (f" (next after {when:%Y-%m-%d %H:%M} UTC)" if when else ""))
        if self.given_up:
            parts.append(f"{self.given_up} given up")
        return ("; " + ", ".join(parts)) if parts else ""

    def summary(self) -> str:
        return super().summary() + self.crawl_summary()


class StoreMemory:
    """The crawler's memory, kept in the store (feed validators; stored article URLs;
    failed articles, to be retried): a :class:`slant.ingest.feeds.CrawlMemory`."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def validators(self, url: str) -> tuple[str | None, str | None]:
        st = self.store.feed_state(url)
        return (st.etag, st.last_modified) if st else (None, None)

    def remember(self, url: str, etag: str | None, last_modified: str | None,
                 status: int | None, error: str | None) -> None:
        from slant.store import FeedState

        self.store.save_feed_state(FeedState(
            url=url, etag=etag, last_modified=last_modified, status=status, error=error,
            fetched_at=datetime.now(UTC)))

    def known(self, url: str) -> bool:
        return self.store.find(Article(text="-", url=url)) is not None

    def failures(self, feed_url: str) -> list[FailedEntry]:
        return [FailedEntry(url=f.url, feed=f.feed, attempts=f.attempts, error=f.error,
                            next_attempt=f.next_attempt, gave_up=f.gave_up, title=f.title,
                            published=f.published, author=f.author, feed_title=f.feed_title,
                            first_failed=f.first_failed, last_failed=f.last_failed)
                for f in self.store.crawl_failures(feed_url)]

    def record_failure(self, failure: FailedEntry) -> None:
        from slant.store import CrawlFailure

        self.store.save_crawl_failure(CrawlFailure(
            url=failure.url, feed=failure.feed, attempts=failure.attempts, error=failure.error,
            next_attempt=failure.next_attempt, gave_up=failure.gave_up, title=failure.title,
            published=failure.published, author=failure.author,
            feed_title=failure.feed_title, first_failed=failure.first_failed,
            last_failed=failure.last_failed or datetime.now(UTC)))

    def forget_failure(self, url: str) -> None:
        self.store.forget_crawl_failure(url)


def crawl(store: Store, feeds: Sequence[str], pipeline: AnalyzesArticles, *,
          delay: float = 1.0, max_per_feed: int | None = None, allow_private: bool = False,
          contact: str | None = None, retry: RetryPolicy | None = None,
          reanalyze: bool = False, on_error: OnError | None = None,
          on_warning: OnWarning | None = None, report: CrawlReport | None = None) -> CrawlReport:
    """Crawl ``feeds`` once: fetch each feed (an http(s) URL, or a local feed file whose links
    are fetched), then its new article pages and the earlier failures that are due, and
    analyze and store the articles as :func:`~slant.corpus.ingest` does.

    Polite and guarded as :class:`slant.ingest.feeds.Crawler` is (robots.txt, ``delay``
    seconds between requests to one host, no private addresses unless ``allow_private``;
    ``contact`` goes into the user agent). Failed articles are kept in the store and retried
    by later crawls after ``retry``'s back-off. Every failure (a feed, a page) is an error
    of the report, passed to ``on_error``; links robots.txt disallows are passed to
    ``on_warning``. Counts are added to ``report`` when one is given.
    """
    report = report if report is not None else CrawlReport()
    ing = Ingester(store, pipeline, reanalyze=reanalyze, report=report, on_error=on_error,
                   on_warning=on_warning)
    crawler = Crawler(memory=StoreMemory(store), delay=delay, max_per_feed=max_per_feed,
                      allow_private=allow_private, contact=contact, retry=retry)
    try:
        for feed in feeds:
            if feed.lower().startswith(("http://", "https://")):
                items = crawler.crawl([feed])
            else:
                items = _local_feed_items(crawler, feed, ing)
            for item in items:
                _take(item, ing, report)
    finally:
        crawler.close()
    return report


def _take(item: CrawlItem, ing: Ingester, report: CrawlReport) -> None:
    """Count one crawl item: store its article, or report its error or why it was skipped
    ('not modified' is not worth a word)."""
    if item.error is not None:
        if item.attempts > 1 or item.retry_at is not None:
            when = (f"retry after {item.retry_at:%Y-%m-%d %H:%M} UTC"
                    if item.retry_at else "given up")
            ing.error(FetchError(f"{item.error} (attempt {item.attempts}; {when})"
                                 .removeprefix(f"{item.url}: "), source=item.url))
        else:
            ing.error(item.error)
        return
    if item.retried:
        report.retried += 1
    if item.article is not None:
        ing.add(item.article)
    elif item.skipped == "already stored":
        report.skipped += 1
    elif item.skipped == "waiting to retry":
        report.waiting += 1
        if report.next_retry is None or (item.retry_at and item.retry_at < report.next_retry):
            report.next_retry = item.retry_at
    elif item.skipped and item.skipped.startswith("given up"):
        report.given_up += 1
    elif item.skipped == "disallowed by robots.txt":
        report.robots += 1
        ing.warning(f"{item.url}: skipped: disallowed by robots.txt")


def _local_feed_items(crawler: Crawler, path: str, ing: Ingester) -> Iterator[CrawlItem]:
    try:
        feed = parse_feed(Path(path).read_bytes(), path)
    except OSError as exc:
        ing.error(InputError(f"cannot read ({exc.strerror})", source=path))
        return
    except SlantError as exc:
        ing.error(exc)
        return
    yield from crawler.entry_items(path, feed, feed.entries)
