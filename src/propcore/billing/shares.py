"""Splitting a shared (公摊) quantity over units so the parts add up exactly.

Largest-remainder rounding: every part first gets its exact share rounded
down to a whole number of steps; the steps still missing go one each to the
parts with the largest remainders. Equal remainders are broken by key in
ascending order (unit ids compare as UUIDs), so the same input always gives
the same split. No part differs from its exact share by a whole step or more.
"""

from collections.abc import Hashable, Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import TypeVar

from propcore.errors import InvalidInputError
from propcore.measures import Area
from propcore.money import FEN, Money

K = TypeVar("K", bound=Hashable)


class NotAMultipleOfStepError(InvalidInputError):
    def __init__(self, total: Decimal, step: Decimal) -> None:
        self.total = total
        self.step = step
        super().__init__(
            InvalidInputError.single(
                "total",
                "%(total)s is not a multiple of %(step)s",
                total=total,
                step=step,
            ).problems
        )


def split(
    total: Decimal, weights: Mapping[K, Decimal], step: Decimal
) -> dict[K, Decimal]:
    """Split ``total`` in proportion to ``weights``, each part a multiple of ``step``.

    A negative total is split as its opposite and every part negated.
    """
    _check(total, weights, step)
    if total < 0:
        return {key: -part for key, part in split(-total, weights, step).items()}
    steps = int(total / step)
    counts = _largest_remainder(steps, {k: Fraction(w) for k, w in weights.items()})
    return {key: (step * count).quantize(step) for key, count in counts.items()}


def split_equally(total: Decimal, keys: Iterable[K], step: Decimal) -> dict[K, Decimal]:
    return split(total, {key: Decimal(1) for key in keys}, step)


def split_by_area(
    total: Decimal, areas: Mapping[K, Area], step: Decimal
) -> dict[K, Decimal]:
    return split(total, {key: area.square_metres for key, area in areas.items()}, step)


def split_money(
    total: Money, weights: Mapping[K, Decimal], step: Decimal = FEN
) -> dict[K, Money]:
    parts = split(total.amount, weights, step)
    return {key: Money(part, total.currency) for key, part in parts.items()}


def _check(total: Decimal, weights: Mapping[K, Decimal], step: Decimal) -> None:
    if not weights:
        raise InvalidInputError.single("weights", "is required")
    if any(weight <= 0 for weight in weights.values()):
        raise InvalidInputError.single("weights", "must be greater than zero")
    if step <= 0:
        raise InvalidInputError.single("step", "must be greater than zero")
    if total % step != 0:
        raise NotAMultipleOfStepError(total, step)


def _largest_remainder(steps: int, weights: Mapping[K, Fraction]) -> dict[K, int]:
    whole = sum(weights.values())
    exact = {key: steps * weight / whole for key, weight in weights.items()}
    counts = {key: int(share) for key, share in exact.items()}
    missing = steps - sum(counts.values())
    by_remainder = sorted(exact, key=lambda key: (-(exact[key] - counts[key]), key))
    for key in by_remainder[:missing]:
        counts[key] += 1
    return counts
