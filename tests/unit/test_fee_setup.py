"""Setting up fee items, rates, meters and readings, on the fakes."""

from datetime import date
from decimal import Decimal

import pytest

from propcore.billing.meters import MeterKind, ReadingBelowPreviousError
from propcore.billing.setup import FeeSetupService
from propcore.errors import ConflictError, InvalidInputError
from propcore.ids import new_id
from propcore.measures import Area
from propcore.property.tree import Building, NodeKind, OrgNode
from propcore.property.units import Unit
from propcore_bootstrap.plugins import fee_type_registry, make_plugin_manager
from tests.fakes import FakeUnitOfWorkFactory, FixedClock

REGISTRY = fee_type_registry(make_plugin_manager(load_entry_points=False))

FEE = {
    "code": "property_fee",
    "name": "物业费",
    "fee_type": "by_area",
    "usages": "residential",
    "rate": "2.80",
    "rate_from": "2025-01-01",
    "late_fee_daily_rate": "0.0005",
    "late_fee_grace_days": "30",
}


@pytest.fixture
def uow() -> FakeUnitOfWorkFactory:
    return FakeUnitOfWorkFactory()


@pytest.fixture
def service(uow) -> FeeSetupService:
    return FeeSetupService(uow, FixedClock(), REGISTRY)


@pytest.fixture
def estate(uow) -> OrgNode:
    return _estate(uow, "翠湖花园")


def _estate(uow, name: str) -> OrgNode:
    estate = OrgNode(NodeKind.ESTATE, name)
    with uow() as work:
        work.orgs.add(estate)
        work.commit()
    return estate


def _unit(uow, estate) -> Unit:
    building = Building(estate.id, "3号楼")
    unit = Unit(
        building.id,
        "1-101",
        floor=1,
        room="101",
        gross_area=Area(Decimal(90)),
        status="vacant",
    )
    with uow() as work:
        work.buildings.add(building)
        work.units.add(unit)
        work.commit()
    return unit


def _water_meter(service, estate, unit):
    raw = {"kind": "water", "places": "2", "unit_id": str(unit.id)}
    return service.register_meter(estate.id, raw)


def test_a_fee_item_is_stored_for_its_estate_with_its_first_rate(service, uow, estate):
    item = service.create_fee_item(estate.id, FEE)

    with uow() as work:
        stored = work.fee_items.get(item.id)
    assert stored == item
    assert stored.estate_id == estate.id
    assert stored.rates.rate_on(date(2026, 1, 1)).rate.amount == Decimal("2.80")


def test_bad_fee_item_input_names_its_fields_and_stores_nothing(service, uow, estate):
    with pytest.raises(InvalidInputError) as raised:
        service.create_fee_item(estate.id, FEE | {"name": "", "due_day": "40"})

    assert set(raised.value.fields) == {"name", "due_day"}
    with uow() as work:
        assert work.fee_items.for_estate(estate.id) == []


def test_a_fee_item_needs_an_estate(service, uow, estate):
    company = OrgNode(NodeKind.COMPANY, "华安物业")
    with uow() as work:
        work.orgs.add(company)
        work.commit()

    with pytest.raises(InvalidInputError) as raised:
        service.create_fee_item(company.id, FEE)

    assert raised.value.fields == ("estate_id",)


def test_a_fee_item_for_the_estates_buildings_and_units_is_stored(service, uow, estate):
    unit = _unit(uow, estate)
    raw = FEE | {"building_ids": str(unit.building_id), "unit_ids": str(unit.id)}

    item = service.create_fee_item(estate.id, raw)

    with uow() as work:
        applies = work.fee_items.get(item.id).applies_to
    assert (applies.building_ids, applies.unit_ids) == ({unit.building_id}, {unit.id})


def test_buildings_and_units_of_another_estate_are_refused(service, uow, estate):
    other = _estate(uow, "锦绣家园")
    theirs = _unit(uow, other)
    raw = FEE | {"building_ids": str(theirs.building_id), "unit_ids": str(new_id())}

    with pytest.raises(InvalidInputError) as raised:
        service.create_fee_item(estate.id, raw)

    assert raised.value.fields == ("building_ids", "unit_ids")
    with uow() as work:
        assert work.fee_items.for_estate(estate.id) == []


def test_a_fee_type_that_is_not_registered_is_refused(service, estate):
    with pytest.raises(InvalidInputError) as raised:
        service.create_fee_item(estate.id, FEE | {"fee_type": "castle"})

    assert raised.value.fields == ("fee_type",)


def test_a_second_fee_item_of_the_same_name_conflicts(service, estate):
    service.create_fee_item(estate.id, FEE)

    with pytest.raises(ConflictError) as raised:
        service.create_fee_item(estate.id, FEE | {"code": "other"})

    assert raised.value.problem.field == "name"


def test_a_rate_version_is_added_to_the_schedule(service, estate):
    item = service.create_fee_item(estate.id, FEE)

    schedule = service.add_rate(item.id, {"rate": "3.00", "rate_from": "2026-03-11"})

    assert [v.rate.amount for v in schedule.versions] == [
        Decimal("2.8000"),
        Decimal("3.0000"),
    ]


