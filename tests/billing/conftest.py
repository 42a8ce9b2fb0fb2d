"""The bill-run tests' core, on the fakes, SQLite and PostgreSQL: each test
that asks for ``core`` runs once on each."""

import pytest

from propcore.application import Propcore
from propcore_sql.engine import make_engine
from propcore_sql.uow import SqlUnitOfWorkFactory
from tests.fakes import PlainHasher
from tests.recording import RecordingNotifier


@pytest.fixture(
    params=["fake", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def core(request, clock):
    if request.param == "fake":
        yield request.getfixturevalue("fake_core")
        return
    engine = make_engine(request.getfixturevalue(f"{request.param}_url"))
    yield Propcore.build(
        uow=SqlUnitOfWorkFactory(engine),
        clock=clock,
        hasher=PlainHasher(),
        notifier=RecordingNotifier(),
    )
    engine.dispose()
