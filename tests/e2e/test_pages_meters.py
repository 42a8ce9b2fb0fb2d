"""抄表 pages: meters registered, readings entered one by one or a building at
a time, drops refused unless flagged, corrections marking bills to adjust."""

import re
from datetime import date
from decimal import Decimal

import pytest

from propcore.billing.meters import ReadingFlag
from propcore.billing.periods import Period
from propcore.ids import new_id
from propcore.property.tree import NodeKind
from tests.billing.world import seed
from tests.e2e.accounts import post_form, staff_login

TODAY = "2026-12-01"  # the fixed clock's day


@pytest.fixture
def world(core):
    return seed(core.billing.uow)


def _staff(core, opened, world, role):
    return opened.signed_in(staff_login(core, role, role, world.estate.id))


def _row(meter, value, **more) -> dict:
    """A row of the 抄表 form, fields named after the meter."""
    row = {"read_on": TODAY, "value": value} | more
    return {f"{name}-{meter.id}": text for name, text in row.items()}


def _latest(core, meter):
    return core.fees.meter(meter.id)[1][-1]


def test_the_readings_page_lists_meters_by_building_with_the_last_reading(
    core, world, opened
):
    desk = _staff(core, opened, world, "front_desk")

    shown = desk.get(f"/estates/{world.estate.id}/meters")

    assert shown.status_code == 200
    assert "1栋" in shown.text
    assert f'id="meter-{world.meters["101"].id}"' in shown.text
    assert "112" in shown.text
    assert "meter-readings" not in shown.text  # the front desk only views fees


def test_readings_of_several_meters_are_entered_in_one_submit(core, world, opened):
    finance = _staff(core, opened, world, "finance")
    page = f"/estates/{world.estate.id}/meters"
    rows = _row(world.meters["101"], "121") | _row(world.meters["102"], "66")

    response = post_form(
        finance, page, f"{page.removesuffix('meters')}meter-readings", rows
    )
    after = finance.get(response.headers["location"])

    assert response.status_code == 303
    assert _latest(core, world.meters["101"]).value == Decimal(121)
    assert _latest(core, world.meters["102"]).value == Decimal(66)
    assert 'id="recorded"' in after.text


def test_a_drop_without_a_flag_is_refused_beside_its_row_and_others_kept(
    core, world, opened
):
    finance = _staff(core, opened, world, "finance")
    page = f"/estates/{world.estate.id}/meters"
    dropped, fine = world.meters["101"], world.meters["102"]
    rows = _row(dropped, "90") | _row(fine, "66")

    response = post_form(
        finance, page, f"/estates/{world.estate.id}/meter-readings", rows
    )

    assert response.status_code == 422
    assert f'id="error-m{dropped.id}-value"' in response.text
    assert "低于上次读数" in response.text
    assert (
        f'name="value-{dropped.id}" type="text"\n         value="90"' in response.text
    )
    assert _latest(core, dropped).value == Decimal(112)
    assert _latest(core, fine).value == Decimal(66)


def test_a_date_before_the_last_reading_and_a_bad_number_are_named(core, world, opened):
    finance = _staff(core, opened, world, "finance")
    page = f"/estates/{world.estate.id}/meters"
    early, bad = world.meters["101"], world.meters["102"]
    rows = _row(early, "130", read_on="2026-11-15") | _row(bad, "6x")

    response = post_form(
        finance, page, f"/estates/{world.estate.id}/meter-readings", rows
    )

    assert response.status_code == 422
    assert f'id="error-m{early.id}-read_on"' in response.text
    assert f'id="error-m{bad.id}-value"' in response.text


def test_a_submit_without_any_reading_says_so(core, world, opened):
    finance = _staff(core, opened, world, "finance")
    page = f"/estates/{world.estate.id}/meters"

    response = post_form(
        finance, page, f"/estates/{world.estate.id}/meter-readings", {}
    )

    assert response.status_code == 422
    assert 'id="error-nothing"' in response.text


