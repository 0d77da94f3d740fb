"""Scoring a model (or a predictions file) on a PTC-layout folder: the library side of ``slant eval techniques``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from slant.errors import InputError
from slant.models import TECHNIQUES
from slant.training.techniques.data import PTCArticle, load_ptc, read_ids, read_labels, read_text
from slant.training.techniques.scoring import (
    PRF,
    FullScore,
    LabelTuple,
    TCScore,
    score_full,
    score_si,
    score_tc,
)


@dataclass
class Predictions:
    si: list[LabelTuple] = field(default_factory=list)    # (id, None, start, end)
    tc: list[LabelTuple] | None = None                     # one label per gold span line
    full: list[LabelTuple] | None = None                   # (id, technique, start, end)


@dataclass
class Report:
    articles: int
    si: PRF
    tc: TCScore | None
    full: FullScore | None

    def as_dict(self) -> dict:
        out: dict = {"articles": self.articles, "si": self.si.as_dict()}
        if self.tc is not None:
            out["tc"] = {"micro": self.tc.micro.as_dict(), "macro_f1": round(self.tc.macro_f1, 4),
                         "per_technique": {t: p.as_dict() for t, p in self.tc.per_technique.items()}}
        if self.full is not None:
            out["full"] = {"micro": self.full.micro.as_dict(),
                           "per_technique": {t: p.as_dict() for t, p in self.full.per_technique.items()}}
        return out


def gold_tuples(articles: list[PTCArticle]) -> list[LabelTuple]:
    return [(a.id, lab.technique, lab.start, lab.end) for a in articles for lab in a.labels]


def score(articles: list[PTCArticle], pred: Predictions) -> Report:
    gold = gold_tuples(articles)
    return Report(
        articles=len(articles),
        si=score_si(pred.si, gold),
        tc=score_tc(pred.tc, gold) if pred.tc is not None else None,
        full=score_full(pred.full, gold) if pred.full is not None else None,
    )


def read_predictions(path: str | Path, articles: list[PTCArticle]) -> Predictions:
    """A predictions file in PTC label format: 3 columns (SI) or 4 (technique spans).

    A 4-column file whose spans are all gold spans is scored as TC as well as full task.
    Lines for articles outside ``articles`` are ignored.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError("no such predictions file", source=str(path))
    first = next((ln for ln in read_text(path).splitlines() if ln.strip()), "")
    ids = {a.id for a in articles}
    if len(first.split("\t")) <= 3:
        labs = read_labels(path, with_technique=False)
        return Predictions(si=[(i, None, x.start, x.end) for i, xs in labs.items() if i in ids for x in xs])
    labs = read_labels(path)
    tuples = [(i, x.technique, x.start, x.end) for i, xs in labs.items() if i in ids for x in xs]
    gold_spans = {(a.id, lab.start, lab.end) for a in articles for lab in a.labels}
    is_tc = bool(tuples) and all((i, s, e) in gold_spans for i, _, s, e in tuples)
    return Predictions(si=[(i, None, s, e) for i, _, s, e in tuples],
                       tc=tuples if is_tc else None, full=tuples)


def predict(articles: list[PTCArticle], model, threshold: float | None = None,
            progress: Callable[[int], None] | None = None) -> Predictions:
    """Run ``model`` (a :class:`~slant.analyze.techniques.model.TechniqueModel`) over the articles."""
    pred = Predictions(tc=[], full=[])
    for n, a in enumerate(articles, 1):
        gold_spans = [(lab.start, lab.end) for lab in a.labels]
        spans = model.predict_article(a.text, threshold=threshold)
        labels = ranked_labels(gold_spans, model.classify(a.text, gold_spans))
        for sp in spans:
            pred.full.append((a.id, sp.technique, sp.start, sp.end))  # type: ignore[union-attr]
            pred.si.append((a.id, None, sp.start, sp.end))
        for (s, e), t in zip(gold_spans, labels):
            pred.tc.append((a.id, t, s, e))  # type: ignore[union-attr]
        if progress:
            progress(n)
    return pred


def ranked_labels(keys: list, probs: np.ndarray) -> list[str]:
    """The top technique of each row of ``probs``; a row whose key (a span) came before gets
    its next best: a span given twice for classification (two gold techniques) gets its best,
    then its runner-up, ..."""
    seen: dict = {}
    out = []
    for key, p in zip(keys, probs):
        rank = seen.get(key, 0)
        seen[key] = rank + 1
        out.append(TECHNIQUES[int(np.argsort(-p, kind="stable")[min(rank, len(p) - 1)])])
    return out


def write_predictions(pred: Predictions, outdir: str | Path) -> list[Path]:
    """``si.tsv``, ``tc.tsv``, ``full.tsv`` in PTC label format (those available)."""
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    written = []

    def dump(name: str, rows: list[str]) -> None:
        p = out / name
        p.write_text("".join(r + "\n" for r in rows), encoding="utf-8")
        written.append(p)

    dump("si.tsv", sorted({f"{i}\t{s}\t{e}" for i, _, s, e in pred.si}))
    if pred.tc is not None:
        dump("tc.tsv", [f"{i}\t{t}\t{s}\t{e}" for i, t, s, e in pred.tc])
    if pred.full is not None:
        dump("full.tsv", [f"{i}\t{t}\t{s}\t{e}" for i, t, s, e in pred.full])
    return written


def load_eval_articles(ptc: str | Path, dev_ids: str | Path | None) -> list[PTCArticle]:
    ids = read_ids(dev_ids) if dev_ids else None
    arts = load_ptc(ptc, ids)
    if ids is not None and len(arts) < len(ids):
        missing = len(ids) - len(arts)
        raise InputError(f"{missing} of the {len(ids)} ids in {dev_ids} have no article", source=str(ptc))
    return arts


def format_report(rep: Report) -> str:
    lines = [f"articles: {rep.articles}", "",
             "SI (span identification)",
             (f"  P {rep.si.precision:.4f}  R {rep.si.recall:.4f}  F1 {rep.si.f1:.4f}"
              f"  (predicted {rep.si.n_pred}, gold {rep.si.n_gold} merged spans)")]
    if rep.tc is not None:
        lines += ["", "TC (technique of each gold span)",
                  f"  micro-F1 {rep.tc.micro.f1:.4f}  macro-F1 {rep.tc.macro_f1:.4f}",
                  f"  {'technique':<38} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5}"]
        for t, p in rep.tc.per_technique.items():
            lines.append(f"  {t:<38} {p.precision:6.3f} {p.recall:6.3f} {p.f1:6.3f} {p.n_gold:5d}")
    if rep.full is not None:
        m = rep.full.micro
        lines += ["", "Full task (span and technique)",
                  (f"  micro P {m.precision:.4f}  R {m.recall:.4f}  F1 {m.f1:.4f}"
                   f"  (predicted {m.n_pred}, gold {m.n_gold})"),
                  f"  {'technique':<38} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5}"]
        for t, p in rep.full.per_technique.items():
            lines.append(f"  {t:<38} {p.precision:6.3f} {p.recall:6.3f} {p.f1:6.3f} {p.n_gold:5d}")
    return "\n".join(lines)
