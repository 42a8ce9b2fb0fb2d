"""What the scheduler needs from storage."""

from datetime import datetime
from typing import Protocol

from propcore.jobs.runs import JobRun


class JobRunRepository(Protocol):
    def claim(self, run: JobRun, max_attempts: int) -> JobRun | None:
        """Record ``run`` as started, unless its (name, slot) is taken.

        A slot whose last attempt failed, with fewer than ``max_attempts``
        attempts, is taken over: the stored run starts again with one more
        attempt. Return the stored run when this call claimed the slot, else
        None. Of several callers at once, on any number of machines, exactly
        one wins; the storage decides, not the callers.
        """

    def finish(self, run: JobRun) -> None:
        """Store the outcome, finish time and note of a claimed run."""

    def recent(self, limit: int) -> list[JobRun]:
        """The latest runs, newest start first."""

    def forget_before(self, before: datetime) -> int:
        """Remove runs started before ``before``; return how many."""
