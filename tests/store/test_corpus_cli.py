"""The corpus commands end to end on a SQLite file, with a light pipeline (--only language)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from slant.cli import app
from loopback_site import loopback_site

runner = CliRunner()

TEXTS = {
    "a.txt": "Harbour plan passes\n\nThe council approved the harbour plan on Monday after a long "
             "and bitter debate. Critics said the plan was reckless and rushed.\n",
    "b.txt": "Harbour vote\n\nCouncillors backed the harbour redevelopment plan on Monday night. "
             "The mayor called it a disaster for the old town and its fishing families.\n",
}


def run(*args: str) -> str:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def corpus(tmp_path):
    for name, text in TEXTS.items():
        (tmp_path / name).write_text(text)
    db = f"sqlite:///{tmp_path / 'c.db'}"
    res = runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"),
                              "--db", db, "--only", "language"], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    assert "2 new" in res.stderr
    return tmp_path, db


def test_ingest_twice_is_idempotent(corpus):
    tmp, db = corpus
    res = runner.invoke(app, ["ingest", str(tmp / "a.txt"), "--db", db, "--only", "language"])
    assert "0 new" in res.stderr and "1 already stored" in res.stderr


def test_reanalyze_reruns_articles_from_another_pipeline(corpus):
    tmp, db = corpus
    from sqlalchemy import text

    from slant.store import open_store

    store = open_store(db)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE articles SET fingerprint = 'old'"))
    res = runner.invoke(app, ["ingest", "--reanalyze", "--db", db, "--only", "language"])
    assert res.exit_code == 0, res.output
    assert "2 updated" in res.stderr
    assert store.stale("old") != []


def test_search_stats_stories_compare_export(corpus):
    tmp, db = corpus
    page = json.loads(run("search", "harbour", "--db", db, "-f", "json"))
    assert page["total"] == 2
    ids = [i["id"] for i in page["items"]]
    assert json.loads(run("search", "fishing", "--db", db, "-f", "json"))["total"] == 1
    rows = json.loads(run("stats", "--db", db, "-f", "json"))
    assert sum(r["articles"] for r in rows) == 2
    assert "[harbour]" in run("search", "harbour", "--db", db).lower()
    json.loads(run("stories", "--db", db, "-f", "json", "--min-articles", "1"))
    cmp = json.loads(run("compare", *ids, "--db", db, "-f", "json"))
    assert sorted(a["id"] for a in cmp["articles"]) == sorted(ids)
    out = tmp / "x.jsonl"
    run("export", "-f", "jsonl", "-o", str(out), "--db", db)
    assert len(out.read_text().splitlines()) == 2


def test_errors_are_one_line(corpus):
    tmp, db = corpus
    res = runner.invoke(app, ["compare", "nope1", "nope2", "--db", db])
    assert res.exit_code != 0
    res = runner.invoke(app, ["ingest", "--db", db])
    assert res.exit_code == 2 and "give INPUT" in res.stderr
    res = runner.invoke(app, ["stats", "--since", "March", "--db", db])
    assert res.exit_code == 2


def test_import_labels(tmp_path):
    export = tmp_path / "ls.json"
    export.write_text(json.dumps([{"data": {"text": "A shameful vote.", "article_id": "x1"},
                                   "annotations": [{"result": [{"type": "labels", "value": {
                                       "start": 2, "end": 10, "text": "shameful",
                                       "labels": ["Loaded_Language"]}}]}]}]))
    runner.invoke(app, ["import-labels", str(export), "-o", str(tmp_path / "ptc")], catch_exceptions=False)
    assert (tmp_path / "ptc" / "labels-TC.tsv").read_text() == "x1\tLoaded_Language\t2\t10\n"


def test_crawl_stores_feed_articles_and_reports_failures(tmp_path):
    para = ("The ferry company added a night crossing after a summer of long queues at the "
            "harbour. Travellers welcomed the change but asked about fares. ")
    pages = {"/one": f"<html><body><article><h1>Ferry</h1><p>{para * 3}</p>"
                     "</article></body></html>",
             "/robots.txt": "User-agent: *\nAllow: /\n"}

    def answer(path, headers, base):
        if path == "/rss":
            return 200, "application/rss+xml", (
                f'<?xml version="1.0"?><rss version="2.0"><channel><title>Coast News</title>'
                f"<item><title>Ferry</title><link>{base}/one</link></item>"
                f"<item><title>Gone</title><link>{base}/gone</link></item></channel></rss>"), {}
        return (200, "text/html", pages[path], {}) if path in pages else None

    with loopback_site(answer) as site:
        url = f"{site}/rss"
        db = f"sqlite:///{tmp_path / 'c.db'}"
        res = runner.invoke(app, ["crawl", url, "--db", db, "--delay", "0", "--only", "language",
                                   "--allow-private-urls"])
        assert res.exit_code == 2  # /gone failed
        assert "1 new" in res.stderr and "HTTP 404" in res.stderr
        page = json.loads(run("search", "ferry", "--db", db, "-f", "json"))
        assert [i["source"] for i in page["items"]] == ["Coast News"]
        res = runner.invoke(app, ["crawl", url, "--db", db, "--delay", "0", "--only", "language",
                                   "--allow-private-urls"])
        assert "1 already stored" in res.stderr


def test_crawl_keeps_failed_articles_and_retries_them_when_the_feed_is_unchanged(tmp_path):
    """An article that answered 503 is fetched again by the next crawl, though the feed
    answers 304; a link robots.txt forbids is reported; loopback needs the opt-in flag."""
    para = ("The lighthouse keepers voted to strike after the coast authority cut their night "
            "allowance. The authority said the cut was needed to balance its budget. ")
    state = {"fail": 1}

    def answer(path, headers, base):
        if path == "/robots.txt":
            return 200, "text/plain", "User-agent: slant\nDisallow: /*/print\n", {}
        if path == "/rss":
            if headers.get("If-None-Match") == '"e1"':
                return 304, "", "", {}
            return 200, "application/rss+xml", (
                f'<?xml version="1.0"?><rss version="2.0"><channel><title>Cape Post'
                f"</title><item><title>Strike</title><link>{base}/strike</link></item>"
                f"<item><title>Print</title><link>{base}/strike/print</link></item>"
                "</channel></rss>"), {"ETag": '"e1"'}
        if path == "/strike" and state["fail"]:
            state["fail"] -= 1
            return 503, "text/html", "", {}
        if path == "/strike":
            return 200, "text/html", (f"<html><body><article><h1>Strike</h1><p>{para * 3}</p>"
                                      "</article></body></html>"), {}
        return 404, "text/html", "", {}

    with loopback_site(answer) as site:
        url = f"{site}/rss"
        db = f"sqlite:///{tmp_path / 'c.db'}"
        args = ["crawl", url, "--db", db, "--delay", "0", "--only", "language"]
        res = runner.invoke(app, args)
        assert res.exit_code == 2 and "refusing" in res.stderr and "127.0.0.1" in res.stderr
        res = runner.invoke(app, [*args, "--allow-private-urls"])
        assert res.exit_code == 2, res.stderr
        assert "HTTP 503" in res.stderr and "attempt 1; retry after" in res.stderr
        assert "/strike/print: skipped: disallowed by robots.txt" in res.stderr
        res = runner.invoke(app, [*args, "--allow-private-urls"])  # not due for 5 minutes
        assert res.exit_code == 0, res.stderr
        assert "0 new" in res.stderr and "1 failed earlier, waiting to retry" in res.stderr
        res = runner.invoke(app, [*args, "--allow-private-urls", "--retry-after", "0s"])
        assert res.exit_code == 0, res.stderr
        assert "1 new" in res.stderr and "1 retried" in res.stderr
        page = json.loads(run("search", "lighthouse", "--db", db, "-f", "json"))
        assert [i["source"] for i in page["items"]] == ["Cape Post"]
        from slant.store import open_store

        assert open_store(db).crawl_failures() == []


def test_ingest_precomputed_analyses(tmp_path):
    from store_builders import analysis_a, analysis_b

    src = tmp_path / "analyses.jsonl"
    src.write_text("\n".join(json.dumps(a.to_json_dict()) for a in (analysis_a(), analysis_b()))
                   + '\n{"article": {"text": "no provenance"}}\n')
    db = f"sqlite:///{tmp_path / 'c.db'}"
    res = runner.invoke(app, ["ingest", "--analyzed", str(src), "--db", db])
    assert res.exit_code == 2
    assert "2 new" in res.stderr and "line 3: not an analysis (provenance" in res.stderr
    rows = json.loads(run("stats", "--db", db, "-f", "json"))
    assert {r["source"] for r in rows} == {"Daily Example", "Evening Sample"}
    res = runner.invoke(app, ["ingest", "--analyzed", str(src), "--db", db])
    assert "0 new" in res.stderr and "2 unchanged" in res.stderr


def test_feed_inputs_are_recognised():
    from slant.cli.corpus_cmds import _is_feed

    assert _is_feed("https://news.test/feed") and _is_feed("https://x.test/world.rss?x=1")
    assert _is_feed("saved/atom.xml")
    assert not _is_feed("https://news.test/2026/05/story.html") and not _is_feed("a.txt")


def test_ingest_warns_when_a_different_text_replaces_a_stored_one(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"text": TEXTS["a.txt"], "url": "https://news.test/view?reference=A1"}) + "\n"
        + json.dumps({"text": TEXTS["b.txt"], "url": "https://news.test/view?reference=B2"}) + "\n"
        + json.dumps({"text": TEXTS["b.txt"], "url": "https://news.test/view?reference=A1&utm_source=x"})
        + "\n")
    db = f"sqlite:///{tmp_path / 'c.db'}"
    res = runner.invoke(app, ["ingest", str(src), "--db", db, "--only", "language", "--no-cluster"])
    assert res.exit_code == 0, res.output
    assert "2 new, 1 updated (1 with a different text)" in res.stderr
    assert "https://news.test/view?reference=A1&utm_source=x: article" in res.stderr
    assert "different text" in res.stderr
