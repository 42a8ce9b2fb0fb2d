"""Meters, their readings, and the consumption between two readings.

Values are Decimals with the meter's fixed number of places. A reading below
the previous one is refused unless it says why: the meter was replaced, or its
register wrapped past its rollover value back to zero.
"""

import enum
import statistics
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from itertools import pairwise

import attrs

from propcore.errors import FieldProblem, InvalidInputError
from propcore.ids import Id


class MeterKind(enum.StrEnum):
    WATER = "water"
    ELECTRICITY = "electricity"
    GAS = "gas"
    HEAT = "heat"


class ReadingFlag(enum.StrEnum):
    REPLACEMENT = "replacement"
    ROLLOVER = "rollover"
    ESTIMATED = "estimated"


class ReadingBelowPreviousError(InvalidInputError):
    """A reading lower than the one before it, with no replacement or rollover."""

    def __init__(self, field: str, previous: Decimal, value: Decimal) -> None:
        self.field = field
        self.previous = previous
        self.value = value
        super().__init__(
            [
                FieldProblem(
                    field,
                    "%(value)s is below the previous reading %(previous)s",
                    {"value": value, "previous": previous},
                )
            ]
        )


def _one_place(meter: "Meter", attribute: attrs.Attribute, value: object) -> None:
    if (meter.unit_id is None) == (meter.common_area is None):
        raise ValueError("a meter belongs to a unit or to a common area, not both")


@attrs.frozen
class Meter:
    """A meter on a unit or on a common area (公摊: stairs, lifts, pumps).

    ``rollover_at`` is the value at which the register shows zero again
    (10000 for four whole digits); None when the meter never wraps. A stored
    meter names its estate, also when it hangs on a unit. ``retired_on`` is
    the last day of a meter taken out of service (拆除/停用): it takes no
    reading after that day.
    """

    id: Id
    kind: MeterKind
    places: int = 2
    unit_id: Id | None = attrs.field(default=None, validator=_one_place)
    common_area: str | None = None
    rollover_at: Decimal | None = None
    estate_id: Id | None = attrs.field(default=None, kw_only=True)
    retired_on: date | None = attrs.field(default=None, kw_only=True)

    @property
    def step(self) -> Decimal:
        return Decimal(1).scaleb(-self.places)

    def retired_before(self, day: date) -> bool:
        return self.retired_on is not None and self.retired_on < day


@attrs.frozen
class Reading:
    """One reading. ``start_value`` is the new meter's value when fitted, set
    only on a replacement reading."""

    meter_id: Id
    value: Decimal
    read_on: date
    flags: frozenset[ReadingFlag] = frozenset()
    start_value: Decimal | None = None


def take_reading(
    meter: Meter,
    value: Decimal,
    read_on: date,
    previous: Reading | None = None,
    *,
    flags: frozenset[ReadingFlag] = frozenset(),
    start_value: Decimal | None = None,
) -> Reading:
    """Check a new reading against the meter and the previous reading."""
    if meter.retired_before(read_on):
        raise InvalidInputError.single(
            "read_on", "the meter was retired on %(day)s", day=meter.retired_on
        )
    _check_value(meter, value, "value")
    if ReadingFlag.REPLACEMENT in flags:
        if start_value is None:
            raise InvalidInputError.single("start_value", "is required")
        _check_value(meter, start_value, "start_value")
        if value < start_value:
            raise ReadingBelowPreviousError("value", start_value, value)
    elif start_value is not None:
        raise InvalidInputError.single("start_value", "only for a replacement")
    if previous is not None:
        _check_against(meter, previous, value, read_on, flags)
    return Reading(meter.id, value, read_on, flags, start_value)


def _check_value(meter: Meter, value: Decimal, field: str) -> None:
    if value < 0:
        raise InvalidInputError.single(field, "must not be negative")
    if value != value.quantize(meter.step):
        raise InvalidInputError.single(
            field, "must have at most %(places)s decimal places", places=meter.places
        )
    if meter.rollover_at is not None and value >= meter.rollover_at:
        raise InvalidInputError.single(field, "is beyond what the meter can show")


def _check_against(
    meter: Meter, previous: Reading, value: Decimal, read_on: date, flags
) -> None:
    if read_on <= previous.read_on:
        raise InvalidInputError.single("read_on", "must be after the previous reading")
    if ReadingFlag.ROLLOVER in flags and meter.rollover_at is None:
        raise InvalidInputError.single("flags", "this meter does not roll over")
    if ReadingFlag.ROLLOVER in flags and value >= previous.value:
        raise InvalidInputError.single(
            "flags", "a rollover reading must be lower than the previous one"
        )
    wraps_or_replaced = flags & {ReadingFlag.ROLLOVER, ReadingFlag.REPLACEMENT}
    if value < previous.value and not wraps_or_replaced:
        raise ReadingBelowPreviousError("value", previous.value, value)


