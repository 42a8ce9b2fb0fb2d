"""The resident portal: my homes, my contact details, my family and what they see."""

import re

import attrs
import pytest

from tests.e2e.accounts import PASSWORD, post_form, resident_login

ACTIVATION = re.compile(r"/activate/([A-Za-z0-9_-]+)")


@attrs.frozen
class Homes:
    """Unit 1201: owner 张伟 with family 王芳, rented to 李娜 with family 赵磊.
    Unit 1202: owner 陈静."""

    unit: object
    other_unit: object
    owner: object
    owner_family: object
    tenant: object
    tenant_family: object
    neighbour: object


def _person(core, name, phone):
    return core.residents.create_person({"name": name, "phone": phone})


def _join(core, unit, person, role, **extra):
    raw = {"person_id": str(person.id), "role": role, **extra}
    return core.residents.add_occupancy(unit.id, raw)


@pytest.fixture
def homes(core, building, unit, person):
    other_unit = core.property.create_unit(
        building.id, {"floor": "12", "room": "1202", "gross_area": "88"}, actor="seed"
    )
    owner = _join(core, unit, person, "owner", share="100")
    tenant = _join(
        core,
        unit,
        _person(core, "李娜", "13900001111"),
        "tenant",
        lease_start="2026-11-01",
        lease_end="2027-10-31",
        rent="3500",
        deposit="7000",
    )
    head = {"head_id": str(owner.id)}
    owner_family = _join(
        core, unit, _person(core, "王芳", "13700001111"), "family", **head
    )
    tenant_head = {"head_id": str(tenant.id)}
    tenant_family = _join(
        core, unit, _person(core, "赵磊", "13600001111"), "family", **tenant_head
    )
    neighbour = _join(
        core, other_unit, _person(core, "陈静", "13500001111"), "owner", share="100"
    )
    return Homes(
        unit, other_unit, owner, owner_family, tenant, tenant_family, neighbour
    )


@pytest.fixture
def owner(core, homes, opened):
    return opened.signed_in(resident_login(core, homes.owner.person_id))


@pytest.fixture
def tenant(core, homes, opened):
    return opened.signed_in(resident_login(core, homes.tenant.person_id))


@pytest.fixture
def neighbour(core, homes, opened):
    return opened.signed_in(resident_login(core, homes.neighbour.person_id))


def _grants(core, homes, occupancy):
    household = core.residents.household(homes.unit.id)
    return next(o.occupancy.grants for o in household if o.occupancy.id == occupancy.id)


def test_resident_lands_on_the_portal_after_signing_in(core, homes, opened):
    login = resident_login(core, homes.owner.person_id)
    client = opened.anonymous()

    response = post_form(
        client, "/login", "/login", {"login": login, "password": PASSWORD}
    )

    assert response.status_code == 303
    assert response.headers["location"] == "/portal"


def test_owner_sees_the_unit_their_household_and_no_tenant(owner):
    page = owner.get("/portal").text

    assert "阳光小区 1号楼 2-1201" in page
    assert "120.50 m²" in page
    assert "王芳" in page
    assert "李娜" not in page
    assert "赵磊" not in page
    assert "报修将在后续版本提供" in page


def test_tenant_sees_their_lease_and_never_the_owners_household(tenant):
    page = tenant.get("/portal").text

    assert "我的租约" in page
    assert "¥3,500.00" in page
    assert "¥7,000.00" in page
    assert "赵磊" in page
    assert "张伟" not in page
    assert "王芳" not in page


def test_owner_adds_a_family_member_with_an_account_to_activate(core, homes, owner):
    response = post_form(
        owner,
        "/portal",
        f"/portal/households/{homes.owner.id}/family",
        {"name": "张小明", "phone": "13811112222"},
    )

    household = core.residents.household(homes.unit.id)
    added = next(o for o in household if o.person.name == "张小明")
    token = ACTIVATION.search(response.text).group(1)
    assert response.status_code == 200
    assert added.occupancy.role.value == "family"
    assert added.occupancy.head_id == homes.owner.id
    assert core.recovery.set_first_password(token, "a new password").activated


def test_family_member_without_a_phone_is_refused_and_nobody_is_added(
    core, homes, owner
):
    response = post_form(
        owner,
        "/portal",
        f"/portal/households/{homes.owner.id}/family",
        {"name": "张小明", "phone": ""},
    )

    assert response.status_code == 422
    assert 'id="error-phone">为必填项<' in response.text
    assert core.residents.search_people("张小明") == []


def test_owner_grants_fees_and_the_family_member_then_sees_them(
    core, homes, owner, opened
):
    response = post_form(
        owner,
        "/portal",
        f"/portal/family/{homes.owner_family.id}/grants",
        {"grants": ["fees", "payments"]},
    )
    member = opened.signed_in(resident_login(core, homes.owner_family.person_id))

    page = member.get("/portal").text
    assert response.status_code == 303
    assert _grants(core, homes, homes.owner_family) == ("fees", "payments")
    assert "费用" in page
    assert "缴费" in page


def test_family_member_without_the_property_grant_sees_no_unit_details(
    core, homes, opened
):
    member = opened.signed_in(resident_login(core, homes.owner_family.person_id))

    page = member.get("/portal").text

    assert "阳光小区 1号楼 2-1201" in page
    assert "120.50 m²" not in page
    assert "户主尚未向您开放任何内容" in page


