"""Channels: the ways a rendered message leaves propcore (email, SMS, the
in-app inbox). Plugins provide them through ``register_notifiers``."""

from collections.abc import Callable, Iterator, Mapping
from typing import Any, Protocol

import attrs

from propcore.clock import Clock
from propcore.errors import PropcoreError
from propcore.messaging import Message
from propcore.uow import UnitOfWorkFactory


@attrs.frozen
class Rendered:
    """A message in the recipient's language: a subject, a plain-text body,
    an HTML body (parameters escaped) and a short form for SMS."""

    subject: str
    text: str
    html: str
    sms: str


class DeliveryError(PropcoreError):
    """A channel could not deliver; :attr:`temporary` says whether a later
    try may succeed (a server down) or never will (an address refused)."""

    temporary = True


class TemporaryDeliveryError(DeliveryError):
    temporary = True


class PermanentDeliveryError(DeliveryError):
    temporary = False


class Channel(Protocol):
    """``name`` is what preferences choose (``email``, ``sms``, ``inbox``);
    a ``silent`` channel (the inbox) is never held back by quiet hours."""

    name: str
    silent: bool

    def reaches(self, message: Message) -> bool:
        """Whether the message carries what this channel needs (a phone…)."""

    def deliver(self, message: Message, rendered: Rendered) -> None:
        """Send it; raise :class:`DeliveryError` when it did not leave."""


@attrs.frozen
class NotifierSetup:
    """What a channel factory gets: its own options
    (``settings.plugins[<name>]``, empty when absent), storage and time."""

    options: Mapping[str, Any]
    uow: UnitOfWorkFactory
    clock: Clock


ChannelFactory = Callable[[NotifierSetup], Channel | None]
Register = Callable[[str, ChannelFactory], None]


class DuplicateChannelError(PropcoreError):
    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"channel {name!r} is registered twice")


class ChannelFactories:
    """Channel factories by name, as the ``register_notifiers`` hook left them."""

    def __init__(self) -> None:
        self._factories: dict[str, ChannelFactory] = {}

    def register(self, name: str, factory: ChannelFactory) -> None:
        if name in self._factories:
            raise DuplicateChannelError(name)
        self._factories[name] = factory

    def build(
        self, options: Mapping[str, Mapping[str, Any]], setup: NotifierSetup
    ) -> "ChannelRegistry":
        """The configured channels: a factory returning None is left out."""
        built = (
            factory(attrs.evolve(setup, options=options.get(name, {})))
            for name, factory in sorted(self._factories.items())
        )
        return ChannelRegistry([channel for channel in built if channel])


class ChannelRegistry:
    """The channels a deployment has configured, by name."""

    def __init__(self, channels: list[Channel]) -> None:
        self._channels = {channel.name: channel for channel in channels}

    def __iter__(self) -> Iterator[Channel]:
        return iter(self._channels.values())

    def names(self) -> list[str]:
        return list(self._channels)

    def get(self, name: str) -> Channel | None:
        return self._channels.get(name)
