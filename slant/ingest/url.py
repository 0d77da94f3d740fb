"""URLs to Articles with httpx: a total deadline, redirects followed by hand, a size cap, a
type check.

:func:`fetch` does the HTTP part and returns the raw :class:`Fetched` body; :func:`fetch_url`
turns it into an :class:`~slant.models.Article`. Redirects are followed one at a time so that a
``check_url(url)`` hook sees the first URL and every redirect target: the web app and the
crawler pass one that refuses private addresses (SSRF, :mod:`slant.ingest.guard`). The body is
streamed: the download stops as soon as it passes ``max_bytes``, and ``timeout`` bounds the
whole fetch, redirects and a server that trickles its answer included. Pass an
``httpx.Client`` (with an ``httpx.MockTransport`` in tests) to control the transport; the
client :func:`slant.ingest.guard.guarded_client` builds keeps every socket operation to the
deadline, another client's reads are checked between chunks.

Every failure is a :class:`~slant.errors.FetchError` naming the URL and the problem.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from slant import __version__
from slant.errors import FetchError
from slant.ingest.decode import decode_bytes
from slant.ingest.guard import deadline as fetch_deadline
from slant.ingest.guard import guarded_client
from slant.models import Article

#: a function that turns a URL into an Article; ``iter_articles`` takes one (tests pass fakes)
Fetcher = Callable[[str], Article]
#: called on the first URL and every redirect target; raises (a FetchError) to refuse one
URLCheck = Callable[[str], None]

MAX_BYTES = 10 * 1024 * 1024
TIMEOUT_S = 20.0
MAX_REDIRECTS = 10
TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
USER_AGENT = f"slant/{__version__}"


@dataclass(frozen=True)
class Fetched:
    """A fetched body: the URL asked for, the final URL after redirects, and what came back."""

    url: str
    final_url: str
    status: int
    content_type: str
    charset: str | None
    content: bytes
    etag: str | None = None             # the validators a conditional fetch sends back
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        """A 304 answer to a conditional fetch: nothing new, no body."""
        return self.status == 304


def is_url(value: str) -> bool:
    """True for an http:// or https:// URL."""
    return value.lower().startswith(("http://", "https://"))


def fetch(
    url: str,
    *,
    client: httpx.Client | None = None,
    timeout: float = TIMEOUT_S,
    max_bytes: int = MAX_BYTES,
    max_redirects: int = MAX_REDIRECTS,
    check_url: URLCheck | None = None,
    accept: tuple[str, ...] = TEXT_TYPES,
    headers: dict[str, str] | None = None,
    truncate: bool = False,
) -> Fetched:
    """GET ``url``: follow redirects, stop past ``max_bytes``, and refuse non-text content.

    ``timeout`` bounds the whole fetch (connecting, redirects, headers and body). A missing
    Content-Type is accepted (the body is sniffed later); ``accept=()`` accepts any type. ``headers`` go with every request
    (``If-None-Match`` makes a 304 answer a :attr:`Fetched.not_modified` result, not an
    error). ``truncate``: keep the first ``max_bytes`` of a larger body instead of failing.
    """
    own = client is None
    if client is None:
        client = guarded_client(None, timeout=timeout, user_agent=USER_AGENT)
    try:
        with fetch_deadline(timeout) as end:
            return _fetch(url, client, timeout, end, max_bytes, max_redirects, check_url,
                          accept, headers or {}, truncate)
    finally:
        if own:
            client.close()


def _fetch(
    url: str,
    client: httpx.Client,
    timeout: float,
    deadline: float,
    max_bytes: int,
    max_redirects: int,
    check_url: URLCheck | None,
    accept: tuple[str, ...],
    headers: dict[str, str],
    truncate: bool,
) -> Fetched:
    current = url
    for _ in range(max_redirects + 1):
        if not is_url(current):
            raise FetchError(f"not an http(s) URL: {current}", source=url)
        if check_url is not None:
            check_url(current)
        left = deadline - time.monotonic()
        if left <= 0:
            raise FetchError(f"timed out after {timeout:g} s", source=url)
        try:
            request = client.build_request("GET", current, timeout=left, headers=headers)
        except httpx.InvalidURL as e:
            raise FetchError(f"invalid URL ({e})", source=url) from None
        try:
            response = client.send(request, stream=True, follow_redirects=False)
        except httpx.TimeoutException:
            raise FetchError(f"timed out after {timeout:g} s", source=url) from None
        except httpx.HTTPError as e:
            raise FetchError(f"could not connect ({_reason(e)})", source=url) from None
        try:
            if response.is_redirect and "location" in response.headers:
                current = str(response.url.join(response.headers["location"]))
                continue
            return _read(url, response, deadline, timeout, max_bytes, accept, truncate)
        finally:
            response.close()
    raise FetchError(f"too many redirects (more than {max_redirects})", source=url)


