"""Billing pages: bill runs, bills and payments for staff, 我的账单 for residents."""

import re
from decimal import Decimal

import pytest

from propcore.billing.fees import Escalation
from propcore.billing.ledger import EntryKind
from propcore.billing.periods import Period
from propcore.money import Money
from propcore.property.units import Usage
from tests.billing.world import seed
from tests.e2e.accounts import post_form, resident_login, staff_login

KEY = re.compile(r'name="idempotency_key" value="([0-9a-f]+)"')
DECEMBER = Period.month(2026, 12)
RECEIPT = re.compile(r"R-[0-9A-F]{6}-\d{6}")


@pytest.fixture
def world(core):
    return seed(core.billing.uow)


def _staff(core, opened, world, role):
    return opened.signed_in(staff_login(core, role, role, world.estate.id))


def _bill(core, world, label, payer):
    (issued,) = [
        i
        for i in core.collecting.bills_of_unit(world.units[label].id)
        if i.bill.payer_id == world.people[payer].id
    ]
    return issued.bill


def test_a_preview_stores_nothing_and_issuing_stores_the_bills(core, world, opened):
    finance = _staff(core, opened, world, "finance")
    page = f"/estates/{world.estate.id}/billing"

    preview = post_form(finance, page, f"{page}/preview", {"month": "2026-12"})
    stored_after_preview = core.collecting.bills_of_unit(world.units["101"].id)
    issued = post_form(finance, page, f"{page}/run", {"month": "2026-12"})

    assert preview.status_code == 200
    assert "物业费" in preview.text
    assert "停车费" in preview.text
    assert "100.00" in preview.text
    assert "= ¥" in preview.text
    assert 'id="run-held"' in preview.text
    assert "103" in preview.text
    assert 'action="' + page + '/run"' in preview.text
    assert stored_after_preview == []
    assert issued.status_code == 200
    assert len(core.collecting.bills_of_unit(world.units["101"].id)) == 1


def test_a_bad_month_is_named_inline(core, world, opened):
    finance = _staff(core, opened, world, "finance")
    page = f"/estates/{world.estate.id}/billing"

    response = post_form(finance, page, f"{page}/preview", {"month": "2026-13"})

    assert response.status_code == 422
    assert 'id="error-month"' in response.text


def test_the_front_desk_sees_bills_but_may_not_run_them(core, billed, opened):
    desk = _staff(core, opened, billed, "front_desk")
    page = f"/estates/{billed.estate.id}/billing"

    shown = desk.get(f"{page}?month=2026-12")
    refused = desk.post(f"{page}/run", data={"month": "2026-12"})

    assert shown.status_code == 200
    assert "/billing/preview" not in shown.text
    assert str(_bill(core, billed, "101", "王芳").id) in shown.text
    assert refused.status_code == 403


def test_staff_set_the_estates_bill_run_day_and_a_bad_day_is_named(core, world, opened):
    finance = _staff(core, opened, world, "finance")
    page = f"/estates/{world.estate.id}/billing"

    before = finance.get(page)
    saved = post_form(finance, page, f"{page}/day", {"run_day": "15"})
    wrong = post_form(finance, page, f"{page}/day", {"run_day": "31"})

    assert "每月 1 日自动出账（系统默认）" in before.text
    assert saved.status_code == 200
    assert "每月 15 日自动出账（本小区自定）" in saved.text
    assert 'name="run_day" type="text"\n         value="15"' in saved.text
    assert wrong.status_code == 422
    assert 'id="error-run_day"' in wrong.text
    assert core.bill_schedule.day_of(world.estate.id).day == 15


def test_the_front_desk_may_not_set_the_bill_run_day(core, world, opened):
    desk = _staff(core, opened, world, "front_desk")
    page = f"/estates/{world.estate.id}/billing"

    shown = desk.get(page)
    refused = desk.post(f"{page}/day", data={"run_day": "15"})

    assert 'id="run-day"' not in shown.text
    assert refused.status_code == 403
    assert core.bill_schedule.day_of(world.estate.id).own is False


def _payment_form(client, bill_id) -> dict:
    page = client.get(f"/bills/{bill_id}").text
    return {"method": "cash", "idempotency_key": KEY.search(page).group(1)}


def test_a_repeated_payment_form_records_one_payment(core, billed, opened):
    desk = _staff(core, opened, billed, "front_desk")
    bill = _bill(core, billed, "101", "王芳")
    page, action = f"/bills/{bill.id}", f"/bills/{bill.id}/payments"
    form = _payment_form(desk, bill.id) | {"amount": "100.00"}

    first = post_form(desk, page, action, form)
    again = post_form(desk, page, action, form)

    ledger = core.collecting.ledger(billed.people["王芳"].id)
    payments = [e for e in ledger.entries if e.kind is EntryKind.PAYMENT]
    assert [e.amount for e in payments] == [Money(Decimal("100.00"))]
    numbers = {RECEIPT.search(r.text).group(0) for r in (first, again)}
    assert len(numbers) == 1


