"""Scheduled bill runs: which estates are due, and each estate's run day.

The daily job asks :meth:`BillScheduleService.run_due`: every estate with
fee items whose day (see ``schedule.py``) has come this month and that
still has a unit without a bill for the month is run for the month. A run
skips units billed already, so a second check, or two at once, bills
nobody twice; units held back for a missing reading are billed by the
first check after the reading is in.
"""

from collections.abc import Sequence
from datetime import datetime, tzinfo

import attrs

from propcore.billing.periods import Period
from propcore.billing.running import BillRunService, RunReport
from propcore.billing.schedule import RunDay, RunDays, check_run_day
from propcore.errors import NotFoundError
from propcore.ids import Id
from propcore.property.tree import NodeKind
from propcore.uow import UnitOfWorkFactory


@attrs.frozen
class DueRuns:
    """What a scheduled check ran; its text is the job run's note."""

    period: Period
    reports: Sequence[RunReport]

    def __str__(self) -> str:
        bills = sum(report.bills for report in self.reports)
        return (
            f"{self.period.first:%Y-%m}: {len(self.reports)} estates run, {bills} bills"
        )


@attrs.frozen
class BillScheduleService:
    """``default_day``: the deployment's run day (setting ``bill_run_day``);
    ``zone``: where "today" is read."""

    uow: UnitOfWorkFactory
    runs: BillRunService
    zone: tzinfo
    default_day: int = attrs.field(
        default=1, validator=lambda _i, _a, d: check_run_day(d)
    )

    def day_of(self, estate_id: Id) -> RunDay:
        with self.uow() as uow:
            return RunDays(self.default_day, uow.run_days.days()).of(estate_id)

    def set_day(self, estate_id: Id, day: int | None) -> RunDay:
        """Give the estate its own run day, or with None the deployment's."""
        if day is not None:
            check_run_day(day)
        with self.uow() as uow:
            if uow.orgs.get(estate_id).kind is not NodeKind.ESTATE:
                raise NotFoundError("estate", estate_id)
            uow.run_days.set_day(estate_id, day)
            chosen = RunDays(self.default_day, uow.run_days.days()).of(estate_id)
            uow.commit()
        return chosen

    def due(self, now: datetime) -> tuple[Period, list[Id]]:
        """The month of ``now`` (in the deployment's zone) and the estates
        to run for it, in the order the estates are listed."""
        today = now.astimezone(self.zone).date()
        month = Period.month(today.year, today.month)
        with self.uow() as uow:
            days = RunDays(self.default_day, uow.run_days.days())
            unbilled = uow.run_days.unbilled(month)
            estates = [
                estate.id
                for estate in uow.orgs.list(NodeKind.ESTATE)
                if estate.id in unbilled
                and days.has_come(estate.id, today)
                and uow.fee_items.for_estate(estate.id)
            ]
        return month, estates

    def run_due(self, now: datetime) -> DueRuns:
        month, estates = self.due(now)
        return DueRuns(month, self.runs.run_due(month, estates))
