"""The commands that fill the store: ``slant ingest`` and ``slant crawl``.

They are options and printing over :mod:`slant.corpus` (``ingest``, ``crawl``); the commands
that read the store are in search_cmds, stats_cmds, story_cmds and export_cmds. The models
and SQLAlchemy are imported inside the commands, so ``slant --help`` stays fast.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import typer

from slant.cli._app import EXIT_INPUT, app, fail, warn
from slant.cli._shared import DB_HELP, open_db, settings, split_values

ONLY_HELP = "Run only these stages."
SKIP_HELP = "Skip these stages."


def _is_feed(item: str) -> bool:
    """Inputs read as feeds (:func:`slant.corpus.is_feed`)."""
    from slant.corpus import is_feed

    return is_feed(item)


def _warn_error(err: Exception) -> None:
    warn(str(err))


def _cluster(store) -> None:
    from slant.stories import update_actors, update_stories

    run = update_stories(store)
    if run.articles:
        typer.echo(f"stories: {run.articles} articles placed ({run.new_stories} new stories, "
                   f"{run.grown_stories} grown)", err=True)
    if store.unresolved_names():
        arun = update_actors(store)
        typer.echo(f"actors: {arun.actors} actors from {arun.names} names", err=True)


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
    only: list[str] | None = typer.Option(None, "--only", help=ONLY_HELP),
    skip: list[str] | None = typer.Option(None, "--skip", help=SKIP_HELP),
    encoder: str | None = typer.Option(None, "--encoder", help="Base encoder path or hub name."),
    cluster: bool = typer.Option(True, "--cluster/--no-cluster",
                                 help="Place new articles into stories afterwards."),
    allow_private_urls: bool = typer.Option(
        False, "--allow-private-urls",
        help="Let feed inputs fetch private, loopback and link-local addresses (as crawl)."),
) -> None:
    """Analyze articles and store them (idempotent: an article already stored is skipped)."""
    from slant import corpus

    if not inputs and not reanalyze:
        fail("give INPUT files, folders or URLs (or --reanalyze to rerun stored articles)", EXIT_INPUT)
    config = settings(encoder=encoder)
    store = open_db(db, config)
    if analyzed:
        report = corpus.ingest(store, corpus.read_analyses(inputs or [], stdin=sys.stdin),
                               on_error=_warn_error, on_warning=warn)
        typer.echo(f"ingest: {report.added} new, {report.updated_text()}, "
                   f"{report.unchanged} unchanged, {report.failed} failed ({store.url})", err=True)
    else:
        from slant.pipeline import build_pipeline

        pipeline = build_pipeline(config, only=split_values(only), skip=split_values(skip))
        feeds = [i for i in inputs or [] if _is_feed(i)]
        others = [i for i in inputs or [] if not _is_feed(i)]
        report = corpus.CrawlReport()  # its crawl part says nothing when there are no feeds
        if others:
            corpus.ingest(store, corpus.read_inputs(others, stdin=sys.stdin,
                                                    max_chars=config.max_chars),
                          pipeline, reanalyze=reanalyze, report=report, on_error=_warn_error,
                          on_warning=warn)
        if feeds:
            corpus.crawl(store, feeds, pipeline, delay=1.0, allow_private=allow_private_urls,
                         reanalyze=reanalyze, report=report, on_error=_warn_error,
                         on_warning=warn)
        if not inputs:
            corpus.reanalyze(store, pipeline, report=report, on_error=_warn_error,
                             on_warning=warn)
        typer.echo(f"ingest: {report.summary()} ({store.url})", err=True)
    if cluster:
        _cluster(store)
    if report.failed:
        raise typer.Exit(EXIT_INPUT)


def _seconds(every: str, option: str = "--every") -> float:
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", every)
    if not m:
        fail(f"{option}: {every!r} is not a duration (e.g. 90s, 30m, 2h)", EXIT_INPUT)
    return float(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[m.group(2)]


@app.command()
def crawl(
    feeds: list[str] | None = typer.Argument(None, help="RSS or Atom feed URLs.", show_default=False),
    feed_file: Path | None = typer.Option(None, "--feeds", help="A file of feed URLs, one a line."),
    every: str | None = typer.Option(None, "--every", help="Crawl again every DURATION (e.g. 30m) until interrupted."),
    delay: float = typer.Option(1.0, "--delay", min=0.0, help="Seconds between requests to one host."),
    max_per_feed: int | None = typer.Option(None, "--max-per-feed", min=1, help="At most N new links per feed."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    only: list[str] | None = typer.Option(None, "--only", help=ONLY_HELP),
    skip: list[str] | None = typer.Option(None, "--skip", help=SKIP_HELP),
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
    from slant import corpus
    from slant.ingest.feeds import RetryPolicy, read_feed_list
    from slant.pipeline import build_pipeline

    urls = list(feeds or [])
    if feed_file is not None:
        urls += read_feed_list(str(feed_file))
    if not urls:
        fail("give FEED URLs or --feeds FILE", EXIT_INPUT)
    pause = _seconds(every) if every else None
    retry = RetryPolicy(base_s=_seconds(retry_after, "--retry-after"), max_attempts=max_attempts)
    if allow_private_urls:
        warn("the crawl may fetch private addresses")
    config = settings()
    store = open_db(db, config)
    pipeline = build_pipeline(config, only=split_values(only), skip=split_values(skip))
    while True:
        report = corpus.crawl(store, urls, pipeline, delay=delay, max_per_feed=max_per_feed,
                              allow_private=allow_private_urls, contact=contact, retry=retry,
                              on_error=_warn_error, on_warning=warn)
        typer.echo(f"crawl: {report.summary()}", err=True)
        if cluster:
            _cluster(store)
        if pause is None:
            if report.failed:
                raise typer.Exit(EXIT_INPUT)
            break
        time.sleep(pause)
