"""Batch input: find the files, stream their rows as articles, cut the stream into partitions.

Rows are validated by :func:`slant.ingest.jsonl.article_from_record`, so a batch accepts
exactly the records ``slant analyze`` accepts (an ``id`` column is ignored: slant's ids are
computed from the URL and text).

Nothing here holds more than one partition: files are read row by row (JSONL) or batch by
batch (Parquet), so memory does not grow with the input. The partitioning is deterministic
(files in sorted order, rows in file order), which is what lets a rerun recognise the
partitions it has already written.
"""

from __future__ import annotations

import glob as _glob
import gzip
import hashlib
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from slant.errors import InputError
from slant.models import Article

SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".parquet")
# The columns slant reads from a Parquet input (others are ignored).
PARQUET_COLUMNS = ("text", "title", "url", "source", "published", "author", "language")


@dataclass(frozen=True)
class Item:
    """One input row: an Article, or the reason the row could not become one."""

    origin: str
    article: Article | None = None
    error: str | None = None

    @property
    def key(self) -> str:
        return self.article.id if self.article is not None else f"!{self.origin}"


@dataclass
class Partition:
    index: int
    items: list[Item] = field(default_factory=list)

    @property
    def digest(self) -> str:
        """What the partition holds (origins and ids): a rerun compares it with the marker."""
        h = hashlib.sha256()
        for item in self.items:
            h.update(item.origin.encode())
            h.update(b"\x00")
            h.update(item.key.encode())
            h.update(b"\n")
        return h.hexdigest()[:32]

    def __len__(self) -> int:
        return len(self.items)


def _is_input(path: Path) -> bool:
    return path.is_file() and path.name.endswith(SUFFIXES)


def find_inputs(inputs: Iterable[str | Path]) -> list[Path]:
    """The input files for files, directories (searched recursively) and globs, in a stable order.

    Raises :class:`InputError` when an input names nothing readable.
    """
    found: list[Path] = []
    for raw in inputs:
        text = str(raw)
        path = Path(text).expanduser()
        if path.is_dir():
            matches = sorted(p for p in path.rglob("*") if _is_input(p))
            if not matches:
                raise InputError(
                    f"no {', '.join(SUFFIXES)} files in the directory", source=text
                )
        elif path.is_file():
            if not path.name.endswith(SUFFIXES):
                raise InputError(
                    f"not a batch input; give {', '.join(SUFFIXES)} files", source=text
                )
            matches = [path]
        elif _glob.has_magic(text):
            matches = sorted(Path(p) for p in _glob.glob(str(path), recursive=True)
                             if _is_input(Path(p)))
            if not matches:
                raise InputError("the pattern matches no input files", source=text)
        else:
            raise InputError("no such file or directory", source=text)
        found.extend(matches)
    seen: set[Path] = set()
    unique = []
    for p in found:
        r = p.resolve()
        if r not in seen:
            seen.add(r)
            unique.append(p)
    if not unique:
        raise InputError("no input files given")
    return unique


def _article(row: object, origin: str, max_chars: int | None = None) -> Item:
    """A row as an Article, validated as ``slant analyze`` validates JSONL records; a text
    over ``max_chars`` is an error row (it never travels to a worker)."""
    from slant.ingest.jsonl import article_from_record
    from slant.ingest.limits import check_length

    if isinstance(row, dict) and hasattr(row.get("published"), "isoformat"):
        row = {**row, "published": row["published"].isoformat()}  # Parquet timestamps
    try:
        article = article_from_record(row, origin=origin)
        check_length(article.text, max_chars, origin)
        return Item(origin, article=article)
    except InputError as exc:
        return Item(origin, error=str(exc))


def _open_text(path: Path) -> IO[str]:
    if path.name.endswith(".gz"):
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", errors="replace")
    return open(path, encoding="utf-8", errors="replace")


def _read_jsonl(path: Path, max_chars: int | None = None) -> Iterator[Item]:
    from slant.ingest.limits import bounded_lines, line_limit

    limit = line_limit(max_chars)
    with _open_text(path) as fh:
        for n, line in enumerate(bounded_lines(fh, limit), start=1):
            origin = f"{path}:{n}"
            if line is None:  # never held in memory whole
                yield Item(origin, error=f"{origin}: line too long: over {limit:,} characters, "
                           f"so its text is over the limit of {max_chars:,}; not read")
                continue
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Item(origin, error=f"{origin}: not valid JSON ({exc.msg} at column {exc.colno})")
                continue
            yield _article(row, origin, max_chars)


def _read_parquet(path: Path, batch_rows: int = 256,
                  max_chars: int | None = None) -> Iterator[Item]:
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except Exception as exc:
        raise InputError(f"cannot read as Parquet: {exc}", source=str(path)) from exc
    names = set(pf.schema_arrow.names)
    if "text" not in names:
        raise InputError("the Parquet file has no 'text' column", source=str(path))
    columns = [c for c in PARQUET_COLUMNS if c in names]
    row_no = 0
    for batch in pf.iter_batches(batch_size=batch_rows, columns=columns):
        for row in batch.to_pylist():
            yield _article(row, f"{path}#{row_no}", max_chars)
            row_no += 1


def read_items(files: Iterable[Path], max_chars: int | None = None) -> Iterator[Item]:
    """Every row of every file, in order, as an :class:`Item`; a text over ``max_chars``
    characters (or a JSONL line too long to hold one) is an error item."""
    for path in files:
        if path.name.endswith(".parquet"):
            yield from _read_parquet(path, max_chars=max_chars)
        else:
            yield from _read_jsonl(path, max_chars)


def partitions(items: Iterable[Item], size: int) -> Iterator[Partition]:
    """Consecutive partitions of ``size`` items (the last may be shorter)."""
    if size < 1:
        raise InputError(f"partition size must be at least 1, got {size}")
    part = Partition(0)
    for item in items:
        part.items.append(item)
        if len(part.items) == size:
            yield part
            part = Partition(part.index + 1)
    if part.items:
        yield part


def count_rows(files: Iterable[Path]) -> int:
    """How many rows the files hold (Parquet from its footer, JSONL by counting non-blank lines)."""
    total = 0
    for path in files:
        if path.name.endswith(".parquet"):
            import pyarrow.parquet as pq

            total += pq.ParquetFile(path).metadata.num_rows
        else:
            from slant.ingest.limits import bounded_lines

            with _open_text(path) as fh:  # a long line is counted, never held whole
                total += sum(1 for line in bounded_lines(fh, 1 << 20)
                             if line is None or bool(line.strip()))
    return total
