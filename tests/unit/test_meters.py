"""Meter readings: no silent drops, replacements and rollovers counted right."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from propcore.billing.meters import (
    Meter,
    MeterKind,
    Reading,
    ReadingBelowPreviousError,
    ReadingFlag,
    UsualConsumptionRule,
    consumption,
    latest_unusual,
    take_reading,
)
from propcore.errors import InvalidInputError
from propcore.ids import new_id
from tests.strategies import meter_values

D = Decimal
JAN, FEB = date(2026, 1, 31), date(2026, 2, 28)


def _meter(**kwargs) -> Meter:
    kwargs.setdefault("unit_id", new_id())
    return Meter(new_id(), MeterKind.WATER, **kwargs)


def test_consumption_is_the_difference_between_two_readings():
    meter = _meter()
    first = take_reading(meter, D("120.50"), JAN)

    second = take_reading(meter, D("131.25"), FEB, first)

    assert consumption(meter, first, second) == D("10.75")


def test_a_reading_below_the_previous_one_is_refused_naming_both_values():
    meter = _meter()
    first = take_reading(meter, D("120.50"), JAN)

    with pytest.raises(ReadingBelowPreviousError) as raised:
        take_reading(meter, D("99.00"), FEB, first)

    assert raised.value.field == "value"
    assert (raised.value.previous, raised.value.value) == (D("120.50"), D("99.00"))
    assert raised.value.fields == ("value",)


def test_a_replacement_counts_from_the_new_meters_start_value():
    meter = _meter()
    first = take_reading(meter, D("9000.00"), JAN)

    second = take_reading(
        meter,
        D("7.50"),
        FEB,
        first,
        flags=frozenset({ReadingFlag.REPLACEMENT}),
        start_value=D("2.00"),
    )

    assert consumption(meter, first, second) == D("5.50")


def test_a_replacement_needs_the_start_value():
    meter = _meter()
    first = take_reading(meter, D("9000.00"), JAN)

    with pytest.raises(InvalidInputError, match="start_value"):
        take_reading(
            meter, D("7.50"), FEB, first, flags=frozenset({ReadingFlag.REPLACEMENT})
        )


def test_a_rollover_counts_up_to_the_wrap_and_on_from_zero():
    meter = _meter(rollover_at=D("10000"))
    first = take_reading(meter, D("9990.00"), JAN)

    second = take_reading(
        meter, D("5.00"), FEB, first, flags=frozenset({ReadingFlag.ROLLOVER})
    )

    assert consumption(meter, first, second) == D("15.00")


def test_a_rollover_on_a_meter_that_cannot_wrap_is_refused():
    meter = _meter()
    first = take_reading(meter, D("9990.00"), JAN)

    with pytest.raises(InvalidInputError, match="flags"):
        take_reading(
            meter, D("5.00"), FEB, first, flags=frozenset({ReadingFlag.ROLLOVER})
        )


def test_a_value_with_more_places_than_the_meter_shows_is_refused():
    meter = _meter(places=1)

    with pytest.raises(InvalidInputError, match="value"):
        take_reading(meter, D("1.25"), JAN)


def test_a_reading_must_come_after_the_previous_one():
    meter = _meter()
    first = take_reading(meter, D("1.00"), FEB)

    with pytest.raises(InvalidInputError, match="read_on"):
        take_reading(meter, D("2.00"), JAN, first)


def test_a_meter_belongs_to_a_unit_or_a_common_area_not_both():
    with pytest.raises(ValueError, match="not both"):
        Meter(new_id(), MeterKind.GAS, unit_id=new_id(), common_area="电梯")

    assert Meter(new_id(), MeterKind.ELECTRICITY, common_area="电梯").unit_id is None


def test_consumption_above_three_times_the_median_is_flagged_for_review():
    meter_id = new_id()
    history = [D(8), D(10), D(12), D(9)]

    flagged = UsualConsumptionRule().check(meter_id, D("31"), history)
    usual = UsualConsumptionRule().check(meter_id, D("28"), history)

    assert flagged is not None
    assert (flagged.median, flagged.consumption) == (D("9.5"), D("31"))
    assert usual is None


def test_only_the_last_periods_count_towards_the_median():
    rule = UsualConsumptionRule(factor=D(2), periods=3)
    history = [D(100), D(100), D(100), D(5), D(5), D(5)]

    assert rule.check(new_id(), D(11), history) is not None


def test_too_little_history_is_not_judged():
    assert UsualConsumptionRule().check(new_id(), D(500), [D(1), D(1)]) is None


def _readings(meter: Meter, *values: int) -> list[Reading]:
    return [
        Reading(meter.id, D(v), date(2026, month, 1))
        for month, v in enumerate(values, start=1)
    ]


def test_the_newest_reading_is_judged_against_the_consumptions_before_it():
    meter = _meter()
    usual = _readings(meter, 0, 10, 20, 30, 40)
    jump = _readings(meter, 0, 10, 20, 30, 70)

    assert latest_unusual(meter, usual, UsualConsumptionRule()) is None
    flagged = latest_unusual(meter, jump, UsualConsumptionRule())
    assert (flagged.consumption, flagged.median) == (D(40), D(10))


def test_a_first_reading_is_not_judged():
    meter = _meter()

    assert latest_unusual(meter, _readings(meter, 5), UsualConsumptionRule()) is None


@given(
    previous=meter_values(below=10_000),
    value=meter_values(below=10_000),
    flag=st.sampled_from([None, ReadingFlag.ROLLOVER, ReadingFlag.ESTIMATED]),
)
def test_an_accepted_reading_never_gives_negative_consumption(previous, value, flag):
    meter = _meter(rollover_at=D("10000"))
    first = take_reading(meter, previous, JAN)
    flags = frozenset({flag}) if flag else frozenset()

    try:
        second = take_reading(meter, value, FEB, first, flags=flags)
    except InvalidInputError:
        return

    assert D(0) <= consumption(meter, first, second) < D("10000")
