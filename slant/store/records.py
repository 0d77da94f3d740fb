"""What the store's queries return: small pydantic records, ready to print or serve as JSON.

The analysis records themselves (:class:`~slant.models.Analysis` and friends) live in
:mod:`slant.models`; these are the corpus-level views over them.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from slant.models import VoiceSummary


class _Rec(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ArticleSummary(_Rec):
    """One stored article as a search hit or a list row (no text, no spans)."""

    id: str
    title: str | None = None
    url: str | None = None
    source: str | None = Field(default=None, description="the outlet")
    published: datetime | None = None
    words: int = 0
    technique_spans: int = 0
    spans_per_1000_words: float = 0.0
    quotes: int = 0
    entities: int = 0
    narrator: VoiceSummary | None = Field(
        default=None, description="the outlet's own words: spans per 1,000 narrator words "
        "(null when voice is unknown)")
    quoted: VoiceSummary | None = Field(
        default=None, description="quoted speech: spans per 1,000 quoted words")
    story_id: int | None = None
    snippet: str | None = Field(default=None, description="a piece of text around the match")


class SearchPage(_Rec):
    """One page of search results: ``total`` matches in all, ``items`` from ``offset``."""

    total: int
    offset: int = 0
    limit: int = 20
    items: list[ArticleSummary] = Field(default_factory=list)


class OutletCount(_Rec):
    source: str
    articles: int
    first_published: datetime | None = None
    last_published: datetime | None = None


class TechniqueRateRow(_Rec):
    """Per outlet and month: article count, words, and technique spans per 1,000 words.

    ``words``, ``spans``, ``spans_per_1000_words`` and ``by_technique`` are for ``voice``:
    the narrator's own words (the default), quoted speech, or all words; ``narrator`` and
    ``quoted`` give both voices side by side. Articles whose voice is unknown (analyzed
    without quotes) count only under ``all``; ``voiced_articles`` says how many have it.
    """

    source: str
    month: str = Field(description="the period: YYYY-MM, or YYYY-Www (ISO week) or YYYY-MM-DD "
                       "with day/week granularity ('unknown' when undated)")
    voice: str = Field(default="all", description="narrator, quoted or all")
    articles: int
    words: int
    spans: int
    spans_per_1000_words: float
    by_technique: dict[str, float] = Field(
        default_factory=dict, description="technique -> spans per 1,000 words"
    )
    voiced_articles: int = Field(default=0, description="articles whose voice is known")
    narrator: VoiceSummary | None = Field(default=None, description="the narrator's own words")
    quoted: VoiceSummary | None = Field(default=None, description="quoted speech")


class SpeakerCount(_Rec):
    source: str
    speaker: str = Field(description="the actor's display name (the quoted name when unresolved)")
    quotes: int
    articles: int
    actor_id: int | None = None
    gender: str | None = None


class QuotedLabel(_Rec):
    """A label of an entity that an outlet printed inside someone's quote."""

    text: str
    speaker: str | None = Field(default=None, description="who said it (null: unattributed)")
    count: int


class EntityOutletProfile(_Rec):
    """How one outlet treats one entity: its labels (descriptors) and the techniques aimed at it.

    ``descriptors`` are the outlet's own labels (the narrator's; also those of unknown voice,
    from articles analyzed without quotes); labels inside quotes are ``quoted_descriptors``,
    each with its speaker. Likewise ``techniques`` and ``quoted_techniques`` for the spans
    aimed at it.
    """

    source: str
    entity: str
    articles: int
    mentions: int
    actor_id: int | None = None
    names: list[str] = Field(default_factory=list, description="the names this outlet uses for it")
    descriptors: dict[str, int] = Field(default_factory=dict, description="descriptor text -> count")
    quoted_descriptors: list[QuotedLabel] = Field(
        default_factory=list, description="labels inside quotes, with who said them")
    techniques: dict[str, int] = Field(
        default_factory=dict, description="technique -> spans aimed at the entity, in the "
        "outlet's own words (or of unknown voice)"
    )
    quoted_techniques: dict[str, int] = Field(
        default_factory=dict, description="technique -> spans aimed at the entity inside quotes"
    )


class StoryInfo(_Rec):
    """A group of articles on the same story."""

    id: int
    title: str | None = None
    articles: int
    outlets: list[str] = Field(default_factory=list)
    first_published: datetime | None = None
    last_published: datetime | None = None
    article_ids: list[str] = Field(default_factory=list)


class StoryCandidate(_Rec):
    """What clustering needs of an article: its embedding, entities, time and outlet."""

    id: str
    title: str | None = None
    source: str | None = None
    published: datetime | None = None
    embedding: list[float] | None = None
    entities: list[str] = Field(default_factory=list, description="its actors' keys")
    terms: list[str] = Field(default_factory=list, description="the full text's content terms")
    story_id: int | None = None


class StoredStory(_Rec):
    """A story as clustering keeps it between runs: centroid, entity counts, time range."""

    id: int
    title: str | None = None
    size: int
    centroid: list[float] | None = None
    entities: dict[str, int] = Field(default_factory=dict)
    terms: dict[str, int] = Field(default_factory=dict)
    first_published: datetime | None = None
    last_published: datetime | None = None


class FeedState(_Rec):
    """What the crawler remembers about a feed or page URL between runs."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    fetched_at: datetime | None = None
    status: int | None = None
    error: str | None = None


class CrawlFailure(_Rec):
    """An article page a crawl failed to fetch, kept to be retried after ``next_attempt``."""

    url: str
    feed: str
    attempts: int
    error: str
    next_attempt: datetime
    gave_up: bool = False
    title: str | None = None
    published: datetime | None = None
    author: str | None = None
    feed_title: str | None = None
    first_failed: datetime | None = None
    last_failed: datetime | None = None


class SaveResult(_Rec):
    """Outcome of storing one analysis."""

    id: str
    status: str = Field(description="'new', 'updated' or 'unchanged'")
    replaced_text: bool = Field(
        default=False,
        description="an article with a different text was stored under the same key (the "
        "same canonical URL) and this one replaced it")


class ActorInfo(_Rec):
    """A person or organisation across the corpus, with every name it goes by."""

    id: int
    name: str
    type: str
    gender: str | None = Field(default=None, description="people: 'female', 'male' or 'unknown' "
                               "(guessed from pronouns and titles in the text)")
    articles: int = 0
    names: list[str] = Field(default_factory=list, description="every name found for it, and aliases users added")
    user_names: list[str] = Field(default_factory=list, description="aliases users added")


class ActorCorrection(_Rec):
    """A user's correction, kept by name so it survives re-analysis and re-clustering."""

    id: int
    op: str = Field(description="'same' (merge), 'apart' (split) or 'alias'")
    a: str
    b: str
    made_at: datetime


class ActorLink(_Rec):
    """Which actor a name of a stored article stands for."""

    actor_id: int
    name: str = Field(description="the actor's display name")
    type: str
    gender: str | None = None


class OutletInfo(_Rec):
    """An outlet's metadata as the user imported it; ``groups`` are the user's own columns
    (a lean, a region, an ownership type...)."""

    name: str
    domain: str | None = None
    country: str | None = None
    owner: str | None = None
    groups: dict[str, str] = Field(default_factory=dict)


class GenderShare(_Rec):
    """Per outlet: quotes by speakers guessed female, male, or unknown (see docs/corpus.md)."""

    source: str
    quotes: int
    female: int
    male: int
    unknown: int
    female_share: float
    male_share: float
    unknown_share: float
