"""Exact decimal input: strings, ints and Decimals in; floats refused."""

import re
from collections.abc import Callable
from decimal import Decimal

from propcore.errors import InvalidInputError


def parse_decimal(value: object, field: str, *, places: int) -> Decimal:
    """Read ``value`` as a Decimal with at most ``places`` decimal places.

    Floats are refused because they cannot carry an exact decimal; extra
    places are refused rather than rounded, so no input is silently changed.
    """
    if isinstance(value, (bool, float)):
        raise InvalidInputError.single(field, "must be given as a decimal string")
    if isinstance(value, (Decimal, int)):
        number = Decimal(value)
    else:
        number = _written(value, field)
    if not number.is_finite():
        raise InvalidInputError.single(field, "is not a number")
    if -number.as_tuple().exponent > places:
        raise InvalidInputError.single(
            field, "must have at most %(places)s decimal places", places=places
        )
    return number.quantize(Decimal(1).scaleb(-places))


# digits with an optional sign and decimal point, as people write amounts;
# not 1e3, 1_000 or Infinity, which Decimal() would read
_PLAIN = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


def _written(value: object, field: str) -> Decimal:
    """A number as typed: thousands separators (``1,200.00``) are dropped."""
    text = str(value).strip().replace(",", "") if value is not None else ""
    if not text:
        raise InvalidInputError.single(field, "is required")
    if not _PLAIN.fullmatch(text):
        raise InvalidInputError.single(field, "is not a number")
    return Decimal(text)


def non_negative(places: int) -> Callable[[object, str], Decimal]:
    """A field parser: a decimal with at most ``places`` places, not below 0."""

    def parse(value: object, field: str) -> Decimal:
        number = parse_decimal(value, field, places=places)
        if number < 0:
            raise InvalidInputError.single(field, "must not be negative")
        return number

    return parse
