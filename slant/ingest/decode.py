"""Bytes to text: UTF-8 (with or without a BOM) first, then a detected encoding.

Binary data (NUL bytes, or mostly control characters) and empty or whitespace-only text are
refused with an :class:`~slant.errors.InputError` naming the input.
"""

from __future__ import annotations

import codecs

from slant.errors import InputError

#: how much of the data the binary and encoding checks look at
SNIFF_BYTES = 64 * 1024

#: among equally likely detected encodings, this one wins
PREFERRED_LEGACY = "cp1252"

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
# characters allowed in text among the C0 controls: tab, newline, vertical tab, form feed, CR
_TEXT_CONTROLS = {"\t", "\n", "\x0b", "\x0c", "\r"}


def decode_bytes(data: bytes, *, source: str | None = None, encoding: str | None = None) -> str:
    """Decode ``data`` to text, or raise :class:`InputError` (binary, undecodable, empty).

    ``encoding`` is a hint (an HTTP charset or an HTML meta charset) tried after UTF-8.
    The text is returned exactly as decoded (no newline translation); a UTF-8 BOM is dropped.
    """
    text = _decode(data, source=source, encoding=encoding)
    if _mostly_control(text[:SNIFF_BYTES]):
        raise InputError("binary file, not text", source=source)
    check_not_empty(text, source=source)
    return text


def check_not_empty(text: str, *, source: str | None = None) -> str:
    """``text``, or :class:`InputError` ("empty text") when it is empty or only whitespace."""
    if not text.strip():
        raise InputError("empty text", source=source)
    return text


def _decode(data: bytes, *, source: str | None, encoding: str | None) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data, "utf-8-sig", source)
    if data.startswith(_UTF32_BOMS):
        return _strict(data, "utf-32", source)
    if data.startswith(_UTF16_BOMS):
        return _strict(data, "utf-16", source)
    if b"\x00" in data[:SNIFF_BYTES]:
        raise InputError("binary file, not text", source=source)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if encoding:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            pass
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise InputError(
            "undecodable bytes: not UTF-8, and no other encoding could be detected "
            "(convert the file to UTF-8)",
            source=source,
        )
    # Several single-byte encodings often fit equally well; prefer the web's commonest one.
    for match in matches:
        tied = match.chaos <= best.chaos and match.coherence >= best.coherence
        if tied and PREFERRED_LEGACY in match.could_be_from_charset:
            try:
                return data.decode(PREFERRED_LEGACY)
            except UnicodeDecodeError:
                break
    return str(best)


def _strict(data: bytes, codec: str, source: str | None) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as e:
        raise InputError(
            f"undecodable bytes: it starts with a {codec.upper()} byte-order mark but byte "
            f"{e.start} is invalid",
            source=source,
        ) from None


def _mostly_control(text: str) -> bool:
    """True when over 10% of the characters are control characters other than whitespace."""
    if not text:
        return False
    bad = sum(1 for c in text if (c < " " and c not in _TEXT_CONTROLS) or "\x7f" <= c < "\xa0")
    return bad > 0.1 * len(text)
