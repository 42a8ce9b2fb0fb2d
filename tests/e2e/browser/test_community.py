"""Notices and events at a browser: the front desk writes a notice to one
building and an event; an owner there reads the notice on a phone and signs
up for the event; a notice for owners only does not reach the tenant."""

from datetime import UTC, datetime, timedelta

from playwright.sync_api import Page, expect

from tests.e2e.browser.conftest import LiveServer, sign_in
from tests.e2e.browser.world import CLERK, PASSWORD, PHONES

NOTICE = "5号楼明天停水"


def _sign_in(page: Page, server: LiveServer, login: str) -> None:
    sign_in(page, server, login, PASSWORD)
    expect(page.locator("header nav")).to_be_visible()


def _write_notice(
    page: Page, server: LiveServer, title: str, reached: int, owners=False
) -> None:
    page.goto(server.url + "/notices")
    form = page.locator(f"#new-notice-{server.estate_id}")
    form.get_by_label("标题").fill(title)
    form.get_by_label("内容").fill("明天 9:00–12:00 停水，请提前储水。")
    form.get_by_label("5号楼", exact=True).check()
    form.get_by_label("短信").check()
    if owners:
        form.get_by_label("业主", exact=True).check()
    form.get_by_role("button", name="保存公告").click()
    row = page.locator("#notices tr").filter(has_text=title)
    row.get_by_role("button", name="立即发布").click()
    expect(row).to_contain_text("已发布")
    expect(row.locator(".read-count")).to_have_text(f"0 / {reached}")


def test_an_owner_reads_a_notice_to_her_building_on_a_phone(
    page: Page, phone: Page, live_server: LiveServer
):
    _sign_in(page, live_server, CLERK)
    _write_notice(page, live_server, NOTICE, reached=4)

    _sign_in(phone, live_server, PHONES["owner"])
    phone.get_by_role("link", name="公告").first.click()
    phone.get_by_role("link", name=NOTICE).click()

    expect(phone.locator("#notice h1")).to_have_text(NOTICE)
    expect(phone.locator("#notice")).to_contain_text("请提前储水")
    page.reload()
    row = page.locator("#notices tr").filter(has_text=NOTICE)
    expect(row.locator(".read-count")).to_have_text("1 / 4")


def test_a_notice_for_owners_only_does_not_reach_the_tenant(
    page: Page, phone: Page, live_server: LiveServer
):
    _sign_in(page, live_server, CLERK)
    _write_notice(page, live_server, "业主大会", reached=2, owners=True)

    _sign_in(phone, live_server, PHONES["tenant"])
    phone.goto(live_server.url + "/portal/notices")

    expect(phone.locator("h1")).to_have_text("公告")
    expect(phone.locator("#my-notices")).not_to_contain_text("业主大会")


def test_an_owner_signs_up_for_an_event_and_cancels(
    page: Page, phone: Page, live_server: LiveServer
):
    starts = (datetime.now(UTC) + timedelta(days=10)).strftime("%Y-%m-%dT10:00")
    _sign_in(page, live_server, CLERK)
    page.goto(live_server.url + "/events")
    form = page.locator(f"#new-event-{live_server.estate_id}")
    form.get_by_label("标题").fill("中秋游园会")
    form.get_by_label("地点").fill("中心花园")
    form.get_by_label("开始时间").fill(starts)
    form.get_by_label("名额").fill("20")
    form.get_by_role("button", name="创建活动").click()
    expect(page.locator("h1")).to_have_text("中秋游园会")

    _sign_in(phone, live_server, PHONES["owner"])
    phone.goto(live_server.url + "/portal/events")
    event = phone.locator("#my-events li").filter(has_text="中秋游园会")
    event.get_by_role("button", name="报名").click()

    expect(event).to_contain_text("已报名")
    expect(event.locator(".seats")).to_contain_text("19 / 20")
    page.reload()
    expect(page.locator("#signups")).to_contain_text("周杰")
    event.get_by_role("button", name="取消报名").click()
    expect(event.get_by_role("button", name="报名")).to_be_visible()
