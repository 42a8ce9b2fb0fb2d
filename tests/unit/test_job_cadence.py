"""Slots: every instant lies in exactly one, and none is ever skipped."""

import itertools
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from propcore.jobs.cadence import DailyAt, Every, MonthlyOn
from tests.strategies import cadences, fixed_zones, local_instants

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=SHANGHAI)


@given(cadences(), fixed_zones().flatmap(local_instants))
def test_an_instant_lies_in_the_slot_latest_names(cadence, at):
    slot = cadence.latest(at)

    assert slot <= at < cadence.after(slot)
    assert cadence.latest(slot) == slot


@given(cadences(), fixed_zones().flatmap(local_instants))
def test_the_next_slot_starts_where_the_last_one_ends(cadence, at):
    slot = cadence.latest(at)
    following = cadence.after(slot)

    assert cadence.latest(following) == following
    assert cadence.latest(following - timedelta(microseconds=1)) == slot


@given(
    cadences(),
    fixed_zones().flatmap(local_instants),
    st.lists(st.floats(0.01, 1), min_size=1, max_size=60),
)
def test_ticking_more_often_than_slots_change_meets_every_slot_in_turn(
    cadence, start, fractions
):
    ticks = [start]
    for fraction in fractions:
        ticks.append(ticks[-1] + fraction * _shorter_of_next_two(cadence, ticks[-1]))

    seen = list(dict.fromkeys(cadence.latest(tick) for tick in ticks))

    assert all(cadence.after(a) == b for a, b in itertools.pairwise(seen))


def _shorter_of_next_two(cadence, at: datetime) -> timedelta:
    slot = cadence.latest(at)
    following = cadence.after(slot)
    return min(following - slot, cadence.after(following) - following)


def test_every_quarter_hour_counts_from_local_midnight():
    assert Every(15).latest(_at(2026, 12, 1, 9, 44, 59)) == _at(2026, 12, 1, 9, 30)
    assert Every(15).after(_at(2026, 12, 1, 23, 45)) == _at(2026, 12, 2)


def test_a_length_not_dividing_the_day_restarts_at_midnight():
    assert Every(7 * 60).after(_at(2026, 12, 1, 21, 0)) == _at(2026, 12, 2)


def test_a_daily_slot_before_its_hour_is_yesterdays():
    assert DailyAt(3, 30).latest(_at(2026, 12, 1, 3, 29)) == _at(2026, 11, 30, 3, 30)
    assert DailyAt(3, 30).latest(_at(2026, 12, 1, 3, 30)) == _at(2026, 12, 1, 3, 30)


def test_a_monthly_day_past_the_months_end_falls_on_its_last_day():
    on_31st = MonthlyOn(31, 2)

    assert on_31st.latest(_at(2027, 3, 1)) == _at(2027, 2, 28, 2)
    assert on_31st.after(_at(2027, 2, 28, 2)) == _at(2027, 3, 31, 2)
    assert on_31st.latest(_at(2027, 1, 5)) == _at(2026, 12, 31, 2)


@pytest.mark.parametrize(
    "make",
    [lambda: Every(0), lambda: Every(1441), lambda: DailyAt(24), lambda: MonthlyOn(0)],
)
def test_a_cadence_outside_the_clock_is_refused(make):
    with pytest.raises(ValueError):  # noqa: PT011 - attrs validators say which
        make()
