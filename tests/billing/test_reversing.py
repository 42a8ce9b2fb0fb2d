"""冲正 and 退款 by staff, on the fakes, SQLite and PostgreSQL."""

from datetime import timedelta
from decimal import Decimal

import attrs
import pytest

from propcore.access.accounts import Account, AccountKind
from propcore.billing.ledger import EntryKind
from propcore.billing.ledger_errors import (
    IdempotencyKeyReusedError,
    PaymentNotReversibleError,
    RefundTooLargeError,
    UnknownPaymentError,
)
from propcore.billing.payments import PaymentMethod, Payout
from propcore.errors import InvalidInputError
from propcore.ids import new_id
from propcore.messaging.templates import render
from propcore.money import Money
from propcore.property.tree import NodeKind, OrgNode
from tests.billing.test_bill_runs import DECEMBER
from tests.billing.world import seed


@pytest.fixture
def billed(core):
    world = seed(core.billing.uow)
    core.billing.run(world.estate.id, DECEMBER, actor="t")
    return world


def _payer(world):
    return world.people["王芳"].id


def _pay(core, world, amount, key):
    raw = {"amount": amount, "method": "cash", "idempotency_key": key}
    return core.collecting.record_payment(
        world.estate.id, _payer(world), raw, actor="desk"
    )


def _reverse(core, world, payment_id, key="r1", reason="银行退票"):
    raw = {"payment_id": str(payment_id), "reason": reason, "idempotency_key": key}
    return core.reversing.reverse_payment(
        _payer(world), raw, in_estate=world.estate.id, actor="cashier", by=None
    )


def _refund(core, world, amount, key="f1", **extra):
    raw = {"amount": amount, "method": "cash", "reason": "搬走", "idempotency_key": key}
    return core.reversing.refund(
        _payer(world), raw | extra, in_estate=world.estate.id, actor="cashier",
        by=new_id(),
    )  # fmt: skip


def _ledger(core, world):
    return core.collecting.ledger(_payer(world))


def _m(text: str) -> Money:
    return Money(Decimal(text))


def test_a_reversed_payment_reopens_its_bills_and_keeps_its_receipt(core, billed):
    receipt = _pay(core, billed, "700.00", "k1")

    reversal = _reverse(core, billed, receipt.entry.id)

    ledger = _ledger(core, billed)
    assert (reversal.kind, reversal.refers_to) == (EntryKind.REVERSAL, receipt.entry.id)
    assert (reversal.reason, reversal.actor) == ("银行退票", "cashier")
    assert ledger.balance == _m("616.00")
    assert ledger.prepaid == Money.zero()
    assert sum((i.open_amount for i in ledger.open_items()), Money.zero()) == _m(
        "616.00"
    )
    with core.billing.uow() as uow:
        assert uow.receipts.for_payment(receipt.entry.id) == receipt.number


def test_the_same_reversal_twice_is_recorded_once(core, billed):
    receipt = _pay(core, billed, "100.00", "k1")

    first = _reverse(core, billed, receipt.entry.id)
    again = _reverse(core, billed, receipt.entry.id)

    reversals = [
        e for e in _ledger(core, billed).entries if e.kind is EntryKind.REVERSAL
    ]
    assert first.id == again.id
    assert [e.id for e in reversals] == [first.id]


def test_a_reversal_is_audited(core, billed):
    receipt = _pay(core, billed, "100.00", "k1")

    reversal = _reverse(core, billed, receipt.entry.id)

    with core.billing.uow() as uow:
        (event, *_) = uow.audit.recent(5)
    assert event.subject == f"person:{_payer(billed)}"
    assert event.details["what"] == "payment_reversed"
    assert event.details["entry"] == str(reversal.id)
    assert event.details["payment"] == str(receipt.entry.id)


@pytest.mark.parametrize(
    ("change", "error", "field"),
    [
        ({"reason": " "}, InvalidInputError, "reason"),
        ({"payment_id": "nonsense"}, InvalidInputError, "payment_id"),
        ({"payment_id": str(new_id())}, UnknownPaymentError, "payment_id"),
    ],
)
def test_a_bad_reversal_names_its_field_and_changes_nothing(
    core,
    billed,
    change,
    error,
    field,
):
    receipt = _pay(core, billed, "100.00", "k1")
    raw = {"payment_id": str(receipt.entry.id), "reason": "退票"}
    raw |= {"idempotency_key": "r1"} | change
    before = _ledger(core, billed).entries

    with pytest.raises(error) as refused:
        core.reversing.reverse_payment(
            _payer(billed), raw, in_estate=billed.estate.id, actor="c", by=None
        )

    assert refused.value.fields == (field,)
    assert _ledger(core, billed).entries == before


