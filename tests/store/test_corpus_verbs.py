"""The library verbs under `slant ingest` and `slant crawl`, called from Python:
slant.corpus.ingest / reanalyze / crawl, and the reports they return."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import pytest
from loopback_site import Reply, loopback_site
from store_builders import analysis_a, analysis_b

from slant import corpus
from slant.errors import InputError, SlantError
from slant.ingest import read_text
from slant.pipeline import build_pipeline

HARBOUR = ("Harbour plan passes\n\nThe council approved the harbour plan on Monday after a long "
           "and bitter debate. Critics said the plan was reckless and rushed.\n")
VOTE = ("Harbour vote\n\nCouncillors backed the harbour redevelopment plan on Monday night. "
        "The mayor called it a disaster for the old town and its fishing families.\n")
FERRY = ("The ferry company added a night crossing after a summer of long queues at the "
         "harbour. Travellers welcomed the change but asked about fares. ")


@pytest.fixture(scope="module")
def pipeline():
    return build_pipeline(only=["language"], on_error="raise")


def test_ingest_counts_what_it_stored_skipped_and_failed(store, pipeline):
    errors: list[SlantError] = []
    bad = InputError("no such file", source="missing.txt")
    items = [read_text(HARBOUR, url="https://news.test/a"), bad,
             read_text(VOTE, url="https://news.test/b")]
    report = corpus.ingest(store, items, pipeline, on_error=errors.append)
    assert (report.added, report.updated, report.unchanged, report.skipped) == (2, 0, 0, 0)
    assert report.failed == 1 and report.errors == [bad] and errors == [bad]
    assert len(report.ids) == 2 and store.count() == 2
    assert report.summary() == "2 new, 0 updated, 0 unchanged, 0 already stored, 1 failed"

    again = corpus.ingest(store, items[::2], pipeline)
    assert (again.added, again.skipped, again.failed) == (0, 2, 0)


def test_a_different_text_at_a_stored_address_replaces_it_and_says_so(store, pipeline):
    corpus.ingest(store, [read_text(HARBOUR, url="https://news.test/view?reference=A1")], pipeline)
    warnings: list[str] = []
    report = corpus.ingest(
        store, [read_text(VOTE, url="https://news.test/view?reference=A1&utm_source=x")],
        pipeline, on_warning=warnings.append)
    assert (report.updated, report.replaced) == (1, 1)
    assert report.updated_text() == "1 updated (1 with a different text)"
    assert len(warnings) == 1 and "with a different text; this text replaced it" in warnings[0]


def test_analyses_are_stored_as_they_are_without_a_pipeline(store):
    report = corpus.ingest(store, [analysis_a(), analysis_b()])
    assert report.added == 2 and store.get(analysis_a().article.id) is not None
    assert corpus.ingest(store, [analysis_a()]).unchanged == 1
    with pytest.raises(TypeError, match="pass a pipeline"):
        corpus.ingest(store, [read_text(HARBOUR)])


def test_reanalyze_reruns_what_another_pipeline_version_stored(store, pipeline):
    corpus.ingest(store, [analysis_a(), analysis_b()])  # made by another pipeline
    report = corpus.reanalyze(store, pipeline)
    assert report.updated == 2 and report.failed == 0
    assert corpus.reanalyze(store, pipeline).updated == 0  # nothing stale any more
    stored = store.get(analysis_a().article.id)
    assert [s.name for s in stored.provenance.stages] == ["language"]


def test_read_inputs_puts_each_error_in_its_place(store, pipeline, tmp_path):
    (tmp_path / "a.txt").write_text(HARBOUR)
    (tmp_path / "b.txt").write_bytes(b"\x00\x01binary")
    items = list(corpus.read_inputs([str(tmp_path / "a.txt"), str(tmp_path / "b.txt"),
                                     str(tmp_path / "gone.txt")]))
    assert [type(i).__name__ for i in items] == ["Article", "InputError", "InputError"]
    report = corpus.ingest(store, items, pipeline, on_error=lambda e: None)
    assert report.added == 1 and report.failed == 2
    assert [str(e) for e in report.errors] == [f"{tmp_path / 'b.txt'}: binary file, not text",
                                               f"{tmp_path / 'gone.txt'}: no such file or directory"]


def test_read_analyses_reads_what_analyze_writes(tmp_path):
    path = tmp_path / "analyses.jsonl"
    path.write_text(analysis_a().model_dump_json() + "\n\n{\"article\": 1}\n")
    got = list(corpus.read_analyses([str(path), str(tmp_path / "none.jsonl")]))
    assert got[0] == analysis_a()
    assert str(got[1]).startswith(f"{path}: line 3: not an analysis (")
    assert str(got[2]) == f"{tmp_path / 'none.jsonl'}: cannot read (No such file or directory)"


@pytest.fixture
def site() -> Iterator[str]:
    """A loopback web server: /one is an article page, anything else answers 404."""
    page = f"<html><body><article><h1>Ferry</h1><p>{FERRY * 3}</p></article></body></html>"
    bodies = {"/one": page, "/robots.txt": "User-agent: *\nAllow: /\n"}

    def answer(path: str, headers: Mapping[str, str], base: str) -> Reply | None:
        return (200, "text/html", bodies[path], {}) if path in bodies else None

    with loopback_site(answer) as base:
        yield base


def test_crawl_a_local_feed_file(store, pipeline, site, tmp_path):
    feed = tmp_path / "coast.rss"
    feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Coast News</title>'
                    f"<item><title>Ferry</title><link>{site}/one</link></item>"
                    f"<item><title>Gone</title><link>{site}/gone</link></item></channel></rss>")
    assert corpus.is_feed(str(feed))
    errors: list[SlantError] = []
    # The pages are on loopback: the private-address guard is lifted for this test only.
    report = corpus.crawl(store, [str(feed)], pipeline, delay=0, allow_private=True,
                          on_error=errors.append)
    assert isinstance(report, corpus.CrawlReport)
    assert (report.added, report.failed) == (1, 1) and "HTTP 404" in str(errors[0])
    [hit] = store.search("ferry").items
    assert hit.source == "Coast News"
    assert [f.url for f in store.crawl_failures(str(feed))] == [f"{site}/gone"]

    again = corpus.crawl(store, [str(feed)], pipeline, delay=0, allow_private=True)
    assert (again.added, again.skipped, again.failed, again.waiting) == (0, 1, 0, 1)
    assert again.next_retry is not None
    assert again.summary().startswith("0 new, 0 updated, 0 unchanged, 1 already stored, 0 failed; "
                                      "1 failed earlier, waiting to retry (next after ")


def test_crawl_reports_an_unreadable_feed_and_goes_on(store, pipeline, tmp_path):
    (tmp_path / "broken.xml").write_text("not a feed at all")
    report = corpus.crawl(store, [str(tmp_path / "missing.rss"), str(tmp_path / "broken.xml")],
                          pipeline, delay=0)
    assert report.failed == 2
    assert str(report.errors[0]) == f"{tmp_path / 'missing.rss'}: cannot read (No such file or directory)"
    assert str(report.errors[1]).startswith(f"{tmp_path / 'broken.xml'}: ")
