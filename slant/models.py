"""The records every layer shares.

Every span is a pair of character offsets into ``Article.text``, end exclusive, and its
``text`` equals ``article.text[start:end]``. :func:`check_spans` verifies that invariant.

These records are the output contract (see ``docs/output.md`` and
``slant/schema/analysis.schema.json``); ``SCHEMA_VERSION`` is bumped on any change to it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from slant.display import to_html

SCHEMA_VERSION = "1.3"

TECHNIQUES: tuple[str, ...] = (
    "Appeal_to_Authority", "Appeal_to_fear-prejudice", "Bandwagon,Reductio_ad_hitlerum",
    "Black-and-White_Fallacy", "Causal_Oversimplification", "Doubt", "Exaggeration,Minimisation",
    "Flag-Waving", "Loaded_Language", "Name_Calling,Labeling", "Repetition", "Slogans",
    "Thought-terminating_Cliches", "Whataboutism,Straw_Men,Red_Herring",
)


def _technique_key(name: str) -> str:
    return "".join("_" if c in "-_ " else c for c in name.strip().casefold())


_TECHNIQUE_KEYS = {_technique_key(t): t for t in TECHNIQUES}


def technique_name(value: str) -> str:
    """The PTC technique that ``value`` names, matched in any case, with ``-``, ``_`` and
    spaces alike (``loaded language`` -> ``Loaded_Language``). ValueError, listing the
    names, when it names none: the CLI and the API validate filters with this."""
    found = _TECHNIQUE_KEYS.get(_technique_key(value))
    if found is None:
        raise ValueError(f"unknown technique {value!r}; one of: {', '.join(TECHNIQUES)}")
    return found


QuoteKind = Literal["direct", "indirect", "mixed", "scare", "term"]
QuoteContent = Literal["words", "topic"]
EntityType = Literal["PERSON", "ORG", "GPE", "LOC", "NORP", "OTHER"]
Voice = Literal["narrator", "quoted"]
DescriptorKind = Literal[
    "appositive", "title", "premodifier", "copular", "scare_quoted", "described_as", "alias",
    "possessive",
]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_serialization_defaults_required=True)


class Span(Record):
    """A character span of the article text, end exclusive."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @model_validator(mode="after")
    def _ordered(self) -> "Span":
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before its start {self.start}")
        return self


def _voice_field() -> Any:
    return Field(default=None, description="'narrator' (the outlet's own words) or 'quoted' "
                 "(inside a quote of someone it reports on); null when voice was not computed")


def _quote_index_field() -> Any:
    return Field(default=None, ge=0,
                 description="for quoted words: the index of the quote in `quotes`, else null")


def _check_voice(voice: str | None, quote_index: int | None) -> None:
    if voice == "quoted" and quote_index is None:
        raise ValueError("a quoted span needs quote_index (the quote it lies in)")
    if voice != "quoted" and quote_index is not None:
        raise ValueError(f"quote_index is only for quoted spans (voice is {voice!r})")


class TechniqueSpan(Span):
    """A technique span. ``voice`` says whose words it is (see :mod:`slant.voice`): the
    narrator's, or a quoted speaker's, with ``quote_index`` into ``Analysis.quotes``."""

    technique: str
    score: float = Field(ge=0.0, le=1.0)
    voice: Voice | None = _voice_field()
    quote_index: int | None = _quote_index_field()

    @model_validator(mode="after")
    def _voiced(self) -> "TechniqueSpan":
        _check_voice(self.voice, self.quote_index)
        return self


class Speaker(Span):
    """Who said it: the span in the text, and ``name``, the entity it resolves to."""

    name: str


class Quote(Span):
    kind: QuoteKind
    cue: Span | None = None
    speaker: Speaker | None = None
    speech: bool = Field(
        default=True,
        description="words someone said or wrote (said, told, wrote, tweeted, argued, according "
                    "to …); false for beliefs, plans and actions reported as attributions "
                    "(\"X believes …\", \"X plans to …\", \"X backed the bill\") and for scare quotes "
                    "and terms",
    )
    content: QuoteContent = Field(
        default="words",
        description="what the quote's text gives: the speaker's words (quoted words, a clause "
                    "of what was said, what they called something), or only the topic, a noun "
                    "phrase naming what the speech was about or acted on (\"denied the "
                    "accusations\", \"talked about the case\"): the narrator's words, not the "
                    "speaker's",
    )
    continues: int | None = Field(default=None, ge=0, description=(
        "index in quotes[] of the first part of the utterance this quote carries on (split by "
        "its cue, \"“A,” she said, “B.”\", or resumed without one); null when it starts one"))


