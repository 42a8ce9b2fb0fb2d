"""Locating request targets in the tree for the policy."""

import pytest

from propcore.access.policy import Actor, Scope, StaffGrant
from propcore.access.rules import Action, Area, StaffRole
from propcore.errors import NotFoundError
from propcore.ids import new_id
from propcore.property.tree import NodeKind


@pytest.fixture
def place(fake_core):
    company = fake_core.property.create_node(NodeKind.COMPANY, {"name": "华安物业"})
    estate = fake_core.property.create_node(
        NodeKind.ESTATE, {"name": "翠湖花园", "parent_id": str(company.id)}
    )
    building = fake_core.property.create_building(estate.id, {"name": "1号楼"})
    unit = fake_core.property.create_unit(
        building.id, {"floor": "3", "room": "301", "gross_area": "90.00"}, actor="t"
    )
    person = fake_core.residents.create_person({"name": "张伟"})
    return company, estate, building, unit, person


def _desk(estate_id) -> Actor:
    scope = Scope(estate_ids=frozenset({estate_id}))
    return Actor(new_id(), staff=(StaffGrant(StaffRole.FRONT_DESK, scope),))


def test_a_unit_is_located_in_its_building_and_estate(fake_core, place):
    _, estate, building, unit, _ = place

    (resource,) = fake_core.locate.resources(Area.PROPERTY, "unit", unit.id)

    assert (resource.estate_id, resource.building_id, resource.unit_id) == (
        estate.id,
        building.id,
        unit.id,
    )


def test_a_meter_is_in_its_unit_or_on_its_estate(fake_core, place):
    _, estate, building, unit, _ = place
    on_unit = fake_core.fees.register_meter(
        estate.id, {"kind": "water", "unit_id": str(unit.id)}
    )
    pump = fake_core.fees.register_meter(
        estate.id, {"kind": "electricity", "common_area": "水泵房"}
    )

    (in_unit,) = fake_core.locate.resources(Area.FEES, "meter", on_unit.id)
    (in_estate,) = fake_core.locate.resources(Area.FEES, "meter", pump.id)

    assert (in_unit.building_id, in_unit.unit_id) == (building.id, unit.id)
    assert (in_estate.estate_id, in_estate.unit_id) == (estate.id, None)


def test_a_person_is_where_their_occupancies_are(fake_core, place):
    _, estate, _, unit, person = place
    desk, elsewhere = _desk(estate.id), _desk(new_id())
    seen_before = [
        fake_core.locate.may(staff, Action.EDIT, Area.RESIDENTS, "person", person.id)
        for staff in (desk, elsewhere)
    ]

    fake_core.residents.add_occupancy(
        unit.id, {"person_id": str(person.id), "role": "owner", "share": "100"}
    )

    assert seen_before == [True, True]
    assert fake_core.locate.may(desk, Action.VIEW, Area.RESIDENTS, "person", person.id)
    assert not fake_core.locate.may(
        elsewhere, Action.VIEW, Area.RESIDENTS, "person", person.id
    )


def test_residents_do_not_see_unplaced_people(fake_core, place):
    person = place[4]
    resident = Actor(new_id(), person_id=new_id())

    assert not fake_core.locate.may(
        resident, Action.VIEW, Area.RESIDENTS, "person", person.id
    )


def test_unknown_ids_are_not_found(fake_core):
    with pytest.raises(NotFoundError):
        fake_core.locate.resources(Area.PROPERTY, "unit", new_id())
