"""The notice, incident and event repositories, on the fake, SQLite and
PostgreSQL."""

from datetime import UTC, datetime, timedelta

import attrs
import pytest

from propcore.access.accounts import Account, AccountKind
from propcore.errors import ConflictError, NotFoundError
from propcore.events.model import AgeBand, Event, Signup
from propcore.incidents.model import Incident, IncidentKind, Severity
from propcore.notices.model import Audience, Channel, Notice, Urgency
from propcore.property.tree import Building, NodeKind, OrgNode
from propcore.residents.occupancy import Role
from propcore.residents.people import Person

AT = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)


def _world(uow, accounts=2):
    company = OrgNode(NodeKind.COMPANY, "华安物业")
    estate = OrgNode(NodeKind.ESTATE, "翠湖花园", company.id)
    building = Building(estate.id, "3号楼")
    people = [Person(f"住户{n}") for n in range(accounts)]
    made = [
        Account(AccountKind.RESIDENT, p.name, person_id=p.id, phone=f"1380000000{n}")
        for n, p in enumerate(people)
    ]
    with uow() as work:
        for item, repo in ((company, work.orgs), (estate, work.orgs)):
            repo.add(item)
        work.buildings.add(building)
        for person, account in zip(people, made, strict=True):
            work.people.add(person)
            work.accounts.add(account)
        work.commit()
    return estate, building, made


def _notice(estate, building, **extra) -> Notice:
    audience = Audience(
        building_ids=frozenset({building.id}),
        entrances=frozenset({(building.id, "2")}),
        roles=frozenset({Role.OWNER}),
        tags=frozenset({"书法"}),
    )
    fields = dict(
        audience=audience,
        channels=(Channel.SMS, Channel.INBOX),
        urgency=Urgency.SAFETY,
        expires_at=AT + timedelta(days=2),
    )
    return Notice(estate.id, "停水", "明天停水", AT, **(fields | extra))


def test_a_notice_reads_back_as_stored_and_is_due_when_scheduled(uow):
    estate, building, _ = _world(uow, 0)
    notice = _notice(estate, building, publish_at=AT + timedelta(hours=1))

    with uow() as work:
        work.notices.add(notice)
        work.commit()

    with uow() as work:
        assert work.notices.get(notice.id) == notice
        assert work.notices.due(AT) == []
        assert work.notices.due(AT + timedelta(hours=1)) == [notice]
        assert work.notices.for_estates([estate.id]) == [notice]
        assert work.notices.for_estates([building.id]) == []
        with pytest.raises(NotFoundError):
            work.notices.get(building.id)


def test_recipients_read_once_and_are_counted(uow):
    estate, building, (one, two) = _world(uow)
    notice = _notice(estate, building)
    notice.publish(AT)
    draft = _notice(estate, building)

    with uow() as work:
        work.notices.add(notice)
        work.notices.add(draft)
        work.notices.add_recipients(notice.id, [one.id, two.id])
        work.notices.add_recipients(draft.id, [one.id])
        assert work.notices.mark_read(notice.id, one.id, AT) is True
        assert work.notices.mark_read(notice.id, one.id, AT + timedelta(1)) is True
        assert work.notices.mark_read(draft.id, two.id, AT) is False
        work.commit()

    with uow() as work:
        (receipt,) = work.notices.received(one.id)
        counts = work.notices.counts([notice.id, draft.id])
    assert (receipt.notice.id, receipt.read_at) == (notice.id, AT)
    assert (counts[notice.id].reached, counts[notice.id].read) == (2, 1)
    assert (counts[draft.id].reached, counts[draft.id].read) == (1, 0)


def test_an_incident_keeps_its_timeline_in_order(uow):
    estate, building, (guard, _) = _world(uow)
    incident = Incident(
        estate.id,
        IncidentKind.WATER,
        Severity.HIGH,
        "车库",
        "漏水",
        AT,
        guard.id,
        building.id,
        ("a.jpg",),
    )

    with uow() as work:
        work.incidents.add(incident)
        incident.assign(guard.id, guard.id, AT)
        incident.note("已处理", guard.id, AT + timedelta(minutes=5))
        work.incidents.update(incident)
        work.commit()

    with uow() as work:
        assert work.incidents.get(incident.id) == incident
        assert work.incidents.for_estates(None) == [incident]
        assert work.incidents.for_estates([building.id]) == []


def _event(estate, capacity=1) -> Event:
    return Event(
        estate.id,
        "书法课",
        "",
        "会所",
        AT + timedelta(days=3),
        capacity,
        AT,
        AgeBand(60, None),
        frozenset({"书法"}),
    )


def test_seats_are_counted_within_the_capacity(uow):
    estate, _, _ = _world(uow)
    event = _event(estate)

    with uow() as work:
        work.events.add(event)
        took = [work.events.take_seat(event.id), work.events.take_seat(event.id)]
        work.events.free_seat(event.id)
        again = work.events.take_seat(event.id)
        work.commit()

    assert (took, again) == ([True, False], True)
    with uow() as work:
        stored = work.events.get(event.id)
    assert stored.taken == 1
    assert stored == attrs.evolve(event, taken=1)


def test_sign_ups_are_kept_once_per_account(uow):
    estate, _, (one, two) = _world(uow)
    event = _event(estate, 5)
    with uow() as work:
        work.events.add(event)
        for account in (one, two):
            work.events.add_signup(Signup(event.id, account.id, account.person_id, AT))
        work.commit()

    with uow() as work, pytest.raises(ConflictError):
        work.events.add_signup(Signup(event.id, one.id, one.person_id, AT))
    with uow() as work:
        removed = work.events.remove_signup(event.id, one.id)
        missing = work.events.remove_signup(event.id, one.id)
        work.commit()

    with uow() as work:
        assert (removed, missing) == (True, False)
        assert [s.account_id for s in work.events.signups(event.id)] == [two.id]
        assert work.events.signed_up(two.id) == {event.id}
        assert work.events.signed_up(one.id) == set()


def test_events_are_found_by_estate_and_start(uow):
    estate, building, _ = _world(uow, 0)
    event = _event(estate)
    with uow() as work:
        work.events.add(event)
        work.commit()

    with uow() as work:
        assert work.events.for_estates([estate.id]) == [event]
        assert work.events.for_estates([building.id]) == []
        assert work.events.starting_between(AT, AT + timedelta(days=3)) == [event]
        later = AT + timedelta(days=3)
        assert work.events.starting_between(later, later + timedelta(days=30)) == []
        with pytest.raises(NotFoundError):
            work.events.get(building.id)
