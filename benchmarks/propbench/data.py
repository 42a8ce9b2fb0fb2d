"""The benchmark's property: one estate, buildings of 200 units, and the same
units as an import sheet and as rows for a bulk write."""

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal

import attrs

from propcore.importing.service import Sheet

ESTATE = "翠湖花园"
COMPANY = "华安物业"
ADDRESS = "上海市浦东新区锦绣路"
UNITS_PER_BUILDING = 200
ENTRANCES = 2
ROOMS_PER_FLOOR = 4
HEADER = [
    "estate",
    "building",
    "entrance",
    "floor",
    "room",
    "gross_area",
    "layout",
    "usage",
    "status",
]
LAYOUTS = ("2室1厅1卫", "3室2厅1卫", "3室2厅2卫", "4室2厅2卫")
AREAS = ("78.50", "96.20", "118.75", "142.30")


@attrs.frozen
class Place:
    """Where the n-th unit of the benchmark sits."""

    building: str
    entrance: str
    floor: int
    room: str

    @property
    def label(self) -> str:
        return f"{self.entrance}-{self.room}"


def place(n: int) -> Place:
    building, within = divmod(n, UNITS_PER_BUILDING)
    entrance, on_entrance = divmod(within, UNITS_PER_BUILDING // ENTRANCES)
    floor, room = divmod(on_entrance, ROOMS_PER_FLOOR)
    return Place(
        building=building_name(building),
        entrance=str(entrance + 1),
        floor=floor + 1,
        room=f"{floor + 1}{room + 1:02d}",
    )


def building_name(index: int) -> str:
    return f"{index + 1}号楼"


def building_count(units: int) -> int:
    return -(-units // UNITS_PER_BUILDING)


def unit_sheet(units: int) -> Sheet:
    """An import file of ``units`` rows, held in memory as a file reader would."""
    rows = [(n + 2, _cells(n)) for n in range(units)]
    return Sheet(header_line=1, header=list(HEADER), rows=rows)


def _cells(n: int) -> list[str]:
    at = place(n)
    kind = n % len(LAYOUTS)
    return [
        ESTATE,
        at.building,
        at.entrance,
        str(at.floor),
        at.room,
        AREAS[kind],
        LAYOUTS[kind],
        "住宅",
        "vacant",
    ]


@attrs.frozen
class BulkRows:
    """The same property as plain column values, ready for a driver."""

    buildings: list[dict]
    units: list[dict]
    changes: list[dict]


def bulk_rows(estate_id: uuid.UUID, units: int) -> BulkRows:
    building_ids = [uuid.uuid4() for _ in range(building_count(units))]
    buildings = [
        {"id": b, "estate_id": estate_id, "name": building_name(i), "address": ""}
        for i, b in enumerate(building_ids)
    ]
    unit_rows = list(_unit_rows(building_ids, units))
    now = datetime.now(UTC)
    changes = [_change_row(u["id"], now) for u in unit_rows]
    return BulkRows(buildings, unit_rows, changes)


def _unit_rows(building_ids: list[uuid.UUID], units: int) -> Iterator[dict]:
    for n in range(units):
        at = place(n)
        kind = n % len(LAYOUTS)
        yield {
            "id": uuid.uuid4(),
            "building_id": building_ids[n // UNITS_PER_BUILDING],
            "label": at.label,
            "entrance": at.entrance,
            "floor": at.floor,
            "room": at.room,
            "gross_area": Decimal(AREAS[kind]),
            "usable_area": None,
            "layout": LAYOUTS[kind],
            "usage": "residential",
            "fee_coefficient": Decimal("1.0000"),
            "attributes": "{}",
            "status": "vacant",
        }


def _change_row(unit_id: uuid.UUID, at: datetime) -> dict:
    return {
        "id": uuid.uuid4(),
        "unit_id": unit_id,
        "from_status": None,
        "to_status": "vacant",
        "changed_at": at,
        "changed_by": "bench",
        "reason": "imported",
    }