def test_a_second_rate_version_from_the_same_day_conflicts(service, uow, estate):
    item = service.create_fee_item(estate.id, FEE)
    service.add_rate(item.id, {"rate": "3.00", "rate_from": "2026-03-11"})

    with pytest.raises(ConflictError) as raised:
        service.add_rate(item.id, {"rate": "3.20", "rate_from": "2026-03-11"})

    assert raised.value.problem.field == "valid_from"
    with uow() as work:
        assert len(work.rates.schedule(item.id).versions) == 2


def test_bad_rate_input_names_its_fields_and_stores_nothing(service, uow, estate):
    item = service.create_fee_item(estate.id, FEE)

    with pytest.raises(InvalidInputError) as raised:
        service.add_rate(item.id, {"rate": "3.00001", "rate_from": "soon"})

    assert set(raised.value.fields) == {"rate", "rate_from"}
    with uow() as work:
        assert len(work.rates.schedule(item.id).versions) == 1


def test_a_meter_is_registered_on_a_unit_of_the_estate(service, uow, estate):
    unit = _unit(uow, estate)

    meter = _water_meter(service, estate, unit)

    with uow() as work:
        assert work.meters.for_unit(unit.id) == [meter]
    assert meter.kind is MeterKind.WATER
    assert meter.estate_id == estate.id


def test_a_meter_on_another_estates_unit_is_refused(service, uow, estate):
    other = _estate(uow, "枫林苑")
    unit = _unit(uow, other)

    with pytest.raises(InvalidInputError) as raised:
        _water_meter(service, estate, unit)

    assert raised.value.fields == ("unit_id",)
    with uow() as work:
        assert work.meters.for_estate(estate.id) == []


def test_a_meter_is_on_a_unit_or_a_common_area_not_both(service, uow, estate):
    unit = _unit(uow, estate)
    raw = {"kind": "electricity", "unit_id": str(unit.id), "common_area": "电梯"}

    with pytest.raises(InvalidInputError) as raised:
        service.register_meter(estate.id, raw | {"places": "5"})

    assert set(raised.value.fields) == {"common_area", "places"}


def test_readings_are_recorded_in_order(service, uow, estate):
    meter = _water_meter(service, estate, _unit(uow, estate))

    first = service.record_reading(meter.id, {"value": "10.5", "read_on": "2026-10-31"})
    second = service.record_reading(
        meter.id, {"value": "18.25", "read_on": "2026-11-30"}
    )

    with uow() as work:
        assert work.readings.history(meter.id) == [first, second]
    assert second.value == Decimal("18.25")


def test_a_reading_below_the_previous_one_is_refused(service, uow, estate):
    meter = _water_meter(service, estate, _unit(uow, estate))
    service.record_reading(meter.id, {"value": "18.25", "read_on": "2026-10-31"})

    with pytest.raises(ReadingBelowPreviousError):
        service.record_reading(meter.id, {"value": "17.00", "read_on": "2026-11-30"})

    with uow() as work:
        assert len(work.readings.history(meter.id)) == 1


def test_a_replacement_reading_may_be_below_the_previous_one(service, estate, uow):
    meter = _water_meter(service, estate, _unit(uow, estate))
    service.record_reading(meter.id, {"value": "918.25", "read_on": "2026-10-31"})
    raw = {"flags": "replacement", "start_value": "0", "read_on": "2026-11-30"}

    reading = service.record_reading(meter.id, raw | {"value": "12.00"})

    assert reading.start_value == Decimal("0.00")


def test_a_reading_dated_in_the_future_is_refused(service, uow, estate):
    meter = _water_meter(service, estate, _unit(uow, estate))

    with pytest.raises(InvalidInputError) as raised:
        service.record_reading(meter.id, {"value": "1.00", "read_on": "2026-12-02"})

    assert raised.value.fields == ("read_on",)
    with uow() as work:
        assert work.readings.latest(meter.id) is None


def test_bad_reading_input_names_its_fields(service, uow, estate):
    meter = _water_meter(service, estate, _unit(uow, estate))

    with pytest.raises(InvalidInputError) as raised:
        service.record_reading(meter.id, {"value": "1.005", "flags": "broken"})

    assert set(raised.value.fields) == {"value", "read_on", "flags"}


def _read(service, meter, value, day):
    return service.record_reading(meter.id, {"value": value, "read_on": day})


def test_a_retired_meter_takes_no_reading_after_its_day(service, uow, estate):
    meter = _water_meter(service, estate, _unit(uow, estate))
    _read(service, meter, "10.00", "2026-11-01")

    retired = service.retire_meter(meter.id, {"retired_on": "2026-11-10"})
    on_the_day = _read(service, meter, "12.00", "2026-11-10")
    with pytest.raises(InvalidInputError) as raised:
        _read(service, meter, "13.00", "2026-11-11")

    assert raised.value.fields == ("read_on",)
    assert retired.retired_on == date(2026, 11, 10)
    with uow() as work:
        assert work.meters.get(meter.id).retired_on == date(2026, 11, 10)
        assert work.readings.history(meter.id)[-1] == on_the_day


