"""A reminder ladder from the settings file reaches the payment-reminder job."""

from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from sqlalchemy import select

from propcore.access.accounts import Account, AccountKind
from propcore.billing.periods import Period
from propcore.jobs.registry import periodic_jobs
from propcore_bootstrap.container import CoreContainer
from propcore_bootstrap.settings import Settings
from propcore_sql.tables import outbox_messages as outbox
from tests.billing.world import seed

DECEMBER = Period.month(2026, 12)  # its bills are due on 15 December


@pytest.fixture
def wired(sqlite_url: str, tmp_path: Path):
    path = tmp_path / "propcore.toml"
    path.write_text(f'database_url = "{sqlite_url}"\nreminder_days = [-1, 14]\n')
    container = CoreContainer(settings=Settings.load(environ={}, file=path))
    yield container.core(), container.engine()
    container.engine().dispose()


def _remind(core, day: date) -> int:
    (job,) = [j for j in periodic_jobs(core) if j.name == "payment_reminders"]
    return job.work(datetime.combine(day, time(9), tzinfo=UTC))


def _reminder_keys(engine) -> list[str]:
    query = select(outbox.c.key).where(outbox.c.template == "payment_reminder")
    with engine.connect() as db:
        return list(db.scalars(query))


def test_the_configured_ladder_decides_when_the_reminder_job_reminds(wired):
    core, engine = wired
    world = seed(core.billing.uow)
    owner = world.people["王芳"]
    with core.billing.uow() as uow:
        uow.accounts.add(Account(AccountKind.RESIDENT, owner.name, phone=owner.phone,
                                 person_id=owner.id))  # fmt: skip
        uow.commit()
    core.billing.run(world.estate.id, DECEMBER, actor="t")

    by_day = {
        day: _remind(core, date(2026, 12, day)) for day in (12, 13, 14, 28, 29, 30)
    }

    assert by_day == {12: 0, 13: 0, 14: 2, 28: 0, 29: 2, 30: 0}
    steps = sorted(key.rsplit(":", 1)[1] for key in _reminder_keys(engine))
    assert steps == ["-1", "-1", "14", "14"]
