"""The periodic jobs propcore runs, and the relay job's rounds."""

from propcore.access.accounts import Account, AccountKind
from propcore.access.policy import Actor
from propcore.jobs.registry import periodic_jobs, relay_all
from propcore.messaging import Message
from propcore.messaging.outbox import Status

BILL = {"period": "2026-11", "amount": "¥1.00", "due": "2026-12-15"}


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
    payer = Account(AccountKind.RESIDENT, "王芳", phone="13800000001")
    with fake_core.billing.uow() as uow:
        uow.accounts.add(payer)
        for n in range(5):
            message = Message(payer.id, "bill_issued", BILL, kind="bill",
                              key=f"bill_issued:{n}")  # fmt: skip
            uow.outbox.add(message, fake_core.clock.now())
        uow.commit()

    handled = relay_all(fake_core, limit=2)

    assert handled == 5
    assert relay_all(fake_core, limit=2) == 0
    with fake_core.billing.uow() as uow:
        statuses = {uow.outbox.get(n).status for n in range(1, 6)}
    assert statuses == {Status.SENT}
    assert fake_core.messages.unread_count(Actor(payer.id)) == 5
