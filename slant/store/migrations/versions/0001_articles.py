"""Articles, their spans, quotes, entities, descriptors, targets, running totals, full text.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _child(name: str, *cols: sa.Column) -> None:
    op.create_table(
        name,
        sa.Column("rid", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_pk", sa.Integer, nullable=False),
        sa.Column("source", sa.String(300), nullable=False),
        *cols,
    )
    op.create_index(f"ix_{name}_article_pk", name, ["article_pk"])


def _articles() -> None:
    op.create_table(
        "articles",
        # Small columns first: SQLite reads a column past a long text only by following
        # overflow pages, and filters (source, published, ...) must stay cheap.
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(32), nullable=False, unique=True),
        sa.Column("key_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("source", sa.String(300), nullable=False),
        sa.Column("published", sa.DateTime),
        sa.Column("month", sa.String(7), nullable=False),
        sa.Column("words", sa.Integer, nullable=False),
        sa.Column("spans", sa.Integer, nullable=False),
        sa.Column("quotes", sa.Integer, nullable=False),
        sa.Column("entities", sa.Integer, nullable=False),
        sa.Column("language", sa.String(16)),
        sa.Column("fingerprint", sa.String(32), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("analysis_hash", sa.String(64), nullable=False),
        sa.Column("slant_version", sa.String(32), nullable=False),
        sa.Column("stored_at", sa.DateTime, nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("embedding", sa.LargeBinary),
        sa.Column("meta", sa.Text, nullable=False),
        sa.Column("analysis", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_index("ix_articles_fingerprint", "articles", ["fingerprint"])
    op.create_index("ix_articles_source_published", "articles", ["source", "published"])
    op.create_index("ix_articles_published", "articles", ["published"])


def _techniques() -> None:
    _child("techniques",
           sa.Column("technique", sa.String(64), nullable=False),
           sa.Column("start", sa.Integer, nullable=False),
           sa.Column("end", sa.Integer, nullable=False),
           sa.Column("score", sa.Float, nullable=False))
    op.create_index("ix_techniques_technique", "techniques", ["technique", "article_pk"])


def _quotes() -> None:
    _child("quotes",
           sa.Column("kind", sa.String(16), nullable=False),
           sa.Column("start", sa.Integer, nullable=False),
           sa.Column("end", sa.Integer, nullable=False),
           sa.Column("speaker", sa.String(300)),
           sa.Column("speaker_norm", sa.String(300)))
    op.create_index("ix_quotes_speaker", "quotes", ["speaker_norm", "article_pk"])
    op.create_index("ix_quotes_source_speaker", "quotes", ["source", "speaker_norm"])


def _entities() -> None:
    _child("entities",
           sa.Column("name", sa.String(300), nullable=False),
           sa.Column("name_norm", sa.String(300), nullable=False),
           sa.Column("type", sa.String(16), nullable=False),
           sa.Column("mentions", sa.Integer, nullable=False))
    op.create_index("ix_entities_name", "entities", ["name_norm", "article_pk"])


def _descriptors() -> None:
    _child("descriptors",
           sa.Column("entity_norm", sa.String(300), nullable=False),
           sa.Column("kind", sa.String(16), nullable=False),
           sa.Column("text", sa.Text, nullable=False))
    op.create_index("ix_descriptors_entity", "descriptors", ["entity_norm", "source"])


def _technique_targets() -> None:
    _child("technique_targets",
           sa.Column("entity_norm", sa.String(300), nullable=False),
           sa.Column("technique", sa.String(64), nullable=False))
    op.create_index("ix_targets_entity", "technique_targets", ["entity_norm", "source"])


def _outlet_months() -> None:
    """The running totals per outlet and month (and per technique)."""
    op.create_table(
        "outlet_month",
        sa.Column("source", sa.String(300), primary_key=True),
        sa.Column("month", sa.String(7), primary_key=True),
        sa.Column("articles", sa.Integer, nullable=False),
        sa.Column("words", sa.Integer, nullable=False),
        sa.Column("spans", sa.Integer, nullable=False),
    )
    op.create_table(
        "outlet_month_technique",
        sa.Column("source", sa.String(300), primary_key=True),
        sa.Column("month", sa.String(7), primary_key=True),
        sa.Column("technique", sa.String(64), primary_key=True),
        sa.Column("spans", sa.Integer, nullable=False),
    )


def _sqlite_full_text() -> None:
    """An FTS5 index over the articles' title and text, kept current by triggers."""
    op.execute(
        "CREATE VIRTUAL TABLE articles_fts USING fts5("
        "title, text, content='articles', content_rowid='pk', tokenize='porter unicode61')"
    )
    op.execute(
        "CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN "
        "INSERT INTO articles_fts(rowid, title, text) VALUES (new.pk, new.title, new.text); END"
    )
    op.execute(
        "CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN "
        "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
        "VALUES ('delete', old.pk, old.title, old.text); END"
    )
    op.execute(
        "CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, text ON articles BEGIN "
        "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
        "VALUES ('delete', old.pk, old.title, old.text); "
        "INSERT INTO articles_fts(rowid, title, text) VALUES (new.pk, new.title, new.text); END"
    )


def _postgres_full_text() -> None:
    """A weighted tsvector column (title A, text B) and its GIN index."""
    op.execute(
        "ALTER TABLE articles ADD COLUMN tsv tsvector GENERATED ALWAYS AS ("
        "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
        "setweight(to_tsvector('english', left(text, 500000)), 'B')) STORED"
    )
    op.execute("CREATE INDEX ix_articles_tsv ON articles USING gin (tsv)")


def upgrade() -> None:
    _articles()
    _techniques()
    _quotes()
    _entities()
    _descriptors()
    _technique_targets()
    _outlet_months()
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_full_text()
    else:
        _postgres_full_text()


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS articles_fts")
    for name in ("outlet_month_technique", "outlet_month", "technique_targets", "descriptors",
                 "entities", "quotes", "techniques", "articles"):
        op.drop_table(name)
