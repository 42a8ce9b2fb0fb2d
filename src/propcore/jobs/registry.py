"""The periodic work of propcore. Adding a job is adding one line below."""

from typing import TYPE_CHECKING

from propcore.jobs.cadence import DailyAt, Every, MonthlyOn
from propcore.jobs.service import Job

if TYPE_CHECKING:
    from propcore.application import Propcore

__all__ = ["DailyAt", "Every", "MonthlyOn", "periodic_jobs"]


def periodic_jobs(core: "Propcore") -> list[Job]:
    """Every job, by name, cadence and the core use case it calls with ``now``.

    Names are stored with each run: rename a job and its slots start afresh.
    """
    return [
        Job("purge_expired", Every(15), lambda now: core.housekeeping.purge_expired()),
        Job("purge_job_runs", DailyAt(4, 30), core.jobs.forget_old),
        Job("bill_runs", DailyAt(2, 0), core.bill_schedule.run_due),
        Job("payment_reminders", DailyAt(9, 0), core.collecting.remind_due),
        Job("publish_notices", Every(5), core.notices.publish_due),
        Job("event_reminders", Every(15), core.events.remind_due),
        # last, so that a round delivers what the jobs before it queued
        Job("relay_outbox", Every(1), lambda now: relay_all(core)),
    ]


def relay_all(core: "Propcore", limit: int = 100) -> int:
    """Relay until a round finds fewer than ``limit`` messages due."""
    handled = 0
    while True:
        report = core.messages.relay(limit=limit)
        handled += report.claimed
        if report.claimed < limit:
            return handled
