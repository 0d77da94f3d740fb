"""The corpus commands: ingest, crawl, search, stats, stories, compare, export, import-labels.

Each is a thin skin over :mod:`slant.store`, :mod:`slant.stories` and the pipeline; SQLAlchemy
and the models are imported inside the commands, so ``slant --help`` stays fast.
"""

from __future__ import annotations

import re
import sys
import time
from datetime import UTC
from enum import Enum
from pathlib import Path
from typing import Any

import typer

from slant.cli._app import EXIT_INPUT, app, fail, warn

DB_HELP = ("Database URL: sqlite:///PATH, a file path, or postgresql://USER@HOST/DB "
           "(default: $SLANT_DB, else slant.db in the user data directory).")


class Out(str, Enum):
    table = "table"
    json = "json"


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    ptc = "ptc"
    labelstudio = "labelstudio"


class Voice(str, Enum):
    narrator = "narrator"
    quoted = "quoted"
    all = "all"


VOICE_HELP = ("Whose words count: the outlet's own (narrator), quoted speech (quoted), or all.")


def _voice_cell(v) -> str:
    return "" if v is None else f"{v.spans_per_1000_words}"


class Table(str, Enum):
    articles = "articles"
    techniques = "techniques"
    quotes = "quotes"
    entities = "entities"
    descriptors = "descriptors"
    actors = "actors"


def _split(values: list[str] | None) -> list[str]:
    return [v for item in (values or []) for v in item.split(",") if v.strip()]


def _settings(**overrides: Any):
    from slant.config import Settings

    return Settings.from_env(**overrides)


def _store(db: str | None, settings=None, *, create: bool = True):
    """The store at ``db``; readers pass ``create=False`` so that a mistyped --db is an
    error naming it, not a new empty database."""
    from slant.store import open_store

    settings = settings or _settings()
    return open_store(db, settings=settings, create=create)


def _when(value: str | None, name: str, *, end: bool = False):
    """A --since/--until value as an aware datetime. Both bounds are inclusive: a bare date
    means the whole day (UTC), so ``--until 2026-03-13`` keeps articles of the 13th."""
    if value is None:
        return None
    from datetime import date, datetime, time

    value = value.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return datetime.combine(date.fromisoformat(value), time.max if end else time.min,
                                    tzinfo=UTC)
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        fail(f"{name}: {value!r} is not a date (use YYYY-MM-DD or an ISO time)", EXIT_INPUT)
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def _technique(value: str | None) -> str | None:
    """A --technique value as the technique's name (any case); unknown names are an error."""
    if value is None:
        return None
    from slant.models import technique_name

    try:
        return technique_name(value)
    except ValueError as exc:
        fail(f"--technique: {exc}", EXIT_INPUT)
    return None  # pragma: no cover (fail exits)


def _check_outlet(store, outlet: str | None) -> None:
    """Warn when --outlet names no stored outlet (matched in any case, as the API does)."""
    if outlet is None:
        return
    from slant.store.outlets import outlet_names

    if not outlet_names(store.engine, outlet):
        warn(f"--outlet: no stored article is from {outlet!r} (`slant stats` lists the outlets)")


