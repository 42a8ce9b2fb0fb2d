"""Effective-dated rates (单价) and the split of a period at rate changes."""

from collections.abc import Iterable
from datetime import date, timedelta
from fractions import Fraction
from functools import lru_cache

import attrs

from propcore.billing.periods import Period, months_in
from propcore.errors import PropcoreError
from propcore.money import Money


class NoRateError(PropcoreError, LookupError):
    """No version of the schedule is valid on ``day``."""

    def __init__(self, day: date) -> None:
        self.day = day
        super().__init__(f"no rate is valid on {day.isoformat()}")


class RateVersionExistsError(PropcoreError):
    """A version valid from ``valid_from`` exists; versions are never rewritten."""

    def __init__(self, valid_from: date) -> None:
        self.valid_from = valid_from
        super().__init__(f"a rate valid from {valid_from.isoformat()} already exists")


@attrs.frozen(order=True)
class RateVersion:
    """A price valid from ``valid_from`` until the next version starts.

    ``label`` identifies the version in explanations, e.g. a price notice.
    """

    valid_from: date
    rate: Money = attrs.field(order=False)
    label: str = attrs.field(default="", order=False)

    @property
    def name(self) -> str:
        return self.label or f"since {self.valid_from.isoformat()}"


@attrs.frozen
class RateSegment:
    """The days of a billing period charged at one rate version."""

    period: Period
    version: RateVersion

    @property
    def days(self) -> int:
        return self.period.days

    @property
    def months(self) -> Fraction:
        return months_in(self.period)


@attrs.frozen(cache_hash=True)
class RateSchedule:
    """The versions of one rate, oldest first."""

    versions: tuple[RateVersion, ...] = attrs.field(
        converter=lambda v: tuple(sorted(v))
    )

    @classmethod
    def flat(cls, rate: Money, since: date = date(2000, 1, 1)) -> "RateSchedule":
        return cls((RateVersion(since, rate),))

    def with_version(self, version: RateVersion) -> "RateSchedule":
        """A schedule with one more version; an existing one is never replaced."""
        if any(v.valid_from == version.valid_from for v in self.versions):
            raise RateVersionExistsError(version.valid_from)
        return RateSchedule((*self.versions, version))

    def rate_on(self, day: date) -> RateVersion:
        valid = [v for v in self.versions if v.valid_from <= day]
        if not valid:
            raise NoRateError(day)
        return valid[-1]

    def segments(self, period: Period) -> tuple[RateSegment, ...]:
        """``period`` cut at each rate change inside it, in order; none for
        an empty schedule (items such as rent that take no rate)."""
        return _segments(self, period)

    def _cut(self, period: Period) -> tuple[RateSegment, ...]:
        if not self.versions:
            return ()
        starts = [period.first, *self._changes_within(period)]
        ends = [start - timedelta(days=1) for start in starts[1:]] + [period.last]
        return tuple(
            RateSegment(Period(first, last), self.rate_on(first))
            for first, last in zip(starts, ends, strict=True)
        )

    def _changes_within(self, period: Period) -> Iterable[date]:
        return (
            v.valid_from
            for v in self.versions
            if period.first < v.valid_from <= period.last
        )


@lru_cache(maxsize=4096)
def _segments(schedule: RateSchedule, period: Period) -> tuple[RateSegment, ...]:
    """Schedules and periods are values: a run cuts the same item's period
    once, not once per unit."""
    return schedule._cut(period)
