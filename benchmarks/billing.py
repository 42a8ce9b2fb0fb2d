"""A monthly bill run (出账) of a large estate against the database's bulk path.

Run with ``make bench`` or ``.venv/bin/python benchmarks/billing.py --units N``.
Each database gets a fresh store: an estate of 10,000 units and one of N
(default 100,000), four fee items each. Printed, per database: the run's
time; the time to write the same rows (bills, lines, ledger entries) through
COPY (PostgreSQL) or executemany (SQLite) and the ratio; the process's peak
memory during the 10,000- and the N-unit runs; and the repeated run's time
and the rows it wrote; and how the run's time divides between reading,
writing, commits and the rest. What the figures mean is in ``docs/performance.md``.
"""

import argparse
import ctypes
import gc
import json
import time
from pathlib import Path

from propbench.databases import NAMES, analyze, migrated, server_version
from propbench.estate import create_estate
from propbench.timing import steps, timed
from sqlalchemy import JSON, Engine, MetaData, func, select

from propcore.application import Propcore
from propcore.billing.periods import Period
from propcore.billing.running import BillRunService
from propcore_argon2 import Argon2PasswordHasher
from propcore_bootstrap import startup
from propcore_bootstrap.clock import SystemClock
from propcore_bootstrap.notifier import LogNotifier
from propcore_sql.bills import SqlBillRepository
from propcore_sql.ledger import SqlLedgerRepository
from propcore_sql.property import SqlUnitRepository
from propcore_sql.tables import bill_lines, bills, ledger_entries, metadata
from propcore_sql.uow import SqlUnitOfWork, SqlUnitOfWorkFactory

DECEMBER = Period.month(2026, 12)
# Where a run's time goes: what it reads (units, occupancies, meters,
# readings, bills already there), what it writes, and its commits; the rest
# is planning the bills, the ledger charges, late fees and the report.
STEPS = {
    "reading": [(BillRunService, "_facts"), (SqlUnitRepository, "for_building"),
                (SqlBillRepository, "billed_units")],
    "writing": [(SqlBillRepository, "add_new"), (SqlLedgerRepository, "append_many")],
    "commits": [(SqlUnitOfWork, "commit")],
}  # fmt: skip
WRITTEN = (bills, bill_lines, ledger_entries)
BULK_PATHS = {"sqlite": "executemany", "postgres": "COPY"}
STATUS = Path("/proc/self/status")
CLEAR_REFS = Path("/proc/self/clear_refs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--databases", default="sqlite,postgres")
    options = parser.parse_args()
    for database in options.databases.split(","):
        with migrated(database) as engine:
            print("\n".join(measure(database, engine, options.units)), flush=True)


def measure(database: str, engine: Engine, size: int) -> list[str]:
    core = Propcore.build(
        uow=SqlUnitOfWorkFactory(engine),
        clock=SystemClock("Asia/Shanghai"),
        hasher=Argon2PasswordHasher(),
        notifier=LogNotifier(),
    )
    startup.started()  # as the propcore command and each web worker do
    setup, (small, large) = timed(
        lambda: (
            create_estate(engine, "小区甲", 10_000),
            create_estate(engine, "小区乙", size),
        )
    )
    analyze(engine)
    small_peak, _ = peak_rss(lambda: core.billing.run(small, DECEMBER, actor="b"))
    rows_before = _rows(engine)
    with steps(STEPS) as spent:
        large_peak, (seconds, report) = peak_rss(
            lambda: timed(lambda: core.billing.run(large, DECEMBER, actor="b"))
        )
    written = _rows(engine) - rows_before
    title = f"{NAMES[database]} {server_version(engine)}: bill run of {size:,} units"
    print(title, "=" * len(title), sep="\n")
    print(f"setup (bulk insert of both estates): {setup:.1f} s")
    print(f"bill run: {seconds:.1f} s for {report.bills:,} bills, "
          f"{written:,} rows ({size / seconds:,.0f} units/s), "
          f"total ¥{report.total.amount:,}")  # fmt: skip
    print(f"peak memory (RSS growth): {small_peak / 2**20:.0f} MiB at 10,000 units, "
          f"{large_peak / 2**20:.0f} MiB at {size:,} units", flush=True)  # fmt: skip
    again_seconds, again = timed(lambda: core.billing.run(large, DECEMBER, actor="b"))
    again_rows = _rows(engine) - rows_before - written
    print(f"repeated run: {again_seconds:.1f} s, {again.bills} bills, "
          f"{again_rows} rows written", flush=True)  # fmt: skip
    bulk_seconds = bulk_copy(engine, large)
    reading, writing, commits = (spent[s] for s in STEPS)
    rest = seconds - reading - writing - commits
    return [
        f"same rows via {BULK_PATHS[database]}: {bulk_seconds:.1f} s; "
        f"run / bulk = {seconds / bulk_seconds:.1f}×",
        f"the run's time: reading {reading:.1f} s, writing {writing:.1f} s, "
        f"commits {commits:.1f} s, the rest {rest:.1f} s",
        f"reading alone = {reading / bulk_seconds:.1f}× the bulk write, so with "
        f"these reads no writer brings the run under "
        f"{1 + reading / bulk_seconds:.1f}×",
        "",
    ]


