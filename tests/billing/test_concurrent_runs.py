"""Two bill runs of one month at once on PostgreSQL: the unique constraint on
bills decides, so each bill and each ledger charge exists once."""

import threading

import pytest
from sqlalchemy import func, select

from propcore.application import Propcore
from propcore.billing.periods import Period
from propcore_sql.engine import make_engine
from propcore_sql.tables import bills, ledger_entries
from propcore_sql.uow import SqlUnitOfWorkFactory
from tests.billing.world import seed
from tests.fakes import PlainHasher
from tests.recording import RecordingNotifier


@pytest.mark.postgres
def test_two_runs_at_once_issue_each_bill_once(postgres_url, clock) -> None:
    engine = make_engine(postgres_url, pool_size=4)
    core = Propcore.build(
        uow=SqlUnitOfWorkFactory(engine),
        clock=clock,
        hasher=PlainHasher(),
        notifier=RecordingNotifier(),
    )
    world = seed(core.billing.uow)
    start = threading.Barrier(2)
    reports = []

    def run() -> None:
        start.wait()
        month = Period.month(2026, 12)
        reports.append(core.billing.run(world.estate.id, month, actor="t"))

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    with engine.connect() as db:
        stored = db.scalar(select(func.count()).select_from(bills))
        charges = db.scalar(select(func.count()).select_from(ledger_entries))
    engine.dispose()
    assert sum(r.bills for r in reports) == 4
    assert (stored, charges) == (4, 4)
