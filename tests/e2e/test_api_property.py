"""The JSON API for the organisation tree, buildings, units and their status."""

from uuid import uuid4

from tests.e2e.conftest import ADMIN

UNIT = {"entrance": "1", "floor": 3, "room": "301", "gross_area": "89.75"}


def _estate(client) -> dict:
    company = client.post("/api/v1/nodes", json={"kind": "company", "name": "幸福物业"})
    return client.post(
        "/api/v1/nodes",
        json={"kind": "estate", "name": "阳光小区", "parent_id": company.json()["id"]},
    ).json()


def _building(client) -> dict:
    estate = _estate(client)
    return client.post(
        f"/api/v1/estates/{estate['id']}/buildings", json={"name": "1号楼"}
    ).json()


def test_estate_is_created_under_its_company_and_listed(admin_client):
    estate = _estate(admin_client)

    listed = admin_client.get("/api/v1/nodes", params={"kind": "estate"})

    assert [n["name"] for n in listed.json()] == ["阳光小区"]
    assert listed.json()[0]["parent_id"] is not None
    assert admin_client.get(f"/api/v1/nodes/{estate['id']}").json() == estate


def test_node_and_building_can_be_renamed(admin_client):
    building = _building(admin_client)

    renamed = admin_client.put(
        f"/api/v1/buildings/{building['id']}",
        json={"name": "2号楼", "address": "路1号"},
    )

    assert renamed.status_code == 200
    assert admin_client.get(f"/api/v1/buildings/{building['id']}").json()["name"] == (
        "2号楼"
    )


def test_unit_is_created_with_decimal_areas_as_strings(admin_client):
    building = _building(admin_client)

    created = admin_client.post(f"/api/v1/buildings/{building['id']}/units", json=UNIT)

    assert created.status_code == 201
    body = created.json()
    assert body["gross_area"] == "89.75"
    assert body["label"] == "1-301"
    assert body["status"] == "vacant"
    assert body["fee_coefficient"] == "1.0000"


def test_unit_update_changes_its_description(admin_client):
    building = _building(admin_client)
    unit = admin_client.post(
        f"/api/v1/buildings/{building['id']}/units", json=UNIT
    ).json()

    updated = admin_client.put(
        f"/api/v1/units/{unit['id']}",
        json={**UNIT, "gross_area": "90.00", "layout": "3室2厅1卫"},
    )

    assert updated.status_code == 200
    shown = admin_client.get(f"/api/v1/units/{unit['id']}").json()
    assert shown["unit"]["gross_area"] == "90.00"
    assert shown["unit"]["layout"] == "3室2厅1卫"
    assert shown["address"] == "阳光小区 1号楼 1-301"


def test_area_with_three_decimal_places_is_refused_naming_the_field(admin_client):
    building = _building(admin_client)

    response = admin_client.post(
        f"/api/v1/buildings/{building['id']}/units",
        json={**UNIT, "gross_area": "12.345"},
    )

    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["status"] == 422
    assert {"type", "title", "detail"} <= problem.keys()
    assert [e["field"] for e in problem["errors"]] == ["gross_area"]
    assert admin_client.get(f"/api/v1/buildings/{building['id']}/units").json() == []


def test_area_as_json_float_is_refused_naming_the_field(admin_client):
    building = _building(admin_client)

    response = admin_client.post(
        f"/api/v1/buildings/{building['id']}/units", json={**UNIT, "gross_area": 89.75}
    )

    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/problem+json")
    assert [e["field"] for e in response.json()["errors"]] == ["gross_area"]
    assert admin_client.get(f"/api/v1/buildings/{building['id']}/units").json() == []


def test_missing_required_body_field_is_named(admin_client):
    building = _building(admin_client)
    body = {k: v for k, v in UNIT.items() if k != "room"}

    response = admin_client.post(f"/api/v1/buildings/{building['id']}/units", json=body)

    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["room"]


def test_every_bad_field_is_reported_at_once(admin_client):
    building = _building(admin_client)

    response = admin_client.post(
        f"/api/v1/buildings/{building['id']}/units",
        json={**UNIT, "floor": 999, "gross_area": "-1", "layout": "big"},
    )

    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"floor", "gross_area", "layout"}


