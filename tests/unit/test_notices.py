"""Notices: who they reach, when they are published, what is queued."""

import contextlib
from datetime import timedelta
from uuid import UUID

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from propcore.errors import ConflictError, InvalidInputError
from propcore.notices.model import Audience, NoticeStatus, reached
from propcore.property.tree import NodeKind
from tests.community_world import build
from tests.strategies import places

WATER = {"title": "3号楼停水", "body": "明天 9:00–12:00 停水。"}


@pytest.fixture
def world(fake_core):
    return build(fake_core)


def _outbox(core):
    with core.notices.uow() as uow:
        return uow.outbox.queued()


def _reached(core, world, notice):
    names = {v: k for k, v in world.accounts.items()}
    return sorted(names[m.account_id] for m in _outbox(core) if str(notice.id) in m.key)


def _publish(core, world, **raw):
    notice = core.notices.create(world.ids["estate"], WATER | raw)
    core.notices.publish(notice.id)
    return notice


def test_a_notice_to_building_3_reaches_exactly_its_residents(fake_core, world):
    notice = _publish(fake_core, world, building_ids=str(world.ids["b3"]))

    assert _reached(fake_core, world, notice) == ["张业主", "张家人", "李租客"]


def test_a_notice_to_the_estate_reaches_every_current_resident(fake_core, world):
    notice = _publish(fake_core, world)

    assert _reached(fake_core, world, notice) == [
        "张业主",
        "张家人",
        "李租客",
        "王一栋",
        "赵二栋",
    ]


def test_an_entrance_a_unit_and_a_role_narrow_the_audience(fake_core, world):
    b3 = world.ids["b3"]
    by_entrance = _publish(fake_core, world, entrances=f"{b3}:2")
    by_unit = _publish(fake_core, world, unit_ids=str(world.ids["u1"]))
    owners = _publish(fake_core, world, building_ids=str(b3), roles="owner")

    assert _reached(fake_core, world, by_entrance) == ["李租客"]
    assert _reached(fake_core, world, by_unit) == ["王一栋"]
    assert _reached(fake_core, world, owners) == ["张业主"]


def test_tags_reach_only_people_who_consented(fake_core, world):
    for name, consent in (("王一栋", "yes"), ("赵二栋", "")):
        person = fake_core.residents.person(world.ids[name])
        raw = {"name": person.name, "phone": person.phone, "interest_tags": "书法"}
        fake_core.residents.update_person(person.id, raw | {"events_consent": consent})

    notice = _publish(fake_core, world, tags="书法")

    assert _reached(fake_core, world, notice) == ["王一栋"]


def test_the_message_carries_channels_urgency_and_a_key(fake_core, world):
    notice = _publish(
        fake_core,
        world,
        unit_ids=str(world.ids["u1"]),
        channels="sms,inbox",
        urgency="safety",
    )

    (message,) = _outbox(fake_core)
    assert message.params["channels"] == "sms,inbox"
    assert (message.kind, message.urgent) == ("safety", True)
    assert message.phone == "13800000004"
    assert message.key == f"notice:{notice.id}:{world.accounts['王一栋']}"
    assert message.template == "notice_published"


def test_a_scheduled_notice_is_published_when_due_and_only_once(
    fake_core, world, clock
):
    at = (clock.now() + timedelta(hours=2)).isoformat()
    notice = fake_core.notices.create(world.ids["estate"], WATER | {"publish_at": at})

    early = fake_core.notices.publish_due(clock.now())
    clock.advance(hours=2)
    due = fake_core.notices.publish_due(clock.now())
    again = fake_core.notices.publish_due(clock.now())

    assert (early, due, again) == ([], [notice.id], [])
    assert fake_core.notices.get(notice.id).status is NoticeStatus.PUBLISHED
    assert len(_outbox(fake_core)) == 5


