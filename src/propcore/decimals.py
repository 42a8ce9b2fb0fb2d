"""Exact decimal input: strings, ints and Decimals in; floats refused."""

from decimal import Decimal, InvalidOperation

from propcore.errors import InvalidInputError


def parse_decimal(value: object, field: str, *, places: int) -> Decimal:
    """Read ``value`` as a Decimal with at most ``places`` decimal places.

    Floats are refused because they cannot carry an exact decimal; extra
    places are refused rather than rounded, so no input is silently changed.
    """
    if isinstance(value, (bool, float)):
        raise InvalidInputError.single(field, "must be given as a decimal string")
    text = str(value).strip().replace(",", "") if value is not None else ""
    if not text:
        raise InvalidInputError.single(field, "is required")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise InvalidInputError.single(field, "is not a number") from None
    if not number.is_finite():
        raise InvalidInputError.single(field, "is not a number")
    if -number.as_tuple().exponent > places:
        raise InvalidInputError.single(
            field, "must have at most %(places)s decimal places", places=places
        )
    return number.quantize(Decimal(1).scaleb(-places))
