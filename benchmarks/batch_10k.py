"""The 10,000-article batch: bounded memory, kill -9 halfway and resume, same output.

    nice -n 15 .venv/bin/python benchmarks/batch_10k.py                 # 10,000 articles
    nice -n 15 .venv/bin/python benchmarks/batch_10k.py --n 400 --workers 1   # a quick look

1. Writes ``--n`` generated news-like articles (fictional names and places, quotes with
   speakers and cue verbs, labels; about ``--words`` words each) to a JSONL file.
2. Runs ``slant batch`` on it with every stage (the default), uninterrupted, sampling the
   RSS of the whole process tree (driver, scheduler, nannies, workers) every 0.2 s.
3. Runs it again into a second directory, kills the process group with SIGKILL once half
   of the partitions are written, and reruns the same command, which resumes.
4. Compares every table of the two outputs (rows sorted by article id; ``analyzed_at``
   aside) and prints the figures: articles/s, peak RSS in the first and the second half of
   the uninterrupted run (no growth: they should be about equal), partitions skipped by the
   resume, and whether the outputs are identical.
5. Damages the resumed output, truncating one table file and deleting another, reruns the
   same command, and prints what the rerun said (the two partitions found damaged and
   redone) and whether the output is again identical to the uninterrupted run's.

The input holds one ``--big-mb`` (5) MB article, on one line, in the middle: it is over the
per-article cap (100,000 characters), so it becomes one errors row and the batch exits 2;
the figures say whether the peak RSS while its partition ran stayed within that of the
others (the line is never held whole: memory is bounded whatever the size).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SLANT = str(Path(sys.executable).parent / "slant")

FIRST = ["Ana", "Tomas", "Mira", "Jon", "Lena", "Omar", "Greta", "Pavel", "Ines", "Kofi"]
LAST = ["Ruiz", "Holt", "Varga", "Okafor", "Lindqvist", "Brandt", "Moreau", "Castell", "Quill", "Adeyemi"]
PLACES = ["Alder Crossing", "Port Weller", "Marrow Bay", "East Fenwick", "Caldera Springs"]
GROUPS = ["the Harbour Trust", "the Valley Farmers Union", "Northgate Minerals", "the Civic Alliance",
          "the River Defence League"]
TOPICS = ["the new bridge", "the mine expansion", "the water tariff", "the school merger",
          "the port terminal", "the housing plan"]
CUES = ["said", "told reporters", "warned", "insisted", "claimed", "argued"]
LABELS = ["a self-described 'advocacy' group", "a controversial group", "a reckless lobby",
          "the long-standing residents' association", "a shadowy network"]
TEMPLATES = [
    "The council of {place} voted on {topic} on {day}, after months of debate.",
    '"{claim}," {name} {cue}.',
    "{name}, who chairs {group}, {cue} that {topic} would cost every family dearly.",
    "{group}, {label}, has opposed {topic} since the spring.",
    "Critics call {topic} a disaster that will ruin {place} forever.",
    "According to {group}, the figures were checked twice by independent engineers.",
    "Is anyone surprised that {group} is behind this?",
    "Supporters argue that {topic} will bring hundreds of jobs to {place}.",
    '"We will not be silenced," {name} told a crowd outside the town hall.',
    "The mayor of {place}, a former teacher, said the decision was final.",
]
CLAIMS = ["This is the only way to save the town", "Nobody asked the people who live here",
          "The numbers simply do not add up", "We have waited long enough for a decision",
          "Every real patriot should stand with us"]


def big_text(mb: float, seed: int = 11) -> str:
    """``mb`` MB of sentences on one line (no newline at all)."""
    rng = random.Random(seed)
    parts, size, want = [], 0, int(mb * 1024 * 1024)
    while size < want:
        s = rng.choice(TEMPLATES).format(
            place=rng.choice(PLACES), topic=rng.choice(TOPICS), day="day 1",
            claim=rng.choice(CLAIMS), name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            cue=rng.choice(CUES), group=rng.choice(GROUPS), label=rng.choice(LABELS))
        parts.append(s)
        size += len(s) + 1
    return " ".join(parts)[:want]


def generate(path: Path, n: int, words: int, seed: int = 7, big_mb: float = 0) -> int | None:
    """Write the input; returns the row number (from 0) of the big article, if any."""
    rng = random.Random(seed)
    big_at = n // 2 if big_mb > 0 else None
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            if i == big_at:
                fh.write(json.dumps({"title": "An article far too long",
                                     "url": "https://example.invalid/big",
                                     "source": "Daily Example", "text": big_text(big_mb)}) + "\n")
            parts, count = [], 0
            while count < words:
                s = rng.choice(TEMPLATES).format(
                    place=rng.choice(PLACES), topic=rng.choice(TOPICS), day=f"day {i % 365}",
                    claim=rng.choice(CLAIMS), name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                    cue=rng.choice(CUES), group=rng.choice(GROUPS), label=rng.choice(LABELS))
                parts.append(s)
                count += len(s.split())
            paras = [" ".join(parts[k:k + 3]) for k in range(0, len(parts), 3)]
            fh.write(json.dumps({"title": f"{rng.choice(TOPICS).capitalize()}: story {i}",
                                 "url": f"https://example.invalid/{i}",
                                 "source": rng.choice(["Daily Example", "Evening Sample"]),
                                 "text": "\n\n".join(paras)}) + "\n")
    return big_at


class TreeRSS:
    """Samples the summed RSS of a process and its descendants; keeps (time, rss, done) rows."""

    def __init__(self, pid: int, out: Path) -> None:
        import psutil

        self.proc = psutil.Process(pid)
        self.out = out
        self.rows: list[tuple[float, int, int]] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        from run_all import tree_rss  # this folder is on sys.path when run as a script

        t0 = time.perf_counter()
        while not self.stop.is_set():
            self.rows.append((time.perf_counter() - t0, tree_rss(self.proc),
                              done_partitions(self.out)))
            self.stop.wait(0.2)

    def finish(self) -> list[tuple[float, int, int]]:
        self.stop.set()
        self.thread.join()
        return self.rows


def done_partitions(out: Path) -> int:
    d = out / "_done"
    return sum(1 for _ in d.glob("*.json")) if d.exists() else 0


def batch_cmd(src: Path, out: Path, args: argparse.Namespace) -> list[str]:
    return [SLANT, "batch", str(src), str(out), "--workers", str(args.workers),
            "--partition-size", str(args.partition_size)]


def run(cmd: list[str], out: Path, kill_at: int | None = None) -> tuple[int, str, float, list]:
    env = {**os.environ, "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "TOKENIZERS_PARALLELISM": "false"}
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)
    err_chunks: list[str] = []
    reader = threading.Thread(target=lambda: err_chunks.append(proc.stderr.read()), daemon=True)
    reader.start()
    rss = TreeRSS(proc.pid, out)
    if kill_at is not None:
        while proc.poll() is None and done_partitions(out) < kill_at:
            time.sleep(0.1)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    rows = rss.finish()
    reader.join(timeout=10)
    return proc.returncode, "".join(err_chunks), time.perf_counter() - t0, rows


def summary(err: str) -> str:
    """The batch's summary line ("slant batch: N articles analyzed, ...") from its stderr."""
    lines = err.strip().splitlines()
    return next((ln for ln in reversed(lines) if ln.startswith("slant batch:")
                 and "analyzed" in ln), lines[-1] if lines else "")


