import copy
from decimal import Decimal

import pytest

from propcore.property.units import Usage
from propcore.residents.occupancy import Role
from tests.sheets import BUILDING, ESTATE, core_with_estate, problem_places, sheet

UNIT_HEADER = ["estate", "building", "entrance", "floor", "room", "gross_area"]
ZH_UNIT_HEADER = [
    "小区",
    "楼栋",
    "单元",
    "楼层",
    "房号",
    "建筑面积",
    "户型",
    "用途",
    "状态",
]
PEOPLE_HEADER = [
    "姓名",
    "电话",
    "小区",
    "楼栋",
    "房屋编号",
    "身份",
    "产权比例",
    "户主电话",
]
PEOPLE_HEADER += ["租期开始", "租期结束", "月租金", "押金"]


def unit_row(room: str, area: str = "89.50", floor: str = "12") -> list[str]:
    return [ESTATE, BUILDING, "1", floor, room, area]


def person(name, phone="", unit="", role="", *, share="", head="", lease=()):
    place = [ESTATE, BUILDING] if unit else ["", ""]
    return [name, phone, *place, unit, role, share, head, *lease]


def units_by_label(core) -> dict:
    estate = core.property.nodes()[-1]
    building = core.property.buildings(estate.id)[0]
    return {u.label: u for u in core.property.units(building.id)}


def test_good_units_file_imports_every_row():
    core, _ = core_with_estate()
    rows = [unit_row("1201", "89.50"), unit_row("1202", "143.20"), unit_row("1203")]

    report = core.imports.import_units(
        sheet(UNIT_HEADER, *rows), actor="tester", dry_run=False
    )

    assert report.committed
    assert report.rows == 3
    assert report.created == {"units": 3}
    units = units_by_label(core)
    assert sorted(units) == ["1-1201", "1-1202", "1-1203"]
    assert units["1-1202"].gross_area.square_metres == Decimal("143.20")


def test_bad_rows_are_reported_by_line_and_nothing_is_imported():
    core, uow = core_with_estate()
    rows = [
        unit_row("1201"),
        unit_row("1202", area="九十"),
        unit_row("1203"),
        unit_row("1204", floor="twelve"),
        unit_row("1205"),
    ]
    before = copy.deepcopy(uow.store)

    report = core.imports.import_units(
        sheet(UNIT_HEADER, *rows), actor="tester", dry_run=False
    )

    assert problem_places(report) == [(3, "gross_area"), (5, "floor")]
    assert not report.committed
    assert uow.store == before


def test_dry_run_reports_the_same_problems_and_imports_nothing():
    core, uow = core_with_estate()
    bad = sheet(UNIT_HEADER, unit_row("1201"), unit_row("1202", area="-1"))
    good = sheet(UNIT_HEADER, unit_row("1201"), unit_row("1202"))
    before = copy.deepcopy(uow.store)

    real = core.imports.import_units(bad, actor="tester", dry_run=False)
    trial = core.imports.import_units(bad, actor="tester", dry_run=True)
    clean_trial = core.imports.import_units(good, actor="tester", dry_run=True)

    assert trial.problems == real.problems
    assert problem_places(trial) == [(3, "gross_area")]
    assert clean_trial.created == {"units": 2}
    assert not clean_trial.committed
    assert uow.store == before


def test_chinese_headers_and_values_are_understood():
    core, _ = core_with_estate()
    rows = [
        [ESTATE, "2号楼", "1", "12", "1201", "89.50", "3室2厅2卫", "住宅", "自住"],
        [ESTATE, "2号楼", "", "1", "S01", "56.00", "", "商铺", "出租"],
        [ESTATE, "2号楼", "", "-1", "P001", "12.50", "", "车位", "空置"],
    ]

    report = core.imports.import_units(
        sheet(ZH_UNIT_HEADER, *rows), actor="tester", dry_run=False
    )

    assert report.committed
    assert report.created == {"buildings": 1, "units": 3}
    estate = core.property.nodes()[-1]
    building = core.property.buildings(estate.id)[-1]
    units = {u.label: u for u in core.property.units(building.id)}
    assert building.name == "2号楼"
    assert str(units["1-1201"].layout) == "3室2厅2卫"
    assert [units[k].usage for k in ("1-1201", "S01", "P001")] == [
        Usage.RESIDENTIAL,
        Usage.SHOP,
        Usage.PARKING,
    ]
    assert [units[k].status for k in ("1-1201", "S01", "P001")] == [
        "self_occupied",
        "rented",
        "vacant",
    ]


def test_imported_unit_history_starts_with_its_imported_status():
    core, _ = core_with_estate()
    row = [ESTATE, BUILDING, "1", "3", "301", "89.50", "", "", "自住"]
    core.imports.import_units(sheet(ZH_UNIT_HEADER, row), actor="tester", dry_run=False)

    history = core.property.history(units_by_label(core)["1-301"].id)

    assert [(c.from_status, c.to_status, c.reason) for c in history] == [
        (None, "self_occupied", "imported")
    ]


