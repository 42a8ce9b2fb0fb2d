"""Reminders (催缴) on a ladder of days around a bill's due date.

The default ladder is 3 days before the due date, then 7 and 30 days after.
On each call every open bill gets the message of the latest step it has
reached, once (the outbox key names the bill and the step), so a reminder
that was missed while nothing ran is not followed by the steps before it,
and a bill paid in full gets no more reminders.

A reminder queued before the bill was settled (held by quiet hours, or
waiting for a gateway to come back) is dropped when the relay reaches it:
:func:`settled_since` is the relay's check for ``payment_reminder``.
"""

from collections.abc import Sequence
from datetime import date
from uuid import UUID

from propcore.billing.ports import BillBalance
from propcore.errors import NotFoundError
from propcore.messaging import Message
from propcore.uow import UnitOfWork

DEFAULT_LADDER = (-3, 7, 30)


def reached_step(
    balance: BillBalance, ladder: Sequence[int], today: date
) -> int | None:
    """The latest step of ``ladder`` (days after the due date) reached by
    ``today``; None before the first or when nothing is owed."""
    if balance.open_amount.amount <= 0:
        return None
    passed = [d for d in ladder if (today - balance.due_on).days >= d]
    return max(passed) if passed else None


def settled_since(uow: UnitOfWork, message: Message) -> str | None:
    """Why the reminder ``message`` (its ``bill_id`` parameter) is obsolete:
    its bill is settled, or gone; None while something is still owed."""
    try:
        issued = uow.bills.get(UUID(message.params["bill_id"]))
    except (KeyError, ValueError):
        return None
    except NotFoundError:
        return "the bill no longer exists"
    bill = issued.bill
    balances = uow.bills.balances(
        estate_id=issued.estate_id, period=bill.period, unit_ids=[bill.unit_id]
    )
    balance = next((b for b in balances if b.bill_id == bill.id), None)
    if balance is None or balance.open_amount.amount <= 0:
        return f"bill {bill.id} is settled"
    return None
