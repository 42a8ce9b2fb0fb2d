"""Rounding rules are named, explicit and applied once."""

from decimal import Decimal

import pytest
from hypothesis import given

from propcore.billing.rounding import (
    FEN_HALF_UP,
    FEN_TRUNCATE,
    JIAO_HALF_UP,
    JIAO_TRUNCATE,
    parse_rounding,
)
from propcore.errors import InvalidInputError
from propcore.money import Money
from tests import strategies


@pytest.mark.parametrize(
    ("rule", "amount", "expected"),
    [
        (FEN_HALF_UP, "337.405", "337.41"),
        (FEN_HALF_UP, "337.404", "337.40"),
        (JIAO_HALF_UP, "337.45", "337.50"),
        (JIAO_HALF_UP, "337.44", "337.40"),
        (FEN_TRUNCATE, "337.409", "337.40"),
        (JIAO_TRUNCATE, "337.49", "337.40"),
    ],
)
def test_each_rule_rounds_as_its_name_says_and_writes_fen(rule, amount, expected):
    rounded = rule.apply(Money(Decimal(amount)))

    assert str(rounded.amount) == expected


def test_a_rounding_rule_is_chosen_by_name_and_an_unknown_name_is_refused():
    assert parse_rounding("jiao_half_up", "rounding") is JIAO_HALF_UP
    with pytest.raises(InvalidInputError) as raised:
        parse_rounding("banker", "rounding")

    assert raised.value.fields == ("rounding",)


@given(strategies.unrounded_money(), strategies.rounding_rules())
def test_rounding_is_idempotent_and_moves_less_than_one_step(amount, rule):
    once = rule.apply(amount)

    assert rule.apply(once) == once
    assert abs(once.amount - amount.amount) < rule.step
    assert once.amount % rule.step == 0
