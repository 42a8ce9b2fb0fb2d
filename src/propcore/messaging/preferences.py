"""What a recipient chose: channels per kind of message, quiet hours, and
which marketing-like kinds they do not want at all.

The inbox always keeps a copy of every message a recipient has not opted
out of; preferences choose among the channels that leave the app (email,
SMS). Bills, payments, account messages and safety warnings can never be
opted out of.
"""

from collections.abc import Mapping
from datetime import datetime, time, timedelta

import attrs

from propcore.ids import Id

KINDS = (
    "account",
    "bill",
    "payment",
    "reminder",
    "repair",
    "notice",
    "safety",
    "incident",
    "event",
)
OPTIONAL_KINDS = frozenset({"notice", "event"})
# what a sender may send by the channels they choose, over the recipient's
MANDATORY_KINDS = frozenset({"safety"})
EXTERNAL_CHANNELS = ("email", "sms")
INBOX = "inbox"
_BOTH = frozenset(EXTERNAL_CHANNELS)
DEFAULT_CHANNELS: Mapping[str, frozenset[str]] = {
    "account": _BOTH,
    "bill": _BOTH,
    "payment": frozenset({"email"}),
    "reminder": _BOTH,
    "repair": frozenset({"sms"}),
    "notice": frozenset({"email"}),
    "safety": _BOTH,
    "incident": _BOTH,
    "event": frozenset({"email"}),
}


@attrs.frozen
class QuietHours:
    """Local times; ``start`` after ``end`` spans midnight (22:00–07:00).
    Equal times mean no quiet hours."""

    start: time
    end: time

    def contains(self, moment: time) -> bool:
        if self.start <= self.end:
            return self.start <= moment < self.end
        return moment >= self.start or moment < self.end

    def ends_after(self, local: datetime) -> datetime:
        """The first moment after ``local`` (inside them) that is outside."""
        end = local.replace(
            hour=self.end.hour, minute=self.end.minute, second=0, microsecond=0
        )
        return end if end > local else end + timedelta(days=1)


@attrs.frozen
class Preferences:
    account_id: Id
    channels: Mapping[str, frozenset[str]] = attrs.field(factory=dict)
    quiet: QuietHours | None = None
    opted_out: frozenset[str] = frozenset()

    def wants(self, kind: str) -> bool:
        return kind not in self.opted_out or kind not in OPTIONAL_KINDS

    def channels_for(self, kind: str) -> frozenset[str]:
        """The inbox and the chosen outside channels; nothing when opted out."""
        if not self.wants(kind):
            return frozenset()
        chosen = self.channels.get(kind, DEFAULT_CHANNELS.get(kind, _BOTH))
        return chosen | {INBOX}

    def channels_with(self, kind: str, requested: frozenset[str] | None,
                      urgent: bool) -> frozenset[str]:  # fmt: skip
        """:meth:`channels_for`, narrowed to the channels the sender asked
        for (``requested``; None when the sender left it to the recipient).
        For urgent and safety messages the sender's choice stands whatever
        the recipient chose."""
        if requested is None:
            return self.channels_for(kind)
        if urgent or kind in MANDATORY_KINDS:
            return requested | {INBOX}
        return self.channels_for(kind) & (requested | {INBOX})

    def holds_back(self, urgent: bool, local: datetime) -> datetime | None:
        """When quiet hours hold a message back, the moment they end."""
        if urgent or self.quiet is None or not self.quiet.contains(local.time()):
            return None
        return self.quiet.ends_after(local)


def defaults(account_id: Id) -> Preferences:
    return Preferences(account_id)
