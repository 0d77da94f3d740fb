"""Files, directories and stdin to Articles.

A file is read by its extension: ``.jsonl`` as JSON Lines (streamed), ``.html``/``.htm``/
``.xhtml`` as HTML, ``.json`` as JSON records, ``.txt``/``.md`` as plain text; anything else by
its content (HTML and JSON Lines are recognised by their first bytes), through
:func:`slant.ingest.sniff.read_bytes`, the reader the web app's uploads use too. A directory is
walked recursively and in sorted order for files with the given extensions; hidden files and
folders and README files are skipped.
"""

from __future__ import annotations

import codecs
import itertools
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from slant.errors import InputError
from slant.ingest.decode import decode_bytes
from slant.ingest.html import html_charset, read_html
from slant.ingest.jsonl import parse_jsonl, read_jsonl
from slant.ingest.limits import MAX_CHARS, MAX_FILE_BYTES
from slant.ingest.sniff import HTML_EXTENSIONS, JSONL_EXTENSIONS, TEXT_EXTENSIONS, read_bytes
from slant.ingest.text import read_text
from slant.ingest.url import looks_like_html
from slant.models import Article

#: what a directory walk picks up by default
EXTENSIONS: tuple[str, ...] = TEXT_EXTENSIONS + HTML_EXTENSIONS + JSONL_EXTENSIONS
STDIN = "<stdin>"


def read_file(path: str | Path, *, title: str | None = None,
              max_chars: int | None = MAX_CHARS) -> Iterator[Article | InputError]:
    """The Articles in one file: one for text or HTML, one per line (or line error) for JSONL.

    Raises InputError when the file itself cannot be read (missing, binary, empty, ...), or
    when a text or HTML file is over :data:`~slant.ingest.limits.MAX_FILE_BYTES` (not read;
    ``max_chars`` None or 0 lifts this cap with the article cap).
    """
    name = str(path)
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in JSONL_EXTENSIONS:
        yield from read_jsonl(p, max_chars=max_chars)
        return
    if max_chars:
        _check_size(p, name)
    yield from read_bytes(_read_bytes(p, name), name, title=title)


def _json_object_line(line: bytes | str) -> bool:
    if isinstance(line, bytes):
        line = line.removeprefix(codecs.BOM_UTF8).decode("latin-1")
    line = line.strip("\ufeff \t\r\n")
    return line.startswith("{") and line.endswith("}")


def _stream_jsonl(first: list, rest: Iterator) -> Iterator[Article | InputError]:
    """JSON Lines from stdin a line at a time (UTF-8), each article yielded as soon as its
    line is in: ``slant analyze -`` prints the first record before the last line arrives."""
    number = 0
    for number, raw in enumerate(itertools.chain(first, rest), start=1):
        if isinstance(raw, bytes):
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError:
                yield InputError("not UTF-8 text", source=f"{STDIN}, line {number}")
                continue
        else:
            line = raw.lstrip("\ufeff") if number == 1 else raw
        if line.strip():
            yield from parse_jsonl([line], origin=STDIN, first_line=number)


def read_stdin(stream: TextIO, *, title: str | None = None) -> Iterator[Article | InputError]:
    """What stdin holds: JSON Lines when its first line is a JSON object, HTML, or plain text.

    JSON Lines are read and yielded a line at a time; text and HTML are one article, read to
    the end. Bytes are decoded like files when ``stream`` has a binary ``buffer``.
    """
    buffer = getattr(stream, "buffer", None)
    source: Any = buffer if buffer is not None else stream  # bytes or text lines
    empty = b"" if buffer is not None else ""
    lines = iter(source.readline, empty)
    head = []
    for line in lines:
        head.append(line)
        if line.strip():
            break
    if head and _json_object_line(head[-1]):
        yield from _stream_jsonl(head, lines)
        return
    rest = source.read()
    if buffer is not None:
        data = b"".join(head) + rest
        if not data.strip():
            raise InputError("empty text", source=STDIN)
        text = decode_bytes(data, source=STDIN, encoding=html_charset(data))
    else:
        text = "".join(head) + rest
        if not text.strip():
            raise InputError("empty text", source=STDIN)
    first = text.lstrip("\ufeff \t\r\n")
    if first.startswith("{") and first.split("\n", 1)[0].rstrip().endswith("}"):
        yield from parse_jsonl(text, origin=STDIN)
    elif looks_like_html(text[:1024]):
        article = read_html(text, origin=STDIN)
        if title is not None:
            article.title = title
        yield article
    else:
        yield read_text(text, origin=STDIN, title=title)


def find_files(directory: str | Path, extensions: Iterable[str] = EXTENSIONS) -> list[Path]:
    """Files under ``directory`` with one of ``extensions``, recursively, in sorted order.

    Hidden files and folders (a leading dot) and README files are skipped; symlinked folders
    are not followed.
    """
    exts = tuple(e.lower() if e.startswith(".") else f".{e.lower()}" for e in extensions)
    root = Path(directory)
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for f in files:
            if f.startswith(".") or f.upper().startswith("README"):
                continue
            if f.lower().endswith(exts):
                found.append(Path(folder) / f)
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def read_directory(
    directory: str | Path, *, extensions: Iterable[str] = EXTENSIONS,
    max_chars: int | None = MAX_CHARS,
) -> Iterator[Article | InputError]:
    """The Articles in every matching file under ``directory``; a bad file yields its error."""
    exts = tuple(extensions)
    paths = find_files(directory, exts)
    if not paths:
        listed = ", ".join(exts)
        err = InputError(f"no articles ({listed}) found in {directory}")
        err.source = str(directory)
        raise err
    for path in paths:
        try:
            yield from read_file(path, max_chars=max_chars)
        except InputError as e:
            yield e


def _check_size(p: Path, name: str) -> None:
    try:
        size = p.stat().st_size
    except OSError:
        return  # _read_bytes says why
    if size > MAX_FILE_BYTES:
        raise InputError(f"too large: {size:,} bytes, over the {MAX_FILE_BYTES // (1024 * 1024)} MB "
                         "a text or HTML file may have (not read)", source=name)


def _read_bytes(p: Path, name: str) -> bytes:
    try:
        return p.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", source=name) from None
    except IsADirectoryError:
        raise InputError("is a directory", source=name) from None
    except OSError as e:
        raise InputError(f"cannot read ({e.strerror or e})", source=name) from None
