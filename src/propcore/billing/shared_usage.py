"""公摊: the charge of common-area meters split over the units an item covers.

A metered item charges shared consumption when ``options["shared_areas"]``
names common areas of its estate (comma separated, e.g. ``电梯,水泵房``).
Their meters of the item's kind are read like a unit's (:func:`measured`),
the consumption is priced with the item's rate or tiers and rounded once by
the item's rule: that is the common charge. The *money* is split, not the
quantity (splitting the quantity and pricing each part would put every unit
in the first tier). ``options["shared_by"]`` is ``area`` (the item's
``area_basis``, gross or usable) or ``equal``; the parts are multiples of
the rule's step and add up exactly to the common charge (largest remainder,
see ``shares.py``).

The split covers every unit of the estate the item applies to by usage,
building or unit, let or not: an item for one building shares that
building's meters. It is worked out once per run from the whole estate, so
units held back or billed in a later run keep the same part, as long as
the estate's units and the common readings have not changed since.
"""

import enum
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from propcore.billing.builtin_types import priced
from propcore.billing.fee_types import Consumption, SharedPart, as_decimal
from propcore.billing.fees import AreaBasis, FeeItem
from propcore.billing.lines import yuan
from propcore.billing.meters import Meter, Reading
from propcore.billing.periods import Period
from propcore.billing.rates import NoRateError
from propcore.billing.shares import split_money
from propcore.billing.usage import MissingReading, measured, meter_kind, reading_window
from propcore.ids import Id
from propcore.money import Money
from propcore.property.units import Unit
from propcore.uow import UnitOfWork

if TYPE_CHECKING:
    from propcore.billing.runs import ChargedItem

SHARED_AREAS = "shared_areas"
SHARED_BY = "shared_by"
METERED = "metered"


class SplitBasis(enum.StrEnum):
    AREA = "area"
    EQUAL = "equal"


def shared_areas(item: FeeItem) -> tuple[str, ...]:
    names = item.options.get(SHARED_AREAS, "").split(",")
    return tuple(name.strip() for name in names if name.strip())


def is_shared(item: FeeItem) -> bool:
    return item.fee_type == METERED and bool(shared_areas(item))


@attrs.frozen
class SharedSplit:
    """One item's common charge for a period, split over its units; or, when
    it cannot be worked out, why (which holds all of them back)."""

    item_code: str
    parts: Mapping[Id, SharedPart] = attrs.field(factory=dict)
    missing: MissingReading | None = None

    def part(self, unit_id: Id) -> SharedPart | MissingReading:
        if self.missing is not None:
            return self.missing
        found = self.parts.get(unit_id)
        if found is None:
            return MissingReading(self.item_code, "not in the 公摊 split of this run")
        return found


@attrs.frozen
class _Share:
    """The common charge and how it is shared: ``weights`` by unit id and
    how a weight reads (``88.50 m²``, ``1 户``)."""

    charge: Money
    terms: str
    used: Consumption
    meters: str
    weights: Mapping[Id, Decimal]
    unit: str

    def part(self, amount: Money, weight: Decimal, inputs: Mapping) -> SharedPart:
        whole = sum(self.weights.values(), Decimal(0))
        exact = Money(self.charge.amount * weight / whole, self.charge.currency)
        terms = f"{self.terms} = {yuan(self.charge)} × {weight} {self.unit}"
        terms += f" / {whole} {self.unit}"
        return SharedPart(
            amount, exact, terms, {**inputs, "basis": f"{weight} {self.unit}"}
        )


