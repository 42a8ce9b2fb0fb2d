"""People with different roles at a browser: residents on a phone see their
own home and household only; a front-desk clerk sees her own estate only."""

import re

from playwright.sync_api import Page, expect

from tests.e2e.browser.conftest import LiveServer, sign_in
from tests.e2e.browser.world import CLERK, PASSWORD, PHONES

HOME = "翠湖花园 5号楼 1-101"


def _sign_in(page: Page, server: LiveServer, login: str) -> None:
    sign_in(page, server, login, PASSWORD)


def _status(page: Page, url: str) -> int:
    response = page.goto(url)
    assert response is not None
    return response.status


def _member(page: Page, name: str):
    return page.locator(".member").filter(has_text=name)


def test_owner_on_a_phone_sees_the_home_and_grants_a_family_member_fees(
    phone: Page, live_server: LiveServer
):
    _sign_in(phone, live_server, PHONES["owner"])

    expect(phone).to_have_url(live_server.url + "/portal")
    expect(phone.locator("h2").filter(has_text=HOME)).to_be_visible()
    expect(phone.locator(".household")).to_contain_text("周婷")
    _member(phone, "周婷").get_by_label("费用").check()
    _member(phone, "周婷").get_by_role("button", name="保存").click()

    expect(_member(phone, "周婷").get_by_label("费用")).to_be_checked()
    expect(_member(phone, "周婷").get_by_label("缴费")).not_to_be_checked()
    assert _fits_the_screen(phone)
    family = phone.context.browser.new_context(viewport={"width": 390, "height": 844})
    member = family.new_page()
    _sign_in(member, live_server, PHONES["family"])
    expect(member.locator(".grants")).to_have_text("费用")
    family.close()


def _fits_the_screen(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_family_member_manages_nothing_and_is_offered_only_the_portal(
    phone: Page, live_server: LiveServer
):
    _sign_in(phone, live_server, PHONES["family"])

    expect(phone).to_have_url(live_server.url + "/portal")
    expect(phone.locator("h2").filter(has_text=HOME)).to_be_visible()
    expect(phone.locator("form[action$='/family']")).to_have_count(0)
    expect(phone.locator("nav a")).to_have_text(
        ["我的房屋", "我的账单", "公告", "社区活动"]
    )


def test_tenant_sees_the_lease_but_not_the_owners_household_and_no_other_unit(
    phone: Page, live_server: LiveServer
):
    _sign_in(phone, live_server, PHONES["tenant"])

    expect(phone).to_have_url(live_server.url + "/portal")
    expect(phone.locator(".lease")).to_contain_text("¥4,200.00")
    expect(phone.locator(".lease")).to_contain_text("¥8,400.00")
    expect(phone.locator("main")).not_to_contain_text("周杰")
    expect(phone.locator("main")).not_to_contain_text("周婷")
    other = live_server.roles.other_unit_id
    assert _status(phone, f"{live_server.url}/units/{other}") == 404
    expect(phone.locator("main")).not_to_contain_text("郑爽")


def test_front_desk_clerk_sees_her_estate_and_not_the_other(
    page: Page, live_server: LiveServer
):
    _sign_in(page, live_server, CLERK)

    expect(page).to_have_url(live_server.url + "/")
    expect(page.locator("main")).to_contain_text("翠湖花园")
    expect(page.locator("main")).not_to_contain_text("枫林苑")
    expect(page.locator("nav a")).to_have_text(
        ["房产资源管理", "住户管理", "收费管理", "公告", "事件", "社区活动"]
    )
    page.fill("header input[name=q]", "1-10")
    page.press("header input[name=q]", "Enter")
    expect(page.locator("main")).to_contain_text(HOME)
    far = live_server.roles.other_estate_id
    assert _status(page, f"{live_server.url}/nodes/{far}") == 404
    assert _status(page, f"{live_server.url}/staff") == 403
    expect(page).not_to_have_url(re.compile("/login"))
