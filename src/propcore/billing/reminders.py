"""Reminders (催缴) on a ladder of days around a bill's due date.

The default ladder is 3 days before the due date, then 7 and 30 days after.
On each call every open bill gets the message of the latest step it has
reached, once (the outbox key names the bill and the step), so a reminder
that was missed while nothing ran is not followed by the steps before it,
and a bill paid in full gets no more reminders.
"""

from collections.abc import Sequence
from datetime import date

from propcore.billing.ports import BillBalance

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
