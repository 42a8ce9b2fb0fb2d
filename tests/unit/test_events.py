"""Community events: who may join, capacity, cancelling and reminders."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from propcore.access.policy import Actor
from propcore.application import Propcore
from propcore.errors import ConflictError, InvalidInputError, NotFoundError
from propcore.events.model import AgeBand, age_on
from tests.community_world import build
from tests.fakes import FakeUnitOfWorkFactory, FixedClock, PlainHasher
from tests.recording import RecordingNotifier
from tests.strategies import age_bands, days


@pytest.fixture
def world(fake_core):
    return build(fake_core)


def _event(core, world, clock, **raw):
    starts = (clock.now() + timedelta(days=3)).isoformat()
    fields = {"title": "书法课", "place": "会所", "starts_at": starts, "capacity": "2"}
    return core.events.create(world.ids["estate"], fields | raw)


def _consent(core, world, name, born, tags="书法"):
    person = core.residents.person(world.ids[name])
    raw = {"name": person.name, "phone": person.phone, "birth_date": born}
    core.residents.update_person(
        person.id, raw | {"interest_tags": tags, "events_consent": "yes"}
    )


def _outbox(core):
    with core.events.uow() as uow:
        return uow.outbox.queued()


@given(age_bands(), days(), days())
def test_an_age_band_admits_exactly_the_ages_inside_it(band, born, on):
    ages = AgeBand(*band)

    admitted = ages.admits(born, on)

    age = age_on(born, on)
    inside = (band[0] is None or age >= band[0]) and (band[1] is None or age <= band[1])
    assert admitted == inside


@given(days())
def test_a_band_needs_a_birth_date_unless_it_is_open(on):
    assert AgeBand().admits(None, on)
    assert not AgeBand(60, None).admits(None, on)


def test_ages_count_whole_years():
    assert age_on(date(1960, 3, 1), date(2026, 2, 28)) == 65
    assert age_on(date(1960, 3, 1), date(2026, 3, 1)) == 66


def test_an_untargeted_event_invites_every_resident(fake_core, world, clock):
    event = _event(fake_core, world, clock)

    invited = {m.account_id for m in _outbox(fake_core)}
    assert invited == set(world.accounts.values()) - {world.accounts.get("周走了")}
    assert all(
        m.key.startswith(f"event_invitation:{event.id}:") for m in _outbox(fake_core)
    )


def test_every_invitee_finds_the_invitation_in_their_inbox(fake_core, world, clock):
    _event(fake_core, world, clock)

    report = fake_core.messages.relay()

    invited = set(world.accounts.values()) - {world.accounts["周走了"]}
    assert (report.sent, report.failed) == (len(invited), 0)
    for account_id in invited:
        (item,) = fake_core.messages.inbox(Actor(account_id))
        assert item.subject == "社区活动邀请：书法课"
        assert "2026-12-04 09:00" in item.body


def test_a_targeted_event_admits_only_consenting_people_who_fit(
    fake_core, world, clock
):
    _consent(fake_core, world, "王一栋", "1955-01-01")
    _consent(fake_core, world, "赵二栋", "1995-01-01")
    person = fake_core.residents.person(world.ids["张业主"])  # no consent
    fake_core.residents.update_person(
        person.id,
        {
            "name": person.name,
            "phone": person.phone,
            "birth_date": "1950-01-01",
            "interest_tags": "书法",
        },
    )

    event = _event(fake_core, world, clock, youngest="60", tags="书法,太极")

    assert {m.account_id for m in _outbox(fake_core)} == {world.accounts["王一栋"]}
    fake_core.events.sign_up(event.id, world.accounts["王一栋"])
    for name in ("赵二栋", "张业主"):
        with pytest.raises(NotFoundError):
            fake_core.events.sign_up(event.id, world.accounts[name])


def test_capacity_is_respected_and_a_cancel_frees_the_seat(fake_core, world, clock):
    event = _event(fake_core, world, clock, capacity="1")
    first, second = world.accounts["王一栋"], world.accounts["赵二栋"]

    fake_core.events.sign_up(event.id, first)
    with pytest.raises(ConflictError):
        fake_core.events.sign_up(event.id, second)
    assert fake_core.events.cancel(event.id, first) is True
    fake_core.events.sign_up(event.id, second)

    assert fake_core.events.get(event.id).taken == 1
    assert [s.account_id for s, _ in fake_core.events.signups(event.id)] == [second]


@given(st.lists(st.sampled_from(["sign", "cancel"]), max_size=12), st.data())
def test_seats_taken_always_equal_the_sign_ups_and_never_exceed_capacity(actions, data):
    clock = FixedClock()
    core = Propcore.build(
        uow=FakeUnitOfWorkFactory(),
        clock=clock,
        hasher=PlainHasher(),
        notifier=RecordingNotifier(),
    )
    world = build(core)
    event = _event(core, world, clock, capacity="2")
    names = ["张业主", "张家人", "李租客", "王一栋"]
    for action in actions:
        account = world.accounts[data.draw(st.sampled_from(names))]
        try:
            if action == "sign":
                core.events.sign_up(event.id, account)
            else:
                core.events.cancel(event.id, account)
        except ConflictError:
            pass

    stored = core.events.get(event.id)
    assert stored.taken == len(core.events.signups(event.id)) <= stored.capacity


def test_signing_up_twice_or_after_the_start_is_refused(fake_core, world, clock):
    event = _event(fake_core, world, clock)
    me = world.accounts["王一栋"]
    fake_core.events.sign_up(event.id, me)

    with pytest.raises(ConflictError):
        fake_core.events.sign_up(event.id, me)
    clock.advance(days=4)
    with pytest.raises(ConflictError):
        fake_core.events.sign_up(event.id, world.accounts["赵二栋"])


def test_reminders_go_once_to_those_signed_up_a_day_before(fake_core, world, clock):
    event = _event(fake_core, world, clock)
    me = world.accounts["王一栋"]
    fake_core.events.sign_up(event.id, me)

    early = fake_core.events.remind_due(clock.now())
    clock.advance(days=2, hours=1)
    due = fake_core.events.remind_due(clock.now())
    again = fake_core.events.remind_due(clock.now())

    assert (early, due, again) == (0, 1, 0)
    reminder = [m for m in _outbox(fake_core) if m.template == "event_reminder"]
    assert [(m.account_id, m.kind) for m in reminder] == [(me, "event")]
    assert fake_core.messages.relay().failed == 0
    subjects = {i.subject for i in fake_core.messages.inbox(Actor(me))}
    assert subjects == {"活动提醒：书法课", "社区活动邀请：书法课"}


def test_events_offered_to_a_resident_show_whether_they_joined(fake_core, world, clock):
    event = _event(fake_core, world, clock)
    me = world.accounts["王一栋"]
    fake_core.events.sign_up(event.id, me)

    offers = fake_core.events.open_to(me, [world.ids["estate"]])

    assert [(o.event.id, o.signed_up) for o in offers] == [(event.id, True)]


def test_bad_capacity_and_band_name_their_fields(fake_core, world, clock):
    with pytest.raises(InvalidInputError) as capacity:
        _event(fake_core, world, clock, capacity="0")
    with pytest.raises(InvalidInputError) as band:
        _event(fake_core, world, clock, youngest="60", oldest="10")

    assert capacity.value.fields == ("capacity",)
    assert band.value.fields == ("oldest",)
