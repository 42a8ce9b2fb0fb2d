"""公摊 in a run: a common meter's charge split over the units an item covers."""

from datetime import date
from decimal import Decimal

import attrs
from hypothesis import given
from hypothesis import strategies as st

from propcore.billing.fees import AppliesTo, AreaBasis, FeeItem, PaymentMode, Tier
from propcore.billing.meters import Meter, MeterKind, Reading
from propcore.billing.periods import Period
from propcore.billing.rates import RateSchedule
from propcore.billing.rounding import JIAO_HALF_UP
from propcore.billing.runs import ChargedItem, UnitFacts, plan_unit
from propcore.billing.shared_usage import split_shared
from propcore.ids import new_id
from propcore.measures import Area
from propcore.money import Money
from propcore.property.units import Unit, Usage
from propcore.residents.occupancy import Occupancy, Role
from propcore_bootstrap.plugins import fee_type_registry, make_plugin_manager
from tests.strategies import areas

REGISTRY = fee_type_registry(make_plugin_manager(load_entry_points=False))
NOVEMBER = Period.month(2026, 11)
HOMES = AppliesTo(usages=frozenset({Usage.RESIDENTIAL}))
LIFT = Meter(new_id(), MeterKind.ELECTRICITY, 0, common_area="电梯")


def _item(**changes) -> FeeItem:
    item = FeeItem(
        "lift", "电费", "metered", HOMES, RateSchedule.flat(Money(Decimal("0.56"))),
        payment_mode=PaymentMode.IN_ARREARS,
        options={"meter": "electricity", "shared_areas": "电梯"},
    )  # fmt: skip
    return attrs.evolve(item, **changes)


def _unit(area: str, usage=Usage.RESIDENTIAL, usable: str | None = None) -> Unit:
    return Unit(new_id(), "101", 1, "101", Area(Decimal(area)), "self_occupied",
                usage=usage, usable_area=usable and Area(Decimal(usable)))  # fmt: skip


def _readings(*values: int) -> dict:
    days = (date(2026, 10, 31), date(2026, 11, 30))
    pairs = zip(values, days, strict=False)
    return {LIFT.id: [Reading(LIFT.id, Decimal(v), day) for v, day in pairs]}


def _split(item, units, readings=None):
    return split_shared(
        item, NOVEMBER, [LIFT], readings or _readings(1000, 2234), units
    )


def test_a_unit_pays_its_area_share_of_the_priced_common_consumption():
    mine, other = _unit("88.50"), _unit("10145.50")

    part = _split(_item(), [mine, other]).part(mine.id)

    assert part.amount == Money(Decimal("5.98"))
    assert part.terms == ("1234 kWh × ¥0.56/kWh = ¥691.04 × 88.50 m² / 10234.00 m²")
    assert part.inputs["common readings"] == "1000 → 2234"
    assert part.inputs["total basis"] == "10234.00 m² (2 units)"


def test_an_equal_split_gives_the_leftover_fen_to_one_unit_only():
    units = [_unit("50.00"), _unit("70.00"), _unit("90.00")]
    item = _item(options={**_item().options, "shared_by": "equal"})

    split = _split(item, units, _readings(0, 100))

    amounts = sorted(split.part(u.id).amount.amount for u in units)
    assert amounts == [Decimal("18.66"), Decimal("18.67"), Decimal("18.67")]
    assert split.part(units[0].id).terms.endswith("× 1 户 / 3 户")


def test_the_common_consumption_is_priced_by_tiers_before_it_is_split():
    tiers = (
        Tier(Decimal(1000), Money(Decimal("0.50"))),
        Tier(None, Money(Decimal("1.00"))),
    )
    units = [_unit("60.00"), _unit("40.00")]

    split = _split(_item(tiers=tiers), units)

    assert [split.part(u.id).amount for u in units] == [
        Money(Decimal("440.40")),
        Money(Decimal("293.60")),
    ]


def test_only_units_the_item_covers_share_and_leases_only_does_not_narrow_it():
    home, shop = _unit("60.00"), _unit("40.00", Usage.SHOP)
    item = _item(applies_to=attrs.evolve(HOMES, leases_only=True))

    split = _split(item, [home, shop])

    assert split.part(home.id).amount == Money(Decimal("691.04"))
    assert split.part(shop.id).reason == "not in the 公摊 split of this run"


def test_a_missing_common_reading_holds_back_every_unit_of_the_item():
    units = [_unit("60.00"), _unit("40.00")]

    split = _split(_item(), units, {LIFT.id: _readings(1000)[LIFT.id][:1]})

    reason = "公摊 电梯: no electricity reading in 2026-11-01..2026-11-30"
    assert [split.part(u.id).reason for u in units] == [reason, reason]


def test_a_split_by_usable_area_needs_every_units_usable_area():
    units = [_unit("60.00", usable="50.00"), _unit("40.00")]

    split = _split(_item(area_basis=AreaBasis.USABLE), units)

    assert split.missing.reason == "公摊 by usable area: no usable area for 101"


def _owned(unit: Unit) -> UnitFacts:
    owner = Occupancy(unit.id, new_id(), Role.OWNER, date(2020, 1, 1),
                      share=Decimal(100))  # fmt: skip
    return UnitFacts(unit, (owner,))


@given(
    st.lists(areas(), min_size=1, max_size=30),
    st.integers(0, 10**6),
    st.sampled_from([None, JIAO_HALF_UP]),
)
def test_the_lines_of_all_units_add_up_to_the_common_charge(unit_areas, used, rounding):
    item = _item() if rounding is None else _item(rounding=rounding)
    units = [_unit(str(a)) for a in unit_areas]
    charged = [ChargedItem(item, NOVEMBER, _split(item, units, _readings(0, used)))]
    common = item.rounding.apply(Money(Decimal("0.56") * used))

    amounts = [
        line.amount
        for unit in units
        for bill in plan_unit(REGISTRY, _owned(unit), charged, NOVEMBER).bills
        for line in bill.lines
    ]

    assert sum(amounts, Money.zero()) == common
    assert all(a.amount % item.rounding.step == 0 for a in amounts)