def test_a_payment_is_reversed_once_whatever_the_key(core, billed):
    receipt = _pay(core, billed, "100.00", "k1")
    _reverse(core, billed, receipt.entry.id, key="r1")

    with pytest.raises(PaymentNotReversibleError) as refused:
        _reverse(core, billed, receipt.entry.id, key="r2")

    assert refused.value.problem.field == "payment_id"
    assert refused.value.problem.message == "is already reversed"


def test_a_charge_is_not_reversed_as_a_payment(core, billed):
    (charge, *_) = _ledger(core, billed).entries

    with pytest.raises(UnknownPaymentError):
        _reverse(core, billed, charge.id)


def test_a_refund_pays_back_part_of_the_prepaid_balance(core, billed):
    _pay(core, billed, "700.00", "k1")

    (refund,) = _refund(core, billed, "50.00")

    ledger = _ledger(core, billed)
    assert (refund.kind, refund.amount, refund.reason) == (
        EntryKind.REFUND,
        _m("50.00"),
        "搬走",
    )
    assert refund.payout == Payout(PaymentMethod.CASH)
    assert ledger.prepaid == _m("34.00")
    assert ledger.balance == _m("-34.00")


def test_a_refund_beyond_the_latest_payment_is_split_latest_first(core, billed):
    first = _pay(core, billed, "650.00", "k1")
    second = _pay(core, billed, "20.00", "k2")

    parts = _refund(core, billed, "54.00", reference="退-1", method="bank_transfer")

    assert [(p.refers_to, p.amount) for p in parts] == [
        (second.entry.id, _m("20.00")),
        (first.entry.id, _m("34.00")),
    ]
    assert _ledger(core, billed).prepaid == Money.zero()
    assert parts[1].payout == Payout(PaymentMethod.BANK_TRANSFER, "退-1")


def test_the_same_refund_twice_is_recorded_once(core, billed):
    _pay(core, billed, "650.00", "k1")
    _pay(core, billed, "20.00", "k2")

    first = _refund(core, billed, "54.00")
    again = _refund(core, billed, "54.00")

    refunds = [e for e in _ledger(core, billed).entries if e.kind is EntryKind.REFUND]
    assert [e.id for e in first] == [e.id for e in again] == [e.id for e in refunds]


def test_a_refund_key_reused_for_another_amount_is_refused(core, billed):
    _pay(core, billed, "700.00", "k1")
    _refund(core, billed, "10.00")

    with pytest.raises(IdempotencyKeyReusedError):
        _refund(core, billed, "20.00")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"amount": "84.01"}, "amount"),
        ({"amount": "0"}, "amount"),
        ({"reason": ""}, "reason"),
        ({"method": "alipay"}, "reference"),
        ({"method": "cheque"}, "method"),
    ],
)
def test_a_bad_refund_names_its_field_and_changes_nothing(core, billed, change, field):
    _pay(core, billed, "700.00", "k1")
    before = _ledger(core, billed).entries

    with pytest.raises(InvalidInputError) as refused:
        _refund(core, billed, **({"amount": "10.00"} | change))

    assert refused.value.fields == (field,)
    assert _ledger(core, billed).entries == before


def test_a_refund_above_the_prepaid_balance_says_how_much_may_go(core, billed):
    _pay(core, billed, "700.00", "k1")

    with pytest.raises(RefundTooLargeError) as refused:
        _refund(core, billed, "100.00")

    assert refused.value.refundable == _m("84.00")


def test_a_refunded_payment_is_not_reversed(core, billed):
    receipt = _pay(core, billed, "700.00", "k1")
    _refund(core, billed, "10.00")

    with pytest.raises(PaymentNotReversibleError) as refused:
        _reverse(core, billed, receipt.entry.id)

    assert refused.value.problem.message == "part of the payment was refunded"


def _other_estate(core) -> OrgNode:
    other = OrgNode(NodeKind.ESTATE, "锦绣江南")
    with core.billing.uow() as uow:
        uow.orgs.add(other)
        uow.commit()
    return other


