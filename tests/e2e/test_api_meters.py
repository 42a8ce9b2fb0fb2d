"""The JSON API for meter readings: RFC 9457 problem details name the field."""

from decimal import Decimal

import pytest

from tests.billing.world import seed

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
