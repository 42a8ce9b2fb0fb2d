"""What a unit's meters measured in a period, against the definition: the
consumption between each reading and the one before it counts in the
period (or the tier cycle before it) the later reading falls in."""

from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from propcore.billing.fee_types import Consumption
from propcore.billing.fees import Tier
from propcore.billing.meters import Meter, MeterKind, Reading, ReadingFlag, consumption
from propcore.billing.periods import Period
from propcore.billing.usage import MissingReading, measured
from propcore.ids import new_id
from propcore.money import Money
from tests.unit.billing_fixtures import item

NOVEMBER = Period(date(2026, 11, 1), date(2026, 11, 30))
TIERS = (Tier(Decimal(180), Money(Decimal("3.00"))), Tier(None, Money(Decimal("4.50"))))
WATER = item("metered", code="water", tiers=TIERS)


@st.composite
def histories(draw, meter: Meter):
    """Readings on distinct days from March to November, values rising,
    now and then a meter replaced."""
    offsets = draw(st.lists(st.integers(0, 270), min_size=1, max_size=8, unique=True))
    value, readings = Decimal(draw(st.integers(0, 500))), []
    for offset in sorted(offsets):
        replaced = bool(readings) and draw(st.integers(0, 9)) == 0
        value = Decimal(draw(st.integers(0, 30))) if replaced else value
        value += draw(st.integers(0, 40))
        flags = frozenset({ReadingFlag.REPLACEMENT}) if replaced else frozenset()
        start = Decimal(0) if replaced else None
        readings.append(Reading(meter.id, value, date(2026, 3, 5) + timedelta(offset),
                                flags, start))  # fmt: skip
    return readings


METERS = [Meter(new_id(), MeterKind.WATER, 0, unit_id=new_id()) for _ in range(2)]


@given(st.tuples(*(histories(m) for m in METERS)))
def test_consumption_in_the_period_and_before_it_in_the_tier_cycle(found):
    readings = {m.id: list(h) for m, h in zip(METERS, found, strict=True)}
    got = measured(WATER, NOVEMBER, METERS, readings)
    cycle = WATER.tier_window(NOVEMBER)
    expected = _expected(readings, cycle)
    assert got == expected


def _expected(readings, cycle: Period) -> Consumption | MissingReading:
    used = before = Decimal(0)
    texts = []
    for meter in METERS:
        history = readings[meter.id]
        shown = [r.value for r in history if NOVEMBER.contains(r.read_on)]
        opening = [r.value for r in history if r.read_on < NOVEMBER.first]
        if not shown:
            return MissingReading("water", f"no water reading in {NOVEMBER}")
        if not opening:
            return MissingReading("water", f"no water reading before {NOVEMBER}")
        for previous, current in pairwise(history):
            if NOVEMBER.contains(current.read_on):
                used += consumption(meter, previous, current)
            elif cycle.contains(current.read_on):
                before += consumption(meter, previous, current)
        texts.append(" → ".join(str(v) for v in [opening[-1], *shown]))
    return Consumption(used, before, "m³", "; ".join(texts))


PLAIN = item("metered", code="water")
UNIT = new_id()


def _meter(retired_on=None) -> Meter:
    return Meter(new_id(), MeterKind.WATER, 0, unit_id=UNIT, retired_on=retired_on)


def _readings(meter: Meter, *dated) -> list[Reading]:
    return [Reading(meter.id, Decimal(v), date(2026, m, d)) for v, m, d in dated]


def test_a_meter_retired_in_the_period_and_the_one_fitted_then_both_count():
    old, new = _meter(date(2026, 11, 10)), _meter()
    readings = {
        old.id: _readings(old, (100, 10, 31), (130, 11, 10)),
        new.id: _readings(new, (0, 11, 10), (20, 11, 30)),
    }

    got = measured(PLAIN, NOVEMBER, [old, new], readings)

    assert got == Consumption(Decimal(50), Decimal(0), "m³", "100 → 130; 0 → 20")


def test_a_meter_retired_in_the_period_needs_its_closing_reading():
    old, new = _meter(date(2026, 11, 10)), _meter()
    readings = {
        old.id: _readings(old, (100, 10, 31)),
        new.id: _readings(new, (0, 11, 10), (20, 11, 30)),
    }

    got = measured(PLAIN, NOVEMBER, [old, new], readings)

    assert got == MissingReading("water", f"no water reading in {NOVEMBER}")


def test_a_meter_retired_before_the_period_holds_nothing_back():
    old, new = _meter(date(2026, 10, 10)), _meter()
    readings = {new.id: _readings(new, (5, 10, 31), (20, 11, 30))}

    got = measured(PLAIN, NOVEMBER, [old, new], readings)

    assert got == Consumption(Decimal(15), Decimal(0), "m³", "5 → 20")


def test_a_unit_whose_only_meter_was_retired_has_no_meter():
    old = _meter(date(2026, 10, 10))

    got = measured(PLAIN, NOVEMBER, [old], {})

    assert got == MissingReading("water", "no water meter")


def test_a_meter_first_read_in_the_period_without_a_swap_holds_back():
    new = _meter()
    readings = {new.id: _readings(new, (0, 11, 10), (20, 11, 30))}

    got = measured(PLAIN, NOVEMBER, [new], readings)

    assert got == MissingReading("water", f"no water reading before {NOVEMBER}")


def test_a_retired_meters_use_counts_in_the_tier_cycle_before_the_period():
    old, new = _meter(date(2026, 10, 10)), _meter()
    readings = {
        old.id: _readings(old, (100, 9, 30), (160, 10, 10)),
        new.id: _readings(new, (0, 10, 10), (5, 10, 31), (20, 11, 30)),
    }

    got = measured(WATER, NOVEMBER, [old, new], readings)

    assert got == Consumption(Decimal(15), Decimal(65), "m³", "5 → 20")
