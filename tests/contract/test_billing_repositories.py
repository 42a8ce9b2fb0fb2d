"""The billing storage ports, on the fakes, SQLite and PostgreSQL."""

from datetime import date
from decimal import Decimal

import attrs
import pytest

from propcore.billing.fees import (
    AppliesTo,
    Cycle,
    Discounts,
    DueRule,
    Escalation,
    FeeItem,
    LateFeeRule,
    PaymentMode,
    Tier,
)
from propcore.billing.meters import Meter, MeterKind, Reading, ReadingFlag
from propcore.billing.periods import Period
from propcore.billing.rates import RateSchedule, RateVersion
from propcore.billing.rounding import JIAO_TRUNCATE
from propcore.errors import ConflictError, NotFoundError
from propcore.ids import new_id
from propcore.measures import Area
from propcore.money import Money
from propcore.property.tree import Building, NodeKind, OrgNode
from propcore.property.units import Unit, Usage

PRICE_2025 = RateVersion(date(2025, 1, 1), Money(Decimal("2.8000")), "2025 价格公示")
PRICE_2026 = RateVersion(date(2026, 3, 11), Money(Decimal("3.0500")))


@pytest.fixture
def place(uow):
    """An estate with one building and one unit."""
    estate = OrgNode(NodeKind.ESTATE, "翠湖花园")
    building = Building(estate.id, "3号楼")
    unit = Unit(
        building.id,
        "1-101",
        floor=1,
        room="101",
        gross_area=Area(Decimal("90.00")),
        status="vacant",
    )
    with uow() as work:
        work.orgs.add(estate)
        work.buildings.add(building)
        work.units.add(unit)
        work.commit()
    return estate, unit


def _fee(estate, name="物业费", **changes) -> FeeItem:
    values = {
        "code": "property_fee",
        "name": name,
        "fee_type": "by_area",
        "applies_to": AppliesTo(usages=frozenset({Usage.RESIDENTIAL})),
        "rates": RateSchedule((PRICE_2025,)),
        "estate_id": estate.id,
    }
    return FeeItem(**(values | changes))


def _water(estate, tiers=True) -> FeeItem:
    """A metered item with every nested setting filled in."""
    return _fee(
        estate,
        "水费",
        code="water",
        fee_type="metered",
        applies_to=AppliesTo(
            frozenset({Usage.RESIDENTIAL, Usage.SHOP}),
            building_ids=frozenset({new_id()}),
            unit_ids=frozenset({new_id(), new_id()}),
            leases_only=True,
        ),
        cycle=Cycle.QUARTERLY,
        payment_mode=PaymentMode.IN_ARREARS,
        due_rule=DueRule(31, 1),
        rounding=JIAO_TRUNCATE,
        late_fee=LateFeeRule(Decimal("0.000500"), 30, Decimal("0.3")),
        discounts=Discounts(Decimal("0.5"), Decimal("0.95")),
        tiers=(
            Tier(Decimal("180"), Money(Decimal("5.00"))),
            Tier(Decimal("260.5"), Money(Decimal("7.0025"))),
            Tier(None, Money(Decimal("9.00"))),
        ),
        tier_cycle=Cycle.YEARLY,
        escalation=Escalation(12, percent=Decimal("3.5")),
        options={"quantity": "2", "season_start": "11-15"},
    )


def _store(uow, *items) -> None:
    with uow() as work:
        for item in items:
            work.fee_items.add(item)
        work.commit()


def test_a_fee_item_with_tiers_and_a_late_fee_rule_round_trips(uow, place):
    estate, _ = place
    item = _water(estate)

    _store(uow, item)

    with uow() as work:
        stored = work.fee_items.get(item.id)
    assert stored == item
    assert str(stored.late_fee.daily_rate) == "0.000500"
    assert [str(t.price.amount) for t in stored.tiers] == ["5.00", "7.0025", "9.00"]
    assert stored.rates.versions == (PRICE_2025,)


