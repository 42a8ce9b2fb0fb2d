"""The SMS channel: one HTTP request per message, in a provider's format.

A provider turns a message into a request and reads the gateway's answer;
the channel sends the request (stdlib ``urllib``, no extra dependency) and
turns network trouble into temporary failures.
"""

import logging
import urllib.error
import urllib.request
from typing import Protocol

import attrs

from propcore.messaging import Message
from propcore.messaging.channels import Rendered, TemporaryDeliveryError

logger = logging.getLogger(__name__)


@attrs.frozen
class HttpRequest:
    method: str
    url: str
    headers: dict[str, str]
    body: bytes


class SmsProvider(Protocol):
    def request(self, message: Message, rendered: Rendered) -> HttpRequest:
        """The gateway request; the message's key goes in the provider's
        own reference field (Aliyun's ``OutId``). Raise
        PermanentDeliveryError for a message the provider cannot carry."""

    def check(self, status: int, body: bytes) -> None:
        """Raise a DeliveryError unless the gateway accepted the message."""


@attrs.frozen
class SmsChannel:
    provider: SmsProvider
    timeout: float = 10.0
    name: str = "sms"
    silent: bool = False

    def reaches(self, message: Message) -> bool:
        return bool(message.phone)

    def deliver(self, message: Message, rendered: Rendered) -> None:
        request = self.provider.request(message, rendered)
        status, body = self._send(request, message.key)
        self.provider.check(status, body)

    def _send(self, request: HttpRequest, key: str | None) -> tuple[int, bytes]:
        prepared = urllib.request.Request(
            request.url, request.body, request.headers, method=request.method
        )
        try:
            with urllib.request.urlopen(prepared, timeout=self.timeout) as answer:
                return answer.status, answer.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()
        except OSError as error:
            logger.warning("sms %s not sent: %s", key, error)
            raise TemporaryDeliveryError(type(error).__name__) from error
