"""The SemEval-2020 Task 11 measures, as ``../shared/data/README.md`` defines them.

- SI: per article, overlapping spans are merged (gold and predicted alike; spans that only
  touch are not merged). P = (1/|S|) Σ_s Σ_t |s∩t|/|s|, R = (1/|T|) Σ_t Σ_s |s∩t|/|t|,
  with |x| in characters and |S|, |T| counted over all articles.
- TC: one predicted technique per gold span line. Where a span carries several gold labels,
  predictions on that span are matched to the gold labels to maximise agreement (multiset
  intersection). Micro P/R/F1 over all lines; per technique; macro-F1 is the mean F1 over
  the techniques with gold support.
- Full task: the SI formulas per technique (a predicted span only earns overlap with gold
  spans of its own technique), spans merged per article and technique; micro P/R/F1 pools
  all techniques.

Spans are ``(article_id, technique | None, start, end)`` tuples.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from slant.models import TECHNIQUES, merge_spans

LabelTuple = tuple[str, str | None, int, int]
Prediction = tuple[str, str, int, int]  # (article id, technique, start, end): a labelled span


@dataclass
class PRF:
    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0
    n_pred: int = 0
    n_gold: int = 0

    def as_dict(self) -> dict[str, float | int]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "n_pred": self.n_pred, "n_gold": self.n_gold}


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


def _overlap_sums(pred: list[tuple[int, int]], gold: list[tuple[int, int]]) -> tuple[float, float]:
    """(Σ_s Σ_t |s∩t|/|s|, Σ_t Σ_s |s∩t|/|t|) for merged, sorted span lists."""
    p_sum = r_sum = 0.0
    j0 = 0
    for s, e in pred:
        while j0 < len(gold) and gold[j0][1] <= s:
            j0 += 1
        j = j0
        while j < len(gold) and gold[j][0] < e:
            inter = min(e, gold[j][1]) - max(s, gold[j][0])
            if inter > 0:
                p_sum += inter / (e - s)
                r_sum += inter / (gold[j][1] - gold[j][0])
            j += 1
    return p_sum, r_sum


def _group(labels: Iterable[LabelTuple], by_technique: bool) -> dict[tuple, list[tuple[int, int]]]:
    g: dict[tuple, list[tuple[int, int]]] = defaultdict(list)
    for aid, tech, s, e in labels:
        g[(aid, tech) if by_technique else (aid,)].append((s, e))
    return {k: merge_spans(v) for k, v in g.items()}


def _span_prf(pred: dict[tuple, list], gold: dict[tuple, list]) -> tuple[PRF, float, float]:
    n_pred = sum(len(v) for v in pred.values())
    n_gold = sum(len(v) for v in gold.values())
    p_sum = r_sum = 0.0
    for key, ps in pred.items():
        a, b = _overlap_sums(ps, gold.get(key, []))
        p_sum += a
        r_sum += b
    p = p_sum / n_pred if n_pred else 0.0
    r = r_sum / n_gold if n_gold else 0.0
    return PRF(p, r, _f1(p, r), n_pred, n_gold), p_sum, r_sum


def score_si(pred: Iterable[LabelTuple], gold: Iterable[LabelTuple]) -> PRF:
    """Span identification; techniques are ignored."""
    return _span_prf(_group(pred, False), _group(gold, False))[0]


@dataclass
class FullScore:
    micro: PRF
    per_technique: dict[str, PRF] = field(default_factory=dict)


def score_full(pred: Iterable[LabelTuple], gold: Iterable[LabelTuple]) -> FullScore:
    """Span and technique together: SI formulas within each technique, pooled for micro."""
    gp, gg = _group(pred, True), _group(gold, True)
    per: dict[str, PRF] = {}
    tot = [0.0, 0.0, 0, 0]
    techs = sorted({k[1] for k in gp} | {k[1] for k in gg}, key=_tech_order)
    for t in techs:
        prf, ps, rs = _span_prf({k: v for k, v in gp.items() if k[1] == t},
                                {k: v for k, v in gg.items() if k[1] == t})
        per[t] = prf
        tot[0] += ps
        tot[1] += rs
        tot[2] += prf.n_pred
        tot[3] += prf.n_gold
    p = tot[0] / tot[2] if tot[2] else 0.0
    r = tot[1] / tot[3] if tot[3] else 0.0
    return FullScore(PRF(p, r, _f1(p, r), int(tot[2]), int(tot[3])), per)


@dataclass
class TCScore:
    micro: PRF
    macro_f1: float
    per_technique: dict[str, PRF] = field(default_factory=dict)


def _tech_order(t: str | None) -> tuple[int, str]:
    return (TECHNIQUES.index(t) if t in TECHNIQUES else len(TECHNIQUES), t or "")


def score_tc(pred: Iterable[LabelTuple], gold: Iterable[LabelTuple]) -> TCScore:
    """Technique classification of gold spans, predictions matched to maximise agreement."""
    gspans: dict[tuple, Counter] = defaultdict(Counter)
    pspans: dict[tuple, Counter] = defaultdict(Counter)
    for aid, t, s, e in gold:
        gspans[(aid, s, e)][t] += 1
    for aid, t, s, e in pred:
        pspans[(aid, s, e)][t] += 1
    tp: Counter = Counter()
    n_pred: Counter = Counter()
    n_gold: Counter = Counter()
    for c in gspans.values():
        n_gold.update(c)
    for key, c in pspans.items():
        n_pred.update(c)
        tp.update(c & gspans.get(key, Counter()))
    per: dict[str, PRF] = {}
    for t in sorted(set(n_gold) | set(n_pred), key=_tech_order):
        p = tp[t] / n_pred[t] if n_pred[t] else 0.0
        r = tp[t] / n_gold[t] if n_gold[t] else 0.0
        per[t] = PRF(p, r, _f1(p, r), n_pred[t], n_gold[t])
    P, G, T = sum(n_pred.values()), sum(n_gold.values()), sum(tp.values())
    p = T / P if P else 0.0
    r = T / G if G else 0.0
    supported = [per[t].f1 for t in per if n_gold[t] > 0]
    macro = sum(supported) / len(supported) if supported else 0.0
    return TCScore(PRF(p, r, _f1(p, r), P, G), macro, per)
