"""Crawling feeds from a local HTTP server on 127.0.0.1: links followed, robots.txt obeyed,
per-host delay kept, ETag remembered, failures reported and passed over."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from slant.errors import FetchError, InputError
from slant.ingest.feeds import Crawler, parse_feed, read_feed_list

PARAS = [
    "The river authority opened the new flood barrier on a grey Tuesday morning.",
    "Engineers said the barrier would protect four thousand homes along the bank.",
    "Residents who had been flooded twice in ten years watched from the footbridge.",
    "The project ran two years late and cost a third more than first planned.",
]


def page(title: str) -> str:
    body = "".join(f"<p>{p} ({title})</p>" for p in PARAS)
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"{body}</article></body></html>")


def rss(base: str, links: list[str]) -> str:
    items = "".join(
        f"<item><title>Item {i}</title><link>{base}{link}</link>"
        f"<pubDate>Tue, 0{i + 1} Sep 2026 10:00:00 GMT</pubDate></item>"
        for i, link in enumerate(links)
    )
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>River Gazette</title>'
            f"<link>{base}</link><description>d</description>{items}</channel></rss>")


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Daily</title><id>urn:x</id>
<updated>2026-09-03T10:00:00Z</updated>
<entry><title>Barrier opens</title><link href="/atom-story"/><id>urn:1</id>
<updated>2026-09-03T09:00:00Z</updated></entry></feed>"""


class Site:
    def __init__(self) -> None:
        self.hits: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                site.hits.append(self.path)
                base = f"http://127.0.0.1:{self.server.server_address[1]}"
                routes = {
                    "/robots.txt": ("text/plain", "User-agent: *\nDisallow: /private/\n"),
                    "/feed.xml": ("application/rss+xml",
                                  rss(base, ["/story-1", "/private/story-2", "/not-article",
                                             "/missing", "/story-3"])),
                    "/atom.xml": ("application/atom+xml", ATOM),
                    "/bad.xml": ("application/rss+xml", "<rss><channel><item><title>broken"),
                    "/story-1": ("text/html", page("Story one")),
                    "/story-3": ("text/html", page("Story three")),
                    "/atom-story": ("text/html", page("Atom story")),
                    "/private/story-2": ("text/html", page("Private")),
                    "/not-article": ("text/html", "<html><body><nav>Home</nav></body></html>"),
                }
                if self.path not in routes:
                    self.send_response(404)
                    self.end_headers()
                    return
                if self.path == "/feed.xml" and self.headers.get("If-None-Match") == '"v1"':
                    self.send_response(304)
                    self.end_headers()
                    return
                ctype, body = routes[self.path]
                data = body.encode("utf-8")
                self.send_response(200)
                self.send_header("Content-Type", f"{ctype}; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                if self.path == "/feed.xml":
                    self.send_header("ETag", '"v1"')
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site():
    s = Site()
    yield s
    s.close()


class Memory:
    def __init__(self) -> None:
        self.state: dict[str, tuple] = {}
        self.stored: set[str] = set()

    def validators(self, url):
        etag, lm, *_ = self.state.get(url, (None, None))
        return etag, lm

    def remember(self, url, etag, lm, status, error):
        self.state[url] = (etag, lm, status, error)

    def known(self, url):
        return url in self.stored


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, s: float) -> None:
        self.slept.append(s)
        self.now += s


def _crawler(memory=None, clock=None, delay=0.0):
    clock = clock or FakeClock()
    return Crawler(memory=memory, delay=delay, timeout=5, clock=clock.clock, sleep=clock.sleep)


def test_crawl_follows_links_and_goes_on_after_failures(site):
    items = list(_crawler().crawl([site.base + "/feed.xml"]))
    by = {i.url.removeprefix(site.base): i for i in items}
    assert by["/story-1"].article.title == "Story one"
    assert by["/story-1"].article.source == "River Gazette"  # from the feed
    assert by["/story-3"].article.url == site.base + "/story-3"
    assert by["/private/story-2"].skipped == "disallowed by robots.txt"
    assert isinstance(by["/not-article"].error, InputError)
    assert "no main text" in str(by["/not-article"].error)
    assert isinstance(by["/missing"].error, FetchError)
    assert "/private/story-2" not in site.hits


def test_atom_feed_and_relative_links(site):
    (item,) = list(_crawler().crawl([site.base + "/atom.xml"]))
    assert item.article.title == "Atom story"
    assert item.url == site.base + "/atom-story"


def test_malformed_feed_is_an_error_and_the_next_feed_is_read(site):
    items = list(_crawler().crawl([site.base + "/bad.xml", site.base + "/nope.xml",
                                   site.base + "/atom.xml"]))
    assert "malformed feed" in str(items[0].error)
    assert "HTTP 404" in str(items[1].error)
    assert items[2].article is not None


def test_etag_makes_the_second_crawl_cheap(site):
    mem = Memory()
    list(_crawler(mem).crawl([site.base + "/feed.xml"]))
    assert mem.validators(site.base + "/feed.xml")[0] == '"v1"'
    site.hits.clear()
    items = list(_crawler(mem).crawl([site.base + "/feed.xml"]))
    assert [i.skipped for i in items] == ["not modified"]
    assert site.hits == ["/robots.txt", "/feed.xml"]


def test_known_articles_are_not_fetched_again(site):
    mem = Memory()
    mem.stored.add(site.base + "/story-1")
    items = list(_crawler(mem).crawl([site.base + "/feed.xml"]))
    assert [i.skipped for i in items if i.url.endswith("/story-1")] == ["already stored"]
    assert "/story-1" not in site.hits


def test_per_host_delay(site):
    clock = FakeClock()
    items = list(_crawler(clock=clock, delay=2.0).crawl([site.base + "/feed.xml"]))
    fetched = sum(1 for i in items if i.article or i.error)
    # robots.txt, the feed, and each page fetched: every request after the first waits 2 s.
    assert len(clock.slept) == 1 + fetched
    assert all(s == pytest.approx(2.0) for s in clock.slept)


def test_parse_feed_rejects_html():
    with pytest.raises(InputError, match="malformed feed"):
        parse_feed(b"<html><body>Hello</body></html>", "http://x.test/feed")


def test_read_feed_list(tmp_path):
    p = tmp_path / "feeds.txt"
    p.write_text("# my feeds\nhttps://a.test/rss\n\nhttps://b.test/atom  # evening\n")
    assert read_feed_list(str(p)) == ["https://a.test/rss", "https://b.test/atom"]
    with pytest.raises(InputError):
        read_feed_list(str(tmp_path / "none.txt"))
