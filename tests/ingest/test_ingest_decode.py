"""Bytes to text: UTF-8, BOMs, a detected encoding; binary, undecodable and empty refused."""

from __future__ import annotations

import codecs

import pytest

from slant.errors import InputError
from slant.ingest import decode_bytes

FRENCH = (
    "Le maire a déclaré que la fermeture de l'école était « une décision très difficile », "
    "après une réunion où les élèves et leurs parents ont protesté pendant deux heures. "
)


def test_utf8_is_decoded_exactly():
    text = "Title line\r\n\r\nCafé – “quoted” body.\n"
    assert decode_bytes(text.encode("utf-8")) == text


def test_utf8_bom_is_dropped():
    assert decode_bytes(codecs.BOM_UTF8 + b"Body text") == "Body text"


def test_utf16_with_bom():
    data = "Body text with é".encode("utf-16")
    assert decode_bytes(data) == "Body text with é"


def test_legacy_encoding_is_detected():
    data = (FRENCH * 3).encode("cp1252")
    assert decode_bytes(data, source="old.txt") == FRENCH * 3


def test_encoding_hint_is_used_when_utf8_fails():
    data = "Grüße aus Köln".encode("latin-1")
    assert decode_bytes(data, encoding="latin-1") == "Grüße aus Köln"


def test_nul_bytes_mean_binary():
    with pytest.raises(InputError, match=r"^photo.txt: binary file, not text$"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", source="photo.txt")


def test_mostly_control_characters_mean_binary():
    with pytest.raises(InputError, match="binary file, not text"):
        decode_bytes(bytes(range(1, 9)) * 40 + b"some words")


def test_undecodable_bytes():
    with pytest.raises(InputError, match=r"^odd.txt: undecodable bytes: not UTF-8"):
        decode_bytes(bytes(range(128, 256)) * 3, source="odd.txt")


def test_broken_utf16_with_bom_is_undecodable():
    with pytest.raises(InputError, match="undecodable bytes"):
        decode_bytes(codecs.BOM_UTF16_LE + b"a\x00\x00\xd8", source="x")


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  ", codecs.BOM_UTF8 + b"\n"])
def test_empty_or_blank_is_empty_text(data):
    with pytest.raises(InputError, match=r"^blank.txt: empty text$"):
        decode_bytes(data, source="blank.txt")


def test_non_western_legacy_encoding_is_detected():
    text = "Совет города проголосовал за закрытие бассейна после долгого и шумного обсуждения. " * 3
    assert decode_bytes(text.encode("cp1251")) == text
