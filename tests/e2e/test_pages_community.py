"""Notices, incidents and events through the pages, on SQLite: what staff
do, what residents see, and what lands in the outbox table."""

from datetime import timedelta
from io import BytesIO
from uuid import UUID

import pytest
from PIL import Image
from sqlalchemy import select

from propcore.application import Propcore
from propcore_files.photos import DirectoryPhotoStore
from propcore_sql.engine import make_engine
from propcore_sql.tables import outbox_messages
from propcore_sql.uow import SqlUnitOfWorkFactory
from tests.community_world import build
from tests.contract.test_photo_store import picture
from tests.e2e.accounts import activated, form_token, post_form, staff_login
from tests.fakes import FixedClock, PlainHasher
from tests.recording import RecordingNotifier

B3 = ["张业主", "张家人", "李租客"]


@pytest.fixture
def engine(sqlite_url):
    engine = make_engine(sqlite_url)
    yield engine
    engine.dispose()


@pytest.fixture
def core(engine, tmp_path):
    return Propcore.build(
        uow=SqlUnitOfWorkFactory(engine),
        clock=FixedClock(),
        hasher=PlainHasher(),
        notifier=RecordingNotifier(),
        photos=DirectoryPhotoStore(tmp_path / "media"),
    )


@pytest.fixture
def world(core):
    return build(core)


def _staff(core, world, opened, role):
    return opened.signed_in(staff_login(core, role, role, world.ids["estate"]))


def _resident(core, world, opened, name):
    activated(core, world.tokens[name])
    return opened.signed_in(core.residents.person(world.ids[name]).phone)


def _queued(engine, **where):
    query = select(outbox_messages)
    for column, value in where.items():
        query = query.where(outbox_messages.c[column] == value)
    with engine.connect() as db:
        return list(db.execute(query))


def _published_to_building_3(core, world, opened):
    manager = _staff(core, world, opened, "estate_manager")
    raw = {
        "title": "3号楼明天停水",
        "body": "明天 9:00–12:00 停水",
        "building_ids": str(world.ids["b3"]),
        "channels": ["sms", "inbox"],
        "urgency": "urgent",
    }
    estate = world.ids["estate"]
    created = post_form(manager, "/notices", f"/nodes/{estate}/notices", raw)
    (notice,) = core.notices.of_estates([estate])
    published = post_form(manager, "/notices", f"/notices/{notice.id}/publish", {})
    assert (created.status_code, published.status_code) == (303, 303)
    return manager, notice


def test_a_notice_to_building_3_queues_one_message_per_resident_there(
    core, world, opened, engine
):
    _, notice = _published_to_building_3(core, world, opened)

    rows = _queued(engine, template="notice_published")

    assert {r.account_id for r in rows} == {world.accounts[n] for n in B3}
    assert {r.params["channels"] for r in rows} == {"sms,inbox"}
    assert {(r.kind, r.urgent) for r in rows} == {("notice", True)}
    assert {r.key for r in rows} == {
        f"notice:{notice.id}:{world.accounts[n]}" for n in B3
    }


def test_a_resident_reads_the_notice_and_staff_see_the_read_count(core, world, opened):
    manager, notice = _published_to_building_3(core, world, opened)
    tenant = _resident(core, world, opened, "李租客")

    listed = tenant.get("/portal/notices")
    opened_notice = tenant.get(f"/portal/notices/{notice.id}")
    staff_list = manager.get("/notices").text

    assert "3号楼明天停水" in listed.text
    assert "明天 9:00–12:00 停水" in opened_notice.text
    row = staff_list.split(f'id="notice-{notice.id}"')[1].split("</tr>")[0]
    assert "1 / 3" in row


def test_residents_of_other_buildings_do_not_get_the_notice(core, world, opened):
    _, notice = _published_to_building_3(core, world, opened)
    elsewhere = _resident(core, world, opened, "王一栋")

    listed = elsewhere.get("/portal/notices")
    direct = elsewhere.get(f"/portal/notices/{notice.id}")

    assert "3号楼明天停水" not in listed.text
    assert direct.status_code == 404


