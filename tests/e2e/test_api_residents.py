"""The JSON API for people, occupancies, households and building rosters."""

from uuid import UUID, uuid4

from tests.e2e.conftest import sign_in

PERSON = {"name": "李娜", "phone": "139 0000 1234", "id_number": "110101199001011234"}


def test_person_is_created_and_id_number_is_only_returned_masked(admin_client):
    created = admin_client.post("/api/v1/people", json=PERSON)

    body = admin_client.get(f"/api/v1/people/{created.json()['id']}").json()
    assert created.status_code == 201
    assert body["phone"] == "13900001234"
    assert body["id_number_masked"] == "110***********1234"
    assert "110101199001011234" not in created.text


def test_person_update_without_id_number_keeps_the_stored_one(admin_client, core):
    person = admin_client.post("/api/v1/people", json=PERSON).json()

    updated = admin_client.put(
        f"/api/v1/people/{person['id']}",
        json={"name": "李娜娜", "phone": "13900001234"},
    )

    assert updated.json()["name"] == "李娜娜"
    assert core.residents.person(UUID(person["id"])).id_number == "110101199001011234"


def test_people_are_found_by_phone_fragment(admin_client):
    admin_client.post("/api/v1/people", json=PERSON)

    hits = admin_client.get("/api/v1/people", params={"q": "0001"}).json()

    assert [p["name"] for p in hits] == ["李娜"]


def test_bad_phone_is_refused_naming_the_field(admin_client):
    response = admin_client.post("/api/v1/people", json={**PERSON, "phone": "abc"})

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["phone"]
    assert admin_client.get("/api/v1/people", params={"q": "李"}).json() == []


def test_owner_and_family_form_the_household(admin_client, unit, person):
    url = f"/api/v1/units/{unit.id}/occupancies"
    owner = admin_client.post(
        url, json={"person_id": str(person.id), "role": "owner", "share": "100.00"}
    ).json()
    child = admin_client.post("/api/v1/people", json={"name": "张小明"}).json()

    family = admin_client.post(
        url,
        json={"person_id": child["id"], "role": "family", "head_id": owner["id"]},
    )

    assert family.status_code == 201
    household = admin_client.get(f"/api/v1/units/{unit.id}/household").json()
    assert [(o["person"]["name"], o["occupancy"]["role"]) for o in household] == [
        ("张伟", "owner"),
        ("张小明", "family"),
    ]
    assert household[0]["occupancy"]["share"] == "100.00"


def test_tenant_lease_money_is_returned_as_strings(admin_client, unit, person):
    lease = {"lease_start": "2026-12-01", "lease_end": "2027-11-30", "rent": "3500"}

    tenant = admin_client.post(
        f"/api/v1/units/{unit.id}/occupancies",
        json={"person_id": str(person.id), "role": "tenant", **lease},
    )

    assert tenant.status_code == 201
    assert tenant.json()["lease"]["rent"] == "3500.00"
    assert tenant.json()["lease"]["deposit"] == "0.00"


def test_owner_shares_over_100_percent_conflict(admin_client, unit, person):
    url = f"/api/v1/units/{unit.id}/occupancies"
    admin_client.post(
        url, json={"person_id": str(person.id), "role": "owner", "share": "60"}
    )
    other = admin_client.post("/api/v1/people", json={"name": "王芳"}).json()

    response = admin_client.post(
        url, json={"person_id": other["id"], "role": "owner", "share": "50"}
    )

    assert response.status_code == 409
    assert response.json()["errors"][0]["field"] == "share"
    assert len(admin_client.get(f"/api/v1/units/{unit.id}/household").json()) == 1


def test_ended_occupancy_leaves_the_household_after_its_last_day(
    admin_client, core, unit, person
):
    owner = admin_client.post(
        f"/api/v1/units/{unit.id}/occupancies",
        json={"person_id": str(person.id), "role": "owner", "share": "100"},
    ).json()

    ended = admin_client.post(
        f"/api/v1/occupancies/{owner['id']}/end", json={"end": "2026-12-01"}
    )
    core.clock.advance(days=1)
    sign_in(admin_client)  # a day later, the session has timed out

    assert ended.status_code == 200
    assert ended.json()["end"] == "2026-12-01"
    assert admin_client.get(f"/api/v1/units/{unit.id}/household").json() == []


def test_units_of_a_person_and_roster_show_the_occupancy(
    admin_client, building, unit, person
):
    admin_client.post(
        f"/api/v1/units/{unit.id}/occupancies",
        json={"person_id": str(person.id), "role": "owner", "share": "100"},
    )

    units = admin_client.get(f"/api/v1/people/{person.id}/units").json()
    roster = admin_client.get(f"/api/v1/buildings/{building.id}/roster").json()

    assert [(u["unit"]["unit"]["label"], u["current"]) for u in units] == [
        ("2-1201", True)
    ]
    assert roster[0]["unit"]["status_label"] == "空置"
    assert roster[0]["occupants"][0]["person"]["name"] == "张伟"


def test_occupancy_for_unknown_person_is_not_found(admin_client, unit):
    response = admin_client.post(
        f"/api/v1/units/{unit.id}/occupancies",
        json={"person_id": str(uuid4()), "role": "owner", "share": "100"},
    )

    assert response.status_code == 404
    assert admin_client.get(f"/api/v1/units/{unit.id}/household").json() == []
