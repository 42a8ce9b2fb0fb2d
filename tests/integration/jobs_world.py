"""What the job-runner tests share: an expired session to purge, and a look at
the job runs a database holds."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from propcore.access.accounts import Account, AccountKind
from propcore.access.credentials import Session
from propcore_sql.engine import make_engine
from propcore_sql.tables import job_runs, sessions
from propcore_sql.uow import SqlUnitOfWorkFactory

LONG_AGO = datetime(2026, 1, 1, tzinfo=UTC)


def store_expired_session(database_url: str) -> None:
    engine = make_engine(database_url)
    account = Account(AccountKind.STAFF, "Wang Fang", username="wangfang")
    with SqlUnitOfWorkFactory(engine)() as work:
        work.accounts.add(account)
        work.sessions.add(Session(account.id, "stale", LONG_AGO, LONG_AGO))
        work.commit()
    engine.dispose()


def runs_and_sessions(database_url: str) -> tuple[list[tuple], int]:
    """(name, outcome, note) of every job run, and how many sessions are left."""
    engine = make_engine(database_url)
    with engine.connect() as connection:
        runs = connection.execute(
            select(job_runs.c.name, job_runs.c.outcome, job_runs.c.note).order_by(
                job_runs.c.name
            )
        ).all()
        left = len(connection.execute(select(sessions.c.id)).all())
    engine.dispose()
    return [tuple(run) for run in runs], left


PURGED = (
    "purge_expired",
    "succeeded",
    "1 sessions, 0 codes, 0 sign-in failures purged",
)
WAIT = timedelta(seconds=30)
