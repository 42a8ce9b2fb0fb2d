"""The record of one job's work for one slot, kept for staff to read."""

import enum
from datetime import datetime

import attrs


class RunOutcome(enum.StrEnum):
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


@attrs.define
class JobRun:
    """Job ``name``'s work for the slot starting at ``slot``.

    ``attempts`` counts the claims of the slot (a failed slot is claimed again
    until its job's attempts are used up); ``note`` is the work's summary or,
    after a failure, the error.
    """

    name: str
    slot: datetime
    started_at: datetime
    outcome: RunOutcome = RunOutcome.RUNNING
    attempts: int = 1
    finished_at: datetime | None = None
    note: str = ""

    def finish(self, at: datetime, outcome: RunOutcome, note: str) -> None:
        self.finished_at = at
        self.outcome = outcome
        self.note = note[:NOTE_LENGTH]


NOTE_LENGTH = 500