def tables_equal(a: Path, b: Path) -> dict[str, bool]:
    from slant.batch import read_tables

    out = {}
    for table in ("articles", "techniques", "quotes", "entities", "descriptors", "errors"):
        try:
            ta, tb = read_tables(str(a), table), read_tables(str(b), table)
        except Exception as exc:  # noqa: BLE001 - a table that is absent in both is equal
            out[table] = f"unreadable: {exc}"[:80]  # type: ignore[assignment]
            continue

        def rows(t):
            if "analyzed_at" in t.column_names:
                t = t.drop_columns(["analyzed_at"])
            return sorted(json.dumps(r, sort_keys=True, default=str) for r in t.to_pylist())

        out[table] = rows(ta) == rows(tb)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--words", type=int, default=150, help="words per generated article")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--partition-size", type=int, default=100)
    ap.add_argument("--keep", default=None, help="directory to keep the input and outputs in")
    ap.add_argument("--big-mb", type=float, default=5.0,
                    help="one article this large (MB, one line) in the middle; 0: none")
    args = ap.parse_args()

    tmp = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="slant-batch10k-"))
    tmp.mkdir(parents=True, exist_ok=True)
    src = tmp / "generated.jsonl"
    big_at = generate(src, args.n, args.words, big_mb=args.big_mb)
    rows_in = args.n + (1 if big_at is not None else 0)
    parts = -(-rows_in // args.partition_size)
    big_part = big_at // args.partition_size if big_at is not None else None
    print(f"{args.n:,} generated articles (~{args.words} words), {parts} partitions of "
          f"{args.partition_size}, {args.workers} worker(s), every stage; {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f} at start; files in {tmp}")

    whole, resumed = tmp / "whole", tmp / "resumed"
    ok_rc = 2 if big_at is not None else 0  # the big article is an errors row: exit 2
    rc, err, wall, rows = run(batch_cmd(src, whole, args), whole)
    if rc != ok_rc:
        raise SystemExit(f"the uninterrupted batch failed ({rc}): {err[-2000:]}")
    half = [r for r in rows if r[2] < parts // 2]
    second = [r for r in rows if r[2] >= parts // 2]
    mib = 1024 * 1024
    print(f"uninterrupted: {wall:.0f} s wall with start-up ({args.n / wall:.1f} articles/s); "
          f"it said: {summary(err)}")
    print(f"  peak RSS of all processes: {max(r[1] for r in rows) / mib:,.0f} MiB; first half of the "
          f"partitions {max((r[1] for r in half), default=0) / mib:,.0f} MiB, second half "
          f"{max((r[1] for r in second), default=0) / mib:,.0f} MiB")
    if big_at is not None:
        from slant.batch import read_tables

        fatal = [e for e in read_tables(str(whole), "errors").to_pylist() if e["fatal"]]
        near = [r[1] for r in rows if big_part - 2 <= r[2] <= big_part + 2]
        others = [r[1] for r in rows if not big_part - 2 <= r[2] <= big_part + 2]
        print(f"  the {args.big_mb:g} MB article (row {big_at + 1}, partition {big_part}): "
              f"exit status {rc}, errors rows {len(fatal)}: "
              f"{fatal[0]['message'][:110] if fatal else 'NONE'}...; peak RSS while partitions "
              f"{big_part - 2}-{big_part + 2} were written {max(near, default=0) / mib:,.0f} MiB, "
              f"elsewhere {max(others, default=0) / mib:,.0f} MiB")

    rc, err, wall1, _ = run(batch_cmd(src, resumed, args), resumed, kill_at=parts // 2)
    killed_at = done_partitions(resumed)
    rc2, err2, wall2, _ = run(batch_cmd(src, resumed, args), resumed)
    if rc2 != ok_rc:
        raise SystemExit(f"the resumed batch failed ({rc2}): {err2[-2000:]}")
    print(f"killed (SIGKILL to the process group) after {wall1:.0f} s with {killed_at} of {parts} "
          f"partitions written; the rerun took {wall2:.0f} s: {summary(err2)}")
    eq = tables_equal(whole, resumed)
    print("same output as the uninterrupted run: "
          + ", ".join(f"{k} {'yes' if v is True else v if v is not False else 'NO'}" for k, v in eq.items()))

    # damage the finished output: one table file truncated, another deleted
    truncated = resumed / "quotes" / "part-00001.parquet"
    deleted = resumed / "entities" / f"part-{parts - 1:05d}.parquet"
    with open(truncated, "r+b") as fh:
        fh.truncate(truncated.stat().st_size // 2)
    deleted.unlink()
    rc3, err3, wall3, _ = run(batch_cmd(src, resumed, args), resumed)
    said = [ln for ln in err3.strip().splitlines() if "redone" in ln or "analyzed" in ln]
    print(f"truncated {truncated.relative_to(tmp)} and deleted {deleted.relative_to(tmp)}; the "
          f"rerun (exit {rc3}, {wall3:.0f} s) said:")
    for ln in said:
        print(f"  {ln}")
    eq = tables_equal(whole, resumed)
    print("same output as the uninterrupted run after the repair: "
          + ", ".join(f"{k} {'yes' if v is True else v if v is not False else 'NO'}" for k, v in eq.items()))


if __name__ == "__main__":
    main()
