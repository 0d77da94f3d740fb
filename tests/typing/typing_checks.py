"""Checked by mypy in `make test` (not collected by pytest): the public API is typed.

A call that is wrong carries ``# type: ignore[code]``; mypy runs with
``warn_unused_ignores``, so if the API lost its types (``Any``) the ignore would be unused
and mypy would fail. The correct calls must type-check as they are.
"""

from __future__ import annotations

from collections.abc import Iterator

import slant
from slant import corpus
from slant.context import Context
from slant.pipeline import Pipeline
from slant.store import SearchQuery, Store


def good() -> None:
    nlp: Pipeline = slant.load(only=["techniques"], threshold=0.5)
    analysis: slant.Analysis = nlp("some text")
    also: slant.Analysis = nlp.analyze(slant.read_text("some text"))
    stream: Iterator[slant.Analysis] = nlp.pipe(["a", "b"], batch_size=2)
    spans: list[slant.TechniqueSpan] = analysis.techniques
    data: dict[str, object] = slant.displacy(also)
    html: str = analysis._repr_html_()
    pipe: Pipeline = slant.build_pipeline(only=["quotes"], on_error="raise")
    del stream, spans, data, html, pipe


def bad() -> None:
    slant.build_pipeline(onl=["techniques"])  # type: ignore[call-arg]
    slant.load(on_error="ignore")  # type: ignore[arg-type]
    n: int = slant.load()("text")  # type: ignore[assignment]
    slant.displacy("not an analysis")  # type: ignore[arg-type]
    del n


def corpus_verbs(store: Store, nlp: Pipeline) -> None:
    report: corpus.IngestReport = corpus.ingest(store, corpus.read_inputs(["a.txt"]), nlp)
    failed: int = report.failed
    crawled: corpus.CrawlReport = corpus.crawl(store, ["https://news.example/rss"], nlp)
    items = list(corpus.read_bytes(b"text", "a.txt"))
    corpus.ingest(store, ["a.txt"], nlp)  # type: ignore[list-item]
    corpus.crawl(store, ["https://news.example/rss"], nlp, delay="1s")  # type: ignore[arg-type]
    query = SearchQuery(q="harbour", limit=5)
    SearchQuery(story="one")  # type: ignore[arg-type]
    del failed, crawled, items, query


def stage_fields(ctx: Context) -> None:
    ctx.language = "en"
    ctx.techniques = [slant.TechniqueSpan(technique="Doubt", start=0, end=1, text="x", score=0.5)]
    ctx.entities = "not a list"  # type: ignore[assignment]
    ctx.langauge = "en"  # type: ignore[attr-defined]
