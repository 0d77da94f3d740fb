"""Voice on the web: quoted spans drawn apart with their speaker, narrator-first dashboard and
story pages with quoted speech beside, and the voice filter on the API and the corpus page."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from web_fakes import make_analysis

from slant.models import Article

# Written for these tests: the outlet's own "reckless scheme", and one inside Dana Holt's quote.
QUOTING = (
    "Quay vote ends in uproar\n\n"
    "The council backed a reckless scheme for the quay on Tuesday. "
    '"This reckless scheme will sink us all," said Dana Holt. '
    '"Piet Smit, the kindest neighbour anyone could want, was never asked," said Dana Holt. '
    "Piet Smit, the harbour clerk, said nothing."
)
QUOTED_ONLY = (
    "Quay vote, second day\n\n"
    "The council met again on Wednesday and heard the quay report. "
    '"It is a total disaster for the harbour," said Dana Holt. '
    "Piet Smit, the harbour clerk, took notes."
)


def _save(store, text: str, source: str, url: str) -> str:
    art = Article(title=text.split("\n")[0], text=text, source=source, url=url,
                  published=datetime(2026, 2, 3, tzinfo=UTC))
    return store.save(make_analysis(art))


@pytest.fixture
def voiced_ids(store) -> list[str]:
    ids = [_save(store, QUOTING, "Quay Courier", "https://news.example/quay-1"),
           _save(store, QUOTED_ONLY, "Harbour Wire", "https://news.example/quay-2")]
    from slant.stories import update_stories

    update_stories(store)
    return ids


def test_article_view_draws_quoted_spans_apart_and_names_the_speaker(client, voiced_ids):
    html = client.get(f"/articles/{voiced_ids[0]}").text
    assert 'id="voice-key"' in html and "dashed, in italics" in html
    assert html.count("voice-quoted") >= 1 and html.count("voice-narrator") >= 1
    assert 'data-whose="in a quote by Dana Holt"' in html
    assert "data-whose=\"in the outlet&#39;s own words\"" in html
    assert 'id="rate-narrator"' in html and 'id="rate-quoted"' in html
    # The quoted praise of Piet Smit is marked as Dana Holt's, after the outlet's own label.
    own = html.index("the harbour clerk")
    quoted = html.index("the kindest neighbour anyone could want", html.index('id="entities"'))
    assert own < quoted
    assert "in a quote by Dana Holt" in html[quoted:quoted + 300]


def test_api_search_and_stats_take_a_voice(client, voiced_ids):
    quoted = client.get("/api/v1/search", params={"technique": "Exaggeration,Minimisation",
                                                  "voice": "quoted"}).json()
    assert quoted["total"] == 1
    narrator = client.get("/api/v1/search", params={"technique": "Exaggeration,Minimisation",
                                                    "voice": "narrator"}).json()
    assert narrator["total"] == 0
    item = quoted["items"][0]
    assert item["quoted"]["technique_spans"] == 1 and item["narrator"]["technique_spans"] == 0
    bad = client.get("/api/v1/search", params={"voice": "everyone"})
    assert bad.status_code == 422
    rows = client.get("/api/v1/stats/techniques").json()["items"]
    wire = next(r for r in rows if r["source"] == "Harbour Wire")
    assert wire["voice"] == "narrator" and wire["spans"] == 0
    assert wire["quoted"]["technique_spans"] == 1
    every = client.get("/api/v1/stats/techniques", params={"voice": "all"}).json()["items"]
    assert next(r for r in every if r["source"] == "Harbour Wire")["spans"] == 1


def test_corpus_page_filters_by_voice(client, voiced_ids):
    html = client.get("/corpus", params={"technique": "Exaggeration,Minimisation",
                                         "voice": "narrator"}).text
    assert "Quay vote, second day" not in html
    html = client.get("/corpus", params={"technique": "Exaggeration,Minimisation",
                                         "voice": "quoted"}).text
    assert "Quay vote, second day" in html
    assert '<option value="quoted" selected' in html
    assert "/ 1,000 own words" in html and "/ 1,000 quoted" in html
    assert client.get("/corpus", params={"voice": "both"}).status_code == 422


def test_dashboard_defaults_to_the_narrator_with_quoted_beside(client, voiced_ids):
    html = client.get("/dashboard", params={"entity": "Piet Smit"}).text
    assert "by outlet: the outlet&#39;s own words" in html
    assert 'id="chart-voices"' in html and "inside quotes" in html
    assert '<option value="narrator" selected' in html
    assert "the kindest neighbour anyone could want" in html
    assert "in a quote by Dana Holt" in html
    everything = client.get("/dashboard", params={"voice": "all"}).text
    assert "by outlet: all words" in everything


def test_story_page_shows_the_narrator_first_and_quotes_beside(client, store, voiced_ids):
    story = store.stories(min_articles=2)
    assert story, "the two quay articles form one story"
    html = client.get(f"/stories/{story[0].id}").text
    assert "The outlet&#39;s own words: 0 technique spans" in html  # Harbour Wire
    assert "inside quotes: 1 spans" in html
    quoted = client.get(f"/stories/{story[0].id}", params={"voice": "quoted"}).text
    assert "Inside quotes: 1 technique spans" in quoted
    api = client.get(f"/api/v1/stories/{story[0].id}/compare").json()
    assert {a["voice"] for a in api["articles"]} == {"narrator"}


def test_a_topic_only_quote_is_listed_as_a_speech_act_not_as_words(client, store):
    from slant.models import Quote, Span, Speaker
    from slant.voice import with_voice
    from web_fakes import make_analysis

    text = "Quay vote, third day\n\nDana Holt denied the reckless claims of the harbour board."
    art = Article(title="Quay vote, third day", text=text, source="Harbour Wire",
                  url="https://news.example/quay-3", published=datetime(2026, 2, 4, tzinfo=UTC))
    a = make_analysis(art)
    topic = text.index("the reckless claims")
    cue = text.index("denied")
    a.quotes.append(Quote(start=topic, end=len(text) - 1, text=text[topic:-1], kind="indirect",
                          content="topic", cue=Span(start=cue, end=cue + 6, text="denied"),
                          speaker=Speaker(name="Dana Holt", start=22, end=31, text="Dana Holt")))
    a = with_voice(a)
    html = client.get(f"/articles/{store.save(a)}").text
    listed = html[html.index('id="quotes"'):]
    assert "topic only, no words given" in listed
    assert "denied <span class=\"topic\">the reckless claims of the harbour board</span>" in listed
    assert "<q>the reckless claims" not in listed
