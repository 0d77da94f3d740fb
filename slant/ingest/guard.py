"""Refuse URLs that point inside the network (SSRF), checked after DNS resolution; and
HTTP clients whose every request ends by a deadline.

:func:`check_public_url` is the ``check_url`` hook given to the fetcher, which calls it for
the first URL and again for every redirect. It raises :class:`~slant.errors.FetchError` for
a scheme other than http(s), credentials in the URL, or a host that resolves to any private,
loopback, link-local, multicast, reserved, unspecified or cloud-metadata address. A host
that resolves to several addresses is refused if any one of them is not public.

The web app (URL analysis) and the crawler apply the same guard, and both turn it off with
the same opt-in flag, ``--allow-private-urls``. :func:`guarded_client` is the HTTP client
both use: with a resolver it connects only to addresses it has checked (no DNS rebinding),
and every socket operation is cut short at the deadline that :func:`deadline` sets, so a
server that trickles its answer a byte at a time cannot hold a fetch past its time limit.
"""

from __future__ import annotations

import contextlib
import contextvars
import ipaddress
import socket
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from slant.errors import FetchError

if TYPE_CHECKING:  # pragma: no cover
    import httpx

Resolver = Callable[[str, int], Iterable[str]]

# Addresses that ``is_private`` & co. do not all cover: cloud metadata endpoints and
# carrier-grade NAT, plus the IPv6 forms of IPv4 mapped and NAT64 addresses (unwrapped below).
_BLOCKED_NETS = [
    ipaddress.ip_network(n)
    for n in (
        "169.254.0.0/16",      # link-local, incl. 169.254.169.254 (AWS, GCP, Azure metadata)
        "100.64.0.0/10",       # carrier-grade NAT (also Alibaba metadata 100.100.100.200)
        "192.0.0.0/24",        # IETF protocol assignments (incl. Oracle 192.0.0.192)
        "fd00:ec2::254/128",   # AWS IPv6 metadata
        "0.0.0.0/8",
        "198.18.0.0/15",
    )
]
_METADATA_HOSTS = {"metadata.google.internal", "metadata", "metadata.goog", "instance-data"}


def system_resolver(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host!r}: {exc}") from None
    return [str(info[4][0]) for info in infos]


def address_is_public(addr: str) -> bool:
    ip = ipaddress.ip_address(addr.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        elif ip.sixtofour is not None:
            ip = ip.sixtofour
        elif ip in ipaddress.ip_network("64:ff9b::/96"):
            ip = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
            or ip.is_reserved or ip.is_unspecified or not ip.is_global):
        return False
    return not any(ip in net for net in _BLOCKED_NETS if net.version == ip.version)