def retire(meter: Meter, day: date, latest: Reading | None) -> Meter:
    """The meter out of service after ``day``, which must not be before its
    latest reading; a retired meter keeps its day."""
    if meter.retired_on is not None:
        raise InvalidInputError.single(
            "retired_on", "the meter was retired on %(day)s", day=meter.retired_on
        )
    if latest is not None and day < latest.read_on:
        raise InvalidInputError.single(
            "retired_on",
            "must not be before the last reading of %(day)s",
            day=latest.read_on,
        )
    return attrs.evolve(meter, retired_on=day)


@attrs.frozen
class MeterChanges:
    """What an edit asks of a meter: its kind, places, rollover value and,
    on a common area, the area's name."""

    kind: MeterKind
    places: int
    rollover_at: Decimal | None
    common_area: str | None


def edit(meter: Meter, changes: MeterChanges, history: Sequence[Reading]) -> Meter:
    """The meter with ``changes``, refusing what would read the readings
    already taken differently: another kind or number of places, or a new
    rollover value once a reading rolled over or at or below a reading."""
    problems = []
    if history and changes.kind is not meter.kind:
        problems.append(FieldProblem("kind", "cannot change once readings exist"))
    if history and changes.places != meter.places:
        problems.append(FieldProblem("places", "cannot change once readings exist"))
    problems += _rollover_problems(meter, changes.rollover_at, history)
    if meter.unit_id is not None and changes.common_area:
        problems.append(FieldProblem("common_area", "only for a common-area meter"))
    if meter.unit_id is None and not changes.common_area:
        problems.append(FieldProblem("common_area", "is required"))
    if problems:
        raise InvalidInputError(problems)
    return attrs.evolve(
        meter,
        kind=changes.kind,
        places=changes.places,
        rollover_at=changes.rollover_at,
        common_area=changes.common_area if meter.unit_id is None else None,
    )


def _rollover_problems(
    meter: Meter, rollover: Decimal | None, history: Sequence[Reading]
) -> list[FieldProblem]:
    if rollover == meter.rollover_at:
        return []
    if any(ReadingFlag.ROLLOVER in r.flags for r in history):
        return [FieldProblem("rollover_at", "cannot change after a rollover reading")]
    shown = [r.value for r in history] + [
        r.start_value for r in history if r.start_value is not None
    ]
    if rollover is not None and shown and rollover <= max(shown):
        return [
            FieldProblem(
                "rollover_at",
                "must be above the highest reading %(value)s",
                {"value": max(shown)},
            )
        ]
    return []


def consumption(meter: Meter, previous: Reading, current: Reading) -> Decimal:
    """What was used between two readings, in the meter's unit.

    A replacement counts from the new meter's start value; a rollover counts
    up to ``rollover_at`` and on from zero: rollover_at − previous + new.
    """
    if ReadingFlag.REPLACEMENT in current.flags:
        return current.value - current.start_value
    if ReadingFlag.ROLLOVER in current.flags:
        return meter.rollover_at - previous.value + current.value
    return current.value - previous.value


@attrs.frozen
class UnusualConsumption:
    """A consumption to review before billing: above ``factor`` × the median."""

    meter_id: Id
    consumption: Decimal
    median: Decimal
    factor: Decimal


@attrs.frozen
class UsualConsumptionRule:
    """Compare with the median of the last ``periods`` consumptions.

    With fewer than ``min_periods`` past figures nothing is judged. A median
    of zero flags any consumption above zero (a vacant unit suddenly using
    water deserves a look).
    """

    factor: Decimal = Decimal(3)
    periods: int = 6
    min_periods: int = 3

    def check(
        self, meter_id: Id, used: Decimal, history: Sequence[Decimal]
    ) -> UnusualConsumption | None:
        recent = list(history)[-self.periods :]
        if len(recent) < self.min_periods:
            return None
        median = Decimal(statistics.median(recent))
        if used > self.factor * median:
            return UnusualConsumption(meter_id, used, median, self.factor)
        return None


def latest_unusual(
    meter: Meter, history: Sequence[Reading], rule: UsualConsumptionRule
) -> UnusualConsumption | None:
    """The consumption up to the newest reading, judged against the ones
    between the earlier readings (``history`` oldest first).

    Reading by reading, where a bill run judges a billed period: with one
    reading a month the two agree."""
    used = [consumption(meter, a, b) for a, b in pairwise(history)]
    if not used:
        return None
    return rule.check(meter.id, used[-1], used[:-1])
