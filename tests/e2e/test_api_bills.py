"""The JSON API for bills, payments, reversals (冲正) and refunds (退款), on
SQLite and on PostgreSQL: the pages' rules, problem details naming the
field, and an idempotency key that records once."""

from decimal import Decimal

import pytest

from propcore.application import Propcore
from propcore.billing.ledger import EntryKind
from propcore.money import Money
from propcore.property.tree import NodeKind
from tests.e2e.accounts import resident_login, staff_login
from tests.e2e.test_pages_billing import _bill, _family

PROBLEM = "application/problem+json"
PAYMENT = {"amount": "100.00", "method": "cash", "idempotency_key": "k-1"}


@pytest.fixture
def core(sql_core: Propcore) -> Propcore:
    """The core on a real, freshly migrated SQLite file and PostgreSQL schema."""
    return sql_core


def _api(client):
    """A signed-in browser sending the CSRF header, as the API docs ask."""
    client.headers["x-csrftoken"] = client.cookies["csrftoken"]
    return client


def _staff(core, opened, node_id, role):
    return _api(opened.signed_in(staff_login(core, f"{role}-{node_id}", role, node_id)))


def _resident(core, opened, person):
    return _api(opened.signed_in(resident_login(core, person.id)))


def _other_estate(core):
    company = core.property.create_node(NodeKind.COMPANY, {"name": "幸福物业"})
    raw = {"name": "枫林苑", "parent_id": company.id}
    return core.property.create_node(NodeKind.ESTATE, raw)


def _entries(core, world, kind, name="王芳"):
    ledger = core.collecting.ledger(world.people[name].id)
    return [e for e in ledger.entries if e.kind is kind]


def _fields(response) -> list[str]:
    assert response.headers["content-type"].startswith(PROBLEM)
    return [e["field"] for e in response.json()["errors"]]


def test_a_units_bills_are_those_whose_payer_the_caller_may_see(core, billed, opened):
    unit = billed.units["102"].id
    finance = _staff(core, opened, billed.estate.id, "finance")
    seller = _resident(core, opened, billed.people["李强"])
    stranger = _resident(core, opened, billed.people["王芳"])

    staff_view = finance.get(f"/api/v1/units/{unit}/bills").json()
    own_view = seller.get(f"/api/v1/units/{unit}/bills")
    refused = stranger.get(f"/api/v1/units/{unit}/bills")

    assert sorted(b["payer_name"] for b in staff_view) == ["李强", "赵敏"]
    assert [b["payer_name"] for b in own_view.json()] == ["李强"]
    assert own_view.json()[0]["status"] == "open"
    assert refused.status_code == 404
    assert refused.headers["content-type"].startswith(PROBLEM)


def test_a_bill_shows_its_lines_formulas_inputs_and_balance(core, billed, opened):
    owner = _resident(core, opened, billed.people["王芳"])
    bill = _bill(core, billed, "101", "王芳")

    shown = owner.get(f"/api/v1/bills/{bill.id}").json()

    assert [line["formula"] for line in shown["lines"]] == [
        line.formula for line in bill.lines
    ]
    assert [line["inputs"] for line in shown["lines"]] == [
        dict(line.inputs) for line in bill.lines
    ]
    total = str(bill.total.amount)
    assert (shown["total"], shown["amount_due"], shown["open"]) == (total,) * 3
    assert shown["settled"] == "0.00"
    assert (shown["payments"], shown["prepaid"]) == ([], "0.00")


def test_another_households_bill_is_hidden_from_a_resident(core, billed, opened):
    owner = _resident(core, opened, billed.people["王芳"])
    theirs = _bill(core, billed, "102", "李强")

    response = owner.get(f"/api/v1/bills/{theirs.id}")

    assert response.status_code == 404
    assert response.headers["content-type"].startswith(PROBLEM)


def test_family_see_the_bill_with_fees_and_its_payments_only_with_payments(
    core, billed, opened
):
    head = billed.people["王芳"].id
    plain, _ = _family(core, billed, "王小明", "13800000009")
    fees, member = _family(core, billed, "王小红", "13800000010")
    core.family.set_grants(member.id, ["fees"], by_person=head)
    money, both = _family(core, billed, "王小刚", "13800000011")
    core.family.set_grants(both.id, ["fees", "payments"], by_person=head)
    url = f"/api/v1/bills/{_bill(core, billed, '101', '王芳').id}"

    hidden = _resident(core, opened, plain).get(url)
    without = _resident(core, opened, fees).get(url).json()
    with_money = _resident(core, opened, money).get(url).json()

    assert hidden.status_code == 404
    assert (without["payments"], without["prepaid"]) == (None, None)
    assert (with_money["payments"], with_money["prepaid"]) == ([], "0.00")


