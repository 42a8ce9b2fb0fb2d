"""The periodic jobs propcore runs, and the relay job's rounds."""

from propcore.ids import new_id
from propcore.jobs.registry import periodic_jobs, relay_all
from propcore.messaging import Message


def test_bill_runs_and_the_outbox_relay_are_periodic_jobs(fake_core) -> None:
    names = [job.name for job in periodic_jobs(fake_core)]

    assert {
        "bill_runs",
        "relay_outbox",
        "payment_reminders",
        "publish_notices",
        "event_reminders",
        "purge_expired",
    } <= set(names)


def test_the_relay_job_relays_until_nothing_is_due(fake_core) -> None:
    with fake_core.billing.uow() as uow:
        for n in range(5):
            message = Message(new_id(), "bill_issued", {"amount": "¥1.00"},
                              kind="bill", key=f"bill_issued:{n}")  # fmt: skip
            uow.outbox.add(message, fake_core.clock.now())
        uow.commit()

    handled = relay_all(fake_core, limit=2)

    assert handled == 5
    assert relay_all(fake_core, limit=2) == 0
