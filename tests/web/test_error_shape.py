"""Every error, from every kind of failure, is 4xx/5xx JSON in the one envelope."""

from __future__ import annotations

import pytest

from slant.web import WebOptions

ENVELOPE_KEYS = {"code", "message", "status"}


def assert_envelope(r, status: int, code: str | None = None) -> dict:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert list(body) == ["error"]
    err = body["error"]
    assert ENVELOPE_KEYS <= set(err) <= ENVELOPE_KEYS | {"details"}
    assert err["status"] == status
    assert isinstance(err["message"], str) and err["message"]
    if code:
        assert err["code"] == code
    return err


CASES = [
    ("get", "/api/v1/nothing-here", {}, 404, "not_found"),
    ("get", "/api/v1/articles/unknown", {}, 404, "not_found"),
    ("get", "/api/v1/articles/bad%20id", {}, 422, "invalid_request"),
    ("delete", "/api/v1/glossary", {}, 405, "method_not_allowed"),
    ("get", "/api/v1/search?limit=0", {}, 422, "invalid_request"),
    ("get", "/api/v1/search?since=yesterday", {}, 422, "invalid_request"),
    ("get", "/api/v1/stats/techniques?since=2025-13", {}, 422, "invalid_request"),
    ("get", "/api/v1/compare?ids=a", {}, 422, "invalid_request"),
    ("get", "/api/v1/stories/0", {}, 422, "invalid_request"),
    ("post", "/api/v1/analyze", {"content": b"{not json", "headers": {"content-type": "application/json"}}, 422, "invalid_request"),
    ("post", "/api/v1/analyze", {"json": {}}, 422, "invalid_request"),
    ("post", "/api/v1/analyze", {"json": {"text": "   "}}, 422, "bad_input"),
    ("post", "/api/v1/analyze", {"json": {"text": "x", "extra": 1}}, 422, "invalid_request"),
    ("post", "/api/v1/analyze", {"json": {"url": "file:///etc/passwd"}}, 422, "fetch_failed"),
    ("post", "/api/v1/analyze", {"json": {"url": "http://127.0.0.1:22/"}}, 422, "fetch_failed"),
    ("post", "/api/v1/analyze/upload", {"data": {"title": "no file"}}, 422, "invalid_request"),
]


@pytest.mark.parametrize("method,path,kw,status,code", CASES,
                         ids=[f"{c[0]} {c[1]} {c[3]}" for c in CASES])
def test_error_envelope(client, method, path, kw, status, code):
    r = getattr(client, method)(path, **kw) if method != "delete" else client.delete(path)
    assert_envelope(r, status, code)


def test_validation_details_name_the_field(client):
    err = assert_envelope(client.get("/api/v1/search?limit=1000"), 422, "invalid_request")
    assert err["details"][0]["loc"] == ["query", "limit"]
    assert "limit" in err["message"]


def test_body_too_large(make_client):
    client = make_client(WebOptions(max_body_bytes=1000))
    assert_envelope(client.post("/api/v1/analyze", json={"text": "x" * 5000}), 413, "too_large")


def test_streamed_body_too_large(make_client):
    """No Content-Length (chunked): the limit is enforced while reading."""
    client = make_client(WebOptions(max_body_bytes=1000))

    def chunks():
        for _ in range(10):
            yield b'{"text": "' + b"x" * 200 + b'"}'

    r = client.post("/api/v1/analyze", content=chunks(),
                    headers={"content-type": "application/json"})
    assert_envelope(r, 413, "too_large")


def test_text_too_long(make_client):
    client = make_client(WebOptions(max_text_chars=100))
    assert_envelope(client.post("/api/v1/analyze", json={"text": "word " * 100}), 413, "too_large")


def test_analysis_timeout_is_503(make_client, settings, store):
    import threading

    from fastapi.testclient import TestClient

    from slant.web import create_app

    release = threading.Event()

    class Slow:
        def analyze(self, article):
            release.wait(5)
            raise AssertionError("never finishes in time")

    app = create_app(settings, store=store, pipeline_factory=lambda s: Slow(),
                     options=WebOptions(analyze_timeout_s=0.2))
    with TestClient(app) as c:
        err = assert_envelope(c.post("/api/v1/analyze", json={"text": "some words here"}),
                              503, "timeout")
        release.set()
    assert "longer than" in err["message"]


def test_unauthorized_api_is_401_envelope(make_client):
    client = make_client(WebOptions(token="s3cret", require_auth=True))
    r = client.get("/api/v1/search")
    assert_envelope(r, 401, "unauthorized")
    assert r.headers["www-authenticate"] == "Bearer"


def test_unexpected_error_is_500_envelope(make_client, settings, store):
    from fastapi.testclient import TestClient

    from slant.web import create_app

    class Broken:
        def analyze(self, article):
            raise RuntimeError("boom")

    app = create_app(settings, store=store, pipeline_factory=lambda s: Broken())
    with TestClient(app, raise_server_exceptions=False) as c:
        err = assert_envelope(c.post("/api/v1/analyze", json={"text": "some words"}), 500,
                              "internal_error")
    assert "boom" not in err["message"]  # no internals leak


def test_html_pages_get_an_html_error_page(client):
    r = client.get("/articles/nope", headers={"accept": "text/html"})
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("text/html")
    assert "no stored article" in r.text
    # ...and the same path asked for JSON gets the envelope
    assert_envelope(client.get("/articles/nope", headers={"accept": "application/json"}), 404,
                    "not_found")


def test_text_over_the_pipeline_cap_is_too_large(make_client, settings):
    """The per-article cap of the settings (``max_chars``) holds for the web app too."""
    from dataclasses import replace

    from fastapi.testclient import TestClient

    from slant.web import create_app

    capped = replace(settings, max_chars=50)
    client = TestClient(create_app(capped, pipeline_factory=lambda s: None))
    r = client.post("/api/v1/analyze", json={"text": "word " * 20})
    assert_envelope(r, 413, "too_large")
    assert "the limit is 50" in r.json()["error"]["message"]