def test_rent_escalation_by_an_amount_round_trips(uow, place):
    estate, _ = place
    item = _fee(
        estate,
        "租金",
        fee_type="rent",
        rates=RateSchedule(()),
        escalation=Escalation(6, amount=Money(Decimal("100.00"))),
    )

    _store(uow, item)

    with uow() as work:
        assert work.fee_items.get(item.id) == item


def test_an_unknown_fee_item_is_not_found(uow):
    with uow() as work, pytest.raises(NotFoundError):
        work.fee_items.get(new_id())


def test_fee_items_of_an_estate_are_ordered_by_name(uow, place):
    estate, _ = place
    other = OrgNode(NodeKind.ESTATE, "枫林苑")
    with uow() as work:
        work.orgs.add(other)
        work.commit()
    names = ["车位管理费", "B 垃圾费", "A 电梯费"]
    _store(uow, *(_fee(estate, n) for n in names), _fee(other, "A 别处"))

    with uow() as work:
        found = work.fee_items.for_estate(estate.id)

    assert [i.name for i in found] == sorted(names)
    assert all(i.rates.versions == (PRICE_2025,) for i in found)


def test_a_fee_item_name_is_unique_in_its_estate(uow, place):
    estate, _ = place
    _store(uow, _fee(estate))

    with uow() as work, pytest.raises(ConflictError) as raised:
        work.fee_items.add(_fee(estate, code="other"))

    assert raised.value.problem.field == "name"


def test_an_update_rewrites_the_settings_and_keeps_the_rates(uow, place):
    estate, _ = place
    item = _fee(estate)
    _store(uow, item)
    changed = attrs.evolve(
        _water(estate), id=item.id, name="物业服务费", rates=RateSchedule(())
    )

    with uow() as work:
        work.fee_items.update(changed)
        work.commit()

    with uow() as work:
        assert work.fee_items.get(item.id) == attrs.evolve(changed, rates=item.rates)


def test_an_update_to_a_taken_name_conflicts(uow, place):
    estate, _ = place
    first, second = _fee(estate), _fee(estate, "水费")
    _store(uow, first, second)

    with uow() as work, pytest.raises(ConflictError) as raised:
        work.fee_items.update(attrs.evolve(second, name=first.name))

    assert raised.value.problem.field == "name"


def test_updating_an_unknown_fee_item_is_not_found(uow, place):
    estate, _ = place

    with uow() as work, pytest.raises(NotFoundError):
        work.fee_items.update(_fee(estate))


def test_rate_versions_come_back_in_date_order(uow, place):
    estate, _ = place
    item = _fee(estate, rates=RateSchedule(()))
    _store(uow, item)
    early = RateVersion(date(2024, 7, 1), Money(Decimal("2.5")))

    with uow() as work:
        work.rates.add(item.id, PRICE_2026)
        work.rates.add(item.id, PRICE_2025)
        work.rates.add(item.id, early)
        work.commit()

    with uow() as work:
        versions = work.rates.schedule(item.id).versions
    assert versions == (early, PRICE_2025, PRICE_2026)
    assert [str(v.rate.amount) for v in versions] == ["2.5000", "2.8000", "3.0500"]
    assert versions[1].label == "2025 价格公示"


def test_a_second_rate_version_from_the_same_day_conflicts(uow, place):
    estate, _ = place
    item = _fee(estate)
    _store(uow, item)
    again = RateVersion(PRICE_2025.valid_from, Money(Decimal("9.0000")))

    with uow() as work, pytest.raises(ConflictError) as raised:
        work.rates.add(item.id, again)

    assert raised.value.problem.field == "valid_from"


def test_rates_need_a_stored_fee_item(uow):
    with uow() as work:
        assert work.rates.schedule(new_id()) == RateSchedule(())
        with pytest.raises(NotFoundError):
            work.rates.add(new_id(), PRICE_2025)


def _meters(uow, estate, unit) -> tuple[Meter, Meter]:
    on_unit = Meter(new_id(), MeterKind.WATER, 3, unit_id=unit.id, estate_id=estate.id)
    common = Meter(
        new_id(),
        MeterKind.ELECTRICITY,
        1,
        common_area="电梯",
        rollover_at=Decimal("100000.0"),
        estate_id=estate.id,
    )
    with uow() as work:
        work.meters.add(on_unit)
        work.meters.add(common)
        work.commit()
    return on_unit, common


