"""Notifiers for what must leave at once (sign-in codes, reset links).

:class:`ChannelNotifier` sends through every configured channel that
leaves the app and reaches the message, skipping the outbox: a code is
useless an hour later. When no channel takes it (none configured, or all
failing), :class:`LogNotifier` writes it to the log: the template and the
account id, and the parameters (which carry the code or link) only at
DEBUG level, for development.
"""

import logging

from propcore.messaging import Message
from propcore.messaging.channels import Channel, ChannelRegistry, DeliveryError
from propcore.messaging.preferences import INBOX
from propcore.messaging.templates import render

logger = logging.getLogger(__name__)


class LogNotifier:
    def send(self, message: Message) -> None:
        logger.info("message %s for account %s", message.template, message.account_id)
        logger.debug(
            "message %s parameters: %s", message.template, dict(message.params)
        )


class ChannelNotifier:
    def __init__(self, channels: ChannelRegistry) -> None:
        self._channels = channels
        self._fallback = LogNotifier()

    def send(self, message: Message) -> None:
        rendered = render(message)
        outside = [c for c in self._channels if c.name != INBOX and c.reaches(message)]
        sent = [c for c in outside if self._delivered(c, message, rendered)]
        if not sent:
            self._fallback.send(message)

    def _delivered(self, channel: Channel, message: Message, rendered) -> bool:
        try:
            channel.deliver(message, rendered)
        except DeliveryError as error:
            logger.warning(
                "message %s for account %s not sent by %s: %s",
                message.template,
                message.account_id,
                channel.name,
                error,
            )
            return False
        return True
