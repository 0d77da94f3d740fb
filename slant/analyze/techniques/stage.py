"""The ``techniques`` pipeline stage: propaganda-technique spans with calibrated scores.

The shipped model (``model/``) is loaded on first use and shared by every stage built in
the process with the same options. Long texts are encoded block by block in overlapping
windows (:mod:`.encoder`), so memory stays bounded whatever the article's length.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

from slant.config import Settings
from slant.context import Context
from slant.errors import SlantError
from slant.models import StageProvenance, TechniqueSpan

_MODELS: dict[tuple, object] = {}
_LOCK = threading.Lock()


def load_model(model_dir: str | Path | None = None, encoder: str | None = None,
               threads: int | None = None):
    """The :class:`~.model.TechniqueModel` for these options, loaded once per process."""
    from slant.analyze.techniques.model import TechniqueModel

    key = (str(model_dir) if model_dir else None, encoder, threads)
    with _LOCK:
        if key not in _MODELS:
            _MODELS[key] = TechniqueModel.load(model_dir, encoder=encoder, threads=threads)
        return _MODELS[key]


class TechniquesStage:
    name = "techniques"
    requires = ("text", "language")
    produces = ("techniques",)
    version = "1"

    def __init__(self, *, threshold: float | None = None, encoder: str | None = None,
                 threads: int | None = None, model_dir: str | Path | None = None) -> None:
        self.threshold = threshold
        self.encoder = encoder
        self.threads = threads
        self.model_dir = model_dir
        self._model = None
        self._encoder_hash: str | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> TechniquesStage:
        from slant.analyze.techniques.model import model_dir_for

        return cls(threshold=settings.technique_threshold, encoder=settings.encoder,
                   threads=settings.threads, model_dir=model_dir_for(settings.techniques_model))

    @property
    def model(self):
        if self._model is None:
            self._model = load_model(self.model_dir, self.encoder, self.threads)
        return self._model

    def provenance(self) -> StageProvenance:
        from slant.analyze.techniques.model import MODEL_DIR, artifact_hash
        from slant.resources import TEACHER, encoder_hash, resolve_encoder

        d = Path(self.model_dir) if self.model_dir else MODEL_DIR
        try:
            cfg = json.loads((d / "config.json").read_text(encoding="utf-8"))
            name = f"{cfg['name']} {cfg['version']}"
        except (OSError, ValueError, KeyError):
            cfg, name = {}, "slant-techniques"
        encoder = self.encoder or cfg.get("encoder_name")
        if self._encoder_hash is None:
            try:
                self._encoder_hash = encoder_hash(resolve_encoder(encoder)) or "unknown"
            except (OSError, SlantError):  # a missing encoder is reported when the stage runs
                self._encoder_hash = "unknown"
        shown = TEACHER if encoder == "teacher" else encoder or "all-MiniLM-L6-v2"
        return StageProvenance(
            name=self.name, version=self.version,
            model=f"{name} (encoder {shown} sha256:{self._encoder_hash[:16]})",
            model_hash=artifact_hash(d),
        )

    def analyze_text(self, text: str) -> list[TechniqueSpan]:
        if not text or not text.strip():
            return []
        return self.model.analyze(text, threshold=self.threshold)

    def __call__(self, ctx: Context) -> None:
        ctx.techniques = self.analyze_text(ctx.text)