#: kinds of quote that attribute words to someone (scare quotes and terms do not)
REPORTED_KINDS: tuple[str, ...] = ("direct", "indirect", "mixed")


# the narrator's own first person: what it reports of itself ("As I wrote last spring, …",
# "I tell you …", "we reported …") is the outlet's voice, unless it stands in quote marks
NARRATOR = frozenset({"I", "we", "We", "me", "us", "Us", "my", "My", "our", "Our"})  # (as written: "US" is a country)


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans that share at least one character joined into one; empty spans dropped; sorted."""
    out: list[list[int]] = []
    for s, e in sorted((s, e) for s, e in spans if e > s):
        if out and s < out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def gives_words(q: Quote) -> bool:
    """A quote of reported speech whose text is the speaker's words, not only its topic: the
    spans voice counts as quoted."""
    return is_reported_speech(q) and q.content == "words"


def narrators_own(q: Quote) -> bool:
    """The narrator's own first person without quote marks ("As I wrote …", "we reported …"):
    speech, as PolNeAR annotates it, but the outlet's voice, not a source it quotes."""
    return q.kind != "direct" and q.speaker is not None and q.speaker.name in NARRATOR


def is_reported_speech(q: Quote) -> bool:
    """A quote reports someone's speech: an attribution (not a scare quote or a quoted term)
    whose cue is speech, not a belief, plan or action, nor :func:`narrators_own`. Reports,
    pages, comparisons and statistics list these by default."""
    return q.kind in REPORTED_KINDS and q.speech and not narrators_own(q)


def counted_quote(q: Quote) -> bool:
    """Reported speech that starts an utterance: what quote totals count (once per utterance)."""
    return is_reported_speech(q) and q.continues is None


class Mention(Record):
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Descriptor(Span):
    """How the article labels an entity; ``voice`` as for technique spans."""

    kind: DescriptorKind
    voice: Voice | None = _voice_field()
    quote_index: int | None = _quote_index_field()

    @model_validator(mode="after")
    def _voiced(self) -> "Descriptor":
        _check_voice(self.voice, self.quote_index)
        return self


class Entity(Record):
    name: str
    type: EntityType
    mentions: list[Mention] = Field(default_factory=list)
    descriptors: list[Descriptor] = Field(default_factory=list)


class Problem(Record):
    stage: str
    message: str


class StageProvenance(Record):
    name: str
    version: str
    model: str | None = None
    model_hash: str | None = None


class Provenance(Record):
    slant_version: str
    schema_version: str = SCHEMA_VERSION
    stages: list[StageProvenance] = Field(default_factory=list)
    analyzed_at: datetime | None = None


class TechniqueCount(Record):
    technique: str
    count: int


class VoiceSummary(Record):
    """Technique spans in one voice, per 1,000 of that voice's words."""

    words: int
    technique_spans: int
    spans_per_1000_words: float


class Summary(Record):
    words: int
    technique_spans: int
    spans_per_1000_words: float
    top_techniques: list[TechniqueCount] = Field(default_factory=list)
    quotes: int = 0
    entities: int = 0
    narrator: VoiceSummary | None = Field(
        default=None, description="the outlet's own words: spans per 1,000 words outside quotes "
        "(null when voice was not computed)")
    quoted: VoiceSummary | None = Field(
        default=None, description="quoted speech: spans per 1,000 words inside quotes "
        "(null when voice was not computed)")


