"""What the stages read and write while one article is analyzed: the typed :class:`Context`.

Every name a stage ``requires`` or ``produces`` is a field here, so an editor and mypy follow
the article through the pipeline (``ctx.doc``, ``ctx.entities``). A field is *present* when
it is not ``None``; the pipeline starts with ``article`` and ``text``.

Base layer: imports only records and settings, never spaCy or torch (a parsed Doc is typed
``Any`` here for that reason).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, ClassVar, Protocol, runtime_checkable

from slant.config import Settings
from slant.errors import PipelineError
from slant.models import Article, Entity, Problem, Quote, StageProvenance, TechniqueSpan


@dataclass
class Context:
    """One article on its way through the stages.

    ``techniques``, ``quotes``, ``entities`` and ``embedding`` become the Analysis; ``doc``
    (the spaCy parse) and the others live only while the article is analyzed.
    """

    article: Article
    settings: Settings = field(default_factory=Settings)
    text: str = ""
    language: str | None = None               # ISO 639-1, set only for a supported language
    language_unsupported: str | None = None   # the language found when it is not supported
    doc: Any = None                           # spacy.tokens.Doc of ``text``
    techniques: list[TechniqueSpan] | None = None
    entities: list[Entity] | None = None
    quotes: list[Quote] | None = None
    embedding: list[float] | None = None
    voice: bool | None = None                  # True once technique spans carry their voice
    problems: list[Problem] = field(default_factory=list)

    #: Fields the pipeline fills before the first stage runs.
    INITIAL: ClassVar[tuple[str, ...]] = ("article", "text")
    #: Fields that go into the Analysis when present.
    OUTPUTS: ClassVar[tuple[str, ...]] = ("techniques", "quotes", "entities", "embedding")

    def __post_init__(self) -> None:
        if not self.text:
            self.text = self.article.text

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        """The names a stage may require or produce."""
        return tuple(f.name for f in fields(cls) if f.name not in ("settings", "problems"))

    def has(self, name: str) -> bool:
        """Whether ``name`` has been produced (is not ``None``)."""
        return getattr(self, _checked(name)) is not None

    def get(self, name: str) -> Any:
        """The field ``name`` by its name (stages use the attributes; this is for generic code)."""
        value = getattr(self, _checked(name))
        if value is None:
            raise PipelineError(f"context field {name!r} has not been produced")
        return value

    def put(self, name: str, value: Any) -> None:
        """Set the field ``name`` by its name (stages use the attributes)."""
        setattr(self, _checked(name), value)

    def problem(self, stage: str, message: str) -> None:
        self.problems.append(Problem(stage=stage, message=message))


def _checked(name: str) -> str:
    if name not in _FIELDS:
        raise PipelineError(
            f"{name!r} is not a context field; stages read and write: {', '.join(_FIELDS)}"
        )
    return name


_FIELDS = Context.field_names()


class Contract(Protocol):
    """What a stage needs and gives: ``requires`` and ``produces`` name :class:`Context`
    fields. Declared once, on the stage's class; the registry reads them from there. A stage
    may also declare ``uses``: fields it reads when present (the stages producing them, when
    planned, must run before it)."""

    @property
    def name(self) -> str: ...

    @property
    def requires(self) -> tuple[str, ...]: ...

    @property
    def produces(self) -> tuple[str, ...]: ...


@runtime_checkable
class Stage(Contract, Protocol):
    """A pipeline stage: a :class:`Contract`, its provenance, and a call on the context."""

    def provenance(self) -> StageProvenance: ...

    def __call__(self, ctx: Context) -> None: ...