def test_ending_a_family_membership_sets_its_last_day(core, homes, owner):
    response = post_form(
        owner,
        "/portal",
        f"/portal/family/{homes.owner_family.id}/end",
        {"end": "2026-12-01"},
    )

    row = next(
        r
        for r in core.residents.units_of(homes.owner_family.person_id)
        if r.occupancy.id == homes.owner_family.id
    )
    assert response.status_code == 303
    assert str(row.occupancy.end) == "2026-12-01"


def test_contact_edit_changes_only_the_residents_own_phone_and_email(
    core, homes, owner
):
    response = post_form(
        owner,
        "/portal",
        "/portal/contact",
        {"phone": "13899998888", "email": "zw@example.com", "name": "改名"},
    )

    saved = core.residents.person(homes.owner.person_id)
    assert response.status_code == 303
    assert (saved.phone, saved.email) == ("13899998888", "zw@example.com")
    assert saved.name == "张伟"
    assert saved.id_number == "110101199001011234"


def test_bad_email_is_shown_by_the_field_and_nothing_changes(core, homes, owner):
    response = post_form(owner, "/portal", "/portal/contact", {"email": "nope"})

    assert response.status_code == 422
    assert "不是有效的电子邮箱" in response.text
    assert core.residents.person(homes.owner.person_id).email == ""


@pytest.mark.parametrize(
    "action",
    [
        "/portal/households/{owner}/family",
        "/portal/family/{owner_family}/grants",
        "/portal/family/{owner_family}/end",
        "/portal/family/{tenant_family}/grants",
    ],
)
def test_resident_cannot_change_another_households_family(
    core, homes, neighbour, action
):
    ids = {
        "owner": homes.owner.id,
        "owner_family": homes.owner_family.id,
        "tenant_family": homes.tenant_family.id,
    }

    response = post_form(
        neighbour,
        "/portal",
        action.format(**ids),
        {"name": "X", "phone": "1380000", "grants": "fees", "end": "2026-12-02"},
    )

    assert response.status_code == 404
    assert _grants(core, homes, homes.owner_family) == ()
    assert len(core.residents.household(homes.unit.id)) == 4


def test_tenant_cannot_manage_the_owners_family(core, homes, tenant):
    response = post_form(
        tenant,
        "/portal",
        f"/portal/family/{homes.owner_family.id}/grants",
        {"grants": "fees"},
    )

    assert response.status_code == 404
    assert _grants(core, homes, homes.owner_family) == ()


@pytest.mark.parametrize(
    "path",
    ["/staff", "/audit", "/people/{owner_person}", "/units/{unit}", "/nodes/{estate}"],
)
def test_resident_cannot_open_another_residents_data_or_staff_pages(
    homes, estate, neighbour, path
):
    target = path.format(
        owner_person=homes.owner.person_id, unit=homes.unit.id, estate=estate.id
    )

    response = neighbour.get(target, follow_redirects=False)

    assert response.status_code in (403, 404)


def test_resident_cannot_create_staff_accounts(core, homes, neighbour):
    response = post_form(
        neighbour, "/portal", "/staff", {"username": "x", "display_name": "X"}
    )

    assert response.status_code in (403, 404)
    assert core.accounts.staff() == []


def test_staff_account_has_no_portal_and_goes_home(admin_client):
    response = admin_client.get("/portal", follow_redirects=False)

    assert response.status_code == 303
    assert response.headers["location"] == "/"


def test_resident_navigation_offers_only_the_portal(owner):
    page = owner.get("/portal").text

    nav = re.search(r"<nav>(.*?)</nav>", page, re.S).group(1)
    assert "我的房屋" in nav
    assert "房产资源管理" not in nav
    assert 'action="/search"' not in page


def test_staff_cannot_add_family_through_the_portal(core, homes, admin_client):
    response = post_form(
        admin_client,
        "/people",
        f"/portal/households/{homes.owner.id}/family",
        {"name": "张小明", "phone": "13811112222"},
    )

    assert response.status_code == 404
    assert core.residents.search_people("张小明") == []


def test_portal_links_to_the_bills_and_says_only_repairs_come_later(owner):
    page = owner.get("/portal").text

    assert '<a href="/portal/bills">查看账单、已缴和仍欠的费用</a>' in page
    assert "报修将在后续版本提供。" in page
    assert "账单与报修将在" not in page


def test_portal_speaks_english_when_asked(owner):
    page = owner.get("/portal", params={"lang": "en"}).text

    assert "Repair requests will be available in a later version." in page
    assert "See bills, what is paid and what is still owed" in page
    assert "Family members" in page
    assert "账单" not in page


def test_family_member_loses_the_home_the_day_after_their_last_day(
    core, homes, owner, opened
):
    login = resident_login(core, homes.owner_family.person_id)
    post_form(
        owner,
        "/portal",
        f"/portal/family/{homes.owner_family.id}/end",
        {"end": str(core.clock.today())},
    )

    core.clock.advance(days=1)
    page = opened.signed_in(login).get("/portal").text

    assert "阳光小区 1号楼 2-1201" not in page
    assert "您目前未登记在任何房屋下" in page


def test_residents_cannot_use_the_staff_lists_or_register_people(core, owner):
    before = len(core.residents.search_people("新"))

    tree = owner.get("/", follow_redirects=False)
    people = owner.get("/people", follow_redirects=False)
    registered = post_form(owner, "/portal", "/people", {"name": "新人"})

    assert (tree.status_code, people.status_code) == (403, 403)
    assert registered.status_code == 403
    assert len(core.residents.search_people("新")) == before
