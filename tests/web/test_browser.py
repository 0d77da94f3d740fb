"""End to end in real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

Never run `playwright install`: these tests use the system browser and skip without it.
Screenshots go to test-artifacts/ (ignored by git).
"""

from __future__ import annotations

import re
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


LONG_OUTLET = "The " + "Extraordinarily " * 18 + "Long Outlet Name"  # ~300 characters
RLO_OUTLET = "Daily \u202eSemiT"
LONG_TITLE = "A " + "_".join(["remarkably"] * 20) + " headline "  # a 200-character word


def all_techniques_analysis():
    """One article with a span of each of the 14 techniques (sentences written for the test)."""
    from slant.models import TECHNIQUES, TechniqueSpan

    sentences = [f"Sentence {i} carries a passage for technique number {i}." for i in range(14)]
    text = " ".join(sentences)
    spans, at = [], 0
    for i, sentence in enumerate(sentences):
        start = text.index(sentence, at) + len(f"Sentence {i} carries ")
        end = start + len("a passage")
        spans.append(TechniqueSpan(start=start, end=end, text=text[start:end],
                                   technique=TECHNIQUES[i], score=0.8))
        at = end
    analysis = make_analysis(Article(title="Every colour", text=text, source="Palette Post"))
    from slant.pipeline import summarize

    analysis.techniques = spans
    analysis.summary = summarize(analysis)
    return analysis


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
    # Long and bidi strings: a 300-character outlet (in a story with a long-titled article)
    # and an outlet name with a right-to-left override before its date.
    long_ids = []
    for n, art in enumerate(corpus_articles(2)):
        long_ids.append(store.save(make_analysis(art.model_copy(update={
            "id": "", "url": f"https://long.example/{n}", "source": LONG_OUTLET if n else RLO_OUTLET,
            "title": LONG_TITLE + str(n),
        }).model_validate({**art.model_dump(), "id": "", "url": f"https://long.example/{n}",
                           "source": LONG_OUTLET if n else RLO_OUTLET,
                           "title": LONG_TITLE + str(n)}))))
    rainbow = store.save(all_techniques_analysis())
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
    yield {"url": f"http://127.0.0.1:{port}", "ids": ids, "hostile": hostile,
           "long_ids": long_ids, "rainbow": rainbow}
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


# -- layout and access ---------------------------------------------------------------------------
CONTRAST_JS = """(el) => {
  function rgb(s) { const m = s.match(/[\\d.]+/g).map(Number); return m; }
  function lum(c) { const f = v => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
                    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); }
  let bg = null;
  for (let e = el; e; e = e.parentElement) {
    const c = rgb(getComputedStyle(e).backgroundColor);
    if (c.length < 4 || c[3] > 0) { bg = c; break; }
  }
  bg = bg || [255, 255, 255];
  const fg = rgb(getComputedStyle(el).color);
  const a = lum(fg), b = lum(bg);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""


def test_selected_span_text_has_contrast_on_every_colour(server, page):
    page.goto(server["url"] + f"/articles/{server['rainbow']}")
    ratios = {}
    for i in range(14):
        mark = page.locator(f'#article-text mark.tech.t{i}').first
        mark.click()
        assert "active" in (mark.get_attribute("class") or "")
        ratios[i] = mark.evaluate(CONTRAST_JS)
        if i == 8:
            _shot(page, "contrast-selected")
    low = {i: round(r, 2) for i, r in ratios.items() if r < 4.5}
    assert not low, f"selected-span text under 4.5:1 on techniques {low}"
    _nothing_ran(page)


@pytest.fixture
def phone(browser):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True,
                              is_mobile=True, device_scale_factor=2)
    pg = ctx.new_page()
    pg.errors = []  # type: ignore[attr-defined]
    pg.dialogs = []  # type: ignore[attr-defined]
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    ctx.close()


def _page_width(page) -> int:
    return page.evaluate("Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)")


def test_long_names_never_widen_a_phone_page(server, phone):
    import httpx

    a, b = server["long_ids"]
    stories = httpx.get(server["url"] + "/api/v1/stories?min_articles=2").json()["items"]
    paths = ["/corpus", "/dashboard", f"/compare?ids={a}&ids={b}", f"/articles/{b}", "/stories",
             f"/compare?ids={server['ids'][0]}&ids={server['ids'][2]}",
             *(f"/stories/{s['id']}" for s in stories)]
    assert stories
    for path in paths:
        phone.goto(server["url"] + path)
        phone.wait_for_load_state("load")
        width = _page_width(phone)
        name = re.sub(r"[^a-z0-9]+", "-", path.split("?")[0]).strip("-") or "root"
        _shot(phone, f"phone-{name}")
        assert width <= 391, f"{path} is {width} px wide on a 390 px phone"
    # On the corpus page every checkbox can be ticked.
    phone.goto(server["url"] + "/corpus")
    boxes = phone.locator("li.result input[type=checkbox]")
    boxes.nth(0).tap()
    boxes.nth(1).tap()
    assert boxes.nth(0).is_checked() and boxes.nth(1).is_checked()
    _nothing_ran(phone)


def test_long_titles_do_not_overlap_in_compare_columns(server, page):
    a, b = server["long_ids"]
    page.goto(server["url"] + f"/compare?ids={a}&ids={b}")
    cols = page.locator(".compare-col").all()
    assert len(cols) == 2
    grid = page.locator("#compare-grid").bounding_box()
    boxes = [col.bounding_box() for col in cols]
    for col, box in zip(cols, boxes, strict=True):
        title = col.locator("h2 a").bounding_box()  # the text itself, not its block
        assert title["x"] + title["width"] <= box["x"] + box["width"] + 1, "title overflows"
        assert box["x"] + box["width"] <= grid["x"] + grid["width"] + 1
    assert boxes[0]["x"] + boxes[0]["width"] <= boxes[1]["x"], "columns overlap"
    _shot(page, "compare-long-titles")


def test_rlo_in_an_outlet_name_does_not_move_the_date(server, page):
    a, _ = server["long_ids"]
    page.goto(server["url"] + f"/articles/{a}")
    outlet = page.locator(".article-head .meta .outlet")
    date = page.locator(".article-head .meta time")
    assert outlet.evaluate("e => getComputedStyle(e).unicodeBidi") == "isolate"
    assert date.bounding_box()["x"] >= outlet.bounding_box()["x"] + outlet.bounding_box()["width"] - 1
    assert date.inner_text() == "2025-09-01"
    _shot(page, "bidi-outlet")


def test_a_tapped_span_opens_its_panel_on_screen(server, phone):
    phone.goto(server["url"] + f"/articles/{server['rainbow']}")
    mark = phone.locator("#article-text mark.tech.t3").first
    mark.scroll_into_view_if_needed()
    mark.tap()
    panel = phone.locator("#span-panel")
    box = panel.bounding_box()
    height = phone.viewport_size["height"]
    assert box["y"] >= 0 and box["y"] + box["height"] <= height + 1, box
    assert "score 0.80" in phone.inner_text("#span-detail")
    _shot(phone, "phone-span-panel")
    phone.locator("#span-close").tap()
    assert "open" not in (panel.get_attribute("class") or "")
    _nothing_ran(phone)


def test_dashboard_legends_are_complete_and_open(server, page):
    page.goto(server["url"] + "/dashboard")
    legend = page.locator("#colour-legend .legend li")
    assert legend.count() == 14 and legend.first.is_visible()
    _shot(page, "dashboard-legends")
