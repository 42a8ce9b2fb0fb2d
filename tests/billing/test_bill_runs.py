"""Bill runs through the application, on the fakes, SQLite and PostgreSQL."""

from datetime import date
from decimal import Decimal

import attrs

from propcore.application import Propcore
from propcore.billing.fees import AppliesTo, Cycle, Discounts, FeeItem
from propcore.billing.meters import Reading
from propcore.billing.periods import Period
from propcore.billing.rates import RateSchedule
from propcore.ids import new_id
from propcore.measures import Area
from propcore.money import Money
from propcore.property.tree import Building
from propcore.property.units import Unit, Usage
from propcore.residents.occupancy import Occupancy, Role
from tests.billing.world import HOMES, seed
from tests.fakes import PlainHasher
from tests.recording import RecordingNotifier

DECEMBER = Period.month(2026, 12)


def _bills(core, world, label):
    with core.billing.uow() as uow:
        return uow.bills.for_unit(world.units[label].id)


def test_a_dry_run_shows_totals_and_held_units_and_writes_nothing(core) -> None:
    world = seed(core.billing.uow)

    report = core.billing.run(world.estate.id, DECEMBER, actor="t", dry_run=True)

    assert report.bills == 4
    assert {c: t.amount.amount for c, t in report.items.items()} == {
        "pf": Decimal("532.00"),
        "water": Decimal("90.00"),
        "parking": Decimal("300.00"),
    }
    assert [(h.label, [r.item_code for r in h.reasons]) for h in report.held] == [
        ("103", ["water"])
    ]
    assert report.first_lines[1][1].formula == "100.00 m² × ¥2.80/m²/月 = ¥280.00"
    assert _bills(core, world, "101") == []


def test_a_sale_mid_month_splits_the_fee_by_days_between_two_bills(core) -> None:
    world = seed(core.billing.uow)

    core.billing.run(world.estate.id, DECEMBER, actor="t")

    bills = {b.bill.payer_id: b.bill for b in _bills(core, world, "102")}
    seller, buyer = bills[world.people["李强"].id], bills[world.people["赵敏"].id]
    assert [line.formula for line in buyer.lines] == [
        "90.00 m² × ¥2.80/m²/月 × 21/31 月 = ¥170.71"
    ]
    assert seller.lines[-1].inputs["period"] == "2026-12-01..2026-12-10"
    assert seller.total == Money(Decimal("135.29"))


def test_running_a_month_again_writes_nothing_new(core) -> None:
    world = seed(core.billing.uow)
    first = core.billing.run(world.estate.id, DECEMBER, actor="t")

    again = core.billing.run(world.estate.id, DECEMBER, actor="t")

    assert (first.bills, again.bills, again.already_billed) == (4, 0, 3)
    with core.billing.uow() as uow:
        ledger = uow.ledgers.for_resident(world.people["王芳"].id)
    assert ledger.balance == Money(Decimal("616.00"))
    assert len(ledger.entries) == 2


def test_a_held_unit_is_billed_once_its_reading_is_in(core) -> None:
    world = seed(core.billing.uow)
    core.billing.run(world.estate.id, DECEMBER, actor="t")
    reading = Reading(world.meters["103"].id, Decimal(9), date(2026, 11, 30))
    with core.billing.uow() as uow:
        uow.readings.add(reading)
        uow.commit()

    again = core.billing.run(world.estate.id, DECEMBER, actor="t")

    assert (again.bills, again.held) == (1, [])
    [issued] = _bills(core, world, "103")
    assert [line.formula for line in issued.bill.lines] == [
        "2 m³ × ¥3.00/m³ = ¥6.00",
        "80.00 m² × ¥2.80/m²/月 = ¥224.00",
        "-¥224.00 × (1 - 0.5) = -¥112.00",
    ]


def test_a_preview_flags_consumption_far_above_the_usual(core) -> None:
    world = seed(core.billing.uow)
    meter = world.meters["102"].id
    with core.billing.uow() as uow:
        for month, value in ((6, 1), (7, 5), (8, 9), (9, 13), (10, 17)):
            uow.readings.add(Reading(meter, Decimal(value), date(2026, month, 1)))
        uow.commit()

    report = core.billing.run(world.estate.id, DECEMBER, actor="t", dry_run=True)
    billed = core.billing.run(world.estate.id, DECEMBER, actor="t")

    # 4 m³ a month June to September, 23 in October, then 18 in November:
    # above three times the median of 4
    assert [(f.label, f.item_code, f.found.consumption) for f in report.unusual] == [
        ("102", "water", Decimal(18))
    ]
    assert billed.unusual == []


def test_a_bill_message_links_to_the_bill_on_the_public_site(clock) -> None:
    from propcore.access.accounts import Account, AccountKind
    from propcore.messaging.templates import render
    from tests.fakes import FakeUnitOfWorkFactory

    uow = FakeUnitOfWorkFactory()
    site = "https://wuye.example.com/"
    core = Propcore.build(uow=uow, clock=clock, hasher=PlainHasher(),
                          notifier=RecordingNotifier(), site=site)  # fmt: skip
    world = seed(uow)
    owner = world.people["王芳"]
    with uow() as work:
        work.accounts.add(Account(AccountKind.RESIDENT, "王芳", phone=owner.phone,
                                  person_id=owner.id))  # fmt: skip
        work.commit()

    core.billing.run(world.estate.id, DECEMBER, actor="t")

    with uow() as work:
        messages = work.outbox.queued()
    links = sorted(m.params["link"] for m in messages)
    bills = sorted(f"https://wuye.example.com/bills/{b.bill.id}"
                   for b in core.collecting.bills_of(owner.id))  # fmt: skip
    assert links == bills
    assert links[0] in render(messages[0]).sms or links[1] in render(messages[0]).sms


