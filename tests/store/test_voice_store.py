"""Voice in the store: per-voice columns and totals, narrator-first statistics, the voice
filter, quoted labels with their speakers, and databases stored before voice existed."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import text as sql
from store_builders import build
from test_migrations import _old_database

from slant.errors import InputError
from slant.store import open_store

VOICED = ("techniques", "entities", "quotes")
TEXT = ('The reckless council met on Monday. "Omar Reyes is a true hero of the harbour and '
        'this vile plan will ruin us," Holt said. Reyes, a tireless builder, did not reply.')


def voiced(**kw):
    args = dict(
        title="Harbour row", source="Daily Example", url="https://example.org/voice",
        techniques=[("Loaded_Language", "reckless"), ("Loaded_Language", "vile plan"),
                    ("Appeal_to_fear-prejudice", "will ruin us")],
        entities=[("Omar Reyes", "PERSON", ["Omar Reyes", "Reyes,"],
                   ["a true hero of the harbour", "a tireless builder"])],
        quotes=[("direct", '"Omar Reyes is a true hero of the harbour and this vile plan will '
                 'ruin us,"', "Holt")],
        stages=VOICED,
    )
    args.update(kw)
    return build(TEXT, **args)


def quoted_words() -> int:
    return len('"Omar Reyes is a true hero of the harbour and this vile plan will ruin us,"'.split())


def test_stored_analysis_keeps_its_voice(store):
    a = voiced()
    aid = store.save(a)
    back = store.get(aid)
    assert [(t.text, t.voice, t.quote_index) for t in back.techniques] == [
        ("reckless", "narrator", None), ("vile plan", "quoted", 0), ("will ruin us", "quoted", 0)]
    labels = {d.text: d.voice for e in back.entities for d in e.descriptors}
    assert labels == {"a true hero of the harbour": "quoted", "a tireless builder": "narrator"}
    assert back.summary is None or back.summary.narrator is not None
    assert store.save(back) == aid  # saving it again changes nothing


def test_rates_default_to_the_narrator_with_quoted_speech_beside(store):
    store.save(voiced())
    words = len(TEXT.split())
    (row,) = store.technique_rates()
    assert row.voice == "narrator"
    assert (row.words, row.spans) == (words - quoted_words(), 1)
    assert row.by_technique == {"Loaded_Language": round(1000.0 / (words - quoted_words()), 2)}
    assert row.narrator is not None and row.quoted is not None
    assert (row.quoted.words, row.quoted.technique_spans) == (quoted_words(), 2)
    assert row.voiced_articles == 1
    (quoted,) = store.technique_rates(voice="quoted")
    assert (quoted.words, quoted.spans) == (quoted_words(), 2)
    assert set(quoted.by_technique) == {"Loaded_Language", "Appeal_to_fear-prejudice"}
    (every,) = store.technique_rates(voice="all")
    assert (every.words, every.spans) == (words, 3)


def test_replacing_and_deleting_keep_the_voice_totals_right(store):
    store.save(voiced())
    store.save(voiced(techniques=[("Doubt", "this vile plan")], version="2"))
    (row,) = store.technique_rates(voice="quoted")
    assert (row.articles, row.spans, list(row.by_technique)) == (1, 1, ["Doubt"])
    (row,) = store.technique_rates()
    assert row.spans == 0
    store.delete(store.find(voiced().article))
    assert store.technique_rates() == []


def test_unknown_voice_counts_only_under_all(store):
    store.save(voiced())
    store.save(voiced(url="https://example.org/no-quotes", stages=("techniques",)))
    (row,) = store.technique_rates()
    assert (row.articles, row.voiced_articles, row.spans) == (2, 1, 1)
    (every,) = store.technique_rates(voice="all")
    assert every.spans == 6


def test_search_filters_by_voice_and_reports_both_rates(store):
    store.save(voiced())
    store.save(build("A calm report on the harbour vote, with no quotes at all, was filed.",
                     url="https://example.org/calm", techniques=[("Doubt", "calm report")],
                     stages=VOICED))
    assert store.search(technique="Appeal_to_fear-prejudice").total == 1
    assert store.search(technique="Appeal_to_fear-prejudice", voice="quoted").total == 1
    assert store.search(technique="Appeal_to_fear-prejudice", voice="narrator").total == 0
    assert store.search(voice="quoted").total == 1
    assert store.search(voice="narrator").total == 2
    hit = store.search(technique="Loaded_Language").items[0]
    assert hit.narrator is not None and hit.quoted is not None
    assert (hit.narrator.technique_spans, hit.quoted.technique_spans) == (1, 2)
    assert hit.quoted.words == quoted_words()
    with pytest.raises(InputError, match="voice must be narrator, quoted or all"):
        store.search(voice="everyone")
    with pytest.raises(InputError, match="not 'mixed'"):
        store.technique_rates(voice="mixed")


def test_entity_labels_put_the_outlets_own_first_and_quoted_ones_with_their_speaker(store):
    store.save(voiced())
    (prof,) = store.entity_profile("Omar Reyes")
    assert prof.descriptors == {"a tireless builder": 1}
    assert [(q.text, q.speaker, q.count) for q in prof.quoted_descriptors] == [
        ("a true hero of the harbour", "Holt", 1)]
    # Techniques aimed at him: the spans in his sentence are inside Holt's quote.
    assert prof.techniques == {}
    assert prof.quoted_techniques == {"Appeal_to_fear-prejudice": 1, "Loaded_Language": 1}


def test_database_from_before_voice_is_upgraded_with_voice(db_url):
    old_voiced = voiced()
    no_quotes = voiced(url="https://example.org/no-quotes", stages=("techniques",),
                       published=datetime(2026, 3, 9, tzinfo=UTC))
    engine, _ = _old_database(db_url, "0008", analyses=[old_voiced, no_quotes])
    with engine.connect() as conn:
        assert conn.execute(sql("SELECT COUNT(*) FROM techniques")).scalar() == 6
    engine.dispose()
    store = open_store(db_url)
    back = store.get(old_voiced.article.id)
    assert [t.voice for t in back.techniques] == ["narrator", "quoted", "quoted"]
    assert back.provenance.stages[-1].name == "voice"
    from slant.store.keys import pipeline_fingerprint

    assert store.stale(pipeline_fingerprint(back.provenance)) == [no_quotes.article.id]
    assert back.summary is None or back.summary.quoted is not None
    unknown = store.get(no_quotes.article.id)
    assert all(t.voice is None for t in unknown.techniques)
    (row,) = store.technique_rates()
    assert (row.articles, row.voiced_articles, row.spans) == (2, 1, 1)
    assert row.quoted is not None and row.quoted.technique_spans == 2
    (every,) = store.technique_rates(voice="all")
    assert every.spans == 6
    (prof,) = store.entity_profile("Omar Reyes")
    assert [(q.text, q.speaker) for q in prof.quoted_descriptors] == [
        ("a true hero of the harbour", "Holt")]
    assert prof.quoted_techniques == {"Appeal_to_fear-prejudice": 1, "Loaded_Language": 1}
    assert store.search(technique="Appeal_to_fear-prejudice", voice="quoted").total == 1
    store.close()


def test_exports_and_batch_tables_carry_voice(tmp_path):
    import csv
    import io

    from slant.batch._tables import flatten
    from slant.store.exports import export
    from slant.voice import with_voice

    a = with_voice(voiced())
    buf = io.StringIO()
    export([a], "csv", None, table="techniques", stdout=buf)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert [(r["text"], r["voice"], r["speaker"]) for r in rows] == [
        ("reckless", "narrator", ""), ("vile plan", "quoted", "Holt"),
        ("will ruin us", "quoted", "Holt")]
    from slant.voice import summarize

    a.summary = summarize(a)
    tables = flatten(a, 0)
    art = tables["articles"][0]
    assert (art["narrator_spans"], art["quoted_spans"]) == (1, 2)
    assert [t["voice"] for t in tables["techniques"]] == ["narrator", "quoted", "quoted"]
    assert {d["text"]: (d["voice"], d["quote_index"]) for d in tables["descriptors"]} == {
        "a true hero of the harbour": ("quoted", 0), "a tireless builder": ("narrator", None)}


def test_cli_stats_search_and_entity_labels_by_voice(tmp_path):
    from typer.testing import CliRunner

    from slant.cli import app

    db = f"sqlite:///{tmp_path / 'v.db'}"
    store = open_store(db)
    store.save(voiced())
    store.save(voiced(url="https://example.org/no-quotes", stages=("techniques",)))
    store.close()
    runner = CliRunner()

    def run(*args: str):
        res = runner.invoke(app, [*args, "--db", db], catch_exceptions=False)
        assert res.exit_code == 0, res.output
        return res

    res = run("stats", "--format", "json")
    (row,) = json.loads(res.stdout)
    assert (row["voice"], row["spans"], row["quoted"]["technique_spans"]) == ("narrator", 1, 2)
    table = run("stats")
    assert "in the outlet's own words" in table.stdout and "quoted/1k" in table.stdout
    assert "1 articles were analyzed without quotes" in table.stderr
    assert "all words (narrator and quoted beside)" in run("stats", "--voice", "all").stdout

    def total(voice: str) -> int:
        found = run("search", "--technique", "Appeal_to_fear-prejudice", "--voice", voice,
                    "--format", "json")
        return json.loads(found.stdout)["total"]

    # The span is inside Holt's quote in one article; in the other its voice is unknown.
    assert (total("narrator"), total("quoted"), total("all")) == (0, 1, 2)
    (prof,) = json.loads(run("stats", "--entity", "Omar Reyes", "--format", "json").stdout)
    assert prof["quoted_descriptors"] == [
        {"text": "a true hero of the harbour", "speaker": "Holt", "count": 1}]
    assert "Holt" in run("stats", "--entity", "Omar Reyes").stdout
    bad = runner.invoke(app, ["stats", "--voice", "mixed", "--db", db])
    assert bad.exit_code != 0 and "mixed" in bad.output


def test_database_from_before_utterances_links_their_parts(db_url):
    text = 'The vote came late. "We will not close it," Holt said, "not this year." Reyes left.'
    old = build(text, url="https://example.org/parts", stages=VOICED,
                quotes=[("direct", '"We will not close it,"', "Holt"), ("direct", '"not this year."', "Holt")])
    cue = text.index("said")
    from slant.models import Span

    old.quotes = [q.model_copy(update={"cue": Span(start=cue, end=cue + 4, text="said")}) for q in old.quotes]
    old.provenance.schema_version = "1.2"  # made before utterances: no links
    engine, _ = _old_database(db_url, "0005", analyses=[old])
    with engine.connect() as conn:
        assert conn.execute(sql("SELECT quotes FROM articles")).scalar() == 2
    engine.dispose()
    store = open_store(db_url)
    back = store.get(old.article.id)
    assert [q.continues for q in back.quotes] == [None, 0]
    with store.engine.connect() as conn:
        assert conn.execute(sql("SELECT quotes FROM articles")).scalar() == 1
        assert sorted(r[0] is None for r in conn.execute(sql("SELECT continues FROM quotes"))) == [False, True]
    (top,) = store.top_speakers()
    assert (top.speaker, top.quotes) == ("Holt", 1)
    store.close()
