"""Where a batch writes: a directory of Parquet tables, or slant's store (a database URL).

Directory layout::

    OUTPUT/_batch.json                    how the batch was cut (partition size, stages)
    OUTPUT/<table>/part-00012.parquet     one file per table per partition
    OUTPUT/_done/part-00012.json          written last: the partition is complete

Each file is written to a hidden temporary name and renamed into place, and the ``_done``
marker goes last, so a batch killed at any moment leaves only complete partitions marked
done. A rerun skips a partition whose marker matches what the input holds now, and redoes
any other. ``pyarrow.dataset.dataset(OUTPUT / "techniques")`` reads a table (the hidden
temporaries and ``_``-prefixed entries are ignored by pyarrow).
"""

from __future__ import annotations

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
LAYOUT_VERSION = 1


def is_database_url(output: str) -> bool:
    return "://" in output and not output.startswith("file://")


def part_name(index: int) -> str:
    return f"part-{index:05d}"


def _atomic_write_bytes(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


class Output(Protocol):
    want: str
    error_rows: list[dict[str, Any]]

    def is_done(self, part: Partition) -> bool: ...

    def write(self, result: PartitionResult, part: Partition) -> None: ...

    def write_failed(self, index: int, rows: list[dict[str, Any]]) -> None: ...

    def close(self) -> None: ...


class ParquetOutput:
    """A directory of Parquet tables written partition by partition."""

    want = "tables"

    def __init__(self, root: str | Path, manifest: dict[str, Any]) -> None:
        self.error_rows: list[dict[str, Any]] = []  # always empty: errors go to the table
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
        try:
            marker = json.loads(self._marker(part.index).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            return False
        return bool(marker.get("digest") == part.digest)

    def done_markers(self) -> dict[int, dict[str, Any]]:
        out = {}
        for p in sorted((self.root / DONE).glob("part-*.json")):
            out[int(p.stem.split("-")[1])] = json.loads(p.read_text(encoding="utf-8"))
        return out

    def _write_table(self, name: str, index: int, table: Any) -> None:
        import pyarrow.parquet as pq

        path = self.root / name / f"{part_name(index)}.parquet"
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        pq.write_table(table, tmp, compression="zstd")
        os.replace(tmp, path)

    def write(self, result: PartitionResult, part: Partition) -> None:
        assert result.tables is not None
        # A partition redone (its input changed) must not keep a stale marker meanwhile.
        self._marker(result.index).unlink(missing_ok=True)
        for name in TABLES:
            self._write_table(name, result.index, result.tables[name])
        marker = {
            "partition": result.index, "digest": part.digest, "articles": result.articles,
            "errors": result.errors, "seconds": round(result.seconds, 3),
            "finished_at": datetime.now(UTC).isoformat(),
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
