"""A billable estate written straight into the tables: units with an owner,
a water and an electricity meter with two readings each, and four fee items
(物业费 by area, 水费 with yearly tiers, 电费, 停车管理费)."""

import uuid
from datetime import date
from decimal import Decimal

import attrs
from sqlalchemy import Engine, insert

from propcore.billing.fees import AppliesTo, FeeItem, PaymentMode, Tier
from propcore.billing.rates import RateSchedule
from propcore.money import Money
from propcore.property.units import Usage
from propcore_sql.billing import SqlFeeItemRepository
from propcore_sql.tables import (
    buildings,
    meter_readings,
    meters,
    occupancies,
    org_nodes,
    people,
    units,
)

PER_BUILDING = 200
CHUNK = 5_000
HOMES = frozenset({Usage.RESIDENTIAL})


def _price(text: str) -> RateSchedule:
    return RateSchedule.flat(Money(Decimal(text)))


def fee_items() -> list[FeeItem]:
    tiers = (
        Tier(Decimal(180), Money(Decimal("3.00"))),
        Tier(None, Money(Decimal("4.50"))),
    )
    arrears = {"payment_mode": PaymentMode.IN_ARREARS}
    return [
        FeeItem("pf", "物业费", "by_area", AppliesTo(usages=HOMES), _price("2.80")),
        FeeItem("water", "水费", "metered", AppliesTo(usages=HOMES), tiers=tiers,
                options={"meter": "water"}, **arrears),
        FeeItem("power", "电费", "metered", AppliesTo(usages=HOMES), _price("0.56"),
                options={"meter": "electricity"}, **arrears),
        FeeItem("parking", "停车管理费", "fixed", AppliesTo(usages=HOMES),
                _price("150.00")),
    ]  # fmt: skip


def create_estate(engine: Engine, name: str, unit_count: int) -> uuid.UUID:
    estate_id = uuid.uuid4()
    with engine.begin() as db:
        db.execute(insert(org_nodes).values(id=estate_id, kind="estate", name=name,
                                            address=""))  # fmt: skip
        items = SqlFeeItemRepository(db)
        for item in fee_items():
            items.add(attrs.evolve(item, estate_id=estate_id))
    for start in range(0, unit_count, CHUNK):
        with engine.begin() as db:
            _chunk(db, estate_id, start, min(unit_count, start + CHUNK))
    return estate_id


def _chunk(db, estate_id: uuid.UUID, first: int, last: int) -> None:
    rows: dict = {t: [] for t in (buildings, units, people, occupancies, meters,
                                  meter_readings)}  # fmt: skip
    building_id = None
    for n in range(first, last):
        if n % PER_BUILDING == 0 or building_id is None:
            building_id = uuid.uuid4()
            rows[buildings].append({"id": building_id, "estate_id": estate_id,
                                    "name": f"{n // PER_BUILDING + 1}栋",
                                    "address": ""})  # fmt: skip
        _unit(rows, estate_id, building_id, n)
    for table, batch in rows.items():
        db.execute(insert(table), batch)


def _unit(rows: dict, estate_id: uuid.UUID, building_id: uuid.UUID, n: int) -> None:
    unit_id, person_id = uuid.uuid4(), uuid.uuid4()
    area = Decimal(60 + n % 90) + Decimal("0.50")
    rows[units].append({
        "id": unit_id, "building_id": building_id, "label": f"{n % PER_BUILDING + 1}",
        "entrance": "", "floor": 1, "room": f"{n}", "gross_area": area,
        "usable_area": None, "layout": None, "usage": "residential",
        "fee_coefficient": Decimal(1), "attributes": {}, "status": "self_occupied",
    })  # fmt: skip
    rows[people].append({"id": person_id, "name": f"业主{n}", "kind": "individual",
                         "phone": "", "email": "", "id_number": "", "birth_date": None,
                         "interest_tags": [], "notes": ""})  # fmt: skip
    rows[occupancies].append({
        "id": uuid.uuid4(), "unit_id": unit_id, "person_id": person_id,
        "role": "owner", "start": date(2020, 1, 1), "end": None,
        "share": Decimal(100), "head_id": None, "lease_start": None,
        "lease_end": None, "rent": None, "deposit": None, "currency": None,
        "tenant_pays": None, "grants": [],
    })  # fmt: skip
    for kind, used in (("water", n % 25), ("electricity", 100 + n % 300)):
        meter_id = uuid.uuid4()
        rows[meters].append({"id": meter_id, "estate_id": estate_id, "unit_id": unit_id,
                             "common_area": None, "kind": kind, "places": 0,
                             "rollover_at": None})  # fmt: skip
        for day, value in (
            (date(2026, 10, 31), 1000),
            (date(2026, 11, 30), 1000 + used),
        ):
            rows[meter_readings].append({"meter_id": meter_id, "read_on": day,
                                         "value": Decimal(value), "flags": [],
                                         "start_value": None})  # fmt: skip
