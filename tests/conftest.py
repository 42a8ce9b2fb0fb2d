"""Shared fixtures: databases (a migrated SQLite file, a PostgreSQL schema per
run) and cores built on them or on the fakes."""

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from propcore.application import Propcore
from propcore_sql import migrate
from propcore_sql.engine import make_engine, normalise_url
from propcore_sql.tables import metadata
from propcore_sql.uow import SqlUnitOfWorkFactory
from tests.fakes import FakeUnitOfWorkFactory, FixedClock, PlainHasher
from tests.recording import RecordingNotifier

# Examples are judged by what they compute, never by how long they take: a
# busy machine must not fail a property.
settings.register_profile("propcore", deadline=None)
settings.load_profile("propcore")

# Subprocesses (the CLI, the server, the examples) run in temporary folders,
# where a relative PYTHONPATH would point nowhere and another checkout's
# installed code would run instead of this one.
if os.environ.get("PYTHONPATH"):
    os.environ["PYTHONPATH"] = os.pathsep.join(
        str(Path(entry).resolve())
        for entry in os.environ["PYTHONPATH"].split(os.pathsep)
    )

POSTGRES_URL = os.environ.get(
    "PROPCORE_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture
def sqlite_url(sqlite_template: Path, tmp_path: Path) -> str:
    """A freshly migrated SQLite file for one test."""
    path = tmp_path / "propcore.db"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.fixture(scope="session")
def postgres_schema_url() -> Iterator[str]:
    """A migrated schema of its own for this test run, dropped at the end."""
    admin = make_engine(POSTGRES_URL)
    schema = f"propcore_test_{uuid.uuid4().hex[:12]}"
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(normalise_url(POSTGRES_URL)).update_query_dict(
        {"options": f"-csearch_path={schema}"}
    )
    url_text = url.render_as_string(hide_password=False)
    engine = make_engine(url_text)
    migrate.upgrade(engine)
    engine.dispose()
    yield url_text
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture
def postgres_url(postgres_schema_url: str) -> Iterator[str]:
    """The run's PostgreSQL schema, emptied after each test."""
    yield postgres_schema_url
    engine = make_engine(postgres_schema_url)
    names = ", ".join(f'"{t.name}"' for t in metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {names} CASCADE"))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest) -> str:
    return request.getfixturevalue(f"{request.param}_url")


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def fake_core(clock: FixedClock) -> Propcore:
    return Propcore.build(
        uow=FakeUnitOfWorkFactory(),
        clock=clock,
        hasher=PlainHasher(),
        notifier=RecordingNotifier(),
    )


@pytest.fixture
def sql_core(engine: Engine, clock: FixedClock) -> Propcore:
    """A core on SQLite and on PostgreSQL (the test runs once for each)."""
    return Propcore.build(
        uow=SqlUnitOfWorkFactory(engine),
        clock=clock,
        hasher=PlainHasher(),
        notifier=RecordingNotifier(),
    )
