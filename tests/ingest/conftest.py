"""Fixtures for the ingest tests: offline HTTP clients (httpx.MockTransport) and HTML pages."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
from ingest_pages import ARTICLE_HTML


@pytest.fixture
def article_html() -> str:
    return ARTICLE_HTML


@pytest.fixture
def mock_client() -> Callable[[Callable[[httpx.Request], httpx.Response]], httpx.Client]:
    """A factory: ``mock_client(handler)`` is an httpx.Client answering with ``handler``."""
    clients: list[httpx.Client] = []

    def make(handler: Callable[[httpx.Request], httpx.Response]) -> httpx.Client:
        client = httpx.Client(transport=httpx.MockTransport(handler))
        clients.append(client)
        return client

    yield make
    for c in clients:
        c.close()
