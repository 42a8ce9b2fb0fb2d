"""Money: a Decimal amount in a currency, never a float."""

import operator
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

import attrs

from propcore.decimals import parse_decimal
from propcore.errors import InvalidInputError

FEN = Decimal("0.01")


def _exact(value: object) -> Decimal:
    if not isinstance(value, Decimal) or isinstance(value, bool):
        raise TypeError(f"money needs a Decimal amount, got {type(value).__name__}")
    return value


@attrs.frozen(order=False)
class Money:
    """An amount of money. Arithmetic keeps full precision; :meth:`rounded`
    is the one place where precision is given up, and it says how. Amounts
    in two currencies are not compared."""

    amount: Decimal = attrs.field(converter=_exact)
    currency: str = "CNY"

    @classmethod
    def zero(cls, currency: str = "CNY") -> "Money":
        return cls(Decimal("0.00"), currency)

    @classmethod
    def parse(cls, value: object, field: str, currency: str = "CNY") -> "Money":
        """Read an amount given to the fen at most, e.g. ``"3500.00"``."""
        amount = parse_decimal(value, field, places=2)
        if amount < 0:
            raise InvalidInputError.single(field, "must not be negative")
        return cls(amount, currency)

    def rounded(self, step: Decimal = FEN, rounding: str = ROUND_HALF_UP) -> "Money":
        return Money(self.amount.quantize(step, rounding=rounding), self.currency)

    def __add__(self, other: "Money") -> "Money":
        self._same_currency(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: "Money") -> "Money":
        self._same_currency(other)
        return Money(self.amount - other.amount, self.currency)

    def __mul__(self, factor: Decimal | int) -> "Money":
        if isinstance(factor, float):
            raise TypeError("money is multiplied by Decimals or ints, not floats")
        return Money(self.amount * factor, self.currency)

    # Compared by amount, in one currency: attrs' generic ordering is slow
    # for the comparisons a bill run makes per bill.
    def __lt__(self, other: "Money") -> bool:
        return self._compare(other, operator.lt)

    def __le__(self, other: "Money") -> bool:
        return self._compare(other, operator.le)

    def __gt__(self, other: "Money") -> bool:
        return self._compare(other, operator.gt)

    def __ge__(self, other: "Money") -> bool:
        return self._compare(other, operator.ge)

    def _compare(self, other: "Money", op: Callable[[Decimal, Decimal], bool]):
        if other.__class__ is not Money:
            return NotImplemented
        self._same_currency(other)
        return op(self.amount, other.amount)

    def _same_currency(self, other: "Money") -> None:
        if other.currency != self.currency:
            raise ValueError(f"cannot mix {self.currency} and {other.currency}")
