"""Throw-away databases: a SQLite file in a temporary folder, or a PostgreSQL
schema of its own, created and migrated here and dropped afterwards."""

import os
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from propcore_sql import migrate
from propcore_sql.engine import make_engine, normalise_url

POSTGRES_URL = os.environ.get(
    "PROPCORE_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)
NAMES = {"sqlite": "SQLite", "postgres": "PostgreSQL"}
PROPERTY_TABLES = ("unit_status_changes", "units", "buildings")


@contextmanager
def migrated(database: str) -> Iterator[Engine]:
    """An engine on a fresh, migrated database of the kind named."""
    opened = _sqlite_url() if database == "sqlite" else _postgres_url()
    with opened as url:
        engine = make_engine(url)
        try:
            migrate.upgrade(engine)
            yield engine
        finally:
            engine.dispose()


@contextmanager
def _sqlite_url() -> Iterator[str]:
    with tempfile.TemporaryDirectory(prefix="propcore-bench-") as folder:
        yield f"sqlite:///{Path(folder) / 'bench.db'}"


@contextmanager
def _postgres_url() -> Iterator[str]:
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    admin = make_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        url = make_url(normalise_url(POSTGRES_URL)).update_query_dict(
            {"options": f"-csearch_path={schema}"}
        )
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def server_version(engine: Engine) -> str:
    query = "SELECT sqlite_version()" if _is_sqlite(engine) else "SHOW server_version"
    with engine.connect() as connection:
        return str(connection.exec_driver_sql(query).scalar_one())


def empty_property(engine: Engine) -> None:
    """Remove every building, unit and status change; estates stay."""
    with engine.begin() as connection:
        if _is_sqlite(engine):
            for table in PROPERTY_TABLES:
                connection.exec_driver_sql(f"DELETE FROM {table}")
        else:
            names = ", ".join(PROPERTY_TABLES)
            connection.exec_driver_sql(f"TRUNCATE {names} CASCADE")


def analyze(engine: Engine) -> None:
    """Refresh planner statistics, as autovacuum would shortly after a load."""
    if not _is_sqlite(engine):
        with engine.begin() as connection:
            connection.exec_driver_sql("ANALYZE")


def _is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"
