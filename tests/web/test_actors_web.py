"""Actors over the web: the JSON API (list, merge, split, alias) and the pages."""

from __future__ import annotations

import pytest

from slant.stories import update_actors


@pytest.fixture
def resolved(store, stored_ids):
    update_actors(store)
    return stored_ids


def _by_name(client, name: str) -> dict:
    (found,) = [a for a in client.get("/api/v1/actors", params={"q": name}).json()["items"] if name in a["names"]]
    return found


def test_actor_list_and_one_actor(client, resolved):
    listing = client.get("/api/v1/actors", params={"limit": 1}).json()
    assert listing["limit"] == 1 and len(listing["items"]) == 1 and listing["total"] >= 2
    assert listing["next"] and "offset=1" in listing["next"]
    rows = client.get("/api/v1/actors").json()["items"]
    mara = _by_name(client, "Mara Olsen")
    assert mara["type"] == "PERSON" and mara["articles"] == 6
    assert client.get(f"/api/v1/actors/{mara['id']}").json()["name"] == "Mara Olsen"
    assert client.get("/api/v1/actors/999999").status_code == 404
    assert len(rows) >= 2


def test_merge_alias_split_through_the_api(client, resolved):
    mara, tomas = _by_name(client, "Mara Olsen"), _by_name(client, "Tomas Berg")
    merged = client.post("/api/v1/actors/merge", json={"actors": [mara["id"], tomas["id"]]})
    assert merged.status_code == 200, merged.text
    assert {"Mara Olsen", "Tomas Berg"} <= set(merged.json()["names"])
    # search by either name now finds the articles of both
    hits = client.get("/api/v1/search", params={"speaker": "Tomas Berg"}).json()["total"]
    assert hits == 12
    aliased = client.post(f"/api/v1/actors/{merged.json()['id']}/alias", json={"alias": "The Pair"})
    assert "The Pair" in aliased.json()["user_names"]
    assert client.get("/api/v1/search", params={"entity": "The Pair"}).json()["total"] == 12
    other = "Mara Olsen" if merged.json()["name"] == "Tomas Berg" else "Tomas Berg"
    split = client.post(f"/api/v1/actors/{merged.json()['id']}/split", json={"names": [other]})
    assert split.status_code == 200, split.text
    assert not any({"Mara Olsen", "Tomas Berg"} <= set(a["names"]) for a in split.json())
    ops = [c["op"] for c in client.get("/api/v1/actors-corrections").json()["items"]]
    assert ops == ["alias", "apart"]  # the split replaced the merge of the same pair
    bad = client.post(f"/api/v1/actors/{mara['id']}/split", json={"names": ["Nobody Here"]})
    assert bad.status_code == 422 and "no name" in bad.json()["error"]["message"]
    assert client.post("/api/v1/actors/merge", json={"actors": [mara["id"]]}).status_code == 422


def test_actor_pages_and_story_page(client, resolved, store):
    html = client.get("/actors").text
    assert "Mara Olsen" in html and "Tomas Berg" in html
    mara = _by_name(client, "Mara Olsen")
    page = client.get(f"/actors/{mara['id']}").text
    assert "the harbour master" in page
    story = store.stories(min_articles=2)[0]
    page = client.get(f"/stories/{story.id}").text
    assert "Coverage timeline" in page and "/actors/" in page
    assert client.get(f"/stories/{story.id}", params={"voice": "loud"}).status_code == 422


def test_dashboard_by_week_and_gender(client, resolved):
    html = client.get("/dashboard", params={"by": "week"}).text
    assert "by week" in html and "Who gets quoted" in html
    assert client.get("/dashboard", params={"by": "hour"}).status_code == 422
    rows = client.get("/api/v1/stats/techniques", params={"by": "day"}).json()["items"]
    assert all(len(r["month"]) == 10 for r in rows)
    shares = client.get("/api/v1/stats/gender").json()["items"]
    assert {s["source"] for s in shares}


def test_actor_lists_share_the_list_envelope(client, resolved):
    for path in ("/api/v1/actors", "/api/v1/actors-corrections", "/api/v1/stats/gender",
                 "/api/v1/outlets/metadata"):
        body = client.get(path).json()
        assert set(body) == {"total", "limit", "offset", "next", "items"}, path
        assert isinstance(body["items"], list) and body["total"] >= len(body["items"])
