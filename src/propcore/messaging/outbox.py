"""An outbox entry: one queued message and how its delivery is going."""

import enum
from datetime import datetime

import attrs

from propcore.messaging import Message


class Status(enum.StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"
    # dropped unsent: what the message was about no longer needs telling
    CANCELLED = "cancelled"


@attrs.define
class OutboxEntry:
    """``channels_done``: the channels that took the message already, so a
    retry after a partial failure sends only on the others.
    ``next_attempt_at`` is also the claim's lease: a relay that claims the
    entry moves it into the future, and other relays skip it until then."""

    id: int
    message: Message
    queued_at: datetime
    status: Status = Status.PENDING
    attempts: int = 0
    next_attempt_at: datetime | None = None
    sent_at: datetime | None = None
    last_error: str = ""
    channels_done: frozenset[str] = frozenset()
