"""Web benchmark: p95 latency of the article page and search under load, and analyze time.

    nice -n 15 .venv/bin/python benchmarks/web.py                 # 10,000 articles, 20 clients
    nice -n 15 .venv/bin/python benchmarks/web.py --n 2000 --seconds 5 --skip-analyze

1. Fills a SQLite store with ``--n`` synthetic analyzed articles (benchmarks/corpus.py's
   generator; the file is kept in the temp dir and reused).
2. Starts ``slant serve`` on 127.0.0.1 in a subprocess (one uvicorn worker).
3. From this process, ``--clients`` concurrent HTTP clients hit one endpoint at a time for
   ``--seconds`` each (after a short warm-up): the article page (HTML), the search API
   (JSON) and the corpus search page (HTML, with technique bars).
4. Times ``POST /api/v1/analyze`` of a 5,000-character text through the app in-process with
   the real pipeline on one thread (cold: models load; warm: median of 3).

Prints figures only. Targets: p95 <= 150 ms for the article page and search at 20
clients; analyze of 5,000 characters <= 1.5 s on one core.

Load check (``--load-check``): ``--clients`` ordinary clients search for
``--seconds`` alone (the quiet p95), then again while one client sends worst-case searches
(one word repeated up to 500 characters, and the 12 most common words together) and another
sends maximum-size analyses (the real pipeline, in the server's analysis process). It prints
the ordinary clients' p95 loaded / quiet, every status code each kind of client got, and how
long the server (and its analysis process) took to go idle after the last client left.
Targets: ratio <= 2, no 5xx, idle within 5 s.

    nice -n 15 .venv/bin/python benchmarks/web.py --load-check --n 10000 --seconds 20
"""

from __future__ import annotations

import os

for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import argparse
import asyncio
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def fill_store(url: str, n: int) -> tuple[list[str], list[str], list[str]]:
    """Make sure the store holds ``n`` articles; return (ids, outlets, search words)."""
    sys.path.insert(0, str(HERE))
    from corpus import Synth  # the corpus benchmark's synthetic articles

    from slant.store import open_store

    store = open_store(url)
    synth = Synth(seed=11)
    have = store.count()
    if have < n:
        t0 = time.perf_counter()
        store.save_many(synth.article(i)[0] for i in range(have, n))
        dt = time.perf_counter() - t0
        print(f"stored {n - have:,} synthetic articles in {dt:.1f} s "
              f"({(n - have) / dt:,.0f}/s)")
    ids: list[str] = []
    offset = 0
    while len(ids) < min(n, 2000):
        page = store.search(None, limit=100, offset=offset)
        if not page.items:
            break
        ids += [i.id for i in page.items]
        offset += 100
    outlets = [o.source for o in store.outlets()]
    # Pseudo-words are Zipf-distributed by index: 100..3000 match roughly 20% to 0.5% of the
    # articles, like specific search terms. (A word in nearly every article is a separate,
    # much slower case: see the "common word" line.)
    words = synth.vocab[100:3000]
    COMMON[:] = synth.vocab[:12]  # the most frequent pseudo-words
    print(f"store: {store.count():,} articles, {len(outlets)} outlets ({url})")
    store.close()
    return ids, outlets, words, synth.vocab[5]


