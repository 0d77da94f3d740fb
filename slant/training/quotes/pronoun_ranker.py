"""Research: a learned ranker for whom a speaking "he" or "she" stands for, weighed against
the rules of :mod:`slant.analyze.quotes.speakers`. Not shipped: ``benchmarks/pronoun_ranker.py``
fits and scores it on the antecedents in ``pronoun-antecedents.tsv`` (docs/quotes.md,
"Pronouns", says what it found).

Each candidate is a person named in the ``WINDOW`` characters before the pronoun (not of the
other gender, not a "person" whose name reads as no name) or the last speaker, with features:
how recently and how it was named, whether it spoke last, was the subject of the sentence
before, how often and how early the article names it, and whether it is the rules' pick. A
rules' answer that is no person (a role, "a woman", the pronoun itself) is a candidate too.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from contextlib import contextmanager
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

from slant.analyze.quotes import speakers
from slant.analyze.quotes.agreement import token_at
from slant.analyze.quotes.cues import SPEECH
from slant.training.quotes.pronouns import Label, by_article, right
from slant.models import Entity

L2 = 1.0
FOLDS = 5
MARGINS = (0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0)
WINDOW = 3000  # characters back: a person last named further away is no candidate
SUBJECT_DEPS = ("nsubj", "nsubjpass")
FEATURES = frozenset({
    *(f"rank={k}" for k in range(4)), *(f"sents={k}" for k in range(5)), "only_quoted", "distance",
    "last_speaker", "spoke_near", "previous_subject", "subject", "subject_of_saying", "nearest*gender_unknown",
    "modifier", "object_of_preposition", "by_earlier_in_sentence", "gender_known", "mentions", "share", "first_person", "rules",
    "opens*previous_subject", "inverted*last_speaker", "same_sentence*subject", "keep_rules_answer", "keep*pronoun",
})


@dataclass
class Candidate:
    name: str
    entity: Entity | None  # None: keep the rules' answer, which names no person here
    at: int  # the start of the latest mention outside quotes (or inside one, if only there)
    features: dict[str, float]


def _bucket(value: int, edges: tuple[int, ...]) -> int:
    return bisect.bisect_right(edges, value) - 1


def candidates(doc: Any, head: Any, index: Any, gender: str, quotes_spans: list[tuple[int, int]],
               last_person: Entity | None, choice: str | None, previous: Entity | None) -> list[Candidate]:
    """The people "he"/"she" at ``head`` could be, each with its features. ``choice`` is the
    rules' pick, ``previous`` the subject of the sentence before (see :mod:`.speakers`)."""
    pos = head.idx
    starts = [a for a, _ in quotes_spans]

    def quoted(p: int) -> bool:
        k = bisect.bisect_right(starts, p) - 1
        return k >= 0 and quotes_spans[k][0] <= p < quotes_spans[k][1]

    rows = _people(index, pos, gender, last_person, quoted)
    head_sent = head.sent.start
    said = index.last_said
    total = sum(r["n"] for r in rows) or 1
    first_person = min((m.start for r in rows for m in r["ent"].mentions), default=-1)
    opens = head.i == head_sent or all(t.is_punct for t in doc[head_sent:head.i])
    inverted = head.i > 0 and head.head.i < head.i and head.dep_ == "nsubj"
    out = []
    for rank, r in enumerate(rows):
        ent = r["ent"]
        at = r["out"] if r["out"] is not None else r["in"]
        tok = token_at(doc, at)
        while tok is not None and tok.dep_ in ("compound", "flat") and tok.head.i > tok.i:
            tok = tok.head
        if tok is not None and tok.dep_ == "appos" and tok.head.dep_ in SUBJECT_DEPS:
            tok = tok.head  # "X's chief executive, Martin Oakridge, did not answer": the subject
        sent_gap = 0
        if tok is not None:
            # the narrator's sentences between: a quote of several sentences counts as one
            sent_gap = sum(1 for t in doc[tok.i + 1:head.i + 1] if t.is_sent_start and not quoted(t.idx))
        is_last = last_person is not None and last_person.name == ent.name
        spoke_near = said is not None and said[0] == ent.name and pos - said[2] < 400
        f: dict[str, float] = {
            f"rank={min(rank, 3)}": 1.0,
            f"sents={_bucket(sent_gap, (0, 1, 2, 3, 6))}": 1.0,
            "only_quoted": float(r["out"] is None),
            "distance": math.log1p(max(pos - at, 0)) / 8,
            "last_speaker": float(is_last),
            "spoke_near": float(spoke_near),
            "previous_subject": float(previous is not None and previous.name == ent.name),
            "subject": float(tok is not None and tok.dep_ in SUBJECT_DEPS),
            "subject_of_saying": float(tok is not None and tok.dep_ == "nsubj" and tok.head.lower_ in SPEECH),
            "nearest*gender_unknown": float(rank == 0 and ent.name not in index.genders),
            "modifier": float(tok is not None and tok.dep_ in ("poss", "compound", "amod")),
            "object_of_preposition": float(tok is not None and tok.dep_ == "pobj"),
            # "In a sermon by Parson X, he said": the author the pronoun's own sentence opens with
            "by_earlier_in_sentence": float(tok is not None and tok.dep_ == "pobj" and tok.head.lower_ == "by"
                                            and tok.sent.start == head_sent),
            "gender_known": float(ent.name in index.genders),
            "mentions": math.log1p(r["n"]) / 3,
            "share": r["n"] / total,
            "first_person": float(min(m.start for m in ent.mentions) == first_person),
            "rules": float(choice == ent.name),
            "opens*previous_subject": float(opens and previous is not None and previous.name == ent.name),
            "inverted*last_speaker": float(inverted and is_last),
            "same_sentence*subject": float(tok is not None and tok.sent.start == head_sent
                                           and tok.dep_ in SUBJECT_DEPS),
        }
        out.append(Candidate(ent.name, ent, at, f))
    if choice is not None and all(c.name != choice for c in out):
        # the rules gave a role, a newcomer ("a woman"), the pronoun itself or someone out of reach
        out.append(Candidate(choice, None, pos, {"keep_rules_answer": 1.0,
                                                 "keep*pronoun": float(choice.lower() == head.lower_)}))
    return out


