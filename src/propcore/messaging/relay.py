"""The relay: delivers due outbox entries through the channels each
recipient wants, and records every try.

Entries are claimed in small batches, each claim committed before anything
is sent; the claim moves an entry's next attempt one lease into the future,
so a second relay (another machine, another run) skips it. An entry whose
relay died mid-batch is taken again once its lease runs out.

Before an entry is delivered, the check registered for its template (if
any) may find it obsolete, e.g. a reminder for a bill paid since it was
queued: the entry is then cancelled unsent, with the reason recorded.
"""

from collections import Counter
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta, tzinfo

import attrs

from propcore.clock import Clock
from propcore.messaging import Message
from propcore.messaging.backoff import gives_up, retry_delay
from propcore.messaging.channels import Channel, ChannelRegistry, DeliveryError
from propcore.messaging.outbox import OutboxEntry, Status
from propcore.messaging.preferences import Preferences
from propcore.messaging.templates import render
from propcore.uow import UnitOfWork, UnitOfWorkFactory

LEASE = timedelta(minutes=10)
BATCH = 10

# Why a queued message should no longer be sent, or None when it should.
Obsolete = Callable[[UnitOfWork, Message], str | None]


@attrs.frozen
class RelayReport:
    """How many entries were ``sent``, ``held`` back by quiet hours,
    ``retried`` later after a failure, ``failed`` for good, or
    ``cancelled`` unsent because they had become obsolete."""

    sent: int = 0
    held: int = 0
    retried: int = 0
    failed: int = 0
    cancelled: int = 0

    @property
    def claimed(self) -> int:
        return self.sent + self.held + self.retried + self.failed + self.cancelled


@attrs.frozen
class Relay:
    """``obsolete``: by template, the check that may find a queued message
    no longer worth sending (asked in a transaction of its own, just before
    delivery)."""

    uow: UnitOfWorkFactory
    clock: Clock
    channels: ChannelRegistry
    zone: tzinfo
    jitter: Callable[[], float]
    obsolete: Mapping[str, Obsolete] = attrs.field(factory=dict)

    def run(self, limit: int) -> RelayReport:
        outcomes: Counter[str] = Counter()
        while outcomes.total() < limit:
            batch = self._claim(min(BATCH, limit - outcomes.total()))
            if not batch:
                break
            outcomes.update(self._deliver(entry, prefs) for entry, prefs in batch)
        return RelayReport(**outcomes)

    def _claim(self, size: int) -> list[tuple[OutboxEntry, Preferences]]:
        now = self.clock.now()
        with self.uow() as uow:
            entries = uow.outbox.claim(now, now + LEASE, size)
            chosen = [(e, uow.preferences.get(e.message.account_id)) for e in entries]
            uow.commit()
        return [(e, p or Preferences(e.message.account_id)) for e, p in chosen]

    def _deliver(self, entry: OutboxEntry, prefs: Preferences) -> str:
        now = self.clock.now()
        reason = self._why_obsolete(entry.message)
        if reason is not None:
            entry.status, entry.last_error = Status.CANCELLED, reason
            entry.next_attempt_at, outcome = now, "cancelled"
        else:
            hold = prefs.holds_back(entry.message.urgent, now.astimezone(self.zone))
            errors = self._try(entry, prefs, held=hold is not None)
            outcome = _settle(entry, errors, hold, now, self.jitter)
        with self.uow() as uow:
            uow.outbox.save(entry)
            uow.commit()
        return outcome

    def _why_obsolete(self, message: Message) -> str | None:
        check = self.obsolete.get(message.template)
        if check is None:
            return None
        with self.uow() as uow:
            return check(uow, message)

    def _try(
        self, entry: OutboxEntry, prefs: Preferences, held: bool
    ) -> list[tuple[str, DeliveryError]]:
        """Deliver on each target; note who took it, return who failed."""
        try:
            rendered = render(entry.message)
        except DeliveryError as error:
            return [("template", error)]
        errors = []
        for channel in self._targets(entry, prefs, held):
            try:
                channel.deliver(entry.message, rendered)
            except DeliveryError as error:
                errors.append((channel.name, error))
            else:
                entry.channels_done |= {channel.name}
        return errors

    def _targets(
        self, entry: OutboxEntry, prefs: Preferences, held: bool
    ) -> list[Channel]:
        message = entry.message
        wanted = prefs.channels_with(message.kind, requested(message), message.urgent)
        wanted -= entry.channels_done
        return [
            channel
            for channel in self.channels
            if channel.name in wanted
            and channel.reaches(entry.message)
            and (channel.silent or not held)
        ]


def requested(message: Message) -> frozenset[str] | None:
    """The channels the sender chose (``params["channels"]``, comma-separated
    names), or None when the message leaves them to the recipient."""
    named = message.params.get("channels")
    if not named:
        return None
    return frozenset(c.strip() for c in named.split(",") if c.strip())


def _settle(
    entry: OutboxEntry,
    errors: list[tuple[str, DeliveryError]],
    hold: datetime | None,
    now: datetime,
    jitter: Callable[[], float],
) -> str:
    """Record the try on ``entry``; return its outcome's name."""
    if not errors:
        if hold is not None:
            entry.next_attempt_at = hold.astimezone(UTC)
            return "held"
        entry.status, entry.sent_at, entry.last_error = Status.SENT, now, ""
        entry.next_attempt_at = now
        return "sent"
    entry.attempts += 1
    entry.last_error = "; ".join(f"{name}: {error}" for name, error in errors)
    if gives_up(entry.attempts) or any(not e.temporary for _, e in errors):
        entry.status, entry.next_attempt_at = Status.FAILED, now
        return "failed"
    entry.next_attempt_at = now + retry_delay(entry.attempts, jitter)
    return "retried"