COMMON: list[str] = []


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(url: str, port: int) -> subprocess.Popen:
    import httpx

    proc = subprocess.Popen(
        [sys.executable, "-m", "slant", "serve", "--db", url, "--host", "127.0.0.1",
         "--port", str(port)],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"slant serve exited: {proc.stderr.read().decode()[-2000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("slant serve did not start within 60 s")


async def _get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str,
               path: str) -> int:
    """One keep-alive HTTP/1.1 GET on an open connection; returns the status code.
    (A bare client, so the load generator takes little of the CPU the server needs.)"""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: */*\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    length = 0
    for line in lines[1:]:
        if line.lower().startswith("content-length:"):
            length = int(line.split(":", 1)[1])
    if length:
        await reader.readexactly(length)
    return status


async def load(base: str, make_path, clients: int, seconds: float, warmup: float
               ) -> tuple[list[float], int, float, int]:
    """Load for ``seconds`` after ``warmup``: (latencies, errors, elapsed, warm-up requests)."""
    host, port = base.split("//", 1)[1].split(":")
    latencies: list[float] = []
    errors = 0
    warm = 0
    rng = random.Random(5)

    async def worker(until: float, record: bool) -> None:
        nonlocal errors, warm
        reader, writer = await asyncio.open_connection(host, int(port))
        try:
            while time.perf_counter() < until:
                path = quote(make_path(rng), safe="/?=&")
                t0 = time.perf_counter()
                try:
                    ok = await _get(reader, writer, f"{host}:{port}", path) == 200
                except (OSError, asyncio.IncompleteReadError, ValueError):
                    ok = False
                    writer.close()
                    reader, writer = await asyncio.open_connection(host, int(port))
                dt = time.perf_counter() - t0
                if record:
                    latencies.append(dt)
                    errors += 0 if ok else 1
                else:
                    warm += 1
        finally:
            writer.close()

    end = time.perf_counter() + warmup
    await asyncio.gather(*(worker(end, False) for _ in range(clients)))
    start = time.perf_counter()
    await asyncio.gather(*(worker(start + seconds, True) for _ in range(clients)))
    elapsed = time.perf_counter() - start
    return latencies, errors, elapsed, warm


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc; NaN elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return float("nan")


def tree_cpu_seconds(pid: int) -> float:
    """CPU time of a process and its live children (the server and its analysis process)."""
    total = cpu_seconds(pid)
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            total += cpu_seconds(int(stat.parent.name))
    return total


async def _request(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str,
                   method: str, path: str, body: bytes = b"") -> int:
    """One keep-alive request with an optional JSON body; returns the status code."""
    head = f"{method} {path} HTTP/1.1\r\nHost: {host}\r\nAccept: */*\r\n"
    if body:
        head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
    writer.write(head.encode() + b"\r\n" + body)
    await writer.drain()
    raw = await reader.readuntil(b"\r\n\r\n")
    lines = raw.decode("latin-1").split("\r\n")
    length = next((int(x.split(":", 1)[1]) for x in lines[1:]
                   if x.lower().startswith("content-length:")), 0)
    if length:
        await reader.readexactly(length)
    return int(lines[0].split()[1])


async def mixed_load(base: str, ordinary, clients: int, seconds: float, worst: list[str] | None,
                     analyze_body: bytes | None) -> dict:
    """``clients`` ordinary GET clients for ``seconds``; with ``worst``, one more client cycling
    through those paths; with ``analyze_body``, one more posting it to /api/v1/analyze until the
    time is up (its last analysis is abandoned: the client just leaves)."""
    from collections import Counter

    host, port = base.split("//", 1)[1].split(":")
    rng = random.Random(7)
    out = {"latencies": [], "ordinary": Counter(), "worst": Counter(), "worst_s": [],
           "analyze": Counter(), "analyze_s": []}
    until = time.perf_counter() + seconds

    async def connect():
        return await asyncio.open_connection(host, int(port))

    async def ordinary_client() -> None:
        reader, writer = await connect()
        while time.perf_counter() < until:
            t0 = time.perf_counter()
            try:
                status = await _request(reader, writer, f"{host}:{port}", "GET",
                                        quote(ordinary(rng), safe="/?=&"))
            except (OSError, asyncio.IncompleteReadError, ValueError):
                status = 0
                writer.close()
                reader, writer = await connect()
            out["latencies"].append(time.perf_counter() - t0)
            out["ordinary"][status] += 1
        writer.close()

    async def worst_client() -> None:
        reader, writer = await connect()
        i = 0
        while time.perf_counter() < until:
            t0 = time.perf_counter()
            status = await _request(reader, writer, f"{host}:{port}", "GET",
                                    quote(worst[i % len(worst)], safe="/?=&"))
            out["worst_s"].append(time.perf_counter() - t0)
            out["worst"][status] += 1
            i += 1
        writer.close()

    async def analyze_client() -> None:
        while time.perf_counter() < until:
            reader, writer = await connect()
            t0 = time.perf_counter()
            try:
                status = await asyncio.wait_for(
                    _request(reader, writer, f"{host}:{port}", "POST", "/api/v1/analyze",
                             analyze_body), timeout=max(0.1, until - time.perf_counter()))
                out["analyze"][status] += 1
                out["analyze_s"].append(time.perf_counter() - t0)
            except TimeoutError:
                out["analyze"]["left"] += 1  # the window closed: the client leaves
            finally:
                writer.close()

    tasks = [ordinary_client() for _ in range(clients)]
    if worst:
        tasks.append(worst_client())
    if analyze_body:
        tasks.append(analyze_client())
    await asyncio.gather(*tasks)
    return out