def _people(index: Any, pos: int, gender: str, last_person: Entity | None, quoted: Any) -> list[dict[str, Any]]:
    """The people named within ``WINDOW`` before ``pos`` (and the last speaker), latest first:
    each with its latest mention outside quotes ("out") and inside ("in"), and how often named."""
    found: dict[str, dict[str, Any]] = {}
    i = bisect.bisect_left(index.starts, pos) - 1
    while i >= 0 and pos - index.rows[i][0] < WINDOW:
        s, e, ent = index.rows[i]
        i -= 1
        if e > pos or ent.type != "PERSON" or ent.name in index.not_people \
                or index.genders.get(ent.name, gender) != gender:
            continue
        row = found.setdefault(ent.name, {"ent": ent, "out": None, "in": None, "n": 0})
        row["n"] += 1
        if quoted(s):
            row["in"] = row["in"] if row["in"] is not None else s
        elif row["out"] is None:
            row["out"] = s
    if last_person is not None and last_person.name not in found \
            and index.genders.get(last_person.name, gender) == gender:
        prior = [m.start for m in last_person.mentions if m.start < pos]
        if prior:
            found[last_person.name] = {"ent": last_person, "out": max(prior), "in": None, "n": len(prior)}
    rows = [r for r in found.values() if r["out"] is not None or r["in"] is not None]
    return sorted(rows, key=lambda r: -(r["out"] if r["out"] is not None else r["in"]))


def score(c: Candidate, weights: dict[str, float]) -> float:
    return sum(weights.get(k, 0.0) * v for k, v in c.features.items())


@contextmanager
def recording(calls: dict[int, tuple[str, list[Candidate]]]) -> Iterator[None]:
    """Run the quotes stage as it is, keeping at each "he"/"she" the rules' pick and the candidates."""
    rules = speakers._person_pronoun

    def record(doc: Any, head: Any, index: Any, last_person: Any, quotes_spans: list[tuple[int, int]]) -> str:
        choice = rules(doc, head, index, last_person, quotes_spans)
        if head.lower_ in ("he", "she"):
            gender = "m" if head.lower_ == "he" else "f"
            previous = speakers._previous_subject(doc, head, index, quotes_spans, gender)
            calls[head.idx] = (choice, candidates(doc, head, index, gender, list(quotes_spans), last_person,
                                                  choice, previous))
        return choice
    with mock.patch.object(speakers, "_person_pronoun", record):
        yield


