"""Property use cases on the fakes: the tree, buildings, units, figures."""

from decimal import Decimal

import pytest

from propcore.errors import ConflictError, InvalidInputError, NotFoundError
from propcore.ids import new_id
from propcore.property.status import TransitionNotAllowedError
from propcore.property.tree import NodeKind

UNIT = {"entrance": "1", "floor": "12", "room": "1201", "gross_area": "120.50"}


@pytest.fixture
def building(fake_core):
    company = fake_core.property.create_node(NodeKind.COMPANY, {"name": "华安物业"})
    region = fake_core.property.create_node(
        NodeKind.REGION, {"name": "华北区", "parent_id": str(company.id)}
    )
    estate = fake_core.property.create_node(
        NodeKind.ESTATE,
        {"name": "翠湖花园", "parent_id": str(region.id), "address": "北京市海淀区"},
    )
    return fake_core.property.create_building(estate.id, {"name": "3号楼"})


def test_regions_nest_to_any_depth_and_estates_sit_under_them(fake_core):
    company = fake_core.property.create_node(NodeKind.COMPANY, {"name": "华安物业"})
    parent = company
    for name in ("华北区", "北京", "海淀片区"):
        parent = fake_core.property.create_node(
            NodeKind.REGION, {"name": name, "parent_id": str(parent.id)}
        )

    estate = fake_core.property.create_node(
        NodeKind.ESTATE, {"name": "翠湖花园", "parent_id": str(parent.id)}
    )

    assert estate.parent_id == parent.id


def test_an_estate_cannot_be_placed_under_an_estate(fake_core, building):
    estate = fake_core.property.nodes(NodeKind.ESTATE)[0]

    with pytest.raises(InvalidInputError) as raised:
        fake_core.property.create_node(
            NodeKind.ESTATE, {"name": "X", "parent_id": str(estate.id)}
        )

    assert raised.value.fields == ("parent_id",)


def test_a_new_unit_gets_its_label_the_initial_status_and_a_first_history_entry(
    fake_core, building
):
    unit = fake_core.property.create_unit(building.id, UNIT, actor="admin")

    assert unit.label == "1-1201"
    assert unit.status == "vacant"
    (entry,) = fake_core.property.history(unit.id)
    assert (entry.from_status, entry.to_status, entry.changed_by) == (
        None,
        "vacant",
        "admin",
    )


def test_bad_unit_input_names_every_bad_field_and_creates_nothing(fake_core, building):
    bad = {"floor": "twelve", "room": "", "gross_area": "12.345", "usage": "castle"}

    with pytest.raises(InvalidInputError) as raised:
        fake_core.property.create_unit(building.id, bad, actor="admin")

    assert set(raised.value.fields) == {"floor", "room", "gross_area", "usage"}
    assert fake_core.property.units(building.id) == []


def test_usable_area_larger_than_gross_area_is_refused(fake_core, building):
    with pytest.raises(InvalidInputError) as raised:
        fake_core.property.create_unit(
            building.id, UNIT | {"usable_area": "130.00"}, actor="admin"
        )

    assert raised.value.fields == ("usable_area",)


def test_a_duplicate_label_in_one_building_conflicts(fake_core, building):
    fake_core.property.create_unit(building.id, UNIT, actor="admin")

    with pytest.raises(ConflictError) as raised:
        fake_core.property.create_unit(building.id, UNIT, actor="admin")

    assert raised.value.problem.field == "label"
    assert len(fake_core.property.units(building.id)) == 1


def test_editing_a_unit_keeps_its_status_and_history(fake_core, building):
    unit = fake_core.property.create_unit(building.id, UNIT, actor="admin")
    fake_core.property.change_status(unit.id, "sold", actor="admin")

    edited = fake_core.property.update_unit(
        unit.id, UNIT | {"gross_area": "121.00", "layout": "3-2-2", "status": "rented"}
    )

    assert edited.status == "sold"
    assert edited.gross_area.square_metres == Decimal("121.00")
    assert str(edited.layout) == "3室2厅2卫"
    assert len(fake_core.property.history(unit.id)) == 2


def test_a_refused_status_change_leaves_no_history(fake_core, building):
    unit = fake_core.property.create_unit(building.id, UNIT, actor="admin")
    fake_core.property.change_status(unit.id, "sold", actor="admin")

    with pytest.raises(TransitionNotAllowedError):
        fake_core.property.change_status(unit.id, "rented", actor="admin")

    assert [c.to_status for c in fake_core.property.history(unit.id)] == [
        "vacant",
        "sold",
    ]


def test_vacancy_figures_count_unoccupied_statuses(fake_core, building):
    for room, status in [
        ("101", "self_occupied"),
        ("102", "rented"),
        ("103", "vacant"),
        ("104", "renovating"),
    ]:
        fake_core.property.create_unit(
            building.id, UNIT | {"room": room, "status": status}, actor="admin"
        )

    figures = fake_core.property.building_figures(building.id)

    assert (figures.total, figures.occupied, figures.vacant) == (4, 2, 2)
    assert figures.vacancy_rate == Decimal("50.0")
    assert figures.by_status["renovating"] == 1


def test_an_empty_search_finds_nothing_without_asking_storage(fake_core, building):
    fake_core.property.create_unit(building.id, UNIT, actor="admin")

    assert fake_core.property.search_units("  ") == []
    assert len(fake_core.property.search_units("1201")) == 1


def test_unknown_ids_are_not_found(fake_core):
    with pytest.raises(NotFoundError):
        fake_core.property.units(new_id())


def test_building_names_are_unique_within_an_estate(fake_core, building):
    with pytest.raises(ConflictError) as raised:
        fake_core.property.create_building(building.estate_id, {"name": "3号楼"})

    assert raised.value.problem.field == "name"