def test_a_bad_amount_is_named_inline_and_records_nothing(core, billed, opened):
    desk = _staff(core, opened, billed, "front_desk")
    bill = _bill(core, billed, "101", "王芳")
    form = _payment_form(desk, bill.id) | {"amount": "lots"}

    response = post_form(desk, f"/bills/{bill.id}", f"/bills/{bill.id}/payments", form)

    assert response.status_code == 422
    assert 'id="error-amount"' in response.text
    assert core.collecting.ledger(billed.people["王芳"].id).prepaid == Money.zero()


def test_an_estate_manager_sees_the_bill_but_not_the_payment_form(core, billed, opened):
    manager = _staff(core, opened, billed, "estate_manager")
    bill = _bill(core, billed, "101", "王芳")

    shown = manager.get(f"/bills/{bill.id}")
    refused = manager.post(f"/bills/{bill.id}/payments", data={"amount": "1"})

    assert shown.status_code == 200
    assert bill.lines[0].formula in shown.text
    assert "idempotency_key" not in shown.text
    assert refused.status_code == 403


def test_arrears_and_aging_list_what_is_overdue(core, billed, opened):
    core.clock.advance(days=60)
    desk = _staff(core, opened, billed, "front_desk")

    arrears = desk.get(f"/estates/{billed.estate.id}/arrears")
    aging = desk.get(f"/estates/{billed.estate.id}/aging")

    assert arrears.status_code == aging.status_code == 200
    assert "王芳" in arrears.text
    assert "1栋" in arrears.text
    assert "1栋" in aging.text
    assert billed.estate.name in aging.text


def test_the_unit_page_lists_the_units_bills_for_staff(core, billed, opened):
    manager = _staff(core, opened, billed, "estate_manager")
    bill = _bill(core, billed, "101", "王芳")

    shown = manager.get(f"/units/{billed.units['101'].id}")

    assert 'id="bills"' in shown.text
    assert f"/bills/{bill.id}" in shown.text


def test_an_owner_sees_their_bill_explained_and_not_anothers(core, billed, opened):
    owner = opened.signed_in(resident_login(core, billed.people["王芳"].id))
    mine = _bill(core, billed, "101", "王芳")
    theirs = _bill(core, billed, "102", "李强")

    portal = owner.get("/portal/bills")
    other = owner.get(f"/bills/{theirs.id}")

    assert portal.status_code == 200
    assert mine.lines[0].formula in portal.text
    assert str(theirs.id) not in portal.text
    assert other.status_code == 404


def _family(core, world, name, phone):
    unit = world.units["101"].id
    (head,) = [o for o in core.residents.household(unit) if o.person.name == "王芳"]
    person = core.residents.create_person({"name": name, "phone": phone})
    raw = {"person_id": str(person.id), "role": "family"}
    member = core.residents.add_occupancy(unit, raw | {"head_id": head.occupancy.id})
    return person, member


def test_family_see_the_heads_bills_only_with_the_fees_grant(core, billed, opened):
    plain, _ = _family(core, billed, "王小明", "13800000009")
    granted, member = _family(core, billed, "王小红", "13800000010")
    core.family.set_grants(member.id, ["fees"], by_person=billed.people["王芳"].id)
    bill = _bill(core, billed, "101", "王芳")

    refused = opened.signed_in(resident_login(core, plain.id))
    allowed = opened.signed_in(resident_login(core, granted.id))

    assert refused.get(f"/bills/{bill.id}").status_code == 404
    assert bill.lines[0].formula not in refused.get("/portal/bills").text
    assert allowed.get(f"/bills/{bill.id}").status_code == 200
    assert bill.lines[0].formula in allowed.get("/portal/bills").text


def test_finance_adds_a_fee_item_and_a_later_rate(core, world, opened):
    finance = _staff(core, opened, world, "finance")
    page = f"/estates/{world.estate.id}/fees"
    item = {"code": "lift", "name": "电梯费", "fee_type": "fixed", "rate": "30",
            "building_ids": str(world.units["101"].building_id)}  # fmt: skip

    created = post_form(finance, page, page, item | {"rate_from": "2026-01-01"})
    (lift,) = [i for i in core.fees.fee_items(world.estate.id) if i.code == "lift"]
    raised = post_form(
        finance,
        page,
        f"/fee-items/{lift.id}/rates",
        {"rate": "35", "rate_from": "2026-11-01"},
    )

    assert created.status_code == raised.status_code == 303
    assert "35.0000" in finance.get(page).text


def test_a_fee_item_form_names_each_mistake(core, world, opened):
    finance = _staff(core, opened, world, "finance")
    page = f"/estates/{world.estate.id}/fees"
    item = {"code": "lift", "name": "电梯费", "fee_type": "fixed", "rate": "30"}

    response = post_form(finance, page, page, item | {"cycle": "weekly"})

    assert response.status_code == 422
    assert 'id="error-rate_from"' in response.text
    assert 'id="error-cycle"' in response.text


