"""Small hand-built records for the stories tests."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

T0 = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)


def unit(*xs: float, dim: int = 8) -> list[float]:
    v = list(xs) + [0.0] * (dim - len(xs))
    n = math.sqrt(sum(x * x for x in v))
    return [x / n for x in v]


def at_cos(c: float, dim: int = 8) -> list[float]:
    """A unit vector whose cosine with unit(1) is ``c``."""
    return unit(c, math.sqrt(max(0.0, 1 - c * c)), dim=dim)


@dataclass
class Cand:
    id: str
    title: str | None = None
    source: str | None = None
    published: datetime | None = T0
    embedding: list[float] | None = None
    entities: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)
    story_id: int | None = None


def hours(h: float) -> datetime:
    return T0 + timedelta(hours=h)