def seconds_to_idle(pid: int, limit: float = 60.0, window: float = 0.5,
                    busy: float = 0.1) -> float:
    """Seconds until the server and its children use under ``busy`` of a core over ``window``."""
    t0 = time.perf_counter()
    last = tree_cpu_seconds(pid)
    while time.perf_counter() - t0 < limit:
        time.sleep(window)
        now = tree_cpu_seconds(pid)
        if now - last < busy * window:
            return time.perf_counter() - t0 - window
        last = now
    return float("inf")


def huge_article(chars: int = 200_000, every: int = 45) -> None:
    """The article page of a ``chars``-character article with a technique span every ``every``
    characters: bytes and time of part 1 (cold, then cached), and of highlighting it whole."""
    from fastapi.testclient import TestClient

    from slant.config import Settings
    from slant.models import TECHNIQUES, Analysis, Article, Provenance, TechniqueSpan
    from slant.store import open_store
    from slant.web import create_app
    from slant.web._highlight import highlight

    text = sample_text(chars)
    spans = [TechniqueSpan(start=i, end=i + 20, text=text[i:i + 20], score=0.5,
                           technique=TECHNIQUES[(i // every) % len(TECHNIQUES)])
             for i in range(0, len(text) - 20, every)]
    analysis = Analysis(article=Article(title="Huge", text=text, source="Bench"),
                        techniques=spans, provenance=Provenance(slant_version="bench"))
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp), db_url=f"sqlite:///{tmp}/h.db")
        store = open_store(settings.database_url, settings=settings)
        aid = store.save(analysis)
        client = TestClient(create_app(settings, store=store), base_url="http://127.0.0.1")
        t0 = time.perf_counter()
        first = client.get(f"/articles/{aid}")
        cold = time.perf_counter() - t0
        times = []
        for _ in range(5):
            t0 = time.perf_counter()
            client.get(f"/articles/{aid}")
            times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        whole = highlight(text, spans)
        whole_s = time.perf_counter() - t0
        client.close()
        store.close()
    parts = first.text.count("Part 1 of ") and first.text.split("Part 1 of ", 1)[1].split(" ", 1)[0]
    print(f"huge article: {len(text):,} characters, {len(spans):,} spans; article page part 1 of "
          f"{parts}: {len(first.content) / 1024:.0f} KiB, {first.text.count('<mark '):,} marks, "
          f"{cold * 1000:.0f} ms cold, {statistics.median(times) * 1000:.1f} ms cached (median of 5); "
          f"the whole text highlighted at once: {len(whole) / 1024:.0f} KiB in {whole_s * 1000:.0f} ms")


def load_check(url: str, words: list[str], common: list[str], clients: int, seconds: float,
               max_chars: int) -> None:
    import httpx

    port = free_port()
    server = start_server(url, port)
    base = f"http://127.0.0.1:{port}"
    try:
        # The analysis process loads the models once, before anything is measured.
        t0 = time.perf_counter()
        r = httpx.post(base + "/api/v1/analyze", json={"text": sample_text(2000)}, timeout=600)
        print(f"load check: warm-up analysis {r.status_code} in {time.perf_counter() - t0:.1f} s "
              f"(the analysis process starts and loads the models)")

        def ordinary(rng):
            return f"/api/v1/search?q={rng.choice(words)}"

        worst = [f"/api/v1/search?q={' '.join([common[0]] * (500 // (len(common[0]) + 1)))}",
                 f"/api/v1/search?q={' '.join(common[:12])}",
                 f"/corpus?q={' '.join([common[1]] * (500 // (len(common[1]) + 1)))}",
                 f"/api/v1/search?q={' '.join(['a'] * 250)}"]
        body = ('{"text": ' + __import__("json").dumps(sample_text(max_chars)) + "}").encode()
        asyncio.run(mixed_load(base, ordinary, clients, 2.0, None, None))  # warm-up
        quiet = asyncio.run(mixed_load(base, ordinary, clients, seconds, None, None))
        loaded = asyncio.run(mixed_load(base, ordinary, clients, seconds, worst, body))
        idle = seconds_to_idle(server.pid)
        q95, l95 = pct(quiet["latencies"], 95), pct(loaded["latencies"], 95)
        five = sum(n for k, n in [*loaded["ordinary"].items(), *loaded["worst"].items(),
                                  *loaded["analyze"].items(), *quiet["ordinary"].items()]
                   if isinstance(k, int) and k >= 500)
        print(f"load check: {clients} search clients, {seconds:g} s each phase, "
              f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
        print(f"  quiet : p50 {pct(quiet['latencies'], 50) * 1000:7.1f} ms  p95 {q95 * 1000:7.1f} ms"
              f"  {len(quiet['latencies']) / seconds:6.1f} req/s  statuses {dict(quiet['ordinary'])}")
        print(f"  loaded: p50 {pct(loaded['latencies'], 50) * 1000:7.1f} ms  p95 {l95 * 1000:7.1f} ms"
              f"  {len(loaded['latencies']) / seconds:6.1f} req/s  statuses {dict(loaded['ordinary'])}")
        print(f"  p95 loaded / quiet: {l95 / q95:.2f} (target <= 2)")
        print(f"  worst-case searches: {sum(loaded['worst'].values())} sent, statuses "
              f"{dict(loaded['worst'])}, p95 {pct(loaded['worst_s'], 95) * 1000:.0f} ms, "
              f"max {max(loaded['worst_s'], default=0) * 1000:.0f} ms")
        done = ", ".join(f"{s:.1f}" for s in loaded["analyze_s"])
        print(f"  analyses of {max_chars:,} characters: statuses {dict(loaded['analyze'])}"
              f" (finished in {done or '-'} s; 'left': still running when the window closed)")
        print(f"  5xx responses: {five} (target 0)")
        print(f"  server idle {idle:.1f} s after the last client left (target <= 5 s)")
    finally:
        stop_server(server)


def stop_server(server: subprocess.Popen) -> None:
    """Terminate the server process; kill it if it has not gone within 10 s."""
    server.terminate()
    try:
        server.wait(10)
    except subprocess.TimeoutExpired:
        server.kill()


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, round(p / 100 * (len(s) - 1)))] if s else float("nan")


