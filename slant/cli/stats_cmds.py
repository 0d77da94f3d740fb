"""``slant stats``: technique rates per outlet and period; most-quoted actors; how outlets
label an actor; who gets quoted, by gender."""

from __future__ import annotations

import re
from enum import Enum

import typer

from slant.cli._app import EXIT_INPUT, app, fail, warn
from slant.cli._shared import (
    DB_HELP,
    VOICE_HELP,
    Out,
    Voice,
    check_outlet,
    open_db,
    print_json,
    print_table,
    voice_cell,
)


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
    store = open_db(db, create=False)
    check_outlet(store, outlet)
    if (speakers or entity or gender) and store.unresolved_names():
        from slant.stories import update_actors

        update_actors(store)
    as_json = format is Out.json
    if entity:
        return _entity_profile(store, entity, outlet, as_json)
    if speakers:
        return _speakers(store, outlet, top, all_attributions, as_json)
    if gender:
        return _gender(store, outlet, as_json)
    if by is Granularity.month:
        lo, hi = _month(since, "--since"), _month(until, "--until")
    else:
        lo, hi = _day_str(since, "--since"), _day_str(until, "--until")
    rows = store.technique_rates(outlet=outlet, since=lo, until=hi, by=by.value,
                                 group_by=group_by, voice=voice.value)
    if as_json:
        return print_json(rows)
    _rates_table(rows, by, group_by, voice)


def _entity_profile(store, entity: str, outlet: str | None, as_json: bool) -> None:
    prof = store.entity_profile(entity, outlet=outlet)
    if as_json:
        return print_json(prof)
    if not prof:
        warn(f"no stored article mentions {entity!r}")
    shown = prof[0].entity if prof else entity
    print_table(f"{shown}: labels and techniques aimed at it, per outlet",
                ["outlet", "articles", "mentions", "names used", "the outlet's labels", "labels inside quotes",
                 "techniques aimed at it", "…inside quotes"],
                [[p.source, p.articles, p.mentions, "; ".join(p.names),
                  "; ".join(f"{k} ({v})" for k, v in list(p.descriptors.items())[:8]),
                  "; ".join(f"“{q.text}” in a quote by {q.speaker or 'an unnamed speaker'} ({q.count})"
                            for q in p.quoted_descriptors[:8]),
                  "; ".join(f"{k} ({v})" for k, v in p.techniques.items()),
                  "; ".join(f"{k} ({v})" for k, v in p.quoted_techniques.items())] for p in prof])


def _speakers(store, outlet: str | None, top: int, all_attributions: bool, as_json: bool) -> None:
    rows = store.top_speakers(outlet=outlet, limit=top, all_attributions=all_attributions)
    if as_json:
        return print_json(rows)
    print_table("most-quoted actors" + (" (every attribution)" if all_attributions else ""),
                ["outlet", "actor", "id", "quotes", "articles"],
                [[r.source, r.speaker, r.actor_id or "", r.quotes, r.articles] for r in rows])


def _gender(store, outlet: str | None, as_json: bool) -> None:
    rows = store.gender_shares(outlet=outlet)
    if as_json:
        return print_json(rows)
    print_table("quotes of people by guessed gender (from pronouns and titles in the text)",
                ["outlet", "quotes", "women", "men", "unknown", "women %", "men %", "unknown %"],
                [[r.source, r.quotes, r.female, r.male, r.unknown, round(100 * r.female_share, 1),
                  round(100 * r.male_share, 1), round(100 * r.unknown_share, 1)] for r in rows])


def _rates_table(rows, by: Granularity, group_by: str | None, voice: Voice) -> None:
    techs = sorted({t for r in rows for t in r.by_technique},
                   key=lambda t: -sum(r.by_technique.get(t, 0) for r in rows))[:6]
    beside = {"narrator": ["quoted"], "quoted": ["narrator"], "all": ["narrator", "quoted"]}[voice.value]
    title = {"narrator": "technique spans per 1,000 words in the outlet's own words "
                         "(narrator; quoted speech beside)",
             "quoted": "technique spans per 1,000 words inside quotes (narrator beside)",
             "all": "technique spans per 1,000 words, all words (narrator and quoted beside)"}
    print_table(title[voice.value],
                [group_by or "outlet", by.value, "articles", f"{voice.value} words", f"{voice.value}/1k",
                 *(f"{b}/1k" for b in beside), *techs],
                [[r.source, r.month, r.articles, r.words, r.spans_per_1000_words,
                  *(voice_cell(getattr(r, b)) for b in beside),
                  *(r.by_technique.get(t, 0) for t in techs)] for r in rows])
    unvoiced = sum(r.articles - r.voiced_articles for r in rows) if by is Granularity.month else 0
    if unvoiced and voice is not Voice.all:
        warn(f"{unvoiced} articles were analyzed without quotes, so whose words their spans are "
             "is unknown: they count only under --voice all (`slant ingest --reanalyze` reruns "
             "them)")


def _month(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", value):
        fail(f"{name}: {value!r} is not a month (use YYYY-MM)", EXIT_INPUT)
    return value[:7]


def _day_str(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return value + "-01" if name == "--since" else value + "-31"
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        fail(f"{name}: {value!r} is not a day (use YYYY-MM-DD)", EXIT_INPUT)
    return value
