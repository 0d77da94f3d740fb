"""A quote split by its cue is one utterance on the web: listed once with its parts joined,
and counted once among the most-quoted speakers. Written for these tests."""

from __future__ import annotations

from datetime import UTC, datetime

from web_fakes import make_analysis

from slant.models import Article, Quote, Span, Speaker
from slant.utterances import link_parts

TEXT = ("Harbour school stays open\n\n"
        "The council met on Tuesday. \"We will not close the harbour school,\" said Dana Holt, "
        "\"because the children deserve better.\" \"The budget holds,\" said Dana Holt.")


def _split(text: str) -> Quote:
    a = text.index('"because')
    b = text.index('better."') + len('better."')
    c = text.index("said Dana Holt")
    name = text.index("Dana Holt")
    return Quote(start=a, end=b, text=text[a:b], kind="direct",
                 cue=Span(start=c, end=c + 4, text="said"),
                 speaker=Speaker(start=name, end=name + 9, text="Dana Holt", name="Dana Holt"))


def test_a_split_quote_is_listed_once_and_counted_once(client, store):
    art = Article(title="Harbour school stays open", text=TEXT, source="Quay Courier",
                  url="https://news.example/school-1", published=datetime(2026, 2, 3, tzinfo=UTC))
    analysis = make_analysis(art)
    first = analysis.quotes[0].model_copy(update={"cue": _split(TEXT).cue})
    quotes = link_parts(TEXT, [first, _split(TEXT), *analysis.quotes[1:]])
    assert [q.continues for q in quotes] == [None, 0, None]
    analysis = analysis.model_copy(update={"quotes": quotes})
    aid = store.save(analysis)

    html = client.get(f"/articles/{aid}").text
    listed = html[html.index('class="quotes"'):]
    assert listed.count("because the children deserve better") == 1
    assert "We will not close the harbour school … \"because the children" in \
        listed.replace("&#34;", '"').replace("&quot;", '"')

    rows = client.get("/api/v1/stats/speakers").json()["items"]
    assert [(r["speaker"], r["quotes"]) for r in rows] == [("Dana Holt", 2)]  # not 3
