"""A notifier for tests: keeps what it was asked to send."""

from propcore.messaging import Message


class RecordingNotifier:
    def __init__(self) -> None:
        self.sent: list[Message] = []

    def send(self, message: Message) -> None:
        self.sent.append(message)

    def last(self, template: str) -> Message:
        return next(m for m in reversed(self.sent) if m.template == template)