def test_an_item_billed_a_year_ahead_earns_its_year_ahead_discount(core) -> None:
    world = seed(core.billing.uow)
    yearly = FeeItem(
        "garden", "绿化费", "fixed", AppliesTo(usages=HOMES),
        RateSchedule.flat(Money(Decimal("10.00"))), cycle=Cycle.YEARLY,
        discounts=Discounts(year_ahead=Decimal("0.9")),
    )  # fmt: skip
    with core.billing.uow() as uow:
        uow.fee_items.add(attrs.evolve(yearly, estate_id=world.estate.id))
        uow.readings.add(
            Reading(world.meters["101"].id, Decimal(120), date(2026, 12, 31))
        )
        uow.commit()

    core.billing.run(world.estate.id, Period.month(2027, 1), actor="t")

    [bill] = [b.bill for b in _bills(core, world, "101")
              if b.bill.period == Period.month(2027, 1)]  # fmt: skip
    assert [line.formula for line in bill.lines if line.item_code == "garden"] == [
        "¥10.00/月 × 12 月 = ¥120.00",
        "-¥120.00 × (1 - 0.9) = -¥12.00",
    ]


def _second_building(core, world) -> Unit:
    """2栋 with one owned office, 201, which no item of the world covers."""
    building = Building(world.estate.id, "2栋")
    home = Unit(building.id, "201", 2, "201", Area(Decimal("60.00")), "self_occupied",
                usage=Usage.OFFICE)  # fmt: skip
    with core.billing.uow() as uow:
        uow.buildings.add(building)
        uow.units.add(home)
        owner = world.people["赵敏"].id
        since = date(2020, 1, 1)
        uow.occupancies.add(
            Occupancy(home.id, owner, Role.OWNER, since, share=Decimal(100))
        )
        uow.commit()
    return home


def test_an_item_for_chosen_buildings_bills_only_their_units(core) -> None:
    world = seed(core.billing.uow)
    home = _second_building(core, world)
    lift = {"code": "lift", "name": "电梯费", "fee_type": "fixed", "rate": "30",
            "rate_from": "2026-01-01"}  # fmt: skip
    lift["building_ids"] = str(home.building_id)
    core.fees.create_fee_item(world.estate.id, lift)

    report = core.billing.run(world.estate.id, DECEMBER, actor="t")

    assert report.items["lift"].amount == Money(Decimal("30.00"))
    with core.billing.uow() as uow:
        billed = [b.bill for b in uow.bills.for_unit(home.id)]
    assert [line.item_code for b in billed for line in b.lines] == ["lift"]
    for label in world.units:
        lines = [line for b in _bills(core, world, label) for line in b.bill.lines]
        assert "lift" not in {line.item_code for line in lines}


def _swap_meter(core, world, label, day, closing, fitted) -> None:
    """Retire the unit's water meter on ``day`` (with its ``closing`` reading
    then, if given) and fit a new one read ``fitted`` (day, value) pairs."""
    old = world.meters[label]
    new = attrs.evolve(old, id=new_id())
    with core.billing.uow() as uow:
        if closing is not None:
            uow.readings.add(Reading(old.id, Decimal(closing), day))
        uow.meters.add(new)
        for read_on, value in fitted:
            uow.readings.add(Reading(new.id, Decimal(value), read_on))
        uow.commit()
    core.fees.retire_meter(old.id, {"retired_on": day.isoformat()})


def _water_line(core, world, label):
    (issued,) = _bills(core, world, label)
    (line,) = [line for line in issued.bill.lines if line.item_code == "water"]
    return line


def test_a_meter_retired_mid_period_counts_with_the_one_fitted_in_its_place(core):
    world = seed(core.billing.uow)
    # 103: 7 on 31 October; the old meter reads 10 when retired on 10 November,
    # the new one 0 when fitted that day and 5 on 30 November
    swapped = date(2026, 11, 10)
    fitted = ((swapped, 0), (date(2026, 11, 30), 5))
    _swap_meter(core, world, "103", swapped, 10, fitted)

    report = core.billing.run(world.estate.id, DECEMBER, actor="t")

    assert report.held == []
    line = _water_line(core, world, "103")
    # meters of one kind come by id: either may be listed first
    assert sorted(line.inputs["readings"].split("; ")) == ["0 → 5", "7 → 10"]
    assert line.formula == "8 m³ × ¥3.00/m³ = ¥24.00"


def test_a_meter_retired_before_the_period_holds_no_unit_back(core):
    world = seed(core.billing.uow)
    # 101's meter retired after its reading of 30 November; the new one is
    # fitted then at 0 and reads 6 on 31 December
    last = date(2026, 11, 30)
    _swap_meter(core, world, "101", last, None, ((last, 0), (date(2026, 12, 31), 6)))

    january = Period.month(2027, 1)
    report = core.billing.run(world.estate.id, january, actor="t", dry_run=True)

    assert "101" not in [held.label for held in report.held]
    assert report.items["water"].amount.amount == Decimal("18.00")
