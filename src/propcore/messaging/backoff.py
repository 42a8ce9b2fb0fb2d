"""When to try again: one minute, doubled after each failed try, with
jitter so that relays retrying after one outage do not all knock at once."""

from collections.abc import Callable
from datetime import timedelta

MAX_ATTEMPTS = 8
FIRST_DELAY = timedelta(minutes=1)
JITTER = 0.2  # each delay is moved by up to ±20 %


def retry_delay(attempts: int, jitter: Callable[[], float]) -> timedelta:
    """The wait after the ``attempts``-th failed try (1-based): 1, 2, 4 …
    64 minutes, each times a factor in [0.8, 1.2) from ``jitter()`` ∈ [0, 1)."""
    nominal = FIRST_DELAY * 2 ** (attempts - 1)
    return nominal * (1 - JITTER + 2 * JITTER * jitter())


def gives_up(attempts: int) -> bool:
    return attempts >= MAX_ATTEMPTS
