"""Where a batch writes: a directory of Parquet tables, or slant's store (a database URL).

Directory layout::

    OUTPUT/_batch.json                    how the batch was cut (partition size, stages)
    OUTPUT/<table>/part-00012.parquet     one file per table per partition
    OUTPUT/_done/part-00012.json          written last: the partition is complete

Each file is written to a hidden temporary name, synced to disk and renamed into place, and
the ``_done`` marker goes last, so a batch killed at any moment (or a machine that loses
power) leaves only complete partitions marked done. The marker records each of the
partition's files with its size and SHA-256. A rerun skips a partition whose marker matches
what the input holds now *and* whose files are all there with that size and hash; it redoes
any other (a truncated, deleted or rewritten table file included), and says which in
:attr:`ParquetOutput.damaged`. ``pyarrow.dataset.dataset(OUTPUT / "techniques")`` reads a table (the hidden
temporaries and ``_``-prefixed entries are ignored by pyarrow).
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from slant.batch._inputs import Partition
from slant.batch._tables import TABLES, error_row, to_table
from slant.batch._worker import PartitionResult
from slant.errors import InputError

MANIFEST = "_batch.json"
DONE = "_done"
LAYOUT_VERSION = 4  # 2: the tables of slant.tables (those `slant export` writes); 3: quotes.content;
#                     4: quotes.continues


def is_database_url(output: str) -> bool:
    return "://" in output and not output.startswith("file://")


def part_name(index: int) -> str:
    return f"part-{index:05d}"


def _fsync_dir(path: Path) -> None:
    """Make a rename in ``path`` durable (no-op where directories cannot be opened)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # pragma: no cover - e.g. Windows
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def _atomic_write_bytes(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def file_record(path: Path) -> dict[str, Any]:
    """What a done marker keeps of one output file: its size and SHA-256."""
    h = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
            size += len(block)
    return {"bytes": size, "sha256": h.hexdigest()}


class Output(Protocol):
    want: str
    error_rows: list[dict[str, Any]]
    damaged: list[tuple[int, str]]
    errors_skipped: int

    def is_done(self, part: Partition) -> bool: ...

    def write(self, result: PartitionResult, part: Partition) -> None: ...

    def write_failed(self, index: int, rows: list[dict[str, Any]]) -> None: ...

    def close(self) -> None: ...


class ParquetOutput:
    """A directory of Parquet tables written partition by partition."""

    want = "tables"

    def __init__(self, root: str | Path, manifest: dict[str, Any]) -> None:
        self.error_rows: list[dict[str, Any]] = []  # always empty: errors go to the table
        #: (partition, why) for each partition marked done whose files did not check out
        self.damaged: list[tuple[int, str]] = []
        #: failed rows of the partitions skipped as done (from their markers)
        self.errors_skipped = 0
        self.root = Path(root)
        if self.root.exists() and not self.root.is_dir():
            raise InputError("the output exists and is not a directory", source=str(root))
        self.root.mkdir(parents=True, exist_ok=True)
        for name in (*TABLES, DONE):
            (self.root / name).mkdir(exist_ok=True)
        self._check_manifest({**manifest, "layout": LAYOUT_VERSION})

    def _check_manifest(self, manifest: dict[str, Any]) -> None:
        path = self.root / MANIFEST
        if path.exists():
            try:
                old = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError) as exc:
                raise InputError(f"unreadable batch manifest: {exc}", source=str(path)) from exc
            diff = sorted(k for k in manifest if old.get(k) != manifest[k])
            if "layout" in diff:
                raise InputError(
                    f"this output was written by another version of slant, with table layout "
                    f"{old.get('layout')!r} (now {manifest['layout']!r}); choose a new output "
                    "directory", source=str(self.root))
            if diff:
                said = ", ".join(f"{k}={old.get(k)!r} (now {manifest[k]!r})" for k in diff)
                raise InputError(
                    f"this output was written by a batch with {said}; rerun with the same "
                    "options to resume, or choose a new output directory",
                    source=str(self.root),
                )
        else:
            _atomic_write_bytes(path, json.dumps(manifest, indent=2, sort_keys=True).encode())

    def _marker(self, index: int) -> Path:
        return self.root / DONE / f"{part_name(index)}.json"

    def is_done(self, part: Partition) -> bool:
        """The partition's marker matches its input, and every file it lists is there with
        the size and hash it had when written. A partition that fails the file check is
        recorded in :attr:`damaged` (and redone by the driver)."""
        try:
            marker = json.loads(self._marker(part.index).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            return False
        if marker.get("digest") != part.digest:
            return False
        why = self._check_files(marker)
        if why is not None:
            self.damaged.append((part.index, why))
            return False
        self.errors_skipped += int(marker.get("errors") or 0)
        return True

    def _check_files(self, marker: dict[str, Any]) -> str | None:
        files = marker.get("files")
        if not isinstance(files, dict) or set(files) != {
                f"{name}/{part_name(marker.get('partition', -1))}.parquet" for name in TABLES}:
            return "its done marker lists no files (written by an older slant)"
        for rel, want in sorted(files.items()):
            path = self.root / rel
            try:
                size = path.stat().st_size
            except OSError:
                return f"{rel} is missing"
            if size != want.get("bytes"):
                return f"{rel} has {size:,} bytes, {want.get('bytes', 0):,} were written"
            if file_record(path)["sha256"] != want.get("sha256"):
                return f"{rel} changed since it was written (SHA-256 differs)"
        return None

    def done_markers(self) -> dict[int, dict[str, Any]]:
        out = {}
        for p in sorted((self.root / DONE).glob("part-*.json")):
            out[int(p.stem.split("-")[1])] = json.loads(p.read_text(encoding="utf-8"))
        return out

    def _write_table(self, name: str, index: int, table: Any) -> dict[str, Any]:
        """Write one table file (synced to disk, then renamed into place); returns its
        size and hash for the marker."""
        import pyarrow.parquet as pq

        path = self.root / name / f"{part_name(index)}.parquet"
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        pq.write_table(table, tmp, compression="zstd")
        _fsync_file(tmp)
        record = file_record(tmp)
        os.replace(tmp, path)
        return record

    def write(self, result: PartitionResult, part: Partition) -> None:
        assert result.tables is not None
        # A partition redone (its input changed) must not keep a stale marker meanwhile.
        self._marker(result.index).unlink(missing_ok=True)
        files = {}
        for name in TABLES:
            rel = f"{name}/{part_name(result.index)}.parquet"
            files[rel] = self._write_table(name, result.index, result.tables[name])
        for name in TABLES:  # the renames are on disk before the marker says "done"
            _fsync_dir(self.root / name)
        marker = {
            "partition": result.index, "digest": part.digest, "articles": result.articles,
            "errors": result.errors, "seconds": round(result.seconds, 3),
            "finished_at": datetime.now(UTC).isoformat(), "files": files,
        }
        _atomic_write_bytes(self._marker(result.index), json.dumps(marker, sort_keys=True).encode())

    def write_failed(self, index: int, rows: list[dict[str, Any]]) -> None:
        """A partition that failed as a whole: its errors are written, it is not marked done."""
        self._marker(index).unlink(missing_ok=True)
        self._write_table("errors", index, to_table("errors", rows))

    def close(self) -> None:
        pass


class StoreOutput:
    """slant's store (a database URL): analyses saved as partitions finish.

    A partition counts as done when every article in it is already stored, so a rerun
    skips it; saving is idempotent by article key, so a partition redone is harmless.
    The store has no errors table: failed articles are kept in :attr:`error_rows` (the
    CLI prints them).
    """

    want = "analyses"
    damaged: list[tuple[int, str]] = []  # noqa: RUF012 - never filled: the store is checked per article
    errors_skipped = 0

    def __init__(self, url: str, manifest: dict[str, Any]) -> None:
        from slant.store import open_store

        self.store = open_store(url)
        self.error_rows: list[dict[str, Any]] = []

    def is_done(self, part: Partition) -> bool:
        articles = [i.article for i in part.items if i.article is not None]
        return bool(articles) and not any(self.store.needs_analysis(a) for a in articles)

    def write(self, result: PartitionResult, part: Partition) -> None:
        assert result.analyses is not None

        def failed(analysis: Any, exc: Exception) -> None:
            art = analysis.article
            self.error_rows.append(error_row(art.id, art.origin, result.index, "store",
                                             f"{type(exc).__name__}: {exc}", True))

        self.store.save_many(result.analyses, on_error=failed)
        self.error_rows.extend(result.error_rows)

    def write_failed(self, index: int, rows: list[dict[str, Any]]) -> None:
        self.error_rows.extend(rows)

    def close(self) -> None:
        self.store.close()


def open_output(output: str | Path, manifest: dict[str, Any]) -> Output:
    text = str(output)
    if is_database_url(text):
        return StoreOutput(text, manifest)
    return ParquetOutput(Path(text).expanduser(), manifest)
