"""The records of a comparison (:func:`slant.stories.compare.compare`): per article, per side
(an outlet or a group of outlets), per quoted actor, per labelled actor, quotes several outlets
report, and the coverage timeline. Text, JSON and the web page all render a :class:`Comparison`.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from slant.models import VoiceSummary


class _Rec(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ArticleProfile(_Rec):
    """``words``, ``spans``, ``spans_per_1000_words`` and ``techniques`` are for ``voice``
    (the narrator's own words by default); ``narrator`` and ``quoted`` give both voices
    (null when the article's voice is unknown: analyzed without quotes)."""

    id: str
    title: str | None = None
    source: str | None = None
    side: str
    published: datetime | None = None
    voice: str = "narrator"
    words: int
    spans: int
    spans_per_1000_words: float
    techniques: dict[str, int] = Field(default_factory=dict)
    speakers: list[str] = Field(default_factory=list, description="actors quoted")
    narrator: VoiceSummary | None = None
    quoted: VoiceSummary | None = None


class QuotedActor(_Rec):
    actor: str
    actor_id: int | None = None
    quotes: int
    articles: int


class OutletProfile(_Rec):
    """One side: an outlet, or a group of outlets (``outlets`` lists them)."""

    source: str
    outlets: list[str] = Field(default_factory=list)
    articles: list[str]
    voice: str = "narrator"
    words: int
    spans: int
    spans_per_1000_words: float
    techniques: dict[str, float] = Field(default_factory=dict, description="spans per 1,000 words")
    narrator: VoiceSummary | None = None
    quoted: VoiceSummary | None = None
    quoted_actors: list[QuotedActor] = Field(default_factory=list, description="whom this side quotes")


class SpeakerSides(_Rec):
    speaker: str = Field(description="the actor's display name")
    actor_id: int | None = None
    quotes: int
    outlets: list[str]
    articles: list[str]
    by_outlet: dict[str, int] = Field(default_factory=dict, description="side -> quotes")
    only_one_side: bool


class Labels(_Rec):
    own: list[str] = Field(default_factory=list, description="in the outlet's own words")
    quoted: list[str] = Field(default_factory=list, description="inside quotes it reports")


class EntityLabels(_Rec):
    entity: str = Field(description="the actor's display name")
    actor_id: int | None = None
    type: str
    names: list[str] = Field(default_factory=list, description="names the articles use for it")
    articles: list[str]
    by_outlet: dict[str, Labels] = Field(default_factory=dict)
    by_article: dict[str, list[str]] = Field(default_factory=dict)


class QuoteOccurrence(_Rec):
    """One article's report of the quote: its words (an utterance's parts joined by " … "),
    and the offsets from its first part's start to its last part's end."""

    article_id: str
    source: str | None = None
    speaker: str | None = None
    text: str
    start: int
    end: int


class QuoteMatch(_Rec):
    """One quote or claim reported by several articles (near-duplicates grouped)."""

    text: str
    similarity: float = Field(description="the lowest pairwise similarity in the group")
    outlets: list[str]
    occurrences: list[QuoteOccurrence]


class TimelineEntry(_Rec):
    published: datetime | None = None
    side: str
    source: str | None = None
    article_id: str
    title: str | None = None
    first_for_side: bool = False


class Comparison(_Rec):
    voice: str = Field(default="narrator", description="technique profiles count the outlets' own "
                       "words ('narrator'), the speech they quote ('quoted') or 'all'")
    speech_only: bool = Field(default=True, description="quotes counted are speech only (see Quote.speech)")
    group_by: str | None = Field(default=None, description="the outlet field sides are grouped by")
    articles: list[ArticleProfile]
    outlets: list[OutletProfile]
    speakers: list[SpeakerSides]
    entities: list[EntityLabels]
    quotes: list[QuoteMatch]
    timeline: list[TimelineEntry] = Field(default_factory=list)
