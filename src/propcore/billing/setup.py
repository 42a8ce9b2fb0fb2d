"""Setting up billing: fee items, their rates, meters and meter readings.

Each use case is one transaction. Bad input raises InvalidInputError naming
its fields, and nothing is written.
"""

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

import attrs

from propcore.billing.fee_input import read_fee_item, read_rate_version
from propcore.billing.fee_types import FeeTypeRegistry
from propcore.billing.fees import AppliesTo, FeeItem
from propcore.billing.meter_input import (
    read_meter,
    read_meter_changes,
    read_reading,
    read_retirement,
)
from propcore.billing.meters import (
    Meter,
    Reading,
    UnusualConsumption,
    UsualConsumptionRule,
    edit,
    latest_unusual,
    retire,
    take_reading,
)
from propcore.billing.periods import Period
from propcore.billing.rates import RateSchedule
from propcore.clock import Clock
from propcore.errors import FieldProblem, InvalidInputError, NotFoundError
from propcore.ids import Id
from propcore.property.tree import NodeKind
from propcore.uow import UnitOfWork, UnitOfWorkFactory


@attrs.frozen
class MeterState:
    """A meter and its newest reading up to today; None before the first."""

    meter: Meter
    latest: Reading | None


@attrs.frozen
class FeeSetupService:
    uow: UnitOfWorkFactory
    clock: Clock
    fee_types: FeeTypeRegistry
    usual: UsualConsumptionRule = attrs.field(factory=UsualConsumptionRule)

    def create_fee_item(self, estate_id: Id, raw: Mapping[str, Any]) -> FeeItem:
        """A fee item of the estate with the rate version the input gives, if
        any; a name the estate already uses raises ConflictError on ``name``.
        Its fee type must be registered and reads its own options; the
        buildings and units it names must be the estate's."""
        item = attrs.evolve(read_fee_item(raw, self.fee_types), estate_id=estate_id)
        with self.uow() as uow:
            _require_estate(uow, estate_id)
            _require_targets_in(uow, item.applies_to, estate_id)
            uow.fee_items.add(item)
            uow.commit()
        return item

    def add_rate(self, fee_item_id: Id, raw: Mapping[str, Any]) -> RateSchedule:
        """Add a version from ``rate_from`` on; a version from that day exists
        already raises ConflictError on ``valid_from``. Bills already issued
        for days from then on are marked to be corrected by the next run.
        Returns the schedule."""
        version = read_rate_version(raw)
        with self.uow() as uow:
            uow.rates.add(fee_item_id, version)
            item = uow.fee_items.get(fee_item_id)
            touched = uow.bills.touched_since(
                item.estate_id, version.valid_from, item_code=item.code
            )
            uow.bills.mark_recheck(touched, self.clock.now())
            schedule = uow.rates.schedule(fee_item_id)
            uow.commit()
        return schedule

    def fee_items(self, estate_id: Id) -> list[FeeItem]:
        """The estate's items with their rate schedules, ordered by name."""
        with self.uow() as uow:
            return uow.fee_items.for_estate(estate_id)

    def register_meter(self, estate_id: Id, raw: Mapping[str, Any]) -> Meter:
        """A meter on a unit of the estate or on one of its common areas."""
        meter = read_meter(raw, estate_id)
        with self.uow() as uow:
            _require_estate(uow, estate_id)
            if meter.unit_id is not None:
                _require_unit_in(uow, meter.unit_id, estate_id)
            uow.meters.add(meter)
            uow.commit()
        return meter

    def edit_meter(self, meter_id: Id, raw: Mapping[str, Any]) -> Meter:
        """New settings for a meter (``read_meter_changes``): its rollover
        value, a common area's name; its kind and places only while it has
        no reading. A renamed common area counts in the 公摊 items naming
        the new name from the next run on."""
        with self.uow() as uow:
            meter = uow.meters.get(meter_id)
            changes = read_meter_changes(raw, meter)
            edited = edit(meter, changes, uow.readings.history(meter_id))
            uow.meters.update(edited)
            uow.commit()
        return edited

    def retire_meter(self, meter_id: Id, raw: Mapping[str, Any]) -> Meter:
        """拆除/停用 from ``retired_on``, the meter's last day in service: not
        in the future, not before its latest reading, once only."""
        day = read_retirement(raw)
        self._refuse_future(day, "retired_on")
        with self.uow() as uow:
            meter = uow.meters.get(meter_id)
            retired = retire(meter, day, uow.readings.latest(meter_id))
            uow.meters.update(retired)
            uow.commit()
        return retired

    def record_reading(self, meter_id: Id, raw: Mapping[str, Any]) -> Reading:
        """A reading after the meter's latest one, not dated in the future,
        and not below the latest unless it is a replacement or a rollover."""
        with self.uow() as uow:
            meter = uow.meters.get(meter_id)
            typed = read_reading(raw, meter)
            self._refuse_future(typed.read_on)
            reading = take_reading(
                meter,
                typed.value,
                typed.read_on,
                uow.readings.latest(meter_id),
                flags=typed.flags,
                start_value=typed.start_value,
            )
            uow.readings.add(reading)
            uow.commit()
        return reading

    def correct_reading(self, meter_id: Id, raw: Mapping[str, Any]) -> Reading:
        """Replace the value of the meter's reading on ``read_on``; it must
        still lie between the readings before and after it. The unit's bills
        from that day on are marked to be corrected by the next run."""
        with self.uow() as uow:
            meter = uow.meters.get(meter_id)
            typed = read_reading(raw, meter)
            history = uow.readings.history(meter_id)
            if not any(r.read_on == typed.read_on for r in history):
                raise InvalidInputError.single(
                    "read_on", "the meter has no reading on this day"
                )
            before = [r for r in history if r.read_on < typed.read_on]
            after = [r for r in history if r.read_on > typed.read_on]
            reading = take_reading(meter, typed.value, typed.read_on,
                                   before[-1] if before else None, flags=typed.flags,
                                   start_value=typed.start_value)  # fmt: skip
            if after and not after[0].flags and after[0].value < reading.value:
                raise InvalidInputError.single("value", "is above the next reading")
            uow.readings.replace(reading)
            if meter.unit_id is not None:
                touched = uow.bills.touched_since(
                    meter.estate_id, typed.read_on, unit_id=meter.unit_id
                )
                uow.bills.mark_recheck(touched, self.clock.now())
            uow.commit()
        return reading

    def meters(
        self,
        *,
        estate_id: Id | None = None,
        unit_id: Id | None = None,
        building_id: Id | None = None,
        common_of: Id | None = None,
    ) -> list[MeterState]:
        """The meters of an estate (on units and common areas), of one unit,
        of one building's units, or of an estate's common areas
        (``common_of``), by kind, each with its newest reading."""
        with self.uow() as uow:
            if unit_id is not None:
                found = uow.meters.for_unit(unit_id)
            elif building_id is not None:
                units = uow.units.for_building(building_id)
                found = uow.meters.for_units([u.id for u in units]) if units else []
            elif common_of is not None:
                found = uow.meters.for_common_areas(common_of)
            else:
                found = uow.meters.for_estate(estate_id)
            tomorrow = self.clock.today() + timedelta(days=1)
            # the last reading before tomorrow: readings are never dated ahead
            newest = uow.readings.window(
                (m.id for m in found), Period(tomorrow, tomorrow)
            )
        return [MeterState(m, (newest.get(m.id) or [None])[-1]) for m in found]

    def meter(self, meter_id: Id) -> tuple[Meter, list[Reading]]:
        """The meter and its readings, oldest first."""
        with self.uow() as uow:
            return uow.meters.get(meter_id), uow.readings.history(meter_id)

    def unusual(self, meter_id: Id) -> UnusualConsumption | None:
        """Is the consumption up to the meter's newest reading far above its
        usual (``latest_unusual``)? The bill run's preview judges it again by
        billed period."""
        meter, history = self.meter(meter_id)
        return latest_unusual(meter, history, self.usual)

    def _refuse_future(self, day: date, field: str = "read_on") -> None:
        if day > self.clock.today():
            raise InvalidInputError.single(field, "must not be in the future")


