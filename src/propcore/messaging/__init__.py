"""Messages to people outside the app: what is said, to whom, and the ports
that carry it (a notifier sends now; the outbox queues with a change)."""

from collections.abc import Mapping
from typing import Protocol

import attrs

from propcore.ids import Id


@attrs.frozen
class Message:
    """A message for one account. ``template`` names what is said (e.g.
    ``sign_in_code``); ``params`` fill it in. Channels pick what they can
    reach: a phone number, an email address or the in-app inbox.

    ``kind`` is what recipients choose channels by (``account``, ``bill``,
    ``payment``, ``reminder``, ``notice``, ``safety``, ``incident``,
    ``event``); ``urgent`` messages ignore quiet hours. ``key`` names the
    message for good: a second message with the same key is the same
    message (queued once, and recognisable by a receiver if sent twice).
    """

    account_id: Id
    template: str
    params: Mapping[str, str]
    phone: str | None = None
    email: str | None = None
    language: str = "zh_CN"
    kind: str = "account"
    urgent: bool = False
    key: str | None = None


class Notifier(Protocol):
    def send(self, message: Message) -> None:
        """Deliver or queue the message; raise only for a message that can
        never be delivered."""
