"""URLs over httpx.MockTransport: redirects, URL checks, status, timeouts, size cap, type check."""

from __future__ import annotations

import httpx
import pytest

from slant.errors import FetchError, InputError
from slant.ingest import fetch, fetch_url

URL = "https://harbour-herald.test/ferry"


def html_response(article_html, **headers):
    return httpx.Response(
        200, content=article_html.encode("utf-8"),
        headers={"content-type": "text/html; charset=utf-8", **headers},
    )


def test_html_page_becomes_an_article(mock_client, article_html):
    client = mock_client(lambda request: html_response(article_html))
    article = fetch_url(URL, client=client)
    assert "third time in two years" in article.text
    assert article.url == URL
    assert article.origin == URL
    assert article.source == "Harbour Herald"


def test_plain_text_is_read_as_text(mock_client):
    body = "Ferry fares rise\n\nThe ferry company raised its fares on Friday.\n"
    client = mock_client(lambda r: httpx.Response(200, text=body, headers={"content-type": "text/plain"}))
    article = fetch_url(URL, client=client)
    assert article.title == "Ferry fares rise"
    assert article.text == body


def test_charset_from_the_header(mock_client):
    body = "Grüße aus dem Hafen: die Fähre fährt wieder."
    client = mock_client(lambda r: httpx.Response(
        200, content=body.encode("latin-1"), headers={"content-type": "text/plain; charset=iso-8859-1"}
    ))
    assert fetch_url(URL, client=client).text == body


def test_missing_content_type_is_sniffed(mock_client, article_html):
    client = mock_client(lambda r: httpx.Response(200, content=article_html.encode()))
    assert fetch_url(URL, client=client).title == "Ferry fares to rise again"


def test_redirects_are_followed_and_every_url_checked(mock_client, article_html):
    def handler(request):
        if request.url.path == "/old":
            return httpx.Response(301, headers={"location": "/mid"})
        if request.url.path == "/mid":
            return httpx.Response(302, headers={"location": "https://other.test/final"})
        return html_response(article_html)

    seen: list[str] = []
    fetched = fetch("https://harbour-herald.test/old", client=mock_client(handler), check_url=seen.append)
    assert seen == ["https://harbour-herald.test/old", "https://harbour-herald.test/mid",
                    "https://other.test/final"]
    assert fetched.final_url == "https://other.test/final"
    assert fetched.url == "https://harbour-herald.test/old"


def test_a_check_can_refuse_a_redirect_target(mock_client):
    def handler(request):
        return httpx.Response(302, headers={"location": "http://127.0.0.1/admin"})

    def check(url):
        if "127.0.0.1" in url:
            raise FetchError(f"refused address in {url}")

    with pytest.raises(FetchError, match="refused address in http://127.0.0.1/admin"):
        fetch(URL, client=mock_client(handler), check_url=check)


def test_too_many_redirects(mock_client):
    client = mock_client(lambda r: httpx.Response(302, headers={"location": "/again"}))
    with pytest.raises(FetchError, match=r"too many redirects \(more than 3\)"):
        fetch(URL, client=client, max_redirects=3)


@pytest.mark.parametrize("status,words", [(404, "HTTP 404 Not Found"), (500, "HTTP 500 Internal Server Error")])
def test_error_status_is_named(mock_client, status, words):
    client = mock_client(lambda r: httpx.Response(status))
    with pytest.raises(FetchError, match=rf"^{URL}: {words}$"):
        fetch_url(URL, client=client)


@pytest.mark.parametrize("exc", [httpx.ConnectTimeout, httpx.ReadTimeout])
def test_timeout(mock_client, exc):
    def handler(request):
        raise exc("timed out", request=request)

    with pytest.raises(FetchError, match=rf"^{URL}: timed out after 5 s$"):
        fetch_url(URL, client=mock_client(handler), timeout=5)


def test_connection_failure(mock_client):
    def handler(request):
        raise httpx.ConnectError("name not resolved", request=request)

    with pytest.raises(FetchError, match="could not connect \\(name not resolved\\)"):
        fetch_url(URL, client=mock_client(handler))


def test_too_large_by_declared_length(mock_client):
    client = mock_client(lambda r: httpx.Response(
        200, content=b"x" * 2048, headers={"content-type": "text/plain"}
    ))
    with pytest.raises(FetchError, match=r"too large: 2,048 bytes, over 1,024 bytes$"):
        fetch_url(URL, client=client, max_bytes=1024)


def test_too_large_while_streaming_stops_reading(mock_client):
    sent: list[int] = []

    def chunks():
        for i in range(100):
            sent.append(i)
            yield b"y" * 1000

    client = mock_client(lambda r: httpx.Response(200, content=chunks(), headers={"content-type": "text/plain"}))
    with pytest.raises(FetchError, match=r"^https://harbour-herald.test/ferry: too large: over"):
        fetch_url(URL, client=client, max_bytes=10_000)
    assert len(sent) <= 12  # stopped soon after the cap, not after all 100 chunks


def test_ten_megabytes_is_the_default_cap(mock_client):
    client = mock_client(lambda r: httpx.Response(
        200, headers={"content-type": "text/html", "content-length": str(11 * 1024 * 1024)}
    ))
    with pytest.raises(FetchError, match="over 10 MB"):
        fetch(URL, client=client)


def test_not_text_is_refused(mock_client):
    client = mock_client(lambda r: httpx.Response(200, content=b"\x89PNG", headers={"content-type": "image/png"}))
    with pytest.raises(FetchError, match=rf"^{URL}: not text: image/png$"):
        fetch_url(URL, client=client)


def test_page_with_no_main_text(mock_client):
    client = mock_client(lambda r: httpx.Response(
        200, text="<html><body><div id='app'></div></body></html>", headers={"content-type": "text/html"}
    ))
    with pytest.raises(InputError, match="no main text found"):
        fetch_url(URL, client=client)


def test_fetch_errors_are_input_errors():
    assert issubclass(FetchError, InputError)
