"""Real CSV and XLSX files read with propcore_files and imported through the core."""

import copy
import csv
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from propcore.errors import InvalidInputError
from propcore_bootstrap.demo import load_demo
from propcore_files import read_sheet
from tests.sheets import BUILDING, ESTATE, core_with_estate, fake_core, problem_places

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "import"
HEADER = ["小区", "楼栋", "单元", "楼层", "房号", "建筑面积", "户型", "状态"]
ROWS = [
    [ESTATE, BUILDING, "1", "12", "1201", "120.5", "3室2厅2卫", "自住"],
    [ESTATE, BUILDING, "1", "12", "1202", "89.50", "2室2厅1卫", "出租"],
]


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as file:
        csv.writer(file).writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


def imported_units(core) -> dict:
    estate = core.property.nodes()[-1]
    building = core.property.buildings(estate.id)[0]
    return {u.label: u for u in core.property.units(building.id)}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_in_each_encoding_reads_exactly_and_imports(tmp_path, encoding):
    path = write_csv(tmp_path / "units.csv", [HEADER, *ROWS], encoding)
    core, _ = core_with_estate()

    sheet = read_sheet(path)
    report = core.imports.import_units(sheet, actor="t", dry_run=False)

    assert (sheet.header_line, sheet.header) == (1, HEADER)
    assert list(sheet.rows) == [(2, ROWS[0]), (3, ROWS[1])]
    assert report.committed
    units = imported_units(core)
    assert units["1-1201"].gross_area.square_metres == Decimal("120.50")
    assert units["1-1202"].status == "rented"


def test_csv_line_numbers_count_lines_of_multi_line_cells_and_blank_lines(tmp_path):
    header = ["姓名", "备注", "电话"]
    text = '姓名,备注,电话\n王芳,"一楼\n左手边",13800138000\n\n李强,,13900139000\n'
    path = tmp_path / "people.csv"
    path.write_text(text, encoding="utf-8")

    sheet = read_sheet(path)

    assert sheet.header == header
    assert list(sheet.rows) == [
        (2, ["王芳", "一楼\n左手边", "13800138000"]),
        (5, ["李强", "", "13900139000"]),
    ]


def test_bad_rows_in_a_csv_file_are_reported_at_their_file_lines(tmp_path):
    rows = [HEADER, ROWS[0], [], [*ROWS[1][:5], "九十", "", ""]]
    path = write_csv(tmp_path / "units.csv", rows)
    core, uow = core_with_estate()
    before = copy.deepcopy(uow.store)

    report = core.imports.import_units(read_sheet(path), actor="t", dry_run=False)

    assert problem_places(report) == [(4, "gross_area")]
    assert uow.store == before


# Excel stores wall-clock times without a zone, so the cell's datetime is naive.
MORNING = datetime(2026, 1, 31, 8, 30)  # noqa: DTZ001
CELLS = [
    (ESTATE, ESTATE),
    (120.5, "120.5"),
    (12, "12"),
    (12.0, "12"),
    (date(2026, 1, 31), "2026-01-31"),
    (MORNING, "2026-01-31 08:30:00"),
    (13800138000, "13800138000"),
    (None, ""),
    (0.1 + 0.2, "0.3"),
    (0.00001, "0.00001"),
]


def test_xlsx_cells_read_as_the_text_a_person_sees(tmp_path):
    header = [f"c{i}" for i in range(len(CELLS))]
    path = write_xlsx(tmp_path / "cells.xlsx", [header, [v for v, _ in CELLS]])

    sheet = read_sheet(path)

    assert list(sheet.rows) == [(2, [text for _, text in CELLS])]


def test_xlsx_units_import_with_line_numbers_as_in_excel(tmp_path):
    good = [ESTATE, BUILDING, "1", 12, "1201", 120.5, "3室2厅2卫", "自住"]
    bad = [ESTATE, BUILDING, "1", 12, "1202", -3, "", "自住"]
    path = write_xlsx(tmp_path / "units.xlsx", [HEADER, good, [], [], bad])
    core, _ = core_with_estate()

    first = core.imports.import_units(read_sheet(path), actor="t", dry_run=False)
    fixed = write_xlsx(tmp_path / "fixed.xlsx", [HEADER, good])
    second = core.imports.import_units(read_sheet(fixed), actor="t", dry_run=False)

    assert problem_places(first) == [(5, "gross_area")]
    assert second.committed
    area = imported_units(core)["1-1201"].gross_area.square_metres
    assert area == Decimal("120.50")


def test_header_below_blank_rows_keeps_its_line_number(tmp_path):
    path = write_xlsx(tmp_path / "late.xlsx", [[], ["小区", "楼栋"], [ESTATE, "9号楼"]])

    sheet = read_sheet(path)

    assert (sheet.header_line, list(sheet.rows)) == (2, [(3, [ESTATE, "9号楼"])])


areas = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999999.99"), places=2)


@settings(max_examples=40, deadline=None)
@given(area=areas)
def test_decimal_written_as_an_xlsx_number_reads_back_exactly(tmp_path_factory, area):
    path = tmp_path_factory.mktemp("xlsx") / "area.xlsx"
    write_xlsx(path, [["建筑面积"], [float(area)]])

    (line, cells), *_ = read_sheet(path).rows

    assert line == 2
    assert Decimal(cells[0]) == area


cell_text = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\0")
)


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.lists(cell_text, min_size=3, max_size=3), max_size=5))
def test_csv_cells_read_back_exactly(tmp_path_factory, rows):
    rows = [r for r in rows if any(c.strip() for c in r)]
    path = tmp_path_factory.mktemp("csv") / "any.csv"
    write_csv(path, [["a", "b", "c"], *rows])

    sheet = read_sheet(path)

    assert [cells for _, cells in sheet.rows] == rows


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("broken.csv", b'\xe5\xb0\x8f\xe5\x8c\xba,a\n"unterminated,b\n'),
        ("binary.csv", b"\xff\xfe\xff\xfe"),
        ("empty.csv", b"\n\n"),
        ("not-a-workbook.xlsx", b"PK this is not a zip archive"),
        ("units.xls", b"old excel"),
        ("units.txt", "小区,楼栋\n".encode()),
    ],
)
def test_malformed_or_unsupported_files_are_rejected_as_the_file_field(
    tmp_path, name, content
):
    path = tmp_path / name
    path.write_bytes(content)

    with pytest.raises(InvalidInputError) as raised:
        read_sheet(path)

    assert raised.value.fields == ("file",)


@pytest.fixture
def demo_core():
    core, uow = fake_core()
    load_demo(core)
    return core, uow


def test_example_files_import_cleanly_into_the_demo(demo_core):
    core, _ = demo_core

    units = core.imports.import_units(
        read_sheet(EXAMPLES / "units.csv"), actor="t", dry_run=False
    )
    people = core.imports.import_people(
        read_sheet(EXAMPLES / "people.csv"), dry_run=False
    )

    assert units.problems == people.problems == ()
    assert units.created == {"buildings": 2, "units": 7}
    assert people.created == {"people": 8, "occupancies": 10}
    (s107,) = core.property.search_units("翠湖花园 商业楼 S107")
    household = core.residents.household(s107.unit.id)
    assert sorted(o.occupancy.role.value for o in household) == ["owner", "tenant"]
