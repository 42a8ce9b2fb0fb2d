"""The outbox, the inbox and preferences in memory."""

import copy
from datetime import datetime

from propcore.errors import NotFoundError
from propcore.ids import Id
from propcore.messaging import Message
from propcore.messaging.channels import (
    PermanentDeliveryError,
    Rendered,
    TemporaryDeliveryError,
)
from propcore.messaging.inbox import InboxItem
from propcore.messaging.outbox import OutboxEntry, Status
from propcore.messaging.preferences import Preferences
from tests.fakes.base import _Table


class FakeOutbox:
    """Entries by id; a transaction works on its own copy of the table, so
    two claims cannot both take an entry once both have committed."""

    def __init__(self, store: dict) -> None:
        self._rows: dict[int, OutboxEntry] = store.setdefault("outbox", {})

    def add(self, message: Message, queued_at: datetime) -> bool:
        if not message.key:
            raise ValueError("an outbox message needs a key")
        if any(e.message.key == message.key for e in self._rows.values()):
            return False
        entry_id = max(self._rows, default=0) + 1
        self._rows[entry_id] = OutboxEntry(
            entry_id, message, queued_at, next_attempt_at=queued_at
        )
        return True

    def claim(self, now: datetime, lease_until: datetime, limit: int) -> list:
        due = sorted(
            (e for e in self._rows.values() if _due(e, now)),
            key=lambda e: (e.next_attempt_at, e.id),
        )[:limit]
        for entry in due:
            entry = copy.deepcopy(entry)
            entry.next_attempt_at = lease_until
            self._rows[entry.id] = entry
        return [copy.deepcopy(self._rows[e.id]) for e in due]

    def save(self, entry: OutboxEntry) -> None:
        self.get(entry.id)
        self._rows[entry.id] = copy.deepcopy(entry)

    def get(self, entry_id: int) -> OutboxEntry:
        if entry_id not in self._rows:
            raise NotFoundError("message", entry_id)
        return copy.deepcopy(self._rows[entry_id])

    def failed(self, limit: int) -> list[OutboxEntry]:
        found = [e for e in self._rows.values() if e.status is Status.FAILED]
        found.sort(key=lambda e: (e.queued_at, e.id), reverse=True)
        return copy.deepcopy(found[:limit])

    def queued(self) -> list[Message]:
        """What a test reads: every queued message, oldest first."""
        return [entry.message for _, entry in sorted(self._rows.items())]


def _due(entry: OutboxEntry, now: datetime) -> bool:
    return entry.status is Status.PENDING and entry.next_attempt_at <= now


class FakeInbox(_Table):
    def add(self, item: InboxItem) -> bool:
        if any(r.key == item.key for r in self._rows.values()):
            return False
        super().add(item)
        return True

    def for_account(self, account_id: Id, limit: int) -> list[InboxItem]:
        mine = self._all(lambda r: r.account_id == account_id)
        return sorted(mine, key=lambda r: (r.created_at, r.id), reverse=True)[:limit]

    def unread_count(self, account_id: Id) -> int:
        return sum(
            1 for r in self._rows.values() if r.account_id == account_id and r.unread
        )


class FakePreferenceRepository:
    def __init__(self, store: dict) -> None:
        self._rows: dict[Id, Preferences] = store.setdefault("preferences", {})

    def get(self, account_id: Id) -> Preferences | None:
        return self._rows.get(account_id)

    def save(self, preferences: Preferences) -> None:
        self._rows[preferences.account_id] = preferences


class FakeChannel:
    """A channel that keeps what it delivers; ``down`` makes it fail
    (temporarily, unless ``permanent``)."""

    def __init__(self, name: str = "sms", silent: bool = False) -> None:
        self.name, self.silent = name, silent
        self.delivered: list[tuple[Message, Rendered]] = []
        self.down = False
        self.permanent = False

    def reaches(self, message: Message) -> bool:
        return self.name != "sms" or bool(message.phone)

    def deliver(self, message: Message, rendered: Rendered) -> None:
        if self.permanent:
            raise PermanentDeliveryError("number refused")
        if self.down:
            raise TemporaryDeliveryError("gateway down")
        self.delivered.append((message, rendered))

    def keys(self) -> list[str | None]:
        return [message.key for message, _ in self.delivered]
