"""No request may starve the others, no other site may act for the user, HTTP conventions.

In-process (TestClient); the layout and contrast checks run in Chromium (test_browser.py).
"""

from __future__ import annotations

import re
import time

import pytest
from web_fakes import SAMPLE, corpus_articles, form, long_article, make_analysis

from slant.web import WebOptions

AUTH = WebOptions(token="s3cret-token-long-enough", require_auth=True)


# -- search cost -------------------------------------------------------------------------------
def test_repeated_words_cost_one_word(client, stored_ids):
    one = client.get("/api/v1/search", params={"q": "harbour"}).json()
    many = client.get("/api/v1/search", params={"q": " ".join(["harbour"] * 60)}).json()
    assert many["total"] == one["total"] > 0
    r = client.get("/api/v1/search", params={"q": " ".join(["the"] * 124)})
    assert r.status_code == 200


def test_too_many_different_words_is_a_clear_422(client, stored_ids):
    q = " ".join(f"word{i}" for i in range(13))
    r = client.get("/api/v1/search", params={"q": q})
    assert r.status_code == 422
    assert r.json()["error"]["message"] == ("the search has 13 different words; use at most 12 "
                                            "(leave out the common ones)")
    page = client.get("/corpus", params={"q": q}, headers={"accept": "text/html"})
    assert page.status_code == 422 and "use at most 12" in page.text


@pytest.fixture
def bigger_store(store, stored_ids):
    store.save_many(make_analysis(a.model_copy(update={"id": "", "url": f"https://x.example/{i}"}))
                    for i, a in enumerate(corpus_articles(12) * 25))
    return store


def test_search_deadline_frees_the_worker(make_client, bigger_store):
    client = make_client(WebOptions(search_timeout_s=1e-9))
    for path in ("/api/v1/search?q=harbour%20plan", "/corpus?q=harbour%20plan"):
        r = client.get(path)
        assert r.status_code == 503, path
        assert "ran past its 1e-09 s limit and was stopped" in r.text
        assert r.headers["retry-after"] == "5"
    # The same store answers at once with a usable deadline: nothing was left running.
    ok = make_client(WebOptions(search_timeout_s=5)).get("/api/v1/search?q=harbour%20plan")
    assert ok.status_code == 200 and ok.json()["total"] > 100


# -- the analysis slot -------------------------------------------------------------------------
def test_a_timed_out_analysis_frees_the_slot(make_client):
    """The analysis runs in a child process that is stopped at the deadline: the next analysis
    gets the slot at once (before, the timed-out job kept the one worker thread busy)."""
    from web_fakes import slow_pipeline_factory

    from slant.config import Settings
    from slant.web import create_app

    app = create_app(Settings(), store=None, pipeline_factory=slow_pipeline_factory,
                     options=WebOptions(analyze_worker="process", analyze_timeout_s=8))
    from fastapi.testclient import TestClient

    with TestClient(app, base_url="http://127.0.0.1") as client:
        service = app.state.service
        assert service.analyze_mode == "process"
        t0 = time.monotonic()
        r = client.post("/api/v1/analyze", json={"text": "SLOW " + SAMPLE})
        assert r.status_code == 503 and r.json()["error"]["code"] == "timeout"
        assert "was stopped" in r.json()["error"]["message"]
        assert time.monotonic() - t0 < 20
        assert service.analysis_pid is None  # the child is gone
        r = client.post("/api/v1/analyze", json={"text": SAMPLE})
        assert r.status_code == 200, r.text
        assert r.json()["analysis"]["techniques"]


def test_long_texts_get_a_budget_of_their_own():
    opts = WebOptions()
    assert opts.analyze_budget(0) == 120
    assert opts.analyze_budget(100_000) == 220
    assert WebOptions(analyze_timeout_s=10, analyze_s_per_1000_chars=0.5).analyze_budget(4000) == 12


def test_thread_mode_tells_the_next_request_the_slot_is_busy(make_client):
    from web_fakes import SlowPipeline

    from slant.config import Settings
    from slant.web import create_app

    app = create_app(Settings(), pipeline_factory=lambda s: SlowPipeline(),
                     options=WebOptions(analyze_timeout_s=0.5, analyze_queue=1))
    from fastapi.testclient import TestClient

    client = TestClient(app, base_url="http://127.0.0.1")
    assert client.post("/api/v1/analyze", json={"text": "SLOW text"}).json()["error"]["code"] \
        == "timeout"
    r = client.post("/api/v1/analyze", json={"text": SAMPLE})
    assert r.status_code == 503 and r.json()["error"]["code"] == "busy"
    assert r.headers["retry-after"] == "30"