def _report(client, world, files, **raw):
    token = form_token(client, "/incidents/new")
    fields = {
        "estate_id": str(world.ids["estate"]),
        "building_id": str(world.ids["b3"]),
        "kind": "water",
        "severity": "high",
        "place": "3号楼车库",
        "description": "水管破裂",
        "_csrf_token": token,
    }
    return client.post(
        "/incidents", data=fields | raw, files=files, follow_redirects=False
    )


def test_a_guard_reports_from_the_phone_page_and_the_manager_is_told_at_once(
    core, world, opened, engine
):
    manager = staff_login(core, "manager", "estate_manager", world.ids["estate"])
    guard = _staff(core, world, opened, "security")
    photo = ("photos", ("p.jpg", picture("JPEG", exif=_camera()), "image/jpeg"))

    form = guard.get("/incidents/new")
    reported = _report(guard, world, [photo])

    assert 'name="viewport"' in form.text
    assert reported.status_code == 303
    (incident,) = core.incidents.of_estates(None)
    (message,) = _queued(engine, kind="incident")
    assert message.urgent is True
    assert core.accounts.account(message.account_id).username == manager
    kept = guard.get(f"/incidents/{incident.id}/photos/{incident.photos[0]}")
    assert kept.headers["content-type"] == "image/jpeg"
    assert dict(Image.open(BytesIO(kept.content)).getexif()) == {}


def _camera() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"
    return exif.tobytes()


def test_an_upload_that_is_not_an_image_shows_the_form_again(core, world, opened):
    guard = _staff(core, world, opened, "security")
    fake = ("photos", ("p.jpg", b"GIF89a not really a photo", "image/jpeg"))

    refused = _report(guard, world, [fake])

    assert refused.status_code == 422
    assert "必须是 JPEG、PNG 或 WebP 图片" in refused.text
    assert core.incidents.of_estates(None) == []


def test_the_manager_follows_up_and_the_timeline_shows_every_step(core, world, opened):
    guard = _staff(core, world, opened, "security")
    manager = _staff(core, world, opened, "estate_manager")
    _report(guard, world, [])
    (incident,) = core.incidents.of_estates(None)
    page, guard_id = f"/incidents/{incident.id}", core.accounts.staff()[1].account.id

    steps = [
        post_form(manager, page, f"{page}/assign", {"assignee_id": str(guard_id)}),
        post_form(guard, page, f"{page}/notes", {"text": "已关闭总阀"}),
        post_form(
            manager, page, f"{page}/notice", {"title": "车库漏水", "body": "绕行"}
        ),
        post_form(manager, page, f"{page}/close", {"text": "已修复"}),
    ]

    assert [s.status_code for s in steps] == [303] * 4
    timeline = manager.get(page).text.split('id="timeline"')[1]
    for label in ("已上报", "已指派", "已关闭总阀", "已转为公告", "已修复"):
        assert label in timeline
    assert [n.title for n in core.notices.of_estates(None)] == ["车库漏水"]


def _event(core, world, opened, capacity="1"):
    manager = _staff(core, world, opened, "estate_manager")
    starts = (core.clock.now() + timedelta(days=3)).astimezone()
    raw = {
        "title": "书法课",
        "place": "会所",
        "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
        "capacity": capacity,
    }
    estate = world.ids["estate"]
    created = post_form(manager, "/events", f"/nodes/{estate}/events", raw)
    assert created.status_code == 303, created.text
    return manager, created.headers["location"]


def test_residents_sign_up_and_cancel_and_the_last_seat_goes_once(core, world, opened):
    manager, event_page = _event(core, world, opened)
    event_id = UUID(event_page.rsplit("/", 1)[1])
    first = _resident(core, world, opened, "王一栋")
    second = _resident(core, world, opened, "赵二栋")

    signed = post_form(first, "/portal/events", f"/portal/events/{event_id}/signup", {})
    full = post_form(second, "/portal/events", f"/portal/events/{event_id}/signup", {})
    listed = manager.get(event_page).text
    mine = first.get("/portal/events").text
    cancelled = post_form(
        first, "/portal/events", f"/portal/events/{event_id}/cancel", {}
    )

    assert signed.status_code == 303
    assert "取消报名" in mine
    assert full.status_code == 422
    assert "活动名额已满" in full.text
    assert "王一栋" in listed
    assert cancelled.status_code == 303
    assert core.events.get(event_id).taken == 0
