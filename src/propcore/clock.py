"""Time enters the core only through this port."""

from datetime import date, datetime
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware."""

    def today(self) -> date:
        """Today's date in the deployment's time zone."""
