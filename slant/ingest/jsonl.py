"""JSON Lines to Articles: one JSON object a line.

Fields: ``text`` (required), ``title``, ``url``, ``source``, ``author``, ``published`` (an ISO
date or datetime) and ``language``; other fields are ignored. Blank lines are skipped. A bad
line gives an :class:`~slant.errors.InputError` naming the file and the line number, and the
other lines are still read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path

from slant.errors import InputError
from slant.ingest.decode import decode_bytes
from slant.models import Article

FIELDS = ("text", "title", "url", "source", "author", "published", "language")
_OPTIONAL_STRINGS = ("title", "url", "source", "author", "language")


def read_jsonl(path: str | Path) -> Iterator[Article | InputError]:
    """Each line of the file at ``path`` as an Article, or as the InputError it gives.

    A file that cannot be read at all raises InputError (missing, binary, undecodable, empty).
    """
    p = Path(path)
    name = str(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", source=name) from None
    except OSError as e:
        raise InputError(f"cannot read ({e.strerror or e})", source=name) from None
    yield from parse_jsonl(decode_bytes(data, source=name), origin=name)


def parse_jsonl(text: str | Iterable[str], *, origin: str = "<jsonl>",
                first_line: int = 1) -> Iterator[Article | InputError]:
    """Articles (or per-line InputErrors) from JSON Lines text or an iterable of lines;
    ``first_line`` numbers the first of them in messages."""
    lines = text.splitlines() if isinstance(text, str) else text
    found = False
    for number, line in enumerate(lines, start=first_line):
        if not line.strip():
            continue
        found = True
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            yield InputError(
                f"not valid JSON ({e.msg} at column {e.colno})", source=f"{origin}, line {number}"
            )
            continue
        try:
            yield article_from_record(record, origin=origin, line=number)
        except InputError as e:
            yield e
    if not found:
        yield InputError("empty text: no JSON lines", source=origin)


def article_from_record(record: object, *, origin: str, line: int | None = None) -> Article:
    """An Article from one decoded JSON record; InputError when a field is missing or wrong."""
    where = f"{origin}, line {line}" if line is not None else origin
    if not isinstance(record, dict):
        raise InputError(f"expected a JSON object, got {type(record).__name__}", source=where)
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError("missing \"text\" (a string)", source=where)
    if not text.strip():
        raise InputError("empty text", source=where)
    fields: dict[str, object] = {}
    for key in _OPTIONAL_STRINGS:
        value = record.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise InputError(f"\"{key}\" must be a string", source=where)
        fields[key] = value.strip() or None
    fields["published"] = _published(record.get("published"), where)
    return Article(text=text, origin=f"{origin}:{line}" if line is not None else origin, **fields)


def _published(value: object, where: str) -> datetime | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputError("\"published\" must be an ISO date string", source=where)
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        raise InputError(
            f"\"published\" is not an ISO date or datetime: {value!r}", source=where
        ) from None
