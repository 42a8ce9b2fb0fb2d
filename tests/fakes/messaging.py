"""The outbox in memory: queued messages by key, in the order queued."""

from datetime import datetime

from propcore.messaging import Message


class FakeOutbox:
    def __init__(self, store: dict) -> None:
        self._rows: dict[str, tuple[Message, datetime]] = store.setdefault("outbox", {})

    def add(self, message: Message, queued_at: datetime) -> bool:
        if not message.key:
            raise ValueError("an outbox message needs a key")
        if message.key in self._rows:
            return False
        self._rows[message.key] = (message, queued_at)
        return True

    def queued(self) -> list[Message]:
        """What a test reads: every queued message, oldest first."""
        return [message for message, _ in self._rows.values()]