def test_a_rollover_is_accepted_on_a_meter_that_rolls_over(core, world, opened):
    finance = _staff(core, opened, world, "finance")
    unit = world.units["P01"]
    page = f"/units/{unit.id}"
    meter_form = {"kind": "electricity", "places": "1", "rollover_at": "10000"}
    registered = post_form(finance, page, f"/units/{unit.id}/meters", meter_form)
    (state,) = core.fees.meters(unit_id=unit.id)
    meter = state.meter
    meter_page = f"/meters/{meter.id}"
    first = {"read_on": "2026-11-01", "value": "9990.5"}

    post_form(finance, meter_page, f"{meter_page}/readings", first)
    refused = post_form(
        finance,
        meter_page,
        f"{meter_page}/readings",
        {"read_on": TODAY, "value": "12.5"},
    )
    accepted = post_form(
        finance,
        meter_page,
        f"{meter_page}/readings",
        {"read_on": TODAY, "value": "12.5", "rollover": "on"},
    )

    assert registered.status_code == 303
    assert (meter.rollover_at, meter.places) == (Decimal(10000), 1)
    assert refused.status_code == 422
    assert 'id="error-reading-value"' in refused.text
    assert accepted.status_code == 303
    assert _latest(core, meter).flags == {ReadingFlag.ROLLOVER}
    assert "12.5" in finance.get(page).text


def test_a_replacement_needs_the_new_meters_start_value(core, world, opened):
    finance = _staff(core, opened, world, "finance")
    meter = world.meters["101"]
    page = f"/estates/{world.estate.id}/meters"
    swap = _row(meter, "3", replacement="on")

    refused = post_form(
        finance, page, f"/estates/{world.estate.id}/meter-readings", swap
    )
    accepted = post_form(
        finance,
        page,
        f"/estates/{world.estate.id}/meter-readings",
        swap | _row(meter, "3", start_value="0"),
    )

    assert refused.status_code == 422
    assert f'id="error-m{meter.id}-start_value"' in refused.text
    assert accepted.status_code == 303
    assert _latest(core, meter).start_value == Decimal(0)


def test_a_correction_rewrites_the_reading_and_marks_issued_bills(core, world, opened):
    core.fees.record_reading(world.meters["101"].id, {"read_on": TODAY, "value": "125"})
    core.billing.run(world.estate.id, Period.month(2026, 12), actor="seed")
    finance, meter, page = _meter_101(core, opened, world)

    response = post_form(
        finance, page, f"{page}/corrections", {"read_on": TODAY, "value": "120"}
    )

    assert response.status_code == 303
    assert _latest(core, meter).value == Decimal(120)
    with core.billing.uow() as uow:
        assert uow.bills.to_recheck([world.units["101"].id])


def test_a_correction_above_the_next_reading_is_refused_inline(core, world, opened):
    finance, meter, page = _meter_101(core, opened, world)

    response = post_form(
        finance, page, f"{page}/corrections", {"read_on": "2026-10-31", "value": "115"}
    )

    assert response.status_code == 422
    assert 'id="error-fix-2026-10-31-value"' in response.text
    assert core.fees.meter(meter.id)[1][0].read_on == date(2026, 10, 31)
    assert core.fees.meter(meter.id)[1][0].value == Decimal(100)


def test_far_more_than_usual_is_flagged_after_entering(core, world, opened):
    history = ("2026-06-30", "60"), ("2026-07-31", "70"), ("2026-08-31", "80")
    fresh = core.fees.register_meter(
        world.estate.id, {"kind": "water", "places": "0", "common_area": "水泵房"}
    )
    for day, value in (*history, ("2026-09-30", "90")):
        core.fees.record_reading(fresh.id, {"read_on": day, "value": value})
    finance = _staff(core, opened, world, "finance")
    page = f"/estates/{world.estate.id}/meters"

    response = post_form(
        finance, page, f"/estates/{world.estate.id}/meter-readings", _row(fresh, "150")
    )
    after = finance.get(response.headers["location"])

    assert str(fresh.id) in response.headers["location"]
    assert f'id="unusual-{fresh.id}"' in after.text
    assert "水泵房" in after.text


def test_the_unit_page_shows_meters_to_fee_staff_only(core, world, opened):
    manager = _staff(core, opened, world, "estate_manager")
    desk = _staff(core, opened, world, "front_desk")
    page = f"/units/{world.units['101'].id}"

    managed, seen = manager.get(page), desk.get(page)

    assert 'id="meters"' in managed.text
    assert f"/units/{world.units['101'].id}/meters" in managed.text
    assert 'id="meters"' in seen.text
    assert f"/units/{world.units['101'].id}/meters" not in seen.text


def test_a_bad_meter_is_named_on_the_unit_page(core, world, opened):
    finance = _staff(core, opened, world, "finance")
    unit = world.units["101"]
    bad = {"kind": "steam", "places": "7"}

    response = post_form(finance, f"/units/{unit.id}", f"/units/{unit.id}/meters", bad)

    assert response.status_code == 422
    assert 'id="error-kind"' in response.text
    assert 'id="error-places"' in response.text


