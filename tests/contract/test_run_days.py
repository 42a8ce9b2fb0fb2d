"""The estates' own bill-run days, on the fakes, SQLite and PostgreSQL."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from propcore.billing.lines import Bill, BillLine, Payer
from propcore.billing.periods import Period
from propcore.billing.rounding import JIAO_TRUNCATE
from propcore.errors import StorageError
from propcore.money import Money
from propcore.property.tree import NodeKind, OrgNode
from tests.billing.world import World, seed

DECEMBER = Period.month(2026, 12)
ISSUED = datetime(2026, 12, 1, 2, tzinfo=UTC)


@pytest.fixture
def world(uow) -> World:
    return seed(uow)


def _bill(world: World, label: str) -> Bill:
    line = BillLine.compute(
        "pf", "物业费", terms="1 × ¥1.00", inputs={},
        unrounded=Money(Decimal(1)), rule=JIAO_TRUNCATE,
    )  # fmt: skip
    payer = world.people["王芳"].id
    return Bill(payer, Payer.OWNER, world.units[label].id, DECEMBER,
                DECEMBER.last, [line])  # fmt: skip


def _issue(uow, world: World, *labels: str) -> None:
    with uow() as work:
        bills = [_bill(world, label) for label in labels]
        work.bills.add_new(world.estate.id, bills, ISSUED)
        work.commit()


def test_an_estate_keeps_its_own_day_until_it_is_forgotten(uow, world):
    estate = world.estate.id
    for day in (15, 20):
        with uow() as work:
            work.run_days.set_day(estate, day)
            work.commit()
    with uow() as work:
        changed = work.run_days.days()
        work.run_days.set_day(estate, None)
        work.commit()

    with uow() as work:
        assert (changed, work.run_days.days()) == ({estate: 20}, {})


def test_a_day_not_in_every_month_is_not_stored(uow, world):
    with uow() as work, pytest.raises(StorageError):
        work.run_days.set_day(world.estate.id, 29)


def test_an_estate_is_unbilled_until_each_of_its_units_has_a_bill(uow, world):
    with uow() as work:
        work.orgs.add(OrgNode(NodeKind.ESTATE, "枫林苑"))
        work.commit()
    _issue(uow, world, "101")
    with uow() as work:
        some_billed = work.run_days.unbilled(DECEMBER)
    _issue(uow, world, "102", "103", "P01")

    with uow() as work:
        assert some_billed == {world.estate.id}
        assert work.run_days.unbilled(DECEMBER) == set()
        assert work.run_days.unbilled(Period.month(2027, 1)) == {world.estate.id}
