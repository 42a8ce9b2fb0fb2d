"""Pages offer only the forms the guard would let through."""

import pytest

from tests.e2e.accounts import staff_login

UNIT_EDIT = 'action="/units/{}" method="post"'
STATUS = 'action="/units/{}/status"'
REGISTER = 'action="/units/{}/occupancies"'


@pytest.mark.parametrize(
    ("role", "property_forms", "resident_forms"),
    [
        ("front_desk", True, True),
        ("estate_manager", True, True),
        ("finance", False, False),
        ("security", False, False),
    ],
)
def test_the_unit_page_shows_edit_forms_only_to_roles_that_may_edit(
    core, opened, estate, unit, role, property_forms, resident_forms
):
    client = opened.signed_in(staff_login(core, role, role, estate.id))

    page = client.get(f"/units/{unit.id}").text

    assert (UNIT_EDIT.format(unit.id) in page) is property_forms
    assert (STATUS.format(unit.id) in page) is property_forms
    assert (REGISTER.format(unit.id) in page) is resident_forms


def test_only_company_wide_roles_see_the_form_that_adds_estates(core, opened, estate):
    desk = opened.signed_in(staff_login(core, "desk", "front_desk", estate.id))
    admin = opened.signed_in(
        staff_login(core, "boss", "company_admin", estate.parent_id)
    )

    assert 'action="/nodes" method="post"' not in desk.get("/").text
    assert 'action="/nodes" method="post"' in admin.get("/").text
