"""Stories (same-story clusters) and crawl state.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("articles", sa.Column("story_id", sa.Integer))
    op.create_index("ix_articles_story_id", "articles", ["story_id"])
    op.create_table(
        "stories",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("title", sa.Text),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("centroid", sa.LargeBinary),
        sa.Column("entities", sa.Text, nullable=False),
        sa.Column("first_published", sa.DateTime),
        sa.Column("last_published", sa.DateTime),
    )
    op.create_index("ix_stories_last_published", "stories", ["last_published"])
    op.create_table(
        "feed_state",
        sa.Column("url", sa.Text, primary_key=True),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("fetched_at", sa.DateTime),
        sa.Column("status", sa.Integer),
        sa.Column("error", sa.Text),
    )


def downgrade() -> None:
    op.drop_table("feed_state")
    op.drop_table("stories")
    op.drop_index("ix_articles_story_id", "articles")
    op.drop_column("articles", "story_id")
