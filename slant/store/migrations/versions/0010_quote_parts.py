"""Quotes say which earlier quote they carry on (one utterance split by its cue or resumed
without one), so quote counts count an utterance once.

Stored analyses made with the quotes stage before this (schema 1.2 and older) get their parts
linked by the rule of :mod:`slant.utterances` (``with_parts``): the stored analysis, its
``quotes`` count and its quote rows are rewritten. Analyses made without quotes are left as
they are.

Revision ID: 0010
Revises: 0005
"""

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0005"
branch_labels = None
depends_on = None

BATCH = 500


def upgrade() -> None:
    with op.batch_alter_table("quotes") as batch:
        batch.add_column(sa.Column("continues", sa.Integer))
    _backfill(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table("quotes") as batch:
        batch.drop_column("continues")


def _backfill(conn) -> None:
    from slant.models import Analysis, counted_quote
    from slant.utterances import with_parts

    md = sa.MetaData()
    a = sa.Table("articles", md, sa.Column("pk", sa.Integer), sa.Column("id", sa.String),
                 sa.Column("text", sa.Text), sa.Column("meta", sa.Text),
                 sa.Column("analysis", sa.Text), sa.Column("quotes", sa.Integer))
    q = sa.Table("quotes", md, sa.Column("article_pk", sa.Integer), sa.Column("start", sa.Integer),
                 sa.Column("end", sa.Integer), sa.Column("continues", sa.Integer))
    update = a.update().where(a.c.pk == sa.bindparam("pk_")).values(
        analysis=sa.bindparam("analysis_"), quotes=sa.bindparam("quotes_"))
    link = q.update().where(q.c.article_pk == sa.bindparam("pk_"), q.c.start == sa.bindparam("start_"),
                            q.c.end == sa.bindparam("end_")).values(continues=sa.bindparam("continues_"))
    last = 0
    while True:
        rows = conn.execute(sa.select(a.c.pk, a.c.id, a.c.text, a.c.meta, a.c.analysis)
                            .where(a.c.pk > last).order_by(a.c.pk).limit(BATCH)).all()
        if not rows:
            break
        last = rows[-1].pk
        updates: list[dict[str, Any]] = []
        links: list[dict[str, Any]] = []
        for row in rows:
            data = json.loads(row.analysis)
            article = json.loads(row.meta)
            article.update(id=row.id, text=row.text)
            data["article"] = article
            old = Analysis.model_validate(data)
            new = with_parts(old)
            if new is old or all(x.continues is None for x in new.quotes):
                continue
            payload = new.model_dump(mode="json", exclude={"article": True, "embedding": True})
            updates.append({"pk_": row.pk, "quotes_": sum(1 for x in new.quotes if counted_quote(x)),
                            "analysis_": json.dumps(payload, ensure_ascii=False, separators=(",", ":"))})
            links.extend({"pk_": row.pk, "start_": x.start, "end_": x.end, "continues_": x.continues}
                         for x in new.quotes if x.continues is not None)
        if updates:
            conn.execute(update, updates)
            conn.execute(link, links)
