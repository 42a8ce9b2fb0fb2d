"""A fee item read from form input names every field that is wrong."""

from datetime import date
from decimal import Decimal

import pytest

from propcore.billing.fee_input import read_fee_item
from propcore.billing.fees import AppliesTo, Cycle, Escalation, PaymentMode
from propcore.billing.rounding import JIAO_HALF_UP
from propcore.errors import InvalidInputError
from propcore.ids import new_id
from propcore.money import Money
from propcore.property.units import Usage
from propcore_bootstrap.plugins import fee_type_registry, make_plugin_manager

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


# a target: an item that names no usage, building or unit is refused
HOMES = {"usages": "residential"}
RENT = {"code": "rent", "name": "租金", "fee_type": "rent"} | HOMES


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
    item = read_fee_item(RENT)

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
    raw = {"code": "w", "name": "水费", "fee_type": "metered", **HOMES,
           "tiers": "180:3.00， 260:4.5, :5", "meter": "water"}  # fmt: skip

    item = read_fee_item(raw)

    assert [(t.up_to, t.price.amount) for t in item.tiers] == [
        (Decimal(180), Decimal("3.00")),
        (Decimal(260), Decimal("4.5")),
        (None, Decimal(5)),
    ]
    assert item.options == {"meter": "water"}


def test_a_shared_item_names_its_common_areas_and_how_they_are_split() -> None:
    raw = {"code": "lift", "name": "电费", "fee_type": "metered", **HOMES,
           "meter": "electricity", "shared_areas": "电梯, 水泵房",
           "shared_by": "equal"}  # fmt: skip

    item = read_fee_item(raw)

    assert item.options == {
        "meter": "electricity",
        "shared_areas": "电梯, 水泵房",
        "shared_by": "equal",
    }


def test_a_split_basis_other_than_area_or_equal_is_refused() -> None:
    raw = {"code": "lift", "name": "电费", "fee_type": "metered", **HOMES,
           "shared_areas": "电梯", "shared_by": "by_floor"}  # fmt: skip

    with pytest.raises(InvalidInputError) as raised:
        read_fee_item(raw)

    assert raised.value.fields == ("shared_by",)


def test_tiers_without_a_price_name_their_field() -> None:
    raw = {"code": "w", "name": "水费", "fee_type": "metered", "tiers": "180"} | HOMES

    with pytest.raises(InvalidInputError) as raised:
        read_fee_item(raw)

    assert [p.field for p in raised.value.problems] == ["tiers"]


REGISTRY = fee_type_registry(make_plugin_manager(load_entry_points=False))


def test_buildings_units_and_leases_only_are_read_as_targets():
    buildings, units = [new_id(), new_id()], [new_id()]
    raw = RENT | {
        "usages": "",
        "building_ids": [str(b) for b in buildings],
        "unit_ids": f"{units[0]}",
        "leases_only": "on",
    }

    applies = read_fee_item(raw).applies_to

    assert applies.building_ids == set(buildings)
    assert applies.unit_ids == set(units)
    assert applies.leases_only is True
    assert applies.usages == set()
    assert read_fee_item(RENT | {"unit_ids": f"{units[0]}"}).applies_to == AppliesTo(
        usages=frozenset({Usage.RESIDENTIAL}), unit_ids=frozenset(units)
    )


@pytest.mark.parametrize(
    "blank",
    [{}, {"usages": "", "building_ids": [], "unit_ids": ""}, {"leases_only": "on"}],
)
def test_an_item_that_names_no_target_is_refused_on_applies_to(blank):
    raw = {"code": "rent", "name": "租金", "fee_type": "rent"} | blank

    with pytest.raises(InvalidInputError) as raised:
        read_fee_item(raw)

    (problem,) = raised.value.problems
    assert problem.field == "applies_to"
    assert problem.message == "must name at least one usage, building or unit"


def test_an_item_for_parking_spaces_alone_names_a_target():
    raw = {"code": "p", "name": "车位费", "fee_type": "fixed", "usages": "parking"}

    assert read_fee_item(raw).applies_to == AppliesTo.parking_spaces()


def test_a_missing_target_is_named_with_the_other_mistakes():
    raw = {"code": "", "name": "租金", "fee_type": "rent", "due_day": "40"}

    with pytest.raises(InvalidInputError) as raised:
        read_fee_item(raw)

    assert set(raised.value.fields) == {"code", "due_day", "applies_to"}