def _rows(engine: Engine) -> int:
    with engine.connect() as db:
        return sum(db.scalar(select(func.count()).select_from(t)) for t in WRITTEN)


def peak_rss(work):
    """Growth of the process's resident set while ``work`` ran (Linux: freed
    memory is handed back to the system and the high-water mark reset
    through /proc/self/clear_refs first)."""
    gc.collect()
    ctypes.CDLL("libc.so.6").malloc_trim(0)
    CLEAR_REFS.write_text("5")
    before = _status("VmRSS")
    result = work()
    return _status("VmHWM") - before, result


def _status(field: str) -> int:
    for line in STATUS.read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise LookupError(field)


def bulk_copy(engine: Engine, estate_id) -> float:
    """Read back the rows the run wrote for ``estate_id`` and time writing
    them again into empty copies of the same tables (same columns, keys,
    indexes and foreign keys) through the bulk path."""
    copies = MetaData()
    for table in metadata.sorted_tables:
        table.to_metadata(copies)
    tables = [t.to_metadata(copies, name=f"bulk_{t.name}") for t in WRITTEN]
    for table in tables:
        for named in (*table.indexes, *table.constraints):
            if named.name:
                named.name = f"bulk_{named.name}"
    copies.create_all(engine, tables=tables)
    with engine.connect() as db:
        mine = select(bills.c.id).where(bills.c.estate_id == estate_id)
        rows = [
            list(db.execute(select(bills).where(bills.c.estate_id == estate_id))),
            list(db.execute(select(bill_lines).where(bill_lines.c.bill_id.in_(mine)))),
            list(db.execute(select(ledger_entries).where(ledger_entries.c.bill_id.in_(mine)))),
        ]  # fmt: skip
    raw = engine.raw_connection()
    try:
        driver = raw.driver_connection
        encoded = [_encode(engine, t, r) for t, r in zip(tables, rows, strict=True)]
        start = time.perf_counter()
        for table, values in zip(tables, encoded, strict=True):
            _write(engine, driver, table, values)
        driver.commit()
        return time.perf_counter() - start
    finally:
        raw.close()
        copies.drop_all(engine, tables=tables)


def _encode(engine: Engine, table, rows) -> list[tuple]:
    processors = [_processor(engine, c) for c in table.c]
    return [tuple(p(v) for p, v in zip(processors, row, strict=True)) for row in rows]


def _processor(engine: Engine, column):
    """How the adapter's column type stores a value; JSON as its text, which
    COPY takes as is."""
    if isinstance(column.type, JSON):
        return lambda v: None if v is None else json.dumps(v, ensure_ascii=False)
    return column.type.bind_processor(engine.dialect) or (lambda v: v)


def _write(engine: Engine, driver, table, values: list[tuple]) -> None:
    names = ", ".join(f'"{c.name}"' for c in table.c)
    if engine.dialect.name == "sqlite":
        marks = ", ".join("?" for _ in table.c)
        driver.cursor().executemany(
            f"INSERT INTO {table.name} ({names}) VALUES ({marks})", values
        )
        return
    with (
        driver.cursor() as cursor,
        cursor.copy(f"COPY {table.name} ({names}) FROM STDIN") as copy,
    ):
        for row in values:
            copy.write_row(row)


if __name__ == "__main__":
    main()
