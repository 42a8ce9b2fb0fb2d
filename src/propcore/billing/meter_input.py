"""Reading a meter and a meter reading from form or import input."""

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

import attrs

from propcore.billing.meters import Meter, MeterChanges, MeterKind, ReadingFlag
from propcore.billing.ports import MAX_METER_PLACES
from propcore.decimals import non_negative
from propcore.errors import FieldProblem, InvalidInputError
from propcore.ids import Id, new_id, parse_id
from propcore.inputs import Reader, parse_choice, parse_date, parse_int, parse_tags


@attrs.frozen
class ReadingInput:
    """A reading as typed, before it is checked against the previous one."""

    value: Decimal
    read_on: date
    flags: frozenset[ReadingFlag]
    start_value: Decimal | None


def read_meter(raw: Mapping[str, Any], estate_id: Id) -> Meter:
    """A meter of ``estate_id`` on a ``unit_id`` or on a ``common_area``."""
    read = Reader(raw)
    kind, places, rollover, common_area = _settings(read)
    unit_id = read.value("unit_id", parse_id, default=None)
    if (unit_id is None) == (not common_area):
        read.problems.append(
            FieldProblem("common_area", "give either a unit or a common area")
        )
    read.done()
    return Meter(
        id=new_id(),
        kind=kind,  # type: ignore[arg-type]
        places=places,  # type: ignore[arg-type]
        unit_id=unit_id,
        common_area=common_area or None,
        rollover_at=rollover,
        estate_id=estate_id,
    )


def read_meter_changes(raw: Mapping[str, Any], meter: Meter) -> MeterChanges:
    """``kind`` and ``places`` (blank: as they are), ``rollover_at`` (blank:
    never wraps) and ``common_area``; whether the meter may take them is
    :func:`propcore.billing.meters.edit`'s to say."""
    read = Reader(raw)
    settings = _settings(read, meter)
    read.done()
    return MeterChanges(*settings)  # type: ignore[arg-type]


def _settings(read: Reader, meter: Meter | None = None) -> tuple:
    """The kind, places, rollover value and common area of a meter's input;
    a blank kind or places is the ``meter``'s when there is one."""
    kind = {"default": meter.kind} if meter else {}
    chosen = read.value("kind", parse_choice(MeterKind), **kind)
    places = read.value("places", _places, default=meter.places if meter else 2)
    rollover = read.value("rollover_at", non_negative(places or 0), default=None)
    common_area = read.text("common_area", required=False, max_length=100)
    return chosen, places, rollover, common_area or None


def read_retirement(raw: Mapping[str, Any]) -> date:
    """``retired_on``: the meter's last day in service."""
    read = Reader(raw)
    day = read.value("retired_on", parse_date)
    read.done()
    return day  # type: ignore[return-value]


def read_reading(raw: Mapping[str, Any], meter: Meter) -> ReadingInput:
    """``value`` and ``start_value`` with the meter's places, ``read_on``,
    and ``flags`` (replacement, rollover, estimated)."""
    read = Reader(raw)
    value = read.value("value", non_negative(meter.places))
    read_on = read.value("read_on", parse_date)
    flags = read.value("flags", _flags, default=frozenset())
    start = read.value("start_value", non_negative(meter.places), default=None)
    read.done()
    return ReadingInput(value, read_on, flags, start)  # type: ignore[arg-type]


def _places(value: object, field: str) -> int:
    places = parse_int(value, field)
    if not 0 <= places <= MAX_METER_PLACES:
        raise InvalidInputError.single(field, "must be between 0 and 4")
    return places


def _flags(value: object, field: str) -> frozenset[ReadingFlag]:
    parse = parse_choice(ReadingFlag)
    return frozenset(parse(tag, field) for tag in parse_tags(value, field))
