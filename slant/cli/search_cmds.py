"""``slant search``: full-text search of the stored articles, with filters and paging."""

from __future__ import annotations

import typer

from slant.cli._app import app
from slant.cli._shared import (
    DB_HELP,
    Out,
    Voice,
    check_outlet,
    open_db,
    parse_technique,
    print_json,
    print_table,
    voice_cell,
    when,
)


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
    from slant.store import SearchQuery

    name = parse_technique(technique)
    start, end = when(since, "--since"), when(until, "--until", end=True)
    store = open_db(db, create=False)
    check_outlet(store, outlet)
    page = store.search(SearchQuery(
        q=query, outlet=outlet, since=start, until=end, technique=name, entity=entity,
        speaker=speaker, story=story, voice=voice.value, limit=limit, offset=offset))
    if format is Out.json:
        print_json(page)
        return
    print_table(f"{page.total} articles (showing {offset + 1 if page.items else 0}-{offset + len(page.items)})",
                ["id", "published", "outlet", "title", "narrator/1k", "quoted/1k", "snippet"],
                [[i.id, i.published.date() if i.published else "", i.source, i.title,
                  voice_cell(i.narrator) or f"{i.spans_per_1000_words} (all)", voice_cell(i.quoted),
                  i.snippet or ""] for i in page.items])
