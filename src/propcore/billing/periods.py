"""Billing periods: runs of whole days, first and last day inclusive."""

import calendar
from collections.abc import Iterator
from datetime import date, timedelta
from fractions import Fraction
from functools import cache

import attrs

from propcore.errors import InvalidInputError


@attrs.frozen(order=True, cache_hash=True)
class Period:
    """The days from ``first`` to ``last``, both included. The hash is kept:
    a run looks periods up many times per unit (lines, payers, due dates)."""

    first: date
    last: date

    def __attrs_post_init__(self) -> None:
        if self.last < self.first:
            raise InvalidInputError.single("period", "must not end before it starts")

    @classmethod
    def month(cls, year: int, month: int) -> "Period":
        return cls(date(year, month, 1), date(year, month, _month_days(year, month)))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> "Period":
        first_month = 3 * (quarter - 1) + 1
        last = cls.month(year, first_month + 2).last
        return cls(date(year, first_month, 1), last)

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(date(year, 1, 1), date(year, 12, 31))

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def contains(self, day: date) -> bool:
        return self.first <= day <= self.last

    def intersection(self, other: "Period") -> "Period | None":
        first, last = max(self.first, other.first), min(self.last, other.last)
        return Period(first, last) if first <= last else None

    def months(self) -> Iterator["Period"]:
        """The pieces of this period that fall in one calendar month each."""
        start = self.first
        while start <= self.last:
            whole = Period.month(start.year, start.month)
            yield Period(start, min(whole.last, self.last))
            start = whole.last + timedelta(days=1)

    def __str__(self) -> str:
        return f"{self.first.isoformat()}..{self.last.isoformat()}"


def _month_days(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def month_fraction(piece: Period) -> Fraction:
    """How much of its calendar month ``piece`` covers, by days: 10 days of
    a 31-day month are 10/31 of a month. ``piece`` lies in one month."""
    whole = Period.month(piece.first.year, piece.first.month)
    return Fraction(piece.days, whole.days)


@cache
def months_in(period: Period) -> Fraction:
    """The period's length in months, each calendar month prorated by days
    (kept once computed: a run asks it of the same few periods again and
    again)."""
    return sum((month_fraction(piece) for piece in period.months()), Fraction(0))


def day_share(part: Period, whole: Period) -> Fraction:
    """The share of ``whole`` that ``part`` covers, by days (0 when apart)."""
    overlap = part.intersection(whole)
    return Fraction(overlap.days if overlap else 0, whole.days)


def parse_month(value: object, field: str) -> Period:
    """A calendar month written ``YYYY-MM``, as forms and commands give it."""
    year, dash, month = str(value).strip().partition("-")
    whole = dash and year.isdigit() and len(year) == 4 and month.isdigit()
    if whole and 1 <= int(month) <= 12:
        return Period.month(int(year), int(month))
    raise InvalidInputError.single(field, "must be a month like 2026-12")
