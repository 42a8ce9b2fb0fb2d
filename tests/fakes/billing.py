"""Fee items, rates, meters and readings, in memory."""

from decimal import Decimal

import attrs

from propcore.billing.fees import NO_RATES
from propcore.billing.rates import RateSchedule
from propcore.errors import ConflictError, NotFoundError, StorageError
from tests.fakes.base import _Table

RATE_STEP = Decimal("0.0001")


class FakeFeeItemRepository(_Table):
    """Keeps items without rates; :class:`FakeRateRepository` holds those."""

    def __init__(self, store, kind, rates) -> None:
        super().__init__(store, kind)
        self._rates = rates

    def add(self, item) -> None:
        self._refuse_name_taken(item)
        super().add(attrs.evolve(item, rates=NO_RATES))
        for version in item.rates.versions:
            self._rates.add(item.id, version)

    def update(self, item) -> None:
        self.get(item.id)
        self._refuse_name_taken(item)
        super().update(attrs.evolve(item, rates=NO_RATES))

    def get(self, item_id):
        item = super().get(item_id)
        return attrs.evolve(item, rates=self._rates.schedule(item_id))

    def for_estate(self, estate_id):
        mine = self._all(lambda i: i.estate_id == estate_id)
        return [self.get(i.id) for i in sorted(mine, key=lambda i: i.name)]

    def _refuse_name_taken(self, item) -> None:
        if self._all(
            lambda i: (
                i.id != item.id and (i.estate_id, i.name) == (item.estate_id, item.name)
            )
        ):
            raise ConflictError(
                "name", "a fee item with this name exists in the estate"
            )


class FakeRateRepository:
    def __init__(self, store: dict) -> None:
        self._versions: dict = store.setdefault("rate versions", {})
        self.items: FakeFeeItemRepository

    def add(self, fee_item_id, version) -> None:
        if fee_item_id not in self.items._rows:
            raise NotFoundError("fee item", fee_item_id)
        key = (fee_item_id, version.valid_from)
        if key in self._versions:
            raise ConflictError("valid_from", "a rate valid from this day exists")
        rate = attrs.evolve(
            version.rate, amount=version.rate.amount.quantize(RATE_STEP)
        )
        self._versions[key] = attrs.evolve(version, rate=rate)

    def schedule(self, fee_item_id):
        return RateSchedule(
            v for (item_id, _), v in self._versions.items() if item_id == fee_item_id
        )


def _on_meter_step(meter, value):
    return None if value is None else value.quantize(meter.step)


class FakeMeterRepository(_Table):
    def add(self, meter) -> None:
        if meter.estate_id is None:
            raise ValueError("a stored meter names its estate")
        rollover = _on_meter_step(meter, meter.rollover_at)
        super().add(attrs.evolve(meter, rollover_at=rollover))

    def update(self, meter) -> None:
        stored = self.get(meter.id)
        rollover = _on_meter_step(meter, meter.rollover_at)
        place = {"estate_id": stored.estate_id, "unit_id": stored.unit_id}
        super().update(attrs.evolve(meter, rollover_at=rollover, **place))

    def for_unit(self, unit_id):
        return _by_kind(self._all(lambda m: m.unit_id == unit_id))

    def for_estate(self, estate_id):
        return _by_kind(self._all(lambda m: m.estate_id == estate_id))

    def for_units(self, unit_ids):
        wanted = set(unit_ids)
        return _by_kind(self._all(lambda m: m.unit_id in wanted))

    def for_common_areas(self, estate_id):
        return _by_kind(
            self._all(lambda m: m.estate_id == estate_id and m.unit_id is None)
        )

    def on_common_areas(self, estate_id, areas):
        wanted = set(areas)
        return _by_kind(
            self._all(lambda m: m.estate_id == estate_id and m.common_area in wanted)
        )


def _by_kind(meters):
    return sorted(meters, key=lambda m: (m.kind.value, m.id))


class FakeReadingRepository:
    def __init__(self, store: dict, meters: FakeMeterRepository) -> None:
        self._readings: dict = store.setdefault("meter readings", {})
        self._meters = meters

    def add(self, reading) -> None:
        meter = self._meters.get(reading.meter_id)
        key = (reading.meter_id, reading.read_on)
        if key in self._readings:
            raise ConflictError("read_on", "the meter has a reading on this day")
        self._readings[key] = attrs.evolve(
            reading,
            value=_on_meter_step(meter, reading.value),
            start_value=_on_meter_step(meter, reading.start_value),
        )

    def replace(self, reading) -> None:
        key = (reading.meter_id, reading.read_on)
        if key not in self._readings:
            raise NotFoundError("reading", reading.meter_id)
        meter = self._meters.get(reading.meter_id)
        self._readings[key] = attrs.evolve(
            reading,
            value=_on_meter_step(meter, reading.value),
            start_value=_on_meter_step(meter, reading.start_value),
        )

    def history(self, meter_id):
        return self._where(lambda r: r.meter_id == meter_id)

    def latest(self, meter_id):
        history = self.history(meter_id)
        return history[-1] if history else None

    def for_period(self, meter_ids, period):
        wanted = set(meter_ids)
        return self._where(
            lambda r: r.meter_id in wanted and period.contains(r.read_on)
        )

    def window(self, meter_ids, period):
        found = {}
        for meter_id in meter_ids:
            history = self.history(meter_id)
            before = [r for r in history if r.read_on < period.first][-1:]
            inside = [r for r in history if period.contains(r.read_on)]
            if before or inside:
                found[meter_id] = before + inside
        return found

    def _where(self, accept):
        found = [r for r in self._readings.values() if accept(r)]
        return sorted(found, key=lambda r: (r.meter_id, r.read_on))


class FakeRunDayRepository:
    """Reads the units, buildings and bills of the same store."""

    def __init__(self, store: dict) -> None:
        self._days: dict = store.setdefault("billing schedules", {})
        self._store = store

    def days(self):
        return dict(self._days)

    def set_day(self, estate_id, day) -> None:
        if day is not None and not 1 <= day <= 28:
            raise StorageError("integrity: ck_billing_schedules_run_day")
        if day is None:
            self._days.pop(estate_id, None)
        else:
            self._days[estate_id] = day

    def unbilled(self, period):
        buildings = self._store.get("building", {})
        billed = {
            b.bill.unit_id
            for b in self._store.get("bills", {}).values()
            if b.bill.period.first == period.first
        }
        return {
            buildings[unit.building_id].estate_id
            for unit in self._store.get("unit", {}).values()
            if unit.id not in billed
        }
