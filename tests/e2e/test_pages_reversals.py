"""冲正 and 退款 on a bill's page, and both in 我的账单."""

import re
from decimal import Decimal

import pytest

from propcore.billing.ledger import EntryKind
from propcore.money import Money
from tests.e2e.accounts import post_form, resident_login
from tests.e2e.test_pages_billing import _bill, _staff


def _key(page: str, action: str) -> str:
    form = re.search(
        rf'action="{action}".*?name="idempotency_key" value="(\w+)"', page, re.S
    )
    return form.group(1)


def _paid(core, place, amount="700.00"):
    raw = {"amount": amount, "method": "cash", "idempotency_key": f"pay-{amount}"}
    payer = place.people["王芳"].id
    return core.collecting.record_payment(place.estate.id, payer, raw, actor="desk")


def _entries(core, place, kind):
    ledger = core.collecting.ledger(place.people["王芳"].id)
    return [e for e in ledger.entries if e.kind is kind]


def _form(client, bill_id, what, **typed):
    action = f"/bills/{bill_id}/{what}"
    key = _key(client.get(f"/bills/{bill_id}").text, action)
    return action, {"idempotency_key": key, **typed}


@pytest.mark.parametrize("role", ["finance", "company_admin", "front_desk"])
def test_staff_who_take_payments_reverse_one_once(core, billed, opened, role):
    receipt = _paid(core, billed)
    staff = _staff(core, opened, billed, role)
    bill = _bill(core, billed, "101", "王芳")
    action, form = _form(staff, bill.id, "reversals", reason="银行退票")
    form["payment_id"] = str(receipt.entry.id)

    first = post_form(staff, f"/bills/{bill.id}", action, form)
    again = post_form(staff, f"/bills/{bill.id}", action, form)

    assert first.status_code == again.status_code == 200
    assert 'id="reversed"' in first.text
    assert 'id="corrections"' in first.text
    assert "银行退票" in first.text
    assert len(_entries(core, billed, EntryKind.REVERSAL)) == 1
    ledger = core.collecting.ledger(billed.people["王芳"].id)
    assert ledger.settled(bill.id) == Money.zero()


def test_a_reversal_without_a_reason_is_named_inline(core, billed, opened):
    receipt = _paid(core, billed)
    finance = _staff(core, opened, billed, "finance")
    bill = _bill(core, billed, "101", "王芳")
    action, form = _form(
        finance, bill.id, "reversals", payment_id=str(receipt.entry.id)
    )

    response = post_form(finance, f"/bills/{bill.id}", action, form)

    assert response.status_code == 422
    assert 'id="error-reason"' in response.text
    assert f'value="{receipt.entry.id}" selected' in response.text
    assert _entries(core, billed, EntryKind.REVERSAL) == []


def test_an_estate_manager_may_not_reverse_or_refund(core, billed, opened):
    receipt = _paid(core, billed)
    manager = _staff(core, opened, billed, "estate_manager")
    bill = _bill(core, billed, "101", "王芳")
    sent = {"payment_id": str(receipt.entry.id), "reason": "x", "amount": "1"}

    page = f"/bills/{bill.id}"
    shown = manager.get(page)
    reversal = post_form(manager, page, f"{page}/reversals", sent)
    refund = post_form(manager, page, f"{page}/refunds", sent)

    assert "/reversals" not in shown.text
    assert "/refunds" not in shown.text
    assert reversal.status_code == refund.status_code == 403
    assert _entries(core, billed, EntryKind.REVERSAL) == []


def test_a_technician_does_not_even_find_the_bill(core, billed, opened):
    technician = _staff(core, opened, billed, "technician")
    bill = _bill(core, billed, "101", "王芳")

    action = f"/bills/{bill.id}/refunds"
    response = post_form(technician, "/", action, {"amount": "1"})

    assert response.status_code == 404


def _refunding(core, place, opened, role, amount):
    """Sends a staff member's refund form on 王芳's bill, who has money prepaid."""
    _paid(core, place)
    staff = _staff(core, opened, place, role)
    bill = _bill(core, place, "101", "王芳")
    typed = {"amount": amount, "method": "cash", "reason": "搬走"}
    action, form = _form(staff, bill.id, "refunds", **typed)
    return lambda: post_form(staff, f"/bills/{bill.id}", action, form)


def test_a_refund_form_sent_twice_refunds_once(core, billed, opened):
    send = _refunding(core, billed, opened, "finance", "30.00")

    first, again = send(), send()

    assert first.status_code == again.status_code == 200
    assert 'id="refunded"' in again.text
    assert [e.amount for e in _entries(core, billed, EntryKind.REFUND)] == [
        Money(Decimal("30.00"))
    ]
    assert core.collecting.ledger(billed.people["王芳"].id).prepaid == Money(
        Decimal("54.00")
    )


def test_a_refund_above_the_prepaid_balance_is_named_inline(core, billed, opened):
    send = _refunding(core, billed, opened, "front_desk", "84.01")

    response = send()

    assert response.status_code == 422
    assert 'id="error-amount"' in response.text
    assert 'value="84.01"' in response.text
    assert _entries(core, billed, EntryKind.REFUND) == []


def test_the_owner_sees_the_reversal_and_the_refund_in_my_bills(core, billed, opened):
    receipt = _paid(core, billed, "100.00")
    _paid(core, billed, "700.00")
    payer = billed.people["王芳"].id
    core.reversing.reverse_payment(
        payer,
        {
            "payment_id": str(receipt.entry.id),
            "reason": "银行退票",
            "idempotency_key": "r",
        },
        in_estate=billed.estate.id,
        actor="finance",
        by=None,
    )
    core.reversing.refund(
        payer,
        {"amount": "10.00", "method": "cash", "reason": "多缴", "idempotency_key": "f"},
        in_estate=billed.estate.id,
        actor="finance",
        by=None,
    )
    owner = opened.signed_in(resident_login(core, payer))

    portal = owner.get("/portal/bills").text

    assert "银行退票" in portal
    assert "多缴" in portal
    assert "已冲正" in portal
