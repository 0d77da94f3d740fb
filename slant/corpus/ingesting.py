"""Analyze-and-store: :func:`ingest` and :func:`reanalyze`, counted in an :class:`IngestReport`.

The CLI's ``slant ingest`` prints what these return; nothing here prints. Events a caller may
want as they happen (an input that failed, a stored article replaced by a different text at
the same address) go to the ``on_error`` and ``on_warning`` callbacks, else to the
``slant.corpus`` logger; every error is also kept in the report.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, TextIO

from slant.errors import InputError, SlantError
from slant.ingest import MAX_CHARS, iter_articles
from slant.models import Analysis, Article, Provenance

if TYPE_CHECKING:  # pragma: no cover
    from slant.store import SaveResult, Store

log = logging.getLogger("slant.corpus")

OnError = Callable[[SlantError], None]
OnWarning = Callable[[str], None]


class AnalyzesArticles(Protocol):
    """What ingest needs of a pipeline (a :class:`slant.Pipeline` is one)."""

    def analyze(self, article: Article | str) -> Analysis: ...

    def provenance(self) -> Provenance: ...


@dataclass
class IngestReport:
    """What an ingest did. ``added``, ``updated`` and ``unchanged`` count saves (``replaced``:
    the updates whose stored text was a different one at the same address); ``skipped``
    counts articles already stored (by this pipeline, when re-analysis was asked for) and not
    analyzed again; ``errors`` are the inputs that failed, in order; ``ids`` the store ids of
    the articles saved."""

    added: int = 0
    updated: int = 0
    replaced: int = 0
    unchanged: int = 0
    skipped: int = 0
    errors: list[SlantError] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.errors)

    def updated_text(self) -> str:
        """"N updated", with "(R with a different text)" when some replaced another text."""
        extra = f" ({self.replaced} with a different text)" if self.replaced else ""
        return f"{self.updated} updated{extra}"

    def summary(self) -> str:
        """One line: "2 new, 1 updated, 0 unchanged, 3 already stored, 0 failed"."""
        return (f"{self.added} new, {self.updated_text()}, {self.unchanged} unchanged, "
                f"{self.skipped} already stored, {self.failed} failed")


class Ingester:
    """Analyzes and stores one item at a time into a report (the engine of :func:`ingest`
    and :func:`~slant.corpus.crawl`)."""

    def __init__(self, store: Store, pipeline: AnalyzesArticles | None, *, reanalyze: bool,
                 report: IngestReport, on_error: OnError | None = None,
                 on_warning: OnWarning | None = None) -> None:
        self.store, self.pipeline, self.reanalyze, self.report = store, pipeline, reanalyze, report
        self._on_error, self._on_warning = on_error, on_warning
        self._fingerprint: str | None = None

    @property
    def fingerprint(self) -> str:
        """The pipeline's fingerprint (what ``Store.stale`` compares)."""
        if self._fingerprint is None:
            from slant.store import pipeline_fingerprint

            self._fingerprint = pipeline_fingerprint(self._pipeline().provenance())
        return self._fingerprint

    def _pipeline(self) -> AnalyzesArticles:
        if self.pipeline is None:
            raise TypeError("an Article is analyzed before it is stored: pass a pipeline "
                            "(slant.load()), or give Analyses")
        return self.pipeline

    def add(self, item: Article | Analysis | SlantError) -> None:
        """Store an Analysis as it is; analyze an Article unless it is stored already (by
        this pipeline, with ``reanalyze``); count an error as a failed input."""
        if isinstance(item, SlantError):
            self.error(item)
        elif isinstance(item, Analysis):
            self.save(item)
        elif not self.store.needs_analysis(item, self.fingerprint if self.reanalyze else None):
            self.report.skipped += 1
        else:
            try:
                analysis = self._pipeline().analyze(item)
            except InputError as exc:  # over the size cap: an error like a failed read
                self.error(exc)
                return
            self.save(analysis)

    def save(self, analysis: Analysis) -> None:
        self.count(self.store.save_result(analysis), analysis)

    def count(self, result: SaveResult, analysis: Analysis) -> None:
        """Count one save; warn when it replaced a different text stored under the same key."""
        r = self.report
        if result.status == "new":
            r.added += 1
        elif result.status == "updated":
            r.updated += 1
        else:
            r.unchanged += 1
        r.ids.append(result.id)
        if result.replaced_text:
            r.replaced += 1
            art = analysis.article
            self.warning(f"{art.url or art.origin or art.id}: article {result.id} was stored "
                         "from the same address with a different text; this text replaced it")

    def error(self, err: SlantError) -> None:
        self.report.errors.append(err)
        if self._on_error is not None:
            self._on_error(err)
        else:
            log.warning("%s", err)

    def warning(self, message: str) -> None:
        if self._on_warning is not None:
            self._on_warning(message)
        else:
            log.warning("%s", message)


