"""The ledger store, on the fakes, SQLite and PostgreSQL: entries come back as
appended, and an idempotency key is taken once across payments, reversals
and refunds."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from propcore.billing.ledger import Ledger
from propcore.billing.payments import Payment, PaymentMethod, Payout
from propcore.errors import ConflictError
from propcore.ids import new_id
from propcore.money import Money
from propcore.property.tree import NodeKind, OrgNode
from propcore.residents.people import Person

AT = datetime(2026, 12, 5, 9, tzinfo=UTC)


@pytest.fixture
def resident(uow):
    person = Person("王芳")
    with uow() as work:
        work.people.add(person)
        work.commit()
    return person.id


def _ledger(resident) -> Ledger:
    ledger = Ledger(resident)
    ledger.charge(
        new_id(), Money(Decimal("80.00")), date(2026, 12, 15), at=AT, actor="run"
    )
    payment = Payment(new_id(), resident, Money(Decimal("100.00")),
                      PaymentMethod.CASH, AT, "pay-1")  # fmt: skip
    ledger.record_payment(payment, actor="desk")
    ledger.refund(payment.id, Money(Decimal("5.00")), at=AT, actor="desk",
                  reason="多缴", key="refund-1",
                  payout=Payout(PaymentMethod.WECHAT_PAY, "wx-9"))  # fmt: skip
    ledger.reverse(ledger.entries[0].id, at=AT, actor="desk", reason="错开",
                   key="reverse-1")  # fmt: skip
    return ledger


def test_reversals_and_refunds_come_back_with_their_keys_and_payout(uow, resident):
    ledger = _ledger(resident)

    with uow() as work:
        work.ledgers.append(ledger.entries, resident)
        work.commit()
    with uow() as work:
        stored = work.ledgers.for_resident(resident)

    assert stored.entries == ledger.entries
    assert [e.idempotency_key for e in stored.entries] == [
        None, "pay-1", "refund-1", "reverse-1"
    ]  # fmt: skip
    assert stored.balance == ledger.balance


def test_a_reversal_key_taken_by_a_payment_conflicts(uow, resident):
    ledger = _ledger(resident)
    with uow() as work:
        work.ledgers.append(ledger.entries, resident)
        work.commit()
    again = Ledger(resident)
    payment = Payment(new_id(), resident, Money(Decimal("1.00")),
                      PaymentMethod.CASH, AT, "other")  # fmt: skip
    again.record_payment(payment, actor="desk")
    again.reverse(payment.id, at=AT, actor="desk", reason="退票", key="pay-1")

    with uow() as work, pytest.raises(ConflictError):
        work.ledgers.append(again.entries[1:], resident)


def test_receipts_say_which_payments_an_estate_received(uow, resident):
    here, there = (
        OrgNode(NodeKind.ESTATE, "翠湖花园"),
        OrgNode(NodeKind.ESTATE, "锦绣江南"),
    )
    ours, theirs = new_id(), new_id()
    with uow() as work:
        work.orgs.add(here)
        work.orgs.add(there)
        work.receipts.add("CH-1", here.id, ours, AT)
        work.receipts.add("JX-1", there.id, theirs, AT)
        work.commit()

    with uow() as work:
        found = work.receipts.received_in(here.id, [ours, theirs, new_id()])
        none = work.receipts.received_in(here.id, [])

    assert (found, none) == ({ours}, set())


def test_a_payment_names_the_resident_whose_ledger_holds_it(uow, resident):
    ledger = _ledger(resident)
    other = Person("李强")
    with uow() as work:
        work.people.add(other)
        work.ledgers.append(ledger.entries, resident)
        work.commit()
    charge, payment, refund, _ = ledger.entries

    with uow() as work:
        found = [work.ledgers.payer_of(e.id) for e in (payment, charge, refund)]
        unknown = work.ledgers.payer_of(new_id())

    assert found == [resident, None, None]
    assert unknown is None
