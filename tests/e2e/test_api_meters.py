"""The JSON API for meter readings: RFC 9457 problem details name the field."""

from decimal import Decimal

import pytest

from propcore.property.tree import NodeKind
from tests.billing.world import seed
from tests.e2e.accounts import staff_login

PROBLEM = "application/problem+json"


@pytest.fixture
def world(core):
    return seed(core.billing.uow)


def _post(client, meter, body):
    return client.post(f"/api/v1/meters/{meter.id}/readings", json=body)


def test_a_reading_is_recorded_with_decimals_as_strings(admin_client, core, world):
    meter = world.meters["101"]

    created = _post(admin_client, meter, {"read_on": "2026-12-01", "value": "121"})

    assert created.status_code == 201
    assert created.json() | {"meter_id": ""} == {
        "meter_id": "",
        "read_on": "2026-12-01",
        "value": "121",
        "flags": [],
        "start_value": None,
        "unusual": None,
    }
    assert core.fees.meter(meter.id)[1][-1].value == Decimal(121)


def test_a_drop_without_a_flag_is_a_problem_naming_the_value(admin_client, world):
    response = _post(
        admin_client, world.meters["101"], {"read_on": "2026-12-01", "value": "90"}
    )

    assert response.status_code == 422
    assert response.headers["content-type"].startswith(PROBLEM)
    problem = response.json()
    assert problem["status"] == 422
    assert [e["field"] for e in problem["errors"]] == ["value"]
    assert "112" in problem["errors"][0]["message"]


def test_a_replacement_is_accepted_with_its_start_value(admin_client, world):
    body = {"read_on": "2026-12-01", "value": "4", "flags": ["replacement"]}

    missing = _post(admin_client, world.meters["101"], body)
    given = _post(admin_client, world.meters["101"], body | {"start_value": "1"})

    assert [e["field"] for e in missing.json()["errors"]] == ["start_value"]
    assert given.status_code == 201
    assert given.json()["flags"] == ["replacement"]


def test_a_malformed_body_names_the_missing_field(admin_client, world):
    response = _post(admin_client, world.meters["101"], {"value": "121"})

    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["read_on"]


def test_an_unknown_meter_is_not_found(admin_client, world):
    response = admin_client.post(
        "/api/v1/meters/00000000-0000-4000-8000-000000000000/readings",
        json={"read_on": "2026-12-01", "value": "1"},
    )

    assert response.status_code == 404
    assert response.headers["content-type"].startswith(PROBLEM)


def _api(opened, core, role, node_id):
    """A signed-in browser sending the CSRF header, as the API docs ask."""
    client = opened.signed_in(staff_login(core, f"{role}-{node_id}", role, node_id))
    client.headers["x-csrftoken"] = client.cookies["csrftoken"]
    return client


def test_a_meter_is_retired_and_then_takes_no_later_reading(admin_client, world):
    meter = world.meters["101"]

    retired = admin_client.post(
        f"/api/v1/meters/{meter.id}/retirement", json={"retired_on": "2026-11-30"}
    )
    later = _post(admin_client, meter, {"read_on": "2026-12-01", "value": "121"})

    assert retired.status_code == 201
    assert retired.json()["retired_on"] == "2026-11-30"
    assert [e["field"] for e in later.json()["errors"]] == ["read_on"]


def test_a_retirement_before_the_last_reading_is_a_problem_naming_it(
    admin_client, core, world
):
    meter = world.meters["101"]

    response = admin_client.post(
        f"/api/v1/meters/{meter.id}/retirement", json={"retired_on": "2026-10-01"}
    )

    assert response.status_code == 422
    assert response.headers["content-type"].startswith(PROBLEM)
    assert [e["field"] for e in response.json()["errors"]] == ["retired_on"]
    assert core.fees.meter(meter.id)[0].retired_on is None


def test_a_meter_gets_a_rollover_value_and_keeps_its_kind(admin_client, world):
    meter = world.meters["101"]

    response = admin_client.put(
        f"/api/v1/meters/{meter.id}", json={"rollover_at": "10000"}
    )

    assert response.status_code == 200
    assert response.json() | {"id": "", "unit_id": ""} == {
        "id": "",
        "kind": "water",
        "places": meter.places,
        "unit_id": "",
        "common_area": None,
        "rollover_at": str(Decimal(10000).quantize(meter.step)),
        "retired_on": None,
    }


def test_changing_the_kind_of_a_read_meter_is_a_problem_naming_it(
    admin_client, core, world
):
    meter = world.meters["101"]

    response = admin_client.put(
        f"/api/v1/meters/{meter.id}", json={"kind": "gas", "rollover_at": "10000"}
    )

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["kind"]
    assert core.fees.meter(meter.id)[0] == meter


def _both_changes(client, meter) -> list:
    """The answers to an edit and to a retirement of ``meter``."""
    return [
        client.put(f"/api/v1/meters/{meter.id}", json={"rollover_at": "10000"}),
        client.post(
            f"/api/v1/meters/{meter.id}/retirement", json={"retired_on": "2026-11-30"}
        ),
    ]


def test_a_role_that_may_not_edit_meters_changes_nothing(opened, core, world):
    desk = _api(opened, core, "front_desk", world.estate.id)
    meter = world.meters["101"]

    answers = _both_changes(desk, meter)

    assert [a.status_code for a in answers] == [403, 403]
    assert core.fees.meter(meter.id)[0] == meter


def test_staff_of_another_estate_find_no_meter_to_change(opened, core, world):
    company = core.property.create_node(NodeKind.COMPANY, {"name": "幸福物业"})
    other = core.property.create_node(
        NodeKind.ESTATE, {"name": "枫林苑", "parent_id": company.id}
    )
    elsewhere = _api(opened, core, "finance", other.id)
    meter = world.meters["101"]

    answers = _both_changes(elsewhere, meter)

    assert [a.status_code for a in answers] == [404, 404]
    assert core.fees.meter(meter.id)[0] == meter
