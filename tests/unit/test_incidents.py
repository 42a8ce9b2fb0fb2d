"""Incidents: reporting tells the managers; the timeline shows every step."""

import pytest

from propcore.access.policy import Actor
from propcore.application import Propcore
from propcore.errors import ConflictError, InvalidInputError, NotFoundError
from propcore.incidents.model import EntryKind, IncidentStatus
from propcore.messaging.channels import ChannelRegistry
from propcore.messaging.inbox_channel import InboxChannel
from propcore.messaging.relay import RelayReport
from tests.community_world import build, staff
from tests.fakes import FakeUnitOfWorkFactory, PlainHasher
from tests.fakes.incidents import FakePhotoStore
from tests.fakes.messaging import FakeChannel
from tests.recording import RecordingNotifier

JPEG = b"\xff\xd8\xff\xe0" + b"0" * 20


@pytest.fixture
def sms():
    return FakeChannel("sms")


@pytest.fixture
def core(clock, sms):
    uow = FakeUnitOfWorkFactory()
    return Propcore.build(
        uow=uow,
        clock=clock,
        hasher=PlainHasher(),
        notifier=RecordingNotifier(),
        photos=FakePhotoStore(),
        channels=ChannelRegistry([InboxChannel(uow, clock), sms]),
    )


@pytest.fixture
def world(core):
    world = build(core)
    manager = staff(core, world, "estate_manager", "manager", "13900000001")
    world.ids["manager"] = manager.id
    world.ids["guard"] = staff(core, world, "security", "guard", "13900000002").id
    world.ids["cashier"] = staff(core, world, "finance", "cashier").id
    return world


def _report(core, world, **raw):
    fields = {
        "estate_id": str(world.ids["estate"]),
        "kind": "water",
        "place": "3号楼地下车库",
        "description": "水管破裂",
    }
    return core.incidents.report(fields | raw, by=world.ids["guard"])


def _plain(world):
    return {
        "estate_id": str(world.ids["estate"]),
        "kind": "other",
        "place": "大门",
        "description": "门禁损坏",
    }


def _outbox(core):
    with core.incidents.uow() as uow:
        return uow.outbox.queued()


def test_a_high_severity_report_reaches_the_managers_at_once_and_urgently(core, world):
    incident = _report(core, world, severity="high")

    (message,) = _outbox(core)
    assert message.account_id == world.ids["manager"]
    assert (message.kind, message.urgent) == ("incident", True)
    assert message.key == f"incident:{incident.id}:{world.ids['manager']}"


def test_the_managers_find_a_new_incident_in_their_inbox_and_by_sms(core, world, sms):
    incident = _report(core, world, severity="high")

    report = core.messages.relay()

    assert report == RelayReport(sent=1)
    (item,) = core.messages.inbox(Actor(world.ids["manager"]))
    assert item.subject == "突发事件（高）：漏水或水浸"
    assert "水管破裂" in item.body
    assert sms.keys() == [f"incident:{incident.id}:{world.ids['manager']}"]
    assert (
        sms.delivered[0][1].sms
        == "突发事件：3号楼地下车库 漏水或水浸（高），请尽快处理。"
    )


def test_a_low_severity_report_is_not_urgent(core, world):
    _report(core, world, severity="low")

    assert [m.urgent for m in _outbox(core)] == [False]


def test_the_timeline_shows_report_assignment_notes_conversion_and_closing(core, world):
    incident = _report(core, world)
    by = world.ids["manager"]

    core.incidents.assign(incident.id, {"assignee_id": world.ids["guard"]}, by=by)
    core.incidents.note(incident.id, {"text": "已关闭总阀"}, by=world.ids["guard"])
    notice = core.incidents.convert(
        incident.id, {"title": "车库漏水", "body": "请绕行"}, by=by
    )
    core.incidents.close(incident.id, {"text": "已修复"}, by=by)

    stored = core.incidents.get(incident.id)
    assert [e.kind for e in stored.timeline] == [
        EntryKind.REPORTED,
        EntryKind.ASSIGNED,
        EntryKind.NOTE,
        EntryKind.CONVERTED,
        EntryKind.CLOSED,
    ]
    assert stored.status is IncidentStatus.CLOSED
    assert stored.notice_id == notice.id == stored.timeline[3].subject
    assert core.notices.get(notice.id).estate_id == world.ids["estate"]


def test_assigning_tells_the_assignee_and_only_incident_staff_qualify(core, world):
    incident = _report(core, world)
    by = world.ids["manager"]

    core.incidents.assign(incident.id, {"assignee_id": world.ids["guard"]}, by=by)
    with pytest.raises(InvalidInputError) as refused:
        core.incidents.assign(incident.id, {"assignee_id": world.ids["cashier"]}, by=by)

    assert refused.value.fields == ("assignee_id",)
    assert _outbox(core)[-1].template == "incident_assigned"
    assert _outbox(core)[-1].account_id == world.ids["guard"]
    assert core.messages.relay() == RelayReport(sent=2)
    (item,) = core.messages.inbox(Actor(world.ids["guard"]))
    assert item.subject == "请跟进事件：漏水或水浸"


def test_a_closed_incident_takes_no_assignment(core, world):
    incident = _report(core, world)
    core.incidents.close(incident.id, {}, by=world.ids["manager"])

    with pytest.raises(ConflictError):
        core.incidents.assign(
            incident.id, {"assignee_id": world.ids["guard"]}, by=world.ids["manager"]
        )


def test_photos_are_kept_and_a_non_image_stops_the_report(core, world):
    incident = core.incidents.report(_plain(world), [JPEG])

    with pytest.raises(InvalidInputError) as refused:
        core.incidents.report(_plain(world), [b"GIF89a"])

    (name,) = incident.photos
    assert core.incidents.photo(incident.id, name) == JPEG
    assert refused.value.fields == ("photos",)
    assert len(core.incidents.of_estates(None)) == 1
    with pytest.raises(NotFoundError):
        core.incidents.photo(incident.id, "other.jpg")


def test_without_a_photo_store_photos_are_refused(fake_core):
    world = build(fake_core)

    with pytest.raises(InvalidInputError):
        fake_core.incidents.report(_plain(world), [JPEG])
