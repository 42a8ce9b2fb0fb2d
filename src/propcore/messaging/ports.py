"""The outbox: messages written in the same transaction as their cause."""

from datetime import datetime
from typing import Protocol

from propcore.messaging import Message


class Outbox(Protocol):
    def add(self, message: Message, queued_at: datetime) -> bool:
        """Queue ``message``; it leaves only if the transaction commits.

        The message must have a ``key``; one already queued under that key
        is not queued again. Return whether this call queued it.
        """
