"""Crawling politely: who the crawler says it is (the user agent) and what one host's
robots.txt allows (read by :class:`slant.ingest.feeds.Crawler`, once per host and crawl)."""

from __future__ import annotations

from typing import Any

from slant import __version__

#: the product token robots.txt groups name (``User-agent: slant``)
ROBOTS_TOKEN = "slant"
#: RFC 9309 asks crawlers to parse at least 500 KiB of a robots.txt; the rest is ignored
MAX_ROBOTS_BYTES = 512 * 1024


def project_url() -> str | None:
    """The project's own web address from the installed package metadata, if it names one."""
    try:
        from importlib.metadata import PackageNotFoundError, metadata

        meta = metadata("slant")
    except (ImportError, PackageNotFoundError):  # pragma: no cover - running from a checkout
        return None
    urls = [u.split(",", 1)[-1].strip() for u in meta.get_all("Project-URL") or []]
    home = meta.get_all("Home-page") or []
    return next((u for u in [*urls, *home] if u and u.startswith("https://")), None)


def user_agent(contact: str | None = None) -> str:
    """``slant/VERSION (news research crawler; +ADDRESS; CONTACT)``: the address is the
    project's own (from its package metadata, left out when it names none), ``contact``
    the operator's (an address or e-mail, so a site can reach whoever runs the crawl)."""
    parts = ["news research crawler"]
    home = project_url()
    if home:
        parts.append(f"+{home}")
    if contact:
        parts.append(contact.strip())
    return f"slant/{__version__} ({'; '.join(parts)})"


USER_AGENT = user_agent()


class Robots:
    """robots.txt of one host for one crawl: rules, or why nothing may be fetched."""

    def __init__(self, rules: Any = None, unreachable: str | None = None) -> None:
        self.rules = rules             # a protego.Protego, or None: everything allowed
        self.unreachable = unreachable
