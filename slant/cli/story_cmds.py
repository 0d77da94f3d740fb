"""``slant stories`` (group stored articles on the same story) and ``slant compare`` (how
each outlet covered it)."""

from __future__ import annotations

from enum import Enum
from typing import Any

import typer

from slant.cli._app import EXIT_INPUT, app, fail
from slant.cli._shared import (
    DB_HELP,
    VOICE_HELP,
    Out,
    Voice,
    check_outlet,
    open_db,
    print_json,
    print_table,
)


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

    store = open_db(db, create=False)
    check_outlet(store, outlet)
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
        return print_json(rows)
    print_table("stories", ["story", "articles", "outlets", "first", "last", "title"],
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
    store = open_db(db, create=False)
    if store.unresolved_names():
        update_actors(store)
    opts: dict[str, Any] = {"voice": voice.value, "group_by": group_by}
    cmp = compare_story(store, story, **opts) if story is not None else compare_ids(store, ids or [], **opts)
    if format is CompareFormat.json:
        return print_json(cmp)
    side = cmp.group_by or "outlet"
    own = {"narrator": " (own words)", "quoted": " (quoted speech)", "all": ""}[cmp.voice]
    print_table(f"per {side}: technique profile{own} and whom it quotes",
           [side, "articles", "spans/1k", "techniques (per 1k words)", "quotes"],
           [[o.source + (f" ({', '.join(o.outlets)})" if o.outlets and o.outlets != [o.source] else ""),
             len(o.articles), o.spans_per_1000_words,
             ", ".join(f"{k} {v}" for k, v in o.techniques.items()),
             "; ".join(f"{q.actor} ({q.quotes})" for q in o.quoted_actors)] for o in cmp.outlets])
    print_table("articles", ["article", "outlet", "published", "words", "spans/1k", "techniques"],
           [[p.id, p.source, p.published.date() if p.published else "", p.words,
             p.spans_per_1000_words, ", ".join(f"{k} {v}" for k, v in p.techniques.items())]
            for p in cmp.articles])
    print_table("who is quoted", ["actor", "quotes", "by side", "only one side"],
           [[s.speaker, s.quotes, "; ".join(f"{k} {v}" for k, v in s.by_outlet.items()),
             "yes" if s.only_one_side else ""] for s in cmp.speakers])
    print_table("how each shared actor is labelled (own words; quoting others)", ["actor", side, "own words", "quoting others"],
           [[e.entity + (f" (as {', '.join(e.names)})" if len(e.names) > 1 else ""), o,
             "; ".join(lab.own) or "-", "; ".join(lab.quoted)]
            for e in cmp.entities for o, lab in e.by_outlet.items()])
    print_table("the same quote in several outlets", ["outlets", "similarity", "quote"],
           [[", ".join(m.outlets), m.similarity, m.text] for m in cmp.quotes])
    print_table("coverage timeline", ["published", side, "article", "first"],
           [[t.published.strftime("%Y-%m-%d %H:%M") if t.published else "undated", t.side,
             t.title or t.article_id, "first" if t.first_for_side else ""] for t in cmp.timeline])
