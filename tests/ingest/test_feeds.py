"""Crawling feeds from a local HTTP server on 127.0.0.1: links followed, robots.txt obeyed,
per-host delay kept, ETag remembered, failures reported and passed over."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from slant.errors import FetchError, InputError
from slant.ingest.feeds import Crawler, NoMemory, RetryPolicy, parse_feed, read_feed_list

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


class Memory(NoMemory):
    def __init__(self) -> None:
        super().__init__()
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


def _crawler(memory=None, clock=None, delay=0.0, **kw):
    clock = clock or FakeClock()
    return Crawler(memory=memory, delay=delay, timeout=5, clock=clock.clock, sleep=clock.sleep,
                   allow_private=True, **kw)


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
    # the feed is unchanged; its two failed articles wait for their retry time
    assert [i.skipped for i in items] == ["not modified", "waiting to retry", "waiting to retry"]
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


# -- failed articles are kept and retried ----------------------------------------------------
class FlakySite(Site):
    """/feed.xml (ETag "v1", then 304) lists /flaky, which answers 503 ``fail`` times."""

    def __init__(self, fail: int) -> None:
        self.fail = fail
        self.served = 0
        super().__init__()
        handler = self.server.RequestHandlerClass
        site = self
        old = handler.do_GET

        def do_get(h):
            if h.path == "/flaky":
                site.hits.append(h.path)
                if site.fail > 0:
                    site.fail -= 1
                    h.send_response(503)
                    h.send_header("Content-Length", "0")
                    h.end_headers()
                    return
                data = page("Flaky story").encode()
                h.send_response(200)
                h.send_header("Content-Type", "text/html")
                h.send_header("Content-Length", str(len(data)))
                h.end_headers()
                h.wfile.write(data)
                return
            if h.path == "/feed.xml":
                if h.headers.get("If-None-Match") == '"v1"':
                    site.hits.append(h.path)
                    h.send_response(304)
                    h.end_headers()
                    return
                site.hits.append(h.path)
                base = f"http://127.0.0.1:{h.server.server_address[1]}"
                data = rss(base, ["/flaky"]).encode()
                h.send_response(200)
                h.send_header("Content-Type", "application/rss+xml")
                h.send_header("Content-Length", str(len(data)))
                h.send_header("ETag", '"v1"')
                h.end_headers()
                h.wfile.write(data)
                return
            old(h)

        handler.do_GET = do_get


class WallClock:
    def __init__(self) -> None:
        from datetime import UTC, datetime

        self.t = datetime(2026, 9, 1, 12, 0, tzinfo=UTC)

    def __call__(self):
        return self.t

    def advance(self, seconds: float) -> None:
        from datetime import timedelta

        self.t += timedelta(seconds=seconds)


def test_a_failed_article_is_retried_after_back_off_though_the_feed_is_unchanged():
    site = FlakySite(fail=1)
    try:
        mem, wall = Memory(), WallClock()
        feed = site.base + "/feed.xml"
        (item,) = list(_crawler(mem, now=wall).crawl([feed]))
        assert "HTTP 503" in str(item.error) and item.attempts == 1
        assert (item.retry_at - wall()).total_seconds() == 300  # the first back-off: 5 min
        # a minute later the feed is unchanged (304) and the article is not due yet
        wall.advance(60)
        items = list(_crawler(mem, now=wall).crawl([feed]))
        assert [i.skipped for i in items] == ["not modified", "waiting to retry"]
        assert site.hits.count("/flaky") == 1
        # once due, it is fetched again whatever the feed's ETag says, and succeeds
        wall.advance(300)
        items = list(_crawler(mem, now=wall).crawl([feed]))
        assert items[0].skipped == "not modified"
        assert items[1].article.title == "Flaky story" and items[1].retried
        assert items[1].article.published is not None  # the entry's date was kept
        assert mem.failures(feed) == []
    finally:
        site.close()


def test_back_off_doubles_and_an_article_is_given_up_after_max_attempts():
    site = FlakySite(fail=100)
    try:
        mem, wall = Memory(), WallClock()
        feed = site.base + "/feed.xml"
        policy = RetryPolicy(base_s=60, max_attempts=3)
        waits = []
        for _ in range(3):
            items = [i for i in _crawler(mem, now=wall, retry=policy).crawl([feed])
                     if i.url.endswith("/flaky")]
            assert items[0].error is not None
            if items[0].retry_at is not None:
                waits.append((items[0].retry_at - wall()).total_seconds())
            wall.advance(10_000)
        assert waits == [60, 120]  # the third failure gives up: no retry time
        (f,) = mem.failures(feed)
        assert f.gave_up and f.attempts == 3 and "HTTP 503" in f.error
        items = list(_crawler(mem, now=wall, retry=policy).crawl([feed]))
        assert items[-1].skipped.startswith("given up after 3 attempts")
        assert site.hits.count("/flaky") == 3
    finally:
        site.close()


# -- feeds are streamed under the byte cap and a total deadline -------------------------------
class RawServer:
    """A TCP server whose handler writes raw bytes (to send a feed slowly or without end)."""

    def __init__(self, handler) -> None:
        import socketserver

        self.sent = 0
        outer = self

        class H(socketserver.BaseRequestHandler):
            def handle(self):
                self.request.recv(65536)
                try:
                    handler(self.request, outer)
                except OSError:
                    pass  # the client hung up

        class S(socketserver.ThreadingTCPServer):
            daemon_threads = True
            allow_reuse_address = True

        self.server = S(("127.0.0.1", 0), H)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _endless_feed(sock, srv):
    sock.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
                 b"Transfer-Encoding: chunked\r\n\r\n")
    item = b"<item><title>x</title><link>http://127.0.0.1/x</link></item>" * 1000
    head = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>'
    for part in [head] + [item] * 2000:  # about 120 MB if nobody stops reading
        sock.sendall(b"%x\r\n%s\r\n" % (len(part), part))
        srv.sent += len(part)
    sock.sendall(b"0\r\n\r\n")


def test_a_feed_is_streamed_and_stops_at_the_byte_cap():
    srv = RawServer(_endless_feed)
    try:
        (item,) = list(_crawler(robots=False, max_feed_bytes=1024 * 1024)
                       .crawl([srv.base + "/feed.xml"]))
        assert "too large: over 1 MB" in str(item.error)
        time.sleep(0.2)
        assert srv.sent < 20 * 1024 * 1024  # the download stopped near the cap
    finally:
        srv.close()


def _trickle(sock, srv, *, headers_too: bool):
    head = (b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
            b"Content-Length: 100000\r\n\r\n")
    if headers_too:
        for b in head:
            sock.sendall(bytes([b]))
            time.sleep(0.1)
    else:
        sock.sendall(head)
    for _ in range(200):  # one byte every 0.1 s: 20 s, each read well inside the timeout
        sock.sendall(b" ")
        time.sleep(0.1)


@pytest.mark.parametrize("headers_too", [False, True])
def test_a_trickling_feed_ends_at_the_total_deadline(headers_too):
    srv = RawServer(lambda s, o: _trickle(s, o, headers_too=headers_too))
    try:
        t0 = time.monotonic()
        crawler = Crawler(delay=0, timeout=1.0, robots=False, allow_private=True)
        (item,) = list(crawler.crawl([srv.base + "/feed.xml"]))
        took = time.monotonic() - t0
        assert "timed out after 1 s" in str(item.error)
        assert took < 5  # the server would have kept it 20 s and more
    finally:
        srv.close()


# -- robots.txt: RFC 9309 patterns, every skip reported ---------------------------------------
def _robots_site(robots_status: int, robots_body: str, paths: list[str]):
    routes = {}

    class H(BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def do_GET(self):
            routes.setdefault("hits", []).append(self.path)
            routes.setdefault("agents", []).append(self.headers.get("User-Agent"))
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            if self.path == "/robots.txt":
                body, ctype, status = robots_body, "text/plain", robots_status
            elif self.path == "/feed.xml":
                body, ctype, status = rss(base, paths), "application/rss+xml", 200
            else:
                body, ctype, status = page(self.path), "text/html", 200
            data = body.encode()
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = ThreadingHTTPServer(("127.0.0.1", 0), H)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}", routes


ROBOTS = """User-agent: *
Disallow: /

