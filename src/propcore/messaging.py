"""The notifier port: how the core reaches a person outside the app."""

from collections.abc import Mapping
from typing import Protocol

import attrs

from propcore.ids import Id


@attrs.frozen
class Message:
    """A message for one account. ``template`` names what is said (e.g.
    ``sign_in_code``); ``params`` fill it in. Channels pick what they can
    reach: a phone number, an email address or the in-app inbox."""

    account_id: Id
    template: str
    params: Mapping[str, str]
    phone: str | None = None
    email: str | None = None
    language: str = "zh_CN"


class Notifier(Protocol):
    def send(self, message: Message) -> None:
        """Deliver or queue the message; raise only for a message that can
        never be delivered."""
