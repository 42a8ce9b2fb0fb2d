"""Planner statistics kept fresh while bill runs write many rows.

PostgreSQL plans the check of each foreign key (a bill line's bill, a
settlement's entry) from the table's statistics, and keeps that plan for the
connection. Planned while the billing tables were empty, the check scans the
table for every row, and a first run over an estate slows down as it goes.
Autovacuum refreshes the statistics after a while, where it is on; this
refreshes them itself whenever the billing tables have grown by half since it
last did (or by a few thousand rows at first), so plans follow the data.
"""

import weakref

from sqlalchemy import Connection, Engine

TABLES = ("bills", "bill_lines", "ledger_entries", "ledger_settlements")
FIRST = 2_000

_written: "weakref.WeakKeyDictionary[Engine, list[int]]" = weakref.WeakKeyDictionary()


def wrote(connection: Connection, rows: int) -> None:
    """Count ``rows`` written; ANALYZE the billing tables when due."""
    if connection.dialect.name != "postgresql" or rows == 0:
        return
    since, base = _written.setdefault(connection.engine, [0, 0])
    since += rows
    if since < max(FIRST, base // 2):
        _written[connection.engine] = [since, base]
        return
    connection.exec_driver_sql("ANALYZE " + ", ".join(TABLES))
    _written[connection.engine] = [0, base + since]
