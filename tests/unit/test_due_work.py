"""DueWork: each job's slot is worked once, whoever calls and how often."""

import itertools
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from propcore.jobs.cadence import DailyAt, Every
from propcore.jobs.runs import RunOutcome
from propcore.jobs.service import DueWork, Job
from tests.fakes import FakeUnitOfWorkFactory, FixedClock

SHANGHAI = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 12, 1, 9, 0, tzinfo=SHANGHAI)


def _runners(count: int = 2):
    """Runners on separate clocks and one store, like machines on one database."""
    store, clock = FakeUnitOfWorkFactory(), FixedClock(START)
    return clock, [DueWork(store, clock, SHANGHAI) for _ in range(count)]


class Recorder:
    def __init__(self, cadence) -> None:
        self.cadence = cadence
        self.slots: list[datetime] = []

    def __call__(self, now: datetime) -> str:
        self.slots.append(self.cadence.latest(now.astimezone(SHANGHAI)))
        return "recorded"


@given(st.lists(st.tuples(st.integers(0, 4 * 60), st.booleans()), max_size=40))
def test_two_runners_ticking_at_will_work_each_reached_slot_once_in_turn(ticks):
    clock, runners = _runners()
    work = Recorder(Every(15))
    jobs = [Job("count", work.cadence, work)]
    reached = []

    for seconds, both in ticks:
        clock.advance(seconds=seconds)
        reached.append(work.cadence.latest(clock.now()))
        for runner in runners[: 1 + both]:
            runner.run_due(jobs)

    assert work.slots == list(dict.fromkeys(reached))
    assert all(work.cadence.after(a) == b for a, b in itertools.pairwise(work.slots))


def test_after_downtime_the_latest_missed_slot_runs_once():
    clock, (runner,) = _runners(1)
    work = Recorder(Every(15))
    jobs = [Job("count", work.cadence, work)]
    runner.run_due(jobs)

    clock.advance(hours=5, minutes=3)
    runner.run_due(jobs)
    runner.run_due(jobs)

    assert work.slots == [START, START + timedelta(hours=5)]


def test_a_failing_job_is_recorded_and_retried_until_its_attempts_are_used_up():
    clock, (runner,) = _runners(1)
    calls = []

    def broken(now: datetime) -> None:
        calls.append(now)
        raise OSError("gateway down")

    jobs = [Job("broken", DailyAt(3), broken), Job("fine", DailyAt(3), str)]

    first = runner.run_due(jobs)
    for _ in range(4):
        clock.advance(minutes=1)
        runner.run_due(jobs)

    assert [(r.name, r.outcome) for r in first] == [
        ("broken", RunOutcome.FAILED),
        ("fine", RunOutcome.SUCCEEDED),
    ]
    assert first[0].note == "OSError: gateway down"
    assert len(calls) == 3
    assert runner.recent()[0].attempts == 3


def test_a_run_keeps_what_the_work_returned_and_when_it_finished():
    _, (runner,) = _runners(1)

    (run,) = runner.run_due([Job("greet", Every(60), lambda now: "2 purged")])

    assert run.note == "2 purged"
    assert run.slot == START
    assert run.finished_at == START
    assert runner.recent() == [run]


def test_runs_older_than_ninety_days_are_forgotten():
    clock, (runner,) = _runners(1)
    runner.run_due([Job("old", Every(60), str)])
    clock.advance(days=91)
    runner.run_due([Job("new", Every(60), str)])

    note = runner.forget_old(clock.now())

    assert note == "1 runs forgotten"
    assert [run.name for run in runner.recent()] == ["new"]
