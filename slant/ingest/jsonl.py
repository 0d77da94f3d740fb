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
from typing import Any

from slant.errors import InputError
from slant.ingest.clean import clean_text
from slant.ingest.decode import SNIFF_BYTES, decode_bytes
from slant.ingest.limits import MAX_CHARS, MAX_FILE_BYTES, bounded_lines, line_limit
from slant.models import Article

FIELDS = ("text", "title", "url", "source", "author", "published", "language")
_OPTIONAL_STRINGS = ("title", "url", "source", "author", "language")


def read_jsonl(path: str | Path, *, max_chars: int | None = MAX_CHARS
               ) -> Iterator[Article | InputError]:
    """Each line of the file at ``path`` as an Article, or as the InputError it gives.

    A file that cannot be read at all raises InputError (missing, binary, undecodable, empty).
    A file over :data:`~slant.ingest.limits.MAX_FILE_BYTES` is read line by line as UTF-8
    (JSON's encoding), and a line over :func:`~slant.ingest.limits.line_limit` of
    ``max_chars`` is an error without being held in memory.
    """
    p = Path(path)
    name = str(path)
    try:
        size = p.stat().st_size
        if max_chars and size > MAX_FILE_BYTES:
            yield from _stream_jsonl(p, name, line_limit(max_chars))
            return
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", source=name) from None
    except OSError as e:
        raise InputError(f"cannot read ({e.strerror or e})", source=name) from None
    yield from parse_jsonl(decode_bytes(data, source=name), origin=name)


def _stream_jsonl(p: Path, name: str, limit: int | None) -> Iterator[Article | InputError]:
    with open(p, "rb") as fh:
        if b"\x00" in fh.read(SNIFF_BYTES):
            raise InputError("binary file, not text", source=name)
        fh.seek(0)
        for number, raw in enumerate(bounded_lines(fh, limit), start=1):
            where = f"{name}, line {number}"
            if raw is None:
                yield InputError(f"line too long: over {limit:,} bytes, not read", source=where)
                continue
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError:
                yield InputError("not UTF-8 (JSON Lines are UTF-8)", source=where)
                continue
            if line.strip():
                yield from _parse_line(line, name, number)


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
        yield from _parse_line(line, origin, number)
    if not found:
        yield InputError("empty text: no JSON lines", source=origin)


def _parse_line(line: str, origin: str, number: int) -> Iterator[Article | InputError]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        yield InputError(
            f"not valid JSON ({e.msg} at column {e.colno})", source=f"{origin}, line {number}"
        )
        return
    try:
        yield article_from_record(record, origin=origin, line=number)
    except InputError as e:
        yield e


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
    fields: dict[str, Any] = {}
    for key in _OPTIONAL_STRINGS:
        value = record.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise InputError(f"\"{key}\" must be a string", source=where)
        fields[key] = value.strip() or None
    fields["published"] = _published(record.get("published"), where)
    text, removed = clean_text(text)
    return Article(text=text, origin=f"{origin}:{line}" if line is not None else origin,
                   removed=removed, **fields)


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
