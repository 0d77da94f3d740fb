"""ASGI middleware: request-body limit, security headers, Host and cross-site checks, HEAD."""

from __future__ import annotations

import json
from typing import Any

from slant.web._errors import envelope
from slant.web._options import WebOptions, host_name

Scope = dict[str, Any]

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
# Swagger UI (/docs) loads its assets from a CDN and runs an inline script.
DOCS_CSP = ("default-src 'self'; script-src 'self'; "
            "style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; object-src 'none'; "
            "base-uri 'none'; frame-ancestors 'none'")


def security_headers(path: str) -> list[tuple[bytes, bytes]]:
    csp = DOCS_CSP if path in ("/docs", "/redoc") else CSP
    return [
        (b"content-security-policy", csp.encode()),
        (b"x-content-type-options", b"nosniff"),
        # Not "no-referrer": with it, browsers send "Origin: null" on the app's own form posts.
        (b"referrer-policy", b"same-origin"),
        (b"x-frame-options", b"DENY"),
    ]


async def _send_json(send: Any, status: int, body: dict[str, Any],
                     path: str | None = None) -> None:
    """A JSON error sent by middleware; with ``path``, the security headers too (for answers
    sent from outside :class:`LimitsAndHeaders`)."""
    data = json.dumps(body).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(data)).encode()),
                            *(security_headers(path) if path is not None else [])]})
    await send({"type": "http.response.body", "body": data})


class LimitsAndHeaders:
    """Refuse bodies over ``max_body`` bytes (413, in the envelope) and add security headers."""

    def __init__(self, app: Any, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        too_large = envelope(413, "too_large",
                             f"the request body is larger than {self.max_body:,} bytes")
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    if int(value) > self.max_body:
                        await _send_json(send, 413, too_large, path)
                        return
                except ValueError:
                    await _send_json(send, 400, envelope(400, "bad_request",
                                                         "invalid Content-Length"), path)
                    return
        has_length = any(name == b"content-length" for name, _ in scope.get("headers", []))
        if not has_length and scope.get("method") in ("POST", "PUT", "PATCH"):
            # A streamed (chunked) body: read it up to the limit first, then replay it.
            messages, size = [], 0
            while True:
                message = await receive()
                messages.append(message)
                if message["type"] != "http.request":
                    break
                size += len(message.get("body", b""))
                if size > self.max_body:
                    await _send_json(send, 413, too_large, path)
                    return
                if not message.get("more_body", False):
                    break

            async def replay(_next: Any = receive) -> Any:
                return messages.pop(0) if messages else await _next()

            receive = replay
        extra = security_headers(path)

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
JSON = ("application/json",)
FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")
#: What each POST takes; anything else is 415 (before the body is read).
MEDIA_TYPES: dict[str, tuple[str, ...]] = {
    "/api/v1/analyze": JSON,
    "/api/v1/analyze/upload": ("multipart/form-data",),
    "/analyze": FORMS, "/save": FORMS, "/login": FORMS, "/logout": FORMS,
}


def _media_type_problem(path: str, content_type: str) -> str | None:
    allowed = MEDIA_TYPES.get(path)
    if allowed is None:
        return None
    media = content_type.split(";", 1)[0].strip().lower()
    if media in allowed or (allowed == JSON and media.endswith("+json")):
        return None
    if allowed == JSON:
        want = "send the body as JSON with 'Content-Type: application/json'"
    elif len(allowed) == 1:
        want = "upload the file as multipart/form-data (a 'file' field)"
    else:
        want = "this address takes a form (application/x-www-form-urlencoded or multipart/form-data)"
    return f"{want}; the body was {media or 'sent without a Content-Type'!s}"


class SiteGuard:
    """Only our own names, no state change on behalf of another site, the right body type.

    * ``Host`` must be one of ``options.allowed_hosts`` (400 ``bad_host``): with loopback
      names only, DNS rebinding (another site's name pointed at 127.0.0.1) gets nothing.
    * A POST (any method but GET, HEAD, OPTIONS) that a browser marks as coming from another
      site is refused (403 ``cross_site``): ``Sec-Fetch-Site: cross-site`` or ``same-site``
      (another port or subdomain), or an ``Origin`` other than this server's own (``null``
      included, unless the browser says ``Sec-Fetch-Site: same-origin``). Clients that send neither (curl, scripts) are not browsers acting for a
      user and pass; pages' forms also carry a form token (see :mod:`slant.web._auth`).
    * A POST whose body is not of the type the address takes is 415 (see MEDIA_TYPES).
    """

    def __init__(self, app: Any, options: WebOptions) -> None:
        self.app = app
        self.options = options

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1")
                   for k, v in scope.get("headers", [])}
        host = headers.get("host", "")
        path = scope.get("path", "")
        if not self.options.host_allowed(host):
            names = ", ".join(self.options.allowed_hosts or ())
            await _send_json(send, 400, envelope(
                400, "bad_host",
                f"this server answers only to {names} (the request was for {host_name(host)!r}); "
                "to serve another name, start it with --allowed-host NAME"))
            return
        if scope.get("method", "GET") not in SAFE_METHODS:
            problem = _cross_site(headers, host)
            if problem:
                await _send_json(send, 403, envelope(
                    403, "cross_site",
                    f"refused: {problem}; slant accepts changes only from its own pages "
                    "(or from clients that are not browsers)"))
                return
            if scope.get("method") == "POST":
                problem = _media_type_problem(path, headers.get("content-type", ""))
                if problem:
                    await _send_json(send, 415, envelope(415, "unsupported_media_type",
                                                         problem))
                    return
        await self.app(scope, receive, send)


def _cross_site(headers: dict[str, str], host: str) -> str | None:
    fetch_site = headers.get("sec-fetch-site", "").lower()
    if fetch_site in ("cross-site", "same-site"):
        return f"the browser says this request came from another site (Sec-Fetch-Site: {fetch_site})"
    origin = headers.get("origin")
    if fetch_site == "same-origin" and (origin is None or origin == "null"):
        return None  # the browser vouches for it (a page cannot forge Sec-Fetch-* headers)
    if origin is None:
        return None
    netloc = origin.split("://", 1)[1] if "://" in origin else ""
    if origin.strip().lower() == "null" or netloc.lower().rstrip("/") != host.strip().lower():
        return f"the request came from another site (Origin: {origin[:200]})"
    return None


class HeadAsGet:
    """``HEAD`` answers as ``GET`` would, without the body (FastAPI routes are GET-only)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope.get("method") != "HEAD":
            await self.app(scope, receive, send)
            return

        async def no_body(message: Any) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, no_body)