def split_shared(
    item: FeeItem,
    period: Period,
    meters: Sequence[Meter],
    readings: Mapping[Id, list[Reading]],
    units: Sequence[Unit],
) -> SharedSplit:
    """The split of ``item``'s common charge for ``period`` over ``units``
    (all the units of the estate: those the item covers are chosen here)."""
    areas = ", ".join(shared_areas(item))
    used = measured(item, period, meters, readings)
    if isinstance(used, MissingReading):
        return _held(item, f"公摊 {areas}: {used.reason}")
    try:
        terms, price = priced(item, period, used)
    except NoRateError as error:
        return _held(item, str(error))
    covered = [u for u in units if _placed(item, u)]
    weights = _weights(item, covered)
    if isinstance(weights, MissingReading):
        return SharedSplit(item.code, missing=weights)
    unit = "户" if _basis(item) is SplitBasis.EQUAL else "m²"
    charge = item.rounding.apply(Money(as_decimal(price)))
    names = ", ".join(str(m.id) for m in meters)
    share = _Share(charge, terms, used, names, weights, unit)
    return SharedSplit(item.code, _parts(item, areas, share))


def _held(item: FeeItem, reason: str) -> SharedSplit:
    return SharedSplit(item.code, missing=MissingReading(item.code, reason))


def _basis(item: FeeItem) -> SplitBasis:
    return SplitBasis(item.options.get(SHARED_BY, SplitBasis.AREA.value))


def _placed(item: FeeItem, unit: Unit) -> bool:
    """Covered by where the unit is, whoever lives there: ``leases_only``
    decides who gets a line, not who shares."""
    return attrs.evolve(item.applies_to, leases_only=False).covers(unit, None)


def _weights(
    item: FeeItem, units: Sequence[Unit]
) -> dict[Id, Decimal] | MissingReading:
    if _basis(item) is SplitBasis.EQUAL:
        return {unit.id: Decimal(1) for unit in units}
    if item.area_basis is AreaBasis.GROSS:
        return {unit.id: unit.gross_area.square_metres for unit in units}
    usable = {unit.id: unit.usable_area for unit in units}
    lacking = [unit.label for unit in units if unit.usable_area is None]
    if lacking:
        reason = "公摊 by usable area: no usable area for " + ", ".join(lacking)
        return MissingReading(item.code, reason)
    return {key: area.square_metres for key, area in usable.items() if area}


def _parts(item: FeeItem, areas: str, share: _Share) -> dict[Id, SharedPart]:
    if not share.weights:
        return {}
    whole = sum(share.weights.values(), Decimal(0))
    inputs = {
        "common areas": areas,
        "common meters": share.meters,
        "common readings": share.used.readings,
        "common consumption": f"{share.used.used} {share.used.unit}",
        "common charge": yuan(share.charge),
        "total basis": f"{whole} {share.unit} ({len(share.weights)} units)",
        "split": f"largest remainder to ¥{item.rounding.step}",
    }
    amounts = split_money(share.charge, share.weights, item.rounding.step)
    return {
        unit_id: share.part(amount, share.weights[unit_id], inputs)
        for unit_id, amount in amounts.items()
    }


def with_shared(uow: UnitOfWork, charged: list["ChargedItem"]) -> list["ChargedItem"]:
    """The charged items (all of one estate), each shared one with its split
    worked out from the whole estate: its units, common meters and their
    readings as they are now. Other items come back as they were."""
    shared = [c for c in charged if is_shared(c.item)]
    if not shared:
        return charged
    estate_id = shared[0].item.estate_id
    if estate_id is None:
        raise ValueError("a shared fee item names its estate")
    units = _estate_units(uow, estate_id)
    return [
        attrs.evolve(c, shared=_split(uow, estate_id, c, units)) if c in shared else c
        for c in charged
    ]


def _estate_units(uow: UnitOfWork, estate_id: Id) -> list[Unit]:
    buildings = uow.buildings.for_estate(estate_id)
    return [unit for b in buildings for unit in uow.units.for_building(b.id)]


def _split(
    uow: UnitOfWork, estate_id: Id, charged: "ChargedItem", units: list[Unit]
) -> SharedSplit:
    item, period = charged.item, charged.period
    found = uow.meters.on_common_areas(estate_id, shared_areas(item))
    meters = [m for m in found if m.kind is meter_kind(item)]
    window = reading_window(item, period)
    readings = uow.readings.window([m.id for m in meters], window) if meters else {}
    return split_shared(item, period, meters, readings, units)
