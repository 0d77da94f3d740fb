"""Crawl failures: article pages a crawl failed to fetch, kept and retried with back-off.

Revision ID: 0008
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "crawl_failures",
        sa.Column("url", sa.Text, primary_key=True),
        sa.Column("feed", sa.Text, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("error", sa.Text, nullable=False),
        sa.Column("next_attempt", sa.DateTime, nullable=False),
        sa.Column("gave_up", sa.Integer, nullable=False, server_default="0"),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.DateTime),
        sa.Column("author", sa.Text),
        sa.Column("feed_title", sa.Text),
        sa.Column("first_failed", sa.DateTime),
        sa.Column("last_failed", sa.DateTime),
    )
    op.create_index("ix_crawl_failures_feed", "crawl_failures", ["feed"])


def downgrade() -> None:
    op.drop_index("ix_crawl_failures_feed", "crawl_failures")
    op.drop_table("crawl_failures")
