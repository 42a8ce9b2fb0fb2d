"""The floor to compare the core with: the same rows written through the
database's fastest bulk path, bypassing the core and SQLAlchemy.

PostgreSQL gets ``COPY … FROM STDIN`` through psycopg; SQLite one
``executemany`` per table. Values are encoded as the SQL adapter stores them
before the clock starts, so only the write is timed.
"""

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import Engine, Table

from propbench.data import BulkRows
from propcore_sql.tables import buildings, unit_status_changes, units

Prepared = list[tuple[Table, list[tuple]]]


def prepare(engine: Engine, rows: BulkRows) -> Prepared:
    encode = _sqlite_value if engine.dialect.name == "sqlite" else _same
    batches = zip(
        (buildings, units, unit_status_changes),
        (rows.buildings, rows.units, rows.changes),
        strict=True,
    )
    return [(table, _encoded(table, batch, encode)) for table, batch in batches]


def write(engine: Engine, prepared: Prepared) -> None:
    """Write every batch in one transaction and commit."""
    raw = engine.raw_connection()
    try:
        driver = raw.driver_connection
        writer = _executemany if engine.dialect.name == "sqlite" else _copy
        for table, values in prepared:
            writer(driver, table, values)
        driver.commit()
    finally:
        raw.close()


def _encoded(table: Table, batch: list[dict], encode: Callable) -> list[tuple]:
    names = [c.name for c in table.c]
    return [tuple(encode(table.c[n], row[n]) for n in names) for row in batch]


def _same(_column, value: object) -> object:
    return value


def _sqlite_value(column, value: object) -> object:
    """As the SQL adapter's column types store it on SQLite."""
    if isinstance(value, uuid.UUID):
        return value.hex
    if isinstance(value, Decimal):
        return int(value.scaleb(column.type.places).to_integral_exact())
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    return value


def _executemany(driver, table: Table, values: list[tuple]) -> None:
    names = ", ".join(f'"{c.name}"' for c in table.c)
    marks = ", ".join("?" for _ in table.c)
    cursor = driver.cursor()
    cursor.executemany(f"INSERT INTO {table.name} ({names}) VALUES ({marks})", values)
    cursor.close()


def _copy(driver, table: Table, values: list[tuple]) -> None:
    names = ", ".join(f'"{c.name}"' for c in table.c)
    with (
        driver.cursor() as cursor,
        cursor.copy(f"COPY {table.name} ({names}) FROM STDIN") as copy,
    ):
        for row in values:
            copy.write_row(row)
