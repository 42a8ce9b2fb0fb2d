"""Effective-dated rates and the split of a billing period at rate changes."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from propcore.billing.periods import Period, months_in
from propcore.billing.rates import (
    NoRateError,
    RateSchedule,
    RateVersion,
    RateVersionExistsError,
)
from propcore.money import Money
from tests import strategies

OLD = RateVersion(date(2025, 1, 1), Money(Decimal("2.80")), "2025 价格公示")
NEW = RateVersion(date(2026, 3, 11), Money(Decimal("3.00")), "2026 价格公示")


def test_the_rate_on_a_day_is_the_latest_version_valid_by_then():
    schedule = RateSchedule((NEW, OLD))

    assert schedule.rate_on(date(2026, 3, 10)) == OLD
    assert schedule.rate_on(date(2026, 3, 11)) == NEW


def test_there_is_no_rate_before_the_first_version():
    with pytest.raises(NoRateError) as raised:
        RateSchedule((OLD,)).rate_on(date(2024, 12, 31))

    assert raised.value.day == date(2024, 12, 31)


def test_adding_a_version_never_rewrites_an_older_one():
    schedule = RateSchedule((OLD,))

    newer = schedule.with_version(NEW)

    assert newer.versions == (OLD, NEW)
    assert schedule.versions == (OLD,)
    with pytest.raises(RateVersionExistsError):
        newer.with_version(RateVersion(OLD.valid_from, Money(Decimal("9.00"))))


def test_a_period_straddling_a_rate_change_is_split_with_its_day_counts():
    schedule = RateSchedule((OLD, NEW))

    segments = schedule.segments(Period.month(2026, 3))

    assert [(s.version.label, s.days) for s in segments] == [
        ("2025 价格公示", 10),
        ("2026 价格公示", 21),
    ]


@given(
    strategies.periods(),
    st.lists(strategies.days(), max_size=4, unique=True),
    strategies.rates(),
)
def test_a_rate_change_mid_period_prorates_to_the_day(period, changes, rate):
    versions = [RateVersion(date(2019, 1, 1), rate)]
    versions += [RateVersion(day, rate, f"v{i}") for i, day in enumerate(changes)]
    schedule = RateSchedule(versions)

    segments = schedule.segments(period)

    assert sum(s.days for s in segments) == period.days
    assert sum(s.version.rate.amount * s.days for s in segments) == (
        rate.amount * period.days
    )
    assert sum(s.months for s in segments) == months_in(period)