def test_the_page_states_the_limits_and_long_texts_get_413(client):
    page = client.get("/").text
    assert "Up to 100,000 characters" in page
    assert "stopped after 120 seconds plus 1 second per 1,000 characters" in page
    assert "(220 seconds for the longest text)" in page
    r = client.post("/api/v1/analyze", json={"text": "word " * 20_001})
    assert r.status_code == 413
    assert "the limit is 100,000" in r.json()["error"]["message"]


# -- cross-site requests -------------------------------------------------------------------------
@pytest.mark.parametrize("host", ["attacker.example", "attacker.example:8130", "127.0.0.1.evil.example",
                                  "[2001:db8::1]:80"])
def test_only_loopback_host_names_by_default(client, host):
    for path in ("/", "/api/v1/articles", "/corpus"):
        r = client.get(path, headers={"host": host})
        assert r.status_code == 400, (path, host)
        err = r.json()["error"]
        assert err["code"] == "bad_host" and "--allowed-host" in err["message"]
        assert r.headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.1:8130", "localhost:8130", "[::1]:8130",
                                  "LOCALHOST"])
def test_loopback_names_are_served(client, host):
    assert client.get("/api/v1/health", headers={"host": host}).status_code == 200


def test_allowed_hosts_are_configurable(make_client):
    mine = make_client(WebOptions(allowed_hosts=("slant.example",)))
    assert mine.get("/", headers={"host": "slant.example:8443"}).status_code == 200
    assert mine.get("/", headers={"host": "other.example"}).status_code == 400
    anyone = make_client(WebOptions(allowed_hosts=None, token="t" * 20, require_auth=True))
    assert anyone.get("/api/v1/health", headers={"host": "other.example"}).status_code == 200


@pytest.mark.parametrize("headers", [
    {"origin": "http://attacker.example", "sec-fetch-site": "cross-site"},
    {"origin": "http://attacker.example"},
    {"sec-fetch-site": "cross-site"},
    {"sec-fetch-site": "same-site", "origin": "http://127.0.0.1:9999"},
    {"origin": "null"},
])
def test_cross_site_posts_are_refused(client, store, headers):
    """The attack: two no-cors form posts from another site, /analyze then /save."""
    r = client.post("/analyze", data=form(client, text=SAMPLE), headers=headers)
    assert r.status_code == 403 and r.json()["error"]["code"] == "cross_site"
    ok = client.post("/analyze", data=form(client, text=SAMPLE))
    aid = re.search(r'name="article_id" value="([0-9a-f]+)"', ok.text).group(1)
    r = client.post("/save", data=form(client, article_id=aid), headers=headers,
                    follow_redirects=False)
    assert r.status_code == 403
    r = client.post("/api/v1/analyze", json={"text": SAMPLE, "save": True}, headers=headers)
    assert r.status_code == 403
    assert store.count() == 0


def test_same_origin_posts_and_plain_clients_pass(client, store):
    same = {"origin": "http://127.0.0.1", "sec-fetch-site": "same-origin"}
    assert client.post("/analyze", data=form(client, text=SAMPLE), headers=same).status_code == 200
    # curl and scripts send no Origin: not a browser acting for someone.
    assert client.post("/api/v1/analyze", json={"text": SAMPLE, "save": True}).status_code == 200
    assert store.count() == 1


@pytest.mark.parametrize("token", [None, "", "wrong-token-000000000000"])
def test_page_forms_need_the_form_token(client, store, token):
    data = {"text": SAMPLE}
    if token is not None:
        data["form_token"] = token
    client.get("/")  # the browser has its form cookie
    r = client.post("/analyze", data=data, headers={"accept": "text/html"})
    assert r.status_code == 403 and "reload the page" in r.text
    r = client.post("/save", data={**data, "article_id": "0" * 16}, headers={"accept": "text/html"})
    assert r.status_code == 403


