"""The billing tables are analyzed as bill runs make them grow (PostgreSQL)."""

import time

import pytest
from sqlalchemy import text

from propcore_sql import statistics
from propcore_sql.engine import make_engine

COUNT = text(
    "select coalesce(sum(analyze_count), 0) from pg_stat_user_tables "
    "where schemaname = current_schema() and relname = 'bills'"
)


def _analyzed(engine) -> int:
    with engine.connect() as db:
        db.execute(text("select pg_stat_clear_snapshot()"))
        return db.scalar(COUNT)


@pytest.mark.postgres
def test_billing_tables_are_analyzed_once_they_have_grown(postgres_url) -> None:
    engine = make_engine(postgres_url)
    before = _analyzed(engine)

    with engine.begin() as db:
        statistics.wrote(db, statistics.FIRST - 1)
    quiet = _analyzed(engine)
    with engine.begin() as db:
        statistics.wrote(db, 1)
    deadline = time.monotonic() + 10
    while _analyzed(engine) == quiet and time.monotonic() < deadline:
        time.sleep(0.2)

    assert quiet == before
    assert _analyzed(engine) == before + 1
    engine.dispose()
