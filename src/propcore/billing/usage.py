"""What a unit's meters measured in a billed period, for metered fee items.

A metered item names the kind of meter it charges in ``options["meter"]``
(``water`` when absent). The consumption of a period is what was used
between the last reading before the period and the last reading in it,
reading by reading (so a replacement or rollover inside counts right); the
tier cycle's consumption before the period is counted the same way.
"""

import itertools
from collections.abc import Sequence
from decimal import Decimal
from itertools import pairwise

import attrs

from propcore.billing.fee_types import Consumption
from propcore.billing.fees import FeeItem
from propcore.billing.meters import (
    Meter,
    MeterKind,
    Reading,
    UnusualConsumption,
    UsualConsumptionRule,
    consumption,
)
from propcore.billing.periods import Period

UNITS = {
    MeterKind.WATER: "m³",
    MeterKind.ELECTRICITY: "kWh",
    MeterKind.GAS: "m³",
    MeterKind.HEAT: "GJ",
}


@attrs.frozen
class MissingReading:
    """Why an item could not be charged: no meter, or no reading to close or
    open the period with."""

    item_code: str
    reason: str


def meter_kind(item: FeeItem) -> MeterKind:
    return MeterKind(item.options.get("meter", MeterKind.WATER.value))


def reading_window(item: FeeItem, period: Period) -> Period:
    """The days whose readings the item needs: its tier cycle up to the period."""
    before = item.tier_window(period) if item.tiers else None
    return Period(before.first if before else period.first, period.last)


def _used(meter: Meter, readings: Sequence[Reading], days: Period) -> tuple:
    total, shown = 0, []
    for previous, current in itertools.pairwise(readings):
        if days.contains(current.read_on):
            total += consumption(meter, previous, current)
            shown.append(current.value)
    return total, shown


def measured(
    item: FeeItem,
    period: Period,
    meters: Sequence[Meter],
    readings: dict,
) -> Consumption | MissingReading:
    """``readings`` maps each meter id to its readings, oldest first, from
    the last one before :func:`reading_window` to the end of ``period``."""
    kind = meter_kind(item)
    chosen = [m for m in meters if m.kind is kind]
    if not chosen:
        return MissingReading(item.code, f"no {kind.value} meter")
    window = item.tier_window(period) if item.tiers else None
    used = before = 0
    texts = []
    for meter in chosen:
        history = readings.get(meter.id, ())
        found = _meter_use(meter, history, period, window)
        if found is None:
            return MissingReading(item.code, f"no {kind.value} reading in {period}")
        if history[0].read_on >= period.first:
            return MissingReading(item.code, f"no {kind.value} reading before {period}")
        in_period, in_window, shown = found
        used += in_period
        before += in_window
        texts.append(" → ".join(str(v) for v in shown))
    return Consumption(Decimal(used), Decimal(before), UNITS[kind], "; ".join(texts))


def _meter_use(meter: Meter, history: Sequence[Reading], period: Period, window):
    """In one pass over a meter's readings: what it measured in ``period``
    and in the tier ``window`` before it, and the values shown on the line
    (the opening reading, then those in the period); None without a reading
    in the period."""
    used = before = 0
    opening = None
    shown = []
    previous = None
    for current in history:
        day = current.read_on
        if day < period.first:
            opening = current.value
        elif day <= period.last:
            shown.append(current.value)
            if previous is not None:
                used += consumption(meter, previous, current)
        if previous is not None and window is not None and window.contains(day):
            before += consumption(meter, previous, current)
        previous = current
    if not shown:
        return None
    return used, before, [opening, *shown]


def unusual(
    item: FeeItem,
    period: Period,
    meters: Sequence[Meter],
    readings: dict,
    rule: UsualConsumptionRule,
) -> list[UnusualConsumption]:
    """Meters of the item's kind whose consumption in ``period`` is far above
    their consumptions before it (as many as ``readings`` go back)."""
    found = []
    for meter in (m for m in meters if m.kind is meter_kind(item)):
        history = readings.get(meter.id, [])
        pairs = list(pairwise(history))
        past = [consumption(meter, a, b) for a, b in pairs if b.read_on < period.first]
        now = [consumption(meter, a, b) for a, b in pairs if period.contains(b.read_on)]
        flagged = now and rule.check(meter.id, sum(now, Decimal(0)), past)
        if flagged:
            found.append(flagged)
    return found
