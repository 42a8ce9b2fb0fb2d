"""The SQL job-run log: the (name, slot) primary key decides every claim."""

from datetime import datetime

from sqlalchemy import Connection, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite

from propcore.jobs.runs import JobRun, RunOutcome
from propcore_sql.errors import translated
from propcore_sql.tables import job_runs as runs

_INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


class SqlJobRunRepository:
    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def claim(self, run: JobRun, max_attempts: int) -> JobRun | None:
        """Insert the run, or take over a failed one; a row lock or SQLite's
        single writer makes a second caller wait and then find it taken."""
        insert = _INSERTS[self._db.dialect.name](runs).values(_row(run))
        with translated():
            inserted = self._db.execute(
                insert.on_conflict_do_nothing().returning(runs.c.name)
            ).first()
        if inserted is not None:
            return run
        return self._take_over_failed(run, max_attempts)

    def _take_over_failed(self, run: JobRun, max_attempts: int) -> JobRun | None:
        retry = (
            update(runs)
            .where(
                runs.c.name == run.name,
                runs.c.slot == run.slot,
                runs.c.outcome == RunOutcome.FAILED.value,
                runs.c.attempts < max_attempts,
            )
            .values(
                outcome=RunOutcome.RUNNING.value,
                attempts=runs.c.attempts + 1,
                started_at=run.started_at,
                finished_at=None,
                note="",
            )
            .returning(*runs.c)
        )
        with translated():
            row = self._db.execute(retry).first()
        return _run(row) if row else None

    def finish(self, run: JobRun) -> None:
        where = (runs.c.name == run.name) & (runs.c.slot == run.slot)
        with translated():
            self._db.execute(update(runs).where(where).values(_row(run)))

    def recent(self, limit: int) -> list[JobRun]:
        query = (
            select(runs)
            .order_by(runs.c.started_at.desc(), runs.c.name.desc())
            .limit(limit)
        )
        return [_run(row) for row in self._db.execute(query)]

    def forget_before(self, before: datetime) -> int:
        with translated():
            result = self._db.execute(delete(runs).where(runs.c.started_at < before))
        return result.rowcount


def _row(run: JobRun) -> dict:
    return {
        "name": run.name,
        "slot": run.slot,
        "started_at": run.started_at,
        "outcome": run.outcome.value,
        "attempts": run.attempts,
        "finished_at": run.finished_at,
        "note": run.note,
    }


def _run(row) -> JobRun:
    return JobRun(
        row.name,
        row.slot,
        row.started_at,
        RunOutcome(row.outcome),
        row.attempts,
        row.finished_at,
        row.note,
    )
