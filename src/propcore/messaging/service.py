"""The messaging use cases: the relay, staff resending what failed, the
inbox and each account's preferences."""

from collections.abc import Callable, Mapping
from datetime import tzinfo
from typing import Any

import attrs

from propcore.access.locate import LocateService
from propcore.access.policy import Actor
from propcore.access.rules import Action, Area
from propcore.clock import Clock
from propcore.errors import ConflictError, NotFoundError
from propcore.messaging.channels import ChannelRegistry
from propcore.messaging.inbox import InboxItem
from propcore.messaging.outbox import OutboxEntry, Status
from propcore.messaging.preference_input import read_preferences
from propcore.messaging.preferences import Preferences
from propcore.messaging.relay import Obsolete, Relay, RelayReport
from propcore.uow import UnitOfWorkFactory

INBOX_PAGE = 100
FAILED_PAGE = 200


@attrs.frozen
class MessageService:
    uow: UnitOfWorkFactory
    clock: Clock
    channels: ChannelRegistry
    zone: tzinfo
    jitter: Callable[[], float]
    obsolete: Mapping[str, Obsolete] = attrs.field(factory=dict)

    def relay(self, limit: int = 100) -> RelayReport:
        """Deliver up to ``limit`` due outbox entries (see :mod:`.relay`)."""
        relay = Relay(self.uow, self.clock, self.channels, self.zone, self.jitter,
                      self.obsolete)  # fmt: skip
        return relay.run(limit)

    def failed(self, actor: Actor) -> list[OutboxEntry]:
        """The failed messages whose recipients the actor may see."""
        with self.uow() as uow:
            entries = uow.outbox.failed(FAILED_PAGE)
        locate = LocateService(self.uow)
        return [
            e
            for e in entries
            if locate.may(actor, Action.VIEW, Area.MESSAGES, "message", e.id)
        ]

    def resend(self, actor: Actor, message_id: int) -> OutboxEntry:
        """Queue a failed message again, due now, with a fresh count of tries;
        channels that took it before are not sent to again."""
        if not LocateService(self.uow).may(
            actor, Action.EDIT, Area.MESSAGES, "message", message_id
        ):
            raise NotFoundError("message", message_id)
        with self.uow() as uow:
            entry = uow.outbox.get(message_id)
            if entry.status is not Status.FAILED:
                raise ConflictError("status", "only a failed message can be resent")
            entry.status, entry.attempts = Status.PENDING, 0
            entry.next_attempt_at = self.clock.now()
            uow.outbox.save(entry)
            uow.commit()
        return entry

    def inbox(self, actor: Actor) -> list[InboxItem]:
        with self.uow() as uow:
            return uow.inbox.for_account(actor.account_id, INBOX_PAGE)

    def unread_count(self, actor: Actor) -> int:
        with self.uow() as uow:
            return uow.inbox.unread_count(actor.account_id)

    def mark_read(self, actor: Actor, item_id) -> InboxItem:
        """Only the account's own items; another's is as good as unknown."""
        with self.uow() as uow:
            item = uow.inbox.get(item_id)
            if item.account_id != actor.account_id:
                raise NotFoundError("inbox item", item_id)
            if item.read_at is None:
                item.read_at = self.clock.now()
                uow.inbox.update(item)
                uow.commit()
        return item

    def preferences(self, actor: Actor) -> Preferences:
        with self.uow() as uow:
            found = uow.preferences.get(actor.account_id)
        return found or Preferences(actor.account_id)

    def set_preferences(self, actor: Actor, raw: Mapping[str, Any]) -> Preferences:
        preferences = read_preferences(actor.account_id, raw)
        with self.uow() as uow:
            uow.preferences.save(preferences)
            uow.commit()
        return preferences
