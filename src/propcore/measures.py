"""Areas in square metres, exact to the hundredth."""

from decimal import Decimal

import attrs

from propcore.decimals import parse_decimal
from propcore.errors import InvalidInputError

AREA_PLACES = 2
_MAX_AREA = Decimal("1000000")


@attrs.frozen(order=True)
class Area:
    """An area in m² with two decimal places, as on a property certificate."""

    square_metres: Decimal

    @classmethod
    def parse(cls, value: object, field: str) -> "Area":
        number = parse_decimal(value, field, places=AREA_PLACES)
        if number <= 0:
            raise InvalidInputError.single(field, "must be greater than zero")
        if number >= _MAX_AREA:
            raise InvalidInputError.single(field, "is implausibly large")
        return cls(number)

    def __add__(self, other: "Area") -> "Area":
        return Area(self.square_metres + other.square_metres)

    def __str__(self) -> str:
        return f"{self.square_metres}"
