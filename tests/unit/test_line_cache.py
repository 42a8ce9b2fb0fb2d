"""A run's line cache: lines computed once per distinct input, and exactly
the lines computed afresh."""

from datetime import date
from decimal import Decimal

import attrs
from hypothesis import given
from hypothesis import strategies as st

import propcore
from propcore.billing.charging import LineCache, charge
from propcore.billing.fee_types import ChargeContext, Consumption, SharedPart
from propcore.billing.fees import Discounts, Tier
from propcore.billing.lines import BillLine
from propcore.billing.periods import Period
from propcore.billing.rates import RateSchedule
from propcore.money import Money
from propcore_bootstrap.plugins import fee_type_registry, make_plugin_manager
from tests.unit.billing_fixtures import PRICE_2025, PRICE_2026, item, unit

DECEMBER = Period.month(2026, 12)
SPRING = Period(date(2026, 3, 1), date(2026, 3, 31))
TIERS = (Tier(Decimal(180), Money(Decimal("3.00"))), Tier(None, Money(Decimal("4.50"))))
ITEMS = {
    "by_area": item(
        "by_area",
        rates=RateSchedule((PRICE_2025, PRICE_2026)),
        discounts=Discounts(vacant=Decimal("0.5")),
    ),
    "fixed": item("fixed", code="parking", name="停车管理费"),
    "metered": item("metered", code="water", name="水费", tiers=TIERS),
}


class Counted:
    """A fee type that counts the lines it computed; ``keyed``: whether it
    says what its lines depend on (the unit's room)."""

    def __init__(self, keyed: bool) -> None:
        self.computed = 0
        if keyed:
            self.depends_on = lambda context: context.unit.room

    def lines(self, context: ChargeContext) -> list[BillLine]:
        self.computed += 1
        return charge(REGISTRY, ChargeContext.for_period(
            ITEMS["fixed"], context.unit, context.period
        ))  # fmt: skip


def _registry(**fee_types):
    manager = make_plugin_manager(load_entry_points=False)

    class Plugin:
        @propcore.hookimpl
        def register_fee_types(self, register):
            for code, fee_type in fee_types.items():
                register(code, fee_type)

    manager.register(Plugin())
    return fee_type_registry(manager)


REGISTRY = fee_type_registry(make_plugin_manager(load_entry_points=False))


def _context(fee_type, room="1201", area="120.50", used=None, period=DECEMBER):
    consumption = None
    if used is not None:
        consumption = Consumption(Decimal(used), Decimal(100), "m³", f"1000 → {used}")
    return ChargeContext.for_period(
        ITEMS[fee_type] if fee_type in ITEMS else item(fee_type, code=fee_type),
        unit(area, room=room),
        period,
        consumption=consumption,
    )


units = st.tuples(
    st.sampled_from(["60.5", "60.50", "88.00", "120.25"]),
    st.sampled_from(["1", "1.0", "1.2000"]),
    st.booleans(),
    st.sampled_from(["0", "12", "12.0", "95"]),
    st.sampled_from([DECEMBER, SPRING]),
)


@given(st.lists(units, min_size=1, max_size=30))
def test_cached_lines_are_the_lines_computed_afresh_to_the_last_character(facts):
    cache = LineCache(REGISTRY, limit=7)
    for area, coefficient, vacant, used, period in facts:
        for fee_type in ITEMS:
            context = attrs.evolve(
                _context(fee_type, area=area, used=used, period=period),
                unit=unit(area, fee_coefficient=Decimal(coefficient)),
            )
            fresh = charge(REGISTRY, context, vacant=vacant)
            assert cache.charge(context, vacant=vacant, year_ahead=False) == fresh


def test_units_alike_in_what_the_lines_depend_on_share_one_computation():
    counted = Counted(keyed=True)
    cache = LineCache(_registry(counted=counted))
    first = cache.charge(_context("counted"), vacant=False, year_ahead=False)
    again = cache.charge(_context("counted"), vacant=False, year_ahead=False)
    other = cache.charge(_context("counted", room="1202"), vacant=False,
                         year_ahead=False)  # fmt: skip
    vacant = cache.charge(_context("counted"), vacant=True, year_ahead=False)
    assert counted.computed == 3
    assert again is first
    assert other == first
    assert vacant == first


def test_a_fee_type_that_does_not_say_what_it_depends_on_is_computed_every_time():
    counted = Counted(keyed=False)
    cache = LineCache(_registry(counted=counted))
    for _ in range(3):
        cache.charge(_context("counted"), vacant=False, year_ahead=False)
    assert counted.computed == 3


def test_a_full_cache_starts_afresh():
    counted = Counted(keyed=True)
    cache = LineCache(_registry(counted=counted), limit=2)
    for room in ("1", "2", "3", "1"):
        cache.charge(_context("counted", room=room), vacant=False, year_ahead=False)
    assert counted.computed == 4
    cache.charge(_context("counted", room="1"), vacant=False, year_ahead=False)
    assert counted.computed == 4


def test_equal_areas_written_differently_are_not_one_input():
    cache = LineCache(REGISTRY)
    short = cache.charge(_context("by_area", area="60.5"), vacant=False,
                         year_ahead=False)  # fmt: skip
    long = cache.charge(_context("by_area", area="60.50"), vacant=False,
                        year_ahead=False)  # fmt: skip
    assert [line.amount for line in short] == [line.amount for line in long]
    assert "60.5 m²" in short[0].formula
    assert "60.50 m²" in long[0].formula


def test_a_shared_part_and_a_missing_consumption_are_never_cached():
    part = SharedPart(Money(Decimal("3.10")), Money(Decimal("3.1042")), "…", {})
    shared = ChargeContext.for_period(
        ITEMS["metered"], unit(), DECEMBER, consumption=part
    )
    metered = REGISTRY.get("metered")
    assert metered.depends_on(shared) is None
    assert metered.depends_on(_context("metered")) is None
