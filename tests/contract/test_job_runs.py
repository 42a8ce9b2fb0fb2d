"""The job-run port, on the fake, SQLite and PostgreSQL: one claim per slot."""

from datetime import UTC, datetime, timedelta, timezone

import attrs

from propcore.jobs.runs import JobRun, RunOutcome

SHANGHAI = timezone(timedelta(hours=8))
SLOT = datetime(2026, 12, 1, 3, 0, tzinfo=SHANGHAI)
AT = datetime(2026, 12, 1, 3, 0, 2, tzinfo=SHANGHAI)


def _claim(uow, name="purge_expired", slot=SLOT, at=AT, max_attempts=3):
    with uow() as work:
        claimed = work.job_runs.claim(JobRun(name, slot, at), max_attempts)
        work.commit()
    return claimed


def _finish(uow, claimed: JobRun, outcome: RunOutcome, note="done") -> JobRun:
    run = attrs.evolve(claimed)
    run.finish(run.started_at + timedelta(seconds=1), outcome, note)
    with uow() as work:
        work.job_runs.finish(run)
        work.commit()
    return run


def test_a_slot_is_claimed_once_per_job(uow):
    first = _claim(uow)

    second = _claim(uow, at=AT + timedelta(seconds=5))
    other_job = _claim(uow, name="relay_outbox")
    next_slot = _claim(uow, slot=SLOT + timedelta(minutes=15))

    assert first == JobRun("purge_expired", SLOT, AT)
    assert second is None
    assert other_job is not None
    assert next_slot is not None


def test_a_claim_without_commit_leaves_the_slot_free(uow):
    with uow() as work:
        work.job_runs.claim(JobRun("purge_expired", SLOT, AT), 3)

    assert _claim(uow) is not None


def test_a_finished_run_is_stored_with_its_outcome_and_aware_instants(uow):
    run = _finish(uow, _claim(uow), RunOutcome.SUCCEEDED, "2 sessions purged")

    with uow() as work:
        (stored,) = work.job_runs.recent(10)
    assert stored == run
    assert stored.slot.astimezone(UTC) == datetime(2026, 11, 30, 19, 0, tzinfo=UTC)
    assert stored.finished_at.utcoffset() is not None
    assert _claim(uow) is None


def test_a_failed_slot_is_claimed_again_until_its_attempts_are_used_up(uow):
    _finish(uow, _claim(uow, max_attempts=2), RunOutcome.FAILED, "OSError: down")

    again = _claim(uow, at=AT + timedelta(minutes=1), max_attempts=2)
    claimed_again = JobRun("purge_expired", SLOT, AT + timedelta(minutes=1), attempts=2)
    _finish(uow, again, RunOutcome.FAILED, "OSError: still down")
    third = _claim(uow, at=AT + timedelta(minutes=2), max_attempts=2)

    assert again == claimed_again
    assert third is None


def test_a_running_slot_is_not_taken_over(uow):
    _claim(uow)

    assert _claim(uow, at=AT + timedelta(hours=1)) is None


def test_recent_runs_come_newest_first_and_old_ones_are_forgotten(uow):
    for hours in range(3):
        slot = SLOT + timedelta(hours=hours)
        _claim(uow, slot=slot, at=slot + timedelta(seconds=1))

    with uow() as work:
        newest = [run.slot for run in work.job_runs.recent(2)]
        forgotten = work.job_runs.forget_before(SLOT + timedelta(hours=1))
        work.commit()
    with uow() as work:
        left = [run.slot for run in work.job_runs.recent(10)]

    assert newest == [SLOT + timedelta(hours=2), SLOT + timedelta(hours=1)]
    assert forgotten == 1
    assert left == newest
