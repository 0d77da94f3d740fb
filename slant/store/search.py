"""Full-text search with filters and paging: SQLite FTS5, PostgreSQL tsvector."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import and_, desc, exists, func, literal_column, or_, select

from slant.errors import InputError, QueryTimeout
from slant.models import VoiceSummary, technique_name
from slant.store import schema as t
from slant.store.engine import translated
from slant.store.outlets import outlet_names
from slant.store.query import SearchQuery
from slant.store.records import ArticleSummary, SearchPage
from slant.store.rows import as_utc, norm_name, utc_naive

_TERM = re.compile(r'"([^"]*)"|(\S+)')
#: Distinct words a query may use (words inside phrases count). The cost of matching,
#: ranking and highlighting grows with the number of terms; repeats are dropped first.
MAX_TERMS = 12
#: Snippets are cut from the first this-many characters of each hit's text, so their cost
#: does not grow with the length of the article (a match further in shows the lead).
SNIPPET_WINDOW = 20_000


def _parts(q: str) -> list[tuple[str, ...]]:
    """The query's words and phrases as token tuples, each once (case-insensitive)."""
    seen: dict[tuple[str, ...], tuple[str, ...]] = {}
    for phrase, word in _TERM.findall(q):
        tokens = tuple(re.findall(r"\w+", phrase or word))
        if tokens:
            seen.setdefault(tuple(t.casefold() for t in tokens), tokens)
    parts = list(seen.values())
    words = {t.casefold() for p in parts for t in p}
    if len(words) > MAX_TERMS:
        raise InputError(f"the search has {len(words)} different words; use at most "
                         f"{MAX_TERMS} (leave out the common ones)")
    return parts


def query_terms(q: str) -> list[str]:
    """The distinct words of a query (what snippets mark), longest first."""
    return sorted({t.casefold() for p in _parts(q) for t in p}, key=lambda t: (-len(t), t))

# PostgreSQL's parser takes non-ASCII punctuation for letters; the indexed text (migration
# 0003) and the queries get the same mapping, so both stores split words at the same places.
PG_QUOTES = str.maketrans("‘’‚‛′‹›“”„‟″«»", "'''''''" + '"' * 7)
PG_SPLIT = re.compile("[\u00a0-\u00a9\u00ab-\u00b1\u00b4\u00b6-\u00b8\u00bb\u00bf\u00d7\u00f7"
                      "\u2000-\u206f\u2e00-\u2e7f\u3000-\u303f]")


def pg_search_text(s: str) -> str:
    """``s`` as PostgreSQL indexes it: curly quotes straight, other punctuation and spaces
    outside ASCII turned into spaces (the mapping of the ``tsv`` column). Queries get it on
    both stores, so “a phrase” in curly quotes is a phrase as "a phrase" is."""
    return PG_SPLIT.sub(" ", s.translate(PG_QUOTES))


def _pg_text_sql(col):
    """The same mapping in SQL (for ``ts_headline`` over the stored text)."""
    from sqlalchemy import func, literal

    frm = "‘’‚‛′‹›“”„‟″«»"
    to = "'''''''" + '"' * 7
    return func.regexp_replace(func.translate(col, literal(frm), literal(to)),
                               literal(PG_SPLIT.pattern), literal(" "), literal("g"))


def fts5_query(q: str) -> str | None:
    """The user's words as an FTS5 query: every word (or "quoted phrase") must occur.

    Operators are not passed through, so any input is a valid query. A word or phrase given
    twice is used once; more than :data:`MAX_TERMS` different words is an InputError.
    """
    return " ".join('"' + " ".join(p) + '"' for p in _parts(q)) or None


@contextmanager
def deadline(conn, seconds: float | None) -> Iterator[None]:
    """Stop the statements run on ``conn`` inside the block after ``seconds``: a SQLite
    progress handler, PostgreSQL's ``statement_timeout``. The worker is freed either way;
    the block raises :class:`~slant.errors.QueryTimeout`."""
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    if not seconds or seconds <= 0:
        yield
        return
    message = (f"the search ran past its {seconds:g} s limit and was stopped; "
               "use fewer or more specific words, or add a filter")
    if conn.dialect.name == "sqlite":
        raw = conn.connection.dbapi_connection
        end = time.monotonic() + seconds
        raw.set_progress_handler(lambda: 1 if time.monotonic() > end else 0, 1000)
        try:
            yield
        except OperationalError as exc:
            if "interrupted" in str(exc.orig):
                raise QueryTimeout(message) from exc
            raise
        finally:
            raw.set_progress_handler(None, 0)
        return
    conn.execute(text(f"SET LOCAL statement_timeout = {max(1, int(seconds * 1000))}"))
    try:
        yield
    except OperationalError as exc:
        if "statement timeout" in str(exc.orig) or "canceling statement" in str(exc.orig):
            raise QueryTimeout(message) from exc
        raise