def _require_estate(uow: UnitOfWork, estate_id: Id) -> None:
    if uow.orgs.get(estate_id).kind is not NodeKind.ESTATE:
        raise InvalidInputError.single("estate_id", "is not an estate")


def _require_unit_in(uow: UnitOfWork, unit_id: Id, estate_id: Id) -> None:
    if not _unit_in(uow, unit_id, {b.id for b in uow.buildings.for_estate(estate_id)}):
        raise InvalidInputError.single("unit_id", "is not a unit of this estate")


def _unit_in(uow: UnitOfWork, unit_id: Id, building_ids: set[Id]) -> bool:
    try:
        return uow.units.get(unit_id).building_id in building_ids
    except NotFoundError:
        return False


def _require_targets_in(uow: UnitOfWork, applies: AppliesTo, estate_id: Id) -> None:
    """Every building and unit an item names is the estate's."""
    buildings = {b.id for b in uow.buildings.for_estate(estate_id)}
    problems = []
    if not applies.building_ids <= buildings:
        problems.append(FieldProblem("building_ids", "must be buildings of the estate"))
    if not all(_unit_in(uow, u, buildings) for u in applies.unit_ids):
        problems.append(FieldProblem("unit_ids", "must be units of the estate"))
    if problems:
        raise InvalidInputError(problems)
