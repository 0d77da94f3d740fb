"""The sample corpus end to end: the real pipeline, the store, stories and actors. Curtis Bale
and Brightvein Minerals are one actor each across outlets, in text (the CLI), JSON (the API)
and the web page (real headless Chromium; screenshots go to test-artifacts/)."""

from __future__ import annotations

import json
import socket
import threading
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "test-artifacts"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory) -> str:
    from slant.config import Settings
    from slant.ingest import iter_articles
    from slant.pipeline import build_pipeline
    from slant.store import open_store
    from slant.stories import update_actors, update_stories

    url = f"sqlite:///{tmp_path_factory.mktemp('samples') / 'samples.db'}"
    store = open_store(url)
    pipe = build_pipeline(Settings(threads=1))
    for article in iter_articles([str(REPO / "slant" / "samples" / "corpus.jsonl")]):
        store.save(pipe.analyze(article))
    update_stories(store)
    update_actors(store)
    store.close()
    return url


def _holding(actors, name: str) -> list:
    return [a for a in actors if name in a.names]


def test_one_actor_each_in_the_store_and_the_cli(sample_db):
    from typer.testing import CliRunner

    from slant.cli import app
    from slant.store import open_store

    store = open_store(sample_db)
    actors = store.actors(limit=1000)
    for full, short in (("Curtis Bale", "Bale"), ("Brightvein Minerals", "Brightvein")):
        (one,) = _holding(actors, full)
        assert one.name == full and short in one.names, one
        assert _holding(actors, short) == [one]
    outlets = {p.source for p in store.entity_profile("Bale")}
    assert len(outlets) >= 2
    text = CliRunner().invoke(app, ["actors", "--db", sample_db, "--limit", "200"],
                              env={"COLUMNS": "400"}).output
    rows = [line for line in text.splitlines() if "Curtis Bale" in line or "Bale " in line]
    assert len([r for r in rows if "Curtis Bale" in r]) == 1, text
    assert len([r for r in text.splitlines() if "Brightvein Minerals" in r]) == 1, text


def _story_with(store, name: str):
    for s in store.stories(min_articles=2, limit=100):
        from slant.stories import compare_story

        cmp = compare_story(store, s.id)
        if any(name in e.names for e in cmp.entities):
            return s, cmp
    raise AssertionError(f"no story mentions {name}")


def test_the_comparison_json_names_each_once(sample_db):
    from typer.testing import CliRunner

    from slant.cli import app
    from slant.store import open_store

    store = open_store(sample_db)
    story, _ = _story_with(store, "Curtis Bale")
    out = CliRunner().invoke(app, ["compare", "--story", str(story.id), "-f", "json", "--db", sample_db])
    assert out.exit_code == 0, out.output
    cmp = json.loads(out.output)
    bale = [e for e in cmp["entities"] if "Curtis Bale" in e["names"] or "Bale" in e["names"]]
    assert len(bale) == 1 and bale[0]["entity"] == "Curtis Bale"
    assert len(bale[0]["by_outlet"]) >= 2
    bv = [e for e in cmp["entities"] if {"Brightvein", "Brightvein Minerals"} & set(e["names"])]
    assert len(bv) == 1 and bv[0]["entity"] == "Brightvein Minerals"
    assert [s["speaker"] for s in cmp["speakers"]].count("Curtis Bale") <= 1
    text = CliRunner().invoke(app, ["compare", "--story", str(story.id), "--db", sample_db],
                              env={"COLUMNS": "400"}).output
    assert "coverage timeline" in text
    import re

    # each is one actor: never a row of its own under its short name
    assert "│ Curtis Bale" in text and not re.search(r"│ Bale\s+│", text), text
    assert "│ Brightvein Minerals" in text and not re.search(r"│ Brightvein\s+│", text), text


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")
def test_the_web_pages_show_one_actor_each(sample_db, tmp_path):
    import uvicorn
    from playwright.sync_api import sync_playwright

    from slant.config import Settings
    from slant.store import open_store
    from slant.web import create_app

    store = open_store(sample_db)
    story, _ = _story_with(store, "Curtis Bale")
    app = create_app(Settings(data_dir=tmp_path, db_url=sample_db), store=store,
                     pipeline_factory=lambda s: None)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS, headless=True)
            page = b.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"{base}/stories/{story.id}")
            rows = page.locator("#compare-entities tbody tr")
            firsts = [rows.nth(i).locator("td").first.inner_text() for i in range(rows.count())]
            assert len([f for f in firsts if "Curtis Bale" in f or f.startswith("Bale")]) == 1, firsts
            assert len([f for f in firsts if "Brightvein" in f]) == 1, firsts
            page.screenshot(path=str(ARTIFACTS / "web-sample-story-actors.png"), full_page=True)
            page.goto(f"{base}/actors")
            names = page.locator("#actors-table tbody tr td:first-child").all_inner_texts()
            assert names.count("Curtis Bale") == 1 and "Bale" not in names
            assert names.count("Brightvein Minerals") == 1 and "Brightvein" not in names
            page.screenshot(path=str(ARTIFACTS / "web-sample-actors.png"), full_page=True)
            b.close()
    finally:
        server.should_exit = True
        thread.join(10)
        store.close()
