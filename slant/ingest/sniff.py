"""Bytes of unknown kind to Articles: HTML, JSON (Lines) or plain text, by name and content.

:func:`read_bytes` is the one reader for bytes in hand: files (``slant analyze a.txt``), the
web app's uploads and library callers all go through it, so the same bytes give the same
Article whichever way they came in.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from typing import Literal

from slant.errors import InputError
from slant.ingest.decode import decode_bytes
from slant.ingest.html import html_charset, read_html
from slant.ingest.jsonl import article_from_record, parse_jsonl
from slant.ingest.text import read_text
from slant.ingest.url import looks_like_html
from slant.models import Article

TEXT_EXTENSIONS = (".txt", ".md", ".text")
HTML_EXTENSIONS = (".html", ".htm", ".xhtml")
JSONL_EXTENSIONS = (".jsonl",)
JSON_EXTENSIONS = (".json", ".jsonl", ".ndjson")

Kind = Literal["html", "json", "text"]


def sniff(data: bytes | str, name: str) -> Kind:
    """What ``data`` holds: its name's extension decides (.html, .json/.jsonl/.ndjson, .txt/.md);
    otherwise its content: a page that starts like HTML, JSON when the first line is a JSON
    object (or opens an object or an array), else plain text. A text file that starts like HTML is HTML; one whose first line is a JSON
    object stays text."""
    low = name.lower()
    if low.endswith(HTML_EXTENSIONS):
        return "html"
    if low.endswith(JSON_EXTENSIONS):
        return "json"
    head = data[:1024].decode("latin-1") if isinstance(data, bytes) else data[:1024]
    if looks_like_html(head):
        return "html"
    if not low.endswith(TEXT_EXTENSIONS) and _json_start(data):
        return "json"
    return "text"


def read_bytes(data: bytes, name: str, *, title: str | None = None) -> Iterator[Article | InputError]:
    """The Articles in ``data`` (the bytes of a file or an upload called ``name``).

    HTML gives one Article (the page's main text and metadata); plain text one (``title``
    overrides the detected title of text); JSON gives one per record: JSON Lines, a JSON
    array of objects, or one object (fields as in :mod:`slant.ingest.jsonl`), and a bad
    record is yielded as its :class:`InputError` while the others are read. Bytes that
    cannot be read at all (empty, binary, undecodable, no main text in a page) raise
    :class:`InputError` naming ``name``. Text is decoded as UTF-8, else by the charset a page
    declares, else by detection (:func:`~slant.ingest.decode.decode_bytes`).
    """
    kind = sniff(data, name)
    if kind == "html" and name.lower().endswith(HTML_EXTENSIONS):
        yield read_html(data, origin=name)
        return
    if not data.strip():
        raise InputError("empty text", source=name)
    text = decode_bytes(data, source=name, encoding=html_charset(data))
    if kind == "html":
        yield read_html(text, origin=name)
    elif kind == "json":
        yield from read_json_text(text, name)
    else:
        yield read_text(text, origin=name, title=title)


def read_json_text(text: str, name: str) -> Iterator[Article | InputError]:
    """Records from JSON text: one object (it may span lines), an array of objects (each named
    ``name, item N``), or JSON Lines (``name, line N``)."""
    body = text.strip("\ufeff \t\r\n")
    if body.startswith("[") or (body.startswith("{") and "\n" in body):
        try:
            whole = json.loads(body)
        except json.JSONDecodeError as e:
            if body.startswith("["):
                raise InputError(f"not valid JSON ({e.msg} at line {e.lineno}, column "
                                 f"{e.colno})", source=name) from None
            whole = None  # JSON Lines (or a broken object): read a line at a time below
        if isinstance(whole, dict):
            yield _record(whole, name)
            return
        if isinstance(whole, list):
            if not whole:
                raise InputError("empty JSON array: no articles", source=name)
            for i, record in enumerate(whole, start=1):
                yield _record(record, f"{name}, item {i}")
            return
    yield from parse_jsonl(text, origin=name)


def _record(record: object, origin: str) -> Article | InputError:
    try:
        return article_from_record(record, origin=origin)
    except InputError as e:
        return e


def _json_start(data: bytes | str) -> bool:
    """True when the first non-blank line is a JSON object (``{ ... }``), or opens one or an
    array of them (``{``, ``[``, ``[{``)."""
    if isinstance(data, bytes):
        head = data[:4096].removeprefix(codecs.BOM_UTF8).decode("latin-1")
    else:
        head = data[:4096]
    for line in head.splitlines():
        line = line.strip("\ufeff \t\r\n")
        if line:
            return (line in ("{", "[") or line.startswith("[{")
                    or (line.startswith("{") and line.endswith("}")))
    return False
