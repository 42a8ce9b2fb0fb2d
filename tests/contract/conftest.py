"""Every contract test runs against the fake, SQLite and PostgreSQL."""

import pytest

from propcore_sql.engine import make_engine
from propcore_sql.uow import SqlUnitOfWorkFactory
from tests.fakes import FakeUnitOfWorkFactory


@pytest.fixture(
    params=["fake", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def uow(request: pytest.FixtureRequest):
    if request.param == "fake":
        yield FakeUnitOfWorkFactory()
        return
    engine = make_engine(request.getfixturevalue(f"{request.param}_url"))
    yield SqlUnitOfWorkFactory(engine)
    engine.dispose()
