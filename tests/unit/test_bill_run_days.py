"""Bill-run days: the 1st to the 28th, an estate's own or the deployment's."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from propcore.billing.schedule import RunDay, RunDays, check_run_day, read_run_day
from propcore.errors import InvalidInputError
from propcore.ids import new_id

DAYS = st.integers(1, 28)


@given(DAYS, st.dates(date(2000, 1, 1), date(2099, 12, 31)))
def test_once_the_day_has_come_it_stays_come_for_the_rest_of_the_month(day, today):
    estate = new_id()
    days = RunDays(1, {estate: day})
    month_end = date(today.year, today.month, 28)

    if days.has_come(estate, today):
        assert days.has_come(estate, max(today, month_end))
    assert days.has_come(estate, today.replace(day=day))


def test_an_estate_without_a_day_of_its_own_takes_the_default():
    mine, other = new_id(), new_id()
    days = RunDays(10, {mine: 3})

    assert (days.of(mine), days.of(other)) == (RunDay(3, True), RunDay(10, False))


@pytest.mark.parametrize("day", [0, 29, 31, True])
def test_a_day_some_month_lacks_is_refused(day):
    with pytest.raises(InvalidInputError) as refused:
        check_run_day(day, "bill_run_day")

    assert refused.value.fields == ("bill_run_day",)


@pytest.mark.parametrize(("text", "day"), [("", None), (" 7 ", 7), ("28", 28)])
def test_a_typed_day_is_read_and_empty_means_the_default(text, day):
    assert read_run_day(text) == day


@pytest.mark.parametrize("text", ["7th", "-1", "1.5", "29"])
def test_a_typed_day_that_is_no_run_day_is_refused(text):
    with pytest.raises(InvalidInputError):
        read_run_day(text)
