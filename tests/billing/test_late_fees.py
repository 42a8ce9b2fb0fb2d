"""滞纳金: overdue bills accrue late fees on the next months' bills."""

from datetime import date
from decimal import Decimal

from propcore.billing.lines import LineKind
from propcore.billing.meters import Reading
from propcore.billing.periods import Period
from propcore.money import Money
from tests.billing.test_bill_runs import DECEMBER
from tests.billing.world import seed


def _read(core, world, day: date, values) -> None:
    with core.billing.uow() as uow:
        for label, value in values.items():
            uow.readings.add(Reading(world.meters[label].id, Decimal(value), day))
        uow.commit()


def _late_lines(core, world, label, month):
    with core.billing.uow() as uow:
        issued = uow.bills.for_unit(world.units[label].id)
    return [
        line
        for b in issued
        if b.bill.period == month
        for line in b.bill.lines
        if line.kind is LineKind.LATE_FEE
    ]


def test_an_unpaid_bill_accrues_late_fees_month_by_month(core) -> None:
    world = seed(core.billing.uow)
    core.billing.run(world.estate.id, DECEMBER, actor="t")
    _read(core, world, date(2026, 12, 31), {"101": 120, "102": 60, "103": 10})
    _read(core, world, date(2027, 1, 31), {"101": 130, "102": 70, "103": 12})

    core.billing.run(world.estate.id, Period.month(2027, 1), actor="t")
    core.billing.run(world.estate.id, Period.month(2027, 2), actor="t")

    january = _late_lines(core, world, "101", Period.month(2027, 1))
    february = _late_lines(core, world, "101", Period.month(2027, 2))
    assert [line.formula for line in january] == ["¥280.00 × 0.0005 × 16 天 = ¥2.24"]
    # December's bill 31 more days (47 in all), January's own 16 days
    assert [line.amount for line in february] == [
        Money(Decimal("4.34")),
        Money(Decimal("2.24")),
    ]
    assert february[0].formula.endswith("- ¥2.24 = ¥4.34")


def test_a_paid_bill_accrues_nothing(core) -> None:
    world = seed(core.billing.uow)
    core.billing.run(world.estate.id, DECEMBER, actor="t")
    payer = world.people["王芳"].id
    raw = {"amount": "616.00", "method": "cash", "idempotency_key": "k"}
    core.collecting.record_payment(world.estate.id, payer, raw, actor="desk")
    _read(core, world, date(2026, 12, 31), {"101": 120, "102": 60, "103": 10})

    core.billing.run(world.estate.id, Period.month(2027, 1), actor="t")

    assert _late_lines(core, world, "101", Period.month(2027, 1)) == []
    assert len(_late_lines(core, world, "102", Period.month(2027, 1))) == 2