def test_duplicate_label_in_one_building_conflicts_and_adds_nothing(admin_client):
    building = _building(admin_client)
    units_url = f"/api/v1/buildings/{building['id']}/units"
    admin_client.post(units_url, json=UNIT)

    response = admin_client.post(units_url, json=UNIT)

    assert response.status_code == 409
    assert response.json()["errors"][0]["field"] == "label"
    assert len(admin_client.get(units_url).json()) == 1


def test_status_change_is_recorded_with_who_and_why(admin_client):
    building = _building(admin_client)
    unit = admin_client.post(
        f"/api/v1/buildings/{building['id']}/units", json=UNIT
    ).json()

    changed = admin_client.post(
        f"/api/v1/units/{unit['id']}/status",
        json={"to_status": "sold", "reason": "网签完成"},
    )

    assert changed.status_code == 201
    history = admin_client.get(f"/api/v1/units/{unit['id']}/history").json()
    assert [(h["from_status"], h["to_status"]) for h in history] == [
        (None, "vacant"),
        ("vacant", "sold"),
    ]
    assert history[-1]["changed_by"] == ADMIN
    assert history[-1]["reason"] == "网签完成"


def test_disallowed_status_transition_conflicts_and_changes_nothing(admin_client):
    building = _building(admin_client)
    unit = admin_client.post(
        f"/api/v1/buildings/{building['id']}/units", json=UNIT
    ).json()
    admin_client.post(f"/api/v1/units/{unit['id']}/status", json={"to_status": "sold"})

    response = admin_client.post(
        f"/api/v1/units/{unit['id']}/status", json={"to_status": "self_occupied"}
    )

    assert response.status_code == 409
    assert response.json()["errors"][0]["field"] == "status"
    assert (
        admin_client.get(f"/api/v1/units/{unit['id']}").json()["unit"]["status"]
        == "sold"
    )
    assert len(admin_client.get(f"/api/v1/units/{unit['id']}/history").json()) == 2


def test_unknown_ids_and_malformed_ids_are_not_found(admin_client):
    unknown = admin_client.get(f"/api/v1/units/{uuid4()}")
    malformed = admin_client.get("/api/v1/units/not-a-uuid")

    assert unknown.status_code == 404
    assert unknown.headers["content-type"].startswith("application/problem+json")
    assert malformed.status_code == 404
    assert malformed.json()["status"] == 404


def test_figures_give_the_vacancy_rate_as_a_string(admin_client):
    building = _building(admin_client)
    units_url = f"/api/v1/buildings/{building['id']}/units"
    first = admin_client.post(units_url, json=UNIT).json()
    admin_client.post(units_url, json={**UNIT, "room": "302"})
    admin_client.post(
        f"/api/v1/units/{first['id']}/status", json={"to_status": "rented"}
    )

    figures = admin_client.get(f"/api/v1/buildings/{building['id']}/figures").json()
    estate = admin_client.get(f"/api/v1/estates/{building['estate_id']}/figures")

    assert figures["total"] == 2
    assert figures["occupied"] == 1
    assert figures["vacancy_rate"] == "50.0"
    assert figures["by_status"]["rented"] == 1
    assert estate.json() == figures


def test_unit_search_finds_a_unit_by_label_fragment(admin_client):
    building = _building(admin_client)
    admin_client.post(f"/api/v1/buildings/{building['id']}/units", json=UNIT)

    hits = admin_client.get("/api/v1/units", params={"q": "301"}).json()

    assert [h["unit"]["label"] for h in hits] == ["1-301"]
    assert hits[0]["estate_name"] == "阳光小区"


def test_problem_details_follow_the_requested_language(admin_client):
    building = _building(admin_client)
    url = f"/api/v1/buildings/{building['id']}/units"
    bad = {**UNIT, "gross_area": "12.345"}

    chinese = admin_client.post(url, json=bad).json()
    english = admin_client.post(url, params={"lang": "en"}, json=bad).json()

    assert chinese["errors"][0]["message"] == "最多保留 2 位小数"
    assert english["errors"][0]["message"] == "must have at most 2 decimal places"
