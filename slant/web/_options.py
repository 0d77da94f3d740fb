"""How the web app is configured beyond :class:`~slant.config.Settings`: access and limits."""

from __future__ import annotations

from dataclasses import dataclass

LOOPBACK_HOSTS = ("127.0.0.1", "::1", "localhost")


@dataclass(frozen=True)
class WebOptions:
    """Access control and limits for :func:`slant.web.create_app`.

    ``token``: with ``require_auth``, the API wants ``Authorization: Bearer <token>`` and the
    pages a login with the token (a cookie). ``slant serve`` turns ``require_auth`` on
    whenever it listens on anything but loopback.
    """

    token: str | None = None
    require_auth: bool = False
    allow_private_urls: bool = False
    max_body_bytes: int = 5 * 1024 * 1024        # any request body, uploads included
    max_text_chars: int = 200_000                # article text accepted for analysis
    fetch_timeout_s: float = 15.0                # URL analysis: whole fetch
    fetch_max_bytes: int = 5 * 1024 * 1024       # URL analysis: response size
    analyze_timeout_s: float = 120.0             # one analysis, models loading included
    page_size: int = 20

    def __post_init__(self) -> None:
        if self.require_auth and not self.token:
            raise ValueError("require_auth needs a token")


def is_loopback(host: str) -> bool:
    return host in LOOPBACK_HOSTS or host.startswith("127.")