def _month(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", value):
        fail(f"{name}: {value!r} is not a month (use YYYY-MM)", EXIT_INPUT)
    return value[:7]


def _json(obj: Any) -> None:
    import json

    def plain(o: Any) -> Any:
        if hasattr(o, "model_dump"):
            return o.model_dump(mode="json")
        if isinstance(o, list):
            return [plain(x) for x in o]
        return o

    typer.echo(json.dumps(plain(obj), ensure_ascii=False, indent=2))


def _table(title: str | None, columns: list[str], rows: list[list[Any]]) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table as RTable

    t = RTable(title=title, show_lines=False, header_style="bold")
    for c in columns:
        t.add_column(c, overflow="fold")
    for r in rows:
        t.add_row(*("" if v is None else escape(str(v)) for v in r))
    Console(width=max(100, Console().width)).print(t)


# -- ingest and crawl -------------------------------------------------------------------------
class _Ingester:
    """Analyze-and-store, counting outcomes; shared by ingest and crawl."""

    def __init__(self, store, pipeline, reanalyze: bool) -> None:
        from slant.store import pipeline_fingerprint

        self.store, self.pipeline, self.reanalyze = store, pipeline, reanalyze
        self.fingerprint = pipeline_fingerprint(pipeline.provenance())
        self.counts = {"new": 0, "updated": 0, "unchanged": 0, "skipped": 0, "failed": 0,
                       "replaced": 0}

    def add(self, article) -> None:
        fp = self.fingerprint if self.reanalyze else None
        if not self.store.needs_analysis(article, fp):
            self.counts["skipped"] += 1
            return
        self.save(self.pipeline.analyze(article))

    def save(self, analysis) -> None:
        _count_saved(self.counts, self.store.save_result(analysis), analysis)

    def summary(self) -> str:
        c = self.counts
        return (f"{c['new']} new, {_updated(c)}, {c['unchanged']} unchanged, "
                f"{c['skipped']} already stored, {c['failed']} failed")


def _count_saved(counts: dict[str, int], result, analysis) -> None:
    """Count one save; warn when it replaced a different text stored under the same key."""
    counts[result.status] += 1
    if result.replaced_text:
        counts["replaced"] += 1
        art = analysis.article
        warn(f"{art.url or art.origin or art.id}: article {result.id} was stored from the same "
             "address with a different text; this text replaced it")


def _updated(c: dict[str, int]) -> str:
    extra = f" ({c['replaced']} with a different text)" if c.get("replaced") else ""
    return f"{c['updated']} updated{extra}"


def _cluster(store) -> None:
    from slant.stories import update_actors, update_stories

    run = update_stories(store)
    if run.articles:
        typer.echo(f"stories: {run.articles} articles placed ({run.new_stories} new stories, "
                   f"{run.grown_stories} grown)", err=True)
    if store.unresolved_names():
        arun = update_actors(store)
        typer.echo(f"actors: {arun.actors} actors from {arun.names} names", err=True)


FEED_SUFFIXES = (".rss", ".atom", ".xml", "/feed", "/feed/", "/rss", "/rss/", "/atom", "/atom/")


def _is_feed(item: str) -> bool:
    """Inputs read as feeds: URLs or files ending in .rss/.atom/.xml, or URLs ending in /feed,
    /rss or /atom."""
    low = item.lower().split("?", 1)[0]
    return low.endswith(FEED_SUFFIXES)


def _read_analyses(paths: list[str], on_error):
    """Analyses from JSON Lines files as `slant analyze -f jsonl` writes them."""
    from pydantic import ValidationError

    from slant.errors import InputError
    from slant.models import Analysis

    for path in paths:
        try:
            fh = sys.stdin if path == "-" else open(path, encoding="utf-8")
        except OSError as exc:
            on_error(InputError(f"cannot read ({exc.strerror})", source=path))
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
                    on_error(InputError(f"line {n}: not an analysis ({where}: {first['msg']})",
                                        source=path))


@app.command()
def ingest(
    inputs: list[str] | None = typer.Argument(
        None, help="Files, directories, URLs, .jsonl files, feeds (.rss/.atom/.xml, /feed), "
        "or '-' for stdin.", show_default=False),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    reanalyze: bool = typer.Option(
        False, "--reanalyze",
        help="Rerun articles stored by another pipeline version (all of them when no INPUT)."),
    analyzed: bool = typer.Option(
        False, "--analyzed",
        help="INPUT is JSON Lines of analyses (`slant analyze -f jsonl`): store them as they are."),
    only: list[str] | None = typer.Option(None, "--only", help="Run only these stages."),
    skip: list[str] | None = typer.Option(None, "--skip", help="Skip these stages."),
    encoder: str | None = typer.Option(None, "--encoder", help="Base encoder path or hub name."),
    cluster: bool = typer.Option(True, "--cluster/--no-cluster",
                                 help="Place new articles into stories afterwards."),
    allow_private_urls: bool = typer.Option(
        False, "--allow-private-urls",
        help="Let feed inputs fetch private, loopback and link-local addresses (as crawl)."),
) -> None:
    """Analyze articles and store them (idempotent: an article already stored is skipped)."""
    from slant.errors import SlantError
    from slant.ingest import iter_articles

    if not inputs and not reanalyze:
        fail("give INPUT files, folders or URLs (or --reanalyze to rerun stored articles)", EXIT_INPUT)
    settings = _settings(encoder=encoder)
    store = _store(db, settings)
    failed: list[SlantError] = []

    def on_error(err: SlantError) -> None:
        failed.append(err)
        warn(str(err))

    if analyzed:
        counts = {"new": 0, "updated": 0, "unchanged": 0, "replaced": 0}
        for analysis in _read_analyses(inputs or [], on_error):
            _count_saved(counts, store.save_result(analysis), analysis)
        typer.echo(f"ingest: {counts['new']} new, {_updated(counts)}, "
                   f"{counts['unchanged']} unchanged, {len(failed)} failed ({store.url})", err=True)
    else:
        from slant.pipeline import build_pipeline

        pipeline = build_pipeline(settings, only=_split(only), skip=_split(skip))
        ing = _Ingester(store, pipeline, reanalyze)
        feeds = [i for i in inputs or [] if _is_feed(i)]
        others = [i for i in inputs or [] if not _is_feed(i)]
        if others:
            for article in iter_articles(others, on_error=on_error, stdin=sys.stdin,
                                         max_chars=settings.max_chars):
                ing.add(article)
        crawled = ""
        if feeds:
            crawled = _crawl_summary(_crawl_once(store, ing, feeds, delay=1.0, max_per_feed=None,
                                 on_error=on_error,
                                 crawl_options={"allow_private": allow_private_urls}))
        if not inputs:
            for aid in store.stale(ing.fingerprint):
                old = store.get(aid)
                if old is not None:
                    ing.save(pipeline.analyze(old.article))
        ing.counts["failed"] = len(failed)
        typer.echo(f"ingest: {ing.summary()}{crawled} ({store.url})", err=True)
    if cluster:
        _cluster(store)
    if failed:
        raise typer.Exit(EXIT_INPUT)


def _crawl_once(store, ing, feeds: list[str], *, delay: float,
                max_per_feed: int | None, on_error, crawl_options: dict | None = None) -> dict:
    """Crawl ``feeds`` once (URLs; local feed files have their links fetched). Every skip
    but 'already stored' and 'not modified' is reported on stderr; returns the counts of
    the crawl's own outcomes (robots, waiting, given_up, retried)."""
    from slant.errors import InputError
    from slant.ingest.feeds import Crawler, parse_feed

    crawler = Crawler(memory=_StoreMemory(store), delay=delay, max_per_feed=max_per_feed,
                      **(crawl_options or {}))
    counts = {"robots": 0, "waiting": 0, "given_up": 0, "retried": 0}
    next_retry = None
    try:
        for feed in feeds:
            if feed.lower().startswith(("http://", "https://")):
                items = crawler.crawl([feed])
            else:
                items = _local_feed_items(crawler, parse_feed, feed, on_error)
            for item in items:
                if item.error is not None:
                    if item.attempts > 1 or item.retry_at is not None:
                        when = (f"retry after {item.retry_at:%Y-%m-%d %H:%M} UTC"
                                if item.retry_at else "given up")
                        from slant.errors import FetchError

                        on_error(FetchError(f"{item.error} (attempt {item.attempts}; {when})"
                                            .removeprefix(f"{item.url}: "), source=item.url))
                    else:
                        on_error(item.error)
                    continue
                if item.retried:
                    counts["retried"] += 1
                if item.article is not None:
                    try:
                        ing.add(item.article)
                    except InputError as exc:  # over the size cap: an error like a failed fetch
                        on_error(exc)
                elif item.skipped == "already stored":
                    ing.counts["skipped"] += 1
                elif item.skipped == "waiting to retry":
                    counts["waiting"] += 1
                    if next_retry is None or (item.retry_at and item.retry_at < next_retry):
                        next_retry = item.retry_at
                elif item.skipped and item.skipped.startswith("given up"):
                    counts["given_up"] += 1
                elif item.skipped == "disallowed by robots.txt":
                    counts["robots"] += 1
                    warn(f"{item.url}: skipped: disallowed by robots.txt")
    finally:
        crawler.close()
    counts["next_retry"] = next_retry
    return counts


def _crawl_summary(counts: dict) -> str:
    """The crawl's part of the summary line (nothing when there is nothing to say)."""
    parts = []
    if counts["retried"]:
        parts.append(f"{counts['retried']} retried")
    if counts["robots"]:
        parts.append(f"{counts['robots']} disallowed by robots.txt")
    if counts["waiting"]:
        when = counts["next_retry"]
        parts.append(f"{counts['waiting']} failed earlier, waiting to retry"
                     + (f" (next after {when:%Y-%m-%d %H:%M} UTC)" if when else ""))
    if counts["given_up"]:
        parts.append(f"{counts['given_up']} given up")
    return ("; " + ", ".join(parts)) if parts else ""


def _local_feed_items(crawler, parse_feed, path: str, on_error):
    from slant.errors import InputError, SlantError

    try:
        feed = parse_feed(Path(path).read_bytes(), path)
    except OSError as exc:
        on_error(InputError(f"cannot read ({exc.strerror})", source=path))
        return
    except SlantError as exc:
        on_error(exc)
        return
    yield from crawler.entry_items(path, feed, feed.entries)


def _seconds(every: str, option: str = "--every") -> float:
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", every)
    if not m:
        fail(f"{option}: {every!r} is not a duration (e.g. 90s, 30m, 2h)", EXIT_INPUT)
    return float(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[m.group(2)]


class _StoreMemory:
    """The crawler's memory, kept in the store (feed validators; stored article URLs;
    failed articles, to be retried)."""

    def __init__(self, store) -> None:
        self.store = store

    def validators(self, url: str) -> tuple[str | None, str | None]:
        st = self.store.feed_state(url)
        return (st.etag, st.last_modified) if st else (None, None)

    def remember(self, url, etag, last_modified, status, error) -> None:
        from datetime import datetime

        from slant.store import FeedState

        self.store.save_feed_state(FeedState(
            url=url, etag=etag, last_modified=last_modified, status=status, error=error,
            fetched_at=datetime.now(UTC)))

    def known(self, url: str) -> bool:
        from slant.models import Article

        return self.store.find(Article(text="-", url=url)) is not None

    def failures(self, feed_url: str):
        from slant.ingest.feeds import FailedEntry

        return [FailedEntry(url=f.url, feed=f.feed, attempts=f.attempts, error=f.error,
                            next_attempt=f.next_attempt, gave_up=f.gave_up, title=f.title,
                            published=f.published, author=f.author, feed_title=f.feed_title,
                            first_failed=f.first_failed, last_failed=f.last_failed)
                for f in self.store.crawl_failures(feed_url)]

    def record_failure(self, failure) -> None:
        from datetime import datetime

        from slant.store import CrawlFailure

        self.store.save_crawl_failure(CrawlFailure(
            url=failure.url, feed=failure.feed, attempts=failure.attempts, error=failure.error,
            next_attempt=failure.next_attempt, gave_up=failure.gave_up, title=failure.title,
            published=failure.published, author=failure.author,
            feed_title=failure.feed_title, first_failed=failure.first_failed,
            last_failed=failure.last_failed or datetime.now(UTC)))

    def forget_failure(self, url: str) -> None:
        self.store.forget_crawl_failure(url)


@app.command()
def crawl(
    feeds: list[str] | None = typer.Argument(None, help="RSS or Atom feed URLs.", show_default=False),
    feed_file: Path | None = typer.Option(None, "--feeds", help="A file of feed URLs, one a line."),
    every: str | None = typer.Option(None, "--every", help="Crawl again every DURATION (e.g. 30m) until interrupted."),
    delay: float = typer.Option(1.0, "--delay", min=0.0, help="Seconds between requests to one host."),
    max_per_feed: int | None = typer.Option(None, "--max-per-feed", min=1, help="At most N new links per feed."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    only: list[str] | None = typer.Option(None, "--only", help="Run only these stages."),
    skip: list[str] | None = typer.Option(None, "--skip", help="Skip these stages."),
    cluster: bool = typer.Option(True, "--cluster/--no-cluster", help="Place new articles into stories."),
    allow_private_urls: bool = typer.Option(
        False, "--allow-private-urls",
        help="Let the crawl fetch private, loopback and link-local addresses (off by default: "
        "a hostile feed could point at internal pages)."),
    contact: str | None = typer.Option(
        None, "--contact", envvar="SLANT_CRAWL_CONTACT",
        help="Your web address or e-mail, added to the user agent so sites can reach you."),
    retry_after: str = typer.Option(
        "5m", "--retry-after",
        help="Wait this long before retrying an article that failed; doubled after each "
        "failure, up to 6 h."),
    max_attempts: int = typer.Option(8, "--max-attempts", min=1,
                                     help="Give up on a failing article after N attempts."),
) -> None:
    """Fetch feeds, follow their new article links, analyze and store them.

    Articles that fail are kept and retried by later crawls (whether or not the feed
    changed) after a back-off; exits 2 when anything failed in this crawl.
    """
    from slant.ingest.feeds import RetryPolicy, read_feed_list
    from slant.pipeline import build_pipeline

    urls = list(feeds or [])
    if feed_file is not None:
        urls += read_feed_list(str(feed_file))
    if not urls:
        fail("give FEED URLs or --feeds FILE", EXIT_INPUT)
    pause = _seconds(every) if every else None
    options = {"allow_private": allow_private_urls, "contact": contact,
               "retry": RetryPolicy(base_s=_seconds(retry_after, "--retry-after"),
                                    max_attempts=max_attempts)}
    if allow_private_urls:
        warn("the crawl may fetch private addresses")
    settings = _settings()
    store = _store(db, settings)
    pipeline = build_pipeline(settings, only=_split(only), skip=_split(skip))
    while True:
        ing = _Ingester(store, pipeline, reanalyze=False)
        failed: list = []

        def on_error(err, failed=failed) -> None:
            failed.append(err)
            warn(str(err))

        counts = _crawl_once(store, ing, urls, delay=delay, max_per_feed=max_per_feed,
                             on_error=on_error, crawl_options=options)
        ing.counts["failed"] = len(failed)
        typer.echo(f"crawl: {ing.summary()}{_crawl_summary(counts)}", err=True)
        if cluster:
            _cluster(store)
        if pause is None:
            if failed:
                raise typer.Exit(EXIT_INPUT)
            break
        time.sleep(pause)


# -- reading ----------------------------------------------------------------------------------
@app.command()
def search(
    query: str | None = typer.Argument(None, help='Words that must all occur; "a phrase" in quotes.'),
    outlet: str | None = typer.Option(None, "--outlet", help="Only this outlet (Article.source, any case)."),
    since: str | None = typer.Option(None, "--since", help="Published on or after (YYYY-MM-DD, UTC)."),
    until: str | None = typer.Option(None, "--until", help="Published on or before (YYYY-MM-DD: the whole day, UTC)."),
    technique: str | None = typer.Option(None, "--technique", help="Has a span of this technique (a name, any case: Loaded_Language)."),
    entity: str | None = typer.Option(None, "--entity", help="Mentions this actor (any of its names or aliases, any case)."),
    speaker: str | None = typer.Option(None, "--speaker", help="Quotes this actor (any of its names or aliases, any case)."),
    story: int | None = typer.Option(None, "--story", help="In this story."),
    voice: Voice = typer.Option(
        Voice.all, "--voice",
        help="Has a technique span (of --technique, if given) in the narrator's own words, "
        "inside quotes, or either (all)."),
    limit: int = typer.Option(20, "--limit", min=1, max=1000, help="Results per page."),
    offset: int = typer.Option(0, "--offset", min=0, help="Skip this many results."),
    format: Out = typer.Option(Out.table, "--format", "-f", help="Output format."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Full-text search of stored articles, with filters and paging.

    --outlet, --entity and --speaker match names in any case; --technique takes a technique
    name in any case (an unknown one is an error, exit 2)."""
    technique = _technique(technique)
    start, end = _when(since, "--since"), _when(until, "--until", end=True)
    store = _store(db, create=False)
    _check_outlet(store, outlet)
    page = store.search(query, outlet=outlet, since=start, until=end, technique=technique,
                        entity=entity, speaker=speaker, story=story, limit=limit, offset=offset,
                        voice=voice.value)
    if format is Out.json:
        _json(page)
        return
    _table(f"{page.total} articles (showing {offset + 1 if page.items else 0}-{offset + len(page.items)})",
           ["id", "published", "outlet", "title", "narrator/1k", "quoted/1k", "snippet"],
           [[i.id, i.published.date() if i.published else "", i.source, i.title,
             _voice_cell(i.narrator) or f"{i.spans_per_1000_words} (all)", _voice_cell(i.quoted),
             i.snippet or ""] for i in page.items])


class Granularity(str, Enum):
    day = "day"
    week = "week"
    month = "month"


@app.command()
def stats(
    outlet: str | None = typer.Option(None, "--outlet", help="Only this outlet (any case)."),
    since: str | None = typer.Option(None, "--since", help="From this month (YYYY-MM), or day (YYYY-MM-DD) with --by day/week."),
    until: str | None = typer.Option(None, "--until", help="Up to this month (YYYY-MM), or day (YYYY-MM-DD) with --by day/week."),
    by: Granularity = typer.Option(Granularity.month, "--by", help="Time buckets: day, week (ISO, e.g. 2026-W10) or month."),
    group_by: str | None = typer.Option(None, "--group-by", help="Group outlets by an imported field (e.g. lean; see `slant outlets import`)."),
    speakers: bool = typer.Option(False, "--speakers", help="Show the most-quoted actors per outlet."),
    entity: str | None = typer.Option(None, "--entity", help="Show how each outlet labels this actor (any of its names)."),
    gender: bool = typer.Option(False, "--gender", help="Per outlet: shares of quotes by women, men, unknown (guessed; see docs/corpus.md)."),
    voice: Voice = typer.Option(
        Voice.narrator, "--voice",
        help=VOICE_HELP + " Technique rates are for this voice; the other is shown beside it (monthly)."),
    top: int = typer.Option(10, "--top", min=1, help="Speakers per outlet."),
    all_attributions: bool = typer.Option(
        False, "--all-attributions",
        help="With --speakers: count every attribution (beliefs, plans, actions), not only speech."),
    format: Out = typer.Option(Out.table, "--format", "-f", help="Output format."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Per outlet and month (or day, week): articles and technique spans per 1,000 words, in
    the outlet's own words by default; or the most-quoted actors, how outlets label an actor,
    or who gets quoted by gender."""
    store = _store(db, create=False)
    _check_outlet(store, outlet)
    if (speakers or entity or gender) and store.unresolved_names():
        from slant.stories import update_actors

        update_actors(store)
    if entity:
        prof = store.entity_profile(entity, outlet=outlet)
        if format is Out.json:
            return _json(prof)
        if not prof:
            warn(f"no stored article mentions {entity!r}")
        shown = prof[0].entity if prof else entity
        _table(f"{shown}: labels and techniques aimed at it, per outlet",
               ["outlet", "articles", "mentions", "names used", "the outlet's labels", "labels inside quotes",
                "techniques aimed at it", "…inside quotes"],
               [[p.source, p.articles, p.mentions, "; ".join(p.names),
                 "; ".join(f"{k} ({v})" for k, v in list(p.descriptors.items())[:8]),
                 "; ".join(f"“{q.text}” in a quote by {q.speaker or 'an unnamed speaker'} ({q.count})"
                           for q in p.quoted_descriptors[:8]),
                 "; ".join(f"{k} ({v})" for k, v in p.techniques.items()),
                 "; ".join(f"{k} ({v})" for k, v in p.quoted_techniques.items())] for p in prof])
        return
    if speakers:
        rows = store.top_speakers(outlet=outlet, limit=top, all_attributions=all_attributions)
        if format is Out.json:
            return _json(rows)
        _table("most-quoted actors" + (" (every attribution)" if all_attributions else ""),
               ["outlet", "actor", "id", "quotes", "articles"],
               [[r.source, r.speaker, r.actor_id or "", r.quotes, r.articles] for r in rows])
        return
    if gender:
        rows = store.gender_shares(outlet=outlet)
        if format is Out.json:
            return _json(rows)
        _table("quotes of people by guessed gender (from pronouns and titles in the text)",
               ["outlet", "quotes", "women", "men", "unknown", "women %", "men %", "unknown %"],
               [[r.source, r.quotes, r.female, r.male, r.unknown, round(100 * r.female_share, 1),
                 round(100 * r.male_share, 1), round(100 * r.unknown_share, 1)] for r in rows])
        return
    if by is Granularity.month:
        lo, hi = _month(since, "--since"), _month(until, "--until")
    else:
        lo, hi = _day_str(since, "--since"), _day_str(until, "--until")
    rows = store.technique_rates(outlet=outlet, since=lo, until=hi, by=by.value,
                                 group_by=group_by, voice=voice.value)
    if format is Out.json:
        return _json(rows)
    techs = sorted({t for r in rows for t in r.by_technique},
                   key=lambda t: -sum(r.by_technique.get(t, 0) for r in rows))[:6]
    beside = {"narrator": ["quoted"], "quoted": ["narrator"], "all": ["narrator", "quoted"]}[voice.value]
    title = {"narrator": "technique spans per 1,000 words in the outlet's own words "
                         "(narrator; quoted speech beside)",
             "quoted": "technique spans per 1,000 words inside quotes (narrator beside)",
             "all": "technique spans per 1,000 words, all words (narrator and quoted beside)"}
    _table(title[voice.value],
           [group_by or "outlet", by.value, "articles", f"{voice.value} words", f"{voice.value}/1k",
            *(f"{b}/1k" for b in beside), *techs],
           [[r.source, r.month, r.articles, r.words, r.spans_per_1000_words,
             *(_voice_cell(getattr(r, b)) for b in beside),
             *(r.by_technique.get(t, 0) for t in techs)] for r in rows])
    unvoiced = sum(r.articles - r.voiced_articles for r in rows) if by is Granularity.month else 0
    if unvoiced and voice is not Voice.all:
        warn(f"{unvoiced} articles were analyzed without quotes, so whose words their spans are "
             "is unknown: they count only under --voice all (`slant ingest --reanalyze` reruns "
             "them)")


def _day_str(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return value + "-01" if name == "--since" else value + "-31"
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        fail(f"{name}: {value!r} is not a day (use YYYY-MM-DD)", EXIT_INPUT)
    return value


@app.command()
def stories(
    update: bool = typer.Option(True, "--update/--no-update", help="Place new articles first."),
    rebuild: bool = typer.Option(False, "--rebuild", help="Forget all stories and cluster again."),
    threshold: float | None = typer.Option(None, "--threshold", min=0.0, max=2.0,
                                              help="Joining score (default 0.55)."),
    window: float | None = typer.Option(None, "--window-hours", min=1.0,
                                           help="How far apart in time one story may run (default 72)."),
    min_articles: int = typer.Option(2, "--min-articles", min=1, help="List stories this large."),
    outlet: str | None = typer.Option(None, "--outlet", help="Stories this outlet covered."),
    limit: int = typer.Option(20, "--limit", min=1, help="How many stories."),
    format: Out = typer.Option(Out.table, "--format", "-f", help="Output format."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Group stored articles on the same story (title+lead embedding, entities, time) and list them."""
    from dataclasses import replace

    from slant.stories import StoryParams, update_stories

    store = _store(db, create=False)
    _check_outlet(store, outlet)
    if update or rebuild:
        params = StoryParams()
        if threshold is not None:
            params = replace(params, threshold=threshold)
        if window is not None:
            params = replace(params, window_hours=window)
        run = update_stories(store, params, rebuild=rebuild)
        typer.echo(f"stories: {run.articles} articles placed ({run.new_stories} new stories, "
                   f"{run.grown_stories} grown)", err=True)
        if run.articles or store.unresolved_names():
            from slant.stories import update_actors

            update_actors(store)  # surnames link within a story: stories changed
    rows = store.stories(limit=limit, min_articles=min_articles, outlet=outlet)
    if format is Out.json:
        return _json(rows)
    _table("stories", ["story", "articles", "outlets", "first", "last", "title"],
           [[s.id, s.articles, ", ".join(s.outlets),
             s.first_published.date() if s.first_published else "",
             s.last_published.date() if s.last_published else "", s.title] for s in rows])


class CompareFormat(str, Enum):
    text = "text"
    json = "json"


@app.command()
def compare(
    ids: list[str] | None = typer.Argument(None, help="Two or more stored article ids.", show_default=False),
    story: int | None = typer.Option(None, "--story", help="Compare the articles of this story."),
    voice: Voice = typer.Option(Voice.narrator, "--voice",
                                help=VOICE_HELP + " The technique profile is for this voice."),
    group_by: str | None = typer.Option(None, "--group-by", help="Sides are groups of outlets by this imported field (e.g. lean)."),
    format: CompareFormat = typer.Option(CompareFormat.text, "--format", "-f", help="Output format."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """How did each outlet cover this? Techniques, whom each quotes, how each labels the actors."""
    from slant.stories import compare_ids, compare_story, update_actors

    if (story is None) == (not ids):
        fail("give two or more article ids, or --story ID", EXIT_INPUT)
    store = _store(db, create=False)
    if store.unresolved_names():
        update_actors(store)
    opts = {"voice": voice.value, "group_by": group_by}
    cmp = compare_story(store, story, **opts) if story is not None else compare_ids(store, ids or [], **opts)
    if format is CompareFormat.json:
        return _json(cmp)
    side = cmp.group_by or "outlet"
    own = {"narrator": " (own words)", "quoted": " (quoted speech)", "all": ""}[cmp.voice]
    _table(f"per {side}: technique profile{own} and whom it quotes",
           [side, "articles", "spans/1k", "techniques (per 1k words)", "quotes"],
           [[o.source + (f" ({', '.join(o.outlets)})" if o.outlets and o.outlets != [o.source] else ""),
             len(o.articles), o.spans_per_1000_words,
             ", ".join(f"{k} {v}" for k, v in o.techniques.items()),
             "; ".join(f"{q.actor} ({q.quotes})" for q in o.quoted_actors)] for o in cmp.outlets])
    _table("articles", ["article", "outlet", "published", "words", "spans/1k", "techniques"],
           [[p.id, p.source, p.published.date() if p.published else "", p.words,
             p.spans_per_1000_words, ", ".join(f"{k} {v}" for k, v in p.techniques.items())]
            for p in cmp.articles])
    _table("who is quoted", ["actor", "quotes", "by side", "only one side"],
           [[s.speaker, s.quotes, "; ".join(f"{k} {v}" for k, v in s.by_outlet.items()),
             "yes" if s.only_one_side else ""] for s in cmp.speakers])
    _table("how each shared actor is labelled (own words; quoting others)", ["actor", side, "own words", "quoting others"],
           [[e.entity + (f" (as {', '.join(e.names)})" if len(e.names) > 1 else ""), o,
             "; ".join(lab.own) or "-", "; ".join(lab.quoted)]
            for e in cmp.entities for o, lab in e.by_outlet.items()])
    _table("the same quote in several outlets", ["outlets", "similarity", "quote"],
           [[", ".join(m.outlets), m.similarity, m.text] for m in cmp.quotes])
    _table("coverage timeline", ["published", side, "article", "first"],
           [[t.published.strftime("%Y-%m-%d %H:%M") if t.published else "undated", t.side,
             t.title or t.article_id, "first" if t.first_for_side else ""] for t in cmp.timeline])


@app.command()
def export(
    format: ExportFormat = typer.Option(..., "--format", "-f", help="Output format."),
    out: Path | None = typer.Option(None, "--out", "-o", help="File (a folder for ptc); stdout for jsonl/csv/labelstudio."),
    table: Table = typer.Option(Table.articles, "--table", help="Rows of CSV/Parquet: articles, techniques, quotes, entities, descriptors (the tables slant batch writes), or actors (one per actor, with all its names)."),
    outlet: str | None = typer.Option(None, "--outlet", help="Only this outlet (any case)."),
    since: str | None = typer.Option(None, "--since", help="Published on or after (YYYY-MM-DD, UTC)."),
    until: str | None = typer.Option(None, "--until", help="Published on or before (YYYY-MM-DD: the whole day, UTC)."),
    ids: list[str] | None = typer.Option(None, "--id", help="Only these article ids (repeat)."),
    label_config: Path | None = typer.Option(
        None, "--label-config",
        help="labelstudio: write the labelling config (XML) to this file (with -o it is also "
        "written beside the tasks as NAME.label-config.xml)."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Export stored analyses: JSONL, CSV, Parquet, PTC labels, or Label Studio tasks."""
    from slant.store.exports import export as do_export

    start, end = _when(since, "--since"), _when(until, "--until", end=True)
    store = _store(db, create=False)
    _check_outlet(store, outlet)
    if table is Table.actors:
        from slant.store.exports import export_actors

        if store.unresolved_names():
            from slant.stories import update_actors

            update_actors(store)

        def every_actor():
            offset = 0
            while True:
                page = store.actors(limit=1000, offset=offset)
                yield from page
                if len(page) < 1000:
                    return
                offset += 1000

        n = export_actors(every_actor(), format.value, out, stdout=sys.stdout)
        typer.echo(f"export: {n} actors" + (f" to {out}" if out else ""), err=True)
        return
    analyses = store.iter_analyses(outlet=outlet, since=start, until=end,
                                   ids=_split(ids) or None)
    if label_config is not None and format is not ExportFormat.labelstudio:
        fail("--label-config goes with -f labelstudio", EXIT_INPUT)
    n = do_export(analyses, format.value, out, table=table.value, stdout=sys.stdout)
    if format is ExportFormat.labelstudio:
        from slant.store.labelstudio import label_config as config_xml

        configs = [p for p in (label_config, out.with_name(out.stem + ".label-config.xml")
                               if out is not None else None) if p is not None]
        for cfg in configs:
            try:
                cfg.write_text(config_xml(), encoding="utf-8")
            except OSError as exc:
                fail(f"{cfg}: cannot write the labelling config ({exc.strerror})")
            typer.echo(f"export: Label Studio labelling config in {cfg}", err=True)
        if not configs:
            # The tasks went to stdout, which has room for JSON only: say where the config is.
            warn("the Label Studio labelling config is not in this output (the tasks need it "
                 "to be labelled): pass --label-config FILE, or -o FILE to write "
                 "FILE.label-config.xml beside the tasks")
    typer.echo(f"export: {n} articles" + (f" to {out}" if out else ""), err=True)


@app.command("import-labels")
def import_labels(
    export_file: Path = typer.Argument(..., help="A Label Studio JSON (or JSON-MIN) export."),
    out: Path = typer.Option(..., "--out", "-o", help="Folder to write the PTC layout into."),
) -> None:
    """Turn reviewed Label Studio annotations into PTC training data (articles/, labels-TC.tsv)."""
    from slant.store.labelstudio import read_export, write_ptc_labels

    report = read_export(export_file)
    for why in report.skipped:
        warn(f"skipped {why}")
    lines = write_ptc_labels(report.articles, out)
    typer.echo(f"import-labels: {len(report.articles)} articles, {lines} technique spans to {out}",
               err=True)
