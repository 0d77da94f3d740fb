"""How big one input may be: the per-article size cap and the byte caps that keep memory
bounded while reading, whatever the size of what is read.

- An article's text is analyzed only up to :data:`MAX_CHARS` characters (``Settings.max_chars``,
  ``SLANT_MAX_CHARS``, ``--max-chars``; 0 lifts the cap): the analysis costs more than linear
  time in the length of the text, so a longer one is refused with an
  :class:`~slant.errors.InputError` that names it, its length and the limit (the CLI prints
  it and goes on with the other inputs; a batch writes an errors row).
- A text or HTML file is read only when it is at most :data:`MAX_FILE_BYTES` (as a page
  fetched from a URL); a JSON Lines file of any size is read line by line, and a line longer
  than :func:`line_limit` is skipped (an error naming its number) without being held in
  memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, AnyStr

from slant.config import Settings
from slant.errors import InputError

#: characters of one article's text analyzed at most (the default of ``Settings.max_chars``)
MAX_CHARS: int = Settings.max_chars or 0
#: bytes of one text or HTML file read at most (a JSONL file is read line by line)
MAX_FILE_BYTES = 10 * 1024 * 1024


def line_limit(max_chars: int | None) -> int | None:
    """The longest JSONL line (in bytes or characters) worth reading for ``max_chars``: room
    for the text escaped (``\\uXXXX`` is 6 characters) and the other fields."""
    if not max_chars:
        return None
    return 6 * max_chars + 1024 * 1024


def too_long(n: int, max_chars: int, source: str | None) -> InputError:
    return InputError(
        f"too long to analyze: {n:,} characters, over the limit of {max_chars:,} "
        "(--max-chars or SLANT_MAX_CHARS raises it; 0 means no limit)", source=source)


def check_length(text: str, max_chars: int | None, source: str | None) -> None:
    """Raise :func:`too_long` when ``text`` is over ``max_chars`` (None or 0: no limit)."""
    if max_chars and len(text) > max_chars:
        raise too_long(len(text), max_chars, source)


def bounded_lines(fh: IO[AnyStr], limit: int | None) -> Iterator[AnyStr | None]:
    """The lines of ``fh``, each read whole only when it is at most ``limit`` long; a longer
    line is read past in pieces and comes back as None (so memory holds at most ``limit``)."""
    if limit is None:
        yield from fh
        return
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        if len(line) > limit:
            end = line[-1:]
            while end not in ("\n", b"\n"):
                rest = fh.readline(1 << 20)
                if not rest:
                    break
                end = rest[-1:]
            yield None
            continue
        yield line
