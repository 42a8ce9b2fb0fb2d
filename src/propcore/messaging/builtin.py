"""The inbox channel propcore ships, registered through
``register_notifiers`` exactly like a plugin's channels."""

from propcore.hooks import hookimpl
from propcore.messaging.channels import NotifierSetup, Register
from propcore.messaging.inbox_channel import InboxChannel
from propcore.messaging.preferences import INBOX


def inbox_channel(setup: NotifierSetup) -> InboxChannel:
    return InboxChannel(setup.uow, setup.clock)


@hookimpl
def register_notifiers(register: Register) -> None:
    register(INBOX, inbox_channel)
