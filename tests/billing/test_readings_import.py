"""Meter readings imported from a sheet: checked row by row, all or nothing."""

from decimal import Decimal

from propcore.importing.service import Sheet
from tests.billing.test_bill_runs import DECEMBER
from tests.billing.world import seed

HEADER = ["小区", "楼栋", "房屋编号", "表类型", "抄表日期", "读数", "标记"]


def _sheet(*rows: list[str]) -> Sheet:
    return Sheet(1, HEADER, [(n + 2, row) for n, row in enumerate(rows)])


def _history(core, world, label):
    with core.billing.uow() as uow:
        return [r.value for r in uow.readings.history(world.meters[label].id)]


def test_readings_are_imported_and_the_held_unit_is_billed(core) -> None:
    world = seed(core.billing.uow)
    sheet = _sheet(
        ["翠湖花园", "1栋", "103", "水表", "2026-11-30", "9", ""],
        ["翠湖花园", "1栋", "101", "水表", "2026-12-01", "120", ""],
    )

    report = core.imports.import_readings(sheet, dry_run=False)

    assert (report.problems, report.created) == ((), {"readings": 2})
    assert _history(core, world, "103") == [Decimal(7), Decimal(9)]
    run = core.billing.run(world.estate.id, DECEMBER, actor="t")
    assert run.held == []


def test_a_bad_row_is_reported_by_line_and_nothing_is_stored(core) -> None:
    world = seed(core.billing.uow)
    sheet = _sheet(
        ["翠湖花园", "1栋", "102", "水表", "2026-12-01", "60", ""],
        ["翠湖花园", "1栋", "101", "水表", "2026-12-01", "90", ""],
        ["翠湖花园", "1栋", "P01", "电表", "2026-11-30", "5", ""],
        ["翠湖花园", "1栋", "101", "水表", "2027-01-31", "130", ""],
    )

    report = core.imports.import_readings(sheet, dry_run=False)

    assert [(p.line, p.field) for p in report.problems] == [
        (3, "value"),
        (4, "meter"),
        (5, "read_on"),
    ]
    assert _history(core, world, "102") == [Decimal(40), Decimal(58)]
