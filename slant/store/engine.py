"""Connecting: URLs, SQLite pragmas (WAL), migrations, and database errors as StoreError."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from slant.errors import StoreError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Revisions in the order they apply (0008 landed before 0004: numbers are names, not order).
HEAD = "0010"
KNOWN = ("0001", "0002", "0003", "0008", "0004", "0009", "0005", "0010")


def normalise_url(url: str) -> str:
    """A SQLAlchemy URL for ``url``: a bare path is a SQLite file; ``postgresql://`` and
    ``postgres://`` use psycopg 3."""
    url = url.strip()
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _sqlite_path(url: str) -> Path | None:
    from sqlalchemy.engine import make_url

    u = make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    if u.database.startswith("file:"):  # a SQLite URI (e.g. ?mode=ro&uri=true)
        return Path(u.database[5:].split("?")[0])
    return Path(u.database)


def describe(exc: BaseException, where: str) -> str:
    """A message saying what went wrong with the database and what to do."""
    text = str(getattr(exc, "orig", None) or exc)
    low = text.lower()
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC or "disk is full" in low \
            or "no space left" in low or "database or disk is full" in low:
        return f"{where}: the disk is full; nothing was written. Free some space and retry"
    if "database is locked" in low or "database table is locked" in low \
            or "could not obtain lock" in low or "lock timeout" in low:
        return (f"{where}: the database is locked by another process; nothing was written. "
                "Wait for it to finish (or close it) and retry")
    if "readonly" in low or "read-only" in low or "read only" in low:
        return (f"{where}: the database is read-only; nothing was written. "
                "Check the file's permissions, or pass --db with a writable location")
    if "unable to open database" in low:
        return f"{where}: cannot open the database file; check the path and its permissions"
    if "file is not a database" in low or "malformed" in low:
        return f"{where}: this file is not a slant database (or it is damaged)"
    if "connection refused" in low or "could not connect" in low or "connection failed" in low:
        return f"{where}: cannot connect to the database server ({text.splitlines()[0]})"
    if "no such table" in low or "undefinedtable" in low or "does not exist" in low:
        return (f"{where}: the database has no slant tables at the expected version; "
                "open it once with migrations on (the default) to create or upgrade them")
    return f"{where}: database error: {text.splitlines()[0] if text else type(exc).__name__}"


@contextmanager
def translated(where: str) -> Iterator[None]:
    """Turn SQLAlchemy and OS errors into StoreError (the transaction is already rolled back)."""
    from sqlalchemy.exc import SQLAlchemyError

    try:
        yield
    except StoreError:
        raise
    except (SQLAlchemyError, OSError) as exc:
        raise StoreError(describe(exc, where)) from exc


def _make_engine(url: str, timeout: float = 5.0, create: bool = True):  # -> Engine
    from sqlalchemy import create_engine, event

    if url.startswith("sqlite"):
        path = _sqlite_path(url)
        if path is not None and create:
            try:
                if "mode=ro" not in url:
                    path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"{path.parent}: cannot create the data directory ({exc.strerror})") from exc
        engine = create_engine(url, connect_args={"timeout": timeout})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record) -> None:
            cur = dbapi_conn.cursor()
            try:
                cur.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
                if path is not None and "mode=ro" not in url and create:
                    try:
                        cur.execute("PRAGMA journal_mode = WAL")
                    except Exception:
                        pass
                cur.execute("PRAGMA synchronous = NORMAL")
                cur.execute("PRAGMA foreign_keys = ON")
                cur.execute("PRAGMA temp_store = MEMORY")
                cur.execute("PRAGMA cache_size = -65536")
            finally:
                cur.close()

        return engine
    if url.startswith("postgresql"):
        return create_engine(url, pool_pre_ping=True,
                             connect_args={"connect_timeout": max(1, int(timeout)),
                                           "options": f"-c lock_timeout={int(timeout * 1000)}"})
    raise StoreError(f"{url}: unsupported database; use a sqlite:/// path or a postgresql:// URL")


def current_revision(conn) -> str | None:
    from sqlalchemy import inspect, text

    names = set(inspect(conn).get_table_names())
    if "alembic_version" not in names:
        if names - {"sqlite_sequence"}:
            raise StoreError(
                "this database has tables but no slant schema version; it is not a slant "
                "database. Pass --db with a new file"
            )
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _alembic_config(conn):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = conn
    return cfg


# Any constant: the PostgreSQL advisory lock that serialises slant's migrations.
_MIGRATION_LOCK = 0x51A47


def _lock_schema(conn) -> None:
    """Hold the lock that serialises creating and migrating the schema until ``conn``'s
    transaction ends: SQLite's write lock (``BEGIN IMMEDIATE``, waiting up to the busy
    timeout) or a PostgreSQL transaction-level advisory lock."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    elif conn.dialect.name == "postgresql":
        from sqlalchemy import text

        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK})


def upgrade(engine, revision: str = "head") -> None:
    """Run the migrations up to ``revision`` (in one transaction).

    Serialised between processes: two processes opening a new database at once do not both
    create its tables; the second waits for the first and then finds the schema current.
    """
    from alembic import command

    with translated(f"{engine.url.render_as_string(hide_password=True)}: migrating"):
        with engine.begin() as conn:
            _lock_schema(conn)
            if revision == "head" and current_revision(conn) == HEAD:
                return  # another process migrated it while we waited for the lock
            command.upgrade(_alembic_config(conn), revision)


def connect(url: str, migrate: bool = True, timeout: float = 5.0,
            create: bool = True):  # -> Engine
    """An engine for ``url`` with the schema at the current version (migrating when allowed).

    ``timeout``: seconds to wait for a lock held by another writer before giving up.
    ``create=False`` (for commands that only read): a SQLite file that does not exist, or a
    database with no slant tables, raises StoreError instead of being created.
    """
    url = normalise_url(url)
    if not create:
        path = _sqlite_path(url)
        if path is not None and not path.exists():
            raise StoreError(f"{path}: no such database (check --db or $SLANT_DB; "
                             "`slant ingest` or `slant crawl` creates one)")
    engine = _make_engine(url, timeout, create=create)
    where = engine.url.render_as_string(hide_password=True)
    with translated(where), engine.connect() as conn:
        rev = current_revision(conn)
        if engine.dialect.name == "sqlite":
            from sqlalchemy import text

            opts = {r[0] for r in conn.execute(text("PRAGMA compile_options"))}
            if "ENABLE_FTS5" not in opts:
                raise StoreError(f"{where}: this Python's SQLite has no FTS5; use PostgreSQL")
    if rev is None and not create:
        engine.dispose()
        raise StoreError(f"{where}: this database has no slant tables yet (check --db or "
                         "$SLANT_DB; `slant ingest` or `slant crawl` creates them)")
    if rev is not None and rev not in KNOWN:
        raise StoreError(f"{where}: the database is at schema version {rev}, written by a "
                         "newer slant; upgrade slant to use it")
    if rev != HEAD:
        if not migrate:
            raise StoreError(
                f"{where}: the database is at schema version {rev or 'none'}, slant needs "
                f"{HEAD}; open it with migrations on (the default) to upgrade it"
            )
        try:
            upgrade(engine)
        except StoreError as exc:
            raise StoreError(f"{exc} (the database is left at schema version {rev or 'none'})") from exc
    return engine
