"""Scheduled bill runs: each estate from its run day on, once per unit."""

from datetime import UTC, date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import attrs
import pytest

from propcore.billing.meters import Reading
from propcore.billing.periods import Period
from propcore.billing.scheduling import BillScheduleService
from propcore.errors import InvalidInputError, NotFoundError
from propcore.ids import new_id
from propcore.property.tree import Building, NodeKind, OrgNode
from tests.billing.test_bill_runs import DECEMBER
from tests.billing.world import seed

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _at(day: date) -> datetime:
    return datetime.combine(day, time(2), tzinfo=SHANGHAI)


def _schedule(core, default_day: int) -> BillScheduleService:
    return BillScheduleService(core.billing.uow, core.billing, SHANGHAI, default_day)


def test_a_check_on_the_day_bills_the_month_and_a_second_bills_nothing(core) -> None:
    world = seed(core.billing.uow)

    first = core.bill_schedule.run_due(_at(date(2026, 12, 1)))
    again = core.bill_schedule.run_due(_at(date(2026, 12, 1)))

    assert [(r.estate_id, r.period, r.bills) for r in first.reports] == [
        (world.estate.id, DECEMBER, 4)
    ]
    assert [(r.bills, r.already_billed) for r in again.reports] == [(0, 3)]
    assert str(first) == "2026-12: 1 estates run, 4 bills"


def test_an_estate_waits_for_its_own_day_and_a_missed_day_is_caught_up(core) -> None:
    world = seed(core.billing.uow)
    core.bill_schedule.set_day(world.estate.id, 15)

    before = core.bill_schedule.run_due(_at(date(2026, 12, 14)))
    after_downtime = core.bill_schedule.run_due(_at(date(2026, 12, 18)))

    assert before.reports == []
    assert [r.bills for r in after_downtime.reports] == [4]


def test_the_deployment_day_applies_to_estates_without_their_own(core) -> None:
    seed(core.billing.uow)
    schedule = _schedule(core, 10)

    assert schedule.due(_at(date(2026, 12, 9)))[1] == []
    assert len(schedule.due(_at(date(2026, 12, 10)))[1]) == 1


def test_an_estate_fully_billed_is_not_run_again(core) -> None:
    world = seed(core.billing.uow)
    reading = Reading(world.meters["103"].id, Decimal(9), date(2026, 11, 30))
    core.bill_schedule.run_due(_at(date(2026, 12, 1)))
    with core.billing.uow() as uow:
        uow.readings.add(reading)
        uow.commit()

    held_unit_billed = core.bill_schedule.run_due(_at(date(2026, 12, 2)))
    later = core.bill_schedule.due(_at(date(2026, 12, 3)))

    assert [r.bills for r in held_unit_billed.reports] == [1]
    assert later == (DECEMBER, [])


def test_the_month_is_the_deployments_not_utcs(core) -> None:
    seed(core.billing.uow)
    first_of_december_in_shanghai = datetime(2026, 11, 30, 18, 30, tzinfo=UTC)

    month, estates = core.bill_schedule.due(first_of_december_in_shanghai)

    assert (month, len(estates)) == (DECEMBER, 1)


def test_the_next_month_is_billed_from_its_own_run_day(core) -> None:
    world = seed(core.billing.uow)
    core.bill_schedule.set_day(world.estate.id, 5)
    core.bill_schedule.run_due(_at(date(2026, 12, 5)))

    early = core.bill_schedule.due(_at(date(2027, 1, 4)))
    on_the_day = core.bill_schedule.due(_at(date(2027, 1, 5)))

    assert early == (Period.month(2027, 1), [])
    assert on_the_day == (Period.month(2027, 1), [world.estate.id])


def test_an_estate_without_fee_items_is_never_run(core) -> None:
    world = seed(core.billing.uow)
    estate = OrgNode(NodeKind.ESTATE, "枫林苑")
    building = Building(estate.id, "1栋")
    with core.billing.uow() as uow:
        uow.orgs.add(estate)
        uow.buildings.add(building)
        uow.units.add(attrs.evolve(world.units["101"], building_id=building.id,
                                   id=new_id()))  # fmt: skip
        uow.commit()

    _, estates = core.bill_schedule.due(_at(date(2026, 12, 1)))

    assert estates == [world.estate.id]


def test_an_estate_goes_back_to_the_deployment_day(core) -> None:
    world = seed(core.billing.uow)
    own = core.bill_schedule.set_day(world.estate.id, 12)

    default = core.bill_schedule.set_day(world.estate.id, None)

    assert (own.day, own.own) == (12, True)
    assert (default.day, default.own) == (1, False)


def test_a_run_day_must_be_in_every_month_and_on_an_estate(core) -> None:
    world = seed(core.billing.uow)

    with pytest.raises(InvalidInputError) as refused:
        core.bill_schedule.set_day(world.estate.id, 29)
    with pytest.raises(NotFoundError):
        core.bill_schedule.set_day(world.building.id, 3)

    assert refused.value.fields == ("run_day",)
    assert core.bill_schedule.day_of(world.estate.id).own is False
