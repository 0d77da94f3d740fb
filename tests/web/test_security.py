"""SSRF guard, access control, escaping and headers."""

from __future__ import annotations

from html.parser import HTMLParser

import httpx
import pytest

from slant.errors import FetchError
from slant.ingest.guard import address_is_public, check_public_url
from slant.web import WebOptions


def resolver_for(table: dict[str, list[str]]):
    def resolve(host: str, port: int) -> list[str]:
        return table.get(host, [])

    return resolve


@pytest.mark.parametrize("addr", [
    "127.0.0.1", "10.1.2.3", "172.16.0.5", "192.168.1.1", "169.254.169.254", "100.100.100.200",
    "0.0.0.0", "::1", "fe80::1", "fc00::1", "::ffff:127.0.0.1", "::ffff:169.254.169.254",
    "64:ff9b::a9fe:a9fe", "224.0.0.1", "192.0.0.192", "fd00:ec2::254",
])
def test_non_public_addresses(addr):
    assert not address_is_public(addr)


@pytest.mark.parametrize("addr", ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"])
def test_public_addresses(addr):
    assert address_is_public(addr)


@pytest.mark.parametrize("url", [
    "http://localhost/", "http://metadata.google.internal/computeMetadata/v1/",
    "http://169.254.169.254/latest/meta-data/", "http://[::1]:8000/", "ftp://example.org/x",
    "javascript:alert(1)", "http://user:pw@news.example/", "http://inside.example/",
    "http://mixed.example/",
])
def test_check_public_url_refuses(url):
    resolve = resolver_for({"inside.example": ["10.0.0.7"],
                            "mixed.example": ["93.184.216.34", "127.0.0.1"],
                            "169.254.169.254": ["169.254.169.254"], "::1": ["::1"]})
    with pytest.raises(FetchError):
        check_public_url(url, resolver=resolve)


def test_check_public_url_accepts_public_host():
    check_public_url("https://news.example/a", resolver=resolver_for({"news.example": ["93.184.216.34"]}))


def _mock_fetcher(routes: dict[str, httpx.Response]):
    """The real ingest fetcher over an in-memory transport: redirects go through check_url."""
    from slant.ingest import fetch_url

    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return routes.get(str(request.url), httpx.Response(404))

    client = httpx.Client(transport=httpx.MockTransport(handler))

    def fetch(url, *, check_url, timeout, max_bytes):
        return fetch_url(url, client=client, check_url=check_url, timeout=timeout,
                         max_bytes=max_bytes)

    return fetch, seen


PAGE = ("<html><head><title>Harbour vote</title></head><body><article><h1>Harbour vote</h1>"
        + "<p>The council approved the reckless scheme after a long night of debate.</p>" * 8
        + "</article></body></html>")
RESOLVE = resolver_for({"news.example": ["93.184.216.34"], "evil.example": ["93.184.216.35"],
                        "169.254.169.254": ["169.254.169.254"]})


def test_url_analysis_follows_public_redirects(make_client):
    fetch, seen = _mock_fetcher({
        "https://news.example/a": httpx.Response(301, headers={"location": "https://news.example/b"}),
        "https://news.example/b": httpx.Response(200, text=PAGE, headers={"content-type": "text/html"}),
    })
    client = make_client(fetcher=fetch, resolver=RESOLVE)
    r = client.post("/api/v1/analyze", json={"url": "https://news.example/a"})
    assert r.status_code == 200, r.text
    assert "reckless scheme" in r.json()["analysis"]["article"]["text"]
    assert seen == ["https://news.example/a", "https://news.example/b"]


def test_redirect_to_metadata_is_refused(make_client):
    fetch, seen = _mock_fetcher({
        "https://evil.example/": httpx.Response(
            302, headers={"location": "http://169.254.169.254/latest/meta-data/"}),
    })
    client = make_client(fetcher=fetch, resolver=RESOLVE)
    r = client.post("/api/v1/analyze", json={"url": "https://evil.example/"})
    assert r.status_code == 422
    assert r.json()["error"]["code"] == "fetch_failed"
    assert "169.254.169.254" in r.json()["error"]["message"]
    assert seen == ["https://evil.example/"]  # the metadata address was never requested


def test_private_host_refused_before_fetching(make_client):
    fetch, seen = _mock_fetcher({})
    client = make_client(fetcher=fetch, resolver=resolver_for({"intranet.example": ["10.0.0.2"]}))
    r = client.post("/api/v1/analyze", json={"url": "http://intranet.example/"})
    assert r.status_code == 422 and seen == []


def test_allow_private_urls(make_client):
    fetch, _seen = _mock_fetcher({
        "http://intranet.example/": httpx.Response(200, text=PAGE,
                                                   headers={"content-type": "text/html"}),
    })
    client = make_client(WebOptions(allow_private_urls=True), fetcher=fetch,
                         resolver=resolver_for({"intranet.example": ["10.0.0.2"]}))
    assert client.post("/api/v1/analyze", json={"url": "http://intranet.example/"}).status_code == 200


# -- access control ----------------------------------------------------------------------------
AUTH = WebOptions(token="s3cret-token", require_auth=True)


def test_token_required_for_api(make_client):
    client = make_client(AUTH)
    assert client.get("/api/v1/glossary").status_code == 401
    assert client.get("/api/v1/glossary",
                      headers={"Authorization": "Bearer wrong"}).status_code == 401
    ok = client.get("/api/v1/glossary", headers={"Authorization": "Bearer s3cret-token"})
    assert ok.status_code == 200
    assert client.get("/api/v1/health").status_code == 200  # liveness stays open
    assert client.get("/openapi.json").status_code == 401


def test_pages_redirect_to_login_and_login_sets_cookie(make_client):
    client = make_client(AUTH)
    r = client.get("/corpus", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login?next=/corpus"
    assert client.get("/static/style.css").status_code == 200
    bad = client.post("/login", data={"token": "nope", "next": "/corpus"}, follow_redirects=False)
    assert bad.status_code == 401
    good = client.post("/login", data={"token": "s3cret-token", "next": "/corpus"},
                       follow_redirects=False)
    assert good.status_code == 303 and good.headers["location"] == "/corpus"
    cookie = good.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
    assert "s3cret-token" not in cookie
    assert client.get("/corpus").status_code == 200
    client.post("/logout")
    assert client.get("/corpus", follow_redirects=False).status_code == 303


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "/\\evil"])
def test_login_never_redirects_off_site(make_client, target):
    client = make_client(AUTH)
    r = client.post("/login", data={"token": "s3cret-token", "next": target},
                    follow_redirects=False)
    assert r.headers["location"] == "/"


