"""How the web app is configured beyond :class:`~slant.config.Settings`: access and limits."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

LOOPBACK_HOSTS = ("127.0.0.1", "::1", "localhost")
#: Below this many characters a token gets a warning (the generated ones have 32).
SHORT_TOKEN = 16


@dataclass(frozen=True)
class WebOptions:
    """Access control and limits for :func:`slant.web.create_app`.

    ``token``: with ``require_auth``, the API wants ``Authorization: Bearer <token>`` and the
    pages a login with the token (a session cookie). ``slant serve`` turns ``require_auth``
    on whenever it listens on anything but loopback.

    ``allowed_hosts``: the names the server answers to (the ``Host`` header, port ignored;
    ``None``: any). The default, loopback names only, stops DNS rebinding: a page on another
    site cannot point its own name at 127.0.0.1 and read the answers.

    ``analyze_worker``: ``"process"`` runs analyses in a child process that is stopped when
    one runs past ``analyze_timeout_s`` (the slot is free again at once); ``"thread"`` runs
    them in this process (a timed-out analysis keeps running until it ends); ``"auto"``:
    a process for the real pipeline, a thread for an injected ``pipeline_factory``.
    """

    token: str | None = None
    require_auth: bool = False
    allow_private_urls: bool = False
    allowed_hosts: tuple[str, ...] | None = LOOPBACK_HOSTS
    max_body_bytes: int = 5 * 1024 * 1024        # any request body, uploads included
    max_text_chars: int = 100_000                # article text accepted for analysis
    fetch_timeout_s: float = 15.0                # URL analysis: whole fetch
    fetch_max_bytes: int = 5 * 1024 * 1024       # URL analysis: response size
    analyze_timeout_s: float = 120.0             # one analysis, models loading included...
    analyze_s_per_1000_chars: float = 1.0        # ...plus this per 1,000 characters of text
    analyze_worker: Literal["auto", "process", "thread"] = "auto"
    analyze_queue: int = 4                       # analyses waiting for the slot, at most
    search_timeout_s: float = 5.0                # one search query (API and corpus page)
    view_chars: int = 20_000                     # article text shown per page of an article
    page_size: int = 20

    def __post_init__(self) -> None:
        if self.token is not None and not self.token.strip():
            raise ValueError("the token is blank; give a token with visible characters")
        if self.token is not None and self.token != self.token.strip():
            raise ValueError("the token starts or ends with spaces; remove them")
        if self.require_auth and not self.token:
            raise ValueError("require_auth needs a token")
        if self.analyze_worker not in ("auto", "process", "thread"):
            raise ValueError("analyze_worker must be 'auto', 'process' or 'thread'")

    def analyze_budget(self, chars: int) -> float:
        """Seconds an analysis of ``chars`` characters may run: long texts get a budget of
        their own (100,000 characters: 120 + 100 = 220 s by default)."""
        return self.analyze_timeout_s + self.analyze_s_per_1000_chars * chars / 1000

    def host_allowed(self, host_header: str) -> bool:
        """Whether a ``Host`` header (``name``, ``name:port``, ``[v6]:port``) is one of ours."""
        if self.allowed_hosts is None:
            return True
        name = host_name(host_header)
        return any(name == h.lower().strip("[]") for h in self.allowed_hosts)


def host_name(host_header: str) -> str:
    """The name part of a ``Host`` header, lower-cased, without port or IPv6 brackets."""
    h = host_header.strip().lower()
    if h.startswith("["):
        return h[1:].split("]", 1)[0]
    if h.count(":") == 1:
        h = h.split(":", 1)[0]
    return h.rstrip(".")


def is_loopback(host: str) -> bool:
    return host in LOOPBACK_HOSTS or host.startswith("127.")
