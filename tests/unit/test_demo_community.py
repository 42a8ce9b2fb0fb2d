"""The demo's notices, incident and events, seen by the demo accounts."""

import pytest

from propcore.notices.model import NoticeStatus
from propcore_bootstrap.demo_accounts import DEMO_PASSWORD
from propcore_bootstrap.demo_community import create_demo_community


@pytest.fixture(scope="module")
def community(demo):
    core, _ = demo
    create_demo_community(core)
    return core


def _account(core, login):
    return core.signin.sign_in(login, DEMO_PASSWORD, address="demo").account.id


def test_the_demo_owner_sees_both_published_notices(community):
    owner = _account(community, "owner")

    titles = [r.notice.title for r in community.notices.current_for(owner)]

    assert len(titles) == 2
    assert "小区绿化修剪通知" in titles
    assert any("停水" in t for t in titles)


def test_one_demo_notice_waits_for_tomorrow(community):
    statuses = sorted(n.status for n in community.notices.of_estates(None))

    assert statuses.count(NoticeStatus.SCHEDULED) == 1
    assert statuses.count(NoticeStatus.PUBLISHED) == 2


def test_the_demo_incident_reached_the_demo_manager(community):
    manager = _account(community, "manager")
    (incident,) = community.incidents.of_estates(None)

    with community.notices.uow() as uow:
        told = [m for m in uow.outbox.queued() if m.kind == "incident"]

    assert [m.account_id for m in told] == [manager]
    assert len(incident.timeline) == 2


def test_the_demo_owner_may_join_the_open_event(community):
    owner = _account(community, "owner")
    estates = {m.estate_id for m in community.accounts.actor(owner).memberships}

    offers = community.events.open_to(owner, estates)

    assert "亲子烘焙课" in [o.event.title for o in offers]
