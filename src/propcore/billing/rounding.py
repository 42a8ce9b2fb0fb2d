"""Rounding rules: named, explicit, applied once to each bill line."""

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

import attrs

from propcore.errors import InvalidInputError
from propcore.money import FEN, Money

JIAO = Decimal("0.1")


@attrs.frozen
class RoundingRule:
    """Round to a multiple of ``step`` yuan with a :mod:`decimal` rounding
    mode; the result is always written to the fen (``12.40``)."""

    name: str
    step: Decimal
    mode: str

    def apply(self, amount: Money) -> Money:
        stepped = amount.rounded(self.step, self.mode)
        return Money(stepped.amount.quantize(FEN), amount.currency)


FEN_HALF_UP = RoundingRule("fen_half_up", FEN, ROUND_HALF_UP)
JIAO_HALF_UP = RoundingRule("jiao_half_up", JIAO, ROUND_HALF_UP)
FEN_TRUNCATE = RoundingRule("fen_truncate", FEN, ROUND_DOWN)
JIAO_TRUNCATE = RoundingRule("jiao_truncate", JIAO, ROUND_DOWN)

RULES = {
    rule.name: rule for rule in (FEN_HALF_UP, JIAO_HALF_UP, FEN_TRUNCATE, JIAO_TRUNCATE)
}


def parse_rounding(value: object, field: str) -> RoundingRule:
    rule = RULES.get(str(value).strip())
    if rule is None:
        raise InvalidInputError.single(
            field, "must be one of %(choices)s", choices=", ".join(RULES)
        )
    return rule
