"""The tables, as SQLAlchemy 2 declarative models. Migrations (``migrations/versions``)
create them; a test checks the two agree.

Child rows (techniques, quotes, entities, descriptors, targets) carry their article's
``source`` so per-outlet statistics need no join. ``outlet_month`` and
``outlet_month_technique`` are running totals kept in the same transaction as each article,
so outlet × month statistics read a few hundred rows whatever the corpus size.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Float, Index, Integer, LargeBinary, String, Table, Text, true
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class ArticleRow(Base):
    __tablename__ = "articles"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(32), unique=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    key: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(300), default="")
    published: Mapped[datetime | None] = mapped_column(DateTime)  # UTC, naive
    month: Mapped[str] = mapped_column(String(7))
    language: Mapped[str | None] = mapped_column(String(16))
    words: Mapped[int] = mapped_column(Integer)
    spans: Mapped[int] = mapped_column(Integer)
    quotes: Mapped[int] = mapped_column(Integer)
    entities: Mapped[int] = mapped_column(Integer)
    # Per voice (slant.voice): words and technique spans; NULL when voice is unknown.
    narrator_words: Mapped[int | None] = mapped_column(Integer)
    narrator_spans: Mapped[int | None] = mapped_column(Integer)
    quoted_words: Mapped[int | None] = mapped_column(Integer)
    quoted_spans: Mapped[int | None] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64))
    analysis_hash: Mapped[str] = mapped_column(String(64))
    fingerprint: Mapped[str] = mapped_column(String(32), index=True)
    slant_version: Mapped[str] = mapped_column(String(32))
    stored_at: Mapped[datetime] = mapped_column(DateTime)
    meta: Mapped[str] = mapped_column(Text)       # JSON: the Article minus its text
    analysis: Mapped[str] = mapped_column(Text)   # JSON: the Analysis minus article, embedding
    embedding: Mapped[bytes | None] = mapped_column(LargeBinary)  # float32, little-endian
    story_id: Mapped[int | None] = mapped_column(Integer, index=True)

    __table_args__ = (
        Index("ix_articles_source_published", "source", "published"),
        Index("ix_articles_published", "published"),
    )


class TechniqueRow(Base):
    __tablename__ = "techniques"

    rid: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_pk: Mapped[int] = mapped_column(Integer, index=True)
    source: Mapped[str] = mapped_column(String(300))
    technique: Mapped[str] = mapped_column(String(64))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    score: Mapped[float] = mapped_column(Float)
    voice: Mapped[str | None] = mapped_column(String(8))  # narrator | quoted | NULL (unknown)
    quote_index: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (Index("ix_techniques_technique", "technique", "article_pk"),)


class QuoteRow(Base):
    __tablename__ = "quotes"

    rid: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_pk: Mapped[int] = mapped_column(Integer, index=True)
    source: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(16))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    speaker: Mapped[str | None] = mapped_column(String(300))
    speaker_norm: Mapped[str | None] = mapped_column(String(300))
    speech: Mapped[bool] = mapped_column(Boolean, nullable=False, server_default=true())
    continues: Mapped[int | None] = mapped_column(Integer)  # Quote.continues; NULL: starts one

    __table_args__ = (
        Index("ix_quotes_speaker", "speaker_norm", "article_pk"),
        Index("ix_quotes_source_speaker", "source", "speaker_norm"),
    )


class EntityRow(Base):
    __tablename__ = "entities"

    rid: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_pk: Mapped[int] = mapped_column(Integer, index=True)
    source: Mapped[str] = mapped_column(String(300))
    name: Mapped[str] = mapped_column(String(300))
    name_norm: Mapped[str] = mapped_column(String(300))
    type: Mapped[str] = mapped_column(String(16))
    mentions: Mapped[int] = mapped_column(Integer)

    __table_args__ = (Index("ix_entities_name", "name_norm", "article_pk"),)


class DescriptorRow(Base):
    __tablename__ = "descriptors"

    rid: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_pk: Mapped[int] = mapped_column(Integer, index=True)
    source: Mapped[str] = mapped_column(String(300))
    entity_norm: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    voice: Mapped[str | None] = mapped_column(String(8))  # narrator | quoted | NULL (unknown)
    speaker: Mapped[str | None] = mapped_column(String(300))  # for quoted labels: who said it

    __table_args__ = (Index("ix_descriptors_entity", "entity_norm", "source"),)


class TargetRow(Base):
    """A technique span aimed at an entity (see slant.store.targets)."""

    __tablename__ = "technique_targets"

    rid: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_pk: Mapped[int] = mapped_column(Integer, index=True)
    source: Mapped[str] = mapped_column(String(300))
    entity_norm: Mapped[str] = mapped_column(String(300))
    technique: Mapped[str] = mapped_column(String(64))
    voice: Mapped[str | None] = mapped_column(String(8))  # the technique span's voice

    __table_args__ = (Index("ix_targets_entity", "entity_norm", "source"),)


class OutletMonthRow(Base):
    __tablename__ = "outlet_month"

    source: Mapped[str] = mapped_column(String(300), primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    articles: Mapped[int] = mapped_column(Integer)
    words: Mapped[int] = mapped_column(Integer)
    spans: Mapped[int] = mapped_column(Integer)
    voiced_articles: Mapped[int] = mapped_column(Integer, default=0)  # those with voice known
    narrator_words: Mapped[int] = mapped_column(Integer, default=0)
    narrator_spans: Mapped[int] = mapped_column(Integer, default=0)
    quoted_words: Mapped[int] = mapped_column(Integer, default=0)
    quoted_spans: Mapped[int] = mapped_column(Integer, default=0)


class OutletMonthTechniqueRow(Base):
    __tablename__ = "outlet_month_technique"

    source: Mapped[str] = mapped_column(String(300), primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    technique: Mapped[str] = mapped_column(String(64), primary_key=True)
    spans: Mapped[int] = mapped_column(Integer)
    narrator_spans: Mapped[int] = mapped_column(Integer, default=0)
    quoted_spans: Mapped[int] = mapped_column(Integer, default=0)


class StoryRow(Base):
    __tablename__ = "stories"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    title: Mapped[str | None] = mapped_column(Text)
    size: Mapped[int] = mapped_column(Integer)
    centroid: Mapped[bytes | None] = mapped_column(LargeBinary)
    entities: Mapped[str] = mapped_column(Text)  # JSON {name: count}
    terms: Mapped[str | None] = mapped_column(Text)  # JSON {content term: count}
    first_published: Mapped[datetime | None] = mapped_column(DateTime)
    last_published: Mapped[datetime | None] = mapped_column(DateTime, index=True)


class ArticleNameRow(Base):
    """One name in one stored article (an entity, an alias the text gives, a name-like
    speaker), its group within the article (see slant.names) and the actor it resolves to."""

    __tablename__ = "article_names"

    rid: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_pk: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(300))
    grp: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(300))
    name_norm: Mapped[str] = mapped_column(String(300))
    key: Mapped[str] = mapped_column(String(300))
    type: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(16))
    female: Mapped[int] = mapped_column(Integer)
    male: Mapped[int] = mapped_column(Integer)
    actor_id: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (
        Index("ix_article_names_article", "article_pk", "name_norm"),
        Index("ix_article_names_actor", "actor_id"),
    )


class ActorRow(Base):
    """A person or organisation across the corpus (rebuilt by slant.stories.update_actors)."""

    __tablename__ = "actors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(300))
    name_norm: Mapped[str] = mapped_column(String(300), index=True)
    type: Mapped[str] = mapped_column(String(16))
    gender: Mapped[str | None] = mapped_column(String(16))
    female: Mapped[int] = mapped_column(Integer)
    male: Mapped[int] = mapped_column(Integer)
    articles: Mapped[int] = mapped_column(Integer, index=True)


class ActorNameRow(Base):
    __tablename__ = "actor_names"

    rid: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    actor_id: Mapped[int] = mapped_column(Integer, index=True)
    name: Mapped[str] = mapped_column(String(300))
    name_norm: Mapped[str] = mapped_column(String(300))
    origin: Mapped[str] = mapped_column(String(8))  # "text" or "user"

    __table_args__ = (Index("ix_actor_names_name", "name_norm"),)


class ActorCorrectionRow(Base):
    """A user's correction, by name, replayed on every resolution ("same", "apart", "alias")."""

    __tablename__ = "actor_corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    op: Mapped[str] = mapped_column(String(16))
    a: Mapped[str] = mapped_column(String(300))
    b: Mapped[str] = mapped_column(String(300))
    made_at: Mapped[datetime] = mapped_column(DateTime)


