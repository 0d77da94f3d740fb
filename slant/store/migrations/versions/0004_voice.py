"""Voice: narrator or quoted on technique spans and descriptors; per-voice running totals.

Stored analyses get voice too (the rule of slant.voice, applied to what is stored: spans,
descriptors, quotes), when they were made with the quotes stage; their technique and
descriptor rows are rewritten and the running totals recomputed. Analyses made without
quotes (``--only techniques``) keep voice unknown (NULL), and statistics count them apart.
Which entities the technique spans aim at (technique_targets) is worked out again from the
voiced spans, each with its span's voice.

Revision ID: 0004
Revises: 0008
"""

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0008"
branch_labels = None
depends_on = None

BATCH = 500


def _zero(name: str) -> sa.Column:
    return sa.Column(name, sa.Integer, nullable=False, server_default="0")


def upgrade() -> None:
    for name in ("narrator_words", "narrator_spans", "quoted_words", "quoted_spans"):
        op.add_column("articles", sa.Column(name, sa.Integer))
    op.add_column("techniques", sa.Column("voice", sa.String(8)))
    op.add_column("techniques", sa.Column("quote_index", sa.Integer))
    op.add_column("descriptors", sa.Column("voice", sa.String(8)))
    op.add_column("descriptors", sa.Column("speaker", sa.String(300)))
    op.add_column("technique_targets", sa.Column("voice", sa.String(8)))
    for name in ("voiced_articles", "narrator_words", "narrator_spans", "quoted_words",
                 "quoted_spans"):
        op.add_column("outlet_month", _zero(name))
    for name in ("narrator_spans", "quoted_spans"):
        op.add_column("outlet_month_technique", _zero(name))
    _backfill(op.get_bind())


def _tables():
    md = sa.MetaData()
    a = sa.Table("articles", md, sa.Column("pk", sa.Integer), sa.Column("id", sa.String),
                 sa.Column("source", sa.String), sa.Column("text", sa.Text),
                 sa.Column("meta", sa.Text), sa.Column("analysis", sa.Text),
                 sa.Column("spans", sa.Integer), sa.Column("fingerprint", sa.String),
                 *(sa.Column(n, sa.Integer) for n in ("narrator_words", "narrator_spans",
                                                      "quoted_words", "quoted_spans")))
    tech = sa.Table("techniques", md, sa.Column("rid", sa.Integer),
                    sa.Column("article_pk", sa.Integer), sa.Column("source", sa.String),
                    sa.Column("technique", sa.String), sa.Column("start", sa.Integer),
                    sa.Column("end", sa.Integer), sa.Column("score", sa.Float),
                    sa.Column("voice", sa.String), sa.Column("quote_index", sa.Integer))
    desc = sa.Table("descriptors", md, sa.Column("rid", sa.Integer),
                    sa.Column("article_pk", sa.Integer), sa.Column("source", sa.String),
                    sa.Column("entity_norm", sa.String), sa.Column("kind", sa.String),
                    sa.Column("text", sa.Text), sa.Column("voice", sa.String),
                    sa.Column("speaker", sa.String))
    targets = sa.Table("technique_targets", md, sa.Column("rid", sa.Integer),
                       sa.Column("article_pk", sa.Integer), sa.Column("source", sa.String),
                       sa.Column("entity_norm", sa.String), sa.Column("technique", sa.String),
                       sa.Column("voice", sa.String))
    return a, tech, desc, targets


def _norm(name: str) -> str:
    return " ".join(name.split()).casefold()[:300]


