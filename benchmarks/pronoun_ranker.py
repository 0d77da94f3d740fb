"""Would a learned ranker resolve speaking "he"/"she" better than slant's rules?

    .venv/bin/python benchmarks/pronoun_ranker.py [--shared DIR]

Reads the antecedents in ``slant/training/quotes/pronoun-antecedents.tsv`` and the articles
they are in (``../shared/data/polnear`` and ``ptc-unlabelled``, or ``$SLANT_SHARED``), runs the
quotes stage recording each labelled pronoun's candidates and the rules' pick
(:mod:`slant.training.quotes.pronoun_ranker`), then prints:

- how many of the training pronouns (PolNeAR train and PTC's unlabelled articles) the rules
  get right, and how many a conditional logit gets right when each fifth of the articles is
  ranked by weights fitted on the other four, at each override margin (the ranker replaces
  the rules' person only when it prefers its own by more than the margin);
- the same on PolNeAR dev, with weights fitted on all the training pronouns.

A research measurement: nothing here is shipped (docs/quotes.md, "Pronouns"). About a
minute on one core.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def main() -> None:
    from slant.config import Settings
    from slant.training.quotes import pronoun_ranker as R
    from slant.training.quotes.pronouns import UNLABELLED, read_labels

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=Path(os.environ.get("SLANT_SHARED", REPO.parent / "shared")))
    args = ap.parse_args()
    data = args.shared / "data"
    if not (data / "polnear").exists():
        sys.exit(f"{data / 'polnear'} is absent: this benchmark reads the team's shared data (set SLANT_SHARED)")
    roots = {"polnear": data / "polnear", UNLABELLED: data / "ptc-unlabelled"}
    model = Settings.from_env().spacy_model
    labels = read_labels()
    train = [ex for split in ("train", UNLABELLED) for ex in R.collect(roots, split, model, labels)]
    dev = R.collect(roots, "dev", model, labels)
    _, by_margin = R.choose_margin(train)
    print(f"training pronouns (PolNeAR train + PTC unlabelled) that reach the ranker: {len(train)}; "
          f"the rules right {sum(ex['rules_right'] for ex in train)}")
    print("  ranked by weights fitted on the other four fifths of the articles, by margin: "
          + ", ".join(f"{m}: {n}" for m, n in by_margin.items()))
    weights = R.fit(train)
    print(f"PolNeAR dev pronouns that reach the ranker: {len(dev)}; the rules right "
          f"{sum(ex['rules_right'] for ex in dev)}; the ranker, by margin: "
          + ", ".join(f"{m}: {R.ranked_right(dev, weights, m)}" for m in R.MARGINS))
    print("weights: " + ", ".join(f"{k} {v:+.2f}" for k, v in sorted(weights.items(), key=lambda kv: -abs(kv[1]))))


if __name__ == "__main__":
    main()