def normalise_text(text: str) -> str:
    """Unicode NFC with whitespace collapsed: the form an article's id is computed from."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def article_id(text: str, url: str | None = None) -> str:
    """A stable id: the same text (up to whitespace) at the same URL always gets the same id."""
    h = hashlib.sha256()
    h.update((url or "").strip().encode("utf-8"))
    h.update(b"\x00")
    h.update(normalise_text(text).encode("utf-8"))
    return h.hexdigest()[:16]


RemovedKind = Literal["timestamp", "caption", "related", "share", "newsletter"]


class Removed(Record):
    """A line ingest left out as not article text: a timestamp, a photo caption, a "READ
    MORE"/"Related" line, a share or follow prompt, a newsletter box. ``start``/``end`` are
    offsets into the text as it was read (the file, the page's extracted text), before the
    removal."""

    kind: RemovedKind
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class ExportedArticle(Record):
    """An article as exported: all slant keeps of it but where it was read from (origin)."""

    id: str = ""
    title: str | None = None
    text: str
    url: str | None = None
    source: str | None = None
    author: str | None = None
    published: datetime | None = None
    language: str | None = None
    removed: list[Removed] = Field(
        default_factory=list,
        description="lines left out of `text` at ingest as not article text (captions, share "
                    "prompts, timestamps …), with their offsets in the text as read",
    )

    @model_validator(mode="after")
    def _fill_id(self) -> "ExportedArticle":
        if not self.id:
            self.id = article_id(self.text, self.url)
        return self


class Article(ExportedArticle):
    """An article: what is exported, and ``origin``."""

    origin: str | None = Field(default=None, description="where it was read from: a path, URL or '<stdin>'")


class ExportedAnalysis(Record):
    """One analyzed article as exported: the output contract (schema_version)."""

    # The one export model: `slant analyze --format json` (to_json_dict), the JSON Schema
    # (analysis_json_schema), the JSON API's responses and the Parquet/CSV tables
    # (slant.tables) all derive from it; Analysis adds what is kept but not exported.

    schema_version: str = SCHEMA_VERSION
    article: ExportedArticle
    techniques: list[TechniqueSpan] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    summary: Summary | None = None
    glossary: dict[str, dict[str, str]] = Field(default_factory=dict)
    problems: list[Problem] = Field(default_factory=list)
    provenance: Provenance

    def to_json_dict(self) -> dict[str, Any]:
        """The JSON form of the output contract (datetimes as ISO strings): the fields of
        :class:`ExportedAnalysis`, whatever subclass ``self`` is."""
        return ExportedAnalysis.__pydantic_serializer__.to_python(self, mode="json")  # type: ignore[no-any-return]


class Analysis(ExportedAnalysis):
    """An analysis as slant keeps it: the exported fields, the article's ``origin`` and the
    embedding."""

    article: Article
    embedding: list[float] | None = Field(
        default=None, description="title-and-lead sentence embedding; stored, not exported"
    )

    def _repr_html_(self) -> str:
        """The notebook view: the text with technique spans marked, the quotes, the problems."""
        return to_html(self)


def check_spans(analysis: Analysis) -> list[str]:
    """Every span whose ``text`` is not the slice it claims to be, as messages (empty: all good)."""
    text = analysis.article.text
    bad: list[str] = []

    def check(kind: str, s: Span) -> None:
        if s.end > len(text) or text[s.start : s.end] != s.text:
            bad.append(f"{kind} [{s.start},{s.end}) text {s.text!r} != {text[s.start:s.end]!r}")

    n_quotes = len(analysis.quotes)

    def check_voice(kind: str, s: TechniqueSpan | Descriptor) -> None:
        if s.quote_index is not None and s.quote_index >= n_quotes:
            bad.append(f"{kind} [{s.start},{s.end}) quote_index {s.quote_index} is past the "
                       f"{n_quotes} quotes")

    for t in analysis.techniques:
        check("technique", t)
        check_voice("technique", t)
    for i, q in enumerate(analysis.quotes):
        check("quote", q)
        if q.continues is not None and q.continues >= i:
            bad.append(f"quote {i} continues quote {q.continues}, not an earlier one")
        if q.cue:
            check("cue", q.cue)
        if q.speaker:
            check("speaker", q.speaker)
    for e in analysis.entities:
        for m in e.mentions:
            if m.end > len(text):
                bad.append(f"mention of {e.name} [{m.start},{m.end}) past the end")
        for d in e.descriptors:
            check("descriptor", d)
            check_voice("descriptor", d)
    return bad


def analysis_json_schema() -> dict[str, Any]:
    """The JSON Schema of :class:`ExportedAnalysis` (:meth:`~ExportedAnalysis.to_json_dict`
    output; checked in as ``slant/schema/analysis.schema.json``, a test keeps the two equal)."""
    schema = ExportedAnalysis.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://slant.invalid/schema/analysis-{SCHEMA_VERSION}.json"
    schema["title"] = "slant Analysis"
    schema["description"] = (
        f"One analyzed article, as `slant analyze --format json` prints it. schema_version {SCHEMA_VERSION}."
    )
    return schema
