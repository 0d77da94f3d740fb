"""End to end in real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

Never run `playwright install`: these tests use the system browser and skip without it.
Screenshots go to test-artifacts/ (ignored by git).
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest
from web_fakes import SAMPLE, FakePipeline, corpus_articles, make_analysis

from slant.models import Article

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)"),
]

HOSTILE_TITLE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'
HOSTILE_TEXT = ('A <b>bold</b> claim: <script>window.__pwned = 3</script> the reckless scheme '
                '<a href="javascript:window.__pwned = 4">click me</a> <div unclosed '
                '<svg onload="window.__pwned = 5"> and "<img src=y onerror=window.__pwned=6>, '
                'truly," said Mara Olsen.')


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The app on 127.0.0.1 (random port) in a thread, over a SQLite store with a corpus."""
    import uvicorn

    from slant.config import Settings
    from slant.store import open_store
    from slant.stories import update_stories
    from slant.web import create_app

    tmp = tmp_path_factory.mktemp("web-browser")
    settings = Settings(data_dir=tmp, db_url=f"sqlite:///{tmp / 'browser.db'}")
    store = open_store(settings.database_url, settings=settings)
    ids = [store.save(make_analysis(a)) for a in corpus_articles(12)]
    hostile = store.save(make_analysis(Article(
        title=HOSTILE_TITLE, text=HOSTILE_TEXT, source='<b onmouseover="window.__pwned=7">X</b>',
        url="javascript:window.__pwned = 8", author="<svg onload=window.__pwned=9>")))
    update_stories(store)
    app = create_app(settings, store=store, pipeline_factory=lambda s: FakePipeline())
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield {"url": f"http://127.0.0.1:{port}", "ids": ids, "hostile": hostile}
    server.should_exit = True
    thread.join(10)
    store.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    pg.dialogs = []  # type: ignore[attr-defined]
    pg.errors = []  # type: ignore[attr-defined]
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    ctx.close()


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"web-{name}.png"), full_page=True)


def _nothing_ran(page) -> None:
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.dialogs == []
    assert page.errors == []


def test_analyze_a_sample_and_click_a_span(server, page):
    page.goto(server["url"] + "/")
    page.fill("#text-input", SAMPLE + "\n" + HOSTILE_TEXT)
    page.fill("input[name=title]", HOSTILE_TITLE)
    page.click("#analyze-button")
    page.wait_for_selector("#article-text mark.tech")
    assert page.locator(".legend li").count() >= 6
    # The nested span: "scheme" is Name calling inside the Loaded language span.
    inner = page.locator('#article-text mark.tech[data-technique="Name_Calling,Labeling"]').first
    inner.click()
    detail = page.locator("#span-detail")
    assert "Name calling / labeling" in detail.inner_text()
    assert "Loaded language" in detail.inner_text()  # the span it is nested in, too
    assert "score 0.62" in detail.inner_text()
    assert "Attaches a label" in detail.inner_text()  # the definition
    assert page.locator("#article-text mark.tech.active").count() >= 1
    # Hover shows the tooltip.
    page.locator('#article-text mark.tech[data-technique="Doubt"]').first.hover()
    assert page.locator("#span-tooltip").is_visible()
    assert "Doubt" in page.locator("#span-tooltip").inner_text()
    _shot(page, "analyze")
    # A quote in the side panel scrolls to the quote and flashes it.
    page.locator("a.quote-link").nth(1).click()
    assert page.evaluate("location.hash") == "#q-1"
    assert page.locator("#article-text .quote.flash").count() >= 1
    assert page.title().startswith("<script>")  # shown as text
    _nothing_ran(page)
    # Save to corpus goes to the permalink.
    page.click("#save-button")
    page.wait_for_url("**/articles/*")
    assert "Saved to the corpus." in page.inner_text("body")
    _nothing_ran(page)


def test_a_quoted_span_is_drawn_apart_and_its_tooltip_names_the_speaker(server, page):
    page.goto(server["url"] + "/")
    page.fill("#text-input", "Quay vote\n\nThe council backed a reckless scheme on Tuesday. "
                             '"This reckless scheme will sink us all," said Dana Holt.')
    page.click("#analyze-button")
    page.wait_for_selector("#article-text mark.tech.voice-quoted")
    assert "inside a quote" in page.inner_text("#voice-key")
    quoted = page.locator("#article-text mark.tech.voice-quoted").first
    own = page.locator("#article-text mark.tech.voice-narrator").first
    assert quoted.evaluate("m => getComputedStyle(m).borderBottomStyle") == "dashed"
    assert own.evaluate("m => getComputedStyle(m).borderBottomStyle") == "solid"
    quoted.hover()
    assert "in a quote by Dana Holt" in page.locator("#span-tooltip").inner_text()
    own.click()
    assert "in the outlet's own words" in page.locator("#span-detail").inner_text()
    _shot(page, "voice")
    _nothing_ran(page)


def test_filter_the_corpus(server, page):
    page.goto(server["url"] + "/corpus")
    assert page.locator("li.result").count() >= 13  # 12 + the hostile one (+ any saved)
    page.select_option("#outlet-select", "Coast Daily")
    page.select_option("#technique-select", "Exaggeration,Minimisation")
    page.click("#search-button")
    page.wait_for_url("**/corpus?*")
    assert page.locator("li.result").count() == 2
    assert "2 articles" in page.inner_text("#result-count")
    assert page.locator("li.result svg.tbar").count() == 2
    page.fill("#q-input", "budget")
    page.click("#search-button")
    page.wait_for_load_state()
    assert page.locator("li.result").count() == 2
    _shot(page, "corpus")
    _nothing_ran(page)


def test_open_a_comparison(server, page):
    page.goto(server["url"] + "/corpus?q=vote")
    boxes = page.locator("li.result input[type=checkbox]")
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.click("#compare-button")
    page.wait_for_selector("#compare-grid")
    assert page.locator(".compare-col").count() == 2
    assert "We were never asked what we wanted" in page.inner_text("#compare-quotes")
    _shot(page, "compare")
    page.goto(server["url"] + "/stories")
    page.locator("#stories a.result-title").first.click()
    page.wait_for_selector("#compare-grid")
    assert page.locator(".compare-col").count() >= 2
    _shot(page, "story")
    _nothing_ran(page)


def test_hostile_article_runs_nothing(server, page):
    for path in (f"/articles/{server['hostile']}", "/corpus", "/dashboard",
                 "/dashboard?entity=Mara%20Olsen", "/stories"):
        page.goto(server["url"] + path)
        page.wait_for_load_state("load")
        for mark in page.locator("#article-text mark.tech").all()[:3]:
            mark.hover()
            mark.click()
        _nothing_ran(page)
    page.goto(server["url"] + f"/articles/{server['hostile']}")
    assert page.locator("a[href^='javascript']").count() == 0
    assert "<script>window.__pwned = 1</script>" in page.inner_text("h1.article-title")
    _shot(page, "hostile")


def test_dashboard_renders(server, page):
    page.goto(server["url"] + "/dashboard")
    assert page.locator("svg.chart").count() >= 4
    _shot(page, "dashboard")
    _nothing_ran(page)


def test_api_docs_render_offline(server, page):
    """/docs uses the vendored Swagger UI under the page's CSP: no CDN, no inline script."""
    page.goto(server["url"] + "/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=20000)
    assert page.locator(".opblock").count() >= 10
    _shot(page, "api-docs")
    assert page.errors == []
