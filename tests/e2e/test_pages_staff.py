"""Staff accounts, their roles and scopes, and the audit log, as pages."""

import re

import pytest

from propcore.property.tree import NodeKind
from tests.e2e.accounts import (
    PASSWORD,
    activated,
    post_form,
    staff_login,
)

ACTIVATION = re.compile(r"/activate/([A-Za-z0-9_-]+)")


@pytest.fixture
def other_estate(core, estate):
    return core.property.create_node(
        NodeKind.ESTATE, {"name": "翠湖花园", "parent_id": estate.parent_id}
    )


def _member(core, username):
    return next(m for m in core.accounts.staff() if m.account.username == username)


def _new_staff(client, username="lilei", name="李雷"):
    return post_form(
        client,
        "/staff",
        "/staff",
        {"username": username, "display_name": name, "phone": "13900002222"},
    )


def test_admin_creates_a_staff_account_and_sees_its_activation_link_once(
    core, admin_client
):
    response = _new_staff(admin_client)

    token = ACTIVATION.search(response.text).group(1)
    later = admin_client.get("/staff").text
    assert response.status_code == 200
    assert _member(core, "lilei").account.display_name == "李雷"
    assert token not in later
    assert core.recovery.set_first_password(token, "a fine password").activated


def test_taken_username_is_refused_by_the_field(core, admin_client):
    _new_staff(admin_client)

    response = _new_staff(admin_client, name="另一个李雷")

    assert response.status_code == 422
    assert 'id="error-username"' in response.text
    assert [m.account.display_name for m in core.accounts.staff()].count("李雷") == 1


def test_admin_grants_a_role_over_an_estate_and_the_list_names_it(
    core, admin_client, estate
):
    _new_staff(admin_client)
    lilei = _member(core, "lilei").account

    response = post_form(
        admin_client,
        "/staff",
        f"/staff/{lilei.id}/roles",
        {"role": "front_desk", "node_id": str(estate.id)},
    )

    page = admin_client.get("/staff").text
    row = re.search(rf'<tr id="staff-{lilei.id}">(.*?)</tr>', page, re.S).group(1)
    assert response.status_code == 303
    assert [a.role.value for a in _member(core, "lilei").assignments] == ["front_desk"]
    assert "前台客服 · 阳光小区" in row


def test_admin_revokes_a_role_and_the_audit_log_shows_grant_and_revoke(
    core, admin_client, estate
):
    _new_staff(admin_client)
    lilei = _member(core, "lilei").account
    core.clock.advance(seconds=1)
    given = core.accounts.assign(
        lilei.id, {"role": "finance", "node_id": str(estate.id)}
    )
    core.clock.advance(seconds=1)

    response = post_form(
        admin_client, "/staff", f"/staff/{lilei.id}/roles/{given.id}/revoke", {}
    )

    audit = admin_client.get("/audit").text
    assert response.status_code == 303
    assert _member(core, "lilei").assignments == ()
    assert audit.index("已撤销角色") < audit.index("已授予角色")
    assert audit.index("已授予角色") < audit.index("已创建账号")
    assert "财务/收银" in audit
    assert "李雷" in audit


def test_grant_over_a_place_that_does_not_exist_is_refused(core, admin_client):
    _new_staff(admin_client)
    lilei = _member(core, "lilei").account

    response = post_form(
        admin_client,
        "/staff",
        f"/staff/{lilei.id}/roles",
        {"role": "front_desk", "node_id": "00000000-0000-4000-8000-000000000000"},
    )

    assert response.status_code == 404
    assert _member(core, "lilei").assignments == ()


def test_admin_deactivates_an_account_but_never_their_own(core, admin_client):
    _new_staff(admin_client)
    lilei = _member(core, "lilei").account
    admin = _member(core, "admin").account

    done = post_form(admin_client, "/staff", f"/staff/{lilei.id}/deactivate", {})
    refused = post_form(admin_client, "/staff", f"/staff/{admin.id}/deactivate", {})

    assert done.status_code == 303
    assert refused.status_code == 403
    assert _member(core, "lilei").account.active is False
    assert _member(core, "admin").account.active is True


def test_audit_log_shows_times_in_the_deployments_zone(admin_client):
    page = admin_client.get("/audit").text

    assert "2026年12月1日 09:00:00" in page
    assert "已登录" in page


def test_audit_log_pages_back_with_before(core, admin_client):
    for n in range(55):
        core.clock.advance(seconds=1)
        core.accounts.create_staff({"username": f"u{n}", "display_name": f"员工{n}"})

    first = admin_client.get("/audit").text
    older = re.search(r'href="(/audit\?before=[^"]+)"', first).group(1)
    second = admin_client.get(older.replace("&amp;", "&")).text

    assert "员工54<" in first
    assert "员工5<" in first
    assert "员工4<" not in first
    assert "员工4<" in second
    assert "员工0<" in second
    assert "员工5<" not in second


@pytest.mark.parametrize("role", ["front_desk", "finance", "technician", "security"])
def test_staff_without_the_staff_area_cannot_open_or_change_staff_accounts(
    core, estate, opened, role
):
    client = opened.signed_in(staff_login(core, "worker", role, estate.id))

    listing = client.get("/staff")
    created = post_form(client, "/", "/staff", {"username": "x", "display_name": "X"})
    audit = client.get("/audit")

    assert listing.status_code == 403
    assert created.status_code == 403
    assert audit.status_code == 403
    assert [m.account.username for m in core.accounts.staff()] == ["worker"]


def test_estate_manager_sees_staff_of_their_estate_only_and_changes_nothing(
    core, estate, other_estate, opened
):
    staff_login(core, "here", "front_desk", estate.id)
    staff_login(core, "there", "front_desk", other_estate.id)
    manager = opened.signed_in(staff_login(core, "boss", "estate_manager", estate.id))
    here = _member(core, "here").account

    page = manager.get("/staff").text
    revoke = post_form(
        manager,
        "/",
        f"/staff/{here.id}/roles/{_member(core, 'here').assignments[0].id}/revoke",
        {},
    )

    assert "here" in page
    assert "there" not in page
    assert 'action="/staff"' not in page
    assert revoke.status_code == 403
    assert len(_member(core, "here").assignments) == 1


def test_staff_navigation_offers_staff_pages_only_when_permitted(
    core, estate, admin_client, opened
):
    desk = opened.signed_in(staff_login(core, "desk", "front_desk", estate.id))

    admin_nav = _nav(admin_client.get("/").text)
    desk_nav = _nav(desk.get("/").text)

    community = ["公告", "事件", "社区活动"]
    assert admin_nav == [
        "房产资源管理",
        "住户管理",
        "收费管理",
        *community,
        "员工账号",
        "发送失败的消息",
        "审计日志",
    ]
    assert desk_nav == ["房产资源管理", "住户管理", "收费管理", *community]


def _nav(page: str) -> list[str]:
    nav = re.search(r"<nav>(.*?)</nav>", page, re.S).group(1)
    return re.findall(r">([^<]+)</a>", nav)


def test_deactivated_staff_can_no_longer_sign_in(core, admin_client, opened):
    created = core.accounts.create_staff({"username": "gone", "display_name": "G"})
    activated(core, created.activation_token)
    post_form(admin_client, "/staff", f"/staff/{created.account.id}/deactivate", {})

    response = post_form(
        opened.anonymous(), "/login", "/login", {"login": "gone", "password": PASSWORD}
    )

    assert response.status_code == 401
