"""On PostgreSQL, several runners share the periodic work and do it once."""

import os
import signal
import subprocess
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text

from propcore.jobs.cadence import Every
from propcore.jobs.service import DueWork, Job
from propcore_sql.engine import make_engine
from propcore_sql.uow import SqlUnitOfWorkFactory
from tests.fakes import FixedClock
from tests.integration.jobs_world import (
    PURGED,
    WAIT,
    periodic_outcome,
    runs_and_sessions,
    store_expired_session,
    store_periodic_work,
)
from tests.integration.test_serve import start

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_two_threads_running_due_work_at_once_do_the_work_once(engine):
    clock = FixedClock(datetime(2026, 12, 1, 9, 7, tzinfo=SHANGHAI))
    runner = DueWork(SqlUnitOfWorkFactory(engine), clock, SHANGHAI)
    start, done = threading.Barrier(2), []

    def work(now: datetime) -> str:
        time.sleep(0.2)  # the other thread claims meanwhile
        done.append(now)
        return "done"

    def run() -> None:
        start.wait()
        runner.run_due([Job("slow", Every(15), work)])

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)

    assert len(done) == 1
    assert [run.note for run in runner.recent()] == ["done"]


@pytest.mark.postgres
def test_two_workers_run_the_periodic_work_once(postgres_url, tmp_path: Path):
    store_expired_session(postgres_url)
    owed = store_periodic_work(postgres_url, datetime.now(UTC))
    env = dict(
        os.environ, PROPCORE_DATABASE_URL=postgres_url, PROPCORE_JOBS_TICK_SECONDS="1"
    )
    workers = [
        start("worker", "--name", name, env=env, cwd=tmp_path) for name in ("w1", "w2")
    ]
    try:
        ticks = _wait_for_ticks(postgres_url, 4)
    finally:
        logs = [_stopped(worker) for worker in workers]

    runs, left = runs_and_sessions(postgres_url)
    done = periodic_outcome(postgres_url)
    assert ticks["succeeded"] >= 4, ticks
    assert ticks["deferred"] == ticks["timestamps"]
    assert PURGED in runs
    assert left == 0
    assert all("Stopped worker" in "".join(log) for log in logs), logs
    for daily in ("purge_expired", "bill_runs", "payment_reminders"):
        assert len(_ran(logs, daily)) == 1, (daily, logs)
    assert ("bill_runs", "succeeded", f"{_month()}: 1 estates run, 2 bills") in runs
    assert len(done["bills"]) == len(set(done["bills"])) == 3
    assert [key for key in done["reminders"] if str(owed) in key] == [
        f"payment_reminder:{owed}:7"
    ]
    assert done["published"] == ["published"]
    # each bill and the notice to each owner: one message, delivered once
    keys = [key for key, _, _ in done["messages"]]
    assert len(keys) == 4 + len(done["reminders"])
    # sent, no failed attempt before, one inbox item each
    assert {(status, tries) for _, status, tries in done["messages"]} == {("sent", 0)}
    assert sorted(done["inbox"]) == sorted(keys)


def _ran(logs: list[list[str]], job: str) -> list[str]:
    return [line for log in logs for line in log if f"job {job} slot" in line]


def _month() -> str:
    return f"{datetime.now(SHANGHAI):%Y-%m}"


def _stopped(worker: subprocess.Popen) -> list[str]:
    worker.send_signal(signal.SIGTERM)
    _, log = worker.communicate(timeout=30)
    return log.splitlines()


def _wait_for_ticks(database_url: str, count: int) -> dict:
    """Wait until ``count`` ticks of the due work succeeded; what the queue
    holds then: succeeded jobs, jobs deferred and distinct tick timestamps."""
    deadline = time.monotonic() + WAIT.total_seconds()
    ticks: dict = {}
    while time.monotonic() < deadline:
        ticks = _ticks(database_url)
        if ticks.get("succeeded", 0) >= count:
            break
        time.sleep(0.3)
    return ticks


def _ticks(database_url: str) -> dict:
    engine = make_engine(database_url)
    query = text(
        "SELECT count(*) FILTER (WHERE status = 'succeeded') AS succeeded,"
        " count(*) AS deferred, count(DISTINCT args->>'timestamp') AS timestamps"
        " FROM procrastinate_jobs WHERE task_name = 'propcore.due_work'"
    )
    try:
        with engine.connect() as connection:
            return dict(connection.execute(query).mappings().one())
    except Exception:  # the workers have not installed their schema yet
        return {}
    finally:
        engine.dispose()
