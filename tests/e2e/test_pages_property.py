"""Pages for estates, buildings and units: browse, create, edit, change status."""

import re

from tests.e2e.conftest import form_token


def _post(client, page: str, action: str, data: dict):
    token = form_token(client, page)
    return client.post(
        action, data={**data, "_csrf_token": token}, follow_redirects=False
    )


def test_tree_lists_estates_with_their_vacancy_rate(admin_client, unit, estate):
    page = admin_client.get("/")

    assert "阳光小区" in page.text
    assert "100.0%" in page.text


def test_estate_page_shows_its_buildings_and_figures(admin_client, estate, unit):
    page = admin_client.get(f"/nodes/{estate.id}")

    assert "1号楼" in page.text
    assert "空置率" in page.text


def test_unit_created_from_the_building_page_appears_in_its_roster(
    admin_client, building
):
    response = _post(
        admin_client,
        f"/buildings/{building.id}",
        f"/buildings/{building.id}/units",
        {"entrance": "3", "floor": "5", "room": "502", "gross_area": "98.30"},
    )

    assert response.status_code == 303
    roster = admin_client.get(f"/buildings/{building.id}").text
    assert "3-502" in roster
    assert "98.30 m²" in roster


def test_bad_unit_form_shows_the_message_by_the_field_and_keeps_input(
    admin_client, building, core
):
    response = _post(
        admin_client,
        f"/buildings/{building.id}",
        f"/buildings/{building.id}/units",
        {"floor": "5", "room": "502", "gross_area": "12.345"},
    )

    assert response.status_code == 422
    error = re.search(r'id="error-gross_area">([^<]+)<', response.text)
    assert error
    assert error.group(1) == "最多保留 2 位小数"
    assert 'value="12.345"' in response.text
    assert core.property.units(building.id) == []


def test_unit_edit_form_saves_the_new_area(admin_client, unit, core):
    response = _post(
        admin_client,
        f"/units/{unit.id}",
        f"/units/{unit.id}",
        {
            "entrance": "2",
            "floor": "12",
            "room": "1201",
            "gross_area": "121.00",
            "layout": "3室2厅2卫",
            "usage": "residential",
            "fee_coefficient": "1",
        },
    )

    assert response.status_code == 303
    saved = core.property.unit(unit.id).unit
    assert str(saved.gross_area) == "121.00"
    assert str(saved.layout) == "3室2厅2卫"


def test_status_form_offers_only_allowed_targets(admin_client, unit, core):
    page = admin_client.get(f"/units/{unit.id}").text

    form = page.split('action="/units/' + str(unit.id) + '/status"')[1].split(
        "</form>"
    )[0]
    offered = set(re.findall(r'<option value="([a-z_]+)"', form))
    assert offered == set(core.scheme.targets("vacant"))


def test_status_change_from_the_unit_page_appears_in_history(admin_client, unit):
    response = _post(
        admin_client,
        f"/units/{unit.id}",
        f"/units/{unit.id}/status",
        {"to_status": "rented", "reason": "签订租约"},
    )

    page = admin_client.get(f"/units/{unit.id}").text
    assert response.status_code == 303
    assert "签订租约" in page
    assert "出租" in page
    assert "admin" in page


def test_disallowed_status_change_shows_why_and_changes_nothing(
    admin_client, unit, core
):
    core.property.change_status(unit.id, "sold", actor="seed")

    response = _post(
        admin_client,
        f"/units/{unit.id}",
        f"/units/{unit.id}/status",
        {"to_status": "self_occupied", "reason": "x"},
    )

    assert response.status_code == 422
    assert "不能从“已售”变更为“自住”" in response.text
    assert core.property.unit(unit.id).unit.status == "sold"


def test_unknown_unit_page_is_not_found(admin_client):
    response = admin_client.get("/units/00000000-0000-0000-0000-000000000000")

    assert response.status_code == 404
    assert "未找到" in response.text
