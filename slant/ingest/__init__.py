"""Ingest: text, HTML, URLs, JSON Lines, directories and stdin -> :class:`~slant.models.Article`.

:func:`iter_articles` is the one entry point the CLI and the batch driver use; the readers
below it are public for callers that already know what they hold, and :func:`read_bytes`
reads bytes of any kind (HTML, JSON, text: sniffed by name and content), as files and the web
app's uploads are read.

``Article.text`` conventions:

- plain text: the whole text, title line included, exactly as read (so offsets into a file are
  offsets into ``Article.text``); ``title`` is a first line followed by an empty line;
- HTML: the main text trafilatura extracts (one paragraph a line); title, date, author and site
  name from the page's metadata;
- JSON Lines: the ``text`` field as given, the title in ``title``.

Every bad input is an :class:`~slant.errors.InputError` (a :class:`~slant.errors.FetchError`
for URLs) whose message names the input and the problem.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

from slant.errors import InputError, SlantError
from slant.ingest.decode import check_not_empty, decode_bytes
from slant.ingest.files import (
    EXTENSIONS,
    STDIN,
    find_files,
    read_directory,
    read_file,
    read_stdin,
)
from slant.ingest.html import read_html
from slant.ingest.jsonl import article_from_record, parse_jsonl, read_jsonl
from slant.ingest.limits import MAX_CHARS, MAX_FILE_BYTES, too_long
from slant.ingest.sniff import read_bytes, sniff
from slant.ingest.text import detect_title, read_text
from slant.ingest.url import (
    MAX_BYTES,
    TEXT_TYPES,
    Fetched,
    Fetcher,
    URLCheck,
    article_from_fetched,
    fetch,
    fetch_url,
    is_url,
)
from slant.models import Article

__all__ = [
    "EXTENSIONS",
    "MAX_BYTES",
    "MAX_CHARS",
    "MAX_FILE_BYTES",
    "STDIN",
    "TEXT_TYPES",
    "Fetched",
    "Fetcher",
    "URLCheck",
    "article_from_fetched",
    "article_from_record",
    "check_not_empty",
    "decode_bytes",
    "detect_title",
    "fetch",
    "fetch_url",
    "find_files",
    "is_url",
    "iter_articles",
    "parse_jsonl",
    "read_bytes",
    "read_directory",
    "read_file",
    "read_html",
    "read_input",
    "read_jsonl",
    "read_stdin",
    "read_text",
    "sniff",
]


def iter_articles(
    inputs: Sequence[str],
    *,
    on_error: Callable[[SlantError], None] | None = None,
    stdin: TextIO | None = None,
    title: str | None = None,
    fetcher: Fetcher | None = None,
    extensions: Iterable[str] = EXTENSIONS,
    max_chars: int | None = MAX_CHARS,
) -> Iterator[Article]:
    """Every Article in ``inputs``, in order: '-' (stdin), URLs, files, .jsonl, directories.

    A bad input, file or JSONL line calls ``on_error(err)`` and the rest continue; with no
    ``on_error`` the first error is raised. ``title`` is used for text read from stdin.
    ``fetcher`` turns a URL into an Article (default :func:`fetch_url`). An article longer
    than ``max_chars`` characters is an error, not an Article, and text or HTML files over
    :data:`~slant.ingest.limits.MAX_FILE_BYTES` are not read (:mod:`slant.ingest.limits`;
    None or 0 lifts both caps).
    """
    for item in inputs:
        try:
            for result in read_input(
                item, stdin=stdin, title=title, fetcher=fetcher, extensions=extensions,
                max_chars=max_chars,
            ):
                if not isinstance(result, SlantError) and max_chars \
                        and len(result.text) > max_chars:
                    result = too_long(len(result.text), max_chars,
                                      result.origin or result.url or item)
                if isinstance(result, SlantError):
                    if on_error is None:
                        raise result
                    on_error(result)
                else:
                    yield result
        except SlantError as e:
            if on_error is None:
                raise
            on_error(e)


def read_input(
    item: str,
    *,
    stdin: TextIO | None = None,
    title: str | None = None,
    fetcher: Fetcher | None = None,
    extensions: Iterable[str] = EXTENSIONS,
    max_chars: int | None = MAX_CHARS,
) -> Iterator[Article | InputError]:
    """The Articles (or per-item errors) in one input; raises InputError if it can't be read."""
    if item == "-":
        if stdin is None:
            import sys

            stdin = sys.stdin
        yield from read_stdin(stdin, title=title)
    elif is_url(item):
        yield (fetcher or fetch_url)(item)
    else:
        path = Path(item)
        if path.is_dir():
            yield from read_directory(path, extensions=extensions, max_chars=max_chars)
        elif not path.exists():
            raise InputError("no such file or directory", source=item)
        else:
            yield from read_file(path, max_chars=max_chars)
