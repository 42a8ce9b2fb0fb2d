"""A fee item read from form input names every field that is wrong."""

from datetime import date
from decimal import Decimal

import pytest

from propcore.billing.fee_input import read_fee_item
from propcore.billing.fees import Cycle, PaymentMode
from propcore.billing.rounding import JIAO_HALF_UP
from propcore.errors import InvalidInputError
from propcore.money import Money
from propcore.property.units import Usage

FORM = {
    "code": "property_fee",
    "name": "物业费",
    "fee_type": "by_area",
    "usages": "residential, shop",
    "cycle": "quarterly",
    "payment_mode": "in_advance",
    "rounding": "jiao_half_up",
    "rate": "2.80",
    "rate_from": "2026-01-01",
    "rate_label": "2026 价格公示",
    "due_day": "10",
    "late_fee_daily_rate": "0.0005",
    "late_fee_grace_days": "15",
    "vacant_discount": "0.7",
}


def test_a_fee_item_is_read_from_form_fields():
    item = read_fee_item(FORM)

    assert item.applies_to.usages == {Usage.RESIDENTIAL, Usage.SHOP}
    assert (item.cycle, item.payment_mode) == (Cycle.QUARTERLY, PaymentMode.IN_ADVANCE)
    assert item.rounding is JIAO_HALF_UP
    assert item.rates.rate_on(date(2026, 1, 1)).rate == Money(Decimal("2.8000"))
    assert item.due_rule.day == 10
    assert item.late_fee.grace_days == 15
    assert item.discounts.vacant == Decimal("0.7000")


def test_blank_optional_fields_take_their_defaults():
    item = read_fee_item({"code": "rent", "name": "租金", "fee_type": "rent"})

    assert (item.cycle, item.due_rule.day, item.late_fee) == (Cycle.MONTHLY, 15, None)
    assert item.rates.versions == ()


def test_every_wrong_field_is_named_at_once():
    form = FORM | {
        "code": "",
        "cycle": "weekly",
        "rounding": "banker",
        "rate": "-1",
        "due_day": "40",
        "late_fee_daily_rate": "2",
        "vacant_discount": "0.12345",
        "usages": "castle",
    }

    with pytest.raises(InvalidInputError) as raised:
        read_fee_item(form)

    assert set(raised.value.fields) == {
        "code",
        "cycle",
        "rounding",
        "rate",
        "due_day",
        "late_fee_daily_rate",
        "vacant_discount",
        "usages",
    }


def test_a_rate_needs_the_day_it_is_valid_from():
    with pytest.raises(InvalidInputError) as raised:
        read_fee_item(FORM | {"rate_from": ""})

    assert raised.value.fields == ("rate_from",)


def test_tiers_and_the_meter_kind_are_read_from_text() -> None:
    raw = {"code": "w", "name": "水费", "fee_type": "metered",
           "tiers": "180:3.00， 260:4.5, :5", "meter": "water"}  # fmt: skip

    item = read_fee_item(raw)

    assert [(t.up_to, t.price.amount) for t in item.tiers] == [
        (Decimal(180), Decimal("3.00")),
        (Decimal(260), Decimal("4.5")),
        (None, Decimal(5)),
    ]
    assert item.options == {"meter": "water"}


def test_a_shared_item_names_its_common_areas_and_how_they_are_split() -> None:
    raw = {"code": "lift", "name": "电费", "fee_type": "metered",
           "meter": "electricity", "shared_areas": "电梯, 水泵房",
           "shared_by": "equal"}  # fmt: skip

    item = read_fee_item(raw)

    assert item.options == {
        "meter": "electricity",
        "shared_areas": "电梯, 水泵房",
        "shared_by": "equal",
    }


def test_a_split_basis_other_than_area_or_equal_is_refused() -> None:
    raw = {"code": "lift", "name": "电费", "fee_type": "metered",
           "shared_areas": "电梯", "shared_by": "by_floor"}  # fmt: skip

    with pytest.raises(InvalidInputError) as raised:
        read_fee_item(raw)

    assert raised.value.fields == ("shared_by",)


def test_tiers_without_a_price_name_their_field() -> None:
    raw = {"code": "w", "name": "水费", "fee_type": "metered", "tiers": "180"}

    with pytest.raises(InvalidInputError) as raised:
        read_fee_item(raw)

    assert [p.field for p in raised.value.problems] == ["tiers"]
