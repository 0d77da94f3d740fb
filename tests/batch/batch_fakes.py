"""A fake pipeline for batch tests: deterministic, instant, no models.

It finds the word "very" (a Loaded_Language span), text between double quotes (a direct
quote), and capitalised words (PERSON entities, each with a one-word premodifier descriptor
when the word before is lower case). ``BOOM`` in the text makes the stage raise (the
pipeline records a problem); ``CRASH`` makes ``analyze`` itself raise (a failed article); ``KILL:DIR`` ends the worker process the first time it is seen (a marker file
in DIR remembers it), to exercise Dask's retry of a killed worker; ``HANG:DIR`` blocks the
worker the first time, so a test can kill the batch at a known point; ``SLOW`` takes half a
second, so a run outlasts a progress tick.
"""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

from slant.config import Settings
from slant.models import (
    Descriptor,
    Entity,
    Mention,
    Quote,
    Span,
    Speaker,
    StageProvenance,
    TechniqueSpan,
)
from slant.pipeline import Context, Pipeline


class FakeStage:
    name = "fake"
    requires = ("text",)
    produces = ("language", "techniques", "quotes", "entities")
    version = "0"

    def provenance(self) -> StageProvenance:
        return StageProvenance(name=self.name, version=self.version)

    def __call__(self, ctx: Context) -> None:
        text = ctx.text
        if "BOOM" in text:
            raise ValueError("the fake stage refuses BOOM")  # caught by the pipeline: a problem
        ctx.language = "en"
        ctx.techniques = [
            TechniqueSpan(start=m.start(), end=m.end(), text=m.group(), technique="Loaded_Language",
                          score=0.9)
            for m in re.finditer(r"\bvery\b", text)
        ]
        ctx.quotes = [
            Quote(start=m.start(), end=m.end(), text=m.group(), kind="direct")
            for m in re.finditer(r'"[^"]+"', text)
        ]
        entities = []
        for m in re.finditer(r"\b[A-Z][a-z]+\b", text):
            descriptors = []
            before = re.search(r"\b([a-z]+) $", text[: m.start()])
            if before:
                descriptors.append(Descriptor(start=before.start(1), end=before.end(1),
                                              text=before.group(1), kind="premodifier"))
            entities.append(Entity(name=m.group(), type="PERSON",
                                   mentions=[Mention(start=m.start(), end=m.end())],
                                   descriptors=descriptors))
        ctx.entities = entities


class FakePipeline(Pipeline):
    def analyze(self, article):
        if "CRASH" in article.text:
            raise RuntimeError("the fake pipeline crashes on CRASH")
        hang = re.search(r"HANG:(\S+)", article.text)
        if hang:
            flag = Path(hang.group(1)) / f"hung-{article.id}"
            if not flag.exists():
                flag.write_text("once")
                time.sleep(600)  # until the test kills the batch
        if "SLOW" in article.text:
            time.sleep(0.5)
        kill = re.search(r"KILL:(\S+)", article.text)
        if kill:
            flag = Path(kill.group(1)) / f"killed-{article.id}"
            if not flag.exists():
                flag.write_text("once")
                os._exit(17)
        return super().analyze(article)


def fake_pipeline() -> Pipeline:
    # BOOM must become a problem on the Analysis, whatever the tests' SLANT_ON_ERROR says
    return FakePipeline([FakeStage()], Settings(data_dir=Path("/nonexistent-slant-test"),
                                                on_error="problem"))


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def make_rows(n: int, start: int = 0) -> list[dict]:
    """Articles written for these tests (no real article text)."""
    rows = []
    for i in range(start, start + n):
        rows.append({
            "title": f"Story {i}",
            "url": f"https://example.invalid/{i}",
            "source": "example",
            "text": f'Mayor Quill said "the bridge is very old" on day {i}. '
                    f"The very tired council met Tuesday.",
        })
    return rows


class CountingFactory:
    """``fake_pipeline``, leaving a file in ``folder`` for every pipeline it builds."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def __call__(self) -> Pipeline:
        import uuid

        (self.folder / f"build-{os.getpid()}-{uuid.uuid4().hex}").write_text("built")
        return fake_pipeline()


class FullStage(FakeStage):
    """FakeStage, and every field the tables carry: a cue and a speaker for each quote
    ("said Quill"), voice on each span and descriptor, and a three-number embedding."""

    name = "full"
    produces = ("language", "techniques", "quotes", "entities", "embedding")

    def __call__(self, ctx: Context) -> None:
        super().__call__(ctx)
        text = ctx.text
        quotes = []
        for q in ctx.quotes or []:
            cue = re.compile(r" (said) ([A-Z][a-z]+)").match(text, q.end)
            quotes.append(q.model_copy(update={
                "cue": Span(start=cue.start(1), end=cue.end(1), text=cue.group(1)) if cue else None,
                "speaker": Speaker(start=cue.start(2), end=cue.end(2), text=cue.group(2),
                                   name=f"Ada {cue.group(2)}") if cue else None,
            }))
        ctx.quotes = quotes

        def inside(start: int) -> int | None:
            return next((i for i, q in enumerate(quotes) if q.start <= start < q.end), None)

        def voiced(span):
            i = inside(span.start)
            return span.model_copy(update={"voice": "narrator" if i is None else "quoted",
                                           "quote_index": i})

        ctx.techniques = [voiced(t) for t in ctx.techniques or []]
        ctx.entities = [e.model_copy(update={"descriptors": [voiced(d) for d in e.descriptors]})
                        for e in ctx.entities or []]
        ctx.embedding = [len(text) / 1000.0, 0.5, -0.25]


def full_pipeline() -> Pipeline:
    return FakePipeline([FullStage()], Settings(data_dir=Path("/nonexistent-slant-test"),
                                                on_error="problem"))
