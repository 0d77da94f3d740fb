"""Fixtures for web tests: a real SQLite store in a temp dir, a fake pipeline, an app."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_fakes import FakePipeline, corpus_articles, make_analysis

from slant.config import Settings
from slant.models import Article
from slant.web import WebOptions, create_app


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path, db_url=f"sqlite:///{tmp_path / 'web.db'}")


@pytest.fixture
def store(settings: Settings) -> Iterator[object]:
    from slant.store import open_store

    s = open_store(settings.database_url, settings=settings)
    yield s
    s.close()


@pytest.fixture
def stored_ids(store) -> list[str]:
    """Twelve analyzed articles saved in the store, grouped into stories."""
    ids = [store.save(make_analysis(a)) for a in corpus_articles(12)]
    from slant.stories import update_stories

    update_stories(store)
    return ids


def no_fetch(url: str, **_: object) -> Article:
    raise AssertionError(f"tests must not fetch {url}")


@pytest.fixture
def pipeline() -> FakePipeline:
    return FakePipeline()


@pytest.fixture
def make_client(settings, store, pipeline):
    clients: list[TestClient] = []

    def make(options: WebOptions | None = None, fetcher=no_fetch, **kw) -> TestClient:
        app = create_app(settings, store=store, pipeline_factory=lambda s: pipeline,
                         fetcher=fetcher, options=options, **kw)
        client = TestClient(app, base_url="http://127.0.0.1")
        clients.append(client)
        return client

    yield make
    for c in clients:
        c.close()


@pytest.fixture
def client(make_client) -> TestClient:
    return make_client()

