"""Corpus verbs: read, ingest (analyze and store) and crawl, from Python.

The CLI's ``slant ingest`` and ``slant crawl`` are these functions plus printing and options::

    import slant
    from slant.corpus import crawl, ingest, read_bytes, read_inputs

    store = slant.open_store("sqlite:///corpus.db")
    nlp = slant.load()
    report = ingest(store, read_inputs(["articles/", "feed.jsonl"]), nlp)
    print(report.added, report.failed, report.summary())
    report = crawl(store, ["https://news.example/rss"], nlp, delay=2.0)

Nothing here prints: errors and warnings go to ``on_error``/``on_warning`` callbacks (else
the ``slant.corpus`` logger) and into the returned report. See docs/library.md.
"""

from slant.corpus.crawling import CrawlReport, StoreMemory, crawl, is_feed
from slant.corpus.ingesting import (
    AnalyzesArticles,
    Ingester,
    IngestReport,
    ingest,
    read_analyses,
    read_inputs,
    reanalyze,
)
from slant.ingest.sniff import read_bytes

__all__ = [
    "AnalyzesArticles",
    "CrawlReport",
    "IngestReport",
    "Ingester",
    "StoreMemory",
    "crawl",
    "ingest",
    "is_feed",
    "read_analyses",
    "read_bytes",
    "read_inputs",
    "reanalyze",
]