def test_a_fee_item_that_names_no_target_is_refused_inline(core, world, opened):
    finance = _staff(core, opened, world, "finance")
    page = f"/estates/{world.estate.id}/fees"
    item = {"code": "lift", "name": "电梯费", "fee_type": "fixed", "rate": "30",
            "rate_from": "2026-01-01", "leases_only": "on"}  # fmt: skip

    response = post_form(finance, page, page, item)

    assert response.status_code == 422
    targets = response.text.split('<fieldset id="applies-to">')[1].split("</form>")[0]
    assert (
        '<span class="error" id="error-applies_to">'
        "必须至少选择一种用途、一栋楼或一个房屋</span>"
    ) in targets.split('<fieldset id="metered">')[0]
    assert "lift" not in {i.code for i in core.fees.fee_items(world.estate.id)}


def test_a_payment_on_a_bill_page_settles_that_bill_first(core, billed, opened):
    desk = _staff(core, opened, billed, "front_desk")
    # of two bills due the same day, oldest first would settle the lower id
    both = [_bill(core, billed, label, "王芳") for label in ("101", "P01")]
    later = max(both, key=lambda bill: bill.id)
    form = _payment_form(desk, later.id) | {
        "amount": str(later.total.amount),
        "this_bill_first": "1",
    }

    post_form(desk, f"/bills/{later.id}", f"/bills/{later.id}/payments", form)

    ledger = core.collecting.ledger(billed.people["王芳"].id)
    assert ledger.settled(later.id) == later.total
    assert ledger.settled(min(both, key=lambda bill: bill.id).id) == Money.zero()


def _created(core, world, code):
    (item,) = [i for i in core.fees.fee_items(world.estate.id) if i.code == code]
    return item


def test_finance_adds_an_item_for_chosen_buildings_and_units(core, world, opened):
    finance = _staff(core, opened, world, "finance")
    page = f"/estates/{world.estate.id}/fees"
    parking = world.units["P01"]
    item = {"code": "lift", "name": "电梯费", "fee_type": "fixed", "rate": "30",
            "rate_from": "2026-01-01", "building_ids": [str(world.building.id)],
            "unit_ids": [str(parking.id)]}  # fmt: skip

    shown = finance.get(page)
    created = post_form(finance, page, page, item)

    assert f'name="building_ids" value="{world.building.id}"' in shown.text
    assert f'<option value="{parking.id}"' in shown.text
    assert created.status_code == 303
    applies = _created(core, world, "lift").applies_to
    assert (applies.building_ids, applies.unit_ids) == (
        {world.building.id},
        {parking.id},
    )


def test_finance_adds_a_leases_only_rent_with_escalation(core, world, opened):
    finance = _staff(core, opened, world, "finance")
    page = f"/estates/{world.estate.id}/fees"
    rent = {"code": "rent", "name": "租金", "fee_type": "rent",
            "usages": ["residential", "shop"], "leases_only": "on",
            "escalation_every": "12", "escalation_percent": "3"}  # fmt: skip

    created = post_form(finance, page, page, rent)

    assert created.status_code == 303
    item = _created(core, world, "rent")
    assert item.applies_to.leases_only is True
    assert item.applies_to.usages == {Usage.RESIDENTIAL, Usage.SHOP}
    assert item.escalation == Escalation(12, percent=Decimal("3.0000"))


def test_a_refused_fee_item_form_keeps_its_input_and_names_each_field(
    core, world, opened
):
    finance = _staff(core, opened, world, "finance")
    page = f"/estates/{world.estate.id}/fees"
    form = {"code": "misc", "name": "杂费", "fee_type": "one_off",
            "building_ids": [str(world.building.id)], "leases_only": "on",
            "escalation_percent": "3", "tier_cycle": "one_off",
            "options": "quantity=lots"}  # fmt: skip

    response = post_form(finance, page, page, form)

    assert response.status_code == 422
    for field in ("escalation_every", "tier_cycle", "options"):
        assert f'id="error-{field}"' in response.text
    assert "须为大于 0 的数" in response.text
    assert 'value="quantity=lots"' in response.text
    assert f'value="{world.building.id}" checked' in response.text
    assert 'name="leases_only" value="on" checked' in response.text
    assert _created_codes(core, world) == {"pf", "water", "parking"}


def _created_codes(core, world):
    return {i.code for i in core.fees.fee_items(world.estate.id)}


def test_a_lines_inputs_are_named_in_the_readers_language(core, billed, opened):
    owner = opened.signed_in(resident_login(core, billed.people["王芳"].id))
    mine = _bill(core, billed, "101", "王芳")
    area_line = next(line for line in mine.lines if "area" in line.inputs)

    chinese = owner.get(f"/bills/{mine.id}").text
    owner.get("/language/en")
    english = owner.get(f"/bills/{mine.id}").text

    assert f"面积: {area_line.inputs['area']}" in chinese
    assert "单价（自 2000-01-01 起）" in chinese
    assert f"Area: {area_line.inputs['area']}" in english
    assert "Rate (since 2000-01-01)" in english
