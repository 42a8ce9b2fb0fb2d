"""The messaging ports: the outbox (messages written in the same transaction
as their cause), the in-app inbox and each recipient's preferences."""

from datetime import datetime
from typing import Protocol

from propcore.ids import Id
from propcore.messaging import Message
from propcore.messaging.inbox import InboxItem
from propcore.messaging.outbox import OutboxEntry
from propcore.messaging.preferences import Preferences


class Outbox(Protocol):
    def add(self, message: Message, queued_at: datetime) -> bool:
        """Queue ``message``; it leaves only if the transaction commits.

        The message must have a ``key``; one already queued under that key
        is not queued again. Return whether this call queued it.
        """

    def claim(
        self, now: datetime, lease_until: datetime, limit: int
    ) -> list[OutboxEntry]:
        """Take up to ``limit`` pending entries due at ``now``, oldest due
        first, and move their ``next_attempt_at`` to ``lease_until`` so no
        other claim takes them meanwhile. Entries another transaction is
        claiming at the same moment are skipped, never waited for or taken
        twice. Returns :class:`OutboxEntry` objects as they were claimed."""

    def save(self, entry: OutboxEntry) -> None:
        """Store the entry's delivery state (status, attempts, next attempt,
        sent time, last error, channels done)."""

    def get(self, entry_id: int) -> OutboxEntry:
        """Raise NotFoundError for an unknown id."""

    def failed(self, limit: int) -> list[OutboxEntry]:
        """Entries that gave up, most recently queued first."""


class Inbox(Protocol):
    def add(self, item: InboxItem) -> bool:
        """Keep the item unless one with its key is kept; return whether
        this call kept it."""

    def for_account(self, account_id: Id, limit: int) -> list[InboxItem]:
        """The account's items, newest first."""

    def unread_count(self, account_id: Id) -> int: ...

    def get(self, item_id: Id) -> InboxItem:
        """Raise NotFoundError for an unknown id."""

    def update(self, item: InboxItem) -> None: ...


class PreferenceRepository(Protocol):
    def get(self, account_id: Id) -> Preferences | None:
        """None when the account has never chosen (defaults apply)."""

    def save(self, preferences: Preferences) -> None:
        """Insert or replace the account's preferences."""
