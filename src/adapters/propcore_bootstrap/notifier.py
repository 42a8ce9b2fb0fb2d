"""The notifier used until a messaging plugin is installed: it writes to the log.

It logs the template and the account id, and the message's parameters
(which carry one-time codes and links) only at DEBUG level, for development.
"""

import logging

from propcore.messaging import Message

logger = logging.getLogger(__name__)


class LogNotifier:
    def send(self, message: Message) -> None:
        logger.info("message %s for account %s", message.template, message.account_id)
        logger.debug(
            "message %s parameters: %s", message.template, dict(message.params)
        )
