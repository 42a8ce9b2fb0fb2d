"""Payments (缴费): oldest bills first, never more than owed, the rest prepaid."""

from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

import pytest
from hypothesis import given

from propcore.billing.payments import (
    AllocationExceedsPaymentError,
    OpenItem,
    OverAllocationError,
    Payment,
    PaymentMethod,
    ReceiptBook,
    allocate,
    draw_on_prepaid,
)
from propcore.errors import InvalidInputError
from propcore.ids import new_id
from propcore.money import Money
from tests.fakes import SHANGHAI
from tests.strategies import open_items, positive_money

A, B, C = (UUID(int=n) for n in (1, 2, 3))
AT = datetime(2026, 12, 1, 9, tzinfo=SHANGHAI)


def m(text: str) -> Money:
    return Money(Decimal(text))


def _item(bill_id, due_on, due, settled="0.00") -> OpenItem:
    return OpenItem(bill_id, due_on, m(due), m(settled))


def _payment(**kwargs) -> Payment:
    values = dict(
        id=new_id(),
        payer_id=new_id(),
        amount=m("100.00"),
        method=PaymentMethod.CASH,
        received_at=AT,
        idempotency_key="k-1",
    )
    return Payment(**(values | kwargs))


def test_a_payment_settles_the_oldest_bill_first_and_the_rest_is_prepaid():
    items = [
        _item(B, date(2026, 11, 30), "80.00"),
        _item(A, date(2026, 10, 31), "50.00", settled="20.00"),
    ]

    result = allocate(m("150.00"), items)

    assert [(a.bill_id, a.amount) for a in result.allocations] == [
        (A, m("30.00")),
        (B, m("80.00")),
    ]
    assert result.prepaid == m("40.00")


def test_bills_due_the_same_day_are_settled_in_bill_id_order():
    items = [
        _item(B, date(2026, 10, 31), "50.00"),
        _item(A, date(2026, 10, 31), "50.00"),
    ]

    result = allocate(m("60.00"), items)

    assert [a.amount for a in result.allocations] == [m("50.00"), m("10.00")]
    assert result.allocations[0].bill_id == A


def test_an_explicit_allocation_settles_exactly_what_it_names():
    items = [
        _item(A, date(2026, 10, 31), "50.00"),
        _item(B, date(2026, 11, 30), "80.00"),
    ]

    result = allocate(m("100.00"), items, {B: m("80.00")})

    assert [(a.bill_id, a.amount) for a in result.allocations] == [(B, m("80.00"))]
    assert result.prepaid == m("20.00")


def test_an_explicit_allocation_above_a_bills_open_amount_is_refused():
    items = [_item(A, date(2026, 10, 31), "50.00", settled="45.00")]

    with pytest.raises(OverAllocationError) as raised:
        allocate(m("100.00"), items, {A: m("6.00")})

    assert (raised.value.bill_id, raised.value.open_amount) == (A, m("5.00"))


def test_an_explicit_allocation_above_the_payment_is_refused():
    items = [
        _item(A, date(2026, 10, 31), "50.00"),
        _item(B, date(2026, 11, 30), "80.00"),
    ]

    with pytest.raises(AllocationExceedsPaymentError) as raised:
        allocate(m("100.00"), items, {A: m("50.00"), B: m("60.00")})

    assert raised.value.allocated == m("110.00")


def test_an_explicit_allocation_to_a_bill_not_open_is_refused():
    with pytest.raises(InvalidInputError, match="allocations"):
        allocate(m("10.00"), [], {A: m("1.00")})


def test_a_later_bill_draws_on_the_prepaid_balance():
    result = draw_on_prepaid(m("40.00"), [_item(C, date(2026, 12, 31), "30.00")])

    assert result.allocations[0].amount == m("30.00")
    assert result.prepaid == m("10.00")


def test_a_payment_must_be_more_than_zero():
    with pytest.raises(InvalidInputError, match="amount"):
        _payment(amount=m("0.00"))


@pytest.mark.parametrize(
    "method",
    [PaymentMethod.WECHAT_PAY, PaymentMethod.ALIPAY, PaymentMethod.BANK_TRANSFER],
)
def test_online_and_bank_payments_need_the_external_reference(method):
    with pytest.raises(InvalidInputError, match="reference"):
        _payment(method=method)

    assert _payment(method=method, reference="4200001234").reference == "4200001234"


def test_cash_and_pos_payments_need_no_reference():
    assert _payment(method=PaymentMethod.POS).reference is None


def test_receipt_numbers_follow_the_last_used_without_gaps():
    book = ReceiptBook("HY01", last_used=122)

    first, book = book.issue()
    second, book = book.issue()

    assert (first, second) == ("R-HY01-000123", "R-HY01-000124")
    assert book.last_used == 124


def test_a_receipt_estate_code_is_letters_and_digits():
    with pytest.raises(InvalidInputError, match="estate_code"):
        ReceiptBook("华苑")


@given(amount=positive_money(), items=open_items())
def test_a_payment_never_settles_more_than_owed_and_settled_plus_prepaid_is_paid(
    amount, items
):
    result = allocate(amount, items)

    open_by_bill = {item.bill_id: item.open_amount for item in items}
    for allocation in result.allocations:
        assert Money.zero() < allocation.amount <= open_by_bill[allocation.bill_id]
    assert result.settled + result.prepaid == amount
    assert result.prepaid.amount >= 0
    if result.prepaid.amount > 0:
        assert result.settled == sum(open_by_bill.values(), Money.zero())