class _PublishedMeanwhile:
    """A unit-of-work factory whose first unit of work (reading what is
    due) is followed by another publisher publishing ``notice_id``."""

    def __init__(self, core, notice_id) -> None:
        self.uow, self.core, self.notice_id = core.notices.uow, core, notice_id
        self.first = True

    def __call__(self):
        work = self.uow()
        if not self.first:
            return work
        self.first = False
        return _then(work, self._other)

    def _other(self) -> None:
        self.core.notices.publish(self.notice_id)


@contextlib.contextmanager
def _then(work, after):
    with work as entered:
        yield entered
    after()


def test_a_notice_published_by_another_publisher_does_not_stop_the_round(
    fake_core, world, clock
):
    at = (clock.now() + timedelta(hours=1)).isoformat()
    taken, other = (
        fake_core.notices.create(world.ids["estate"], WATER | {"publish_at": at})
        for _ in range(2)
    )
    clock.advance(hours=1)
    racing = attrs.evolve(
        fake_core.notices, uow=_PublishedMeanwhile(fake_core, taken.id)
    )

    published = racing.publish_due(clock.now())

    assert published == [other.id]
    assert fake_core.notices.get(other.id).status is NoticeStatus.PUBLISHED
    assert fake_core.notices.get(taken.id).status is NoticeStatus.PUBLISHED


def test_publishing_twice_is_refused(fake_core, world):
    notice = _publish(fake_core, world)

    with pytest.raises(ConflictError):
        fake_core.notices.publish(notice.id)


def test_bad_targets_and_times_name_their_field(fake_core, world, clock):
    other = fake_core.property.create_node(
        NodeKind.ESTATE, {"name": "别处", "parent_id": str(world.ids["company"])}
    )
    elsewhere = fake_core.property.create_building(other.id, {"name": "1号楼"})
    past = (clock.now() - timedelta(hours=1)).isoformat()

    with pytest.raises(InvalidInputError) as outside:
        fake_core.notices.create(
            world.ids["estate"], WATER | {"building_ids": str(elsewhere.id)}
        )
    with pytest.raises(InvalidInputError) as expired:
        fake_core.notices.create(world.ids["estate"], WATER | {"expires_at": past})
    with pytest.raises(InvalidInputError) as naive:
        fake_core.notices.create(
            world.ids["estate"], WATER | {"publish_at": "2026-12-02T09:00"}
        )

    assert outside.value.fields == ("building_ids",)
    assert expired.value.fields == ("expires_at",)
    assert naive.value.fields == ("publish_at",)


def test_residents_see_current_notices_and_staff_see_read_counts(
    fake_core, world, clock
):
    later = (clock.now() + timedelta(days=1)).isoformat()
    notice = _publish(fake_core, world, building_ids=str(world.ids["b3"]))
    short = _publish(fake_core, world, expires_at=later)
    owner, far = world.accounts["张业主"], world.accounts["王一栋"]

    opened = fake_core.notices.read(notice.id, owner)
    refused = fake_core.notices.read(notice.id, far)
    clock.advance(days=2)

    assert opened.id == notice.id
    assert refused is None
    assert [r.notice.id for r in fake_core.notices.current_for(owner)] == [notice.id]
    assert fake_core.notices.current_for(far) == []
    counts = fake_core.notices.read_counts([notice.id, short.id])
    assert (counts[notice.id].reached, counts[notice.id].read) == (3, 1)
    assert (counts[short.id].reached, counts[short.id].read) == (5, 0)


@given(places(), st.sampled_from([UUID(int=n) for n in range(1, 4)]))
def test_a_building_audience_reaches_exactly_the_accounts_living_there(found, building):
    audience = Audience(building_ids=frozenset({building}))

    accounts = reached(audience, found)

    assert set(accounts) == {p.account_id for p in found if p.building_id == building}
    assert len(accounts) == len(set(accounts))


@given(places(), st.sampled_from(["书法", "太极"]))
def test_a_tag_never_reaches_someone_who_did_not_consent(found, tag):
    accounts = set(reached(Audience(tags=frozenset({tag})), found))

    for place in found:
        if place.account_id in accounts:
            assert any(
                p.consent and tag in p.tags
                for p in found
                if p.account_id == place.account_id
            )
