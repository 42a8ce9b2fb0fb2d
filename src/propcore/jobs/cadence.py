"""When a job is due: slots on the deployment's wall clock.

A cadence cuts time into slots. ``latest(at)`` is the start of the slot that
holds ``at``; ``after(slot)`` is the start of the next one. Both take and
return aware datetimes in the deployment's zone (Asia/Shanghai by default;
zones with daylight saving follow :mod:`zoneinfo`'s wall-clock arithmetic).
"""

import calendar
from datetime import date, datetime, time, timedelta
from typing import Protocol

import attrs

MINUTES_A_DAY = 24 * 60
_HOUR = attrs.validators.in_(range(24))
_MINUTE = attrs.validators.in_(range(60))


class Cadence(Protocol):
    def latest(self, at: datetime) -> datetime:
        """The start of the slot holding ``at``: at or before it."""

    def after(self, slot: datetime) -> datetime:
        """The start of the slot following ``slot``."""


def _midnight(at: datetime) -> datetime:
    return at.replace(hour=0, minute=0, second=0, microsecond=0)


def _check_minutes(_instance, _attribute, minutes: int) -> None:
    if not 1 <= minutes <= MINUTES_A_DAY:
        raise ValueError("every: between 1 and 1440 minutes")


@attrs.frozen
class Every:
    """Every ``minutes``, counted from local midnight each day (so 15 gives
    :00, :15, :30 and :45; a length not dividing a day shortens the last slot
    before midnight)."""

    minutes: int = attrs.field(validator=_check_minutes)

    def latest(self, at: datetime) -> datetime:
        midnight = _midnight(at)
        length = timedelta(minutes=self.minutes)
        # one tzinfo on both sides: Python subtracts wall-clock times
        return midnight + (at - midnight) // length * length

    def after(self, slot: datetime) -> datetime:
        following = slot + timedelta(minutes=self.minutes)
        tomorrow = _midnight(slot) + timedelta(days=1)
        return min(following, tomorrow)


@attrs.frozen
class DailyAt:
    """Once a day at ``hour:minute``."""

    hour: int = attrs.field(default=0, validator=_HOUR)
    minute: int = attrs.field(default=0, validator=_MINUTE)

    def latest(self, at: datetime) -> datetime:
        today = at.replace(hour=self.hour, minute=self.minute, second=0, microsecond=0)
        return today if today <= at else today - timedelta(days=1)

    def after(self, slot: datetime) -> datetime:
        return slot + timedelta(days=1)


@attrs.frozen
class MonthlyOn:
    """Once a month on ``day`` at ``hour:minute``; in a month too short for
    ``day`` (the 31st in April), on its last day."""

    day: int = attrs.field(validator=attrs.validators.in_(range(1, 32)))
    hour: int = attrs.field(default=0, validator=_HOUR)
    minute: int = attrs.field(default=0, validator=_MINUTE)

    def latest(self, at: datetime) -> datetime:
        this_month = self._in_month(at.year, at.month, at)
        if this_month <= at:
            return this_month
        year, month = (at.year, at.month - 1) if at.month > 1 else (at.year - 1, 12)
        return self._in_month(year, month, at)

    def after(self, slot: datetime) -> datetime:
        year, month = (
            (slot.year, slot.month + 1) if slot.month < 12 else (slot.year + 1, 1)
        )
        return self._in_month(year, month, slot)

    def _in_month(self, year: int, month: int, like: datetime) -> datetime:
        day = min(self.day, calendar.monthrange(year, month)[1])
        moment = time(self.hour, self.minute, tzinfo=like.tzinfo)
        return datetime.combine(date(year, month, day), moment)
