"""Money, areas and decimal input: exact, explicit, never float."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from propcore.errors import InvalidInputError
from propcore.measures import Area
from propcore.money import Money
from tests import strategies


@pytest.mark.parametrize("text", ["120.5", "120.50", "0.01", "1,200.00", " 88 "])
def test_areas_are_read_from_decimal_text(text):
    area = Area.parse(text, "gross_area")

    assert area.square_metres == Decimal(text.replace(",", "").strip())
    assert area.square_metres.as_tuple().exponent == -2


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("120.505", "must have at most %(places)s decimal places"),
        (120.5, "must be given as a decimal string"),
        ("abc", "is not a number"),
        ("NaN", "is not a number"),
        ("1e3", "is not a number"),
        ("1_000", "is not a number"),
        ("Infinity", "is not a number"),
        ("0", "must be greater than zero"),
        ("-3", "must be greater than zero"),
        ("", "is required"),
    ],
)
def test_bad_areas_are_refused_naming_the_field(value, message):
    with pytest.raises(InvalidInputError) as raised:
        Area.parse(value, "gross_area")

    (problem,) = raised.value.problems
    assert (problem.field, problem.message) == ("gross_area", message)


@given(st.lists(strategies.areas(), min_size=1, max_size=30))
def test_summing_areas_is_exact_and_order_free(areas):
    total = sum(areas[1:], areas[0])

    assert total.square_metres == sum(a.square_metres for a in areas)
    assert sum(reversed(areas[:-1]), areas[-1]) == total


@given(strategies.areas())
def test_an_area_survives_being_written_and_read_again(area):
    assert Area.parse(str(area), "gross_area") == area


def test_money_refuses_floats():
    with pytest.raises(TypeError):
        Money(0.1)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Money(Decimal("1.00")) * 1.5  # type: ignore[operator]


@pytest.mark.parametrize(
    ("amount", "expected"),
    [("2.345", "2.35"), ("2.344", "2.34"), ("-2.345", "-2.35"), ("0.005", "0.01")],
)
def test_money_rounds_half_up_to_the_fen_by_default(amount, expected):
    assert Money(Decimal(amount)).rounded().amount == Decimal(expected)


def test_money_rounds_to_the_jiao_when_asked():
    assert Money(Decimal("12.35")).rounded(Decimal("0.1")).amount == Decimal("12.4")


@given(strategies.money(), strategies.money())
def test_adding_then_subtracting_money_gives_it_back(a, b):
    assert (a + b) - b == a


def test_money_of_different_currencies_does_not_mix():
    with pytest.raises(ValueError, match="CNY"):
        Money(Decimal(1)) + Money(Decimal(1), "HKD")


def test_money_of_different_currencies_is_not_compared():
    with pytest.raises(ValueError, match="HKD"):
        assert Money(Decimal(1)) < Money(Decimal(2), "HKD")


@given(strategies.money(), strategies.money())
def test_money_orders_as_its_amounts(a, b):
    assert (a < b, a <= b, a > b, a >= b) == (
        a.amount < b.amount,
        a.amount <= b.amount,
        a.amount > b.amount,
        a.amount >= b.amount,
    )
    assert sorted([a, b]) == sorted([b, a])
