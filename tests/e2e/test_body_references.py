"""Ids in request bodies go through the policy too, not only ids in paths."""

import pytest

from propcore.property.tree import NodeKind

DESK_PASSWORD = "desk-password-1"


@pytest.fixture
def desk_client(core, client, estate):
    new = core.accounts.create_staff({"username": "desk", "display_name": "前台"})
    core.recovery.set_first_password(new.activation_token, DESK_PASSWORD)
    core.accounts.assign(new.account.id, {"role": "front_desk", "node_id": estate.id})
    token = core.tokens.create(new.account.id, {"name": "test"}).secret
    client.headers["Authorization"] = f"Bearer {token}"
    return client


@pytest.fixture
def person_elsewhere(core, estate):
    other = core.property.create_node(
        NodeKind.ESTATE, {"name": "锦绣江南", "parent_id": estate.parent_id}
    )
    building = core.property.create_building(other.id, {"name": "1幢"})
    unit = core.property.create_unit(
        building.id, {"floor": "1", "room": "101", "gross_area": "80.00"}, actor="t"
    )
    person = core.residents.create_person({"name": "外区业主", "phone": "13600000001"})
    core.residents.add_occupancy(
        unit.id, {"person_id": str(person.id), "role": "owner", "share": "100"}
    )
    return person


def test_a_person_from_another_estate_cannot_be_placed_in_ours(
    desk_client, core, unit, person_elsewhere
):
    body = {"person_id": str(person_elsewhere.id), "role": "owner", "share": "100"}

    response = desk_client.post(f"/api/v1/units/{unit.id}/occupancies", json=body)

    assert response.status_code == 404
    assert core.residents.household(unit.id) == []


def test_the_front_desk_registers_someone_and_gives_them_a_unit(desk_client, unit):
    created = desk_client.post(
        "/api/v1/people", json={"name": "新住户", "phone": "13500000001"}
    )
    person_id = created.json()["id"]

    placed = desk_client.post(
        f"/api/v1/units/{unit.id}/occupancies",
        json={"person_id": person_id, "role": "owner", "share": "100"},
    )

    assert created.status_code == 201
    assert placed.status_code == 201
    assert desk_client.get(f"/api/v1/people/{person_id}").status_code == 200
