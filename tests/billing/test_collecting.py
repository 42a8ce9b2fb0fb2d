"""Payments, receipts, arrears, aging and collection after a bill run."""

from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest

from propcore.billing.aging import AgingBucket
from propcore.billing.periods import Period
from propcore.errors import InvalidInputError
from propcore.money import Money
from tests.billing.test_bill_runs import DECEMBER
from tests.billing.world import seed


@pytest.fixture
def billed(core):
    world = seed(core.billing.uow)
    core.billing.run(world.estate.id, DECEMBER, actor="t")
    return world


def _pay(core, world, name, amount, key, method="cash", **extra):
    raw = {"amount": amount, "method": method, "idempotency_key": key, **extra}
    payer = world.people[name].id
    return core.collecting.record_payment(world.estate.id, payer, raw, actor="desk")


def test_a_payment_with_the_same_key_is_recorded_once(core, billed) -> None:
    first = _pay(core, billed, "王芳", "700.00", "k1")

    again = _pay(core, billed, "王芳", "700.00", "k1")

    code = billed.estate.id.hex[:6].upper()
    assert (first.number, again.number) == (f"R-{code}-000001",) * 2
    ledger = core.collecting.ledger(billed.people["王芳"].id)
    assert ledger.balance == Money(Decimal("-84.00"))
    assert ledger.prepaid == Money(Decimal("84.00"))


def test_receipt_numbers_follow_each_other_without_gaps(core, billed) -> None:
    numbers = [_pay(core, billed, "王芳", "10.00", f"k{n}").number for n in range(3)]
    with pytest.raises(InvalidInputError):
        _pay(core, billed, "王芳", "10.00", "k9", method="alipay")

    later = _pay(core, billed, "王芳", "10.00", "k4").number

    assert [n[-3:] for n in [*numbers, later]] == ["001", "002", "003", "004"]


def test_collection_counts_money_and_households(core, billed) -> None:
    _pay(core, billed, "王芳", "616.00", "k1")

    figures = core.collecting.collection(billed.estate.id, DECEMBER)

    assert figures.due == Money(Decimal("922.00")) - Money(Decimal("0.00"))
    assert figures.collected == Money(Decimal("616.00"))
    assert (figures.households_billed, figures.households_paid) == (4, 2)


def test_unpaid_bills_age_into_buckets_and_show_in_arrears(core, billed) -> None:
    _pay(core, billed, "王芳", "616.00", "k1")

    aging = core.collecting.aging(billed.estate.id, date(2027, 1, 10))
    arrears = core.collecting.arrears(billed.estate.id, date(2027, 1, 10))

    assert aging.bucket_total(AgingBucket.DAYS_0_30) == Money(Decimal("306.00"))
    assert [(r.owed.amount, r.bills) for r in arrears] == [
        (Decimal("170.71"), 1),
        (Decimal("135.29"), 1),
    ]
    assert core.collecting.arrears(billed.estate.id, date(2026, 12, 15)) == []


def test_a_period_without_bills_collects_nothing(core, billed) -> None:
    figures = core.collecting.collection(billed.estate.id, Period.month(2027, 1))

    assert (figures.households_billed, figures.rate) == (0, None)


def _with_account(core, world, name):
    from propcore.access.accounts import Account, AccountKind

    person = world.people[name]
    account = Account(AccountKind.RESIDENT, name, phone=person.phone,
                      person_id=person.id)  # fmt: skip
    with core.billing.uow() as uow:
        uow.accounts.add(account)
        uow.commit()
    return account


def _at(day: date) -> datetime:
    return datetime.combine(day, time(9), tzinfo=UTC)


def test_reminders_follow_the_ladder_once_and_stop_when_paid(core, billed) -> None:
    _with_account(core, billed, "王芳")
    _with_account(core, billed, "李强")

    early = core.collecting.remind_due(_at(date(2026, 12, 11)))
    before_due = core.collecting.remind_due(_at(date(2026, 12, 12)))
    again = core.collecting.remind_due(_at(date(2026, 12, 13)))
    _pay(core, billed, "王芳", "616.00", "k1")
    late = core.collecting.remind_due(_at(date(2027, 1, 20)))

    assert (early, before_due, again, late) == (0, 3, 0, 1)


def test_the_payment_message_names_the_receipt(fake_core) -> None:
    from propcore.messaging.templates import render

    world = seed(fake_core.billing.uow)
    _with_account(fake_core, world, "王芳")
    receipt = _pay(fake_core, world, "王芳", "100.00", "k1")

    with fake_core.billing.uow() as uow:
        (message,) = uow.outbox.queued()

    assert message.template == "payment_received"
    assert receipt.number in render(message).text


def test_staff_may_settle_a_chosen_bill_before_older_ones(core, billed) -> None:
    parking = core.collecting.bills_of_unit(billed.units["P01"].id)[0].bill
    raw = {"amount": "400.00", "method": "cash", "idempotency_key": "k1"}
    payer = billed.people["王芳"].id

    core.collecting.record_payment(
        billed.estate.id, payer, raw, actor="desk", first_bill=parking.id
    )

    open_by_unit = {
        b.unit_id: b.open_amount.amount
        for b in core.collecting.balances(billed.estate.id, DECEMBER)
        if b.payer_id == payer
    }
    assert open_by_unit == {
        billed.units["P01"].id: Decimal("0.00"),
        billed.units["101"].id: Decimal("216.00"),
    }


def test_a_queued_reminder_for_a_bill_paid_since_is_cancelled_unsent(
    core,
    billed,
) -> None:
    from propcore.access.policy import Actor, Scope, StaffGrant
    from propcore.access.rules import StaffRole

    wang = _with_account(core, billed, "王芳")
    li = _with_account(core, billed, "李强")
    admin = Actor(
        li.id, staff=(StaffGrant(StaffRole.COMPANY_ADMIN, Scope(everything=True)),)
    )
    core.clock.at = _at(date(2026, 12, 12))
    queued = core.collecting.remind_due(core.clock.now())
    _pay(core, billed, "王芳", "616.00", "k1")

    report = core.messages.relay()
    again = core.messages.relay()

    assert (queued, report.cancelled, report.sent, report.failed) == (3, 2, 2, 0)
    assert again.claimed == 0
    assert core.messages.failed(admin) == []
    assert [i.kind for i in core.messages.inbox(Actor(wang.id))] == ["payment"]
    assert [i.kind for i in core.messages.inbox(Actor(li.id))] == ["reminder"]