def test_staff_of_another_estate_find_no_bill_and_record_nothing(core, billed, opened):
    elsewhere = _staff(core, opened, _other_estate(core).id, "finance")
    bill = _bill(core, billed, "101", "王芳")
    unit = billed.units["101"].id

    answers = [
        elsewhere.get(f"/api/v1/units/{unit}/bills"),
        elsewhere.get(f"/api/v1/bills/{bill.id}"),
        elsewhere.post(f"/api/v1/bills/{bill.id}/payments", json=PAYMENT),
        elsewhere.post(
            f"/api/v1/bills/{bill.id}/refunds",
            json=PAYMENT | {"reason": "搬走", "idempotency_key": "r-1"},
        ),
    ]

    assert [a.status_code for a in answers] == [404] * 4
    assert _entries(core, billed, EntryKind.PAYMENT) == []


@pytest.mark.parametrize("role", ["finance", "front_desk", "company_admin"])
def test_a_payment_sent_twice_with_one_key_is_recorded_once(core, billed, opened, role):
    staff = _staff(core, opened, billed.estate.id, role)
    bill = _bill(core, billed, "101", "王芳")
    url = f"/api/v1/bills/{bill.id}/payments"

    first = staff.post(url, json=PAYMENT)
    again = staff.post(url, json=PAYMENT)

    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    receipt = first.json()
    assert receipt["number"].startswith("R-")
    assert receipt["payment"]["amount"] == "100.00"
    assert receipt["payment"]["settlements"] == [
        {"bill_id": str(bill.id), "amount": "100.00"}
    ]
    assert [e.amount for e in _entries(core, billed, EntryKind.PAYMENT)] == [
        Money(Decimal("100.00"))
    ]
    shown = staff.get(f"/api/v1/bills/{bill.id}").json()
    assert shown["settled"] == "100.00"
    assert [p["amount"] for p in shown["payments"]] == ["100.00"]


@pytest.mark.parametrize("who", ["estate_manager", "owner"])
def test_those_who_only_view_payments_may_not_record_one(core, billed, opened, who):
    if who == "owner":
        client = _resident(core, opened, billed.people["王芳"])
    else:
        client = _staff(core, opened, billed.estate.id, who)
    bill = _bill(core, billed, "101", "王芳")

    shown = client.get(f"/api/v1/bills/{bill.id}")
    refused = client.post(f"/api/v1/bills/{bill.id}/payments", json=PAYMENT)

    assert shown.status_code == 200
    assert refused.status_code == 403
    assert refused.headers["content-type"].startswith(PROBLEM)
    assert _entries(core, billed, EntryKind.PAYMENT) == []


@pytest.mark.parametrize(
    ("changed", "status", "field"),
    [
        ({"amount": "lots"}, 422, "amount"),
        ({"amount": "1.001"}, 422, "amount"),
        ({"amount": "-5.00"}, 422, "amount"),
        ({"method": "cheque"}, 422, "method"),
        ({"method": "bank_transfer"}, 422, "reference"),
        ({"idempotency_key": ""}, 422, "idempotency_key"),
        ({"idempotency_key": None}, 400, "idempotency_key"),
        ({"amount": None}, 400, "amount"),
    ],
)
def test_a_bad_payment_field_is_named_and_records_nothing(
    core, billed, opened, changed, status, field
):
    desk = _staff(core, opened, billed.estate.id, "front_desk")
    bill = _bill(core, billed, "101", "王芳")
    body = {k: v for k, v in (PAYMENT | changed).items() if v is not None}

    response = desk.post(f"/api/v1/bills/{bill.id}/payments", json=body)

    assert response.status_code == status
    assert _fields(response) == [field]
    assert _entries(core, billed, EntryKind.PAYMENT) == []


def _paid(core, world, amount="700.00", key="pay-700"):
    raw = {"amount": amount, "method": "cash", "idempotency_key": key}
    payer = world.people["王芳"].id
    return core.collecting.record_payment(world.estate.id, payer, raw, actor="desk")


@pytest.mark.parametrize("role", ["finance", "front_desk", "company_admin"])
def test_a_reversal_sent_twice_reverses_once_and_reopens_the_bill(
    core, billed, opened, role
):
    receipt = _paid(core, billed)
    staff = _staff(core, opened, billed.estate.id, role)
    bill = _bill(core, billed, "101", "王芳")
    body = {"payment_id": str(receipt.entry.id), "reason": "银行退票"}
    url = f"/api/v1/bills/{bill.id}/reversals"

    first = staff.post(url, json=body | {"idempotency_key": "rev-1"})
    again = staff.post(url, json=body | {"idempotency_key": "rev-1"})

    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert first.json()["kind"] == "reversal"
    assert first.json()["refers_to"] == str(receipt.entry.id)
    assert first.json()["reason"] == "银行退票"
    assert len(_entries(core, billed, EntryKind.REVERSAL)) == 1
    shown = staff.get(f"/api/v1/bills/{bill.id}").json()
    assert shown["settled"] == "0.00"
    assert [p["reversed"] for p in shown["payments"]] == [True]


