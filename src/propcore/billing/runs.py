"""What a bill run charges one unit: the pure part of a run (出账).

A run is for an estate and a month. Each fee item charges the period its
cycle and payment mode bill in that month (:func:`charged_items`); each
payer gets one bill for the unit with a line per item and payer segment,
so a move in or out mid-period splits the days between two bills. A unit
that lacks a reading or a rate for any item it owes is held back whole, not
billed in part, and listed with the reason.
"""

import functools
from collections.abc import Mapping, Sequence
from datetime import timedelta

import attrs

from propcore.billing.charging import LineCache
from propcore.billing.fee_types import ChargeContext, FeeTypeRegistry
from propcore.billing.fees import Cycle, FeeItem, PaymentMode
from propcore.billing.lines import Bill
from propcore.billing.meters import Meter, Reading
from propcore.billing.payers import PayerSegment, payer_segments
from propcore.billing.periods import Period, months_in
from propcore.billing.rates import NoRateError
from propcore.billing.shared_usage import SharedSplit
from propcore.billing.usage import MissingReading, measured
from propcore.ids import Id
from propcore.property.units import Unit
from propcore.residents.occupancy import Occupancy, Role

METERED = "metered"


@attrs.frozen
class ChargedItem:
    item: FeeItem
    period: Period
    shared: SharedSplit | None = attrs.field(default=None, eq=False)

    @functools.cached_property
    def metered(self) -> bool:
        return self.item.fee_type == METERED or "meter" in self.item.options

    @functools.cached_property
    def year_ahead(self) -> bool:
        """Billed in advance for a year or more: the item's 预缴全年优惠
        applies, if it offers one."""
        advance = self.item.payment_mode is PaymentMode.IN_ADVANCE
        return advance and months_in(self.period) >= 12


def charged_items(items: Sequence[FeeItem], month: Period) -> list[ChargedItem]:
    """The items a run for ``month`` charges, each with the period it bills:
    an item in advance when its cycle starts in the month, in arrears when
    its cycle ended the day before; a one-off item in the month its first
    rate version takes effect."""
    chosen = []
    for item in items:
        period = item.billed_period(month.first)
        if item.cycle is Cycle.ONE_OFF:
            starts = [v.valid_from for v in item.rates.versions]
            if starts and month.contains(min(starts)):
                chosen.append(ChargedItem(item, month))
            continue
        if item.payment_mode is PaymentMode.IN_ADVANCE:
            due_now = month.contains(period.first)
        else:
            due_now = period.last == month.first - timedelta(days=1)
        if due_now:
            chosen.append(ChargedItem(item, period))
    return chosen


@attrs.frozen
class UnitFacts:
    """What the run knows of one unit: its occupancies over the billed
    periods, whether it stands vacant, its meters and their readings."""

    unit: Unit
    occupancies: tuple[Occupancy, ...] = ()
    vacant: bool = False
    meters: tuple[Meter, ...] = ()
    readings: Mapping[Id, list[Reading]] = attrs.field(factory=dict)


@attrs.frozen
class UnitPlan:
    unit: Unit
    bills: tuple[Bill, ...] = ()
    held: tuple[MissingReading, ...] = ()


def plan_unit(
    registry: FeeTypeRegistry,
    facts: UnitFacts,
    charged: Sequence[ChargedItem],
    month: Period,
    cache: LineCache | None = None,
) -> UnitPlan:
    """``cache``: lines already computed in the run (see ``LineCache``)."""
    cache = cache or LineCache(registry)
    bills: dict[Id, Bill] = {}
    held = []
    payers: dict = {}
    for charged_item in charged:
        try:
            ahead = charged_item.year_ahead
            for segment, context in _contexts(charged_item, facts, payers):
                _add(bills, cache, facts, (segment, context, ahead), month)
        except NoRateError as error:
            held.append(MissingReading(charged_item.item.code, str(error)))
        except _Missing as missing:
            held.append(missing.reading)
    if held:
        return UnitPlan(facts.unit, (), tuple(held))
    return UnitPlan(facts.unit, tuple(bills.values()))


class _Missing(Exception):
    def __init__(self, reading: MissingReading) -> None:
        self.reading = reading


def _contexts(charged: ChargedItem, facts: UnitFacts, payers: dict):
    """Metered consumption is not split by days: the payer on the period's
    last day pays what the meters measured."""
    item, period = charged.item, charged.period
    segments = _payer_segments(charged, facts, payers)
    covered = [s for s in segments if item.applies_to.covers(facts.unit, s.lease)]
    if not charged.metered:
        for segment in covered:
            context = ChargeContext.for_period(
                item, facts.unit, segment.period, lease=segment.lease
            )
            yield segment, context
        return
    closing = [s for s in covered if s.period.contains(period.last)]
    if closing:
        segment = attrs.evolve(closing[0], period=period)
        used = _consumption(charged, facts)
        context = ChargeContext.for_period(
            item, facts.unit, period, lease=segment.lease, consumption=used
        )
        yield segment, context


def _payer_segments(
    charged: ChargedItem, facts: UnitFacts, payers: dict
) -> list[PayerSegment]:
    """The unit's payer segments, kept in ``payers`` by period: without a
    tenant they do not depend on the item (only a lease names items its
    tenant pays)."""
    tenanted = any(o.role is Role.TENANT for o in facts.occupancies)
    key = (charged.period, charged.item.code if tenanted else None)
    if key not in payers:
        payers[key] = payer_segments(charged.item, facts.occupancies, charged.period)
    return payers[key]


def _consumption(charged: ChargedItem, facts: UnitFacts):
    """The unit's 公摊 part, or what its meters measured; a missing reading
    holds the unit back."""
    if charged.shared is not None:
        used = charged.shared.part(facts.unit.id)
    else:
        used = measured(charged.item, charged.period, facts.meters, facts.readings)
    if isinstance(used, MissingReading):
        raise _Missing(used)
    return used


def _add(
    bills: dict[Id, Bill],
    cache: LineCache,
    facts: UnitFacts,
    charged: tuple[PayerSegment, ChargeContext, bool],
    month: Period,
) -> None:
    segment, context, year_ahead = charged
    lines = cache.charge(context, vacant=facts.vacant, year_ahead=year_ahead)
    if not lines:
        return
    due = context.item.due_date(month)
    bill = bills.get(segment.person_id)
    if bill is None:
        bill = Bill(segment.person_id, segment.payer, facts.unit.id, month, due)
        bills[segment.person_id] = bill
    bill.due = min(bill.due, due)
    for line in lines:
        bill.add_line(line)
