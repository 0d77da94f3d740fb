"""Crawling RSS and Atom feeds: new article links, fetched politely, read with trafilatura.

    crawler = Crawler(memory=my_memory, delay=2.0)
    for item in crawler.crawl(["https://news.example/rss"]):
        if item.article: ...            # a new Article (not yet known to ``memory``)
        elif item.error: ...            # this feed or page failed; the crawl went on

Politeness: robots.txt is read once per host and obeyed (its ``Crawl-delay`` too, when
longer than ``delay``); requests to one host are at least ``delay`` seconds apart. Feeds are
fetched conditionally (``If-None-Match`` / ``If-Modified-Since`` from the ETag and
Last-Modified the memory kept), so an unchanged feed costs one 304.

The crawler stores nothing itself: ``memory`` (any object with the :class:`CrawlMemory`
methods) remembers feed validators and says which links are already known. Errors never end
the crawl: a malformed feed or a page that is not an article comes back as an item with an
``error`` (an :class:`~slant.errors.InputError`), and the next item follows.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from slant import __version__
from slant.errors import FetchError, InputError, SlantError
from slant.ingest.url import TIMEOUT_S, article_from_fetched, fetch, is_url
from slant.models import Article

USER_AGENT = f"slant/{__version__} (+https://github.com/slant; news research crawler)"
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml",
              "application/rdf+xml", "application/feed+json", "text/html", "text/plain")
MAX_FEED_BYTES = 5 * 1024 * 1024


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


class NoMemory:
    """Remembers nothing: every feed and link is fetched."""

    def validators(self, feed_url: str) -> tuple[str | None, str | None]:
        return None, None

    def remember(self, *args: object) -> None:
        return None

    def known(self, article_url: str) -> bool:
        return False


@dataclass
class FeedEntry:
    url: str
    title: str | None = None
    published: datetime | None = None
    author: str | None = None


@dataclass
class Feed:
    url: str
    title: str | None
    entries: list[FeedEntry] = field(default_factory=list)


@dataclass
class CrawlItem:
    """One outcome: an ``article``, an ``error``, or a ``skipped`` reason
    ('not modified', 'already stored', 'disallowed by robots.txt')."""

    feed: str
    url: str
    article: Article | None = None
    error: SlantError | None = None
    skipped: str | None = None


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
        published = datetime(*when[:6], tzinfo=UTC) if when else None
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
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.memory = memory or NoMemory()
        self.client = client or httpx.Client(timeout=timeout, headers={"User-Agent": USER_AGENT})
        self.delay = delay
        self.timeout = timeout
        self.robots = robots
        self.max_per_feed = max_per_feed
        self.clock, self.sleep = clock, sleep
        self._last: dict[str, float] = {}
        self._robots: dict[str, RobotFileParser | None] = {}

    # -- politeness ----------------------------------------------------------------------
    def _host(self, url: str) -> str:
        p = urlsplit(url)
        return f"{p.scheme}://{p.netloc}".lower()

    def _wait(self, url: str) -> None:
        host = self._host(url)
        gap = self.delay
        rp = self._robots.get(host)
        if rp is not None:
            cd = rp.crawl_delay(USER_AGENT)
            if cd is not None and float(cd) > gap:
                gap = float(cd)
        last = self._last.get(host)
        if last is not None:
            left = last + gap - self.clock()
            if left > 0:
                self.sleep(left)
        self._last[host] = self.clock()

    def allowed(self, url: str) -> bool:
        """Whether robots.txt of ``url``'s host lets slant fetch it (fetched once per host).
        A missing robots.txt allows everything; one that fails to load (5xx) allows nothing."""
        if not self.robots:
            return True
        host = self._host(url)
        if host not in self._robots:
            self._wait(host + "/robots.txt")
            rp = RobotFileParser()
            try:
                r = self.client.get(host + "/robots.txt", timeout=self.timeout)
                if r.status_code >= 500:
                    rp.disallow_all = True
                elif r.status_code >= 400:
                    rp.allow_all = True
                else:
                    rp.parse(r.text.splitlines())
            except httpx.HTTPError:
                rp.allow_all = True  # unreachable robots.txt: the page fetch will tell
            self._robots[host] = rp
        rp = self._robots[host]
        return rp is None or rp.can_fetch(USER_AGENT, url)

    # -- fetching ------------------------------------------------------------------------
    def fetch_feed(self, url: str) -> Feed | None:
        """The feed at ``url``, or None when it has not changed since the last crawl."""
        if not is_url(url):
            raise InputError("not an http(s) URL", source=url)
        etag, modified = self.memory.validators(url)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        self._wait(url)
        try:
            r = self.client.get(url, headers=headers, timeout=self.timeout, follow_redirects=True)
        except httpx.TimeoutException:
            raise FetchError(f"timed out after {self.timeout:g} s", source=url) from None
        except httpx.HTTPError as e:
            raise FetchError(f"could not connect ({e or type(e).__name__})", source=url) from None
        if r.status_code == 304:
            self.memory.remember(url, etag, modified, 304, None)
            return None
        if r.status_code >= 400:
            raise FetchError(f"HTTP {r.status_code} {r.reason_phrase}".rstrip(), source=url)
        if len(r.content) > MAX_FEED_BYTES:
            raise FetchError(f"feed too large: over {MAX_FEED_BYTES // (1024 * 1024)} MB", source=url)
        feed = parse_feed(r.content, url)
        self.memory.remember(url, r.headers.get("etag"), r.headers.get("last-modified"),
                             r.status_code, None)
        return feed

    def fetch_article(self, entry: FeedEntry, feed: Feed) -> Article:
        """The article page of a feed entry; the feed fills what the page does not say
        (title, date, author; the outlet when the page names only its host)."""
        self._wait(entry.url)
        fetched = fetch(entry.url, client=self.client, timeout=self.timeout)
        article = article_from_fetched(fetched)
        fill = {}
        if not article.title and entry.title:
            fill["title"] = entry.title
        if not article.published and entry.published:
            fill["published"] = entry.published
        if not article.author and entry.author:
            fill["author"] = entry.author
        page_host = urlsplit(article.url or entry.url)
        if feed.title and (not article.source
                           or article.source in (page_host.netloc, page_host.hostname)):
            fill["source"] = feed.title  # the feed's name beats a bare host name
        return article.model_copy(update=fill) if fill else article

    def crawl(self, feeds: Iterable[str]) -> Iterator[CrawlItem]:
        """Every new article of every feed, as items; failures are items too."""
        for feed_url in feeds:
            try:
                if not self.allowed(feed_url):
                    yield CrawlItem(feed_url, feed_url, skipped="disallowed by robots.txt")
                    continue
                feed = self.fetch_feed(feed_url)
            except SlantError as exc:
                self.memory.remember(feed_url, None, None, None, str(exc))
                yield CrawlItem(feed_url, feed_url, error=exc)
                continue
            if feed is None:
                yield CrawlItem(feed_url, feed_url, skipped="not modified")
                continue
            entries = feed.entries[: self.max_per_feed] if self.max_per_feed else feed.entries
            yield from self.entry_items(feed_url, feed, entries)

    def entry_items(self, source: str, feed: Feed,
                    entries: Iterable[FeedEntry]) -> Iterator[CrawlItem]:
        """Items for ``entries`` of a feed already read (``source`` names it in each item):
        known URLs and ones robots.txt forbids are skipped, the rest fetched."""
        for entry in entries:
            if self.memory.known(entry.url):
                yield CrawlItem(source, entry.url, skipped="already stored")
                continue
            try:
                if not self.allowed(entry.url):
                    yield CrawlItem(source, entry.url, skipped="disallowed by robots.txt")
                    continue
                yield CrawlItem(source, entry.url, article=self.fetch_article(entry, feed))
            except SlantError as exc:
                yield CrawlItem(source, entry.url, error=exc)

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