def _second_building(core, world):
    """2栋 with one unit and its water meter, and a meter on a common area."""
    building = core.property.create_building(world.estate.id, {"name": "2栋"})
    raw = {"floor": "3", "room": "301", "gross_area": "88"}
    unit = core.property.create_unit(building.id, raw, actor="t")
    meter = core.fees.register_meter(
        world.estate.id, {"kind": "water", "places": "0", "unit_id": str(unit.id)}
    )
    lift = core.fees.register_meter(
        world.estate.id, {"kind": "electricity", "places": "1", "common_area": "电梯"}
    )
    return building, meter, lift


def _place_links(text: str) -> list[str]:
    nav = text.split('<nav class="places" id="places"')[1].split("</nav>")[0]
    return re.findall(r'href="[^"]*\?building=([^"]+)"', nav)


def test_the_readings_page_shows_one_building_and_links_to_the_others(
    core, world, opened
):
    building, meter, lift = _second_building(core, world)
    desk = _staff(core, opened, world, "front_desk")
    page = f"/estates/{world.estate.id}/meters"

    first = desk.get(page)
    second = desk.get(f"{page}?building={building.id}")
    common = desk.get(f"{page}?building=common")

    assert f'id="meter-{world.meters["101"].id}"' in first.text
    assert f'id="meter-{meter.id}"' not in first.text
    assert f'id="meter-{lift.id}"' not in first.text
    assert _place_links(first.text) == [str(building.id), "common"]
    assert '<strong aria-current="page">1栋</strong>' in first.text
    assert f'id="meter-{meter.id}"' in second.text
    assert f'id="meter-{world.meters["101"].id}"' not in second.text
    assert _place_links(second.text) == [str(world.building.id), "common"]
    assert f'id="meter-{lift.id}"' in common.text
    assert "电梯" in common.text
    assert f'id="meter-{meter.id}"' not in common.text


def test_a_building_of_no_page_here_shows_the_first_building(core, world, opened):
    _second_building(core, world)
    desk = _staff(core, opened, world, "front_desk")
    page = f"/estates/{world.estate.id}/meters"

    for asked in ("nonsense", str(new_id())):
        shown = desk.get(f"{page}?building={asked}")

        assert shown.status_code == 200
        assert f'id="meter-{world.meters["101"].id}"' in shown.text


def test_a_building_without_meters_says_so_and_keeps_the_links(core, world, opened):
    empty = core.property.create_building(world.estate.id, {"name": "3栋"})
    desk = _staff(core, opened, world, "front_desk")

    shown = desk.get(f"/estates/{world.estate.id}/meters?building={empty.id}")

    assert 'id="no-meters"' in shown.text
    assert "本楼栋暂无表计" in shown.text
    assert _place_links(shown.text) == [str(world.building.id)]


def test_readings_entered_on_a_building_page_come_back_to_it(core, world, opened):
    building, meter, lift = _second_building(core, world)
    finance = _staff(core, opened, world, "finance")
    page = f"/estates/{world.estate.id}/meters?building={building.id}"
    action = f"/estates/{world.estate.id}/meter-readings"

    stored = post_form(finance, page, action, _row(meter, "12", read_on="2026-11-30"))
    refused = post_form(finance, page, action, _row(meter, "5"))
    nothing = post_form(finance, page, action, {"building": str(building.id)})
    common = post_form(finance, page, action, _row(lift, "40.5"))

    assert stored.status_code == 303
    assert f"building={building.id}&" in stored.headers["location"]
    assert f'id="meter-{meter.id}"' in finance.get(stored.headers["location"]).text
    assert refused.status_code == 422
    assert f'id="error-m{meter.id}-value"' in refused.text
    assert f'id="meter-{world.meters["101"].id}"' not in refused.text
    assert 'id="error-nothing"' in nothing.text
    assert f'id="meter-{meter.id}"' in nothing.text
    assert "building=common&" in common.headers["location"]
    assert _latest(core, lift).value == Decimal("40.5")


def test_a_common_area_meter_registered_shows_on_the_common_page(core, world, opened):
    finance = _staff(core, opened, world, "finance")
    page = f"/estates/{world.estate.id}/meters"
    form = {"common_area": "水泵房", "kind": "water", "places": "0"}

    response = post_form(finance, page, page, form)
    shown = finance.get(response.headers["location"])

    assert response.headers["location"] == f"{page}?building=common"
    (state,) = [s for s in core.fees.meters(estate_id=world.estate.id)
                if s.meter.common_area == "水泵房"]  # fmt: skip
    assert f'id="meter-{state.meter.id}"' in shown.text
    assert f'id="meter-{world.meters["101"].id}"' not in shown.text


