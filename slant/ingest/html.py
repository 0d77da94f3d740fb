"""HTML to an :class:`~slant.models.Article` with trafilatura.

trafilatura finds the main text and the metadata: title, date, author and site name (which
becomes ``Article.source``). ``Article.text`` has the plain-text layout: the title line, an
empty line, then the extracted paragraphs separated by empty lines, less the lines that are
not article text (:mod:`slant.ingest.clean`, as for plain text). So a page and the same
article saved as text give the same ``Article.text``. The page's boilerplate (menus, footers,
comments) is left out by trafilatura.
"""

from __future__ import annotations

import re
from datetime import datetime

from slant.errors import InputError
from slant.ingest.clean import clean_text, paragraphs_text
from slant.ingest.decode import decode_bytes
from slant.models import Article, Removed

#: extracted text shorter than this (stripped) counts as "no main text"
MIN_MAIN_TEXT_CHARS = 25

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def html_charset(data: bytes) -> str | None:
    """The charset an HTML document declares in a ``<meta>`` tag, if any."""
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii") if m else None


def read_html(
    html: str | bytes,
    *,
    url: str | None = None,
    origin: str | None = None,
    encoding: str | None = None,
    clean: bool = True,
) -> Article:
    """An Article from an HTML document (a string, or bytes decoded here).

    Raises :class:`~slant.errors.InputError`: binary, undecodable or empty input, or
    "no main text found" when trafilatura finds no article text in the page.
    """
    where = origin or url
    if isinstance(html, bytes):
        html = decode_bytes(html, source=where, encoding=encoding or html_charset(html))
    if not html.strip():
        raise InputError("empty text", source=where)

    import trafilatura
    from trafilatura.settings import Document

    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    text = (doc.text or "").strip() if isinstance(doc, Document) else ""
    if not isinstance(doc, Document) or len(text) < MIN_MAIN_TEXT_CHARS:
        raise InputError("no main text found (is it an article page?)", source=where)
    title = _clean(doc.title)
    text = paragraphs_text(title, text.split("\n"))
    removed: list[Removed] = []
    if clean:
        text, removed = clean_text(text)
    return Article(
        text=text,
        removed=removed,
        title=title,
        url=url or _clean(doc.url),
        source=_clean(doc.sitename) or _clean(doc.hostname),
        author=_clean(doc.author),
        published=parse_date(doc.date),
        origin=origin or url,
    )


def parse_date(value: str | None) -> datetime | None:
    """An ISO date or datetime string as a datetime; None when absent or unparseable."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        return None


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None
