"""read_bytes: bytes of any kind (HTML, JSON, text), sniffed by name and content, one reader
for files, uploads and library callers."""

from __future__ import annotations

import json

import pytest

from slant.corpus import read_bytes as corpus_read_bytes
from slant.errors import InputError
from slant.ingest import iter_articles, read_bytes, sniff
from slant.models import Article

TEXT = "Night ferry added\n\nThe ferry company added a night crossing after a summer of queues.\n"


def articles(data: bytes, name: str, **kw) -> list[Article | InputError]:
    return list(read_bytes(data, name, **kw))


def test_the_corpus_verb_is_the_ingest_reader():
    assert corpus_read_bytes is read_bytes


def test_plain_text_keeps_its_text_and_title():
    [art] = articles(TEXT.encode(), "ferry.txt")
    assert isinstance(art, Article)
    assert art.text == TEXT and art.title == "Night ferry added" and art.origin == "ferry.txt"
    [art] = articles(TEXT.encode(), "ferry.txt", title="Given")
    assert art.title == "Given"


@pytest.mark.parametrize("name", ["page.html", "page.txt", "upload"])
def test_html_by_name_or_by_content(article_html, name):
    [art] = articles(article_html.encode(), name)
    assert art.title == "Ferry fares to rise again" and art.source == "Harbour Herald"
    assert "Ivo Brandt" in art.text and "newsletter" not in art.text
    assert sniff(article_html.encode(), name) == "html"


def test_html_in_a_legacy_charset_is_decoded_by_its_meta_tag():
    page = ('<html><head><meta charset="windows-1252"><title>Caf\xe9 closes</title></head><body>'
            "<article><p>The caf\xe9 on the quay closes after forty years, its owner said on "
            "Monday, citing the rent.</p></article></body></html>").encode("cp1252")
    [art] = articles(page, "cafe")
    assert "café on the quay" in art.text


def test_json_lines_one_article_a_line_and_a_bad_line_in_its_place():
    data = (json.dumps({"text": "First body.", "title": "One"}) + "\n"
            + '{"title": "no text"}\n'
            + json.dumps({"text": "Second body.", "source": "Coast News"}) + "\n").encode()
    for name in ("feed.jsonl", "records"):  # by name, and by content
        got = articles(data, name)
        assert [type(x) for x in got] == [Article, InputError, Article]
        assert got[0].title == "One" and got[2].source == "Coast News"
        assert str(got[1]) == f"{name}, line 2: missing \"text\" (a string)"


def test_a_json_object_or_an_array_of_them():
    one = json.dumps({"text": "Body of one.", "title": "One"}, indent=2).encode()
    for name in ("one.json", "upload"):  # by name, and by content
        [art] = articles(one, name)
        assert art.title == "One" and art.text == "Body of one." and art.origin == name
    many = json.dumps([{"text": "A body."}, {"title": "no text"}, {"text": "C body."}]).encode()
    got = articles(many, "many.json")
    assert [type(x) for x in got] == [Article, InputError, Article]
    assert [type(x) for x in articles(many, "many")] == [Article, InputError, Article]
    assert str(got[1]).startswith("many.json, item 2: missing")
    with pytest.raises(InputError, match=r"^empty.json: empty JSON array"):
        articles(b"[]", "empty.json")
    with pytest.raises(InputError, match=r"^broken.json: not valid JSON"):
        articles(b"[{\"text\": ", "broken.json")


def test_a_text_file_whose_first_line_looks_like_json_stays_text():
    data = b'{draft}\n\nThe ferry company added a night crossing.\n'
    assert sniff(data, "notes.txt") == "text"
    [art] = articles(data, "notes.txt")
    assert art.text.startswith("{draft}")


@pytest.mark.parametrize("data, name, message", [
    (b"\xff\xfe\x00\x00broken", "a.txt", "a.txt: undecodable bytes"),
    (b"\x00\x01\x02binary" * 20, "b.bin", "b.bin: binary file, not text"),
    (b"  \n\t ", "c.txt", "c.txt: empty text"),
    (b"<html><body><nav>Home</nav></body></html>", "d.html", "d.html: no main text found"),
])
def test_unreadable_bytes_are_an_error_naming_the_input(data, name, message):
    with pytest.raises(InputError) as err:
        articles(data, name)
    assert str(err.value).startswith(message)


def test_undecodable_bytes_say_what_to_do():
    # Invalid UTF-8 behind a UTF-8 byte-order mark: no fallback may guess it.
    with pytest.raises(InputError, match=r"^upload: undecodable bytes: .*byte-order mark"):
        articles(b"\xef\xbb\xbfcaf\xe9 closes", "upload")


def test_files_are_read_by_read_bytes_too(tmp_path):
    """A .json file given by name is read as JSON records (it was read as text before)."""
    path = tmp_path / "records.json"
    path.write_text(json.dumps([{"text": "A body.", "title": "A"}, {"text": "B body."}]))
    got = list(iter_articles([str(path)]))
    assert [a.title for a in got] == ["A", None]
    assert got[0].origin == f"{path}, item 1"
