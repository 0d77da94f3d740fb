"""Stable spans: the model reads a canonical form of the text, so that the same text gives
the same spans whatever the file type or the whitespace around it.

The canonical form (:func:`segments`) drops what the encoder never sees but that would
move windows or offsets: line endings become ``\\n``, spaces, tabs and no-break spaces at the
ends of lines go, blank lines go, and a no-break space inside a line reads as a space. A
leading title line (a first line of at most ``MAX_TITLE_CHARS`` characters that does not end a
sentence, then more text: the layout of PTC files, of ``.txt`` articles, and of the text
trafilatura extracts from a page with its headline) is encoded on its own, so the body's
windows are the same with the title line or without it (a page whose title is only
metadata). A first paragraph ends with a full stop, so it is not taken for a title. A title
that ends with "?" or "!" is read with the body, and then the body's first window differs
from that of the text without it. Spans found in the canonical text are mapped back to the
original offsets with each segment's ``index``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

MAX_TITLE_CHARS = 300
# horizontal white space: what the tokenizer skips, and what a line's ends may carry
_SPACE = " \t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
         "\u200b\u202f\u205f\u3000\ufeff\f\v"
_NBSP = re.compile("[\u00a0\u2007\u202f\u2000-\u200a\u205f\u3000]")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass
class Segment:
    text: str           # canonical text of the segment
    index: np.ndarray   # (len(text) + 1,) original offset of each canonical character, then the end

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of canonical ``[start, end)``."""
        return int(self.index[start]), int(self.index[end - 1]) + 1


def _lines(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each line's content, horizontal space at both ends left out; a
    blank line gives an empty ``(s, s)``."""
    out, pos = [], 0
    for m in [*_BREAK.finditer(text), None]:
        s, e = pos, (m.start() if m else len(text))
        while s < e and text[s] in _SPACE:
            s += 1
        while e > s and text[e - 1] in _SPACE:
            e -= 1
        out.append((s, e))
        if m:
            pos = m.end()
    return out


def _segment(text: str, lines: list[tuple[int, int]]) -> Segment:
    parts, idx = [], []
    for k, (s, e) in enumerate(lines):
        if k:
            parts.append("\n")
            idx.append(np.array([lines[k - 1][1]], np.int64))  # the line break after the previous line
        parts.append(_NBSP.sub(" ", text[s:e]))
        idx.append(np.arange(s, e, dtype=np.int64))
    end = lines[-1][1] if lines else 0
    return Segment("".join(parts), np.concatenate(idx + [np.array([end], np.int64)]))


def segments(text: str) -> list[Segment]:
    """The canonical segments of ``text``: the title line (when there is one) and the rest."""
    lines = [(s, e) for s, e in _lines(text) if e > s]
    if not lines:
        return []
    s0, e0 = lines[0]
    titled = (len(lines) > 1 and e0 - s0 <= MAX_TITLE_CHARS
              and not _SENTENCE_END.search(text[s0:e0]))  # a paragraph, not a title
    if titled:
        return [_segment(text, lines[:1]), _segment(text, lines[1:])]
    return [_segment(text, lines)]
