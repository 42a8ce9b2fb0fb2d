"""The bill-run day (出账日): on which day of the month an estate is billed.

The deployment sets one day for every estate (setting ``bill_run_day``, the
1st by default); an estate may have its own, kept with its billing
configuration. Days run from the 1st to the 28th, so that every month has
the day. From its day on, an estate is billed for the month whenever the
daily check finds units of it without a bill: a day missed while nothing
ran is caught up by the next check in the same month.
"""

from collections.abc import Mapping
from datetime import date

import attrs

from propcore.errors import InvalidInputError
from propcore.ids import Id

FIRST_DAY, LAST_DAY = 1, 28


def check_run_day(day: int, field: str = "run_day") -> int:
    """``day`` when it is a day every month has; else InvalidInputError on
    ``field``."""
    if isinstance(day, bool) or not isinstance(day, int):
        raise InvalidInputError.single(field, "must be a whole number")
    if not FIRST_DAY <= day <= LAST_DAY:
        raise InvalidInputError.single(
            field, "must be a day from %(first)s to %(last)s",
            first=FIRST_DAY, last=LAST_DAY,
        )  # fmt: skip
    return day


@attrs.frozen
class RunDay:
    """An estate's bill-run day; ``own``: set for the estate rather than
    taken from the deployment's default."""

    day: int
    own: bool


@attrs.frozen
class RunDays:
    """The deployment's ``default`` day and the estates' ``own`` days."""

    default: int = attrs.field(validator=lambda _i, _a, day: check_run_day(day))
    own: Mapping[Id, int] = attrs.field(factory=dict)

    def of(self, estate_id: Id) -> RunDay:
        day = self.own.get(estate_id)
        return RunDay(self.default, False) if day is None else RunDay(day, True)

    def has_come(self, estate_id: Id, today: date) -> bool:
        """Whether the estate's day has come in ``today``'s month."""
        return today.day >= self.of(estate_id).day


def read_run_day(raw: str, field: str = "run_day") -> int | None:
    """A day typed by staff; empty means the deployment's day (None)."""
    text = raw.strip()
    if not text:
        return None
    if not text.isdigit():
        raise InvalidInputError.single(field, "must be a whole number")
    return check_run_day(int(text), field)
