"""Pages for people, households and the global search box."""

from tests.e2e.conftest import form_token


def _post(client, page: str, action: str, data: dict):
    token = form_token(client, page)
    return client.post(
        action, data={**data, "_csrf_token": token}, follow_redirects=False
    )


def test_person_registered_from_the_people_page_is_shown_masked(admin_client):
    response = _post(
        admin_client,
        "/people",
        "/people",
        {"name": "王芳", "phone": "13700001111", "id_number": "110101198001017777"},
    )

    page = admin_client.get(response.headers["location"]).text
    assert response.status_code == 303
    assert "110***********7777" in page
    assert "110101198001017777" not in page


def test_bad_email_shows_the_message_and_keeps_the_name(admin_client, core):
    response = _post(
        admin_client, "/people", "/people", {"name": "王芳", "email": "not-mail"}
    )

    assert response.status_code == 422
    assert "不是有效的电子邮箱" in response.text
    assert 'value="王芳"' in response.text
    assert core.residents.search_people("王芳") == []


def test_person_edit_keeps_the_id_number_when_left_blank(admin_client, person, core):
    response = _post(
        admin_client,
        f"/people/{person.id}",
        f"/people/{person.id}",
        {"name": "张伟", "phone": "13812345679", "id_number": ""},
    )

    saved = core.residents.person(person.id)
    assert response.status_code == 303
    assert saved.phone == "13812345679"
    assert saved.id_number == person.id_number


def test_owner_added_on_the_unit_page_is_in_the_household(admin_client, unit, person):
    response = _post(
        admin_client,
        f"/units/{unit.id}?who=138",
        f"/units/{unit.id}/occupancies",
        {"role": "owner", "person_id": str(person.id), "share": "100"},
    )

    page = admin_client.get(f"/units/{unit.id}").text
    assert response.status_code == 303
    assert "张伟" in page
    assert "业主" in page


def test_owner_form_without_share_says_so_by_the_field(admin_client, unit, person):
    response = _post(
        admin_client,
        f"/units/{unit.id}",
        f"/units/{unit.id}/occupancies",
        {"role": "owner", "person_id": str(person.id), "share": ""},
    )

    assert response.status_code == 422
    assert 'id="error-share">为必填项<' in response.text


def test_search_finds_a_unit_by_label_fragment(admin_client, unit):
    page = admin_client.get("/search", params={"q": "1201"})

    assert "阳光小区 1号楼 2-1201" in page.text


def test_search_finds_a_person_by_phone_fragment(admin_client, person):
    page = admin_client.get("/search", params={"q": "2345"})

    assert "张伟" in page.text
    assert "110***********1234" in page.text
