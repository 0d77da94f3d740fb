"""Access control off loopback (a bearer token for the API, a login session for the pages)
and the form token every page form carries.

A login creates a random session id, kept in this process and sent as an HttpOnly,
SameSite=Strict cookie; logging out deletes it, so the cookie is worthless afterwards (and a
restart logs everyone out). The token itself is never in a cookie.

Form token: a random value in a ``slant_form`` cookie that the page also puts in each form
(a hidden field). A form posted from another site cannot read the cookie, so it cannot send
the matching field (double-submit); the Origin / Sec-Fetch-Site check in
:mod:`slant.web._middleware` refuses such posts before they get here anyway.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time

from starlette.requests import Request

from slant.web._options import WebOptions

COOKIE = "slant_session"
FORM_COOKIE = "slant_form"
FORM_FIELD = "form_token"
SESSION_TTL_S = 7 * 24 * 3600
MAX_SESSIONS = 10_000
# Paths open to everyone even when a token is required.
OPEN_PATHS = ("/login", "/logout", "/static/", "/api/v1/health", "/favicon.ico")


class Sessions:
    """Login sessions of one app: random ids with an expiry, revoked on logout."""

    def __init__(self, ttl_s: float = SESSION_TTL_S, max_sessions: int = MAX_SESSIONS) -> None:
        self.ttl_s = ttl_s
        self.max_sessions = max_sessions
        self._expiry: dict[str, float] = {}
        self._lock = threading.Lock()

    def create(self) -> str:
        sid = secrets.token_urlsafe(32)
        now = time.monotonic()
        with self._lock:
            if len(self._expiry) >= self.max_sessions:
                self._expiry = {k: v for k, v in self._expiry.items() if v > now}
                while len(self._expiry) >= self.max_sessions:  # the oldest go first
                    self._expiry.pop(next(iter(self._expiry)))
            self._expiry[sid] = now + self.ttl_s
        return sid

    def valid(self, sid: str | None) -> bool:
        if not sid:
            return False
        with self._lock:
            expiry = self._expiry.get(sid)
            if expiry is None:
                return False
            if expiry < time.monotonic():
                del self._expiry[sid]
                return False
            return True

    def revoke(self, sid: str | None) -> None:
        if sid:
            with self._lock:
                self._expiry.pop(sid, None)


def bearer_ok(request: Request, token: str) -> bool:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(value.strip().encode(), token.encode())


def cookie_ok(request: Request, sessions: Sessions) -> bool:
    return sessions.valid(request.cookies.get(COOKIE))


def is_open(path: str) -> bool:
    return any(path == p or (p.endswith("/") and path.startswith(p)) for p in OPEN_PATHS)


def authorized(request: Request, options: WebOptions, sessions: Sessions) -> bool:
    if not options.require_auth or is_open(request.url.path):
        return True
    assert options.token is not None
    return bearer_ok(request, options.token) or cookie_ok(request, sessions)


def logged_in(request: Request, options: WebOptions, sessions: Sessions) -> bool:
    """A page visitor with a live session (only meaningful with ``require_auth``)."""
    return options.require_auth and cookie_ok(request, sessions)


def form_token(request: Request) -> tuple[str, bool]:
    """The browser's form token, and whether it is new (then the response must set it)."""
    value = request.cookies.get(FORM_COOKIE, "")
    if 20 <= len(value) <= 64 and value.replace("-", "").replace("_", "").isalnum():
        return value, False
    return secrets.token_urlsafe(24), True


def form_token_ok(request: Request, submitted: str | None) -> bool:
    cookie = request.cookies.get(FORM_COOKIE, "")
    return bool(cookie) and bool(submitted) and hmac.compare_digest(
        cookie.encode(), (submitted or "").encode())


def safe_next(value: str | None) -> str:
    """A local path to go to after login (never another site)."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    return value
