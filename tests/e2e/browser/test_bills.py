"""Bills at a browser: the company administrator sets up a fee and issues
the month's bills; the owner opens 我的账单 and reads how a line was worked
out."""

from playwright.sync_api import Page, expect

from tests.e2e.browser.conftest import ADMIN, LiveServer, sign_in
from tests.e2e.browser.world import PASSWORD, PHONES


def _issue_this_months_bills(page: Page, server: LiveServer) -> None:
    sign_in(page, server, *ADMIN)
    page.goto(f"{server.url}/estates/{server.estate_id}/fees")
    page.fill("#item-code", "pf")
    page.fill("#item-name", "物业费")
    page.select_option("#item-fee_type", "by_area")
    page.check("input[name=usages][value=residential]")
    page.fill("#item-rate", "2.80")
    page.fill("#item-rate_from", "2020-01-01")
    page.get_by_role("button", name="添加").click()
    expect(page.locator("#fee-items")).to_contain_text("物业费")
    page.goto(f"{server.url}/estates/{server.estate_id}/billing")
    page.get_by_role("button", name="预览").click()
    expect(page.locator("#run-items")).to_contain_text("物业费")
    page.get_by_role("button", name="出账").click()
    expect(page.locator("#report h2")).to_contain_text("已出账")


def test_owner_reads_how_a_bill_line_was_worked_out(
    page: Page, live_server: LiveServer
):
    _issue_this_months_bills(page, live_server)
    page.context.clear_cookies()

    sign_in(page, live_server, PHONES["owner"], PASSWORD)
    page.get_by_role("link", name="我的账单").click()

    line = page.locator(".bill .bill-lines tbody tr").first
    expect(line).to_contain_text("物业费")
    expect(line.locator("code.formula")).to_contain_text("= ¥")
    expect(line.locator("code.formula")).to_contain_text("89.50")
    expect(page.locator("main")).not_to_contain_text("郑爽")
