"""``slant eval quotes`` scores the quotes stage against PolNeAR attributions;
``slant train quotes`` relearns its cue counts from PolNeAR train; ``slant eval pronouns`` scores
whom speaking "he"/"she" resolve to."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from slant.cli._app import eval_app, train_app


@eval_app.command("quotes")
def eval_quotes(
    polnear: Path = typer.Option(..., "--polnear", help="PolNeAR folder holding train/ and dev/."),
    split: str = typer.Option("dev", "--split", help="Split to score: dev or train."),
    limit: int = typer.Option(None, "--limit", min=1, help="Score only the first N articles."),
    model: str = typer.Option(None, "--model", help="spaCy model name or path (default: settings)."),
    as_json: bool = typer.Option(False, "--json", help="Print the full report as JSON."),
    errors: Path = typer.Option(None, "--errors", help="Write each miss, spurious quote and "
                                "wrong speaker to this JSON file."),
) -> None:
    """Quote P/R/F1 (all attributions, and those with quote marks), speaker and cue accuracy."""
    from slant.config import Settings
    from slant.training.quotes.evaluate import evaluate_quotes

    settings = Settings.from_env()
    report = evaluate_quotes(polnear, split=split, limit=limit, model=model or settings.spacy_model)
    errs = report.pop("errors")
    if errors is not None:
        errors.write_text(json.dumps(errs, indent=1, ensure_ascii=False), encoding="utf-8")
    if as_json:
        typer.echo(json.dumps(report, indent=2))
        return
    typer.echo(f"PolNeAR {split}: {report['articles']} articles, "
               f"{report['articles_per_second']} articles/s (parse+entities+quotes)")
    for key, label in (("overlap_30", "≥30% overlap"), ("overlap_80", "≥80% overlap")):
        for part, title in ((report[key], "all attributions (speech, beliefs, plans, actions)"),
                            (report[key]["speech"], "speech only (said, told, wrote, according to …)")):
            typer.echo(f"\n{label}, {title}")
            _print_figures(part)


def _print_figures(r: dict) -> None:
    for sub, name in (("all", "all"), ("direct", "with quote marks")):
        m = r[sub]
        typer.echo(f"  {name:18s} P {m['precision']:.3f}  R {m['recall']:.3f}  "
                   f"F1 {m['f1']:.3f}  (pred {m['predicted']}, gold {m['gold']})")
    typer.echo(f"  speaker accuracy   {r['speaker_accuracy']}  on {r['speaker_pairs']} matched")
    typer.echo(f"  cue accuracy       {r['cue_accuracy']}  on {r['cue_pairs']} matched")
    typer.echo(f"  speaker names      {r['speaker_name_accuracy']}  on "
               f"{r['speaker_name_pairs']} matched whose Source names a speaker entity")
    typer.echo(f"    (any mention)    {r['speaker_name_accuracy_any_mention']}  on "
               f"{r['speaker_name_any_mention_pairs']} matched whose Source mentions any entity, "
               "adjectives included")


@train_app.command("quotes")
def train_quotes(
    polnear: Path = typer.Option(..., "--polnear", help="PolNeAR folder holding train/ and dev/."),
    split: str = typer.Option("train", "--split", help="Split to learn from."),
    limit: int = typer.Option(None, "--limit", min=1, help="Learn from the first N articles."),
    out: Path = typer.Option(None, "--out", help="Where to write the counts (default: the "
                             "package's slant/analyze/quotes/cues.json)."),
    speech: bool = typer.Option(True, "--speech-model/--no-speech-model",
                                help="Also fit the learned speech decision."),
    model_out: Path = typer.Option(None, "--model-out", help="Where to write the speech model "
                                   "(default: slant/analyze/quotes/speech-model.json)."),
    cache: Path = typer.Option(None, "--cache", help="Folder to keep the split's parse in "
                               "(a spaCy DocBin), reused when the texts are the same."),
) -> None:
    """Count which verb forms and complements head PolNeAR attributions (the cue lexicon),
    then fit the speech model on 4/5 of the split and choose its thresholds on the rest."""
    from slant.analyze.quotes import cues, learned
    from slant.config import Settings
    from slant.training.polnear import read_split
    from slant.training.quotes import lexicon
    from slant.training.quotes.speech_model import parse_all, train_speech_model, write_model

    settings = Settings.from_env()
    target = out or Path(cues.__file__).with_name("cues.json")
    docs = parse_all(read_split(polnear, split, limit), settings.spacy_model, cache)
    lex = lexicon.build_cue_lexicon(polnear, split=split, limit=limit, model=settings.spacy_model,
                                    docs=docs)
    lexicon.write_lexicon(lex, target)
    typer.echo(f"wrote {len(lex['counts'])} cue patterns from {lex['source']} to {target}")
    if not speech:
        return
    with cues.counts_from(target):  # the model's features read the counts just written
        body, report = train_speech_model(polnear, split=split, limit=limit,
                                          model=settings.spacy_model, echo=typer.echo, docs=docs)
    dest = model_out or learned.MODEL_FILE
    write_model(body, dest)
    learned.shipped_model.cache_clear()
    for name in ("rules_alone", "with_model"):
        f = report[name]
        typer.echo(f"held-out train, speech only, {name.replace('_', ' ')}: P {f['precision']:.4f} "
                   f"R {f['recall']:.4f} F1 {f['f1']:.4f} (pred {f['predicted']}, gold {f['gold']})")
    typer.echo(f"wrote the speech model ({len(body['weights'])} weights, accept "
               f"{body['accept']}, drop {body['drop']}, sha256 {body['sha256'][:12]}) to {dest}")


@eval_app.command("pronouns")
def eval_pronouns(
    polnear: Path = typer.Option(..., "--polnear", help="PolNeAR folder holding train/ and dev/."),
    split: str = typer.Option("dev", "--split", help="Split to score: dev or train."),
    model: str = typer.Option(None, "--model", help="spaCy model name or path (default: settings)."),
) -> None:
    """Whom speaking "he"/"she" resolve to, against the antecedents our reviewers labelled
    (slant/training/quotes/pronoun-antecedents.tsv)."""
    from slant.config import Settings
    from slant.training.quotes.pronouns import evaluate_pronouns

    r = evaluate_pronouns(polnear, split, model or Settings.from_env().spacy_model)
    typer.echo(f"PolNeAR {split}, {r['labelled']} labelled speaking he/she: accuracy {r['accuracy']} "
               f"(right {r['right']}, wrong {r['wrong']}, left as the pronoun {r['unresolved']}; "
               f"no quote found there {r['no_quote']})")
