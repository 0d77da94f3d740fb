"""What a crawl remembers between runs (:class:`CrawlMemory`: feed validators, links already
stored, failed entries) and when a failed entry is tried again (:class:`RetryPolicy`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol


@dataclass(frozen=True)
class RetryPolicy:
    """When a failed article is tried again: ``base_s`` after the first failure, doubling
    each time up to ``max_wait_s``; after ``max_attempts`` attempts it is given up."""

    base_s: float = 300.0
    max_wait_s: float = 6 * 3600.0
    max_attempts: int = 8

    def wait(self, attempts: int) -> float:
        return min(self.max_wait_s, self.base_s * 2 ** max(0, attempts - 1))


@dataclass
class FeedEntry:
    url: str
    title: str | None = None
    published: datetime | None = None
    author: str | None = None


@dataclass
class FailedEntry:
    """An article of a feed that failed: kept and retried (see :class:`RetryPolicy`)."""

    url: str
    feed: str
    attempts: int
    error: str
    next_attempt: datetime           # UTC; not tried again before
    gave_up: bool = False
    title: str | None = None
    published: datetime | None = None
    author: str | None = None
    feed_title: str | None = None    # names the outlet when the feed is not read again
    first_failed: datetime | None = None
    last_failed: datetime | None = None

    def due(self, policy: RetryPolicy) -> datetime:
        """When it may be tried again under ``policy`` (the current one: a shorter
        ``--retry-after`` applies to failures kept from earlier crawls too)."""
        if self.last_failed is None:
            return self.next_attempt
        return self.last_failed + timedelta(seconds=policy.wait(self.attempts))

    def entry(self) -> FeedEntry:
        return FeedEntry(url=self.url, title=self.title, published=self.published,
                         author=self.author)


class CrawlMemory(Protocol):
    """What the crawler remembers between runs (the CLI backs it with the store)."""

    def validators(self, feed_url: str) -> tuple[str | None, str | None]:
        """(ETag, Last-Modified) saved for ``feed_url``, or (None, None)."""
        ...

    def remember(self, feed_url: str, etag: str | None, last_modified: str | None,
                 status: int | None, error: str | None) -> None: ...

    def known(self, article_url: str) -> bool:
        """True when the article at this URL is stored already (it is not fetched again)."""
        ...

    def failures(self, feed_url: str) -> list[FailedEntry]:
        """The failed entries kept for ``feed_url`` (given up ones included)."""
        ...

    def record_failure(self, failure: FailedEntry) -> None: ...

    def forget_failure(self, article_url: str) -> None: ...


class NoMemory:
    """Remembers nothing between crawls: every feed and link is fetched. Failures are kept
    for the life of the object only."""

    def __init__(self) -> None:
        self._failed: dict[str, FailedEntry] = {}

    def validators(self, feed_url: str) -> tuple[str | None, str | None]:
        return None, None

    def remember(self, *args: object) -> None:
        return None

    def known(self, article_url: str) -> bool:
        return False

    def failures(self, feed_url: str) -> list[FailedEntry]:
        return [f for f in self._failed.values() if f.feed == feed_url]

    def record_failure(self, failure: FailedEntry) -> None:
        self._failed[failure.url] = failure

    def forget_failure(self, article_url: str) -> None:
        self._failed.pop(article_url, None)
