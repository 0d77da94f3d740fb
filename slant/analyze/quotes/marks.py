"""Quote marks paired into quoted spans, in one left-to-right pass (linear in the text).

Handles “…”, "…", ''…'' (two apostrophes, as in the NYT archive), «…», „…“, and ‘…’ / '…' at the top level (British style and scare
quotes); marks nested inside an open double quote belong to it. A quote whose paragraph
ends while it is open continues when the next paragraph opens with a quote mark (the
typographic convention for multi-paragraph quotes), or when a closing mark follows within a
few lines, with no blank line and no other double mark before it (line breaks inside the
quote: one sentence a line, or hard-wrapped text); otherwise it ends with its paragraph, so
a mark that is never closed cannot swallow the rest of the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MARK_RE = re.compile("''|[\"“”«»„‘’']")  # '' is a double mark (as in the NYT's archive)
DOUBLE_RE = re.compile("''|[\"“”«»„]")
BLANK_LINE = re.compile(r"\n[^\S\n]*\n")  # "\r\n\r\n" and a line of spaces or tabs too
LINES_AHEAD = 3     # a quote left open at a line's end may close this many line breaks on
CHARS_AHEAD = 800
OPEN_DOUBLE = "“«„"
CLOSE_DOUBLE = "”»"
DOUBLE_CHARS = "\"“”«»„"
SINGLE_MAX = 300  # a single-quoted span longer than this is apostrophes, not a quote


@dataclass(frozen=True)
class Quoted:
    start: int  # the opening mark
    end: int    # just past the closing mark (or the paragraph end when never closed)
    single: bool = False
    closed: bool = True
    open_len: int = 1
    close_len: int = 1

    @property
    def inner(self) -> tuple[int, int]:
        s = self.start + self.open_len
        e = self.end - self.close_len if self.closed else self.end
        return s, max(s, e)


def _is_space(ch: str) -> bool:
    return ch == "" or ch.isspace()


def _opens(prev: str, nxt: str) -> bool:
    """A straight mark opens when it follows space or an opening bracket and precedes text."""
    return (_is_space(prev) or prev in "([{—–-/:") and not _is_space(nxt)


def _para_end(text: str, pos: int) -> int:
    """Index of the newline that ends the paragraph holding ``pos`` (or the text end)."""
    k = text.find("\n", pos)
    return len(text) if k < 0 else k


def trim_end(text: str, end: int) -> int:
    """``end`` moved back past the whitespace before it."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _closing_ahead(text: str, nl: int) -> int | None:
    """Where a quote left open at the line break ``nl`` closes, when a closing double mark
    follows within :data:`LINES_AHEAD` line breaks and :data:`CHARS_AHEAD` characters, with
    no blank line and no other double mark before it: the breaks fell inside the quote (one
    sentence a line, or hard-wrapped text)."""
    m = DOUBLE_RE.search(text, nl, nl + CHARS_AHEAD)
    if m is None:
        return None
    between = text[nl:m.start()]
    if between.count("\n") > LINES_AHEAD or BLANK_LINE.search(between):
        return None
    i, width = m.start(), m.end() - m.start()
    if m.group() in CLOSE_DOUBLE:
        return i
    if m.group() in ('"', "''"):
        nxt = text[i + width] if i + width < len(text) else ""
        return None if _opens(text[i - 1], nxt) else i
    return None


def find_quoted(text: str) -> list[Quoted]:
    """Quoted spans of ``text``, in order, outermost double quotes plus top-level single ones."""
    out: list[Quoted] = []
    open_at: int | None = None      # position of the open double mark
    seg_start = 0                   # start of the paragraph the open quote is in now
    single_at: int | None = None    # an open top-level single mark
    open_len = 1
    for m in MARK_RE.finditer(text):
        i = m.start()
        width = m.end() - i
        ch = '"' if width == 2 else text[i]
        prev = text[i - 1] if i > 0 else ""
        nxt = text[i + width] if i + width < len(text) else ""
        if open_at is not None:
            nl = text.find("\n", seg_start, i)
            if nl >= 0:
                # the open quote's paragraph ended: continue only if this paragraph opens
                # with a quote mark
                line_start = text.rfind("\n", 0, i) + 1
                at_para_start = text[line_start:i].strip() == ""
                is_opening = ch in OPEN_DOUBLE or (ch == '"' and _opens(prev, nxt))
                if at_para_start and is_opening and ch in DOUBLE_CHARS:
                    seg_start = i
                    continue
                ahead = _closing_ahead(text, nl)
                if ahead is not None:
                    # the quote goes on to the line that closes it; marks up to there are
                    # inside it (nested single quotes, apostrophes)
                    seg_start = text.rfind("\n", 0, ahead) + 1
                else:
                    out.append(Quoted(open_at, trim_end(text, _para_end(text, seg_start)),
                                      closed=False, open_len=open_len))
                    open_at = None
        if single_at is not None:
            nl = text.find("\n", single_at, i)
            if nl >= 0 or i - single_at > SINGLE_MAX:
                single_at = None
        if ch in DOUBLE_CHARS:
            if ch == "“" and open_at is not None and (
                text[open_at] == "„" or (not _is_space(prev) and (_is_space(nxt) or not nxt.isalnum()))
            ):
                opening = False  # „…“, or a “ typed where ” was meant
            elif ch in OPEN_DOUBLE:
                opening = True
            elif ch in CLOSE_DOUBLE:
                opening = False
            else:  # a straight mark toggles; a clear closer with nothing open is stray
                opening = open_at is None
                if opening and not _is_space(prev) and _is_space(nxt):
                    continue  # "word." + mark + space: a closer with nothing open
            if opening:
                if open_at is None:
                    open_at, seg_start, open_len = i, i, width
                    single_at = None
                # an opening mark inside an open quote (same paragraph): a nested or stray
                # mark; keep the outer quote
            else:
                if open_at is not None:
                    out.append(Quoted(open_at, i + width, open_len=open_len, close_len=width))
                    open_at = None
            continue
        if open_at is not None:
            continue  # single marks nested in a double quote belong to it
        # single marks at the top level
        if ch in "‘'" and (_is_space(prev) or prev in "([{—–-/") and nxt.isalnum():
            if single_at is None:
                single_at = i
            continue
        closes = not (prev.isalnum() and nxt.isalnum()) and not nxt.isalpha()
        if ch in "’'" and single_at is not None and closes and i - single_at > 1:
            out.append(Quoted(single_at, i + 1, single=True))
            single_at = None
    if open_at is not None:
        out.append(Quoted(open_at, trim_end(text, _para_end(text, seg_start)), closed=False,
                          open_len=open_len))
    out.sort(key=lambda q: q.start)
    return out


def opens_sentence(text: str, pos: int) -> bool:
    """Whether a quote at ``pos`` stands as its own sentence (after a paragraph break or a
    sentence end), not inside the narrator's sentence ("a note reading “…”")."""
    k = pos - 1
    while k >= 0 and text[k] in " \t\xa0":
        k -= 1
    return k < 0 or text[k] in "\n.!?”\"’:—–)"
