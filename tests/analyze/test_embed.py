"""The embed stage: the lead it embeds, and (slow) the pinned model's output."""

from __future__ import annotations

import math

import pytest

from slant.analyze.embed import EmbedStage, Encoder, lead_text
from slant.config import Settings
from slant.models import Article
from slant.pipeline import Context


def test_lead_is_title_and_first_sentences():
    body = "First sentence here. Second one follows! " + "Filler words go on and on. " * 40
    lead = lead_text(Article(title="The Title", text=body), max_chars=80)
    assert lead.startswith("The Title. First sentence here. Second one follows!")
    assert len(lead) <= len("The Title. ") + 80
    assert lead.endswith(".") or lead.endswith("!")


def test_lead_without_title_or_sentence_end():
    text = "word " * 300
    lead = lead_text(Article(text=text), max_chars=50)
    assert lead == ("word " * 10).strip()


class _FakeEncoder(Encoder):
    def __init__(self) -> None:
        super().__init__("fake")
        self.seen: list[str] = []

    @property
    def model_hash(self):
        return "0123456789abcdef0123"

    def encode(self, texts, batch_size=32):
        self.seen.extend(texts)
        return [[1.0, 0.0] for _ in texts]


def test_stage_puts_the_embedding_and_provenance():
    enc = _FakeEncoder()
    stage = EmbedStage(enc)
    art = Article(title="Harbour", text="The harbour plan passed. More text.")
    ctx = Context(article=art, settings=Settings())
    stage(ctx)
    assert ctx.embedding == [1.0, 0.0]
    assert enc.seen == ["Harbour. The harbour plan passed. More text."]
    prov = stage.provenance()
    assert (prov.name, prov.model_hash) == ("embed", "sha256:0123456789abcdef")


@pytest.fixture(scope="session")
def pinned_encoder():
    import torch

    torch.set_num_threads(1)
    enc = Encoder(None)
    try:
        enc.path
    except Exception as exc:
        pytest.skip(f"the pinned encoder is not installed: {exc}")
    return enc


@pytest.mark.slow
def test_pinned_model_embeds_related_leads_closer(pinned_encoder):
    a, b, c = pinned_encoder.encode([
        "The city council approved the new harbour plan after a long debate.",
        "Councillors voted to back the harbour redevelopment on Tuesday night.",
        "The football team lost its third match in a row at the weekend.",
    ])
    assert len(a) == 384
    assert math.isclose(sum(x * x for x in a), 1.0, rel_tol=1e-4)

    def dot(u, v):
        return sum(x * y for x, y in zip(u, v))

    assert dot(a, b) > dot(a, c) + 0.2
    assert EmbedStage(pinned_encoder).provenance().model_hash.startswith("sha256:53aa5117")