def ingest(store: Store, articles: Iterable[Article | Analysis | SlantError],
           pipeline: AnalyzesArticles | None = None, *, reanalyze: bool = False,
           on_error: OnError | None = None, on_warning: OnWarning | None = None,
           report: IngestReport | None = None) -> IngestReport:
    """Analyze ``articles`` with ``pipeline`` and store them; returns what happened.

    Idempotent: an Article already stored with the same text is skipped (``reanalyze``:
    unless another pipeline version analyzed it). An :class:`~slant.models.Analysis` is
    stored as it is (no pipeline needed). An error in place of an article (as
    :func:`read_inputs` and :func:`slant.ingest.read_input` yield them) is counted as failed,
    passed to ``on_error`` and kept in the report, and the rest go on. Counts are added to
    ``report`` when one is given (several calls, one summary).
    """
    report = report if report is not None else IngestReport()
    ing = Ingester(store, pipeline, reanalyze=reanalyze, report=report, on_error=on_error,
                   on_warning=on_warning)
    for item in articles:
        ing.add(item)
    return report


def reanalyze(store: Store, pipeline: AnalyzesArticles, *, on_error: OnError | None = None,
              on_warning: OnWarning | None = None,
              report: IngestReport | None = None) -> IngestReport:
    """Analyze again, with ``pipeline``, every stored article another pipeline version
    analyzed (``slant ingest --reanalyze`` with no input), and store the new analyses."""
    report = report if report is not None else IngestReport()
    ing = Ingester(store, pipeline, reanalyze=True, report=report, on_error=on_error,
                   on_warning=on_warning)
    for aid in store.stale(ing.fingerprint):
        old = store.get(aid)
        if old is not None:
            ing.save(pipeline.analyze(old.article))
    return report


def read_inputs(inputs: Sequence[str], *, stdin: TextIO | None = None,
                max_chars: int | None = MAX_CHARS) -> Iterator[Article | SlantError]:
    """The Articles of ``inputs`` (files, folders, URLs, .jsonl files, '-' for ``stdin``) as
    :func:`slant.ingest.iter_articles` reads them, with each input's error in its place
    instead of raised, ready for :func:`ingest`."""
    pending: list[SlantError] = []
    for article in iter_articles(inputs, on_error=pending.append, stdin=stdin,
                                 max_chars=max_chars):
        yield from pending
        pending.clear()
        yield article
    yield from pending


def read_analyses(paths: Sequence[str], *, stdin: TextIO | None = None
                  ) -> Iterator[Analysis | InputError]:
    """Analyses from JSON Lines files as ``slant analyze -f jsonl`` writes them ('-' reads
    ``stdin``); a file that cannot be read, or a line that is not an analysis, is an
    InputError in its place."""
    from pydantic import ValidationError

    for path in paths:
        try:
            fh = (stdin or sys.stdin) if path == "-" else open(path, encoding="utf-8")
        except OSError as exc:
            yield InputError(f"cannot read ({exc.strerror})", source=path)
            continue
        with fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    yield Analysis.model_validate_json(line)
                except ValidationError as exc:
                    first = exc.errors()[0]
                    where = ".".join(str(x) for x in first["loc"])
                    yield InputError(f"line {n}: not an analysis ({where}: {first['msg']})",
                                     source=path)