class OutletRow(Base):
    """An outlet's metadata as the user imported it (``slant outlets import``)."""

    __tablename__ = "outlets"

    name: Mapped[str] = mapped_column(String(300), primary_key=True)
    domain: Mapped[str | None] = mapped_column(String(300), index=True)
    country: Mapped[str | None] = mapped_column(String(100))
    owner: Mapped[str | None] = mapped_column(String(300))
    groups: Mapped[str] = mapped_column(Text)  # JSON {group: value}


class FeedStateRow(Base):
    __tablename__ = "feed_state"

    url: Mapped[str] = mapped_column(Text, primary_key=True)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    fetched_at: Mapped[datetime | None] = mapped_column(DateTime)
    status: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Text)


class CrawlFailureRow(Base):
    """An article page a crawl failed to fetch: kept, and retried after a back-off."""

    __tablename__ = "crawl_failures"

    url: Mapped[str] = mapped_column(Text, primary_key=True)
    feed: Mapped[str] = mapped_column(Text, index=True)
    attempts: Mapped[int] = mapped_column(Integer)
    error: Mapped[str] = mapped_column(Text)
    next_attempt: Mapped[datetime] = mapped_column(DateTime)  # UTC, naive
    gave_up: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[datetime | None] = mapped_column(DateTime)
    author: Mapped[str | None] = mapped_column(Text)
    feed_title: Mapped[str | None] = mapped_column(Text)
    first_failed: Mapped[datetime | None] = mapped_column(DateTime)
    last_failed: Mapped[datetime | None] = mapped_column(DateTime)


def _table(row: type[Base]) -> Table:
    """A mapped class's table, typed as the Table it is (``__table__`` is typed FromClause)."""
    table = row.__table__
    assert isinstance(table, Table)
    return table


articles = _table(ArticleRow)
techniques = _table(TechniqueRow)
quotes = _table(QuoteRow)
entities = _table(EntityRow)
descriptors = _table(DescriptorRow)
targets = _table(TargetRow)
outlet_month = _table(OutletMonthRow)
outlet_month_technique = _table(OutletMonthTechniqueRow)
stories = _table(StoryRow)
feed_state = _table(FeedStateRow)
article_names = _table(ArticleNameRow)
actors = _table(ActorRow)
actor_names = _table(ActorNameRow)
actor_corrections = _table(ActorCorrectionRow)
outlets = _table(OutletRow)
crawl_failures = _table(CrawlFailureRow)

CHILDREN = (techniques, quotes, entities, descriptors, targets, article_names)
