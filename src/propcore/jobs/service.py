"""DueWork: runs each job's due slot once, however many runners call it."""

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta, tzinfo

import attrs

from propcore.clock import Clock
from propcore.jobs.cadence import Cadence
from propcore.jobs.runs import JobRun, RunOutcome
from propcore.uow import UnitOfWorkFactory

MAX_ATTEMPTS = 3
KEEP = timedelta(days=90)


@attrs.frozen
class Job:
    """Periodic work: ``work(now)`` runs once per slot of ``cadence``.

    ``work`` must do everything due up to ``now``: after downtime only the
    latest missed slot runs, once, and it has to catch up for the others.
    What it returns is kept, as text, in the run's note.
    """

    name: str
    cadence: Cadence
    work: Callable[[datetime], object]


@attrs.frozen
class DueWork:
    """Decides from the database what is due and claims it before working.

    Not one unit of work but three per job: the claim commits first (so other
    runners see it), the job's own use cases commit theirs, and the outcome
    commits last. A runner that dies mid-slot leaves the run ``running``; the
    job's next slot does the work.
    """

    uow: UnitOfWorkFactory
    clock: Clock
    zone: tzinfo
    max_attempts: int = MAX_ATTEMPTS

    def run_due(self, jobs: Iterable[Job]) -> list[JobRun]:
        """Run every job whose current slot nobody has claimed; return the runs
        this call made, failed ones included (their error is in the note)."""
        now = self.clock.now()
        runs = (self._run(job, now) for job in jobs)
        return [run for run in runs if run is not None]

    def recent(self, limit: int = 50) -> list[JobRun]:
        with self.uow() as uow:
            return uow.job_runs.recent(limit)

    def forget_old(self, now: datetime) -> str:
        """Drop the records of runs started more than ``KEEP`` ago."""
        with self.uow() as uow:
            forgotten = uow.job_runs.forget_before(now - KEEP)
            uow.commit()
        return f"{forgotten} runs forgotten"

    def _run(self, job: Job, now: datetime) -> JobRun | None:
        slot = job.cadence.latest(now.astimezone(self.zone))
        run = self._claim(JobRun(job.name, slot, now))
        if run is None:
            return None
        try:
            note, outcome = str(job.work(now)), RunOutcome.SUCCEEDED
        except Exception as error:  # any failure is recorded, then retried
            note, outcome = f"{type(error).__name__}: {error}", RunOutcome.FAILED
        run.finish(self.clock.now(), outcome, note)
        with self.uow() as uow:
            uow.job_runs.finish(run)
            uow.commit()
        return run

    def _claim(self, run: JobRun) -> JobRun | None:
        with self.uow() as uow:
            claimed = uow.job_runs.claim(run, self.max_attempts)
            uow.commit()
        return claimed
