"""Quotes say which earlier quote they carry on (one utterance split by its cue or resumed
without one), so quote counts count an utterance once.

Rows written before keep NULL: each of their quotes counts on its own, as it did.

Revision ID: 0010
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("quotes") as batch:
        batch.add_column(sa.Column("continues", sa.Integer))


def downgrade() -> None:
    with op.batch_alter_table("quotes") as batch:
        batch.drop_column("continues")