def test_bad_targets_name_their_fields():
    raw = RENT | {"building_ids": "b1", "unit_ids": "x", "leases_only": "maybe"}

    with pytest.raises(InvalidInputError) as raised:
        read_fee_item(raw)

    assert set(raised.value.fields) == {"building_ids", "unit_ids", "leases_only"}


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"escalation_percent": "3"}, Escalation(12, percent=Decimal("3.0000"))),
        ({"escalation_amount": "100"}, Escalation(12, amount=Money(Decimal(100)))),
    ],
)
def test_rent_escalation_is_read_by_percent_or_amount(fields, expected):
    item = read_fee_item(RENT | {"escalation_every": "12"} | fields)

    assert item.escalation == expected


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"escalation_every": "12"}, "escalation"),
        ({"escalation_every": "12", "escalation_percent": "3",
          "escalation_amount": "100"}, "escalation"),
        ({"escalation_every": "0", "escalation_percent": "3"}, "escalation_every"),
        ({"escalation_percent": "3"}, "escalation_every"),
        ({"escalation_every": "twelve", "escalation_percent": "3"},
         "escalation_every"),
        ({"escalation_every": "12", "escalation_percent": "-3"},
         "escalation_percent"),
        ({"escalation_every": "12", "escalation_amount": "1.001"},
         "escalation_amount"),
    ],
)  # fmt: skip
def test_a_bad_escalation_names_its_field(fields, named):
    with pytest.raises(InvalidInputError) as raised:
        read_fee_item(RENT | fields)

    assert raised.value.fields == (named,)


def test_the_tier_cycle_is_read_and_yearly_by_default():
    water = {"code": "w", "name": "水费", "fee_type": "metered"} | HOMES

    assert read_fee_item(water).tier_cycle is Cycle.YEARLY
    assert read_fee_item(water | {"tier_cycle": "monthly"}).tier_cycle is Cycle.MONTHLY


@pytest.mark.parametrize(
    "fields",
    [
        {"tier_cycle": "weekly"},
        {"tier_cycle": "one_off"},
        {"tier_cycle": "monthly", "cycle": "quarterly"},
    ],
)
def test_a_bad_tier_cycle_is_named(fields):
    water = {"code": "w", "name": "水费", "fee_type": "metered"} | HOMES

    with pytest.raises(InvalidInputError) as raised:
        read_fee_item(water | fields)

    assert raised.value.fields == ("tier_cycle",)


def test_options_are_read_from_name_value_text_or_a_mapping():
    raw = {"code": "x", "name": "杂费", "fee_type": "one_off"} | HOMES

    typed = read_fee_item(raw | {"options": "quantity = 3，"}).options
    given = read_fee_item(raw | {"options": {"quantity": "3"}}).options

    assert typed == given == {"quantity": "3"}


@pytest.mark.parametrize("text", ["quantity", "=3", "quantity=3, 4"])
def test_options_that_are_not_name_value_pairs_are_refused(text):
    raw = {"code": "x", "name": "杂费", "fee_type": "one_off", "options": text}
    raw |= HOMES

    with pytest.raises(InvalidInputError) as raised:
        read_fee_item(raw)

    assert raised.value.fields == ("options",)


def test_with_the_registry_the_fee_type_reads_its_own_options():
    raw = {"code": "x", "name": "杂费", "fee_type": "one_off", "options": "quantity=2"}
    raw |= HOMES

    assert read_fee_item(raw, REGISTRY).options == {"quantity": "2"}


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"fee_type": "one_off", "options": "quantity=0"}, "options"),
        ({"fee_type": "one_off", "options": "quantity=lots"}, "options"),
        ({"fee_type": "one_off", "options": "colour=red"}, "options"),
        ({"fee_type": "by_area", "options": "quantity=2"}, "options"),
        ({"fee_type": "castle"}, "fee_type"),
    ],
)
def test_options_a_fee_type_does_not_take_are_refused(fields, named):
    raw = {"code": "x", "name": "杂费"} | HOMES | fields

    with pytest.raises(InvalidInputError) as raised:
        read_fee_item(raw, REGISTRY)

    assert raised.value.fields == (named,)


def test_the_meter_is_kept_beside_the_fee_types_options():
    raw = {"code": "w", "name": "水费", "fee_type": "metered", "meter": "gas"}
    raw |= HOMES

    assert read_fee_item(raw, REGISTRY).options == {"meter": "gas"}
