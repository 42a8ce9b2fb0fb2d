"""Throttling failed sign-ins, per account and per address."""

from datetime import datetime, timedelta

import attrs


@attrs.frozen
class ThrottleRule:
    """At most ``limit`` failures within ``window``; then wait until the
    oldest of them leaves the window."""

    limit: int
    window: timedelta

    def blocked(self, failures: list[datetime], now: datetime) -> timedelta | None:
        """How long to wait, or None when another attempt is allowed."""
        recent = sorted(t for t in failures if now - t < self.window)
        if len(recent) < self.limit:
            return None
        return recent[-self.limit] + self.window - now


PER_ACCOUNT = ThrottleRule(limit=5, window=timedelta(minutes=15))
PER_ADDRESS = ThrottleRule(limit=20, window=timedelta(minutes=15))


def account_key(login: str) -> str:
    """Keyed by what was typed, so unknown accounts are throttled alike."""
    return "login:" + login.strip().lower()


def address_key(address: str) -> str:
    return "address:" + address
