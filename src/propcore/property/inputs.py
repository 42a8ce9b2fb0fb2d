"""Raw input → property values, shared by pages, API and imports."""

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

from propcore.decimals import parse_decimal
from propcore.errors import FieldProblem, InvalidInputError
from propcore.inputs import Reader, parse_choice, parse_int
from propcore.measures import Area
from propcore.property.units import Layout, Usage, default_label

_MAX_COEFFICIENT = Decimal("100")


def parse_coefficient(value: object, field: str) -> Decimal:
    number = parse_decimal(value, field, places=4)
    if not Decimal(0) <= number <= _MAX_COEFFICIENT:
        raise InvalidInputError.single(field, "must be between 0 and 100")
    return number


def parse_floor(value: object, field: str) -> int:
    floor = parse_int(value, field)
    if not -10 <= floor <= 200:
        raise InvalidInputError.single(field, "must be between -10 and 200")
    return floor


def _parse_layout(value: object, field: str) -> Layout:
    return Layout.parse(str(value), field)


@attrs.frozen
class UnitInput:
    label: str
    entrance: str
    floor: int
    room: str
    gross_area: Area
    usable_area: Area | None
    layout: Layout | None
    usage: Usage
    fee_coefficient: Decimal
    attributes: Mapping[str, str]
    status: str | None


def read_unit(raw: Mapping[str, Any]) -> UnitInput:
    """Read a unit's fields; ``label`` defaults to entrance-room."""
    read = Reader(raw)
    entrance = read.text("entrance", required=False, max_length=20)
    floor = read.value("floor", parse_floor)
    room = read.text("room", max_length=20)
    label = read.text("label", required=False, max_length=40)
    gross = read.value("gross_area", Area.parse)
    usable = read.value("usable_area", Area.parse, default=None)
    layout = read.value("layout", _parse_layout, default=None)
    usage = read.value("usage", parse_choice(Usage), default=Usage.RESIDENTIAL)
    coefficient = read.value(
        "fee_coefficient", parse_coefficient, default=Decimal("1.0000")
    )
    status = read.text("status", required=False, max_length=40) or None
    attributes = raw.get("attributes") or {}
    if gross and usable and usable > gross:
        read.problems.append(
            FieldProblem("usable_area", "cannot be larger than the gross area")
        )
    read.done()
    return UnitInput(
        label=label or default_label(entrance, room),
        entrance=entrance,
        floor=floor,
        room=room,
        gross_area=gross,
        usable_area=usable,
        layout=layout,
        usage=usage,
        fee_coefficient=coefficient,
        attributes={str(k): str(v) for k, v in dict(attributes).items()},
        status=status,
    )
