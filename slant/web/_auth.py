"""Access control off loopback: a bearer token for the API, a login cookie for the pages.

The cookie holds an HMAC of the token (never the token), is HttpOnly and SameSite=Strict
(so other sites cannot make a logged-in browser post forms here).
"""

from __future__ import annotations

import hashlib
import hmac

from starlette.requests import Request

from slant.web._options import WebOptions

COOKIE = "slant_session"
# Paths open to everyone even when a token is required.
OPEN_PATHS = ("/login", "/logout", "/static/", "/api/v1/health", "/favicon.ico")


def session_value(token: str) -> str:
    return hmac.new(token.encode("utf-8"), b"slant-session-v1", hashlib.sha256).hexdigest()


def bearer_ok(request: Request, token: str) -> bool:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(value.strip().encode(), token.encode())


def cookie_ok(request: Request, token: str) -> bool:
    value = request.cookies.get(COOKIE, "")
    return bool(value) and hmac.compare_digest(value.encode(), session_value(token).encode())


def is_open(path: str) -> bool:
    return any(path == p or (p.endswith("/") and path.startswith(p)) for p in OPEN_PATHS)


def authorized(request: Request, options: WebOptions) -> bool:
    if not options.require_auth or is_open(request.url.path):
        return True
    assert options.token is not None
    return bearer_ok(request, options.token) or cookie_ok(request, options.token)


def safe_next(value: str | None) -> str:
    """A local path to go to after login (never another site)."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    return value
