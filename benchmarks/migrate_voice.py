"""How long the voice migration (0004) takes on a database stored before voice existed.

    nice -n 10 .venv/bin/python benchmarks/migrate_voice.py [--n 5000]

Writes ``--n`` invented articles (each with quotes, technique spans, descriptors; analyses as
slant 0002 stored them) into a fresh SQLite file at schema 0002, then opens it with slant,
which migrates it, and prints the seconds and articles per second. Nothing is read from
../shared.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

TEXT = ("Council row {i}\n\nThe reckless council met again on Monday. "
        '"This vile plan will ruin every family on the quay," said Dana Holt, a fisher. '
        "Holt, the harbour master, spoke for an hour. Critics called the plan a sell-out. "
        '"We will not back down," Holt told reporters. The vote is on Friday.')


def analysis(i: int):
    from slant.models import (
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

    text = TEXT.format(i=i)

    def at(piece: str) -> tuple[int, int]:
        s = text.index(piece)
        return s, s + len(piece)

    techs = [TechniqueSpan(technique=t, start=at(p)[0], end=at(p)[1], text=p, score=0.6)
             for t, p in (("Loaded_Language", "reckless"), ("Loaded_Language", "vile plan"),
                          ("Appeal_to_fear-prejudice", "ruin every family"),
                          ("Name_Calling,Labeling", "a sell-out"))]
    quotes = []
    for piece in ('"This vile plan will ruin every family on the quay,"',
                  '"We will not back down,"'):
        s, e = at(piece)
        hs = text.index("Holt", e)
        quotes.append(Quote(start=s, end=e, text=piece, kind="direct",
                            speaker=Speaker(start=hs, end=hs + 4, text="Holt", name="Dana Holt")))
    holt = Entity(name="Dana Holt", type="PERSON", mentions=[Mention(start=at("Dana Holt")[0],
                                                                     end=at("Dana Holt")[1])],
                  descriptors=[Descriptor(start=at(d)[0], end=at(d)[1], text=d, kind="appositive")
                               for d in ("a fisher", "the harbour master")])
    return Analysis(
        article=Article(title=f"Council row {i}", text=text, source=f"Outlet {i % 7}",
                        url=f"https://news.example/{i}",
                        published=datetime(2026, 1 + i % 12, 1, tzinfo=UTC)),
        techniques=techs, quotes=quotes, entities=[holt],
        provenance=Provenance(slant_version="0.1.0", stages=[
            StageProvenance(name=n, version="1") for n in ("techniques", "entities", "quotes")]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=5000)
    args = ap.parse_args()

    from sqlalchemy import create_engine, inspect, text

    from slant.store import open_store
    from slant.store import schema as t
    from slant.store.engine import upgrade
    from slant.store.keys import store_key
    from slant.store.rows import article_values, child_rows

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'old.db'}"
        engine = create_engine(url)
        upgrade(engine, "0002")
        insp = inspect(engine)
        cols = {n: {c["name"] for c in insp.get_columns(n)} for n in insp.get_table_names()}
        totals: Counter = Counter()
        techs: Counter = Counter()
        with engine.begin() as conn:
            for i in range(args.n):
                a = analysis(i)
                values = article_values(a, store_key(a.article))
                values["id"] = a.article.id
                pk = conn.execute(t.articles.insert().values(
                    **{k: v for k, v in values.items() if k in cols["articles"]})
                    .returning(t.articles.c.pk)).scalar_one()
                for table, rows in child_rows(a, pk, values["source"]).items():
                    if rows:
                        conn.execute(table.insert(), [{k: v for k, v in r.items()
                                                       if k in cols[table.name]} for r in rows])
                key = (values["source"], values["month"])
                totals[key + ("articles",)] += 1
                totals[key + ("words",)] += values["words"]
                totals[key + ("spans",)] += values["spans"]
                techs.update(key + (s.technique,) for s in a.techniques)
            for src, month in {(k[0], k[1]) for k in totals}:
                conn.execute(text("INSERT INTO outlet_month (source, month, articles, words, "
                                  "spans) VALUES (:s, :m, :a, :w, :n)"),
                             {"s": src, "m": month, "a": totals[(src, month, "articles")],
                              "w": totals[(src, month, "words")],
                              "n": totals[(src, month, "spans")]})
            for (src, month, tech), n in techs.items():
                conn.execute(text("INSERT INTO outlet_month_technique (source, month, technique,"
                                  " spans) VALUES (:s, :m, :t, :n)"),
                             {"s": src, "m": month, "t": tech, "n": n})
        engine.dispose()
        t0, c0 = time.perf_counter(), time.process_time()
        store = open_store(url)
        seconds = time.perf_counter() - t0
        cpu = time.process_time() - c0
        rows = store.technique_rates()
        quoted = sum(r.quoted.technique_spans for r in rows if r.quoted)
        narrator = sum(r.spans for r in rows)
        store.close()
    print(f"migrated {args.n} stored articles to voice (0002 -> head) in {seconds:.1f} s: "
          f"{args.n / seconds:.0f} articles/s (CPU {cpu:.1f} s: {args.n / cpu:.0f} articles/s); narrator spans {narrator}, quoted spans {quoted}")


if __name__ == "__main__":
    main()
