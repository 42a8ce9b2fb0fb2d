"""SQL repositories for meters and their readings.

Readings and rollover values are stored with four places and come back with
the meter's own ``places``.
"""

from collections.abc import Iterable
from decimal import Decimal

from sqlalchemy import Connection, func, insert, or_, select, tuple_, update

from propcore.billing.meters import Meter, MeterKind, Reading, ReadingFlag
from propcore.billing.periods import Period
from propcore.errors import NotFoundError
from propcore.ids import Id
from propcore_sql.errors import translated
from propcore_sql.tables import meter_readings, meters


class SqlMeterRepository:
    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def add(self, meter: Meter) -> None:
        if meter.estate_id is None:
            raise ValueError("a stored meter names its estate")
        with translated():
            self._db.execute(insert(meters).values(_meter_row(meter)))

    def get(self, meter_id: Id) -> Meter:
        row = self._db.execute(select(meters).where(meters.c.id == meter_id)).first()
        if row is None:
            raise NotFoundError("meter", meter_id)
        return _meter(row)

    def for_unit(self, unit_id: Id) -> list[Meter]:
        return self._where(meters.c.unit_id == unit_id)

    def for_estate(self, estate_id: Id) -> list[Meter]:
        return self._where(meters.c.estate_id == estate_id)

    def for_units(self, unit_ids: Iterable[Id]) -> list[Meter]:
        return self._where(meters.c.unit_id.in_(list(unit_ids)))

    def on_common_areas(self, estate_id: Id, areas: Iterable[str]) -> list[Meter]:
        return self._where(
            meters.c.estate_id == estate_id, meters.c.common_area.in_(list(areas))
        )

    def _where(self, *conditions) -> list[Meter]:
        query = select(meters).where(*conditions).order_by(meters.c.kind, meters.c.id)
        return [_meter(row) for row in self._db.execute(query)]


class SqlReadingRepository:
    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def add(self, reading: Reading) -> None:
        SqlMeterRepository(self._db).get(reading.meter_id)
        row = {
            "meter_id": reading.meter_id,
            "read_on": reading.read_on,
            "value": reading.value,
            "flags": sorted(flag.value for flag in reading.flags),
            "start_value": reading.start_value,
        }
        with translated():
            self._db.execute(insert(meter_readings).values(row))

    def replace(self, reading: Reading) -> None:
        column = meter_readings.c
        changed = self._db.execute(
            update(meter_readings)
            .where(column.meter_id == reading.meter_id)
            .where(column.read_on == reading.read_on)
            .values(
                value=reading.value,
                flags=sorted(flag.value for flag in reading.flags),
                start_value=reading.start_value,
            )
        )
        if changed.rowcount != 1:
            raise NotFoundError("reading", reading.meter_id)

    def history(self, meter_id: Id) -> list[Reading]:
        return self._where(meter_readings.c.meter_id == meter_id)

    def latest(self, meter_id: Id) -> Reading | None:
        history = self._where(meter_readings.c.meter_id == meter_id, newest=True)
        return history[0] if history else None

    def for_period(self, meter_ids: Iterable[Id], period: Period) -> list[Reading]:
        ids = list(meter_ids)
        if not ids:
            return []
        return self._where(
            meter_readings.c.meter_id.in_(ids),
            meter_readings.c.read_on.between(period.first, period.last),
        )

    def window(
        self, meter_ids: Iterable[Id], period: Period
    ) -> dict[Id, list[Reading]]:
        ids = list(meter_ids)
        if not ids:
            return {}
        column = meter_readings.c
        opening = (
            select(column.meter_id, func.max(column.read_on).label("read_on"))
            .where(column.meter_id.in_(ids), column.read_on < period.first)
            .group_by(column.meter_id)
            .subquery()
        )
        openings = select(opening.c.meter_id, opening.c.read_on)
        found: dict[Id, list[Reading]] = {}
        for reading in self._where(
            column.meter_id.in_(ids),
            or_(
                column.read_on.between(period.first, period.last),
                tuple_(column.meter_id, column.read_on).in_(openings),
            ),
        ):
            found.setdefault(reading.meter_id, []).append(reading)
        return found

    def _where(self, *conditions, newest: bool = False) -> list[Reading]:
        read_on = meter_readings.c.read_on
        query = (
            select(meter_readings, meters.c.places)
            .join(meters)
            .where(*conditions)
            .order_by(meter_readings.c.meter_id, read_on.desc() if newest else read_on)
        )
        if newest:
            query = query.limit(1)
        return [_reading(row) for row in self._db.execute(query)]


def _on_step(value: Decimal | None, places: int) -> Decimal | None:
    return None if value is None else value.quantize(Decimal(1).scaleb(-places))


def _meter_row(meter: Meter) -> dict:
    return {
        "id": meter.id,
        "estate_id": meter.estate_id,
        "unit_id": meter.unit_id,
        "common_area": meter.common_area,
        "kind": meter.kind.value,
        "places": meter.places,
        "rollover_at": meter.rollover_at,
    }


def _meter(row) -> Meter:
    return Meter(
        row.id,
        MeterKind(row.kind),
        row.places,
        unit_id=row.unit_id,
        common_area=row.common_area,
        rollover_at=_on_step(row.rollover_at, row.places),
        estate_id=row.estate_id,
    )


def _reading(row) -> Reading:
    return Reading(
        row.meter_id,
        _on_step(row.value, row.places),  # type: ignore[arg-type]
        row.read_on,
        frozenset(ReadingFlag(flag) for flag in row.flags),
        _on_step(row.start_value, row.places),
    )
