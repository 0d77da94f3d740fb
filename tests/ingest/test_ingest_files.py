"""Files, directories and stdin through iter_articles; every bad input named, the rest go on."""

from __future__ import annotations

import io

import pytest

from slant.errors import InputError
from slant.ingest import find_files, iter_articles
from slant.models import Article


def collect(inputs, **kwargs):
    errors: list[str] = []
    articles = list(iter_articles(inputs, on_error=lambda e: errors.append(str(e)), **kwargs))
    return articles, errors


@pytest.fixture
def tree(tmp_path, article_html):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "deep").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "a.txt").write_text("Title A\n\nBody of article A.\n", encoding="utf-8")
    (tmp_path / "b" / "c.md").write_text("# Title C\n\nBody of article C.\n", encoding="utf-8")
    (tmp_path / "b" / "deep" / "d.html").write_text(article_html, encoding="utf-8")
    (tmp_path / "b" / "e.jsonl").write_text(
        '{"text": "Body E1.", "title": "E1"}\n{"text": "Body E2.", "title": "E2"}\n', encoding="utf-8"
    )
    (tmp_path / "notes.csv").write_text("a,b\n", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden\n\nNot read.\n", encoding="utf-8")
    (tmp_path / ".git" / "x.txt").write_text("Nope\n\nNot read.\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("# About\n\nNot an article.\n", encoding="utf-8")
    return tmp_path


def test_directory_recursive_sorted_by_extension(tree):
    articles, errors = collect([str(tree)])
    assert errors == []
    assert [a.title for a in articles] == ["Title A", "Title C", "Ferry fares to rise again", "E1", "E2"]
    assert articles[0].origin == str(tree / "a.txt")


def test_directory_walk_is_deterministic(tree):
    assert find_files(tree) == find_files(tree)
    assert [p.name for p in find_files(tree, [".txt", "md"])] == ["a.txt", "c.md"]


def test_extensions_filter(tree):
    articles, _ = collect([str(tree)], extensions=(".jsonl",))
    assert [a.title for a in articles] == ["E1", "E2"]


def test_bad_file_in_a_directory_is_reported_and_the_rest_read(tree):
    (tree / "b" / "broken.txt").write_bytes(b"\x00\x01binary")
    articles, errors = collect([str(tree)])
    assert len(articles) == 5
    assert errors == [f"{tree / 'b' / 'broken.txt'}: binary file, not text"]


def test_directory_with_no_articles(tmp_path):
    (tmp_path / "data.csv").write_text("x\n", encoding="utf-8")
    articles, errors = collect([str(tmp_path)])
    assert articles == []
    assert errors == [f"no articles (.txt, .md, .text, .html, .htm, .xhtml, .jsonl) found in {tmp_path}"]


def test_missing_file(tmp_path):
    missing = tmp_path / "nope.txt"
    with pytest.raises(InputError, match=rf"^{missing}: no such file or directory$"):
        list(iter_articles([str(missing)]))


@pytest.mark.parametrize("name,data,problem", [
    ("empty.txt", b"", "empty text"),
    ("blank.txt", b"\n  \n", "empty text"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00IHDR", "binary file, not text"),
    ("odd.txt", bytes(range(128, 256)) * 3, "undecodable bytes"),
    ("page.html", b"<html><body><script>x()</script></body></html>", "no main text found"),
])
def test_bad_files_are_named(tmp_path, name, data, problem):
    (tmp_path / name).write_bytes(data)
    articles, errors = collect([str(tmp_path / name)])
    assert articles == []
    assert len(errors) == 1 and errors[0].startswith(f"{tmp_path / name}: {problem}")


def test_errors_do_not_stop_later_inputs(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Good\n\nA good article body.\n", encoding="utf-8")
    articles, errors = collect([str(tmp_path / "gone.txt"), str(good)])
    assert [a.title for a in articles] == ["Good"]
    assert errors == [f"{tmp_path / 'gone.txt'}: no such file or directory"]


def test_named_file_with_other_extension_is_text_or_sniffed_html(tmp_path, article_html):
    (tmp_path / "story.log").write_text("Story\n\nBody.\n", encoding="utf-8")
    (tmp_path / "page.dat").write_text(article_html, encoding="utf-8")
    articles, _ = collect([str(tmp_path / "story.log"), str(tmp_path / "page.dat")])
    assert [a.title for a in articles] == ["Story", "Ferry fares to rise again"]


def test_file_text_is_kept_exactly(tmp_path):
    raw = "Title\r\n\r\nBody with “curly” quotes.\r\n"
    (tmp_path / "crlf.txt").write_bytes(raw.encode("utf-8"))
    [article], _ = collect([str(tmp_path / "crlf.txt")])
    assert article.text == raw


def test_stdin_text_with_title():
    stream = io.StringIO("A body read from a pipe.\n")
    [article], errors = collect(["-"], stdin=stream, title="Piped")
    assert errors == []
    assert article.title == "Piped"
    assert article.origin == "<stdin>"


def test_stdin_bytes_are_decoded_like_files():
    stream = io.TextIOWrapper(io.BytesIO("Heading\n\nCafé body.\n".encode("cp1252") * 20))
    [article], _ = collect(["-"], stdin=stream)
    assert article.title == "Heading"
    assert "Café" in article.text


def test_stdin_jsonl_and_html(article_html):
    [a, b], _ = collect(["-"], stdin=io.StringIO('{"text": "One."}\n{"text": "Two."}\n'))
    assert (a.text, b.text) == ("One.", "Two.")
    [page], _ = collect(["-"], stdin=io.StringIO(article_html))
    assert page.source == "Harbour Herald"


def test_empty_stdin():
    articles, errors = collect(["-"], stdin=io.StringIO("  \n"))
    assert articles == [] and errors == ["<stdin>: empty text"]


def test_binary_stdin():
    articles, errors = collect(["-"], stdin=io.TextIOWrapper(io.BytesIO(b"\x00\x01\x02")))
    assert articles == [] and errors == ["<stdin>: binary file, not text"]


def test_urls_go_to_the_injected_fetcher(tmp_path):
    seen: list[str] = []

    def fetcher(url: str) -> Article:
        seen.append(url)
        return Article(text=f"Fetched from {url}", url=url)

    (tmp_path / "x.txt").write_text("Local body.", encoding="utf-8")
    articles, _ = collect(["https://a.test/1", str(tmp_path / "x.txt"), "HTTP://b.test/2"], fetcher=fetcher)
    assert seen == ["https://a.test/1", "HTTP://b.test/2"]
    assert [a.url for a in articles] == ["https://a.test/1", None, "HTTP://b.test/2"]


def test_fetch_errors_go_to_the_handler():
    from slant.errors import FetchError

    def fetcher(url: str) -> Article:
        raise FetchError("HTTP 404 Not Found", source=url)

    articles, errors = collect(["https://a.test/gone"], fetcher=fetcher)
    assert articles == [] and errors == ["https://a.test/gone: HTTP 404 Not Found"]
