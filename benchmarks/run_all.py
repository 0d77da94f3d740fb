"""slant's performance suite: one table of articles/s and peak memory.

    nice -n 15 .venv/bin/python benchmarks/run_all.py --limit 20

Rows: each stage alone (ingest, language, parse, techniques, entities, quotes, embeddings;
techniques also with the opt-in accurate model, which needs ``slant models fetch teacher``),
end to end (techniques, quotes and entities; no embeddings), the batch on 1 and 2 Dask
workers and its scaling, and the speed reference: a RoBERTa-large-architecture token
classifier (24 layers, hidden 1,024; the SemEval-2020 Task 11 winners' size) with random
weights, over the same articles, and the techniques stage's speed ratio to it.

Everything runs on one thread per process (``OMP_NUM_THREADS=1``, ``torch.set_num_threads(1)``)
and each measurement in its own subprocess, so its peak RSS is its own. Models are loaded
and one article analyzed (a warm-up) before the clock starts; load time is reported apart.
A stage that is not available prints ``n/a (reason)``. Articles: the PTC articles in
``../shared/data/ptc/articles`` (``--articles DIR`` or ``$SLANT_SHARED`` to change it).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ONE_THREAD = {"OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
              "TOKENIZERS_PARALLELISM": "false", "SLANT_THREADS": "1"}

# name -> (label, only, skip, stage whose own time is the stage figure)
STAGES = {
    "language": ("language", ["language"], [], "language"),
    "parse": ("parse (spaCy, shared by entities and quotes)", ["parse"], [], "parse"),
    "techniques": ("techniques", ["techniques"], [], "techniques"),
    "techniques_accurate": ("techniques, --model accurate (over the teacher)", ["techniques"], [],
                            "techniques"),
    "entities": ("entities", ["entities"], [], "entities"),
    "quotes": ("quotes", ["quotes"], [], "quotes"),
    "embeddings": ("embeddings", ["embed"], [], "embed"),
    "end_to_end": ("end to end (techniques, quotes, entities; no embeddings)", [], ["embed"], None),
}
# environment a row's child runs under, beside ONE_THREAD
STAGE_ENV = {"techniques_accurate": {"SLANT_MODEL": "accurate"}}  # n/a, with why, without the teacher
TARGET_END_TO_END = 2.5
TARGET_RATIO = 20.0
TARGET_SCALING = 1.8


def default_articles() -> Path:
    shared = Path(os.environ["SLANT_SHARED"]) if "SLANT_SHARED" in os.environ else REPO.parent / "shared"
    return shared / "data" / "ptc" / "articles"


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # KiB on Linux


def limit_torch_threads() -> None:
    try:
        import torch
    except ImportError:
        return
    torch.set_num_threads(1)
    try:
        torch.set_num_interop_threads(1)
    except RuntimeError:  # only settable once, before any parallel work
        pass


# -- measurements, each run in a child process -------------------------------------------------

def measure_ingest(args: argparse.Namespace) -> dict:
    """Read the article files with slant.ingest; write them as JSONL for the other children."""
    from slant.ingest import read_file

    files = sorted(Path(args.articles).glob("*.txt"))[: args.limit]
    t0, c0 = time.perf_counter(), time.process_time()
    articles = [a for f in files for a in read_file(f) if not isinstance(a, Exception)]
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    with open(args.jsonl, "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps({"text": a.text, "title": a.title, "source": "ptc"}) + "\n" for a in articles)
    return {"articles": len(articles), "seconds": seconds, "cpu_seconds": cpu}


def _load_articles(path: str) -> list:
    from slant.batch import read_items

    return [i.article for i in read_items([Path(path)]) if i.article is not None]


class CpuTimed:
    """A stage wrapped to add up the CPU time spent in it."""

    def __init__(self, stage) -> None:
        self.stage = stage
        self.cpu = 0.0

    def __getattr__(self, name: str):
        return getattr(self.stage, name)

    def __call__(self, ctx) -> None:
        c0 = time.process_time()
        try:
            self.stage(ctx)
        finally:
            self.cpu += time.process_time() - c0


def measure_stage(args: argparse.Namespace) -> dict:
    from slant.config import Settings
    from slant.pipeline import build_pipeline

    _, only, skip, own = STAGES[args.measure]
    articles = _load_articles(args.jsonl)
    limit_torch_threads()
    t0 = time.perf_counter()
    pipe = build_pipeline(Settings.from_env(threads=1), only=only, skip=skip)
    limit_torch_threads()
    list(pipe.analyze_many(articles[:1]))  # warm-up, not timed
    load = time.perf_counter() - t0
    pipe.timings = {k: 0.0 for k in pipe.timings}
    pipe.stages = [CpuTimed(st) for st in pipe.stages]
    t0, c0 = time.perf_counter(), time.process_time()
    analyses = list(pipe.analyze_many(articles))
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    names = [own] if own else [n for n in pipe.names if n not in ("language",)]
    failed = sum(1 for a in analyses if any(p.stage in names and not p.message.startswith("skipped")
                                            for p in a.problems))
    problems = sorted({p.message[:80] for a in analyses for p in a.problems if p.stage in names})
    if failed == len(analyses):
        return {"na": f"the stage failed on every article: {problems[0] if problems else '?'}"}
    out = {"articles": len(analyses), "seconds": seconds, "cpu_seconds": cpu, "load_seconds": load,
           "stages": pipe.names, "timings": pipe.timings}
    if own:
        out["stage_seconds"] = pipe.timings.get(own, seconds)
        out["stage_cpu_seconds"] = next(st.cpu for st in pipe.stages if st.name == own)
    if failed:
        out["note"] = f"{failed} articles with problems in {', '.join(names)}"
    return out


def tree_rss(proc) -> int:
    """RSS in bytes of a ``psutil.Process`` and all its descendants (0 for those gone)."""
    import psutil

    try:
        procs = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


def _tree_rss_sampler():
    """A thread summing the RSS of this process and all its descendants; returns a getter."""
    import threading

    import psutil

    peak = [0]
    stop = threading.Event()

    def sample() -> None:
        me = psutil.Process()
        while not stop.is_set():
            peak[0] = max(peak[0], tree_rss(me))
            stop.wait(0.2)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()

    def done() -> float:
        stop.set()
        thread.join()
        return peak[0] / 2**20

    return done


def measure_batch(args: argparse.Namespace) -> dict:
    from distributed import Client

    from slant.batch import local_cluster, run_batch

    workers = int(args.measure.removeprefix("batch"))
    with open(args.jsonl, encoding="utf-8") as fh:
        n = sum(1 for _ in fh)
    size = args.partition_size or max(1, n // 8)
    done = _tree_rss_sampler()
    with tempfile.TemporaryDirectory() as tmp, local_cluster(workers) as cluster, \
            Client(cluster) as client:
        only = [s for s in args.batch_only.split(",") if s]
        result = run_batch([args.jsonl], Path(tmp) / "out", only=only,
                           skip=[] if only else ["embed"], client=client, partition_size=size)
    peak = done()
    if result.failed:
        return {"na": f"{len(result.failed)} partitions failed: {result.failed[0][1][:100]}"}
    return {"articles": result.articles, "seconds": result.seconds,
            "cpu_seconds": result.cpu_seconds / workers,
            "load_seconds": result.startup_seconds, "peak_rss_mib": peak,
            "note": f"{workers} worker process(es), partitions of {size}, stages "
                    f"{args.batch_only or 'all but embed'}; RSS of all processes"}


def measure_memory(args: argparse.Namespace) -> dict:
    """Peak RSS of a batch of N generated articles (language stage only, 1 worker)."""
    import random

    from distributed import Client

    from slant.batch import local_cluster, run_batch

    n = int(args.measure.removeprefix("memory"))
    rng = random.Random(n)
    words = ["council", "harbour", "budget", "minister", "vote", "bridge", "court", "report", "river", "school", "strike", "market", "border", "storm", "hospital", "election", "plan", "city"]
    done = _tree_rss_sampler()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "generated.jsonl"
        with open(src, "w", encoding="utf-8") as fh:
            for i in range(n):
                body = " ".join(f"The {rng.choice(words)} {rng.choice(words)} was discussed on "
                                f"day {i} by the {rng.choice(words)} committee."
                                for _ in range(40))
                fh.write(json.dumps({"title": f"Item {i}", "url": f"https://example.invalid/{i}",
                                     "text": body}) + "\n")
        with local_cluster(1) as cluster, Client(cluster) as client:
            result = run_batch([src], Path(tmp) / "out", only=["language"], client=client,
                               partition_size=100)
    return {"articles": result.articles, "seconds": result.seconds,
            "cpu_seconds": result.cpu_seconds,
            "load_seconds": result.startup_seconds, "peak_rss_mib": done(),
            "note": "generated ~2 kB articles, language stage, 1 worker, partitions of 100; "
                    "RSS of all processes"}


def measure_reference(args: argparse.Namespace) -> dict:
    """RoBERTa-large architecture, random weights, token classification over 512-token windows."""
    import torch
    from transformers import AutoTokenizer, RobertaConfig, RobertaForTokenClassification

    from slant.resources import pinned_encoder_dir

    limit_torch_threads()
    articles = _load_articles(args.jsonl)[: args.ref_limit]
    t0 = time.perf_counter()
    torch.manual_seed(0)
    config = RobertaConfig(num_hidden_layers=24, hidden_size=1024, num_attention_heads=16,
                           intermediate_size=4096, max_position_embeddings=514,
                           type_vocab_size=1, vocab_size=50265, layer_norm_eps=1e-5,
                           num_labels=2 * 14 + 1)  # roberta-large's config; BIO over 14
    model = RobertaForTokenClassification(config).eval()
    # No download: the pinned encoder's WordPiece tokenizer stands in for RoBERTa's BPE
    # (its ids fit RoBERTa's 50,265-token vocabulary; English token counts are similar).
    tokenizer = AutoTokenizer.from_pretrained(str(pinned_encoder_dir()))
    window = 510

    def classify(text: str) -> int:
        ids = tokenizer(text, add_special_tokens=False)["input_ids"]
        windows = 0
        for start in range(0, max(len(ids), 1), window):
            chunk = [0, *ids[start : start + window], 2]  # RoBERTa's <s> ... </s>
            with torch.inference_mode():
                model(input_ids=torch.tensor([chunk])).logits.argmax(-1)
            windows += 1
        return windows

    classify("A short warm-up sentence.")
    load = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), time.process_time()
    windows = sum(classify(a.text) for a in articles)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {"articles": len(articles), "seconds": seconds, "cpu_seconds": cpu, "load_seconds": load,
            "note": f"{windows} windows of <=512 tokens, batch 1, fp32"}


def child(args: argparse.Namespace) -> None:
    try:
        if args.measure == "ingest":
            out = measure_ingest(args)
        elif args.measure in STAGES:
            out = measure_stage(args)
        elif args.measure.startswith("batch"):
            out = measure_batch(args)
        elif args.measure.startswith("memory"):
            out = measure_memory(args)
        elif args.measure == "reference":
            out = measure_reference(args)
        else:
            raise SystemExit(f"unknown measurement {args.measure}")
    except Exception as exc:  # noqa: BLE001 - reported as n/a by the parent
        out = {"na": f"{type(exc).__name__}: {str(exc).splitlines()[0][:160] if str(exc) else ''}"}
    out.setdefault("peak_rss_mib", peak_rss_mib())
    print("RESULT " + json.dumps(out))


# -- the parent: run the children, print the table ----------------------------------------------

def run_child(measure: str, args: argparse.Namespace, jsonl: Path) -> dict:
    cmd = [sys.executable, __file__, "--child", measure, "--jsonl", str(jsonl),
           "--articles", str(args.articles), "--limit", str(args.limit),
           "--ref-limit", str(args.ref_limit), "--partition-size", str(args.partition_size),
           "--batch-only", args.batch_only]
    env = {**os.environ, **ONE_THREAD, **STAGE_ENV.get(measure, {})}
    print(f"... {measure}", file=sys.stderr, flush=True)
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=REPO,
                              timeout=args.timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"na": f"timed out after {args.timeout} s"}
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT "):])
    tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
    return {"na": f"exit {proc.returncode}: {tail[:160]}"}


def rate(r: dict, key: str = "seconds") -> float | None:
    if "na" in r or not r.get(key):
        return None
    return r["articles"] / r[key]


def fmt(x: float | None, spec: str = ".2f") -> str:
    return "n/a" if x is None else format(x, spec)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=30, help="articles to use (first N by name)")
    ap.add_argument("--ref-limit", type=int, default=None,
                    help="articles for the RoBERTa-large reference (default: --limit)")
    ap.add_argument("--articles", type=Path, default=default_articles())
    ap.add_argument("--partition-size", type=int, default=0,
                    help="batch partition size (default: a eighth of the articles)")
    ap.add_argument("--only", default="", help="comma-separated measurements to run: ingest "
                    "(always), " + ", ".join(STAGES) + ", batch1, batch2, memory2000, memory10000, "
                    "reference")
    ap.add_argument("--batch-only", default="",
                    help="stages the batch rows run (default: all but embed, as end to end)")
    ap.add_argument("--timeout", type=int, default=1800, help="seconds per measurement")
    ap.add_argument("--child", dest="measure", help=argparse.SUPPRESS)
    ap.add_argument("--jsonl", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    args.ref_limit = args.ref_limit or args.limit
    if args.measure:
        child(args)
        return 0
    if not args.articles.is_dir():
        print(f"n/a: {args.articles} is absent (set SLANT_SHARED or pass --articles DIR)")
        return 0
    wanted = [m for m in args.only.split(",") if m] or None

    def want(m: str) -> bool:
        return wanted is None or m in wanted

    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "articles.jsonl"
        results["ingest"] = run_child("ingest", args, jsonl)
        if not jsonl.exists():
            print(f"n/a: could not read the articles ({results['ingest'].get('na')})")
            return 1
        for m in [*STAGES, "batch1", "batch2", "memory2000", "memory10000", "reference"]:
            results[m] = run_child(m, args, jsonl) if want(m) else {"na": "not run"}

    rows: list[tuple[str, ...]] = []

    def row(label: str, r: dict, speed: float | None, target: str = "", note: str = "",
            cpu_key: str = "cpu_seconds") -> None:
        if "na" in r:
            rows.append((label, "", f"n/a ({r['na']})", "", "", target, ""))
            return
        load = r.get("load_seconds")
        extra = [note] if note else []
        if load is not None:
            extra.append(f"load {load:.1f} s")
        if r.get("note"):
            extra.append(r["note"])
        rows.append((label, str(r["articles"]), fmt(speed), fmt(rate(r, cpu_key)),
                     fmt(r.get("peak_rss_mib"), ".0f"),
                     target, "; ".join(extra)))

    row("ingest (PTC .txt files)", results["ingest"], rate(results["ingest"]))
    for m, (label, _, _, own) in STAGES.items():
        r = results[m]
        if own:
            whole = rate(r)
            row(f"stage: {label}", r, rate(r, "stage_seconds"), cpu_key="stage_cpu_seconds",
                note=f"with its helper stages {fmt(whole)}/s" if whole else "")
        else:
            row(label + ", 1 thread", r, rate(r), f">= {TARGET_END_TO_END}",
                both(rate(r), rate(r, "cpu_seconds"), TARGET_END_TO_END))
    b1, b2 = rate(results["batch1"]), rate(results["batch2"])
    row("batch, 1 worker", results["batch1"], b1)
    row("batch, 2 workers", results["batch2"], b2)
    scaling = b2 / b1 if b1 and b2 else None
    c1, c2 = rate(results["batch1"], "cpu_seconds"), rate(results["batch2"], "cpu_seconds")
    # batch rows per CPU-s: articles / (workers' CPU time / workers), the rate on dedicated cores
    cpu_scaling = c2 / c1 if c1 and c2 else None
    rows.append(("batch scaling 1 -> 2 workers", "", fmt(scaling) + "x" if scaling else "n/a",
                 fmt(cpu_scaling) + "x" if cpu_scaling else "", "", f">= {TARGET_SCALING}x",
                 (f"efficiency {scaling / 2:.0%} wall clock; {both(scaling, cpu_scaling, TARGET_SCALING)}"
                  if scaling else "needs both batch rows")))
    row("bounded memory: batch of 2,000 articles", results["memory2000"],
        rate(results["memory2000"]))
    row("bounded memory: batch of 10,000 articles", results["memory10000"],
        rate(results["memory10000"]),
        note=_growth(results["memory2000"], results["memory10000"]))
    ref = rate(results["reference"])
    row("reference: RoBERTa-large token classifier, random weights, 1 thread",
        results["reference"], ref)
    tech = rate(results["techniques"], "stage_seconds") if "na" not in results["techniques"] else None
    ratio = tech / ref if tech and ref else None
    cpu_tech = rate(results["techniques"], "stage_cpu_seconds")
    cpu_ref = rate(results["reference"], "cpu_seconds")
    cpu_ratio = cpu_tech / cpu_ref if cpu_tech and cpu_ref else None
    rows.append(("techniques stage / reference", "", fmt(ratio, ".1f") + "x" if ratio else "n/a",
                 fmt(cpu_ratio, ".1f") + "x" if cpu_ratio else "", "", f">= {TARGET_RATIO:.0f}x",
                 both(ratio, cpu_ratio, TARGET_RATIO) if ratio else
                 "needs the techniques and reference rows"))

    header = ("measurement", "articles", "articles/s", "articles/CPU-s", "peak RSS MiB",
              "target", "note")
    print(f"slant benchmarks: {args.articles} (first {args.limit} articles; reference "
          f"{args.ref_limit}), {os.cpu_count()} CPUs, load average "
          f"{os.getloadavg()[0]:.2f} at the end, 1 thread per process; articles/CPU-s counts "
          "the process's own CPU time, which a busy shared machine distorts less")
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" for _ in header) + "|")
    for r in rows:
        print("| " + " | ".join(r) + " |")
    return 0


def _growth(small: dict, big: dict) -> str:
    if "na" in small or "na" in big:
        return ""
    return f"peak RSS {big['peak_rss_mib'] / small['peak_rss_mib']:.2f}x that of 2,000 articles"


def both(wall: float | None, cpu: float | None, target: float) -> str:
    """Whether the wall-clock and the CPU-time figures meet the target."""
    parts = [f"wall clock: {met(wall, target)}"]
    if cpu is not None:
        parts.append(f"CPU time: {met(cpu, target)}")
    return ", ".join(parts)


def met(value: float | None, target: float) -> str:
    if value is None:
        return ""
    return "target met" if value >= target else "below target"


if __name__ == "__main__":
    sys.exit(main())
