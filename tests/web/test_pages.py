"""Server-rendered pages: highlighting, overlaps, side panels, save, corpus, dashboard, compare."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from web_fakes import SAMPLE

from slant.models import Quote, TechniqueSpan
from slant.web._charts import grouped_hbar, hbar_chart, line_chart, stacked_hbar
from slant.web._highlight import PALETTE, assign_lanes, highlight


def _spans(text, *triples):
    return [TechniqueSpan(start=a, end=b, text=text[a:b], technique=t, score=0.5)
            for a, b, t in triples]


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)


def visible_text(html: str) -> str:
    p = _Text()
    p.feed(html.replace("<br>\n", "\n"))
    p.close()
    return "".join(p.parts)


def test_highlight_keeps_the_text_exactly():
    text = "A <b>loud</b> & reckless plan.\nSecond line with \"quotes\"."
    spans = _spans(text, (2, 13, "Loaded_Language"), (8, 20, "Doubt"), (0, 30, "Slogans"))
    html = str(highlight(text, spans, [Quote(start=48, end=56, text=text[48:56], kind="scare")]))
    assert visible_text(html) == text
    assert "<b>" not in html


def test_overlapping_spans_nest_with_their_own_lanes():
    text = "one two three four five"
    spans = _spans(text, (0, 13, "Loaded_Language"), (4, 18, "Doubt"), (14, 23, "Slogans"))
    assert assign_lanes(spans) == [0, 1, 0]
    html = str(highlight(text, spans))
    # "two three" is covered by spans 0 and 1: two nested marks, outer lane 1, inner lane 0.
    assert re.search(r'<mark class="tech t5 lane1[^"]*" data-span="1"[^>]*><mark class="tech t8 '
                     r'lane0" data-span="0"[^>]*>two three</mark></mark>', html), html
    assert html.count('data-span="1"') == 3  # span 1 is cut at 13 and 14, same lane
    assert len(re.findall(r'lane1 span-start" data-span="1"', html)) == 1


def test_quotes_get_anchors_for_the_quote_list():
    text = 'She said "we will win" and left.'
    q = Quote(start=10, end=21, text=text[10:21], kind="direct")
    html = str(highlight(text, [], [q]))
    assert '<span class="quote-anchor" id="q-0"></span><span class="quote" data-quote="0">we will win</span>' in html


def test_out_of_range_spans_are_ignored():
    text = "short"
    bad = TechniqueSpan(start=2, end=50, text="ort", technique="Doubt", score=0.5)
    assert visible_text(str(highlight(text, [bad]))) == "short"


def test_css_has_one_colour_per_technique():
    from pathlib import Path

    import slant.web

    css = (Path(slant.web.__file__).parent / "static" / "style.css").read_text()
    for i, colour in enumerate(PALETTE):
        assert f".t{i} {{ --c: {colour};" in css
    assert len(set(PALETTE)) == 14


def test_charts_escape_labels():
    evil = "<script>alert(1)</script>"
    for svg in (hbar_chart([(evil, 3.0)], title=evil),
                stacked_hbar([(evil, [(evil, 1.0, "#000")])], title=evil),
                grouped_hbar([(evil, [(evil, 1.0, "#000")])], title=evil),
                line_chart(["2025-01", "2025-02"], [(evil, [1.0, 2.0])], title=evil)):
        assert "<script>" not in str(svg) and "&lt;script&gt;" in str(svg)
        assert str(svg).startswith("<svg")
    assert "no data" in str(hbar_chart([], title="Empty"))


def test_analyze_page_shows_legend_panels_and_save(client, store):
    r = client.post("/analyze", data={"text": SAMPLE, "source": "Valley Post"})
    assert r.status_code == 200
    html = r.text
    assert html.count('class="tech ') >= 8
    assert 'class="legend"' in html and "Loaded language" in html
    assert 'href="#q-0"' in html and 'id="q-0"' in html          # quote list links to the text
    assert "Mara Olsen" in html and "the harbour master" in html  # speaker, descriptor
    assert 'id="summary"' in html and "Per 1,000 words" in html
    aid = re.search(r'name="article_id" value="([0-9a-f]+)"', html).group(1)
    saved = client.post("/save", data={"article_id": aid}, follow_redirects=False)
    assert saved.status_code == 303
    stored_id = saved.headers["location"].split("/")[2].split("?")[0]
    assert store.get(stored_id) is not None
    page = client.get(saved.headers["location"])
    assert "Saved to the corpus." in page.text and "Save to corpus" not in page.text


def test_analyze_page_errors_stay_on_the_form(client):
    r = client.post("/analyze", data={"text": "   "})
    assert r.status_code == 422
    assert 'role="alert"' in r.text and "paste an article" in r.text


def test_save_of_a_forgotten_analysis_is_404(client):
    r = client.post("/save", data={"article_id": "0000000000000000"},
                    headers={"accept": "text/html"})
    assert r.status_code == 404 and "analyze the article again" in r.text


def test_corpus_filters(client, stored_ids):
    html = client.get("/corpus").text
    assert "12 articles" in html and html.count('class="tbar"') == 12
    filtered = client.get("/corpus", params={"outlet": "Coast Daily", "technique":
                                             "Loaded_Language"}).text
    assert "2 articles" in filtered
    assert 'value="Coast Daily" selected' in filtered
    assert client.get("/corpus", params={"speaker": "Nobody Here"}).text.count('class="result"') == 0
    assert client.get("/corpus", params={"since": "not-a-date"},
                      headers={"accept": "text/html"}).status_code == 422


def test_corpus_paging(make_client, stored_ids):
    from slant.web import WebOptions

    client = make_client(WebOptions(page_size=5))
    first = client.get("/corpus").text
    assert "page 1 of 3" in first and 'rel="next"' in first and 'rel="prev"' not in first
    last = client.get("/corpus?page=3").text
    assert last.count('class="result"') == 2


def test_dashboard_draws_svg_charts(client, stored_ids):
    html = client.get("/dashboard").text
    assert html.count("<svg") >= 4
    assert "Technique spans per 1,000 words, by outlet" in html
    assert "Most-quoted people and organisations" in html and "Mara Olsen" in html
    assert "How outlets label" in html
    assert "the harbour master" in html or "the finance chief" in html
    one = client.get("/dashboard", params={"technique": "Doubt", "outlet": "Valley Post"}).text
    assert "Doubt: spans per 1,000 words, by month" in one


def test_stories_and_compare_pages(client, stored_ids):
    stories = client.get("/stories").text
    sid = re.search(r'href="/stories/(\d+)"', stories).group(1)
    page = client.get(f"/stories/{sid}").text
    assert 'id="compare-grid"' in page and page.count('class="compare-col"') >= 2
    cmp = client.get("/compare", params=[("ids", stored_ids[0]), ("ids", stored_ids[2])]).text
    assert "Shared quotes" in cmp and "We were never asked what we wanted" in cmp
    assert "the harbour master" in cmp  # how the shared entity is labelled
    assert client.get("/compare", params={"ids": stored_ids[0]},
                      headers={"accept": "text/html"}).status_code == 422


def test_glossary_page(client):
    html = client.get("/glossary").text
    assert html.count("<dt id=") == 14 and "Thought-terminating cliché" in html


def test_snippet_marks_matches_and_escapes():
    from slant.web._views import snippet_html

    assert str(snippet_html("a [vote] on <b>x</b> [")) == \
        'a <b class="hit">vote</b> on &lt;b&gt;x&lt;/b&gt; ['
    assert str(snippet_html("[<script>]")) == '<b class="hit">&lt;script&gt;</b>'


def test_analyze_page_upload_html_file(client):
    page = ("<html><head><title>Harbour vote</title></head><body><article><h1>Harbour vote</h1>"
            + "<p>Critics called the plan a reckless scheme and a total disaster for the town.</p>" * 6
            + "</article></body></html>")
    r = client.post("/analyze", files={"file": ("vote.html", page.encode(), "text/html")},
                    data={"text": "", "url": "", "title": "", "source": "Coast Daily"})
    assert r.status_code == 200, r.text
    assert "&lt;p&gt;" not in r.text and "<p>Critics" not in r.text  # main text, not markup
    assert 'data-technique="Exaggeration,Minimisation"' in r.text and "Coast Daily" in r.text
    assert "Harbour vote" in r.text


def test_url_fetch_gets_the_limits(make_client):
    from slant.models import Article
    from slant.web import WebOptions

    seen = {}

    def fetch(url, *, check_url, timeout, max_bytes):
        seen.update(url=url, timeout=timeout, max_bytes=max_bytes)
        check_url("https://news.example/next")  # what a redirect would do
        return Article(text="Critics called it a reckless scheme.", url=url)

    client = make_client(WebOptions(fetch_timeout_s=3.0, fetch_max_bytes=1234), fetcher=fetch,
                         resolver=lambda host, port: ["93.184.216.34"])
    r = client.post("/analyze", data={"url": "https://news.example/a"})
    assert r.status_code == 200
    assert seen == {"url": "https://news.example/a", "timeout": 3.0, "max_bytes": 1234}


def test_story_pages_cap_columns_and_link_to_the_rest(make_client, store, stored_ids, monkeypatch):
    from datetime import timedelta

    from web_fakes import corpus_articles, make_analysis

    from slant.stories import update_stories
    from slant.web import pages

    first = corpus_articles(1)[0]
    extra = first.model_copy(update={"id": "", "url": "https://other.example/1",
                                     "source": "Fourth Paper",
                                     "published": first.published + timedelta(hours=1)})
    store.save(make_analysis(extra.model_validate(extra.model_dump())))
    update_stories(store)
    monkeypatch.setattr(pages, "MAX_COMPARE", 2)
    client = make_client()
    stories = client.get("/api/v1/stories", params={"min_articles": 2}).json()
    big = max(stories, key=lambda s: s["articles"])
    assert big["articles"] == 3
    html = client.get(f"/stories/{big['id']}").text
    assert html.count('class="compare-col"') == 2
    assert f'/corpus?story={big["id"]}' in html and "1 more are in" in html
    listed = client.get("/corpus", params={"story": big["id"]}).text
    assert listed.count('class="result"') == 3


def test_quoted_adds_marks_only_when_missing():
    from slant.web._views import quoted

    assert str(quoted("we will win")) == "<q>we will win</q>"
    assert str(quoted("“grassroots”")) == "“grassroots”"
    assert str(quoted("<b>x</b>")) == "<q>&lt;b&gt;x&lt;/b&gt;</q>"
    assert str(quoted("a" * 300, 10)) == "<q>aaaaaaaaa…</q>"


def test_article_view_lists_speech_and_keeps_other_attributions_apart():
    from slant.models import Analysis, Article, Provenance, Quote, Span, Speaker
    from slant.web._views import analysis_view

    text = "Holt backed the harbour plan. Reyes said the plan would bring jobs."
    s1 = text.index("the harbour plan")
    s2 = text.index("the plan would")
    quotes = [
        Quote(start=s1, end=s1 + 16, text=text[s1:s1 + 16], kind="indirect", speech=False,
              cue=Span(start=5, end=11, text="backed"),
              speaker=Speaker(start=0, end=4, text="Holt", name="Holt")),
        Quote(start=s2, end=len(text) - 1, text=text[s2:len(text) - 1], kind="indirect",
              speaker=Speaker(start=30, end=35, text="Reyes", name="Reyes")),
    ]
    view = analysis_view(Analysis(article=Article(text=text), quotes=quotes,
                                  provenance=Provenance(slant_version="test")))
    assert [q["speaker"] for q in view["quotes"]] == ["Reyes"]
    assert [(q["speaker"], q["cue"]) for q in view["other_attributions"]] == [("Holt", "backed")]