def analyze_sizes(sizes: list[int]) -> None:
    """Wall time of one analysis per text size, real pipeline on one thread, in-process (the
    pipeline is built and warmed on a short text first): is the time linear in the length?"""
    import torch

    from slant.config import Settings
    from slant.ingest import read_text
    from slant.pipeline import build_pipeline

    torch.set_num_threads(1)
    pipe = build_pipeline(Settings.from_env(threads=1))
    t0 = time.perf_counter()
    pipe.analyze(read_text(sample_text(2000), origin="warm-up"))
    print(f"analyze sizes: build and warm-up {time.perf_counter() - t0:.1f} s "
          f"(load average {os.getloadavg()[0]:.1f})")
    for n in sizes:
        art = read_text(sample_text(n), origin="bench")
        t0 = time.perf_counter()
        pipe.analyze(art)
        dt = time.perf_counter() - t0
        print(f"  {len(art.text):>9,} characters: {dt:6.1f} s ({dt / len(art.text) * 1000:.2f} s per "
              f"1,000 characters; load average {os.getloadavg()[0]:.1f})", flush=True)


def analyze_timing(chars: int = 5000) -> None:
    import torch
    from fastapi.testclient import TestClient

    from slant.config import Settings
    from slant.web import create_app

    torch.set_num_threads(1)
    text = sample_text(chars)
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings.from_env(db_url=f"sqlite:///{tmp}/a.db", threads=1)
        client = TestClient(create_app(settings))
        t0 = time.perf_counter()
        r = client.post("/api/v1/analyze", json={"text": text})
        cold = time.perf_counter() - t0
        if r.status_code != 200:
            print(f"analyze {len(text):,} chars: n/a ({r.json()['error']['message'][:200]})")
            return
        problems = r.json()["analysis"]["problems"]
        warm = []
        for _ in range(3):
            t0 = time.perf_counter()
            client.post("/api/v1/analyze", json={"text": text})
            warm.append(time.perf_counter() - t0)
        client.close()
    print(f"analyze {len(text):,} chars via POST /api/v1/analyze (1 thread): "
          f"warm median {statistics.median(warm):.2f} s, min {min(warm):.2f} s; "
          f"cold (pipeline build + models) {cold:.1f} s")
    if problems:
        print("  stage problems: " + "; ".join(f"{p['stage']}: {p['message'][:80]}" for p in problems))


