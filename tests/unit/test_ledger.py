"""A resident's ledger: append-only, idempotent payments, balance from entries."""

from datetime import date, datetime, timedelta
from decimal import ROUND_DOWN, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from propcore.billing.ledger import EntryKind, Ledger
from propcore.billing.ledger_errors import (
    AmountDueBelowZeroError,
    DuplicateBillError,
    IdempotencyKeyReusedError,
    NotReversibleError,
    RefundTooLargeError,
)
from propcore.billing.payments import Payment, PaymentMethod
from propcore.billing.reversing import part_key, refund_shares
from propcore.ids import new_id
from propcore.money import Money
from tests.fakes import SHANGHAI
from tests.strategies import positive_money

AT = datetime(2026, 12, 1, 9, tzinfo=SHANGHAI)
OCT, NOV, DEC = date(2026, 10, 31), date(2026, 11, 30), date(2026, 12, 31)
ZERO = Money.zero()


def m(text: str) -> Money:
    return Money(Decimal(text))


def _payment(amount: str, key: str = "k-1", payer=None) -> Payment:
    return Payment(new_id(), payer or new_id(), m(amount), PaymentMethod.CASH, AT, key)


def _ledger_with_bills(*amounts: str) -> tuple[Ledger, list]:
    ledger, bills = Ledger(new_id()), []
    for amount, due_on in zip(amounts, (OCT, NOV, DEC), strict=False):
        bills.append(new_id())
        ledger.charge(bills[-1], m(amount), due_on, at=AT, actor="前台")
    return ledger, bills


def test_the_balance_is_charges_minus_payments():
    ledger, _ = _ledger_with_bills("100.00", "50.00")

    ledger.record_payment(_payment("120.00"), actor="前台")

    assert ledger.balance == m("30.00")


def test_a_payment_settles_the_oldest_bill_and_leaves_the_rest_open():
    ledger, (october, november) = _ledger_with_bills("100.00", "50.00")

    ledger.record_payment(_payment("120.00"), actor="前台")

    assert (ledger.settled(october), ledger.settled(november)) == (
        m("100.00"),
        m("20.00"),
    )
    assert [i.bill_id for i in ledger.open_items()] == [november]


def test_an_overpayment_is_prepaid_and_the_next_bill_draws_on_it():
    ledger, _ = _ledger_with_bills("100.00")
    ledger.record_payment(_payment("130.00"), actor="前台")
    december = new_id()

    ledger.charge(december, m("50.00"), DEC, at=AT, actor="系统")

    assert ledger.settled(december) == m("30.00")
    assert ledger.prepaid == ZERO
    assert ledger.entries[-1].kind is EntryKind.PREPAID_DRAWN
    assert ledger.balance == m("20.00")


def test_the_same_payment_twice_is_recorded_once():
    ledger, _ = _ledger_with_bills("100.00")
    payment = _payment("60.00", key="wx-42")
    first = ledger.record_payment(payment, actor="前台")

    again = ledger.record_payment(payment, actor="前台")

    assert again == first
    assert len(ledger.entries) == 2
    assert ledger.balance == m("40.00")


def test_a_retry_with_a_new_id_but_the_same_key_is_the_same_payment():
    ledger, _ = _ledger_with_bills("100.00")
    payer = new_id()
    ledger.record_payment(_payment("60.00", "wx-42", payer), actor="前台")

    ledger.record_payment(_payment("60.00", "wx-42", payer), actor="前台")

    assert len(ledger.entries) == 2


def test_a_key_reused_for_a_different_payment_is_refused():
    ledger, _ = _ledger_with_bills("100.00")
    ledger.record_payment(_payment("60.00", key="wx-42"), actor="前台")

    with pytest.raises(IdempotencyKeyReusedError) as raised:
        ledger.record_payment(_payment("70.00", key="wx-42"), actor="前台")

    assert raised.value.key == "wx-42"


def test_reversing_a_payment_reopens_its_bills_and_keeps_both_entries():
    ledger, (october,) = _ledger_with_bills("100.00")
    payment = ledger.record_payment(_payment("100.00"), actor="前台")

    reversal = ledger.reverse(payment.id, at=AT, actor="财务 李", reason="退票")

    assert ledger.settled(october) == ZERO
    assert ledger.balance == m("100.00")
    assert (reversal.refers_to, reversal.reason, reversal.actor) == (
        payment.id,
        "退票",
        "财务 李",
    )
    assert [e.kind for e in ledger.entries][-2:] == [
        EntryKind.PAYMENT,
        EntryKind.REVERSAL,
    ]


def test_reversing_a_charge_cancels_the_bill_and_its_settled_money_is_prepaid():
    ledger, (october,) = _ledger_with_bills("100.00")
    ledger.record_payment(_payment("40.00"), actor="前台")
    charge = ledger.entries[0]

    ledger.reverse(charge.id, at=AT, actor="财务", reason="重复开单")

    assert ledger.amount_due(october) == ZERO
    assert ledger.prepaid == m("40.00")
    assert ledger.balance == m("-40.00")


