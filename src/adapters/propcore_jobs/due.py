"""One round of due work, as every runner does it, with its log lines."""

import logging

from propcore.application import Propcore
from propcore.jobs.registry import periodic_jobs
from propcore.jobs.runs import JobRun, RunOutcome

log = logging.getLogger(__name__)


class JobsFailedError(RuntimeError):
    """Some jobs failed this round; their slots are retried."""


def run_due(core: Propcore) -> list[JobRun]:
    """Run what is due, log each run, and return the runs this call made."""
    runs = core.jobs.run_due(periodic_jobs(core))
    for run in runs:
        if run.outcome is RunOutcome.FAILED:
            log.error("job %s slot %s failed: %s", run.name, run.slot, run.note)
        else:
            log.info("job %s slot %s ran: %s", run.name, run.slot, run.note)
    return runs


def run_due_or_raise(core: Propcore) -> list[JobRun]:
    """Like :func:`run_due`, but raise when a job failed, for a task queue
    that retries failed tasks."""
    runs = run_due(core)
    failed = [run.name for run in runs if run.outcome is RunOutcome.FAILED]
    if failed:
        raise JobsFailedError(", ".join(failed))
    return runs
