"""Corpus benchmark: store precomputed analyses, search, stats, and cluster stories.

    python benchmarks/corpus.py                 # 100,000 articles in SQLite, 10,000 clustered
    python benchmarks/corpus.py --n 5000 --cluster-n 2000    # quicker
    python benchmarks/corpus.py --batch 1       # load one transaction per article too (slow)
    python benchmarks/corpus.py --db postgresql://user@host/db   # the same on PostgreSQL

Prints figures (it asserts nothing). Targets: storing >= 500 articles/s; a filtered search and
an outlet x month stats query <= 200 ms each; clustering 10,000 articles <= 60 s on one core;
resolving actors over all stored articles (100,000) <= 60 s on one core; comparing a 20-article
story <= 200 ms. Synthetic articles: pseudo-words with a Zipf-like frequency, 14 techniques, quotes,
entities with descriptors, and 384-d embeddings drawn around story centroids.
"""

from __future__ import annotations

import os

for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")  # one core

import argparse
import random
import re
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta

import numpy as np

from slant.models import (
    TECHNIQUES,
    Analysis,
    Article,
    Descriptor,
    Entity,
    Mention,
    Provenance,
    Quote,
    Speaker,
    StageProvenance,
    TechniqueSpan,
)

SYLL = ["ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "da", "pe", "ri", "go", "la", "mu", "sen", "tor"]
OUTLETS = [f"Outlet {c}" for c in "ABCDEFGHIJKLMNOPQRST"]
FIRST = ["Ana", "Ben", "Cleo", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lea"]
PEOPLE = [f"{FIRST[i % len(FIRST)]} Person{i}" for i in range(400)]
START = datetime(2024, 1, 1, tzinfo=UTC)
DIM = 384


def vocabulary(rng: random.Random, n: int = 6000) -> list[str]:
    words = set()
    while len(words) < n:
        words.add("".join(rng.choice(SYLL) for _ in range(rng.randint(2, 4))))
    return sorted(words)


class Synth:
    def __init__(self, seed: int = 7, stories: int = 25000, days: float = 730,
                 noise: float = 0.9) -> None:
        self.days, self.noise = days, noise
        self.rng = random.Random(seed)
        self.np = np.random.default_rng(seed)
        self.vocab = vocabulary(self.rng)
        weights = 1.0 / np.arange(1, len(self.vocab) + 1)
        self.cum = np.cumsum(weights / weights.sum())
        self.n_stories = stories
        self.centroids: dict[int, np.ndarray] = {}

    def words(self, k: int) -> list[str]:
        idx = np.searchsorted(self.cum, self.np.random(k))
        return [self.vocab[min(i, len(self.vocab) - 1)] for i in idx]

    def centroid(self, story: int) -> np.ndarray:
        if story not in self.centroids:
            v = self.np.standard_normal(DIM).astype(np.float32)
            self.centroids[story] = v / np.linalg.norm(v)
        return self.centroids[story]

    def article(self, i: int) -> tuple[Analysis, int]:
        rng = self.rng
        story = rng.randrange(self.n_stories)
        day = story * (self.days / self.n_stories) + rng.uniform(0, 2)  # stories spread out in time
        published = START + timedelta(days=day)
        people = rng.sample(PEOPLE[(story * 7) % 380:(story * 7) % 380 + 20], 4)
        sentences = []
        for _ in range(14):
            w = self.words(rng.randint(10, 22))
            if rng.random() < 0.5:
                w[rng.randrange(len(w))] = rng.choice(people)
            sent = " ".join(w)
            # upper-case the first letter only (str.capitalize() would lower-case the names)
            sentences.append(sent[:1].upper() + sent[1:] + ".")
        text = " ".join(sentences)
        # quotes, entity mentions and technique spans at real offsets
        techs, quotes, ents = [], [], []
        for p in people:
            pos, j = [], text.find(p)
            while j >= 0 and len(pos) < 3:
                pos.append(j)
                j = text.find(p, j + 1)
            if not pos:
                continue
            ms = [Mention.model_construct(start=s, end=s + len(p)) for s in pos]
            ds = []
            ents.append(Entity.model_construct(name=p, type="PERSON", mentions=ms, descriptors=ds))
        if ents and rng.random() < 0.3:
            # a surname alone, as a separate entity (as NER sometimes leaves it): the actor
            # resolver links it to the full name within the article
            surname = ents[-1].name.split()[-1]
            j = text.find(surname)
            ents.append(Entity.model_construct(name=surname, type="PERSON",
                                               mentions=[Mention.model_construct(start=j, end=j + len(surname))],
                                               descriptors=[]))
        bounds = [0] + [m.end() for m in re.finditer(r"\. ", text)]
        for k in range(rng.randint(4, 12)):
            s0 = rng.choice(bounds)
            s = s0 + rng.randint(0, 20)
            e = min(len(text), s + rng.randint(8, 60))
            if e > s:
                techs.append(TechniqueSpan.model_construct(start=s, end=e, text=text[s:e],
                                           technique=rng.choice(TECHNIQUES), score=0.7))
        for k in range(3):
            s = rng.choice(bounds)
            e = min(len(text), s + rng.randint(30, 90))
            who = ents[k % len(ents)] if ents else None
            spk = None
            if who:
                m = who.mentions[0]
                spk = Speaker.model_construct(start=m.start, end=m.end, text=text[m.start:m.end], name=who.name)
            quotes.append(Quote.model_construct(start=s, end=e, text=text[s:e], kind="direct", speaker=spk))
        emb = self.centroid(story) + self.noise * self.np.standard_normal(DIM).astype(np.float32) / np.sqrt(DIM)
        emb = emb / np.linalg.norm(emb)
        title = " ".join(self.words(6)).capitalize()
        a = Analysis(
            article=Article(title=title, text=text, url=f"https://news{i % 20}.test/a/{i}",
                            source=OUTLETS[i % len(OUTLETS)], published=published),
            techniques=techs, quotes=quotes, entities=ents, embedding=emb.round(5).tolist(),
            provenance=Provenance(slant_version="0.1.0",
                                  stages=[StageProvenance(name="techniques", version="1")]),
        )
        # a descriptor on the first entity
        if ents and rng.random() < 0.5:
            pos = text.find(ents[0].name)
            span = text[pos:pos + len(ents[0].name)]
            ents[0].descriptors.append(Descriptor.model_construct(start=pos, end=pos + len(span), text=span, kind="alias"))
        return a, story


def bench_actors(store, story_of: dict[str, int], n: int) -> None:
    """Resolve actors over every stored article (their stories set to the generating ones),
    then compare a 20-article story."""
    from sqlalchemy import bindparam, update

    from slant.store import schema as t
    from slant.stories import compare_ids, update_actors

    from sqlalchemy import select

    a = t.articles.c
    t0 = time.perf_counter()
    if story_of:
        rows = [{"aid": k, "sid": v + 1} for k, v in story_of.items()]
        how = "the generating stories"
    else:  # an existing database (--n 0 --db ...): one story per publication day
        with store.engine.connect() as conn:
            got = conn.execute(select(a.id, a.published)).all()
        rows = [{"aid": i, "sid": (p - START.replace(tzinfo=None)).days + 1 if p else None}
                for i, p in got]
        how = "one story per publication day"
    with store.engine.begin() as conn:
        conn.execute(update(t.articles).where(a.id == bindparam("aid"))
                     .values(story_id=bindparam("sid")), rows)
    n = len(rows)
    story_of = story_of or {r["aid"]: 0 for r in rows[:20]}
    print(f"actors: stories set on {n:,} articles ({how}) in {time.perf_counter() - t0:.1f} s")
    for label in ("first resolution (every name new)", "again (nothing changed)"):
        t0, c0 = time.perf_counter(), time.process_time()
        run = update_actors(store)
        sec, cpu = time.perf_counter() - t0, time.process_time() - c0
        print(f"actors: {label}: {run.names:,} names of {n:,} articles -> {run.actors:,} actors "
              f"({run.changed:,} relinked) in {sec:.1f} s wall, {cpu:.1f} s CPU, one thread")
    ids = list(story_of)[:20]
    fn = lambda: compare_ids(store, ids)  # noqa: E731
    fn()
    sec, cpu, cmp = timed(fn)
    print(f"compare: a 20-article story (from the store, actors linked): {sec * 1000:.1f} ms wall, "
          f"{cpu * 1000:.1f} ms CPU ({len(cmp.speakers)} actors quoted, {len(cmp.quotes)} shared quotes)")


def by_quoted_name(store) -> list:
    """Speech quotes and articles per outlet and quoted name, no actors: what counting by
    actor (``top_speakers``) is measured against."""
    from sqlalchemy import func, select

    from slant.models import REPORTED_KINDS
    from slant.store import schema as t

    qc = t.quotes.c
    q = (select(qc.source, qc.speaker_norm, func.min(qc.speaker), func.count(),
                func.count(qc.article_pk.distinct()))
         .where(qc.speaker_norm.is_not(None), qc.kind.in_(REPORTED_KINDS), qc.speech.is_(True))
         .group_by(qc.source, qc.speaker_norm))
    with store.engine.connect() as conn:
        return conn.execute(q).all()


def timed(fn, repeat: int = 5) -> tuple[float, float, object]:
    """Median wall-clock and CPU seconds of ``repeat`` calls, and the last result."""
    times, cpu, out = [], [], None
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        out = fn()
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return statistics.median(times), statistics.median(cpu), out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000, help="articles to store")
    ap.add_argument("--cluster-n", type=int, default=10_000, help="articles to cluster")
    ap.add_argument("--db", default=None, help="database URL (default: a temporary SQLite file)")
    ap.add_argument("--chunk", type=int, default=500)
    ap.add_argument("--batch", type=int, default=500,
                    help="articles per transaction while loading the first --n (1: one each)")
    ap.add_argument("--no-actors", dest="actors", action="store_false",
                    help="skip resolving actors and comparing a story")
    ap.add_argument("--measure", type=int, default=2000,
                    help="then store this many more, one transaction each, and time them")
    args = ap.parse_args()

    from slant.store import open_store
    from slant.stories import cluster

    tmp = tempfile.mkdtemp(prefix="slant-bench-")
    url = args.db or f"sqlite:///{tmp}/corpus.db"
    store = open_store(url)
    synth = Synth(stories=max(10, args.n // 4))
    print(f"database: {store.url}")

    story_of: dict[str, int] = {}

    def load(count: int, first: int, batch: int) -> tuple[float, float, float]:
        wall = cpu = gen = 0.0
        done = 0
        while done < count:
            t0 = time.perf_counter()
            made = [synth.article(first + done + j) for j in range(min(args.chunk, count - done))]
            chunk = [a for a, _ in made]
            story_of.update((a.article.id, st) for a, st in made)
            gen += time.perf_counter() - t0
            t0, c0 = time.perf_counter(), time.process_time()
            store.save_many(chunk, batch=batch)
            wall += time.perf_counter() - t0
            cpu += time.process_time() - c0
            done += len(chunk)
            if batch > 1 and (done % 20_000 == 0 or done == count):
                print(f"  loaded {done:>7,}  {done / wall:7.0f} articles/s so far", flush=True)
        return wall, cpu, gen

    def mode(batch: int) -> str:
        return "one transaction each" if batch == 1 else f"{batch} per transaction, a savepoint each"

    if args.n:
        wall, cpu, gen = load(args.n, 0, args.batch)
        print(f"load: {args.n:,} precomputed analyses in {wall:.1f} s = {args.n / wall:.0f} "
              f"articles/s wall, {args.n / cpu:.0f} per CPU-second ({mode(args.batch)}; generating "
              f"them took {gen:.1f} s more)")
    if args.measure:
        wall, cpu, _ = load(args.measure, args.n, 1)
        print(f"store: {args.measure:,} more into the {args.n:,}-article database, one transaction "
              f"each: {args.measure / wall:.0f} articles/s wall, {args.measure / cpu:.0f} per "
              f"CPU-second (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores: "
              "wall-clock suffers when other processes share them)")

    word = synth.vocab[40]
    rare = synth.vocab[300]
    person = store.top_entities(limit=1)[0][0]
    speaker = store.top_speakers(outlet="Outlet D", limit=1)[0].speaker
    since = START + timedelta(days=200)
    until = START + timedelta(days=500)
    cases = {
        "search: one common word": lambda: store.search(word),
        "search: word + outlet + technique + dates": lambda: store.search(
            word, outlet="Outlet C", technique="Loaded_Language", since=since, until=until),
        "search: rarer word + entity": lambda: store.search(rare, entity=person),
        "search: filters only (outlet + technique + speaker)": lambda: store.search(
            outlet="Outlet D", technique="Doubt", speaker=speaker),
        "search: page 10 of a filtered search": lambda: store.search(
            word, outlet="Outlet C", limit=20, offset=180),
        "stats: outlet x month technique rates (all)": lambda: store.technique_rates(),
        "stats: one outlet, one year": lambda: store.technique_rates(
            outlet="Outlet B", since="2024-01", until="2024-12"),
        "stats: top speakers per outlet": lambda: store.top_speakers(limit=10),
        "stats: quotes per outlet and quoted name (baseline)": lambda: by_quoted_name(store),
        "stats: entity profile": lambda: store.entity_profile(person),
        "outlets": lambda: store.outlets(),
    }
    for name, fn in cases.items():
        fn()  # warm
        sec, cpu, out = timed(fn)
        size = getattr(out, "total", None)
        size = size if size is not None else (len(out) if isinstance(out, list) else "")
        print(f"{name:<52} {sec * 1000:8.1f} ms wall {cpu * 1000:8.1f} ms CPU  ({size} results)")

    if args.actors and (args.n or args.db):
        bench_actors(store, story_of, store.count())

    # clustering
    synth_c = Synth(seed=11, stories=max(10, args.cluster_n // 4), days=60)
    cands, truth = [], {}

    class C:
        __slots__ = ("embedding", "entities", "id", "published", "source", "story_id", "terms",
                     "title")

    story_words: dict[int, list[str]] = {}
    for i in range(args.cluster_n):
        a, story = synth_c.article(i)
        c = C()
        c.id, c.title, c.source = a.article.id, a.article.title, a.article.source
        c.published, c.embedding = a.article.published, a.embedding
        c.entities, c.story_id = [e.name for e in a.entities], None
        # content terms: 20 of the story's 30 own words and 10 of anything (the synthetic
        # texts are random words; real articles on one story share their content words)
        own = story_words.setdefault(story, synth_c.rng.sample(synth_c.vocab[500:], 30))
        c.terms = synth_c.rng.sample(own, 20) + synth_c.rng.sample(synth_c.vocab[500:], 10)
        cands.append(c)
        truth[c.id] = story
    t0, c0 = time.perf_counter(), time.process_time()
    res = cluster(cands)
    sec, cpu = time.perf_counter() - t0, time.process_time() - c0
    # pairwise precision/recall against the generating stories
    from itertools import combinations

    def pairs(labels: dict[str, int]) -> set[tuple[str, str]]:
        groups: dict[int, list[str]] = {}
        for k, v in labels.items():
            groups.setdefault(v, []).append(k)
        return {p for g in groups.values() for p in combinations(sorted(g), 2)}

    got, want = pairs(res.assignments), pairs(truth)
    prec = len(got & want) / len(got) if got else 1.0
    rec = len(got & want) / len(want) if want else 1.0
    print(f"stories: clustered {args.cluster_n:,} articles in {sec:.1f} s wall, {cpu:.1f} s CPU, one thread "
          f"({len(set(res.assignments.values())):,} stories; pairwise precision {prec:.3f}, "
          f"recall {rec:.3f} against the synthetic stories: "
          f"{args.cluster_n // 4:,} stories over 60 days, same-story embeddings at cosine ~0.5, "
          "two thirds of the content terms shared)")


if __name__ == "__main__":
    main()
