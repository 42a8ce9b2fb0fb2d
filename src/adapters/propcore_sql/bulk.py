"""Writing many new rows at once inside the connection's transaction.

PostgreSQL takes them through ``COPY … FROM STDIN``; SQLite through one
``executemany`` of a prepared statement. Both skip SQLAlchemy's per-row
statement building: each value is encoded once by its column's own type,
exactly as an ordinary insert would store it. Bill runs write most of their
rows this way (see docs/performance.md).
"""

import json
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import JSON, Connection, Date, DateTime, Numeric, Table, select
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.types import TypeDecorator

Row = dict[str, Any]


def insert_rows(db: Connection, table: Table, rows: Sequence[Row]) -> None:
    """Insert ``rows`` (all with the same keys) into ``table``."""
    if not rows:
        return
    columns = [table.c[name] for name in rows[0]]
    insert_encoded(db, table, list(rows[0]), _encoded(db, columns, rows))


def insert_encoded(
    db: Connection, table: Table, names: Sequence[str], values: list[tuple]
) -> None:
    """Insert rows of the columns ``names``, each already encoded (see
    :func:`encoder`)."""
    if not values:
        return
    listed = ", ".join(f'"{name}"' for name in names)
    if db.dialect.name == "postgresql":
        _copy(db, f"{table.name} ({listed})", values)
        return
    _executemany(db, table, listed, values)


def _executemany(
    db: Connection, table: Table, names: str, values: list[tuple], skip: bool = False
) -> int:
    """Returns how many rows went in."""
    marks = ", ".join("?" for _ in values[0])
    conflict = " ON CONFLICT DO NOTHING" if skip else ""
    result = db.exec_driver_sql(
        f"INSERT INTO {table.name} ({names}) VALUES ({marks}){conflict}", values
    )
    return result.rowcount


def insert_new(
    db: Connection, table: Table, rows: Sequence[Row], order: Sequence[str]
) -> set[Any]:
    """Insert the ``rows`` that break no unique constraint and return the
    ``id`` of each row inserted (each row comes with a new ``id``: what may
    be taken is another key, such as a bill's unit, payer and period). Rows
    go in ``order`` (column names), so two writers at once lock keys in the
    same order on PostgreSQL.

    PostgreSQL first tries one COPY under a savepoint; only when a row is
    there already (a writer at the same keys waits for the other's
    transaction to end first) are the rows staged in a temporary table and
    inserted from it, skipping the ones present."""
    if not rows:
        return set()
    rows = sorted(rows, key=lambda r: tuple(str(r[name]) for name in order))
    columns = [table.c[name] for name in rows[0]]
    names = ", ".join(f'"{c.name}"' for c in columns)
    values = _encoded(db, columns, rows)
    if db.dialect.name != "postgresql":
        ids = [row["id"] for row in rows]
        if _executemany(db, table, names, values, skip=True) == len(rows):
            return set(ids)
        return _present(db, table, ids)
    try:
        with db.begin_nested():
            _copy(db, f"{table.name} ({names})", values)
        return {row["id"] for row in rows}
    except IntegrityError:
        pass  # some are there already (a run before, or one running now)
    staged = f"staged_{table.name}"
    db.exec_driver_sql(
        f"CREATE TEMPORARY TABLE IF NOT EXISTS {staged} "
        f"(LIKE {table.name} INCLUDING DEFAULTS) ON COMMIT DELETE ROWS"
    )
    _copy(db, f"{staged} ({names})", values)
    inserted = db.exec_driver_sql(
        f"INSERT INTO {table.name} ({names}) SELECT {names} FROM {staged} "
        f"ORDER BY {', '.join(order)} ON CONFLICT DO NOTHING RETURNING id"
    )
    kept = {row[0] for row in inserted}
    db.exec_driver_sql(f"TRUNCATE {staged}")
    return kept


def _present(db: Connection, table: Table, ids: list[Any]) -> set[Any]:
    found: set[Any] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        found |= set(db.scalars(select(table.c.id).where(table.c.id.in_(chunk))))
    return found


def _encoded(db: Connection, columns, rows: Sequence[Row]) -> list[tuple]:
    encode = encoder(db, columns)
    names = [column.name for column in columns]
    return [encode([row[n] for n in names]) for row in rows]


def encoder(db: Connection, columns) -> Callable[[Sequence[Any]], tuple]:
    """Encodes a row of ``columns``' values as the columns' types store them;
    columns stored as given are passed through, and a dates', instants' or
    amounts' encoding is kept for values seen before (a run writes the same
    period, due date and totals many times)."""
    steps = [(n, step) for n, c in enumerate(columns) if (step := _processor(db, c))]
    if not steps:
        return tuple

    def encode(values: Sequence[Any]) -> tuple:
        row = list(values)
        for n, step in steps:
            row[n] = step(row[n])
        return tuple(row)

    return encode


_REPEATED = (Date, DateTime, Numeric)


def _processor(db: Connection, column) -> Callable[[Any], Any] | None:
    """The column type's own encoding (None: stored as given); JSON as text,
    which COPY reads as is."""
    if isinstance(column.type, JSON):
        return lambda v: None if v is None else json.dumps(v, ensure_ascii=False)
    step = column.type.bind_processor(db.dialect)
    kind = column.type
    if isinstance(kind, TypeDecorator):
        kind = kind.impl_instance
    if step is None or not isinstance(kind, _REPEATED):
        return step
    seen: dict[Any, Any] = {}

    def remembered(value: Any) -> Any:
        try:
            return seen[value]
        except KeyError:
            seen[value] = found = step(value)
            return found

    return remembered


def _copy(db: Connection, target: str, values: list[tuple]) -> None:
    """COPY through the driver; its errors come out as SQLAlchemy's, as an
    ordinary statement's would, so ``errors.translated`` reads them."""
    statement = f"COPY {target} FROM STDIN"
    driver = db.connection.driver_connection
    driver_error = db.dialect.dbapi.Error  # type: ignore[union-attr]
    try:
        with (
            driver.cursor() as cursor,  # type: ignore[union-attr]
            cursor.copy(statement) as copy,
        ):
            for row in values:
                copy.write_row(row)
    except driver_error as error:
        raise DBAPIError.instance(statement, None, error, driver_error) from None
