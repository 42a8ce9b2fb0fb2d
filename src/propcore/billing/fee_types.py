"""The fee-type protocol and the registry plugins fill through a hook."""

from collections.abc import Callable, Hashable, Iterator, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Protocol

import attrs

from propcore.billing.fees import FeeItem
from propcore.billing.lines import BillLine
from propcore.billing.periods import Period
from propcore.billing.rates import RateSegment
from propcore.errors import InvalidInputError, PropcoreError
from propcore.money import Money
from propcore.property.units import Unit
from propcore.residents.occupancy import Lease


class DuplicateFeeTypeError(PropcoreError):
    """Two plugins (or one, twice) registered the same fee-type ``code``."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(f"fee type {code!r} is registered twice")


class UnknownFeeTypeError(PropcoreError, LookupError):
    """No plugin registered the fee-type ``code``."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(f"no fee type {code!r} is registered")


class MissingConsumptionError(PropcoreError):
    """A metered item was charged without its consumption."""

    def __init__(self, item_code: str) -> None:
        self.item_code = item_code
        super().__init__(f"fee item {item_code!r} is metered and needs a consumption")


@attrs.frozen
class Consumption:
    """What a meter measured in the period (``used``) and what had already
    been used in the current tier cycle before it (``before``), in ``unit``
    (m³, kWh…). ``readings`` is shown on the line, e.g. ``"1032 → 1050"``."""

    used: Decimal
    before: Decimal = Decimal(0)
    unit: str = "m³"
    readings: str = ""


@attrs.frozen
class SharedPart:
    """A unit's part of a shared (公摊) charge, already split (see
    ``shared_usage.py``): ``amount`` is the unit's largest-remainder part of
    the common charge, ``exact`` its unrounded share. ``terms`` and
    ``inputs`` explain the common charge and the unit's share of it."""

    amount: Money
    exact: Money
    terms: str
    inputs: Mapping[str, str]


@attrs.frozen
class ChargeContext:
    """Everything a fee type may use to charge one item to one unit; a
    shared (公摊) metered item gets the unit's :class:`SharedPart` as its
    consumption."""

    item: FeeItem
    unit: Unit
    period: Period
    segments: tuple[RateSegment, ...]
    lease: Lease | None = None
    consumption: Consumption | SharedPart | None = None

    @classmethod
    def for_period(
        cls,
        item: FeeItem,
        unit: Unit,
        period: Period,
        *,
        lease: Lease | None = None,
        consumption: Consumption | SharedPart | None = None,
    ) -> "ChargeContext":
        segments = item.rates.segments(period)
        return cls(item, unit, period, segments, lease, consumption)


class FeeType(Protocol):
    """Turns a charge context into bill lines, each rounded once by the
    item's rounding rule. Fee types never evaluate formula text."""

    def lines(self, context: ChargeContext) -> list[BillLine]: ...


class DependsOn(Protocol):
    """A fee type whose lines depend on part of the context only may also
    have ``depends_on``: it returns that part (say, the charged area and the
    fee coefficient), hashable, or None when it cannot tell. Two contexts of
    the same item and period with equal parts get the same lines, so a run
    computes them once (see :class:`propcore.billing.charging.LineCache`).
    The item, the period and its rate segments need not be in the part."""

    def depends_on(self, context: ChargeContext) -> Hashable | None: ...


class TakesOptions(Protocol):
    """A fee type that reads settings from ``FeeItem.options`` also has
    ``read_options``: it returns the options to store, normalised, or raises
    InvalidInputError on the field ``options`` naming the option in the
    message's params. A fee type without it takes no options."""

    def read_options(self, raw: Mapping[str, str]) -> dict[str, str]: ...


Register = Callable[[str, FeeType], None]


class FeeTypeRegistry:
    """Fee types by code, as the ``register_fee_types`` hook registered them."""

    def __init__(self) -> None:
        self._types: dict[str, FeeType] = {}

    def register(self, code: str, fee_type: FeeType) -> None:
        if code in self._types:
            raise DuplicateFeeTypeError(code)
        self._types[code] = fee_type

    def get(self, code: str) -> FeeType:
        try:
            return self._types[code]
        except KeyError:
            raise UnknownFeeTypeError(code) from None

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._types))

    def lines(self, context: ChargeContext) -> list[BillLine]:
        return self.get(context.item.fee_type).lines(context)

    def read_options(self, code: str, raw: Mapping[str, str]) -> dict[str, str]:
        """The options an item of the type ``code`` stores; an unknown code
        is refused on ``fee_type``, and any option given to a type without
        ``read_options`` on ``options``."""
        if code not in self._types:
            raise InvalidInputError.single(
                "fee_type", "must be one of %(choices)s", choices=", ".join(self)
            )
        reader = getattr(self._types[code], "read_options", None)
        if reader is None:
            check_option_names(raw, ())
            return {}
        return dict(reader(raw))


def check_option_names(raw: Mapping[str, str], known: tuple[str, ...]) -> None:
    """Refuse, on ``options``, any option a fee type does not read."""
    unknown = sorted(set(raw) - set(known))
    if unknown:
        raise InvalidInputError.single(
            "options",
            "%(names)s: not an option of this fee type",
            names=", ".join(unknown),
        )


def as_decimal(value: Fraction) -> Decimal:
    """A fraction as a Decimal: exact when it is, else to 28 significant
    digits (far below a fen), before the one rounding of the line."""
    return Decimal(value.numerator) / Decimal(value.denominator)


def fraction_text(value: Fraction) -> str:
    """``3``, ``10/31`` or ``2 + 10/31``: whole months, then the days' share."""
    whole, part = divmod(value, 1)
    if not part:
        return str(whole)
    return f"{whole} + {part}" if whole else str(part)
