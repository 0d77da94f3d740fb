"""Quotes say whether they report speech (said, told, wrote …) or a belief, plan or action.

Revision ID: 0009
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # rows written before the distinction count as speech, as they were shown before
    with op.batch_alter_table("quotes") as batch:
        batch.add_column(sa.Column("speech", sa.Boolean, nullable=False,
                                   server_default=sa.true()))


def downgrade() -> None:
    with op.batch_alter_table("quotes") as batch:
        batch.drop_column("speech")
