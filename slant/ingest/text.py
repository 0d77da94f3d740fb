"""Plain text to an :class:`~slant.models.Article`.

The layout is the one of the PTC corpus files: a title line, an empty line, then the body.
``Article.text`` is the *whole* text, title line included, as read, less the lines that are
not article text (photo captions, "READ MORE" lines, share prompts, newsletter boxes,
timestamp lines; see :mod:`slant.ingest.clean`), which are listed in ``Article.removed``. A
file with none of those is kept exactly, so character offsets computed on it (PTC gold
spans, for instance) are offsets into ``Article.text``. ``Article.title`` is the first line
(without a leading Markdown ``#``), never a dateline or timestamp.
"""

from __future__ import annotations

import re

from slant.ingest.clean import clean_text, line_kind
from slant.ingest.decode import check_not_empty
from slant.models import Article, Removed

#: a title line longer than this is taken for a paragraph, not a title
MAX_TITLE_CHARS = 300

# a line that is only a dateline: "LONDON, May 4 (Reuters) -", "WASHINGTON —"
DATELINE_ONLY = re.compile(r"^[A-Z][A-Z .,'’-]{1,40}(?:,\s*[A-Za-z0-9 .]{1,30})?\s*(?:\([A-Za-z .]{1,20}\))?\s*[-—–]*\s*$")

_FIRST_LINES = re.compile(r"(?P<first>[^\r\n]*)(?:\r\n|\r|\n)(?P<second>[^\r\n]*)(?:\r\n|\r|\n|$)")


def detect_title(text: str) -> str | None:
    """The first line when it is followed by an empty line and more text, else None."""
    m = _FIRST_LINES.match(text)
    if not m:
        return None
    first = m.group("first").strip()
    if not first or m.group("second").strip() or len(first) > MAX_TITLE_CHARS:
        return None
    if line_kind(first) == "timestamp" or DATELINE_ONLY.match(first):
        return None  # "13/11/2015 09:23 GMT | Updated …", "LONDON (Reuters) -" are not titles
    if not text[m.end() :].strip():
        return None
    title = re.sub(r"^#{1,6}\s+", "", first).strip()
    return title or None


def read_text(
    text: str,
    *,
    origin: str | None = None,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    clean: bool = True,
) -> Article:
    """An Article from plain text; ``title`` overrides the detected title. With ``clean``
    (the default) lines that are not article text are left out and listed in
    ``Article.removed``; ``clean=False`` keeps every character as read.

    Raises :class:`~slant.errors.InputError` ("empty text") for empty or blank text.
    """
    check_not_empty(text, source=origin)
    removed: list[Removed] = []
    if clean:
        text, removed = clean_text(text)
    return Article(
        text=text,
        title=title if title is not None else detect_title(text),
        url=url,
        source=source,
        origin=origin,
        removed=removed,
    )