def check_public_url(url: str, *, resolver: Resolver = system_resolver) -> None:
    """Raise FetchError unless ``url`` is http(s) and every address of its host is public."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise FetchError(f"not a valid URL: {exc}", source=url) from None
    if parts.scheme not in ("http", "https"):
        raise FetchError("only http and https URLs can be analyzed", source=url)
    if parts.username or parts.password:
        raise FetchError("URLs with credentials are refused", source=url)
    host = (parts.hostname or "").rstrip(".").lower()
    if not host:
        raise FetchError("the URL has no host", source=url)
    if host in _METADATA_HOSTS or host == "localhost" or host.endswith(".localhost"):
        raise FetchError(
            f"refusing {host!r}: it is a local or cloud-metadata host "
            "(--allow-private-urls allows it)",
            source=url,
        )
    port = port or (443 if parts.scheme == "https" else 80)
    addrs = list(resolver(host, port))
    if not addrs:
        raise FetchError(f"host {host!r} resolves to no address", source=url)
    for addr in addrs:
        try:
            public = address_is_public(addr)
        except ValueError:
            public = False
        if not public:
            raise FetchError(
                f"refusing {host!r}: it resolves to the non-public address {addr} "
                "(--allow-private-urls allows it)",
                source=url,
            )


def allow_any_url(url: str) -> None:
    """The check used with ``--allow-private-urls``: scheme only."""
    scheme = urlsplit(url).scheme
    if scheme not in ("http", "https"):
        raise FetchError("only http and https URLs can be analyzed", source=url)


def url_check(allow_private: bool, resolver: Resolver = system_resolver) -> Callable[[str], None]:
    """The ``check_url`` hook for the flag: scheme only when private addresses are allowed,
    else :func:`check_public_url` with ``resolver``."""
    if allow_private:
        return allow_any_url

    def check(url: str) -> None:
        check_public_url(url, resolver=resolver)

    return check


# The monotonic time by which the current fetch must be over (None: no deadline).
_DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "slant_fetch_deadline", default=None)


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[float]:
    """Within this block, sockets of a :func:`guarded_client` give up ``seconds`` from now
    (each read, write and connect waits at most the time left)."""
    end = time.monotonic() + seconds
    token = _DEADLINE.set(end)
    try:
        yield end
    finally:
        _DEADLINE.reset(token)


def _left(timeout: float | None) -> float | None:
    end = _DEADLINE.get()
    if end is None:
        return timeout
    left = end - time.monotonic()
    return max(0.0, left) if timeout is None else max(0.0, min(timeout, left))


def guarded_client(resolver: Resolver | None, *, timeout: float, user_agent: str) -> httpx.Client:
    """An httpx client whose sockets keep to the :func:`deadline` of the fetch in progress,
    and, given a ``resolver``, connect only to addresses checked here.

    :func:`check_public_url` runs before each request, but the HTTP client would resolve the
    host again; a hostile DNS server could then answer with a private address (DNS
    rebinding). With a ``resolver`` this client's connections resolve the host once, refuse
    it unless every address is public, and connect to the address that was checked. TLS
    still verifies the certificate against the host name. Proxies from the environment are
    not used. ``resolver=None``: no address check (``--allow-private-urls``), the deadline
    still holds.
    """
    import httpcore
    import httpx

    class DeadlineStream(httpcore.NetworkStream):
        def __init__(self, inner: httpcore.NetworkStream) -> None:
            self.inner = inner

        def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
            left = _left(timeout)
            if left is not None and left <= 0:
                raise httpcore.ReadTimeout("the time limit of the fetch is over")
            return self.inner.read(max_bytes, left)

        def write(self, buffer: bytes, timeout: float | None = None) -> None:
            left = _left(timeout)
            if left is not None and left <= 0:
                raise httpcore.WriteTimeout("the time limit of the fetch is over")
            self.inner.write(buffer, left)

        def close(self) -> None:
            self.inner.close()

        def start_tls(self, ssl_context: Any, server_hostname: str | None = None,
                      timeout: float | None = None) -> httpcore.NetworkStream:
            return DeadlineStream(self.inner.start_tls(ssl_context, server_hostname, _left(timeout)))

        def get_extra_info(self, info: str) -> Any:
            return self.inner.get_extra_info(info)

    class CheckedBackend(httpcore.SyncBackend):
        def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                        local_address: str | None = None,
                        socket_options: Iterable[Any] | None = None) -> Any:
            target = host
            if resolver is not None:
                try:
                    addrs = list(resolver(host, port))
                except FetchError as exc:
                    raise httpcore.ConnectError(str(exc)) from None
                bad = [a for a in addrs if not _public(a)]
                if not addrs or bad:
                    raise httpcore.ConnectError(
                        f"refusing {host!r}: it resolves to the non-public address "
                        f"{(bad or ['nothing'])[0]}")
                target = addrs[0]
            left = _left(timeout)
            if left is not None and left <= 0:
                raise httpcore.ConnectTimeout("the time limit of the fetch is over")
            return DeadlineStream(super().connect_tcp(
                target, port, timeout=left, local_address=local_address,
                socket_options=socket_options))

    transport = httpx.HTTPTransport(trust_env=False)
    transport._pool._network_backend = CheckedBackend()  # httpcore has no public hook
    return httpx.Client(transport=transport, timeout=timeout, trust_env=False,
                        headers={"User-Agent": user_agent})


def pinned_client(resolver: Resolver, *, timeout: float, user_agent: str) -> httpx.Client:
    """:func:`guarded_client` with an address check: connects only to public addresses."""
    return guarded_client(resolver, timeout=timeout, user_agent=user_agent)


def _public(addr: str) -> bool:
    try:
        return address_is_public(addr)
    except ValueError:
        return False
