"""Saving and reading analyses: round trip, idempotence, updates, deletes, fingerprints."""

from __future__ import annotations

from datetime import UTC

from sqlalchemy import func, select
from store_builders import TEXT_A, TEXT_B, analysis_a, analysis_b, build

from slant.models import Provenance, StageProvenance
from slant.store import pipeline_fingerprint, schema


def _rows(store, table) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def test_round_trip_returns_what_was_saved(store):
    a = analysis_a()
    aid = store.save(a)
    assert aid == a.article.id
    got = store.get(aid)
    assert got == a
    assert got.embedding == [0.5, 0.25, 0.0, -0.5]
    assert store.get("no-such-id") is None


def test_save_is_idempotent(store):
    a = analysis_a()
    first = store.save_result(a)
    second = store.save_result(a)
    assert (first.status, second.status) == ("new", "unchanged")
    assert first.id == second.id
    assert store.count() == 1
    assert _rows(store, schema.techniques) == len(a.techniques)


def test_same_canonical_url_is_one_article(store):
    a = analysis_a(url="https://www.example.org/news/harbour-plan?utm_source=feed")
    b = analysis_a(url="http://example.org/news/harbour-plan/#top")
    assert store.save(a) == store.save(b)
    assert store.count() == 1


def test_articles_differing_in_a_non_tracking_parameter_stay_apart(store):
    a = build(TEXT_A, url="https://news.test/view?reference=A1")
    b = build(TEXT_B, url="https://news.test/view?reference=B2")
    assert [store.save_result(x).status for x in (a, b)] == ["new", "new"]
    assert store.count() == 2


def test_a_different_text_under_the_same_key_is_reported(store):
    first = store.save_result(build(TEXT_A, url="https://news.test/view?id=1"))
    retitled = store.save_result(build(TEXT_A, title="New title", url="https://news.test/view?id=1"))
    assert (retitled.status, retitled.replaced_text) == ("updated", False)
    other = store.save_result(build(TEXT_B, url="https://news.test/view?id=1&utm_source=x"))
    assert (other.id, other.status, other.replaced_text) == (first.id, "updated", True)


def test_same_text_without_url_is_one_article(store):
    a = build(TEXT_A, url=None)
    b = build("  " + TEXT_A.replace(" ", "   ") + "\n", url=None)
    assert store.save(a) == store.save(b)
    assert store.count() == 1


def test_reanalysis_replaces_spans_and_keeps_the_id(store):
    aid = store.save(analysis_a())
    newer = analysis_a(techniques=[("Doubt", "voted again")], version="2")
    res = store.save_result(newer)
    assert (res.id, res.status) == (aid, "updated")
    got = store.get(aid)
    assert [t.technique for t in got.techniques] == ["Doubt"]
    assert _rows(store, schema.techniques) == 1
    rates = store.technique_rates(voice="all")
    assert [r.spans for r in rates] == [1]
    assert list(rates[0].by_technique) == ["Doubt"]


def test_fingerprint_tells_what_needs_reanalysis(store):
    a = analysis_a()
    assert store.needs_analysis(a.article)
    store.save(a)
    old_fp = pipeline_fingerprint(a.provenance)
    new_fp = pipeline_fingerprint(Provenance(
        slant_version="0.1.0", stages=[StageProvenance(name="techniques", version="2")]))
    assert old_fp != new_fp
    assert not store.needs_analysis(a.article)
    assert not store.needs_analysis(a.article, old_fp)
    assert store.needs_analysis(a.article, new_fp)
    assert store.stale(new_fp) == [a.article.id]
    assert store.stale(old_fp) == []


def test_delete_removes_children_and_totals(store):
    a, b = analysis_a(), analysis_b()
    store.save_many([a, b])
    assert store.delete(a.article.id)
    assert not store.delete(a.article.id)
    assert store.count() == 1
    assert {r.source for r in store.technique_rates(voice="all")} == {"Evening Sample"}
    assert _rows(store, schema.quotes) == len(b.quotes)
    assert store.search("reckless").total == 0


def test_iter_and_get_many(store):
    a, b = analysis_a(), analysis_b()
    store.save_many([a, b])
    assert [x.article.id for x in store.get_many([b.article.id, "nope", a.article.id])] == \
        [b.article.id, a.article.id]
    assert [x.article.id for x in store.iter_analyses(batch=1)] == [a.article.id, b.article.id]
    assert [x.article.id for x in store.iter_analyses(outlet="Evening Sample")] == [b.article.id]


def test_feed_state_round_trip(store):
    from datetime import datetime

    from slant.store import FeedState

    assert store.feed_state("https://feeds.test/rss") is None
    st = FeedState(url="https://feeds.test/rss", etag='"v1"', last_modified="Mon, 02 Mar 2026",
                   fetched_at=datetime(2026, 3, 2, tzinfo=UTC), status=200)
    store.save_feed_state(st)
    store.save_feed_state(st.model_copy(update={"etag": '"v2"'}))
    assert store.feed_state(st.url).etag == '"v2"'


def test_batched_save_many_rolls_back_only_the_failing_article(store):
    from sqlalchemy import event

    a, b = analysis_a(), analysis_b()
    third = build("A third article about the lighthouse.", url="https://x.test/3")

    def hook(conn, cursor, statement, params, context, executemany):
        if statement.lstrip().upper().startswith("INSERT INTO QUOTES") and "Reyes" in str(params):
            raise OSError(28, "No space left on device")

    event.listen(store.engine, "before_cursor_execute", hook)
    failed = []
    ids = store.save_many([a, b, third], on_error=lambda an, e: failed.append(str(e)), batch=10)
    event.remove(store.engine, "before_cursor_execute", hook)
    assert ids == [a.article.id, third.article.id]
    assert len(failed) == 1 and "disk is full" in failed[0]
    assert store.count() == 2
    assert _rows(store, schema.quotes) == len(a.quotes)
    assert {r.source for r in store.technique_rates(voice="all")} == {"Daily Example"}


def test_crawl_failures_are_kept_updated_and_forgotten(store):
    from datetime import datetime, timedelta

    from slant.store import CrawlFailure

    t = datetime(2026, 9, 1, 12, 0, tzinfo=UTC)
    f = CrawlFailure(url="https://news.example/a", feed="https://news.example/rss", attempts=1,
                     error="HTTP 503", next_attempt=t + timedelta(minutes=5), title="A",
                     published=t, feed_title="News", first_failed=t, last_failed=t)
    store.save_crawl_failure(f)
    store.save_crawl_failure(f.model_copy(update={"url": "https://other.example/b",
                                                  "feed": "https://other.example/rss"}))
    assert store.crawl_failures("https://news.example/rss") == [f]
    later = f.model_copy(update={"attempts": 2, "error": "timed out", "gave_up": True})
    store.save_crawl_failure(later)
    assert store.crawl_failures("https://news.example/rss") == [later]
    assert len(store.crawl_failures()) == 2
    store.forget_crawl_failure(f.url)
    assert [x.url for x in store.crawl_failures()] == ["https://other.example/b"]
