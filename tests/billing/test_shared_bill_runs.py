"""公摊 in bill runs, on the fakes, SQLite and PostgreSQL.

The homes of ``world.py`` (101: 100.00 m², 102: 90.00 m², 103: 80.00 m²)
share the lift's electricity by area (1000 → 2234 kWh at ¥0.56: ¥691.04)
and the pump room's water equally (500 → 510 m³ at ¥4.10: ¥41.00).
"""

from datetime import date
from decimal import Decimal

import attrs

from propcore.billing.fees import AppliesTo, FeeItem, PaymentMode
from propcore.billing.meters import Meter, MeterKind, Reading
from propcore.billing.rates import RateSchedule
from propcore.ids import new_id
from propcore.money import Money
from tests.billing.test_bill_runs import DECEMBER
from tests.billing.world import HOMES, seed

OCTOBER_31, NOVEMBER_30 = date(2026, 10, 31), date(2026, 11, 30)


def _shared_item(code, name, meter, area, rate, **options) -> FeeItem:
    return FeeItem(
        code, name, "metered", AppliesTo(usages=HOMES),
        RateSchedule.flat(Money(Decimal(rate))),
        payment_mode=PaymentMode.IN_ARREARS,
        options={"meter": meter, "shared_areas": area, **options},
    )  # fmt: skip


def _common(uow_factory, estate, kind, area, *values) -> Meter:
    meter = Meter(new_id(), kind, 0, common_area=area, estate_id=estate.id)
    with uow_factory() as uow:
        uow.meters.add(meter)
        for day, value in zip((OCTOBER_31, NOVEMBER_30), values, strict=False):
            uow.readings.add(Reading(meter.id, Decimal(value), day))
        uow.commit()
    return meter


def _shared_world(app, lift_readings=(1000, 2234)):
    world = seed(app.billing.uow)
    lift = _shared_item("lift", "电费", "electricity", "电梯", "0.56")
    pump = _shared_item("pump", "水泵房水费", "water", "水泵房", "4.10",
                        shared_by="equal")  # fmt: skip
    with app.billing.uow() as uow:
        for item in (lift, pump):
            uow.fee_items.add(attrs.evolve(item, estate_id=world.estate.id))
        uow.commit()
    _common(app.billing.uow, world.estate, MeterKind.ELECTRICITY, "电梯",
            *lift_readings)  # fmt: skip
    _common(app.billing.uow, world.estate, MeterKind.WATER, "水泵房", 500, 510)
    return world


def _lines(app, world, code):
    with app.billing.uow() as uow:
        return {
            label: line
            for label in ("101", "102", "103")
            for issued in uow.bills.for_unit(world.units[label].id)
            for line in issued.bill.lines
            if line.item_code == code
        }


def test_common_charges_are_split_by_area_and_equally_and_add_up_exactly(core):
    world = _shared_world(core)
    core.billing.run(world.estate.id, DECEMBER, actor="t")
    reading = Reading(world.meters["103"].id, Decimal(9), NOVEMBER_30)
    with core.billing.uow() as uow:
        uow.readings.add(reading)
        uow.commit()

    core.billing.run(world.estate.id, DECEMBER, actor="t")

    lift, pump = _lines(core, world, "lift"), _lines(core, world, "pump")
    assert {k: line.amount.amount for k, line in lift.items()} == {
        "101": Decimal("255.94"),
        "102": Decimal("230.35"),
        "103": Decimal("204.75"),
    }
    assert lift["101"].formula == (
        "1234 kWh × ¥0.56/kWh = ¥691.04 × 100.00 m² / 270.00 m² = ¥255.94"
    )
    assert lift["101"].description == "公摊 电费"
    assert lift["101"].inputs["common readings"] == "1000 → 2234"
    assert sorted(line.amount.amount for line in pump.values()) == [
        Decimal("13.66"),
        Decimal("13.67"),
        Decimal("13.67"),
    ]
    assert pump["102"].formula.startswith("10 m³ × ¥4.10/m³ = ¥41.00 × 1 户 / 3 户")


def test_a_missing_common_reading_holds_back_the_units_that_share_it(core):
    world = _shared_world(core, lift_readings=(1000,))

    report = core.billing.run(world.estate.id, DECEMBER, actor="t")

    reason = "公摊 电梯: no electricity reading in 2026-11-01..2026-11-30"
    held = {h.label: {r.item_code: r.reason for r in h.reasons} for h in report.held}
    assert sorted(held) == ["101", "102", "103"]
    assert all(reasons["lift"] == reason for reasons in held.values())
    assert report.bills == 1
    assert _lines(core, world, "pump") == {}


def test_a_run_of_one_unit_a_batch_splits_as_a_run_of_the_whole_estate(core):
    world = _shared_world(core)
    with core.billing.uow() as uow:
        uow.readings.add(Reading(world.meters["103"].id, Decimal(9), NOVEMBER_30))
        uow.commit()
    unit_by_unit = attrs.evolve(core.billing, batch_size=1)

    unit_by_unit.run(world.estate.id, DECEMBER, actor="t")

    lift = _lines(core, world, "lift")
    assert {k: line.amount.amount for k, line in lift.items()} == {
        "101": Decimal("255.94"), "102": Decimal("230.35"), "103": Decimal("204.75"),
    }  # fmt: skip