@pytest.mark.parametrize(
    ("changed", "status", "field"),
    [
        ({"reason": "  "}, 422, "reason"),
        ({"reason": None}, 400, "reason"),
        ({"payment_id": "not-an-id"}, 400, "payment_id"),
    ],
)
def test_a_bad_reversal_field_is_named_and_reverses_nothing(
    core, billed, opened, changed, status, field
):
    receipt = _paid(core, billed)
    finance = _staff(core, opened, billed.estate.id, "finance")
    bill = _bill(core, billed, "101", "王芳")
    body = {"payment_id": str(receipt.entry.id), "reason": "x"} | changed
    body = {k: v for k, v in body.items() if v is not None}

    response = finance.post(
        f"/api/v1/bills/{bill.id}/reversals", json=body | {"idempotency_key": "r"}
    )

    assert response.status_code == status
    assert _fields(response) == [field]
    assert _entries(core, billed, EntryKind.REVERSAL) == []


def _another_payers(core, world):
    """A payment of 王芳's, and 李强's bill."""
    return _paid(core, world).entry.id, _bill(core, world, "102", "李强")


def _another_estates(core, world):
    """A payment of 王芳's received in another estate, and her bill here."""
    raw = {"amount": "50.00", "method": "cash", "idempotency_key": "b-1"}
    there = core.collecting.record_payment(
        _other_estate(core).id, world.people["王芳"].id, raw, actor="desk"
    )
    return there.entry.id, _bill(core, world, "101", "王芳")


@pytest.mark.parametrize("case", [_another_payers, _another_estates])
def test_only_the_payers_payments_received_in_the_estate_are_reversed(
    core, billed, opened, case
):
    payment_id, bill = case(core, billed)
    finance = _staff(core, opened, billed.estate.id, "finance")
    body = {"payment_id": str(payment_id), "reason": "x", "idempotency_key": "r"}

    response = finance.post(f"/api/v1/bills/{bill.id}/reversals", json=body)

    assert response.status_code == 422
    assert _fields(response) == ["payment_id"]
    assert _entries(core, billed, EntryKind.REVERSAL) == []


def _refund(amount="30.00", key="ref-1"):
    return {
        "amount": amount,
        "method": "cash",
        "reason": "搬走",
        "idempotency_key": key,
    }


def test_a_refund_sent_twice_refunds_once(core, billed, opened):
    _paid(core, billed)
    finance = _staff(core, opened, billed.estate.id, "finance")
    bill = _bill(core, billed, "101", "王芳")
    url = f"/api/v1/bills/{bill.id}/refunds"

    first = finance.post(url, json=_refund())
    again = finance.post(url, json=_refund())

    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert first.json()["amount"] == "30.00"
    assert [p["method"] for p in first.json()["parts"]] == ["cash"]
    assert [e.amount for e in _entries(core, billed, EntryKind.REFUND)] == [
        Money(Decimal("30.00"))
    ]
    assert finance.get(f"/api/v1/bills/{bill.id}").json()["prepaid"] == "54.00"


@pytest.mark.parametrize(
    ("refund", "status", "field"),
    [
        (_refund(amount="84.01"), 422, "amount"),
        (_refund(amount="0"), 422, "amount"),
        (_refund() | {"reason": ""}, 422, "reason"),
        (_refund() | {"method": "wechat_pay"}, 422, "reference"),
        ({k: v for k, v in _refund().items() if k != "reason"}, 400, "reason"),
    ],
)
def test_a_bad_refund_field_is_named_and_refunds_nothing(
    core, billed, opened, refund, status, field
):
    _paid(core, billed)
    desk = _staff(core, opened, billed.estate.id, "front_desk")
    bill = _bill(core, billed, "101", "王芳")

    response = desk.post(f"/api/v1/bills/{bill.id}/refunds", json=refund)

    assert response.status_code == status
    assert _fields(response) == [field]
    assert _entries(core, billed, EntryKind.REFUND) == []
    assert core.collecting.ledger(billed.people["王芳"].id).prepaid == Money(
        Decimal("84.00")
    )


@pytest.mark.parametrize("who", ["estate_manager", "owner"])
def test_those_who_only_view_payments_may_not_reverse_or_refund(
    core, billed, opened, who
):
    receipt = _paid(core, billed)
    if who == "owner":
        client = _resident(core, opened, billed.people["王芳"])
    else:
        client = _staff(core, opened, billed.estate.id, who)
    bill = _bill(core, billed, "101", "王芳")
    reversal = {"payment_id": str(receipt.entry.id), "reason": "x"}

    answers = [
        client.post(
            f"/api/v1/bills/{bill.id}/reversals",
            json=reversal | {"idempotency_key": "r"},
        ),
        client.post(f"/api/v1/bills/{bill.id}/refunds", json=_refund()),
    ]

    assert [a.status_code for a in answers] == [403, 403]
    assert _entries(core, billed, EntryKind.REVERSAL) == []
    assert _entries(core, billed, EntryKind.REFUND) == []


def test_the_openapi_document_describes_the_billing_routes(admin_client):
    schema = admin_client.get("/api/schema/openapi.json").json()

    assert "/api/v1/bills/{bill_id}/refunds" in schema["paths"]
    assert "/api/v1/units/{unit_id}/bills" in schema["paths"]
    payment = schema["components"]["schemas"]["PaymentBody"]["properties"]
    assert payment["amount"]["type"] == "string"
    assert (
        "idempotency_key" in schema["components"]["schemas"]["PaymentBody"]["required"]
    )
