"""SQL repositories for meters and their readings.

Readings and rollover values are stored with four places and come back with
the meter's own ``places``.
"""

from collections.abc import Iterable
from decimal import Decimal

from sqlalchemy import (
    Connection,
    Date,
    bindparam,
    func,
    insert,
    or_,
    select,
    text,
    tuple_,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY

from propcore.billing.meters import Meter, MeterKind, Reading, ReadingFlag
from propcore.billing.periods import Period
from propcore.billing.ports import MAX_METER_PLACES
from propcore.errors import NotFoundError
from propcore.ids import Id
from propcore_sql.errors import translated
from propcore_sql.selecting import among
from propcore_sql.tables import meter_readings, meters


class SqlMeterRepository:
    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def add(self, meter: Meter) -> None:
        if meter.estate_id is None:
            raise ValueError("a stored meter names its estate")
        with translated():
            self._db.execute(insert(meters).values(_meter_row(meter)))

    def update(self, meter: Meter) -> None:
        row = _meter_row(meter)
        for fixed in ("id", "estate_id", "unit_id"):
            del row[fixed]
        changed = self._db.execute(
            update(meters).where(meters.c.id == meter.id).values(row)
        )
        if changed.rowcount != 1:
            raise NotFoundError("meter", meter.id)

    def get(self, meter_id: Id) -> Meter:
        query = select(*_METER_COLUMNS).where(meters.c.id == meter_id)
        row = self._db.execute(query).first()
        if row is None:
            raise NotFoundError("meter", meter_id)
        return _meter(*row)

    def for_unit(self, unit_id: Id) -> list[Meter]:
        return self._where(meters.c.unit_id == unit_id)

    def for_estate(self, estate_id: Id) -> list[Meter]:
        return self._where(meters.c.estate_id == estate_id)

    def for_units(self, unit_ids: Iterable[Id]) -> list[Meter]:
        return self._where(among(self._db, meters.c.unit_id, unit_ids))

    def for_common_areas(self, estate_id: Id) -> list[Meter]:
        return self._where(meters.c.estate_id == estate_id, meters.c.unit_id.is_(None))

    def on_common_areas(self, estate_id: Id, areas: Iterable[str]) -> list[Meter]:
        return self._where(
            meters.c.estate_id == estate_id, meters.c.common_area.in_(list(areas))
        )

    def _where(self, *conditions) -> list[Meter]:
        query = (
            select(*_METER_COLUMNS)
            .where(*conditions)
            .order_by(meters.c.kind, meters.c.id)
        )
        return [_meter(*row) for row in self._db.execute(query)]


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
        if self._db.dialect.name == "postgresql":
            return self._window_by_meter(ids, period)
        column = meter_readings.c
        opening = (
            select(column.meter_id, func.max(column.read_on).label("read_on"))
            .where(among(self._db, column.meter_id, ids), column.read_on < period.first)
            .group_by(column.meter_id)
            .subquery()
        )
        openings = select(opening.c.meter_id, opening.c.read_on)
        found: dict[Id, list[Reading]] = {}
        for reading in self._where(
            among(self._db, column.meter_id, ids),
            or_(
                column.read_on.between(period.first, period.last),
                tuple_(column.meter_id, column.read_on).in_(openings),
            ),
        ):
            found.setdefault(reading.meter_id, []).append(reading)
        return found

    def _window_by_meter(
        self, ids: list[Id], period: Period
    ) -> dict[Id, list[Reading]]:
        """PostgreSQL looks the meters up one by one in the readings' index
        (the opening reading is the newest before the period): asked for a
        batch's ids at once, it would rather scan the whole table, for every
        batch of a run."""
        found: dict[Id, list[Reading]] = {}
        rows = self._db.execute(_BY_METER, {
            "ids": ids, "first": period.first, "last": period.last
        })  # fmt: skip
        for reading in (_reading(*row) for row in rows):
            found.setdefault(reading.meter_id, []).append(reading)
        return found

    def _where(self, *conditions, newest: bool = False) -> list[Reading]:
        read_on = meter_readings.c.read_on
        query = (
            select(*_READING_COLUMNS)
            .join(meters)
            .where(*conditions)
            .order_by(meter_readings.c.meter_id, read_on.desc() if newest else read_on)
        )
        if newest:
            query = query.limit(1)
        return [_reading(*row) for row in self._db.execute(query)]


_READ = "meter_id, value, read_on, flags, start_value"
_BY_METER = (
    text(f"""
    SELECT r.{_READ.replace(", ", ", r.")}, m.places
    FROM unnest(CAST(:ids AS uuid[])) AS given(id)
    JOIN LATERAL (
        (SELECT {_READ} FROM meter_readings
         WHERE meter_id = given.id AND read_on < :first
         ORDER BY read_on DESC LIMIT 1)
        UNION ALL
        (SELECT {_READ} FROM meter_readings
         WHERE meter_id = given.id AND read_on BETWEEN :first AND :last)
    ) AS r ON true
    JOIN LATERAL (SELECT places FROM meters WHERE id = given.id) AS m ON true
    ORDER BY r.meter_id, r.read_on
    """)
    .bindparams(
        bindparam("ids", type_=ARRAY(meters.c.id.type)),
        bindparam("first", type_=Date()),
        bindparam("last", type_=Date()),
    )
    .columns(*(meter_readings.c[n] for n in _READ.split(", ")), meters.c.places)
)

_STEPS = {p: Decimal(1).scaleb(-p) for p in range(MAX_METER_PLACES + 1)}
_NO_FLAGS: frozenset[ReadingFlag] = frozenset()


def _on_step(value: Decimal | None, places: int) -> Decimal | None:
    return None if value is None else value.quantize(_STEPS[places])


def _meter_row(meter: Meter) -> dict:
    return {
        "id": meter.id,
        "estate_id": meter.estate_id,
        "unit_id": meter.unit_id,
        "common_area": meter.common_area,
        "kind": meter.kind.value,
        "places": meter.places,
        "rollover_at": meter.rollover_at,
        "retired_on": meter.retired_on,
    }


_METER_COLUMNS = (
    meters.c.id, meters.c.kind, meters.c.places, meters.c.unit_id,
    meters.c.common_area, meters.c.rollover_at, meters.c.estate_id,
    meters.c.retired_on,
)  # fmt: skip


def _meter(
    meter_id, kind, places, unit_id, common_area, rollover_at, estate_id, retired_on
):
    """A meter from the columns of ``_METER_COLUMNS``, in order."""
    return Meter(
        meter_id,
        MeterKind(kind),
        places,
        unit_id=unit_id,
        common_area=common_area,
        rollover_at=_on_step(rollover_at, places),
        estate_id=estate_id,
        retired_on=retired_on,
    )


_READING_COLUMNS = (
    meter_readings.c.meter_id, meter_readings.c.value, meter_readings.c.read_on,
    meter_readings.c.flags, meter_readings.c.start_value, meters.c.places,
)  # fmt: skip


def _reading(meter_id, value, read_on, flags, start_value, places) -> Reading:
    """A reading from the columns of ``_READING_COLUMNS``, in order (a bill
    run reads a few for every meter of the estate)."""
    return Reading(
        meter_id,
        value.quantize(_STEPS[places]),
        read_on,
        frozenset(ReadingFlag(flag) for flag in flags) if flags else _NO_FLAGS,
        _on_step(start_value, places),
    )