def _backfill(conn) -> None:
    from slant.models import Analysis
    from slant.store.keys import pipeline_fingerprint
    from slant.store.targets import aimed_at
    from slant.voice import has_voice, voice_words, with_voice

    a, tech, desc, targets = _tables()
    update = a.update().where(a.c.pk == sa.bindparam("pk_")).values(
        analysis=sa.bindparam("analysis_"), spans=sa.bindparam("spans_"),
        fingerprint=sa.bindparam("fingerprint_"),
        **{n: sa.bindparam(n + "_") for n in ("narrator_words", "narrator_spans",
                                              "quoted_words", "quoted_spans")})
    last = 0
    while True:
        rows = conn.execute(sa.select(a.c.pk, a.c.id, a.c.source, a.c.text, a.c.meta,
                                      a.c.analysis).where(a.c.pk > last).order_by(a.c.pk)
                            .limit(BATCH)).all()
        if not rows:
            break
        last = rows[-1].pk
        updates: list[dict[str, Any]] = []
        techs: list[dict[str, Any]] = []
        descs: list[dict[str, Any]] = []
        aims: list[dict[str, Any]] = []
        for row in rows:
            data = json.loads(row.analysis)
            article = json.loads(row.meta)
            article.update(id=row.id, text=row.text)
            data["article"] = article
            old = Analysis.model_validate(data)
            new = with_voice(old)
            if new is old or not has_voice(new):
                continue
            nw, qw = voice_words(row.text, new.quotes)
            payload = new.model_dump(mode="json", exclude={"article": True, "embedding": True})
            updates.append({
                "pk_": row.pk,
                "analysis_": json.dumps(payload, ensure_ascii=False, separators=(",", ":")),
                "spans_": len(new.techniques), "narrator_words_": nw, "quoted_words_": qw,
                "narrator_spans_": sum(t.voice == "narrator" for t in new.techniques),
                "quoted_spans_": sum(t.voice == "quoted" for t in new.techniques),
                # the voice stage is in its provenance now: a pipeline that differs only by
                # it will not rerun the article on `slant ingest --reanalyze`
                "fingerprint_": pipeline_fingerprint(new.provenance)})
            techs.extend({"article_pk": row.pk, "source": row.source, "technique": t.technique,
                          "start": t.start, "end": t.end, "score": t.score, "voice": t.voice,
                          "quote_index": t.quote_index} for t in new.techniques)
            aims.extend({"article_pk": row.pk, "source": row.source, "entity_norm": _norm(name),
                         "technique": new.techniques[i].technique,
                         "voice": new.techniques[i].voice} for i, name in aimed_at(new))
            for e in new.entities:
                for d in e.descriptors:
                    q = new.quotes[d.quote_index] if d.quote_index is not None else None
                    descs.append({"article_pk": row.pk, "source": row.source,
                                  "entity_norm": _norm(e.name), "kind": d.kind, "text": d.text,
                                  "voice": d.voice,
                                  "speaker": q.speaker.name[:300] if q and q.speaker else None})
        if not updates:
            continue
        pks = [u["pk_"] for u in updates]
        conn.execute(update, updates)
        conn.execute(tech.delete().where(tech.c.article_pk.in_(pks)))
        conn.execute(desc.delete().where(desc.c.article_pk.in_(pks)))
        conn.execute(targets.delete().where(targets.c.article_pk.in_(pks)))
        if techs:
            conn.execute(tech.insert(), techs)
        if descs:
            conn.execute(desc.insert(), descs)
        if aims:
            conn.execute(targets.insert(), aims)
    _recount(conn)


def _recount(conn) -> None:
    """The running totals again, from the articles and their technique rows."""
    conn.execute(sa.text("DELETE FROM outlet_month"))
    conn.execute(sa.text("DELETE FROM outlet_month_technique"))
    conn.execute(sa.text(
        "INSERT INTO outlet_month (source, month, articles, words, spans, voiced_articles, "
        "narrator_words, narrator_spans, quoted_words, quoted_spans) "
        "SELECT source, month, COUNT(*), SUM(words), SUM(spans), "
        "SUM(CASE WHEN narrator_words IS NULL THEN 0 ELSE 1 END), "
        "COALESCE(SUM(narrator_words), 0), COALESCE(SUM(narrator_spans), 0), "
        "COALESCE(SUM(quoted_words), 0), COALESCE(SUM(quoted_spans), 0) "
        "FROM articles GROUP BY source, month"))
    conn.execute(sa.text(
        "INSERT INTO outlet_month_technique (source, month, technique, spans, narrator_spans, "
        "quoted_spans) "
        "SELECT a.source, a.month, t.technique, COUNT(*), "
        "SUM(CASE WHEN t.voice = 'narrator' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN t.voice = 'quoted' THEN 1 ELSE 0 END) "
        "FROM techniques t JOIN articles a ON a.pk = t.article_pk "
        "GROUP BY a.source, a.month, t.technique"))


def downgrade() -> None:
    for name in ("narrator_spans", "quoted_spans"):
        op.drop_column("outlet_month_technique", name)
    for name in ("voiced_articles", "narrator_words", "narrator_spans", "quoted_words",
                 "quoted_spans"):
        op.drop_column("outlet_month", name)
    op.drop_column("technique_targets", "voice")
    op.drop_column("descriptors", "speaker")
    op.drop_column("descriptors", "voice")
    op.drop_column("techniques", "quote_index")
    op.drop_column("techniques", "voice")
    for name in ("narrator_words", "narrator_spans", "quoted_words", "quoted_spans"):
        op.drop_column("articles", name)