def test_meters_are_found_by_id_unit_and_estate(uow, place):
    estate, unit = place

    on_unit, common = _meters(uow, estate, unit)

    with uow() as work:
        assert work.meters.get(common.id) == common
        assert str(work.meters.get(common.id).rollover_at) == "100000.0"
        assert work.meters.for_unit(unit.id) == [on_unit]
        assert work.meters.for_estate(estate.id) == [common, on_unit]
        assert work.meters.for_estate(new_id()) == []
        with pytest.raises(NotFoundError):
            work.meters.get(new_id())


def test_meters_on_named_common_areas_are_found_within_their_estate(uow, place):
    estate, unit = place
    _, lifts = _meters(uow, estate, unit)
    pumps = Meter(new_id(), MeterKind.WATER, common_area="水泵房", estate_id=estate.id)
    other = OrgNode(NodeKind.ESTATE, "碧水苑")
    elsewhere = Meter(new_id(), MeterKind.GAS, common_area="电梯", estate_id=other.id)
    with uow() as work:
        work.orgs.add(other)
        for meter in (pumps, elsewhere):
            work.meters.add(meter)
        work.commit()

    with uow() as work:
        both = work.meters.on_common_areas(estate.id, ["水泵房", "电梯"])
        assert both == [lifts, pumps]
        assert work.meters.on_common_areas(estate.id, ["电梯"]) == [lifts]
        assert work.meters.on_common_areas(estate.id, ["1-101", "车库"]) == []
        assert work.meters.on_common_areas(estate.id, []) == []
        assert work.meters.for_common_areas(estate.id) == [lifts, pumps]
        assert work.meters.for_common_areas(other.id) == [elsewhere]


def test_meters_of_one_kind_are_ordered_by_id(uow, place):
    estate, unit = place
    meters = [
        Meter(new_id(), MeterKind.GAS, unit_id=unit.id, estate_id=estate.id)
        for _ in range(3)
    ]

    with uow() as work:
        for meter in meters:
            work.meters.add(meter)
        work.commit()

    with uow() as work:
        assert work.meters.for_unit(unit.id) == sorted(meters, key=lambda m: m.id)


def test_a_meter_is_rewritten_with_its_retirement_and_keeps_its_place(uow, place):
    estate, unit = place
    on_unit, common = _meters(uow, estate, unit)
    moved = attrs.evolve(
        common,
        common_area="1号电梯",
        rollover_at=Decimal("99999.9"),
        retired_on=date(2026, 11, 10),
    )
    retired = attrs.evolve(on_unit, retired_on=date(2026, 11, 30))

    with uow() as work:
        work.meters.update(moved)
        work.meters.update(retired)
        work.commit()

    with uow() as work:
        assert work.meters.get(common.id) == moved
        assert work.meters.for_unit(unit.id) == [retired]
        assert work.meters.on_common_areas(estate.id, ["1号电梯"]) == [moved]
        assert work.meters.on_common_areas(estate.id, ["电梯"]) == []


def test_an_unknown_meter_is_not_rewritten(uow, place):
    estate, unit = place
    ghost = Meter(new_id(), MeterKind.WATER, unit_id=unit.id, estate_id=estate.id)

    with uow() as work, pytest.raises(NotFoundError):
        work.meters.update(ghost)

    with uow() as work:
        assert work.meters.for_unit(unit.id) == []


def test_a_meter_without_its_estate_is_not_stored(uow, place):
    _, unit = place

    with uow() as work, pytest.raises(ValueError, match="names its estate"):
        work.meters.add(Meter(new_id(), MeterKind.WATER, unit_id=unit.id))


def _read(meter, value, day, **extra) -> Reading:
    return Reading(meter.id, Decimal(value), day, **extra)


