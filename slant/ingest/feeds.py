"""Crawling RSS and Atom feeds: new article links, fetched politely, read with trafilatura.

    crawler = Crawler(memory=my_memory, delay=2.0)
    for item in crawler.crawl(["https://news.example/rss"]):
        if item.article: ...            # a new Article (not yet known to ``memory``)
        elif item.error: ...            # this feed or page failed; the crawl went on
        elif item.skipped: ...          # why it was not fetched (robots.txt, back-off, ...)

Politeness: robots.txt is read once per host and crawl (RFC 9309, parsed by protego:
``*`` and ``$`` patterns, the longest match wins) and obeyed, its ``Crawl-delay`` too when
longer than ``delay``; requests to one host are at least ``delay`` seconds apart. A
robots.txt that answers 4xx allows everything; one that cannot be read (5xx, no
connection, time-out) allows nothing from its host for that crawl, and what was not
fetched is an error item, retried like any failure. The user agent is ``slant/VERSION``
with the project's address (when its package metadata names one) and the operator's
``contact``; robots.txt groups for ``slant`` apply to it. Feeds are fetched conditionally
(``If-None-Match`` / ``If-Modified-Since`` from the ETag and Last-Modified the memory
kept), so an unchanged feed costs one 304.

Limits: every fetch (robots.txt, feed, page) is streamed under a byte cap (feeds
:data:`MAX_FEED_BYTES`, pages :data:`~slant.ingest.url.MAX_BYTES`, robots.txt the first
:data:`MAX_ROBOTS_BYTES`) and ends by a total deadline (``timeout``), however slowly the
server answers. Unless ``allow_private`` is set, no URL (feed, page, redirect) whose host
is a private, loopback, link-local or metadata address is fetched: the same guard as the
web app's, :mod:`slant.ingest.guard`.

Failures are kept: an article page that fails (a 503, a time-out, not an article) is
remembered with its feed entry and retried by later crawls, whether or not the feed has
changed, after a back-off that doubles each time (:class:`RetryPolicy`: 5 minutes, then
10, 20, ... up to 6 hours; after 8 attempts it is given up and reported as such). The
policy in force decides: a shorter back-off or more attempts apply to the failures kept
from earlier crawls too. An
article that succeeds, or is found already stored, is forgotten as a failure. The feed's
validators are saved only once all of its entries have been handed out, so a crawl cut
short reads the whole feed again next time.

The crawler stores nothing itself: ``memory`` (any object with the :class:`CrawlMemory`
methods) remembers feed validators and failed entries and says which links are already
known. Errors never end the crawl: a malformed feed or a page that is not an article comes
back as an item with an ``error`` (an :class:`~slant.errors.InputError`), and the next item
follows.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import httpx

from slant.errors import FetchError, InputError, SlantError
from slant.ingest.crawl_memory import (
    CrawlMemory,
    FailedEntry,
    FeedEntry,
    NoMemory,
    RetryPolicy,
)
from slant.ingest.guard import Resolver, guarded_client, system_resolver, url_check
from slant.ingest.robots import MAX_ROBOTS_BYTES, ROBOTS_TOKEN, Robots, user_agent
from slant.ingest.url import MAX_BYTES, TIMEOUT_S, article_from_fetched, fetch, is_url
from slant.models import Article

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml",
              "application/rdf+xml", "application/feed+json", "application/json",
              "application/x-rss+xml", "application/octet-stream", "text/html", "text/plain")
MAX_FEED_BYTES = 5 * 1024 * 1024
@dataclass
class Feed:
    url: str
    title: str | None
    entries: list[FeedEntry] = field(default_factory=list)
    etag: str | None = None
    last_modified: str | None = None
    status: int | None = None


@dataclass
class CrawlItem:
    """One outcome: an ``article``, an ``error``, or a ``skipped`` reason ('not modified',
    'already stored', 'disallowed by robots.txt', 'waiting to retry', 'given up after N
    attempts'). ``attempts`` counts the tries of an article that failed before (this one
    included); ``retry_at`` is when a failed or waiting article is due again."""

    feed: str
    url: str
    article: Article | None = None
    error: SlantError | None = None
    skipped: str | None = None
    attempts: int = 0
    retry_at: datetime | None = None

    @property
    def retried(self) -> bool:
        """This article had failed before and was tried again now."""
        return self.attempts > 1 and self.skipped is None


def parse_feed(content: bytes | str, url: str) -> Feed:
    """Entries of an RSS/Atom document; InputError when it is not a readable feed."""
    import feedparser

    parsed = feedparser.parse(content)
    entries: list[FeedEntry] = []
    for e in parsed.entries:
        link = e.get("link") or next((lk.get("href") for lk in e.get("links", []) if lk.get("href")), None)
        if not link:
            continue
        link = str(httpx.URL(url).join(link))
        when = e.get("published_parsed") or e.get("updated_parsed")
        published = None
        if when:
            year, month, day, hour, minute, second = when[:6]
            published = datetime(year, month, day, hour, minute, second, tzinfo=UTC)
        entries.append(FeedEntry(url=link, title=e.get("title"), published=published,
                                 author=e.get("author")))
    if not entries and (parsed.bozo or not parsed.get("version")):
        reason = getattr(parsed.get("bozo_exception"), "getMessage", None)
        detail = reason() if callable(reason) else str(parsed.get("bozo_exception") or "no entries")
        raise InputError(f"malformed feed: not RSS or Atom ({detail})", source=url)
    title = parsed.feed.get("title") if hasattr(parsed, "feed") else None
    return Feed(url=url, title=title, entries=entries)


class Crawler:
    """Fetches feeds and their new article pages; see the module docstring."""

    def __init__(
        self,
        *,
        memory: CrawlMemory | None = None,
        client: httpx.Client | None = None,
        delay: float = 1.0,
        timeout: float = TIMEOUT_S,
        robots: bool = True,
        max_per_feed: int | None = None,
        allow_private: bool = False,
        resolver: Resolver = system_resolver,
        contact: str | None = None,
        max_feed_bytes: int = MAX_FEED_BYTES,
        max_page_bytes: int = MAX_BYTES,
        retry: RetryPolicy | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.memory = memory or NoMemory()
        self.user_agent = user_agent(contact)
        self.check_url = url_check(allow_private, resolver)
        self.client = client or guarded_client(None if allow_private else resolver,
                                               timeout=timeout, user_agent=self.user_agent)
        self.delay = delay
        self.timeout = timeout
        self.robots = robots
        self.max_per_feed = max_per_feed
        self.max_feed_bytes = max_feed_bytes
        self.max_page_bytes = max_page_bytes
        self.retry = retry or RetryPolicy()
        self.clock, self.sleep, self.now = clock, sleep, now
        self._last: dict[str, float] = {}
        self._robots: dict[str, Robots] = {}

    # -- politeness ----------------------------------------------------------------------
    def _host(self, url: str) -> str:
        p = urlsplit(url)
        return f"{p.scheme}://{p.netloc}".lower()

    def _wait(self, url: str) -> None:
        host = self._host(url)
        gap = self.delay
        rb = self._robots.get(host)
        if rb is not None and rb.rules is not None:
            cd = rb.rules.crawl_delay(ROBOTS_TOKEN)
            if cd is not None and float(cd) > gap:
                gap = float(cd)
        last = self._last.get(host)
        if last is not None:
            left = last + gap - self.clock()
            if left > 0:
                self.sleep(left)
        self._last[host] = self.clock()

    def _robots_of(self, url: str) -> Robots:
        host = self._host(url)
        if host not in self._robots:
            self._wait(host + "/robots.txt")
            try:
                fetched = fetch(host + "/robots.txt", client=self.client, timeout=self.timeout,
                                max_bytes=MAX_ROBOTS_BYTES, check_url=self.check_url, accept=(),
                                truncate=True, headers={"User-Agent": self.user_agent})
            except FetchError as exc:
                why = str(exc).removeprefix(f"{host}/robots.txt: ")
                status = why.split()[1] if why.startswith("HTTP ") else ""
                if status.isdigit() and 400 <= int(status) < 500:
                    rb = Robots()  # no robots.txt: everything is allowed
                else:  # RFC 9309: an unreachable robots.txt means complete disallow
                    rb = Robots(unreachable=why)
            else:
                from protego import Protego

                text = fetched.content.decode("utf-8", "replace")  # RFC 9309: UTF-8
                rb = Robots(rules=Protego.parse(text) if text.strip() else None)
            self._robots[host] = rb
        return self._robots[host]

    def allowed(self, url: str) -> bool:
        """Whether robots.txt of ``url``'s host lets slant fetch it (read once per host and
        crawl). A missing robots.txt (4xx) allows everything. Raises FetchError when
        robots.txt cannot be read (5xx, no connection, time-out): nothing may be fetched."""
        if not self.robots:
            return True
        rb = self._robots_of(url)
        if rb.unreachable is not None:
            raise FetchError(f"not fetched: robots.txt of {self._host(url)} could not be read "
                             f"({rb.unreachable})", source=url)
        return rb.rules is None or bool(rb.rules.can_fetch(url, ROBOTS_TOKEN))

    # -- fetching ------------------------------------------------------------------------
    def fetch_feed(self, url: str) -> Feed | None:
        """The feed at ``url``, or None when it has not changed since the last crawl. The
        validators to save come back on the Feed (:meth:`crawl` saves them when done)."""
        if not is_url(url):
            raise InputError("not an http(s) URL", source=url)
        etag, modified = self.memory.validators(url)
        headers = {"User-Agent": self.user_agent}
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        self._wait(url)
        fetched = fetch(url, client=self.client, timeout=self.timeout,
                        max_bytes=self.max_feed_bytes, check_url=self.check_url,
                        accept=FEED_TYPES, headers=headers)
        if fetched.not_modified:
            self.memory.remember(url, etag, modified, 304, None)
            return None
        feed = parse_feed(fetched.content, url)
        feed.etag, feed.last_modified, feed.status = (fetched.etag, fetched.last_modified,
                                                      fetched.status)
        return feed

    def fetch_article(self, entry: FeedEntry, feed: Feed | None) -> Article:
        """The article page of a feed entry; the feed fills what the page does not say
        (title, date, author; the outlet when the page names only its host)."""
        self._wait(entry.url)
        fetched = fetch(entry.url, client=self.client, timeout=self.timeout,
                        max_bytes=self.max_page_bytes, check_url=self.check_url,
                        headers={"User-Agent": self.user_agent})
        article = article_from_fetched(fetched)
        fill: dict[str, Any] = {}
        if not article.title and entry.title:
            fill["title"] = entry.title
        if not article.published and entry.published:
            fill["published"] = entry.published
        if not article.author and entry.author:
            fill["author"] = entry.author
        page_host = urlsplit(article.url or entry.url)
        title = feed.title if feed is not None else None
        if title and (not article.source
                      or article.source in (page_host.netloc, page_host.hostname)):
            fill["source"] = title  # the feed's name beats a bare host name
        return article.model_copy(update=fill) if fill else article

    def crawl(self, feeds: Iterable[str]) -> Iterator[CrawlItem]:
        """Every new article of every feed, and the earlier failures that are due again,
        as items; failures and skips are items too."""
        for feed_url in feeds:
            feed: Feed | None = None
            try:
                if not is_url(feed_url):
                    raise InputError("not an http(s) URL", source=feed_url)
                self.check_url(feed_url)
                if not self.allowed(feed_url):
                    yield CrawlItem(feed_url, feed_url, skipped="disallowed by robots.txt")
                else:
                    feed = self.fetch_feed(feed_url)
                    if feed is None:
                        yield CrawlItem(feed_url, feed_url, skipped="not modified")
            except SlantError as exc:
                self.memory.remember(feed_url, None, None, None, str(exc))
                yield CrawlItem(feed_url, feed_url, error=exc)
            entries = (feed.entries[: self.max_per_feed] if self.max_per_feed else feed.entries
                       ) if feed is not None else []
            # earlier failures are retried whether the feed changed, failed or was skipped
            yield from self.entry_items(feed_url, feed, entries)
            if feed is not None:  # every entry handed out: the feed counts as read
                self.memory.remember(feed_url, feed.etag, feed.last_modified, feed.status, None)

    def entry_items(self, source: str, feed: Feed | None,
                    entries: Iterable[FeedEntry]) -> Iterator[CrawlItem]:
        """Items for ``entries`` of a feed already read (``source`` names it in each item),
        then for the earlier failures of ``source`` that are not among them: known URLs and
        ones robots.txt forbids are skipped, failures not yet due wait, the rest fetched."""
        failed = {f.url: f for f in self.memory.failures(source)}
        seen: set[str] = set()
        for entry in entries:
            if entry.url in seen:
                continue
            seen.add(entry.url)
            yield from self._entry_item(source, feed, entry, failed.get(entry.url))
        for url, failure in failed.items():
            if url not in seen:
                known = feed or Feed(url=source, title=failure.feed_title)
                yield from self._entry_item(source, known, failure.entry(), failure)

    def _entry_item(self, source: str, feed: Feed | None, entry: FeedEntry,
                    failure: FailedEntry | None) -> Iterator[CrawlItem]:
        if self.memory.known(entry.url):
            if failure is not None:
                self.memory.forget_failure(entry.url)
            yield CrawlItem(source, entry.url, skipped="already stored")
            return
        attempts = failure.attempts + 1 if failure is not None else 1
        if failure is not None and failure.attempts >= self.retry.max_attempts:
            yield CrawlItem(source, entry.url, attempts=failure.attempts,
                            skipped=f"given up after {failure.attempts} attempts "
                            f"(last: {failure.error})")
            return
        if failure is not None and failure.due(self.retry) > self.now():
            yield CrawlItem(source, entry.url, attempts=failure.attempts,
                            retry_at=failure.due(self.retry), skipped="waiting to retry")
            return
        try:
            self.check_url(entry.url)
            if not self.allowed(entry.url):
                if failure is not None:
                    self.memory.forget_failure(entry.url)
                yield CrawlItem(source, entry.url, skipped="disallowed by robots.txt")
                return
            article = self.fetch_article(entry, feed)
        except SlantError as exc:
            now = self.now()
            gave_up = attempts >= self.retry.max_attempts
            retry_at = now + timedelta(seconds=self.retry.wait(attempts))
            self.memory.record_failure(FailedEntry(
                url=entry.url, feed=source, attempts=attempts, error=str(exc),
                next_attempt=retry_at, gave_up=gave_up, title=entry.title,
                published=entry.published, author=entry.author,
                feed_title=feed.title if feed is not None else None,
                first_failed=failure.first_failed if failure is not None else now,
                last_failed=now))
            yield CrawlItem(source, entry.url, error=exc, attempts=attempts,
                            retry_at=None if gave_up else retry_at)
            return
        yield CrawlItem(source, entry.url, article=article, attempts=attempts)
        if failure is not None:  # the consumer has taken the article: no longer a failure
            self.memory.forget_failure(entry.url)

    def close(self) -> None:
        self.client.close()


def read_feed_list(path: str) -> list[str]:
    """Feed URLs from a file: one a line; blank lines and ``#`` comments ignored."""
    try:
        with open(path, encoding="utf-8") as fh:
            lines = fh.read().splitlines()
    except OSError as exc:
        raise InputError(f"cannot read the feed list ({exc.strerror})", source=path) from None
    urls = [ln.split("#", 1)[0].strip() for ln in lines]
    return [u for u in urls if u]