def test_loopback_default_is_open(client):
    assert client.get("/api/v1/glossary").status_code == 200
    assert client.get("/corpus").status_code == 200


def test_require_auth_needs_a_token():
    with pytest.raises(ValueError):
        WebOptions(require_auth=True)


# -- escaping and headers ----------------------------------------------------------------------
HOSTILE_TITLE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
HOSTILE_TEXT = ('Intro <b>bold</b> <script>alert(1)</script> and a reckless scheme '
                '<a href="javascript:alert(2)">click</a> <div unclosed '
                '"<img src=x onerror=alert(3)>, was it," said Mara Olsen. '
                "Mara Olsen, the <i>harbour</i> master, left.")


class _Tags(HTMLParser):
    """Collects what would run in a browser: scripts, on* handlers, javascript: URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.bad: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "script" and dict(attrs).get("src") != "/static/app.js":
            self.bad.append(f"<{tag} {attrs}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.bad.append(f"<{tag} {name}=...>")
            if name in ("href", "src", "action", "formaction") and value and \
                    value.strip().lower().startswith(("javascript:", "data:", "vbscript:")):
                self.bad.append(f"<{tag} {name}={value}>")
        if tag in ("img", "iframe", "object", "embed", "base", "meta", "link", "form") and \
                tag not in ALLOWED:
            self.bad.append(f"<{tag}>")


# Elements the templates use themselves (a <link> stylesheet, forms, the charset <meta>s).
ALLOWED = {"link", "form", "meta"}


def executable_bits(html: str) -> list[str]:
    parser = _Tags()
    parser.feed(html)
    return parser.bad


def test_hostile_strings_are_escaped_on_every_page(client, store):
    from web_fakes import make_analysis

    from slant.models import Article

    art = Article(title=HOSTILE_TITLE, text=HOSTILE_TEXT, source='<b onmouseover="x()">Outlet</b>',
                  url="javascript:alert(4)", author="<svg onload=alert(5)>")
    aid = store.save(make_analysis(art))
    pages = [f"/articles/{aid}", "/corpus", "/corpus?q=reckless", "/dashboard",
             "/dashboard?entity=Mara%20Olsen", "/stories"]
    for path in pages:
        html = client.get(path).text
        assert executable_bits(html) == [], path
        for raw in ("<script>", "<img src=x", "<b onmouseover", "<svg onload", "<b>bold</b>",
                    "<div unclosed"):
            assert raw not in html, (path, raw)
    article = client.get(f"/articles/{aid}").text
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in article
    assert "javascript:alert(4)" in article  # shown as text, never as a link
    assert 'href="javascript' not in article


def test_analyze_form_escapes_what_was_posted(client):
    r = client.post("/analyze", data={"text": HOSTILE_TEXT, "title": HOSTILE_TITLE,
                                      "source": "<script>x</script>"})
    assert r.status_code == 200
    assert executable_bits(r.text) == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text


def test_security_headers(client):
    r = client.get("/")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert client.get("/api/v1/glossary").headers["x-frame-options"] == "DENY"


def test_dns_rebinding_is_refused_at_connect_time(make_client):
    """The host looks public when checked, then resolves to loopback: no connection is made."""
    import http.server
    import threading

    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            body = PAGE.encode()
            self.send_response(200)
            self.send_header("content-type", "text/html")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    answers = iter([["93.184.216.34"], ["93.184.216.34"], ["127.0.0.1"], ["127.0.0.1"]])

    def rebinding(host, port):
        return next(answers, ["127.0.0.1"])

    try:
        client = make_client(fetcher=None, resolver=rebinding)
        r = client.post("/api/v1/analyze",
                        json={"url": f"http://rebind.example:{server.server_port}/"})
        assert r.status_code == 422, r.text
        assert "127.0.0.1" in r.json()["error"]["message"]
        assert hits == []
        # ...while the same server is reachable when the name honestly resolves to it
        # and private URLs are allowed.
        ok = make_client(WebOptions(allow_private_urls=True), fetcher=None,
                         resolver=lambda h, p: ["127.0.0.1"])
        r = ok.post("/api/v1/analyze",
                    json={"url": f"http://127.0.0.1:{server.server_port}/a"})
        assert r.status_code == 200, r.text
        assert hits == ["/a"]
    finally:
        server.shutdown()
        server.server_close()


def test_pinned_client_connects_to_the_checked_address():
    """The pinned client refuses a host whose address is private, at connect time."""
    from slant.ingest.guard import pinned_client

    with (pinned_client(lambda h, p: ["10.0.0.1"], timeout=2, user_agent="t") as c,
          pytest.raises(httpx.ConnectError, match="10.0.0.1")):
        c.get("http://private.example/")
