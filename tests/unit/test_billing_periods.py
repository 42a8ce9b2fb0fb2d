"""Billing periods: whole days, inclusive, prorated by days."""

from datetime import date
from fractions import Fraction

import pytest
from hypothesis import given

from propcore.billing.periods import Period, day_share, months_in, parse_month
from propcore.errors import InvalidInputError
from tests import strategies


def test_a_month_runs_from_its_first_to_its_last_day_inclusive():
    december = Period.month(2026, 12)

    assert (december.first, december.last, december.days) == (
        date(2026, 12, 1),
        date(2026, 12, 31),
        31,
    )


def test_quarters_and_years_cover_their_months():
    assert Period.quarter(2028, 1) == Period(date(2028, 1, 1), date(2028, 3, 31))
    assert Period.quarter(2028, 1).days == 91
    assert Period.year(2028).days == 366


def test_a_period_may_not_end_before_it_starts():
    with pytest.raises(InvalidInputError) as raised:
        Period(date(2026, 5, 2), date(2026, 5, 1))

    assert raised.value.fields == ("period",)


def test_the_intersection_of_periods_is_their_common_days_or_none():
    may, june = Period.month(2026, 5), Period.month(2026, 6)
    spring = Period(date(2026, 4, 20), date(2026, 5, 10))

    assert may.intersection(spring) == Period(date(2026, 5, 1), date(2026, 5, 10))
    assert may.intersection(june) is None


def test_a_partial_month_counts_as_its_days_over_the_days_of_that_month():
    assert months_in(Period(date(2026, 2, 15), date(2026, 2, 28))) == Fraction(1, 2)
    assert (
        months_in(Period(date(2026, 1, 17), date(2026, 3, 31))) == Fraction(15, 31) + 2
    )


def test_a_day_share_is_the_overlap_over_the_whole_by_days():
    season = Period(date(2026, 11, 15), date(2027, 3, 15))

    assert day_share(Period.month(2026, 11), season) == Fraction(16, season.days)


@given(strategies.periods())
def test_the_months_of_a_period_cover_each_of_its_days_once(period):
    pieces = list(period.months())

    assert sum(piece.days for piece in pieces) == period.days
    assert pieces[0].first == period.first
    assert pieces[-1].last == period.last


def test_a_month_is_read_from_year_dash_month():
    assert parse_month(" 2026-02 ", "month") == Period.month(2026, 2)


@pytest.mark.parametrize("text", ["2026-13", "2026-00", "26-12", "2026/12", "", "x"])
def test_a_month_that_is_not_year_dash_month_is_refused_naming_the_field(text):
    with pytest.raises(InvalidInputError) as refused:
        parse_month(text, "month")

    assert [p.field for p in refused.value.problems] == ["month"]
