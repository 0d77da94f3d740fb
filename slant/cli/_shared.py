"""What the corpus commands share: --db and --format options, values they parse, output.

SQLAlchemy and the models are imported inside the functions, so ``slant --help`` stays fast.
"""

from __future__ import annotations

import re
from datetime import UTC
from enum import Enum
from typing import Any

import typer

from slant.cli._app import EXIT_INPUT, fail, warn

DB_HELP = ("Database URL: sqlite:///PATH, a file path, or postgresql://USER@HOST/DB "
           "(default: $SLANT_DB, else slant.db in the user data directory).")


class Out(str, Enum):
    table = "table"
    json = "json"


class Voice(str, Enum):
    narrator = "narrator"
    quoted = "quoted"
    all = "all"


VOICE_HELP = ("Whose words count: the outlet's own (narrator), quoted speech (quoted), or all.")


def split_values(values: list[str] | None) -> list[str]:
    """Values of a repeatable option, each of which may also be comma-separated."""
    return [v.strip() for item in (values or []) for v in item.split(",") if v.strip()]


def voice_cell(v) -> str:
    return "" if v is None else f"{v.spans_per_1000_words}"


def settings(**overrides: Any):
    from slant.config import Settings

    return Settings.from_env(**overrides)


def open_db(db: str | None, settings_=None, *, create: bool = True):
    """The store at ``db``; readers pass ``create=False`` so that a mistyped --db is an
    error naming it, not a new empty database."""
    from slant.store import open_store

    return open_store(db, settings=settings_ or settings(), create=create)


def when(value: str | None, name: str, *, end: bool = False):
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


def parse_technique(value: str | None) -> str | None:
    """A --technique value as the technique's name (any case); unknown names are an error."""
    if value is None:
        return None
    from slant.models import technique_name

    try:
        return technique_name(value)
    except ValueError as exc:
        fail(f"--technique: {exc}", EXIT_INPUT)
    return None  # pragma: no cover (fail exits)


def check_outlet(store, outlet: str | None) -> None:
    """Warn when --outlet names no stored outlet (matched in any case, as the API does)."""
    if outlet is None:
        return
    from slant.store.outlets import outlet_names

    if not outlet_names(store.engine, outlet):
        warn(f"--outlet: no stored article is from {outlet!r} (`slant stats` lists the outlets)")


def update_actors_if_needed(store) -> None:
    """Resolve names stored since the last resolution into actors (before reading them)."""
    if store.unresolved_names():
        from slant.stories import update_actors

        update_actors(store)


def print_json(obj: Any) -> None:
    import json

    def plain(o: Any) -> Any:
        if hasattr(o, "model_dump"):
            return o.model_dump(mode="json")
        if isinstance(o, list):
            return [plain(x) for x in o]
        return o

    typer.echo(json.dumps(plain(obj), ensure_ascii=False, indent=2))


def print_table(title: str | None, columns: list[str], rows: list[list[Any]]) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table as RTable

    t = RTable(title=title, show_lines=False, header_style="bold")
    for c in columns:
        t.add_column(c, overflow="fold")
    for r in rows:
        t.add_row(*("" if v is None else escape(str(v)) for v in r))
    Console(width=max(100, Console().width)).print(t)