def test_readings_come_back_in_date_order_with_the_meters_places(uow, place):
    estate, unit = place
    water, _ = _meters(uow, estate, unit)
    readings = [
        _read(water, "12.345", date(2026, 11, 30)),
        _read(water, "3.100", date(2026, 9, 30)),
        _read(
            water,
            "1.500",
            date(2026, 10, 31),
            flags=frozenset({ReadingFlag.REPLACEMENT, ReadingFlag.ESTIMATED}),
            start_value=Decimal("0.250"),
        ),
    ]

    with uow() as work:
        for reading in readings:
            work.readings.add(reading)
        work.commit()

    with uow() as work:
        history = work.readings.history(water.id)
        latest = work.readings.latest(water.id)
    assert history == sorted(readings, key=lambda r: r.read_on)
    assert [str(r.value) for r in history] == ["3.100", "1.500", "12.345"]
    assert str(history[1].start_value) == "0.250"
    assert latest == readings[0]


def test_a_meter_without_readings_has_no_latest(uow, place):
    estate, unit = place
    water, _ = _meters(uow, estate, unit)

    with uow() as work:
        assert work.readings.latest(water.id) is None
        assert work.readings.history(water.id) == []


def test_a_second_reading_on_the_same_day_conflicts(uow, place):
    estate, unit = place
    water, _ = _meters(uow, estate, unit)
    with uow() as work:
        work.readings.add(_read(water, "1.000", date(2026, 11, 30)))
        work.commit()

    with uow() as work, pytest.raises(ConflictError) as raised:
        work.readings.add(_read(water, "2.000", date(2026, 11, 30)))

    assert raised.value.problem.field == "read_on"


def test_a_reading_needs_a_stored_meter(uow):
    with uow() as work, pytest.raises(NotFoundError):
        work.readings.add(Reading(new_id(), Decimal("1.00"), date(2026, 11, 30)))


def test_readings_of_a_period_include_both_ends(uow, place):
    estate, unit = place
    water, lift = _meters(uow, estate, unit)
    days = [
        date(2026, 10, 31),
        date(2026, 11, 1),
        date(2026, 11, 30),
        date(2026, 12, 1),
    ]
    with uow() as work:
        for number, day in enumerate(days):
            work.readings.add(_read(water, f"{number}.000", day))
            work.readings.add(_read(lift, f"{number}.0", day))
        work.commit()

    with uow() as work:
        found = work.readings.for_period([lift.id, water.id], Period.month(2026, 11))
        none = work.readings.for_period([], Period.month(2026, 11))

    inside = [
        (m.id, d) for m in sorted((water, lift), key=lambda m: m.id) for d in days[1:3]
    ]
    assert [(r.meter_id, r.read_on) for r in found] == inside
    assert none == []


def test_a_window_holds_the_opening_reading_and_those_of_the_period(uow, place):
    estate, unit = place
    water, lift = _meters(uow, estate, unit)
    silent = Meter(new_id(), MeterKind.GAS, unit_id=unit.id, estate_id=estate.id)
    fitted = Meter(new_id(), MeterKind.HEAT, unit_id=unit.id, estate_id=estate.id)
    with uow() as work:
        work.meters.add(silent)
        work.meters.add(fitted)
        for day, value in ((date(2026, 9, 30), "1.000"), (date(2026, 10, 31), "2.000"),
                           (date(2026, 11, 15), "3.000"), (date(2026, 11, 30), "4.000"),
                           (date(2026, 12, 31), "5.000")):  # fmt: skip
            work.readings.add(_read(water, value, day))
        work.readings.add(_read(lift, "7.5", date(2026, 8, 31)))
        work.readings.add(_read(fitted, "0.00", date(2026, 11, 10)))
        work.commit()

    wanted = [water.id, lift.id, silent.id, fitted.id]
    with uow() as work:
        found = work.readings.window(wanted, Period.month(2026, 11))
        none = work.readings.window([], Period.month(2026, 11))

    shown = {m: [(r.read_on.isoformat(), str(r.value)) for r in rs]
             for m, rs in found.items()}  # fmt: skip
    assert shown == {
        water.id: [("2026-10-31", "2.000"), ("2026-11-15", "3.000"),
                   ("2026-11-30", "4.000")],
        lift.id: [("2026-08-31", "7.5")],
        fitted.id: [("2026-11-10", "0.00")],
    }  # fmt: skip
    assert none == {}
