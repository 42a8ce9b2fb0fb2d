"""A small estate to bill: four units, three owners, one sale in December.

=====  ==========  =======  ================================================
unit   usage       area     people, meters
=====  ==========  =======  ================================================
101    residence   100.00   王芳 owns it; water 100 → 112 in November
102    residence    90.00   李强 owns it until 10 December, then 赵敏
103    residence    80.00   李强 owns it, vacant; no November water reading
P01    parking      12.50   王芳 owns it
=====  ==========  =======  ================================================

Fee items: 物业费 by area (¥2.80/m²/月, in advance, vacant units pay half,
0.5‰ a day late),
水费 metered with yearly tiers (in arrears), 停车费 fixed (¥300/月, parking
spaces).
"""

from datetime import date
from decimal import Decimal

import attrs

from propcore.billing.fees import (
    AppliesTo,
    Discounts,
    FeeItem,
    LateFeeRule,
    PaymentMode,
    Tier,
)
from propcore.billing.meters import Meter, MeterKind, Reading
from propcore.billing.rates import RateSchedule
from propcore.ids import new_id
from propcore.measures import Area
from propcore.money import Money
from propcore.property.tree import Building, NodeKind, OrgNode
from propcore.property.units import Unit, Usage
from propcore.residents.occupancy import Occupancy, Role
from propcore.residents.people import Person

DECEMBER = date(2026, 12, 1)
HOMES = frozenset({Usage.RESIDENTIAL})


@attrs.define
class World:
    estate: OrgNode
    building: Building
    units: dict[str, Unit]
    people: dict[str, Person]
    meters: dict[str, Meter]


def property_fee() -> FeeItem:
    return FeeItem(
        "pf", "物业费", "by_area", AppliesTo(usages=HOMES),
        RateSchedule.flat(Money(Decimal("2.80"))),
        discounts=Discounts(vacant=Decimal("0.5")),
        late_fee=LateFeeRule(Decimal("0.0005")),
    )  # fmt: skip


def water_fee() -> FeeItem:
    tiers = (
        Tier(Decimal(180), Money(Decimal("3.00"))),
        Tier(None, Money(Decimal("4.50"))),
    )
    return FeeItem(
        "water", "水费", "metered", AppliesTo(usages=HOMES),
        payment_mode=PaymentMode.IN_ARREARS, tiers=tiers,
        options={"meter": "water"},
    )  # fmt: skip


def parking_fee() -> FeeItem:
    return FeeItem(
        "parking", "停车费", "fixed", AppliesTo.parking_spaces(),
        RateSchedule.flat(Money(Decimal("300.00"))),
    )  # fmt: skip


def _unit(building: Building, label: str, area: str, usage=Usage.RESIDENTIAL):
    return Unit(building.id, label, 1, label, Area(Decimal(area)), "self_occupied",
                usage=usage)  # fmt: skip


def seed(uow_factory) -> World:
    estate = OrgNode(NodeKind.ESTATE, "翠湖花园")
    building = Building(estate.id, "1栋")
    units = {
        "101": _unit(building, "101", "100.00"),
        "102": _unit(building, "102", "90.00"),
        "103": attrs.evolve(_unit(building, "103", "80.00"), status="vacant"),
        "P01": _unit(building, "P01", "12.50", Usage.PARKING),
    }
    people = {n: Person(n, phone=p) for n, p in
              (("王芳", "13800000001"), ("李强", "13800000002"),
               ("赵敏", "13800000003"))}  # fmt: skip
    meters = {
        label: Meter(new_id(), MeterKind.WATER, 0, units[label].id, estate_id=estate.id)
        for label in ("101", "102", "103")
    }
    with uow_factory() as uow:
        uow.orgs.add(estate)
        uow.buildings.add(building)
        for unit in units.values():
            uow.units.add(unit)
        for person in people.values():
            uow.people.add(person)
        _occupy(uow, units, people)
        for item in (property_fee(), water_fee(), parking_fee()):
            uow.fee_items.add(attrs.evolve(item, estate_id=estate.id))
        _meter(uow, meters)
        uow.commit()
    return World(estate, building, units, people, meters)


def _occupy(uow, units, people) -> None:
    def own(label, name, start, end=None):
        uow.occupancies.add(Occupancy(units[label].id, people[name].id, Role.OWNER,
                                      start, end, share=Decimal(100)))  # fmt: skip

    own("101", "王芳", date(2020, 1, 1))
    own("P01", "王芳", date(2020, 1, 1))
    own("102", "李强", date(2019, 5, 1), date(2026, 12, 10))
    own("102", "赵敏", date(2026, 12, 11))
    own("103", "李强", date(2024, 3, 1))


def _meter(uow, meters) -> None:
    for meter in meters.values():
        uow.meters.add(meter)
    for label, values in (("101", (100, 112)), ("102", (40, 58)), ("103", (7,))):
        days = (date(2026, 10, 31), date(2026, 11, 30))
        for day, value in zip(days, values, strict=False):
            uow.readings.add(Reading(meters[label].id, Decimal(value), day))
