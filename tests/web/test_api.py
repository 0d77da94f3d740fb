"""The JSON API in-process: analyze, save, read, search, stats, stories, compare, glossary."""

from __future__ import annotations

import json

import pytest
from web_fakes import SAMPLE, make_analysis

from slant.models import TECHNIQUES, Analysis, Article, check_spans


def test_analyze_text_returns_spans_quotes_entities(client, pipeline):
    r = client.post("/api/v1/analyze", json={"text": SAMPLE, "source": "Valley Post"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["saved"] is False
    analysis = Analysis.model_validate(body["analysis"])
    assert check_spans(analysis) == []
    assert {t.technique for t in analysis.techniques} >= {"Loaded_Language", "Doubt", "Slogans"}
    assert [q.speaker.name for q in analysis.quotes] == ["Mara Olsen", "Tomas Berg"]
    assert analysis.article.source == "Valley Post"
    assert analysis.article.title == "Harbour plan splits the valley"  # detected from the text
    assert "embedding" not in body["analysis"] and "origin" not in body["analysis"]["article"]
    assert pipeline.calls == 1


def test_pipeline_is_built_once_and_lazily(make_client, pipeline):
    built = []

    def factory(settings):
        built.append(settings)
        return pipeline

    from fastapi.testclient import TestClient

    from slant.web import create_app

    client = make_client()
    app = create_app(client.app.state.service.settings, store=client.app.state.service.store,
                     pipeline_factory=factory)
    with TestClient(app, base_url="http://127.0.0.1") as c:
        assert c.get("/api/v1/glossary").status_code == 200
        assert built == []
        for _ in range(3):
            assert c.post("/api/v1/analyze", json={"text": SAMPLE}).status_code == 200
    assert len(built) == 1


def test_analyze_and_save_then_read_back(client):
    r = client.post("/api/v1/analyze", json={"text": SAMPLE, "title": "Vote", "save": True})
    assert r.status_code == 200
    aid = r.json()["id"]
    assert r.json()["saved"] is True
    got = client.get(f"/api/v1/articles/{aid}")
    assert got.status_code == 200
    assert got.json()["article"]["title"] == "Vote"
    assert got.json()["techniques"] == r.json()["analysis"]["techniques"]
    listed = client.get("/api/v1/articles").json()
    assert [i["id"] for i in listed["items"]] == [aid]


def test_upload_text_file(client):
    files = {"file": ("vote.txt", SAMPLE.encode("utf-8"), "text/plain")}
    r = client.post("/api/v1/analyze/upload", files=files, data={"source": "Coast Daily"})
    assert r.status_code == 200, r.text
    assert r.json()["analysis"]["article"]["source"] == "Coast Daily"
    assert len(r.json()["analysis"]["techniques"]) > 3


def test_upload_binary_is_a_4xx(client):
    files = {"file": ("x.txt", b"\x00\x01\x02" * 100, "application/octet-stream")}
    r = client.post("/api/v1/analyze/upload", files=files)
    assert r.status_code == 422
    assert r.json()["error"]["code"] == "bad_input"


def test_text_and_url_together_are_refused(client):
    r = client.post("/api/v1/analyze", json={"text": "a", "url": "https://x.example/"})
    assert r.status_code == 422
    assert "exactly one" in r.json()["error"]["message"]


def test_search_filters(client, stored_ids):
    everything = client.get("/api/v1/search").json()
    assert everything["total"] == 12
    votes = client.get("/api/v1/search", params={"q": "vote"}).json()
    assert votes["total"] == 6
    assert all(i["title"].endswith(("0", "2", "4", "6", "8", "10")) for i in votes["items"])
    by_outlet = client.get("/api/v1/search", params={"outlet": "Coast Daily"}).json()
    assert by_outlet["total"] == 4 and {i["source"] for i in by_outlet["items"]} == {"Coast Daily"}
    tech = client.get("/api/v1/search", params={"technique": "Exaggeration,Minimisation"}).json()
    assert tech["total"] == 6
    speaker = client.get("/api/v1/search", params={"speaker": "Tomas Berg"}).json()
    assert speaker["total"] == 6
    both = client.get("/api/v1/search", params={"speaker": "Tomas Berg", "q": "vote"}).json()
    assert both["total"] == 0
    dated = client.get("/api/v1/search", params={"since": "2025-10-01", "until": "2025-10-31"})
    assert dated.json()["total"] == 4
    page = client.get("/api/v1/search", params={"limit": 5, "offset": 10}).json()
    assert len(page["items"]) == 2


def test_unknown_technique_is_422(client):
    r = client.get("/api/v1/search", params={"technique": "Not_A_Technique"})
    assert r.status_code == 422
    assert r.json()["error"]["code"] == "invalid_request"


def _items(r):
    return r.json()["items"]


def test_stats_endpoints(client, stored_ids):
    rates = _items(client.get("/api/v1/stats/techniques"))
    assert {r["source"] for r in rates} == {"Valley Post", "Harbour Herald", "Coast Daily"}
    speakers = _items(client.get("/api/v1/stats/speakers"))
    assert {s["speaker"] for s in speakers} == {"Mara Olsen", "Tomas Berg"}
    profile = _items(client.get("/api/v1/stats/entity", params={"name": "Mara Olsen"}))
    assert profile and all("the harbour master" in p["descriptors"] for p in profile)
    outlets = _items(client.get("/api/v1/outlets"))
    assert sum(o["articles"] for o in outlets) == 12
    ents = _items(client.get("/api/v1/stats/entities"))
    assert {e["entity"] for e in ents} == {"Mara Olsen", "Tomas Berg"}


@pytest.mark.parametrize("path", ["/api/v1/articles", "/api/v1/search?q=harbour",
                                  "/api/v1/outlets", "/api/v1/stats/techniques",
                                  "/api/v1/stats/speakers", "/api/v1/stats/entities",
                                  "/api/v1/stats/entity?name=Mara%20Olsen", "/api/v1/stories"])
def test_every_list_endpoint_has_one_envelope(client, stored_ids, path):
    sep = "&" if "?" in path else "?"
    body = client.get(f"{path}{sep}limit=1").json()
    assert isinstance(body, dict), f"{path} answered a bare list"
    assert set(body) == {"total", "limit", "offset", "next", "items"}
    assert body["limit"] == 1 and body["offset"] == 0 and len(body["items"]) == 1
    assert body["total"] >= 2
    # next is a relative link to the following page; following it gives other items.
    assert body["next"].startswith(path.split("?")[0] + "?") and "offset=1" in body["next"]
    second = client.get(body["next"]).json()
    assert second["offset"] == 1 and second["items"] != body["items"]
    last = client.get(f"{path}{sep}limit=1&offset={body['total'] - 1}").json()
    assert last["next"] is None


def test_stories_and_compare(client, stored_ids):
    stories = _items(client.get("/api/v1/stories", params={"min_articles": 2}))
    assert stories, "the fake embeddings put same-topic articles in one story"
    sid = stories[0]["id"]
    assert client.get(f"/api/v1/stories/{sid}").json()["articles"] >= 2
    cmp = client.get(f"/api/v1/stories/{sid}/compare").json()
    assert len(cmp["articles"]) >= 2
    r = client.get("/api/v1/compare", params=[("ids", stored_ids[0]), ("ids", stored_ids[2])])
    assert r.status_code == 200
    body = r.json()
    assert [a["id"] for a in body["articles"]] == [stored_ids[0], stored_ids[2]]
    assert body["quotes"] and body["quotes"][0]["occurrences"]  # the same quote in both
    assert client.get("/api/v1/stories/999999").status_code == 404


def test_compare_unknown_id_is_4xx(client, stored_ids):
    r = client.get("/api/v1/compare", params=[("ids", stored_ids[0]), ("ids", "nope")])
    assert r.status_code == 422
    assert "nope" in r.json()["error"]["message"]


def test_glossary_covers_every_technique(client):
    body = client.get("/api/v1/glossary").json()
    assert list(body) == list(TECHNIQUES)
    assert all(v["definition"] for v in body.values())


def test_openapi_lists_the_api(client):
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    for p in ("/api/v1/analyze", "/api/v1/articles/{article_id}", "/api/v1/search",
              "/api/v1/stats/techniques", "/api/v1/stories", "/api/v1/compare",
              "/api/v1/glossary"):
        assert p in paths
    assert not any(not p.startswith("/api/v1/") for p in paths), "pages stay out of the schema"
    r = client.get("/docs")
    assert r.status_code == 200 and "swagger" in r.text.lower()
    assert "cdn" not in r.text and "http" not in r.text.split("<body>")[1], "docs work offline"
    for asset in ("/static/vendor/swagger-ui/swagger-ui-bundle.js",
                  "/static/vendor/swagger-ui/swagger-ui.css", "/static/docs-init.js"):
        assert client.get(asset).status_code == 200, asset


@pytest.mark.parametrize("path", ["/api/v1/articles/nope", "/api/v1/stories/5"])
def test_missing_things_are_404(client, path):
    assert client.get(path).status_code == 404




def test_until_is_inclusive_and_agrees_with_the_cli(client, store, settings, capsys):
    from datetime import UTC, datetime

    from slant.cli import main

    edge = [datetime(2026, 3, 13, 0, 0, tzinfo=UTC), datetime(2026, 3, 13, 23, 59, 59, 999999, tzinfo=UTC),
            datetime(2026, 3, 14, 0, 0, tzinfo=UTC)]
    for i, when in enumerate(edge):
        store.save(make_analysis(Article(title=f"edge {i}", text=f"Edge case article {i} on the day.",
                                         url=f"https://news.example/edge/{i}", published=when)))
    api = client.get("/api/v1/search", params={"since": "2026-03-13", "until": "2026-03-13"}).json()
    assert sorted(i["title"] for i in api["items"]) == ["edge 0", "edge 1"]
    try:
        main(["search", "--since", "2026-03-13", "--until", "2026-03-13", "-f", "json",
              "--db", settings.database_url])
    except SystemExit as exc:
        assert exc.code in (0, None)
    cli = json.loads(capsys.readouterr().out)
    assert sorted(i["title"] for i in cli["items"]) == ["edge 0", "edge 1"]


@pytest.mark.parametrize("params", [{"technique": "exaggeration,minimisation"},
                                    {"technique": "EXAGGERATION, MINIMISATION".replace(", ", ",")},
                                    {"outlet": "coast daily"}, {"outlet": "COAST DAILY"},
                                    {"entity": "mara olsen"}, {"speaker": "TOMAS BERG"}])
def test_filters_take_any_case_and_agree_with_the_cli(client, stored_ids, settings, capsys, params):
    from slant.cli import main

    api = client.get("/api/v1/search", params={**params, "limit": 100})
    assert api.status_code == 200, api.text
    assert api.json()["total"] > 0
    argv = [x for k, v in params.items() for x in (f"--{k}", v)]
    try:
        main(["search", *argv, "--limit", "100", "-f", "json", "--db", settings.database_url])
    except SystemExit as exc:
        assert exc.code in (0, None)
    cli = json.loads(capsys.readouterr().out)
    assert sorted(i["id"] for i in cli["items"]) == sorted(i["id"] for i in api.json()["items"])


def test_unknown_technique_is_rejected_by_both(client, stored_ids, settings, capsys):
    from slant.cli import main

    r = client.get("/api/v1/search", params={"technique": "loaded_languag"})
    assert r.status_code == 422 and "unknown technique 'loaded_languag'" in r.json()["error"]["message"]
    with pytest.raises(SystemExit) as exc:
        main(["search", "--technique", "loaded_languag", "--db", settings.database_url])
    assert exc.value.code == 2
    assert "unknown technique 'loaded_languag'" in capsys.readouterr().err


def test_speaker_stats_take_speech_or_all_attributions(client, stored_ids):
    speech = client.get("/api/v1/stats/speakers", params={"attributions": "speech"})
    every = client.get("/api/v1/stats/speakers", params={"attributions": "all"})
    assert speech.status_code == every.status_code == 200
    assert {s["speaker"] for s in speech.json()["items"]} <= \
        {s["speaker"] for s in every.json()["items"]}
    assert client.get("/api/v1/stats/speakers", params={"attributions": "beliefs"}).status_code == 422
