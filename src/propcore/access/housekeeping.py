"""Clearing away what signing in leaves behind once it can no longer matter."""

import attrs

from propcore.access.credentials import SessionTimeouts
from propcore.access.throttle import PER_ACCOUNT, PER_ADDRESS
from propcore.clock import Clock
from propcore.uow import UnitOfWorkFactory

# a failure older than every throttle window no longer counts
THROTTLE_MEMORY = max(PER_ACCOUNT.window, PER_ADDRESS.window)


@attrs.frozen
class Purged:
    sessions: int
    codes: int
    failures: int

    def __str__(self) -> str:
        return (
            f"{self.sessions} sessions, {self.codes} codes, "
            f"{self.failures} sign-in failures purged"
        )


@attrs.frozen
class HousekeepingService:
    uow: UnitOfWorkFactory
    clock: Clock
    timeouts: SessionTimeouts = attrs.field(factory=SessionTimeouts)

    def purge_expired(self) -> Purged:
        """Remove sessions past their idle or absolute timeout, one-time codes
        past their expiry (used or not) and sign-in failures older than every
        throttle window. None of them can be used or counted any more."""
        now = self.clock.now()
        with self.uow() as uow:
            purged = Purged(
                sessions=uow.sessions.remove_expired(
                    seen_before=now - self.timeouts.idle,
                    created_before=now - self.timeouts.absolute,
                ),
                codes=uow.codes.remove_expired(before=now),
                failures=uow.throttle.forget_before(now - THROTTLE_MEMORY),
            )
            uow.commit()
        return purged
