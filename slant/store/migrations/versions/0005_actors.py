"""Actors (people and organisations across the corpus), their names, the user's corrections,
each stored article's names linked to an actor, outlets with user-given metadata, and the
content terms of each story.

Revision ID: 0005
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # story grouping also compares the full text's content words (JSON {term: count})
    op.add_column("stories", sa.Column("terms", sa.Text))
    op.create_table(
        "article_names",
        sa.Column("rid", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_pk", sa.Integer, nullable=False),
        sa.Column("source", sa.String(300), nullable=False),
        sa.Column("grp", sa.Integer, nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("name_norm", sa.String(300), nullable=False),
        sa.Column("key", sa.String(300), nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("female", sa.Integer, nullable=False),
        sa.Column("male", sa.Integer, nullable=False),
        sa.Column("actor_id", sa.Integer),
    )
    op.create_index("ix_article_names_article", "article_names", ["article_pk", "name_norm"])
    op.create_index("ix_article_names_actor", "article_names", ["actor_id"])
    op.create_table(
        "actors",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("name_norm", sa.String(300), nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("gender", sa.String(16)),
        sa.Column("female", sa.Integer, nullable=False),
        sa.Column("male", sa.Integer, nullable=False),
        sa.Column("articles", sa.Integer, nullable=False),
    )
    op.create_index("ix_actors_name_norm", "actors", ["name_norm"])
    op.create_index("ix_actors_articles", "actors", ["articles"])
    op.create_table(
        "actor_names",
        sa.Column("rid", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("actor_id", sa.Integer, nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("name_norm", sa.String(300), nullable=False),
        sa.Column("origin", sa.String(8), nullable=False),
    )
    op.create_index("ix_actor_names_actor", "actor_names", ["actor_id"])
    op.create_index("ix_actor_names_name", "actor_names", ["name_norm"])
    op.create_table(
        "actor_corrections",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("op", sa.String(16), nullable=False),
        sa.Column("a", sa.String(300), nullable=False),
        sa.Column("b", sa.String(300), nullable=False),
        sa.Column("made_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "outlets",
        sa.Column("name", sa.String(300), primary_key=True),
        sa.Column("domain", sa.String(300)),
        sa.Column("country", sa.String(100)),
        sa.Column("owner", sa.String(300)),
        sa.Column("groups", sa.Text, nullable=False),
    )
    op.create_index("ix_outlets_domain", "outlets", ["domain"])


def downgrade() -> None:
    op.drop_table("outlets")
    op.drop_table("actor_corrections")
    op.drop_table("actor_names")
    op.drop_table("actors")
    op.drop_table("article_names")
    op.drop_column("stories", "terms")