def search(engine, query: SearchQuery, *, deadline_s: float | None = None) -> SearchPage:
    """The page of articles ``query`` asks for (see :class:`SearchQuery`), ranked by relevance
    and then newest first; ``deadline_s`` stops the queries after that long
    (:class:`~slant.errors.QueryTimeout`)."""
    query = _checked(query)
    conds = _filters(engine, query)
    filters = list(conds)  # without the text match
    dialect = engine.dialect.name
    match = pg_search_text(query.q).strip() if query.q else None
    plan = _Plan(t.articles, None, [desc(t.articles.c.published), desc(t.articles.c.pk)])
    if match:
        _parts(match)  # an InputError for too many different words, on either database
        found = _match_plan(dialect, match)
        if found is None:
            return SearchPage(total=0, offset=query.offset, limit=query.limit)
        plan = found
        conds.append(plan.cond)
    count_q = _count_query(plan, conds, filters, sqlite_match=bool(match) and dialect == "sqlite")
    page_q = select(t.articles.c.pk, *_columns()).select_from(plan.base_from)
    if conds:
        page_q = page_q.where(and_(*conds))
    page_q = page_q.order_by(*plan.order).limit(query.limit).offset(query.offset)
    with translated("searching"), engine.connect() as conn, deadline(conn, deadline_s):
        total = int(conn.execute(count_q).scalar_one())
        rows = conn.execute(page_q).all() if total > query.offset else []
        snippets = _snippets(conn, dialect, match, [r.pk for r in rows]) if match and rows else {}
    return SearchPage(total=total, offset=query.offset, limit=query.limit,
                      items=[_summary(r, snippets.get(r.pk)) for r in rows])


def _checked(query: SearchQuery) -> SearchQuery:
    """``query`` with its technique's name spelled as the model spells it; an InputError for
    a bad voice, page or technique."""
    from slant.store.stats import check_voice

    check_voice(query.voice)
    if query.limit < 1 or query.limit > 1000:
        raise InputError("limit must be between 1 and 1000")
    if query.offset < 0:
        raise InputError("offset must be 0 or more")
    if query.technique is not None:
        try:
            return replace(query, technique=technique_name(query.technique))
        except ValueError as exc:
            raise InputError(str(exc)) from None
    return query


def _columns() -> list:
    a = t.articles.c
    return [a.id, a.title, a.url, a.source, a.published, a.words, a.spans, a.quotes,
            a.entities, a.story_id, a.narrator_words, a.narrator_spans, a.quoted_words,
            a.quoted_spans]


def _filters(engine, query: SearchQuery) -> list[Any]:
    """The WHERE conditions of the filters (everything but the words)."""
    a = t.articles.c
    conds: list[Any] = []
    if query.outlet is not None:
        conds.append(a.source.in_(outlet_names(engine, query.outlet)))
    if query.since is not None:
        conds.append(a.published >= utc_naive(query.since))
    if query.until is not None:
        conds.append(a.published <= utc_naive(query.until))
    if query.story is not None:
        conds.append(a.story_id == query.story)
    if query.technique is not None or query.voice != "all":
        # A technique span (of ``technique``, when given) in the chosen voice.
        tc = t.techniques.c
        span_conds: list[Any] = [tc.article_pk == a.pk]
        if query.technique is not None:
            span_conds.append(tc.technique == query.technique)
        if query.voice != "all":
            span_conds.append(tc.voice == query.voice)
        conds.append(exists().where(and_(*span_conds)))
    if query.entity is not None or query.speaker is not None:
        conds.extend(_actor_filters(engine, query.entity, query.speaker))
    return conds


def _actor_filters(engine, entity: str | None, speaker: str | None) -> list[Any]:
    """Mentions ``entity`` / quotes ``speaker``: the name itself, or any name of an actor
    that goes by it (its aliases)."""
    from slant.store.actors import actor_ids_named

    a, n = t.articles.c, t.article_names.c
    with translated("searching"), engine.connect() as conn:
        ent_ids = actor_ids_named(conn, entity) if entity is not None else []
        spk_ids = actor_ids_named(conn, speaker) if speaker is not None else []
    conds: list[Any] = []
    if entity is not None:
        ec = t.entities.c
        by_name = exists().where(and_(ec.article_pk == a.pk, ec.name_norm == norm_name(entity)))
        if ent_ids:
            conds.append(or_(by_name, exists().where(and_(
                n.article_pk == a.pk, n.actor_id.in_(ent_ids), n.kind != "speaker"))))
        else:
            conds.append(by_name)
    if speaker is not None:
        qc = t.quotes.c
        by_name = exists().where(and_(qc.article_pk == a.pk, qc.speaker_norm == norm_name(speaker)))
        if spk_ids:
            conds.append(or_(by_name, exists().where(and_(
                qc.article_pk == a.pk, n.article_pk == qc.article_pk,
                n.name_norm == qc.speaker_norm, n.actor_id.in_(spk_ids)))))
        else:
            conds.append(by_name)
    return conds