def collect(roots: dict[str, Path], split: str, model: str, labels: list[Label]) -> list[dict[str, Any]]:
    """One example per labelled pronoun the quotes stage resolves: its candidates' features,
    which are right, which is the rules' pick and whether that was right."""
    from slant.training.quotes.evaluate import analyze_article

    examples = []
    calls: dict[int, tuple[str, list[Candidate]]] = {}
    for text, labs in by_article(roots, split, labels):
        calls.clear()
        with recording(calls):
            analyze_article(text, model)
        for lab in labs:
            if lab.start not in calls or lab.antecedent == "UNCLEAR":
                continue
            choice, cands = calls[lab.start]
            if not cands or choice.lower() != lab.pronoun.lower() and any(c.entity is None for c in cands):
                continue  # no one to rank, or a role the rules keep whatever the ranker says
            ok = [right(c.name, lab, kept=c.entity is None) for c in cands]
            rules = next(k for k, c in enumerate(cands) if c.name == choice)
            examples.append({"article": lab.article, "features": [c.features for c in cands],
                             "right": ok, "rules": rules, "rules_right": ok[rules]})
    return examples


def fit(examples: list[dict[str, Any]], l2: float = L2) -> dict[str, float]:
    """Conditional-logit weights: each example's right candidates share its probability mass."""
    import numpy as np
    from scipy.optimize import minimize

    names = sorted({k for ex in examples for f in ex["features"] for k in f})
    col = {k: i for i, k in enumerate(names)}
    data = []
    for ex in examples:
        y = np.array(ex["right"], dtype=float)
        if not y.any():
            continue  # no candidate is the person: nothing to learn from the ranking
        X = np.zeros((len(ex["features"]), len(names)))
        for j, f in enumerate(ex["features"]):
            for k, v in f.items():
                X[j, col[k]] = v
        data.append((X, y / y.sum()))

    def loss(w: Any) -> tuple[float, Any]:
        total, grad = 0.5 * l2 * float(w @ w), l2 * w
        for X, t in data:
            s = X @ w
            p = np.exp(s - s.max())
            z = p.sum()
            total -= float(t @ (s - s.max() - np.log(z)))
            grad = grad + X.T @ (p / z - t)
        return total, grad

    w = minimize(loss, np.zeros(len(names)), jac=True, method="L-BFGS-B").x
    return {k: round(float(v), 6) for k, v in zip(names, w)}


def ranked_right(examples: list[dict[str, Any]], weights: dict[str, float], margin: float = 0.0) -> int:
    """How many examples end with a right candidate: the ranker's first when it beats the
    rules' pick by more than ``margin``, else the rules' pick."""
    n = 0
    for ex in examples:
        scores = [sum(weights.get(k, 0.0) * v for k, v in f.items()) for f in ex["features"]]
        best = scores.index(max(scores))
        n += ex["right"][best if scores[best] - scores[ex["rules"]] > margin else ex["rules"]]
    return n


def choose_margin(examples: list[dict[str, Any]], folds: int = FOLDS) -> tuple[float, dict[float, int]]:
    """The override margin that keeps most examples right when each fold of articles is
    ranked by weights fitted on the others (ties go to the larger, more cautious margin)."""
    articles = sorted({ex["article"] for ex in examples})
    fold_of = {a: k % folds for k, a in enumerate(articles)}
    right_at = dict.fromkeys(MARGINS, 0)
    for k in range(folds):
        weights = fit([ex for ex in examples if fold_of[ex["article"]] != k])
        held = [ex for ex in examples if fold_of[ex["article"]] == k]
        for m in MARGINS:
            right_at[m] += ranked_right(held, weights, m)
    best = max(MARGINS, key=lambda m: (right_at[m], m))
    return best, right_at


