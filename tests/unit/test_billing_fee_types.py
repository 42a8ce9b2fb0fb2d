"""Built-in fee types, registered through the register_fee_types hook."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import propcore
from propcore.billing.builtin_types import rent_on, tier_portions
from propcore.billing.charging import bill_for, charge, late_fee_line
from propcore.billing.fee_types import (
    ChargeContext,
    Consumption,
    DuplicateFeeTypeError,
    MissingConsumptionError,
    UnknownFeeTypeError,
)
from propcore.billing.fees import (
    AreaBasis,
    Discounts,
    Escalation,
    LateFeeRule,
    Tier,
)
from propcore.billing.lines import Payer
from propcore.billing.periods import Period
from propcore.billing.rates import NoRateError, RateSchedule, RateVersion
from propcore.billing.rounding import FEN_HALF_UP
from propcore.errors import InvalidInputError
from propcore.ids import new_id
from propcore.measures import Area
from propcore.money import Money
from propcore.property.units import Usage
from propcore_bootstrap.plugins import fee_type_registry, make_plugin_manager
from tests import strategies
from tests.unit.billing_fixtures import PRICE_2025, PRICE_2026, item, lease, unit

REGISTRY = fee_type_registry(make_plugin_manager(load_entry_points=False))
WATER = (
    Tier(Decimal(180), Money(Decimal("5.00"))),
    Tier(Decimal(260), Money(Decimal("7.00"))),
    Tier(None, Money(Decimal("9.00"))),
)


def _lines(fee_item, period, **context):
    return REGISTRY.lines(ChargeContext.for_period(fee_item, unit(), period, **context))


def test_the_builtin_types_are_registered_through_the_hook():
    assert list(REGISTRY) == ["by_area", "fixed", "metered", "one_off", "rent"]


def test_registering_one_code_twice_is_an_error_naming_the_code():
    manager = make_plugin_manager(load_entry_points=False)

    class Again:
        @propcore.hookimpl
        def register_fee_types(self, register):
            register("by_area", object())

    manager.register(Again())

    with pytest.raises(DuplicateFeeTypeError) as raised:
        fee_type_registry(manager)
    assert raised.value.code == "by_area"


def test_an_unknown_fee_type_is_an_error_naming_the_code():
    with pytest.raises(UnknownFeeTypeError, match="parking_meter"):
        REGISTRY.get("parking_meter")


def test_an_area_fee_is_area_times_rate_per_square_metre():
    (line,) = _lines(item(), Period.month(2026, 1))

    assert line.formula == "120.50 m² × ¥2.80/m²/月 = ¥337.40"
    assert line.inputs["rate 2025 价格公示"] == "¥2.80/m²/月"


def test_an_area_fee_uses_the_units_fee_coefficient_and_the_chosen_area():
    flat = unit(usable_area=Area(Decimal("100.00")), fee_coefficient=Decimal("1.2"))
    usable = item(area_basis=AreaBasis.USABLE)

    (line,) = REGISTRY.lines(
        ChargeContext.for_period(usable, flat, Period.month(2026, 1))
    )

    assert line.formula == "100.00 m² × ¥2.80/m²/月 × 1.2 = ¥336.00"


def test_a_usable_area_fee_needs_the_usable_area():
    with pytest.raises(InvalidInputError) as raised:
        _lines(item(area_basis=AreaBasis.USABLE), Period.month(2026, 1))

    assert raised.value.fields == ("usable_area",)


def test_a_period_straddling_a_rate_change_is_prorated_by_days():
    both = item(rates=RateSchedule((PRICE_2025, PRICE_2026)))

    (line,) = _lines(both, Period.month(2026, 3))

    assert "按天折算" in line.description
    assert line.formula == (
        "120.50 m² × (¥2.80/m²/月 × 10/31 月 + ¥3.00/m²/月 × 21/31 月) = ¥353.73"
    )
    assert (line.inputs["days 2025 价格公示"], line.inputs["days 2026 价格公示"]) == (
        "10",
        "21",
    )


@given(strategies.rates(), strategies.rates(), st.integers(2, 28))
def test_a_rate_change_mid_month_prorates_the_area_fee_to_the_day(old, new, day):
    change = date(2026, 3, day)
    versions = (RateVersion(date(2025, 1, 1), old), RateVersion(change, new))

    (line,) = _lines(item(rates=RateSchedule(versions)), Period.month(2026, 3))

    by_day = old.amount * (day - 1) + new.amount * (31 - day + 1)
    assert line.unrounded.amount == pytest.approx(
        Decimal("120.50") * by_day / 31, abs=Decimal("1e-20")
    )
    assert line.amount == FEN_HALF_UP.apply(line.unrounded)


@given(strategies.periods(max_days=800), strategies.rates(), strategies.days())
def test_an_unchanged_rate_split_at_a_new_version_charges_the_same(period, rate, day):
    single = item(rates=RateSchedule.flat(rate))
    split = item(rates=RateSchedule.flat(rate).with_version(RateVersion(day, rate)))

    (whole,) = _lines(single, period)
    (pieces,) = _lines(split, period)

    assert pieces.unrounded == whole.unrounded


def test_a_quarter_is_charged_three_months_at_the_monthly_rate():
    (line,) = _lines(item(), Period.quarter(2026, 1))

    assert line.formula == "120.50 m² × ¥2.80/m²/月 × 3 月 = ¥1012.20"


def test_a_fixed_fee_is_per_month_per_unit_or_parking_space():
    parking = item("fixed", rates=RateSchedule.flat(Money(Decimal("150.00"))))

    (line,) = _lines(parking, Period(date(2026, 2, 15), date(2026, 2, 28)))

    assert line.formula == "¥150.00/月 × 1/2 月 = ¥75.00"


def test_a_one_off_charge_is_its_rate_times_its_quantity():
    card = item(
        "one_off",
        rates=RateSchedule.flat(Money(Decimal("20.00"))),
        options={"quantity": "3"},
    )

    (line,) = _lines(card, Period.month(2026, 1))

    assert line.formula == "¥20.00 × 3 = ¥60.00"


def test_a_metered_charge_is_consumption_times_price():
    water = item("metered", rates=RateSchedule.flat(Money(Decimal("4.10"))))

    (line,) = _lines(
        water,
        Period.month(2026, 1),
        consumption=Consumption(Decimal(18), readings="1032 → 1050"),
    )

    assert line.formula == "18 m³ × ¥4.10/m³ = ¥73.80"
    assert line.inputs["readings"] == "1032 → 1050"


def test_a_metered_item_needs_its_consumption():
    with pytest.raises(MissingConsumptionError):
        _lines(item("metered"), Period.month(2026, 1))


def test_tiered_prices_count_the_consumption_to_date_in_the_tier_cycle():
    water = item("metered", tiers=WATER)

    (line,) = _lines(
        water,
        Period.month(2026, 11),
        consumption=Consumption(Decimal(30), before=Decimal(170)),
    )

    assert line.formula == "10 m³ × ¥5.00/m³ + 20 m³ × ¥7.00/m³ = ¥190.00"


@given(strategies.consumptions(), strategies.consumptions(), strategies.consumptions())
def test_tiered_charges_are_monotonic_in_consumption(before, used, more):
    def cost(quantity):
        portions = tier_portions(WATER, before, quantity)
        return sum(q * p.amount for q, p in portions)

    assert cost(used) <= cost(used + more)
    assert sum(q for q, _ in tier_portions(WATER, before, used)) == used


@given(strategies.rates(), strategies.cents(0, 10**7), strategies.cents(0, 10**7))
def test_one_tier_charges_the_flat_price(price, before, used):
    portions = tier_portions((Tier(None, price),), before, used)

    assert sum(q * p.amount for q, p in portions) == used * price.amount


def test_rent_comes_from_the_lease_with_its_escalation_steps():
    rent = item("rent", code="rent", escalation=Escalation(12, percent=Decimal(3)))

    (line,) = _lines(rent, Period.month(2027, 1), lease=lease())

    assert line.formula == "¥3605.00/月 × 1 月 = ¥3605.00"


def test_an_escalated_rent_is_shown_to_the_fen_like_any_rate():
    rent = item("rent", code="rent", escalation=Escalation(12, percent=Decimal(5)))

    (line,) = _lines(rent, Period.month(2027, 1), lease=lease("3150.00"))

    assert line.formula == "¥3307.50/月 × 1 月 = ¥3307.50"


def test_rent_is_charged_only_with_a_lease():
    assert _lines(item("rent"), Period.month(2026, 1)) == []


@given(
    strategies.rates(),
    st.integers(1, 24),
    strategies.escalation_steps(),
    strategies.days(),
    strategies.days(),
)
def test_escalated_rent_never_decreases_with_a_positive_step(rent, every, step, a, b):
    base = lease(str(rent.amount))
    escalation = Escalation(every, **step)
    early, late = sorted((max(a, base.start), max(b, base.start)))

    assert rent_on(base, escalation, early) <= rent_on(base, escalation, late)


def test_a_vacant_unit_pays_the_reduced_share_as_a_discount_line():
    vacant_rate = item(discounts=Discounts(vacant=Decimal("0.7")))
    context = ChargeContext.for_period(vacant_rate, unit(), Period.month(2026, 1))

    fee, discount = charge(REGISTRY, context, vacant=True)

    assert discount.formula == "-¥337.40 × (1 - 0.7) = -¥101.22"
    assert (fee.amount + discount.amount).amount == Decimal("236.18")


def test_paying_a_year_ahead_earns_the_year_ahead_discount():
    yearly = item(discounts=Discounts(year_ahead=Decimal("0.95")))
    context = ChargeContext.for_period(yearly, unit(), Period.year(2026))

    assert len(charge(REGISTRY, context)) == 1
    assert charge(REGISTRY, context, year_ahead=True)[1].amount.amount < 0


def test_a_late_fee_line_explains_its_days_and_rate():
    late = item(late_fee=LateFeeRule(Decimal("0.0005"), grace_days=5))
    due, unpaid = date(2026, 1, 15), Money(Decimal("337.40"))

    line = late_fee_line(late, unpaid, due, date(2026, 2, 14))

    assert line.formula == "¥337.40 × 0.0005 × 25 天 = ¥4.22"
    assert late_fee_line(late, unpaid, due, date(2026, 1, 20)) is None


def test_a_bill_goes_to_the_payer_the_item_names_and_is_due_by_its_rule():
    owner, tenant = new_id(), new_id()
    let = lease(tenant_pays=("property_fee",))
    context = ChargeContext.for_period(item(), unit(), Period.month(2026, 1), lease=let)

    bill = bill_for(REGISTRY, context, {Payer.OWNER: owner, Payer.TENANT: tenant})

    assert (bill.payer, bill.payer_id, bill.due) == (
        Payer.TENANT,
        tenant,
        date(2026, 1, 15),
    )
    assert bill.total == Money(Decimal("337.40"))


def test_no_bill_for_an_item_that_does_not_apply_to_the_unit():
    space = unit(usage=Usage.PARKING)
    context = ChargeContext.for_period(item(), space, Period.month(2026, 1))

    assert bill_for(REGISTRY, context, {Payer.OWNER: new_id()}) is None


def test_rent_needs_no_rate_schedule_of_its_own():
    rent = item("rent", code="rent", rates=RateSchedule(()))

    (line,) = _lines(rent, Period.month(2026, 2), lease=lease())

    assert line.formula == "¥3500.00/月 × 1 月 = ¥3500.00"


def test_an_area_fee_without_a_rate_is_an_error_naming_the_day():
    with pytest.raises(NoRateError) as raised:
        _lines(item(rates=RateSchedule(())), Period.month(2026, 2))

    assert raised.value.day == date(2026, 2, 1)


def test_a_metered_line_is_priced_on_the_periods_last_day_and_not_prorated():
    water = item("metered", rates=RateSchedule((PRICE_2025, PRICE_2026)))

    (line,) = _lines(water, Period.month(2026, 3), consumption=Consumption(Decimal(2)))

    assert line.description == "物业费"
    assert line.formula == "2 m³ × ¥3.00/m³ = ¥6.00"