SENTENCES = [
    "The regional council met on Thursday to decide the future of the old harbour.",
    '"We have waited long enough for a decision," said Ana Ruiz, who chairs the residents group.',
    "Opponents described the plan as a reckless gamble with public money.",
    "The mayor, a former engineer, insisted the figures had been checked twice.",
    "Every family in the valley will pay for this mistake, one critic warned.",
    "According to the finance office, the project would cost about forty million.",
    "Supporters argue that the new terminal will bring hundreds of jobs to the coast.",
    "Can anyone really believe a report commissioned by the developers themselves?",
    "Local fishermen, many of whom oppose the scheme, gathered outside the town hall.",
    '"This is the only way to save the port," the mayor told reporters after the vote.',
]


def sample_text(chars: int) -> str:
    out, i = [], 0
    while sum(len(s) + 1 for s in out) < chars:
        out.append(SENTENCES[i % len(SENTENCES)])
        i += 1
    return " ".join(out)[:chars].rsplit(" ", 1)[0] + "."


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000, help="stored articles")
    ap.add_argument("--db", default=None, help="SQLite file (default: a reused temp file)")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=15.0, help="load time per endpoint")
    ap.add_argument("--warmup", type=float, default=2.0)
    ap.add_argument("--skip-analyze", action="store_true")
    ap.add_argument("--load-check", action="store_true",
                    help="only the load check: search under worst-case queries and a maximum-size analyze")
    ap.add_argument("--max-chars", type=int, default=100_000,
                    help="load check: the analyzed text's size (the web limit)")
    ap.add_argument("--analyze-sizes", default=None,
                    help="only analysis times for these text sizes, e.g. 5000,25000,100000")
    ap.add_argument("--huge-article", action="store_true",
                    help="only the article page of a 200,000-character article (in-process)")
    args = ap.parse_args()
    if args.huge_article:
        huge_article()
        return
    if args.analyze_sizes:
        analyze_sizes([int(x) for x in args.analyze_sizes.split(",")])
        return

    db = Path(args.db or Path(tempfile.gettempdir()) / f"slant-web-bench-{args.n}.db")
    url = f"sqlite:///{db}"
    ids, outlets, words, common = fill_store(url, args.n)
    if args.load_check:
        load_check(url, words, COMMON, args.clients, args.seconds, args.max_chars)
        return
    port = free_port()
    server = start_server(url, port)
    base = f"http://127.0.0.1:{port}"
    scenarios = {
        "article page  GET /articles/{id}": lambda r: f"/articles/{r.choice(ids)}",
        "search API    GET /api/v1/search?q=…": lambda r: (
            f"/api/v1/search?q={r.choice(words)}" + (f"&outlet={r.choice(outlets)}"
                                                     if r.random() < 0.5 else "")),
        "corpus page   GET /corpus?q=…": lambda r: f"/corpus?q={r.choice(words)}",
    }
    try:
        print(f"{args.clients} concurrent clients, {args.seconds:g} s per endpoint, "
              "server: slant serve (1 uvicorn worker) in a subprocess, loopback; "
              f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start")
        print("(server CPU/req: the server's own CPU time per request, which does not depend on "
              "what else the machine is running)")
        for name, make in scenarios.items():
            cpu0 = cpu_seconds(server.pid)
            lat, errors, elapsed, warm = asyncio.run(load(base, make, args.clients, args.seconds,
                                                          args.warmup))
            cpu = (cpu_seconds(server.pid) - cpu0) * 1000 / max(len(lat) + warm, 1)
            print(f"{name:<40} {len(lat) / elapsed:7.1f} req/s  p50 {pct(lat, 50) * 1000:6.1f} ms"
                  f"  p95 {pct(lat, 95) * 1000:6.1f} ms  p99 {pct(lat, 99) * 1000:6.1f} ms"
                  f"  errors {errors}  server CPU/req {cpu:.1f} ms")
        import httpx

        for label, path in (("one search, a word in ~98% of articles", f"/api/v1/search?q={common}"),
                            ("one search, no query (newest first)", "/api/v1/search")):
            times = []
            for _ in range(3):
                t0 = time.perf_counter()
                httpx.get(base + path, timeout=60)
                times.append(time.perf_counter() - t0)
            print(f"{label:<40} {statistics.median(times) * 1000:7.1f} ms (median of 3, no load)")
    finally:
        stop_server(server)
    if not args.skip_analyze:
        analyze_timing()


if __name__ == "__main__":
    main()