User-agent: slant
Disallow: /*/print
Disallow: /*?share=
Disallow: /search$
"""


def test_robots_wildcards_and_end_anchors_are_obeyed():
    paths = ["/news/1/print", "/news/2?share=x", "/search", "/search/more", "/news/3"]
    server, base, routes = _robots_site(200, ROBOTS, paths)
    try:
        items = {i.url.removeprefix(base): i for i in _crawler().crawl([base + "/feed.xml"])}
        skipped = sorted(u for u, i in items.items() if i.skipped == "disallowed by robots.txt")
        assert skipped == ["/news/1/print", "/news/2?share=x", "/search"]
        assert items["/search/more"].article is not None and items["/news/3"].article is not None
        assert not {"/news/1/print", "/news/2?share=x", "/search"} & set(routes["hits"])
    finally:
        server.shutdown()
        server.server_close()


def test_a_feed_disallowed_by_robots_is_reported():
    server, base, routes = _robots_site(200, "User-agent: *\nDisallow: /feed.xml\n", ["/a"])
    try:
        (item,) = list(_crawler().crawl([base + "/feed.xml"]))
        assert item.skipped == "disallowed by robots.txt" and item.url == base + "/feed.xml"
        assert routes["hits"] == ["/robots.txt"]
    finally:
        server.shutdown()
        server.server_close()


def test_an_unreadable_robots_txt_allows_nothing_and_says_so():
    server, base, routes = _robots_site(503, "busy", ["/a"])
    try:
        (item,) = list(_crawler().crawl([base + "/feed.xml"]))
        assert "robots.txt" in str(item.error) and "HTTP 503" in str(item.error)
        assert routes["hits"] == ["/robots.txt"]
    finally:
        server.shutdown()
        server.server_close()


def test_user_agent_names_slant_and_the_operator_not_a_third_party():
    from slant.ingest.robots import project_url, user_agent

    server, base, routes = _robots_site(404, "", ["/a"])
    try:
        list(_crawler(contact="mailto:desk@newsroom.invalid").crawl([base + "/feed.xml"]))
        agents = set(routes["agents"])
        assert len(agents) == 1
        (ua,) = agents
        assert ua.startswith("slant/") and "mailto:desk@newsroom.invalid" in ua
        assert "github.com" not in ua
        home = project_url()
        assert ("+http" in ua) == (home is not None) and (home is None or home in ua)
    finally:
        server.shutdown()
        server.server_close()
    assert "github.com" not in user_agent()


# -- the private-address guard ---------------------------------------------------------------
def test_crawl_refuses_loopback_feeds_unless_allowed(site):
    (item,) = list(Crawler(delay=0, timeout=5).crawl([site.base + "/feed.xml"]))
    assert isinstance(item.error, FetchError)
    assert "127.0.0.1" in str(item.error) and "--allow-private-urls" in str(item.error)
    assert site.hits == []  # not even robots.txt
    items = list(_crawler().crawl([site.base + "/feed.xml"]))  # allow_private=True
    assert any(i.article for i in items)


def test_a_public_feed_cannot_pull_private_pages():
    """The feed host resolves to a public address; its links point at loopback, at a name
    that resolves to a private address, and at a redirect to the metadata address."""
    import httpx

    asked: list[str] = []
    resolve = {"news.example": ["93.184.216.34"], "intranet.example": ["10.1.2.3"]}

    def handler(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        if request.url.path == "/feed.xml":
            body = rss("", ["http://127.0.0.1:8120/admin", "http://intranet.example/wiki",
                            "http://news.example/moved", "http://[::1]/x"])
            return httpx.Response(200, text=body, headers={"content-type": "application/rss+xml"})
        if request.url.path == "/moved":
            return httpx.Response(302, headers={"location": "http://169.254.169.254/latest/"})
        return httpx.Response(200, text=page("secret"), headers={"content-type": "text/html"})

    client = httpx.Client(transport=httpx.MockTransport(handler))
    crawler = Crawler(delay=0, timeout=5, client=client, resolver=lambda h, p: resolve.get(h, [h]),
                      clock=FakeClock().clock, sleep=FakeClock().sleep)
    items = list(crawler.crawl(["http://news.example/feed.xml"]))
    errors = [str(i.error) for i in items if i.error]
    assert len(errors) == 4 and all("refusing" in e for e in errors), errors
    assert not [i for i in items if i.article]
    assert all(u.startswith("http://news.example/") for u in asked), asked
