"""Shared (公摊) splits: parts add up exactly and stay within a step."""

from decimal import Decimal
from fractions import Fraction
from uuid import UUID

import pytest
from hypothesis import given
from hypothesis import strategies as st

from propcore.billing.shares import (
    NotAMultipleOfStepError,
    split,
    split_by_area,
    split_equally,
    split_money,
)
from propcore.errors import InvalidInputError
from propcore.measures import Area
from propcore.money import Money
from tests.strategies import cents, steps, weights_by_unit

D = Decimal
A, B, C = (UUID(int=n) for n in (1, 2, 3))


def test_an_equal_split_gives_the_leftover_fen_to_the_lowest_unit_ids():
    parts = split_equally(D("100.00"), [C, A, B], D("0.01"))

    assert parts == {A: D("33.34"), B: D("33.33"), C: D("33.33")}


def test_an_area_split_gives_the_leftover_step_to_the_largest_remainder():
    areas = {A: Area(D("50.00")), B: Area(D("30.00")), C: Area(D("20.00"))}

    parts = split_by_area(D("0.07"), areas, D("0.01"))

    assert parts == {A: D("0.04"), B: D("0.02"), C: D("0.01")}


def test_consumption_splits_to_the_meters_places():
    parts = split_equally(D("10.0"), [A, B, C], D("0.1"))

    assert sorted(parts.values()) == [D("3.3"), D("3.3"), D("3.4")]
    assert sum(parts.values()) == D("10.0")


def test_a_negative_total_is_split_as_its_opposite():
    parts = split_equally(D("-1.00"), [A, B, C], D("0.01"))

    assert parts == {A: D("-0.34"), B: D("-0.33"), C: D("-0.33")}


def test_money_keeps_its_currency():
    parts = split_money(Money(D("1.00"), "HKD"), {A: D(1), B: D(3)})

    assert parts == {A: Money(D("0.25"), "HKD"), B: Money(D("0.75"), "HKD")}


def test_a_total_finer_than_the_step_is_refused():
    with pytest.raises(NotAMultipleOfStepError) as raised:
        split_equally(D("1.005"), [A, B], D("0.01"))

    assert (raised.value.total, raised.value.step) == (D("1.005"), D("0.01"))


def test_no_units_or_a_zero_weight_is_refused():
    with pytest.raises(InvalidInputError, match="weights"):
        split(D("1.00"), {}, D("0.01"))
    with pytest.raises(InvalidInputError, match="weights"):
        split(D("1.00"), {A: D(0)}, D("0.01"))


@given(weights=weights_by_unit(), step=steps(), units=st.integers(0, 10**9))
def test_parts_add_up_exactly_and_each_is_within_a_step_of_its_exact_share(
    weights, step, units
):
    total = step * units

    parts = split(total, weights, step)

    assert sum(parts.values()) == total
    whole = sum(Fraction(w) for w in weights.values())
    for key, part in parts.items():
        exact = Fraction(total) * Fraction(weights[key]) / whole
        assert abs(Fraction(part) - exact) < Fraction(step)
        assert part % step == 0


@given(weights=weights_by_unit(), total=cents(0, 10**9))
def test_the_same_input_always_gives_the_same_split(weights, total):
    reordered = dict(reversed(list(weights.items())))

    assert split(total, weights, D("0.01")) == split(total, reordered, D("0.01"))