def test_an_entry_is_reversed_at_most_once():
    ledger, _ = _ledger_with_bills("100.00")
    ledger.reverse(ledger.entries[0].id, at=AT, actor="财务", reason="错")

    with pytest.raises(NotReversibleError, match="already"):
        ledger.reverse(ledger.entries[0].id, at=AT, actor="财务", reason="错")


def test_a_reversal_needs_a_reason():
    ledger, _ = _ledger_with_bills("100.00")

    with pytest.raises(Exception, match="reason"):
        ledger.reverse(ledger.entries[0].id, at=AT, actor="财务", reason=" ")


def test_an_adjustment_lowers_a_bill_and_overpaid_money_becomes_prepaid():
    ledger, (october,) = _ledger_with_bills("100.00")
    ledger.record_payment(_payment("100.00"), actor="前台")

    ledger.adjust(october, m("-30.00"), at=AT, actor="经理", reason="减免")

    assert ledger.amount_due(october) == m("70.00")
    assert ledger.settled(october) == m("70.00")
    assert ledger.prepaid == m("30.00")


def test_an_adjustment_below_zero_is_refused():
    ledger, (october,) = _ledger_with_bills("100.00")

    with pytest.raises(AmountDueBelowZeroError) as raised:
        ledger.adjust(october, m("-100.01"), at=AT, actor="经理", reason="减免")

    assert raised.value.amount_due == m("100.00")


def test_a_refund_pays_back_prepaid_money_against_its_payment():
    ledger = Ledger(new_id())
    payment = ledger.record_payment(_payment("200.00"), actor="前台")

    ledger.refund(payment.id, m("150.00"), at=AT, actor="财务", reason="搬走")

    assert ledger.prepaid == m("50.00")
    assert ledger.balance == m("-50.00")


def test_a_refund_beyond_the_prepaid_balance_is_refused():
    ledger, _ = _ledger_with_bills("100.00")
    payment = ledger.record_payment(_payment("150.00"), actor="前台")

    with pytest.raises(RefundTooLargeError) as raised:
        ledger.refund(payment.id, m("60.00"), at=AT, actor="财务", reason="多缴")

    assert raised.value.refundable == m("50.00")
    assert "at most 50.00" in str(raised.value)


def test_a_refunded_payment_cannot_be_reversed():
    ledger = Ledger(new_id())
    payment = ledger.record_payment(_payment("200.00"), actor="前台")
    ledger.refund(payment.id, m("10.00"), at=AT, actor="财务", reason="多缴")

    with pytest.raises(NotReversibleError, match="refunded"):
        ledger.reverse(payment.id, at=AT, actor="财务", reason="退票")


def test_a_bill_is_charged_once():
    ledger, (october,) = _ledger_with_bills("100.00")

    with pytest.raises(DuplicateBillError):
        ledger.charge(october, m("1.00"), OCT, at=AT, actor="系统")


def test_a_reversal_of_a_reversal_is_refused():
    ledger, _ = _ledger_with_bills("100.00")
    reversal = ledger.reverse(ledger.entries[0].id, at=AT, actor="财务", reason="错")

    with pytest.raises(NotReversibleError):
        ledger.reverse(reversal.id, at=AT, actor="财务", reason="错")


@given(
    charges=st.lists(positive_money(10**6), max_size=6),
    payments=st.lists(positive_money(10**6), max_size=6),
)
def test_the_balance_is_charges_minus_payments_at_every_step(charges, payments):
    ledger = Ledger(new_id())
    charged, paid = ZERO, ZERO

    for n, (charge, paid_now) in enumerate(zip(charges, payments, strict=False)):
        ledger.charge(new_id(), charge, OCT + timedelta(n), at=AT, actor="t")
        ledger.record_payment(_payment(str(paid_now.amount), f"k{n}"), actor="t")
        charged, paid = charged + charge, paid + paid_now

        assert ledger.balance == charged - paid
        open_total = sum((i.open_amount for i in ledger.open_items()), ZERO)
        assert ledger.balance == open_total - ledger.prepaid


@given(amount=positive_money(10**6), bill=positive_money(10**6))
def test_applying_a_payment_twice_with_the_same_key_changes_nothing(amount, bill):
    ledger = Ledger(new_id())
    ledger.charge(new_id(), bill, OCT, at=AT, actor="t")
    payment = _payment(str(amount.amount))
    ledger.record_payment(payment, actor="t")
    before = (ledger.entries, ledger.balance, ledger.prepaid)

    ledger.record_payment(payment, actor="t")

    assert (ledger.entries, ledger.balance, ledger.prepaid) == before


