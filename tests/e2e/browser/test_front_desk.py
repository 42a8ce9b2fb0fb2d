"""A person at a browser: sign in, add a unit, change its status, find it,
in Chinese and in English."""

import re

from playwright.sync_api import Page, expect

from tests.e2e.browser.conftest import ADMIN, LiveServer

UNIT_FORM = "form[action$='/units']"


def _sign_in(page: Page, server: LiveServer, path: str) -> None:
    page.goto(server.url + path)
    expect(page).to_have_url(re.compile(r"/login"))
    page.fill("input[name=login]", ADMIN[0])
    page.fill("input[name=password]", ADMIN[1])
    page.click("form[action='/login'] button[type=submit]")
    expect(page).to_have_url(server.url + path)


def _add_unit(page: Page, room: str, gross_area: str) -> None:
    form = page.locator(UNIT_FORM)
    form.locator("input[name=entrance]").fill("1")
    form.locator("input[name=floor]").fill(room[:-2])
    form.locator("input[name=room]").fill(room)
    form.locator("input[name=gross_area]").fill(gross_area)
    form.locator("input[name=layout]").fill("3室2厅1卫")
    form.locator("button[type=submit]").click()


def test_front_desk_adds_a_unit_rents_it_out_and_finds_it(page: Page, live_server):
    _sign_in(page, live_server, f"/buildings/{live_server.building_id}")

    _add_unit(page, "801", "98.60")
    expect(page.locator("h1")).to_contain_text("1-801")
    page.select_option("select[name=to_status]", "rented")
    page.fill("form[action$='/status'] input[name=reason]", "租给李先生")
    page.click("form[action$='/status'] button[type=submit]")

    expect(page.locator("h1 .status")).to_have_text("出租")
    expect(page.locator("table").filter(has_text="租给李先生")).to_be_visible()
    page.fill("header input[name=q]", "801")
    page.press("header input[name=q]", "Enter")
    result = page.locator("li").filter(has_text="翠湖花园 3号楼 1-801")
    expect(result).to_be_visible()
    expect(result.locator(".status")).to_have_text("出租")


def test_bad_input_is_explained_next_to_the_field_and_what_was_typed_stays(
    page: Page, live_server
):
    _sign_in(page, live_server, f"/buildings/{live_server.building_id}")

    _add_unit(page, "902", "98.605")

    field = page.locator(f"{UNIT_FORM} input[name=gross_area]")
    expect(field).to_have_value("98.605")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(page.locator(f"{UNIT_FORM} #error-gross_area")).to_contain_text("2")
    expect(page.locator(f"{UNIT_FORM} input[name=room]")).to_have_value("902")
    expect(page.locator("table")).not_to_contain_text("1-902")


def test_the_same_pages_speak_english_after_switching(page: Page, live_server):
    _sign_in(page, live_server, f"/buildings/{live_server.building_id}")
    _add_unit(page, "1001", "120.00")
    expect(page.locator("h1 .status")).to_have_text("空置")

    page.click("text=English")

    expect(page.locator("html")).to_have_attribute("lang", re.compile("^en"))
    expect(page.locator("h2").first).to_have_text("Basic unit information")
    expect(page.locator("h1 .status")).to_have_text("Vacant")
    expect(page.locator("main")).to_contain_text("120.00 m²")
    page.click("text=中文")
    expect(page.locator("h2").first).to_have_text("房屋基本信息")


def test_pages_fit_a_phone_screen_without_sideways_scrolling(page: Page, live_server):
    page.set_viewport_size({"width": 390, "height": 844})
    _sign_in(page, live_server, f"/buildings/{live_server.building_id}")

    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )

    assert overflow <= 0
