"""Plain text to an :class:`~slant.models.Article`.

The layout is the one of the PTC corpus files: a title line, an empty line, then the body.
``Article.text`` is the *whole* text, title line included, exactly as read, so character
offsets computed on a file (PTC gold spans, for instance) are offsets into ``Article.text``.
``Article.title`` is the first line (without a leading Markdown ``#``).
"""

from __future__ import annotations

import re

from slant.ingest.decode import check_not_empty
from slant.models import Article

#: a title line longer than this is taken for a paragraph, not a title
MAX_TITLE_CHARS = 300

_FIRST_LINES = re.compile(r"(?P<first>[^\r\n]*)(?:\r\n|\r|\n)(?P<second>[^\r\n]*)(?:\r\n|\r|\n|$)")


def detect_title(text: str) -> str | None:
    """The first line when it is followed by an empty line and more text, else None."""
    m = _FIRST_LINES.match(text)
    if not m:
        return None
    first = m.group("first").strip()
    if not first or m.group("second").strip() or len(first) > MAX_TITLE_CHARS:
        return None
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
) -> Article:
    """An Article from plain text; ``title`` overrides the detected title.

    Raises :class:`~slant.errors.InputError` ("empty text") for empty or blank text.
    """
    check_not_empty(text, source=origin)
    return Article(
        text=text,
        title=title if title is not None else detect_title(text),
        url=url,
        source=source,
        origin=origin,
    )
