"""更正: a rate or a reading changed after billing corrects the next bill."""

from datetime import date

import pytest

from propcore.billing.ledger import EntryKind
from propcore.billing.lines import LineKind
from propcore.billing.meters import ReadingBelowPreviousError
from propcore.billing.periods import Period
from propcore.errors import InvalidInputError
from propcore.money import Money
from tests.billing.test_bill_runs import DECEMBER
from tests.billing.test_late_fees import _read
from tests.billing.world import seed

JANUARY, FEBRUARY = Period.month(2027, 1), Period.month(2027, 2)


def _adjustments(core, world, label, month):
    with core.billing.uow() as uow:
        issued = uow.bills.for_unit(world.units[label].id)
    return [
        (line.description, line.formula)
        for b in issued
        if b.bill.period == month
        for line in b.bill.lines
        if line.kind is LineKind.ADJUSTMENT
    ]


def _item_id(core, world, code):
    with core.billing.uow() as uow:
        items = uow.fee_items.for_estate(world.estate.id)
    return next(item.id for item in items if item.code == code)


def test_a_later_rate_and_a_corrected_reading_adjust_the_next_bill(core) -> None:
    world = seed(core.billing.uow)
    core.billing.run(world.estate.id, DECEMBER, actor="t")
    pf = _item_id(core, world, "pf")
    core.fees.add_rate(pf, {"rate": "3.00", "rate_from": "2026-12-01"})
    raw = {"read_on": "2026-11-30", "value": "115"}
    core.fees.correct_reading(world.meters["101"].id, raw)
    _read(core, world, date(2026, 12, 31), {"101": 125, "102": 60, "103": 10})
    _read(core, world, date(2027, 1, 31), {"101": 130, "102": 70, "103": 12})

    core.billing.run(world.estate.id, JANUARY, actor="t")
    core.billing.run(world.estate.id, FEBRUARY, actor="t")

    assert _adjustments(core, world, "101", JANUARY) == [
        ("水费 更正", "adjustment = ¥9.00"),
        ("物业费 更正", "adjustment = ¥20.00"),
    ]
    assert _adjustments(core, world, "101", FEBRUARY) == []


def test_a_corrected_reading_must_stay_between_its_neighbours(core) -> None:
    world = seed(core.billing.uow)
    meter = world.meters["101"].id

    with pytest.raises(ReadingBelowPreviousError):
        core.fees.correct_reading(meter, {"read_on": "2026-11-30", "value": "90"})
    _read(core, world, date(2026, 12, 1), {"101": 120})
    with pytest.raises(InvalidInputError) as above:
        core.fees.correct_reading(meter, {"read_on": "2026-11-30", "value": "121"})
    with pytest.raises(InvalidInputError) as missing:
        core.fees.correct_reading(meter, {"read_on": "2026-11-29", "value": "113"})

    assert above.value.problems[0].field == "value"
    assert missing.value.problems[0].field == "read_on"


def test_a_correction_larger_than_the_next_bill_is_issued_as_a_credit(core) -> None:
    world = seed(core.billing.uow)
    core.billing.run(world.estate.id, DECEMBER, actor="t")
    lower = {"rate": "0.10", "rate_from": "2026-12-01"}
    core.fees.add_rate(_item_id(core, world, "pf"), lower)
    _read(core, world, date(2026, 12, 31), {"101": 112, "102": 60, "103": 10})
    owner = world.units["101"]

    core.billing.run(world.estate.id, JANUARY, actor="t")
    core.billing.run(world.estate.id, FEBRUARY, actor="t")

    with core.billing.uow() as uow:
        [january] = [b.bill for b in uow.bills.for_unit(owner.id)
                     if b.bill.period == JANUARY]  # fmt: skip
    payer = core.collecting.ledger(january.payer_id)
    assert ("物业费 更正", "adjustment = -¥270.00") in _adjustments(
        core, world, "101", JANUARY
    )
    [credit] = [e for e in payer.entries if e.bill_id == january.id]
    assert january.total.amount < 0
    assert (credit.kind, credit.amount) == (
        EntryKind.CREDIT,
        Money.zero() - january.total,
    )
    assert payer.amount_due(january.id) == Money.zero()
    open_amounts = sum((i.open_amount for i in payer.open_items()), Money.zero())
    assert payer.balance == open_amounts - payer.prepaid
    assert _adjustments(core, world, "101", FEBRUARY) == []


def test_a_correction_equal_to_the_months_charges_leaves_a_bill_with_nothing_due(
    core,
) -> None:
    world = seed(core.billing.uow)
    core.billing.run(world.estate.id, DECEMBER, actor="t")
    lower = {"rate": "1.3888", "rate_from": "2026-12-01"}
    core.fees.add_rate(_item_id(core, world, "pf"), lower)
    _read(core, world, date(2026, 12, 31), {"101": 112, "102": 60, "103": 10})

    core.billing.run(world.estate.id, JANUARY, actor="t")

    with core.billing.uow() as uow:
        [january] = [b.bill for b in uow.bills.for_unit(world.units["101"].id)
                     if b.bill.period == JANUARY]  # fmt: skip
    listed = core.collecting.balances(world.estate.id, JANUARY)
    assert january.total == Money.zero()
    assert [
        (b.amount_due, b.open_amount) for b in listed if b.bill_id == january.id
    ] == [(Money.zero(), Money.zero())]
