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
    the last one before :func:`reading_window` to the end of ``period``.

    A meter retired before the period measures nothing in it (its use in
    the tier cycle before still counts); one retired inside it counts up to
    its last reading. A meter whose first reading falls in the period on or
    after the day another meter of its kind was retired in it (the meter
    fitted in its place) counts from that first reading."""
    kind = meter_kind(item)
    chosen = [m for m in meters if m.kind is kind]
    if all(m.retired_before(period.first) for m in chosen):
        return MissingReading(item.code, f"no {kind.value} meter")
    retired = [m for m in chosen if _retired_in(m, period)]
    window = item.tier_window(period) if item.tiers else None
    used = before = 0
    texts = []
    for meter in chosen:
        history = readings.get(meter.id, ())
        fitted = _fitted_for(meter, history, retired, period)
        in_period, in_window, shown = _meter_use(meter, history, period, window, fitted)
        before += in_window
        if meter.retired_before(period.first):
            continue
        if not shown[1:]:
            return MissingReading(item.code, f"no {kind.value} reading in {period}")
        if shown[0] is None:
            return MissingReading(item.code, f"no {kind.value} reading before {period}")
        used += in_period
        texts.append(" → ".join(str(v) for v in shown))
    return Consumption(Decimal(used), Decimal(before), UNITS[kind], "; ".join(texts))


def _retired_in(meter: Meter, period: Period) -> bool:
    return meter.retired_on is not None and period.contains(meter.retired_on)


def _fitted_for(
    meter: Meter, history: Sequence[Reading], retired: list[Meter], period: Period
) -> bool:
    """Was the meter fitted in the place of one retired in the period: its
    first reading in the period, on or after that one's retirement day?"""
    if not history or not period.contains(history[0].read_on):
        return False
    first = history[0].read_on
    return any(m.id != meter.id and m.retired_on <= first for m in retired)


def _meter_use(
    meter: Meter,
    history: Sequence[Reading],
    period: Period,
    window,
    opens_inside: bool = False,
):
    """In one pass over a meter's readings: what it measured in ``period``
    and in the tier ``window`` before it, and the values shown on the line:
    the opening reading (None without one), then those in the period. With
    ``opens_inside`` the first reading, in the period, opens it."""
    used = before = 0
    opening = None
    shown = []
    previous = None
    for current in history:
        day = current.read_on
        if day < period.first or (opens_inside and previous is None):
            opening = current.value
        elif day <= period.last:
            shown.append(current.value)
            if previous is not None:
                used += consumption(meter, previous, current)
        if previous is not None and window is not None and window.contains(day):
            before += consumption(meter, previous, current)
        previous = current
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
