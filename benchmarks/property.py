"""The property foundation under load: importing units, dry runs, front-desk queries.

Run with ``make bench`` or ``.venv/bin/python benchmarks/property.py --units N``.
Each database gets a fresh store of its own: a temporary SQLite file, and a
``bench_<random>`` schema in PostgreSQL that is dropped at the end. What the
figures mean is in ``docs/performance.md``.
"""

import argparse
import sys
import time
from functools import partial

from propbench import bulk
from propbench.data import (
    ADDRESS,
    COMPANY,
    ESTATE,
    UNITS_PER_BUILDING,
    building_count,
    building_name,
    bulk_rows,
    place,
    unit_sheet,
)
from propbench.databases import (
    NAMES,
    analyze,
    empty_property,
    migrated,
    server_version,
)
from propbench.report import Figures, render
from propbench.timing import Latency, latency, peak_memory, statements, timed
from sqlalchemy import Engine

from propcore.application import Propcore
from propcore.importing.service import ImportReport, Sheet
from propcore.property.tree import NodeKind, OrgNode
from propcore_argon2 import Argon2PasswordHasher
from propcore_bootstrap.clock import SystemClock
from propcore_bootstrap.notifier import LogNotifier
from propcore_sql.uow import SqlUnitOfWorkFactory

QUERY_RUNS = 50
BULK_PATHS = {"sqlite": "executemany", "postgres": "COPY"}


def main(argv: list[str] | None = None) -> None:
    options = _options(argv)
    started = time.perf_counter()
    for database in options.databases:
        with migrated(database) as engine:
            figures = measure(database, engine, options.units)
        print(render(figures), flush=True)
    print(f"total time: {time.perf_counter() - started:.0f} s")


def _options(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=20_000, help="default 20000")
    parser.add_argument(
        "--databases",
        type=_databases,
        default=list(NAMES),
        help="comma-separated, from: sqlite,postgres (default both)",
    )
    options = parser.parse_args(argv)
    if options.units < 10:
        parser.error("--units must be at least 10")
    return options


def _databases(text: str) -> list[str]:
    names = [name.strip() for name in text.split(",") if name.strip()]
    unknown = sorted(set(names) - set(NAMES))
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"expected names from: {','.join(NAMES)}")
    return names


def measure(database: str, engine: Engine, units: int) -> Figures:
    core = _core(engine)
    estate = _estate(core)
    sheet = unit_sheet(units)
    _progress(database, f"dry run of {units:,} units")
    dry_run_seconds = _timed_import(core, sheet, dry_run=True)
    _progress(database, f"import of {units:,} units")
    import_seconds = _timed_import(core, sheet, dry_run=False)
    _progress(database, "front-desk queries")
    analyze(engine)
    queries = _queries(core, estate, units)
    _progress(database, "bulk write")
    bulk_seconds = _bulk_write(core, engine, estate, units)
    _progress(database, "memory")
    memory, per_row = _memory(core, engine, units)
    return Figures(
        database=NAMES[database],
        version=server_version(engine),
        units=units,
        buildings=building_count(units),
        import_seconds=import_seconds,
        dry_run_seconds=dry_run_seconds,
        bulk_path=BULK_PATHS[database],
        bulk_seconds=bulk_seconds,
        statements_per_row=per_row,
        peak_memory=memory,
        queries=queries,
    )


def _core(engine: Engine) -> Propcore:
    return Propcore.build(
        uow=SqlUnitOfWorkFactory(engine),
        clock=SystemClock("Asia/Shanghai"),
        hasher=Argon2PasswordHasher(),
        notifier=LogNotifier(),
    )


def _estate(core: Propcore) -> OrgNode:
    company = core.property.create_node(NodeKind.COMPANY, {"name": COMPANY})
    return core.property.create_node(
        NodeKind.ESTATE, {"name": ESTATE, "parent_id": company.id, "address": ADDRESS}
    )


def _import(core: Propcore, sheet: Sheet, *, dry_run: bool) -> ImportReport:
    report = core.imports.import_units(sheet, actor="bench", dry_run=dry_run)
    if report.problems:
        raise SystemExit(f"the benchmark sheet was refused: {report.problems[:3]}")
    return report


def _timed_import(core: Propcore, sheet: Sheet, *, dry_run: bool) -> float:
    return timed(lambda: _import(core, sheet, dry_run=dry_run))[0]


def _queries(core: Propcore, estate: OrgNode, units: int) -> dict[str, Latency]:
    middle = building_name(building_count(units) // 2)
    label = place(min(units, UNITS_PER_BUILDING) - 1).label
    building = {b.name: b for b in core.property.buildings(estate.id)}[middle]
    search = core.property.search_units
    works = {
        f"search_units({label!r}), a label": partial(search, label),
        f"search_units({middle!r}), a building": partial(search, middle),
        f"search_units({ESTATE[:2]!r}), the estate": partial(search, ESTATE[:2]),
        f"roster({middle!r}), one building": partial(
            core.residents.roster, building.id
        ),
    }
    return {name: latency(work, QUERY_RUNS) for name, work in works.items()}


def _bulk_write(core: Propcore, engine: Engine, estate: OrgNode, units: int) -> float:
    """Time the bulk path on emptied tables, then check the core reads its rows."""
    empty_property(engine)
    prepared = bulk.prepare(engine, bulk_rows(estate.id, units))
    seconds, _ = timed(lambda: bulk.write(engine, prepared))
    first = core.property.buildings(estate.id)[0]
    if not core.property.units(first.id):
        raise SystemExit("the bulk write left a building without units")
    return seconds


def _memory(core: Propcore, engine: Engine, units: int) -> tuple[dict, float]:
    """Peak memory of importing a tenth of the units and all of them, each on
    emptied tables, and the SQL statements per row of the larger import."""
    peaks, per_row = {}, 0.0
    for size in (units // 10, units):
        empty_property(engine)
        sheet = unit_sheet(size)
        with statements(engine) as count:
            peaks[size], _ = peak_memory(partial(_import, core, sheet, dry_run=False))
        per_row = count[0] / size
    return peaks, per_row


def _progress(database: str, step: str) -> None:
    print(f"[{NAMES[database]}] {step}…", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