def _read(
    url: str,
    response: httpx.Response,
    deadline: float,
    timeout: float,
    max_bytes: int,
    accept: tuple[str, ...],
    truncate: bool = False,
) -> Fetched:
    etag = response.headers.get("etag")
    last_modified = response.headers.get("last-modified")
    asked = response.request.headers
    if response.status_code == 304 and ("if-none-match" in asked or "if-modified-since" in asked):
        return Fetched(url=url, final_url=str(response.url), status=304, content_type="",
                       charset=None, content=b"", etag=etag, last_modified=last_modified)
    if response.status_code >= 400 or response.status_code < 200:
        reason = response.reason_phrase or ""
        raise FetchError(f"HTTP {response.status_code} {reason}".rstrip(), source=url)
    content_type = response.headers.get("content-type", "")
    mime = content_type.split(";")[0].strip().lower()
    if accept and mime and mime not in accept:
        raise FetchError(f"not text: {mime}", source=url)
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes and not truncate:
        raise FetchError(f"too large: {int(declared):,} bytes, over {_mb(max_bytes)}", source=url)
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > max_bytes:
                if not truncate:
                    raise FetchError(f"too large: over {_mb(max_bytes)}", source=url)
                chunks.append(chunk[: len(chunk) - (size - max_bytes)])
                break
            chunks.append(chunk)
            if time.monotonic() > deadline:
                raise FetchError(f"timed out after {timeout:g} s", source=url)
    except httpx.TimeoutException:
        raise FetchError(f"timed out after {timeout:g} s", source=url) from None
    except httpx.HTTPError as e:
        raise FetchError(f"download failed ({_reason(e)})", source=url) from None
    return Fetched(
        url=url,
        final_url=str(response.url),
        status=response.status_code,
        content_type=mime,
        charset=response.charset_encoding,
        content=b"".join(chunks),
        etag=etag,
        last_modified=last_modified,
    )


def article_from_fetched(fetched: Fetched) -> Article:
    """Turn a fetched body into an Article: HTML through trafilatura, plain text as is."""
    from slant.ingest.html import html_charset, read_html
    from slant.ingest.text import read_text

    source = fetched.url
    is_html = fetched.content_type in ("text/html", "application/xhtml+xml")
    if not fetched.content_type:
        is_html = looks_like_html(fetched.content[:1024].decode("ascii", "ignore"))
    if is_html:
        return read_html(
            fetched.content,
            url=fetched.final_url,
            origin=source,
            encoding=fetched.charset or html_charset(fetched.content),
        )
    text = decode_bytes(fetched.content, source=source, encoding=fetched.charset)
    return read_text(text, origin=source, url=fetched.final_url)


def fetch_url(
    url: str,
    *,
    client: httpx.Client | None = None,
    timeout: float = TIMEOUT_S,
    max_bytes: int = MAX_BYTES,
    check_url: URLCheck | None = None,
) -> Article:
    """Fetch ``url`` and read it as an Article (see :func:`fetch`); raises FetchError/InputError."""
    fetched = fetch(url, client=client, timeout=timeout, max_bytes=max_bytes, check_url=check_url)
    return article_from_fetched(fetched)


def looks_like_html(head: str) -> bool:
    """True when text starts like an HTML document."""
    start = head.lstrip("\ufeff \t\r\n").lower()
    return start.startswith(("<!doctype html", "<html", "<?xml")) or (
        start.startswith("<") and ("<body" in start or "<head" in start or "<p>" in start)
    )


def _mb(n: int) -> str:
    mb = 1024 * 1024
    return f"{n // mb} MB" if n % mb == 0 else f"{n:,} bytes"


def _reason(e: Exception) -> str:
    return str(e) or type(e).__name__