def test_staff_of_another_estate_neither_reverse_nor_refund_the_payment(core, billed):
    receipt = _pay(core, billed, "900.00", "k1")
    other = _other_estate(core)
    raw = {"payment_id": str(receipt.entry.id), "reason": "退票"}
    before = _ledger(core, billed).entries

    with pytest.raises(UnknownPaymentError):
        core.reversing.reverse_payment(
            _payer(billed), raw | {"idempotency_key": "r1"}, in_estate=other.id,
            actor="c", by=None,
        )  # fmt: skip
    with pytest.raises(RefundTooLargeError):
        core.reversing.refund(
            _payer(billed), {"amount": "10.00", "method": "cash", "reason": "多缴",
                             "idempotency_key": "f1"},
            in_estate=other.id, actor="c", by=None,
        )  # fmt: skip

    assert _ledger(core, billed).entries == before


def _with_account(core, world):
    person = world.people["王芳"]
    account = Account(AccountKind.RESIDENT, "王芳", phone=person.phone,
                      person_id=person.id, language="en")  # fmt: skip
    with core.billing.uow() as uow:
        uow.accounts.add(account)
        uow.commit()
    return account


def _queued(core, template):
    """What the outbox holds, read through its port (claimed, not committed)."""
    later = core.clock.now() + timedelta(days=1)
    with core.billing.uow() as uow:
        entries = uow.outbox.claim(later, later, 100)
    return [e.message for e in entries if e.message.template == template]


def test_a_reversal_tells_the_payer_once(core, billed):
    account = _with_account(core, billed)
    receipt = _pay(core, billed, "700.00", "k1")

    _reverse(core, billed, receipt.entry.id)
    _reverse(core, billed, receipt.entry.id)

    (message,) = _queued(core, "payment_reversed")
    assert (message.account_id, message.kind) == (account.id, "payment")
    assert message.key == f"payment_reversed:{receipt.entry.id}"
    assert message.params == {
        "amount": "¥700.00",
        "receipt": receipt.number,
        "reason": "银行退票",
    }
    assert render(message).text == (
        f"Your payment of ¥700.00 (receipt {receipt.number}) was reversed: 银行退票. "
        "The bills it settled are open again."
    )


def test_a_refund_in_parts_is_one_message_sent_once(core, billed):
    account = _with_account(core, billed)
    _pay(core, billed, "650.00", "k1")
    _pay(core, billed, "20.00", "k2")

    (first, _) = _refund(core, billed, "54.00", reference="退-1", method="wechat_pay")
    _refund(core, billed, "54.00", reference="退-1", method="wechat_pay")

    (message,) = _queued(core, "payment_refunded")
    assert (message.account_id, message.key) == (
        account.id,
        f"payment_refunded:{first.id}",
    )
    assert message.params == {"amount": "¥54.00", "method": "wechat_pay",
                              "reason": "搬走"}  # fmt: skip
    chinese = render(attrs.evolve(message, language="zh_CN"))
    assert chinese.text == "已通过微信支付向您退还预存款 ¥54.00，原因：搬走。"
    assert render(message).sms == "Refund of ¥54.00 by WeChat Pay."


def test_a_refused_reversal_or_refund_tells_nobody(core, billed):
    _with_account(core, billed)
    receipt = _pay(core, billed, "700.00", "k1")
    _refund(core, billed, "10.00")

    with pytest.raises(PaymentNotReversibleError):
        _reverse(core, billed, receipt.entry.id)
    with pytest.raises(RefundTooLargeError):
        _refund(core, billed, "100.00", key="f2")

    assert _queued(core, "payment_reversed") == []
    assert len(_queued(core, "payment_refunded")) == 1


def test_a_payer_without_an_account_is_refunded_without_a_message(core, billed):
    _pay(core, billed, "700.00", "k1")

    (refund,) = _refund(core, billed, "50.00")

    assert refund.kind is EntryKind.REFUND
    assert _queued(core, "payment_refunded") == []


def test_a_payment_names_its_payer_only_to_the_estate_that_received_it(core, billed):
    receipt = _pay(core, billed, "900.00", "k1")
    other = _other_estate(core)
    charge = next(
        e for e in _ledger(core, billed).entries if e.kind is EntryKind.CHARGE
    )

    found = core.reversing.payer_of(receipt.entry.id, in_estate=billed.estate.id)

    assert found == _payer(billed)
    for payment_id, estate_id in (
        (receipt.entry.id, other.id),  # received by another estate
        (charge.id, billed.estate.id),  # a charge, not a payment
        (new_id(), billed.estate.id),  # nothing at all
    ):
        with pytest.raises(InvalidInputError) as refused:
            core.reversing.payer_of(payment_id, in_estate=estate_id)
        assert refused.value.fields == ("payment_id",)