def test_form_token_cookie_is_set_once_and_put_in_forms(client):
    r = client.get("/")
    cookie = r.cookies.get("slant_form")
    assert cookie and f'name="form_token" value="{cookie}"' in r.text
    assert "samesite=lax" in r.headers["set-cookie"].lower()
    again = client.get("/")
    assert "slant_form" not in again.headers.get("set-cookie", "")
    assert f'value="{cookie}"' in again.text


# -- huge articles -------------------------------------------------------------------------------
@pytest.fixture
def long_id(store):
    return store.save(make_analysis(long_article(200_000)))


def _visible(html: str) -> str:
    import html as h

    body = html.split('id="article-text" class="article-text">', 1)[1].split("</div>", 1)[0]
    return h.unescape(re.sub(r"<[^>]+>", "", body.replace("<br>\n", "\n")))


def test_a_huge_article_is_shown_in_parts(client, store, long_id):
    text = store.get(long_id).article.text
    first = client.get(f"/articles/{long_id}")
    assert first.status_code == 200
    assert len(first.content) < 300_000, "one part, not the whole 200 KB article"
    m = re.search(r"Part 1 of (\d+)", first.text)
    assert m and int(m.group(1)) >= 10
    parts = int(m.group(1))
    assert f'href="/articles/{long_id}?part=2" rel="next"' in first.text
    seen = [_visible(first.text)]
    for p in range(2, parts + 1):
        seen.append(_visible(client.get(f"/articles/{long_id}", params={"part": p}).text))
    assert "".join(seen) == text, "the parts together are the whole text, in order"
    assert all(len(s) <= 20_000 for s in seen)


def test_article_rendering_is_cached(make_client, store, long_id, monkeypatch):
    client = make_client()
    calls = []
    real = store.get
    monkeypatch.setattr(store, "get", lambda aid: calls.append(aid) or real(aid))
    for _ in range(3):
        assert client.get(f"/articles/{long_id}").status_code == 200
    assert calls == [long_id]
    client.get(f"/articles/{long_id}?part=2")
    assert calls == [long_id, long_id]


def test_a_long_analysis_shows_its_first_part_and_links_the_rest(client):
    art = long_article(60_000)
    r = client.post("/analyze", data=form(client, text=art.text, title=art.title))
    assert r.status_code == 200
    parts = int(re.search(r"Part 1 of (\d+)", r.text).group(1))
    assert parts >= 3
    link = re.search(r'href="(/analysis/[0-9a-f]+\?part=2)" rel="next"', r.text).group(1)
    second = client.get(link)
    assert second.status_code == 200 and f"Part 2 of {parts}" in second.text


def test_window_highlight_matches_the_whole(store):
    from slant.web._highlight import highlight, text_parts

    a = make_analysis(long_article(30_000))
    whole = _visible('id="article-text" class="article-text">'
                     + str(highlight(a.article.text, a.techniques, a.quotes)) + "</div>")
    pieces = [_visible('id="article-text" class="article-text">'
                       + str(highlight(a.article.text, a.techniques, a.quotes, start=s, end=e))
                       + "</div>") for s, e in text_parts(a.article.text, 5_000)]
    assert "".join(pieces) == whole == a.article.text
    html = str(highlight(a.article.text, a.techniques, a.quotes))
    assert html.count("span-start") == len(a.techniques) > 100


# -- layout (markup; the rendering is checked in Chromium) ----------------------------------------
def test_user_strings_are_bidi_isolated_and_names_shortened(client, store):
    rlo = "Daily \u202eTimes"
    long_outlet = "The " + "Very " * 60 + "Long Outlet"
    for n, outlet in enumerate((rlo, long_outlet)):
        art = corpus_articles(1)[0].model_copy(update={"id": "", "source": outlet,
                                                        "url": f"https://x.example/{n}"})
        store.save(make_analysis(art.model_validate(art.model_dump())))
    corpus = client.get("/corpus").text
    assert f'<bdi class="outlet">{rlo}</bdi>' in corpus
    assert f'<option value="{long_outlet}" >' not in corpus
    assert re.search(r"<option value=\"The Very [^\"]+\" >The Very[^<]{40,60}…</option>", corpus)
    dashboard = client.get("/dashboard").text
    assert '<details open id="colour-legend">' in dashboard