def _meter_101(core, opened, world):
    """Finance staff, unit 101's water meter and its page."""
    meter = world.meters["101"]
    return _staff(core, opened, world, "finance"), meter, f"/meters/{meter.id}"


def test_a_meter_is_retired_on_its_page_and_takes_no_more_readings(core, world, opened):
    finance, meter, page = _meter_101(core, opened, world)

    retired = post_form(finance, page, f"{page}/retirement", {"retired_on": TODAY})
    shown = finance.get(page)
    listed = finance.get(f"/estates/{world.estate.id}/meters")

    assert retired.status_code == 303
    assert core.fees.meter(meter.id)[0].retired_on == date(2026, 12, 1)
    assert 'id="retired-on"' in shown.text
    assert f"{page}/readings" not in shown.text
    assert f'id="retired-{meter.id}"' in listed.text
    assert f'name="value-{meter.id}"' not in listed.text


def test_a_retirement_before_the_last_reading_is_refused_inline(core, world, opened):
    finance, meter, page = _meter_101(core, opened, world)

    response = post_form(
        finance, page, f"{page}/retirement", {"retired_on": "2026-10-01"}
    )

    assert response.status_code == 422
    assert 'id="error-retired_on"' in response.text
    assert core.fees.meter(meter.id)[0].retired_on is None


def test_the_rollover_value_is_set_and_the_kind_of_a_read_meter_kept(
    core, world, opened
):
    finance, meter, page = _meter_101(core, opened, world)
    settings = {"kind": "water", "places": str(meter.places), "rollover_at": "10000"}

    saved = post_form(finance, page, page, settings)
    refused = post_form(finance, page, page, settings | {"kind": "gas"})

    assert saved.status_code == 303
    assert refused.status_code == 422
    assert 'id="error-kind"' in refused.text
    stored = core.fees.meter(meter.id)[0]
    assert (stored.kind.value, stored.rollover_at) == ("water", Decimal(10000))


def test_a_common_area_is_renamed_on_its_meters_page(core, world, opened):
    finance = _staff(core, opened, world, "finance")
    _, _, lift = _second_building(core, world)
    page = f"/meters/{lift.id}"
    settings = {"kind": "electricity", "places": "1", "common_area": "1号电梯"}

    response = post_form(finance, page, page, settings)

    assert response.status_code == 303
    assert core.fees.meter(lift.id)[0].common_area == "1号电梯"


def test_front_desk_neither_edits_nor_retires_a_meter(core, world, opened):
    desk = _staff(core, opened, world, "front_desk")
    meter = world.meters["101"]
    page = f"/meters/{meter.id}"

    shown = desk.get(page)
    answers = [
        post_form(desk, page, page, {"rollover_at": "10000"}),
        post_form(desk, page, f"{page}/retirement", {"retired_on": TODAY}),
    ]

    assert 'id="meter-settings"' not in shown.text
    assert [a.status_code for a in answers] == [403, 403]
    assert core.fees.meter(meter.id)[0] == meter


def test_staff_of_another_estate_cannot_retire_this_meter(core, world, opened):
    company = core.property.create_node(NodeKind.COMPANY, {"name": "幸福物业"})
    raw = {"name": "枫林苑", "parent_id": company.id}
    other = core.property.create_node(NodeKind.ESTATE, raw)
    elsewhere = opened.signed_in(staff_login(core, "finance2", "finance", other.id))
    meter = world.meters["101"]
    action = f"/meters/{meter.id}/retirement"

    response = post_form(elsewhere, "/", action, {"retired_on": TODAY})

    assert response.status_code == 404
    assert core.fees.meter(meter.id)[0] == meter


def test_a_submit_records_no_reading_for_a_meter_of_another_estate(core, world, opened):
    company = core.property.create_node(NodeKind.COMPANY, {"name": "幸福物业"})
    raw = {"name": "枫林苑", "parent_id": company.id}
    other = core.property.create_node(NodeKind.ESTATE, raw)
    theirs = core.fees.register_meter(
        other.id, {"kind": "water", "places": "0", "common_area": "水泵房"}
    )
    finance = _staff(core, opened, world, "finance")
    page = f"/estates/{world.estate.id}/meters"
    action = f"/estates/{world.estate.id}/meter-readings"
    mine = world.meters["101"]

    alone = post_form(finance, page, action, _row(theirs, "7"))
    mixed = post_form(finance, page, action, _row(theirs, "7") | _row(mine, "1300"))

    assert alone.status_code == 422
    assert 'id="error-nothing"' in alone.text
    assert mixed.status_code == 303
    assert core.fees.meter(theirs.id)[1] == []
    assert _latest(core, mine).value == Decimal("1300")
