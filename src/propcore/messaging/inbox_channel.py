"""The inbox as a channel: the relay delivers into it like into email."""

import attrs

from propcore.clock import Clock
from propcore.messaging import Message
from propcore.messaging.channels import Rendered
from propcore.messaging.inbox import InboxItem
from propcore.messaging.preferences import INBOX
from propcore.uow import UnitOfWorkFactory


@attrs.frozen
class InboxChannel:
    """Delivers into the inbox in a transaction of its own; never refused
    by quiet hours (it makes no sound)."""

    uow: UnitOfWorkFactory
    clock: Clock
    name: str = INBOX
    silent: bool = True

    def reaches(self, message: Message) -> bool:
        return message.key is not None

    def deliver(self, message: Message, rendered: Rendered) -> None:
        item = InboxItem(
            message.account_id,
            message.key or "",
            message.kind,
            rendered.subject,
            rendered.text,
            self.clock.now(),
        )
        with self.uow() as uow:
            uow.inbox.add(item)
            uow.commit()
