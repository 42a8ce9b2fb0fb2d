"""Two residents racing for an event's last seat on PostgreSQL: the locked
seat counter lets exactly one of them in."""

import threading
from datetime import timedelta

import pytest

from propcore.application import Propcore
from propcore.errors import ConflictError
from propcore.events.model import Signup
from propcore_sql.engine import make_engine
from propcore_sql.uow import SqlUnitOfWorkFactory
from tests.community_world import build
from tests.fakes import FixedClock, PlainHasher
from tests.recording import RecordingNotifier

pytestmark = pytest.mark.postgres


@pytest.fixture
def core(postgres_url):
    engine = make_engine(postgres_url)
    yield Propcore.build(
        uow=SqlUnitOfWorkFactory(engine),
        clock=FixedClock(),
        hasher=PlainHasher(),
        notifier=RecordingNotifier(),
    )
    engine.dispose()


def _last_seat(core):
    world = build(core)
    starts = (core.clock.now() + timedelta(days=3)).isoformat()
    raw = {"title": "书法课", "place": "会所", "starts_at": starts, "capacity": "1"}
    return world, core.events.create(world.ids["estate"], raw)


def _try(core, event_id, account_id, outcome):
    try:
        core.events.sign_up(event_id, account_id)
        outcome.append("signed up")
    except ConflictError as error:
        outcome.append(error.problem.message)


def test_the_second_sign_up_waits_for_the_first_and_finds_the_event_full(core):
    world, event = _last_seat(core)
    first, second = world.accounts["王一栋"], world.accounts["赵二栋"]
    outcome: list[str] = []

    with core.events.uow() as work:
        assert work.events.take_seat(event.id)
        work.events.add_signup(
            Signup(event.id, first, world.ids["王一栋"], core.clock.now())
        )
        racer = threading.Thread(target=_try, args=(core, event.id, second, outcome))
        racer.start()
        racer.join(timeout=0.5)
        assert racer.is_alive(), "the second sign-up must wait for the first"
        work.commit()
    racer.join(timeout=20)

    assert outcome == ["the event is full"]
    assert [s.account_id for s, _ in core.events.signups(event.id)] == [first]


def test_of_two_simultaneous_sign_ups_for_the_last_seat_one_wins(core):
    world, event = _last_seat(core)
    accounts = [world.accounts["王一栋"], world.accounts["赵二栋"]]
    outcome: list[str] = []
    start = threading.Barrier(2)

    def racer(account_id):
        start.wait()
        _try(core, event.id, account_id, outcome)

    threads = [threading.Thread(target=racer, args=(a,)) for a in accounts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)

    assert sorted(outcome) == ["signed up", "the event is full"]
    assert core.events.get(event.id).taken == 1
    assert len(core.events.signups(event.id)) == 1
