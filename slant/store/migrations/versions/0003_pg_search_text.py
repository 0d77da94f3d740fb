"""PostgreSQL full text: punctuation outside ASCII no longer sticks to words.

PostgreSQL's text-search parser (in a C-locale or similar cluster) takes curly quotes, the
no-break space, dashes and other non-ASCII punctuation for letters, so ``Holt’s`` was indexed
as ``holt’`` and a search for ``Holt`` missed it, where SQLite's FTS5 (``unicode61``) splits
there. The generated ``tsv`` column now indexes the text with curly quotes made straight and
other punctuation and spaces outside ASCII made spaces (the same mapping as
``slant.store.search.pg_search_text``, which is applied to queries). SQLite is unchanged.

Revision ID: 0003
Revises: 0002
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# Curly and angle quotes -> straight ones (so "Holt’s" parses as "Holt's" does).
QUOTES_FROM = "‘’‚‛′‹›“”„‟″«»"
QUOTES_TO = "'''''''" + '"' * 7
# Punctuation, symbols and spaces outside ASCII that FTS5's unicode61 tokenizer splits on:
# Latin-1 punctuation and symbols (not ª º ² ³ ¹ µ ¼ ½ ¾, which are letters or numbers),
# General and Supplemental Punctuation, CJK punctuation. PostgreSQL regular expressions
# read the \uXXXX escapes.
SPLIT = (r"[\u00a0-\u00a9\u00ab-\u00b1\u00b4\u00b6-\u00b8\u00bb\u00bf\u00d7\u00f7"
         r"\u2000-\u206f\u2e00-\u2e7f\u3000-\u303f]")


def _norm(expr: str) -> str:
    to = QUOTES_TO.replace("'", "''")
    return f"regexp_replace(translate({expr}, '{QUOTES_FROM}', '{to}'), '{SPLIT}', ' ', 'g')"


def _tsv(title: str, text: str) -> str:
    return ("ALTER TABLE articles ADD COLUMN tsv tsvector GENERATED ALWAYS AS ("
            f"setweight(to_tsvector('english', {title}), 'A') || "
            f"setweight(to_tsvector('english', {text}), 'B')) STORED")


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("ALTER TABLE articles DROP COLUMN tsv")  # drops ix_articles_tsv with it
    op.execute(_tsv(_norm("coalesce(title, '')"), _norm("left(text, 500000)")))
    op.execute("CREATE INDEX ix_articles_tsv ON articles USING gin (tsv)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("ALTER TABLE articles DROP COLUMN tsv")
    op.execute(_tsv("coalesce(title, '')", "left(text, 500000)"))
    op.execute("CREATE INDEX ix_articles_tsv ON articles USING gin (tsv)")