REFUSALS = (
    NotReversibleError,
    AmountDueBelowZeroError,
    RefundTooLargeError,
)


class LedgerMachine(RuleBasedStateMachine):
    """Charges, credits, payments (some sent twice), adjustments, reversals
    and refunds."""

    def __init__(self) -> None:
        super().__init__()
        self.ledger = Ledger(new_id())
        self.payments: list[Payment] = []
        self.expected_balance = ZERO
        self.seen: list = []
        self.due_on = OCT
        self.refunds = 0

    @rule(amount=positive_money(10**5))
    def charge(self, amount):
        self.due_on += timedelta(days=1)

        self.ledger.charge(new_id(), amount, self.due_on, at=AT, actor="t")

        self.expected_balance += amount

    @rule(amount=positive_money(10**5))
    def credit(self, amount):
        self.ledger.credit(new_id(), amount, at=AT, actor="t")

        self.expected_balance -= amount

    @rule(amount=positive_money(10**5))
    def pay(self, amount):
        payment = _payment(str(amount.amount), key=f"k{len(self.payments)}")

        self.ledger.record_payment(payment, actor="t")

        self.payments.append(payment)
        self.expected_balance -= amount

    @rule(data=st.data())
    def pay_again(self, data):
        if not self.payments:
            return
        payment = data.draw(st.sampled_from(self.payments))
        count = len(self.ledger.entries)

        self.ledger.record_payment(payment, actor="t")

        assert len(self.ledger.entries) == count

    @rule(data=st.data(), cents=st.integers(-(10**6), 10**6).filter(bool))
    def adjust(self, data, cents):
        bills = list(self.ledger.bills())
        if not bills:
            return
        amount = Money(Decimal(cents).scaleb(-2))

        bill = data.draw(st.sampled_from(bills))
        try:
            self.ledger.adjust(bill, amount, at=AT, actor="t", reason="r")
        except REFUSALS:
            return
        self.expected_balance += amount

    @rule(data=st.data())
    def reverse(self, data):
        if not self.ledger.entries:
            return
        target = data.draw(st.sampled_from(self.ledger.entries))
        due = self.ledger.amount_due(target.bill_id) if target.bill_id else ZERO
        try:
            self.ledger.reverse(target.id, at=AT, actor="t", reason="r")
        except REFUSALS:
            return
        self.expected_balance += {
            EntryKind.PAYMENT: target.amount,
            EntryKind.ADJUSTMENT: ZERO - target.amount,
            EntryKind.CHARGE: ZERO - due,
        }[target.kind]

    @rule(data=st.data(), amount=positive_money(10**5))
    def refund(self, data, amount):
        if not self.payments:
            return
        payment = data.draw(st.sampled_from(self.payments))
        try:
            self.ledger.refund(payment.id, amount, at=AT, actor="t", reason="r")
        except REFUSALS:
            return
        self.expected_balance += amount

    @rule(percent=st.integers(1, 100))
    def refund_prepaid(self, percent):
        payments = [e for e in self.ledger.entries if e.kind is EntryKind.PAYMENT]
        backed = sum((self.ledger.refundable(e.id) for e in payments), ZERO)
        share = min(self.ledger.prepaid, backed).amount * percent / 100
        amount = Money(share.quantize(Decimal("0.01"), rounding=ROUND_DOWN))
        if amount <= ZERO:
            return
        self.refunds += 1

        for n, (payment, part) in enumerate(refund_shares(self.ledger, amount), 1):
            key = part_key(f"refund-{self.refunds}", n)
            self.ledger.refund(payment, part, at=AT, actor="t", reason="r", key=key)

        self.expected_balance += amount

    @invariant()
    def every_key_is_taken_once(self):
        keys = [e.idempotency_key for e in self.ledger.entries if e.idempotency_key]

        assert len(keys) == len(set(keys))

    @invariant()
    def balance_is_consistent_with_the_entries(self):
        open_total = sum((i.open_amount for i in self.ledger.open_items()), ZERO)

        assert self.ledger.balance == self.expected_balance
        assert self.ledger.balance == open_total - self.ledger.prepaid

    @invariant()
    def no_entry_is_lost_or_changed(self):
        entries = list(self.ledger.entries)

        assert entries[: len(self.seen)] == self.seen
        self.seen = entries

    @invariant()
    def every_bill_is_settled_between_nothing_and_its_amount(self):
        for bill_id in self.ledger.bills():
            due, settled = self.ledger.amount_due(bill_id), self.ledger.settled(bill_id)
            assert ZERO <= settled <= due
        assert self.ledger.prepaid >= ZERO

    @invariant()
    def every_payment_key_is_recorded_once(self):
        keys = [e.payment.idempotency_key for e in self.ledger.entries if e.payment]

        assert len(keys) == len(set(keys)) == len(self.payments)


TestLedgerMachine = LedgerMachine.TestCase
