"""Engines for the embedded SQLite default and for PostgreSQL."""

import json
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

SQLITE_BUSY_TIMEOUT_MS = 10_000
# Pages kept in memory per connection, in KiB (SQLite's own default is 2 MiB):
# a bill run inserts into indexes keyed by random ids all over the tables.
SQLITE_CACHE_KIB = 65_536


def normalise_url(url: str) -> str:
    """Let people write ``postgresql://…``; we always drive it with psycopg 3."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def make_engine(url: str, **options: object) -> Engine:
    """An engine with foreign keys on and WAL journaling for SQLite files."""
    url = normalise_url(url)
    options.setdefault("json_deserializer", _json_value)
    engine = create_engine(url, **options)
    if engine.dialect.name == "sqlite":
        require_sqlite(engine.dialect.dbapi)
        event.listen(engine, "connect", _configure_sqlite)
    else:
        # Many rows in one INSERT … VALUES (…), (…) statement rather than one
        # statement per row: bill runs write thousands of lines at a time.
        engine.dialect.use_insertmanyvalues_wo_returning = True
    return engine


SQLITE_NEEDED = (3, 35)


def require_sqlite(dbapi: Any) -> None:
    """Refuse an SQLite older than :data:`SQLITE_NEEDED` (migrations drop
    columns in place) or without the JSON functions (``json_each`` reads a
    bill run's batch of ids), naming the version found."""
    found = dbapi.sqlite_version_info
    needed = ".".join(map(str, SQLITE_NEEDED))
    if tuple(found[:2]) >= SQLITE_NEEDED and _has_json(dbapi):
        return
    raise RuntimeError(
        f"propcore needs SQLite {needed} or newer with the JSON functions; "
        f"this Python's SQLite is {dbapi.sqlite_version}"
    )


def _has_json(dbapi: Any) -> bool:
    connection = dbapi.connect(":memory:")
    try:
        connection.execute("SELECT count(*) FROM json_each('[1]')")
    except dbapi.OperationalError:
        return False
    finally:
        connection.close()
    return True


def _json_value(text: str | bytes) -> Any:
    """JSON text as a value; the empty list and object (most flags, grants
    and attributes stored) without the parser. PostgreSQL's driver hands
    over bytes."""
    if text in _EMPTY_LISTS:
        return []
    if text in _EMPTY_OBJECTS:
        return {}
    return json.loads(text)


_EMPTY_LISTS = ("[]", b"[]")
_EMPTY_OBJECTS = ("{}", b"{}")


def _configure_sqlite(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
    cursor.close()
