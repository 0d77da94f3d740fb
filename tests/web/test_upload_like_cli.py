"""An uploaded file and the same file given to `slant analyze` are read alike (one reader,
slant.ingest.read_bytes), so they give the same article."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from slant.cli import app

BODY = ("The island ferry company will raise its fares for the third time in two years, the "
        "board announced on Friday, blaming the cost of fuel and a new harbour levy.")
XHTML = ('<?xml version="1.0" encoding="utf-8"?>\n'
         '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Ferry fares rise</title>'
         f"</head><body><article><h1>Ferry fares rise</h1><p>{BODY}</p><p>{BODY}</p></article>"
         "</body></html>")

CASES = {
    "plain text": ("fares.txt", f"Ferry fares rise\n\n{BODY}\n".encode()),
    "a page named .html": ("fares.html", XHTML.encode()),
    # An XHTML page with an XML declaration and no extension: the upload used to read it as
    # text (it looked only for <!doctype html or <html), the CLI as a page.
    "a page known by its content": ("fares", XHTML.encode()),
    "a JSON record": ("fares.json", json.dumps({"text": BODY, "title": "Ferry fares rise",
                                                "source": "Coast News"}).encode()),
    "cp1252 text": ("fares.md", f"Caf\xe9 fares\n\n{BODY}\n".encode("cp1252")),
}


def _cli_article(path) -> dict:
    res = CliRunner().invoke(app, ["analyze", str(path), "-f", "json", "--only", "language"],
                             catch_exceptions=False)
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    return (out[0] if isinstance(out, list) else out)["article"]


@pytest.mark.parametrize("case", list(CASES))
def test_upload_and_cli_give_the_same_article(client, tmp_path, case):
    name, data = CASES[case]
    path = tmp_path / name
    path.write_bytes(data)
    r = client.post("/api/v1/analyze/upload", files={"file": (name, data, "application/octet-stream")})
    assert r.status_code == 200, r.text
    uploaded = r.json()["analysis"]["article"]
    from_cli = _cli_article(path)
    assert from_cli.pop("language") == "en"  # set by the CLI's language stage, not the fake
    uploaded.pop("language")
    assert uploaded == from_cli
    assert uploaded["text"].count(BODY) >= 1 and "<" not in uploaded["text"]


def test_an_upload_of_many_records_is_refused_by_name(client):
    data = (json.dumps({"text": BODY}) + "\n" + json.dumps({"text": BODY + " Again."}) + "\n")
    r = client.post("/api/v1/analyze/upload",
                    files={"file": ("two.jsonl", data.encode(), "application/octet-stream")})
    assert r.status_code == 422
    assert r.json()["error"]["message"].startswith("two.jsonl: holds more than one article")