@dataclass
class _Plan:
    """Where the rows come from, and their order; with words, the match condition (and on
    SQLite the FTS5 query)."""

    base_from: Any
    cond: Any
    order: list
    fts_query: str | None = None


def _match_plan(dialect: str, match: str) -> _Plan | None:
    """The plan of a search for words (None: nothing can match on SQLite)."""
    a = t.articles.c
    if dialect == "sqlite":
        fq = fts5_query(match)
        if fq is None:
            return None
        fts = _fts_table()
        return _Plan(t.articles.join(fts, fts.c.rowid == a.pk),
                     literal_column("articles_fts").op("MATCH")(fq),
                     [literal_column("bm25(articles_fts, 5.0, 1.0)"), desc(a.published)], fq)
    tsq = func.websearch_to_tsquery("english", match)
    tsv: Any = literal_column("articles.tsv")
    return _Plan(t.articles, tsv.op("@@")(tsq), [desc(func.ts_rank(tsv, tsq)), desc(a.published)])


def _count_query(plan: _Plan, conds: list, filters: list, *, sqlite_match: bool):
    a = t.articles.c
    if sqlite_match:
        fts = _fts_table()
        hits = select(fts.c.rowid).where(literal_column("articles_fts").op("MATCH")(plan.fts_query))
        if not filters:  # no filter needs the articles table: count the index alone
            return select(func.count()).select_from(hits.subquery())
        # "pk IN (matches)", not the join: with the join SQLite's planner walks the
        # filter's index and probes the index once per row (40x slower at 10k articles)
        return select(func.count()).select_from(t.articles).where(and_(a.pk.in_(hits), *filters))
    count_q = select(func.count()).select_from(plan.base_from)
    if conds:
        count_q = count_q.where(and_(*conds))
    return count_q


def _summary(r, snippet: str | None) -> ArticleSummary:
    return ArticleSummary(
        id=r.id, title=r.title, url=r.url, source=r.source or None, published=as_utc(r.published),
        words=r.words, technique_spans=r.spans,
        spans_per_1000_words=round(1000.0 * r.spans / r.words, 2) if r.words else 0.0,
        quotes=r.quotes, entities=r.entities, story_id=r.story_id,
        narrator=_voice(r.narrator_words, r.narrator_spans),
        quoted=_voice(r.quoted_words, r.quoted_spans),
        snippet=snippet,
    )


def _voice(words: int | None, spans: int | None) -> VoiceSummary | None:
    if words is None or spans is None:
        return None
    return VoiceSummary(words=words, technique_spans=spans,
                        spans_per_1000_words=round(1000.0 * spans / words, 2) if words else 0.0)


def _snippets(conn, dialect: str, match: str, pks: list[int]) -> dict[int, str]:
    """Text around the matches, for the rows of one page only (computed after ranking), from
    the first :data:`SNIPPET_WINDOW` characters of each text: bounded work per hit."""
    from sqlalchemy import func, select

    a = t.articles.c
    window = func.substr(a.text, 1, SNIPPET_WINDOW)
    if dialect == "sqlite":
        terms = query_terms(match)
        q = select(a.pk, window).where(a.pk.in_(pks))
        return {pk: window_snippet(text or "", terms) for pk, text in conn.execute(q)}
    tsq = func.websearch_to_tsquery("english", match)
    q = select(a.pk, func.ts_headline(
        "english", _pg_text_sql(window), tsq,
        "StartSel=[, StopSel=], MaxWords=30, MinWords=12, MaxFragments=1",
    )).where(a.pk.in_(pks))
    return {pk: text for pk, text in conn.execute(q)}


def window_snippet(text: str, terms: list[str], words: int = 16) -> str:
    """About ``words`` words of ``text`` around the first of ``terms`` (each occurrence in
    ``[brackets]``), or the text's opening words when none occurs in it."""
    if not terms:
        return ""
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(t) for t in terms) + r")(?!\w)",
                         re.IGNORECASE)
    found = pattern.search(text)
    at = found.start() if found else 0
    before = re.findall(r"\S+\s*", text[max(0, at - 200):at])[-(words // 2):] if found else []
    start = at - sum(len(w) for w in before)
    after = re.match(rf"(?:\S+\s*){{0,{words - len(before)}}}", text[at:at + 400])
    piece = text[start:at + (after.end() if after else 0)].strip()
    piece = " ".join(piece.split())
    out = pattern.sub(lambda m: f"[{m.group(0)}]", piece)
    if start > 0:
        out = "… " + out
    if at + (after.end() if after else 0) < len(text.rstrip()):
        out += " …"
    return out


def _fts_table():  # -> TableClause
    from sqlalchemy import column, table

    return table("articles_fts", column("rowid"))