def test_over_time_chart_names_the_outlets_it_leaves_out():
    from slant.store.records import TechniqueRateRow
    from slant.web._views import techniques_over_time_chart

    rows = [TechniqueRateRow(source=f"Outlet {i:02d}", month="2026-01", articles=1, words=100,
                             spans=1, spans_per_1000_words=10.0, by_technique={})
            for i in range(17)]
    out = techniques_over_time_chart(rows)
    assert len(out["shown"]) == 8 and len(out["hidden"]) == 9
    assert set(out["shown"]) | set(out["hidden"]) == {r.source for r in rows}


def test_selected_span_colours_have_contrast():
    from pathlib import Path

    import slant.web
    from slant.web._highlight import ON_PALETTE, PALETTE, contrast

    css = (Path(slant.web.__file__).parent / "static" / "style.css").read_text()
    for i, (bg, fg) in enumerate(zip(PALETTE, ON_PALETTE, strict=True)):
        assert contrast(bg, fg) >= 4.5, (i, bg, fg)
        assert re.search(rf"\.t{i} {{ --c: {bg};[^}}]*--on: {fg};", css), i
    assert "color: var(--on)" in css


# -- tokens --------------------------------------------------------------------------------------
@pytest.mark.parametrize("token", [" ", "", "\t", " padded "])
def test_blank_tokens_are_refused(token):
    with pytest.raises(ValueError):
        WebOptions(token=token, require_auth=True)


def test_logout_revokes_the_session(make_client):
    client = make_client(AUTH)
    assert "Log out" not in client.get("/login").text
    client.post("/login", data=form(client, token=AUTH.token, next="/"), follow_redirects=False)
    session = client.cookies.get("slant_session")
    assert session and "Log out" in client.get("/corpus").text
    client.post("/logout", data=form(client), follow_redirects=False)
    thief = make_client(AUTH)
    thief.cookies.set("slant_session", session)
    r = thief.get("/corpus", follow_redirects=False)
    assert r.status_code == 303, "the old cookie no longer opens anything"


def test_no_log_out_on_an_open_server(client):
    assert "Log out" not in client.get("/").text


def test_413_has_the_security_headers(make_client):
    client = make_client(WebOptions(max_body_bytes=1000))
    r = client.post("/api/v1/analyze", json={"text": "x" * 5000})
    assert r.status_code == 413
    for h in ("content-security-policy", "x-content-type-options", "x-frame-options",
              "referrer-policy"):
        assert h in r.headers, h


def test_favicon(client):
    r = client.get("/favicon.ico")
    assert r.status_code == 200
    assert r.headers["content-type"] == "image/vnd.microsoft.icon"
    assert r.content[:4] == b"\x00\x00\x01\x00" and b"PNG" in r.content[:40]


# -- HTTP conventions ----------------------------------------------------------------------------
@pytest.mark.parametrize("path", ["/", "/corpus", "/api/v1/health", "/api/v1/search?q=harbour",
                                  "/glossary", "/static/style.css"])
def test_head_answers_like_get_without_a_body(client, stored_ids, path):
    get = client.get(path)
    head = client.head(path)
    assert head.status_code == 200, path
    assert head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]
    assert "content-security-policy" in head.headers


@pytest.mark.slow
def test_a_client_that_leaves_stops_its_analysis(tmp_path):
    """The analysis of a client that disconnected is stopped: its CPU and the slot are freed."""
    import socket
    import threading

    import httpx
    import uvicorn
    from web_fakes import slow_pipeline_factory

    from slant.config import Settings
    from slant.web import create_app

    app = create_app(Settings(data_dir=tmp_path, db_url=f"sqlite:///{tmp_path / 'x.db'}"),
                     pipeline_factory=slow_pipeline_factory,
                     options=WebOptions(analyze_worker="process", analyze_timeout_s=60))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        while not server.started:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        service = app.state.service
        with pytest.raises(httpx.ReadTimeout):  # the client gives up after 6 s and leaves
            httpx.post(base + "/api/v1/analyze", json={"text": "SLOW " + SAMPLE}, timeout=6)
        deadline = time.monotonic() + 5
        while service.analysis_pid is not None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert service.analysis_pid is None, "the analysis went on after its client left"
        t0 = time.monotonic()
        r = httpx.post(base + "/api/v1/analyze", json={"text": SAMPLE}, timeout=60)
        assert r.status_code == 200
        assert time.monotonic() - t0 < 30, "the slot was free"
    finally:
        server.should_exit = True
        thread.join(10)
        app.state.service.close()