@pytest.mark.parametrize("day", ["2026-10-31", "2026-12-02", "", "11/10/2026"], ids=str)
def test_a_retirement_before_the_last_reading_or_ahead_changes_nothing(
    service, uow, estate, day
):
    meter = _water_meter(service, estate, _unit(uow, estate))
    _read(service, meter, "10.00", "2026-11-01")

    with pytest.raises(InvalidInputError) as raised:
        service.retire_meter(meter.id, {"retired_on": day})

    assert raised.value.fields == ("retired_on",)
    with uow() as work:
        assert work.meters.get(meter.id).retired_on is None


def test_a_meter_is_retired_once(service, uow, estate):
    meter = _water_meter(service, estate, _unit(uow, estate))
    service.retire_meter(meter.id, {"retired_on": "2026-11-10"})

    with pytest.raises(InvalidInputError) as raised:
        service.retire_meter(meter.id, {"retired_on": "2026-11-20"})

    assert raised.value.fields == ("retired_on",)
    with uow() as work:
        assert work.meters.get(meter.id).retired_on == date(2026, 11, 10)


def test_a_rollover_value_is_changed_above_every_reading(service, uow, estate):
    meter = _water_meter(service, estate, _unit(uow, estate))
    _read(service, meter, "9000.00", "2026-11-01")

    edited = service.edit_meter(meter.id, {"rollover_at": "10000"})

    with uow() as work:
        assert work.meters.get(meter.id) == edited
    assert edited.rollover_at == Decimal("10000.00")
    assert (edited.kind, edited.places) == (meter.kind, meter.places)


def test_what_would_reread_taken_readings_is_refused_by_field(service, uow, estate):
    meter = _water_meter(service, estate, _unit(uow, estate))
    _read(service, meter, "9000.00", "2026-11-01")
    raw = {"kind": "gas", "places": "3", "rollover_at": "9000", "common_area": "泵房"}

    with pytest.raises(InvalidInputError) as raised:
        service.edit_meter(meter.id, raw)

    assert set(raised.value.fields) == {"kind", "places", "rollover_at", "common_area"}
    with uow() as work:
        assert work.meters.get(meter.id) == meter


def test_a_rollover_value_stays_once_a_reading_rolled_over(service, uow, estate):
    meter = _water_meter(service, estate, _unit(uow, estate))
    service.edit_meter(meter.id, {"rollover_at": "10000"})
    _read(service, meter, "9990.00", "2026-10-31")
    raw = {"value": "5.00", "read_on": "2026-11-30", "flags": "rollover"}
    service.record_reading(meter.id, raw)

    with pytest.raises(InvalidInputError) as raised:
        service.edit_meter(meter.id, {"rollover_at": "100000"})

    assert raised.value.fields == ("rollover_at",)
    with uow() as work:
        assert work.meters.get(meter.id).rollover_at == Decimal("10000.00")


def test_a_meter_without_readings_may_change_kind_and_places(service, uow, estate):
    meter = _water_meter(service, estate, _unit(uow, estate))

    edited = service.edit_meter(meter.id, {"kind": "electricity", "places": "1"})

    assert (edited.kind, edited.places) == (MeterKind.ELECTRICITY, 1)
    with uow() as work:
        assert work.meters.for_unit(meter.unit_id) == [edited]


def test_a_common_area_is_renamed_and_never_blanked(service, uow, estate):
    raw = {"kind": "electricity", "common_area": "电梯"}
    meter = service.register_meter(estate.id, raw)

    renamed = service.edit_meter(meter.id, {"common_area": "1号电梯"})
    with pytest.raises(InvalidInputError) as raised:
        service.edit_meter(meter.id, {"common_area": " "})

    assert raised.value.fields == ("common_area",)
    with uow() as work:
        assert work.meters.on_common_areas(estate.id, ["1号电梯"]) == [renamed]


def test_meters_are_listed_by_building_or_common_area_with_the_newest_reading(
    service, uow, estate
):
    here, there = _unit(uow, estate), _unit(uow, estate)
    mine = _water_meter(service, estate, here)
    _water_meter(service, estate, there)
    lift = service.register_meter(
        estate.id, {"kind": "electricity", "places": "1", "common_area": "电梯"}
    )
    _read(service, mine, "10.00", "2026-10-31")
    _read(service, mine, "12.50", "2026-11-30")

    in_building = service.meters(building_id=here.building_id)
    common = service.meters(common_of=estate.id)
    empty = service.meters(building_id=new_id())

    assert [(s.meter, s.latest.value) for s in in_building] == [
        (mine, Decimal("12.50"))
    ]  # fmt: skip
    assert [(s.meter, s.latest) for s in common] == [(lift, None)]
    assert empty == []
