"""The estates' own bill-run days, and which estates still have units to bill."""

from sqlalchemy import Connection, delete, exists, select
from sqlalchemy.dialects import postgresql, sqlite

from propcore.billing.periods import Period
from propcore.ids import Id
from propcore_sql.errors import translated
from propcore_sql.tables import billing_schedules as schedules
from propcore_sql.tables import bills, buildings, units

_INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


class SqlRunDayRepository:
    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def days(self) -> dict[Id, int]:
        rows = self._db.execute(select(schedules.c.estate_id, schedules.c.run_day))
        return {row.estate_id: row.run_day for row in rows}

    def set_day(self, estate_id: Id, day: int | None) -> None:
        if day is None:
            statement = delete(schedules).where(schedules.c.estate_id == estate_id)
        else:
            statement = (
                _INSERTS[self._db.dialect.name](schedules)
                .values(estate_id=estate_id, run_day=day)
                .on_conflict_do_update(
                    index_elements=["estate_id"], set_={"run_day": day}
                )
            )
        with translated():
            self._db.execute(statement)

    def unbilled(self, period: Period) -> set[Id]:
        billed = exists().where(
            bills.c.unit_id == units.c.id, bills.c.period_first == period.first
        )
        query = (
            select(buildings.c.estate_id)
            .distinct()
            .join(units, units.c.building_id == buildings.c.id)
            .where(~billed)
        )
        return set(self._db.scalars(query))