def test_duplicate_label_inside_the_file_is_reported_on_the_second_line():
    core, _ = core_with_estate()
    rows = [unit_row("1201"), unit_row("1202"), unit_row("1201")]

    report = core.imports.import_units(
        sheet(UNIT_HEADER, *rows), actor="tester", dry_run=False
    )

    assert problem_places(report) == [(4, "label")]
    assert units_by_label(core) == {}


def test_missing_required_column_is_reported_on_the_header_line():
    core, _ = core_with_estate()
    header = ["小区", "楼栋", "楼层", "房号"]
    data = sheet(header, [ESTATE, BUILDING, "1", "101"])

    report = core.imports.import_units(data, actor="tester", dry_run=False)

    assert problem_places(report) == [(1, "gross_area")]
    assert report.problems[0].message == "column is missing"
    assert report.rows == 0


def test_blank_estate_or_building_cell_is_required_and_creates_no_building():
    core, _ = core_with_estate()
    rows = [
        [ESTATE, "", "1", "3", "301", "89.50"],
        ["", BUILDING, "1", "3", "302", "89.50"],
    ]

    report = core.imports.import_units(
        sheet(UNIT_HEADER, *rows), actor="tester", dry_run=True
    )

    assert [(p.line, p.field, p.message) for p in report.problems] == [
        (2, "building", "is required"),
        (3, "estate", "is required"),
    ]
    assert report.created == {}


def test_unknown_estate_is_reported_and_blank_rows_are_skipped():
    core, _ = core_with_estate()
    rows = [
        unit_row("1201"),
        ["", "", "", "", "", ""],
        ["锦绣江南", *unit_row("1")[1:]],
    ]

    report = core.imports.import_units(
        sheet(UNIT_HEADER, *rows), actor="tester", dry_run=True
    )

    assert report.rows == 2
    assert problem_places(report) == [(4, "estate")]


@pytest.fixture
def core_with_units():
    core, uow = core_with_estate()
    rows = [unit_row("1201"), unit_row("1202"), unit_row("1203")]
    core.imports.import_units(sheet(UNIT_HEADER, *rows), actor="t", dry_run=False)
    return core, uow


def test_people_import_adds_owners_family_and_tenants(core_with_units):
    core, _ = core_with_units
    lease = ["2026-03-01", "2027-02-28", "4500.00", "9000.00"]
    rows = [
        person("王建国", "13800138000", "1-1201", "业主", share="50"),
        person("李秀英", "13900139000", "1-1201", "业主", share="50"),
        person("王小明", "", "1-1201", "家庭成员", head="13800138000"),
        person("王建国", "13800138000", "1-1202", "业主", share="100"),
        person("赵磊", "15000150000", "1-1202", "租户", lease=lease),
        person("陈静", "18600186000"),
    ]

    report = core.imports.import_people(sheet(PEOPLE_HEADER, *rows), dry_run=False)

    assert report.committed
    assert report.created == {"people": 5, "occupancies": 5}
    units = units_by_label(core)
    first = core.residents.household(units["1-1201"].id)
    second = core.residents.household(units["1-1202"].id)
    assert sorted((o.person.name, o.occupancy.role) for o in first) == [
        ("李秀英", Role.OWNER),
        ("王小明", Role.FAMILY),
        ("王建国", Role.OWNER),
    ]
    tenant = next(o for o in second if o.occupancy.role is Role.TENANT)
    assert tenant.occupancy.lease.rent.amount == Decimal("4500.00")
    assert str(tenant.occupancy.lease.end) == "2027-02-28"


def test_family_member_head_is_found_by_phone_written_with_separators(
    core_with_units,
):
    core, _ = core_with_units
    rows = [
        person("周强", "138 0013 8001", "1-1203", "业主", share="100"),
        person("周婷", "", "1-1203", "家庭成员", head="138-0013-8001"),
    ]

    report = core.imports.import_people(sheet(PEOPLE_HEADER, *rows), dry_run=False)

    assert report.committed
    household = core.residents.household(units_by_label(core)["1-1203"].id)
    assert {o.person.name for o in household} == {"周强", "周婷"}


def test_owners_shares_above_100_are_reported_on_the_row_that_exceeds(
    core_with_units,
):
    core, uow = core_with_units
    rows = [
        person("王建国", "13800138000", "1-1201", "业主", share="60"),
        person("李秀英", "13900139000", "1-1201", "业主", share="50"),
    ]
    before = copy.deepcopy(uow.store)

    report = core.imports.import_people(sheet(PEOPLE_HEADER, *rows), dry_run=False)

    assert problem_places(report) == [(3, "share")]
    assert uow.store == before


def test_people_rows_naming_unknown_units_or_heads_are_reported(core_with_units):
    core, _ = core_with_units
    rows = [
        person("王建国", "13800138000", "9-999", "业主", share="100"),
        person("王小明", "", "1-1201", "家庭成员", head="13700000000"),
        person("赵磊", "15000150000", "1-1202", "租户"),
    ]

    report = core.imports.import_people(sheet(PEOPLE_HEADER, *rows), dry_run=True)

    assert problem_places(report) == [
        (2, "unit"),
        (3, "head_phone"),
        (4, "lease_start"),
        (4, "lease_end"),
        (4, "rent"),
    ]
