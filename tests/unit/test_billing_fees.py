"""Fee items (收费项目): scope, cycle, due date, payer, late fees, validation."""

from datetime import date
from decimal import Decimal

import pytest

from propcore.billing.fees import (
    AppliesTo,
    Cycle,
    Discounts,
    DueRule,
    Escalation,
    LateFeeRule,
    PaymentMode,
    Tier,
)
from propcore.billing.lines import Payer
from propcore.billing.periods import Period
from propcore.errors import InvalidInputError
from propcore.money import Money
from propcore.property.units import Usage
from tests.unit.billing_fixtures import item, lease, unit


def test_an_item_applies_to_units_by_usage_building_or_choice():
    flat, space = unit(), unit(usage=Usage.PARKING)
    chosen = unit(usage=Usage.SHOP)

    scope = AppliesTo(usages=frozenset({Usage.RESIDENTIAL}), unit_ids={chosen.id})

    assert scope.covers(flat, None)
    assert scope.covers(chosen, None)
    assert not scope.covers(space, None)
    assert AppliesTo.parking_spaces().covers(space, None)
    assert AppliesTo(building_ids={flat.building_id}).covers(flat, None)


def test_an_item_for_leases_applies_only_to_let_units():
    scope = AppliesTo(usages=frozenset({Usage.RESIDENTIAL}), leases_only=True)

    assert not scope.covers(unit(), None)
    assert scope.covers(unit(), lease())


def test_the_owner_pays_unless_the_lease_names_the_item_for_the_tenant():
    property_fee = item()

    assert property_fee.payer(None) is Payer.OWNER
    assert property_fee.payer(lease()) is Payer.OWNER
    assert property_fee.payer(lease(tenant_pays=("property_fee",))) is Payer.TENANT


@pytest.mark.parametrize(
    ("cycle", "day", "expected"),
    [
        (Cycle.MONTHLY, date(2026, 12, 9), Period.month(2026, 12)),
        (Cycle.QUARTERLY, date(2026, 5, 9), Period.quarter(2026, 2)),
        (Cycle.YEARLY, date(2026, 5, 9), Period.year(2026)),
    ],
)
def test_a_cycle_names_the_period_containing_a_day(cycle, day, expected):
    assert cycle.period_of(day) == expected


def test_in_advance_bills_the_current_cycle_and_in_arrears_the_previous_one():
    run_day = date(2026, 4, 1)

    ahead = item(cycle=Cycle.QUARTERLY).billed_period(run_day)
    behind = item(payment_mode=PaymentMode.IN_ARREARS).billed_period(run_day)

    assert ahead == Period.quarter(2026, 2)
    assert behind == Period.month(2026, 3)


def test_the_due_date_is_the_15th_of_the_cycles_first_month_by_default():
    assert item().due_date(Period.quarter(2026, 4)) == date(2026, 10, 15)


def test_a_due_day_past_the_months_end_falls_on_its_last_day():
    rule = DueRule(day=31, months_after=1)

    assert rule.due_date(Period.month(2026, 1)) == date(2026, 2, 28)
    assert rule.due_date(Period.month(2026, 12)) == date(2027, 1, 31)


def test_late_fee_not_charged_within_grace_period():
    rule = LateFeeRule(Decimal("0.0005"), grace_days=10)
    due, unpaid = date(2026, 1, 15), Money(Decimal("1000.00"))

    assert rule.late_fee(unpaid, due, date(2026, 1, 25)) == Money(Decimal(0))
    assert rule.late_fee(unpaid, due, date(2026, 1, 30)).amount == Decimal("2.5")


def test_a_late_fee_never_exceeds_its_cap():
    rule = LateFeeRule(Decimal("0.01"), cap=Decimal("0.10"))

    fee = rule.late_fee(Money(Decimal("500.00")), date(2026, 1, 1), date(2027, 1, 1))

    assert fee.amount == Decimal("50.00")


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: item(code=" "), "code"),
        (lambda: item(name=""), "name"),
        (lambda: DueRule(day=32), "due_day"),
        (lambda: LateFeeRule(Decimal("1.5")), "late_fee_daily_rate"),
        (lambda: LateFeeRule(Decimal("0.001"), grace_days=-1), "late_fee_grace_days"),
        (lambda: Discounts(vacant=Decimal("-0.1")), "vacant_discount"),
        (lambda: Escalation(0, percent=Decimal(3)), "escalation_every"),
        (lambda: Escalation(12), "escalation"),
        (lambda: item(tiers=(Tier(Decimal(10), Money.zero()),)), "tiers"),
    ],
)
def test_a_bad_fee_setting_is_refused_naming_its_field(make, field):
    with pytest.raises(InvalidInputError) as raised:
        make()

    assert raised.value.fields == (field,)


def test_tiers_must_rise_and_end_open():
    price = Money(Decimal("5.00"))

    with pytest.raises(InvalidInputError):
        item(tiers=(Tier(Decimal(20), price), Tier(Decimal(10), price)))
    assert item(tiers=(Tier(Decimal(10), price), Tier(None, price))).tiers


def test_tiers_count_what_was_used_earlier_in_the_tier_cycle():
    water = item("metered")

    assert water.tier_window(Period.month(2026, 11)) == Period(
        date(2026, 1, 1), date(2026, 10, 31)
    )
    assert water.tier_window(Period.month(2026, 1)) is None
