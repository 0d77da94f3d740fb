"""ASGI middleware: request-body limit and security headers."""

from __future__ import annotations

import json
from typing import Any

from slant.web._errors import envelope

Scope = dict[str, Any]

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
# Swagger UI (/docs) loads its assets from a CDN and runs an inline script.
DOCS_CSP = ("default-src 'self'; script-src 'self'; "
            "style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; object-src 'none'; "
            "base-uri 'none'; frame-ancestors 'none'")


async def _send_json(send: Any, status: int, body: dict[str, Any]) -> None:
    data = json.dumps(body).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(data)).encode())]})
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
        too_large = envelope(413, "too_large",
                             f"the request body is larger than {self.max_body:,} bytes")
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    if int(value) > self.max_body:
                        await _send_json(send, 413, too_large)
                        return
                except ValueError:
                    await _send_json(send, 400, envelope(400, "bad_request",
                                                         "invalid Content-Length"))
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
                    await _send_json(send, 413, too_large)
                    return
                if not message.get("more_body", False):
                    break

            async def replay(_next: Any = receive) -> Any:
                return messages.pop(0) if messages else await _next()

            receive = replay
        path = scope.get("path", "")
        csp = DOCS_CSP if path in ("/docs", "/redoc") else CSP

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"content-security-policy", csp.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                ]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
