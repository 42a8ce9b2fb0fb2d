"""Bill lines explain themselves; a bill's total is the sum of its lines."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from propcore.billing.lines import Bill, BillLine, LineKind, Payer
from propcore.billing.periods import Period
from propcore.billing.rounding import FEN_HALF_UP, JIAO_HALF_UP
from propcore.errors import InvalidInputError
from propcore.ids import new_id
from propcore.money import Money
from tests import strategies


def _line(unrounded: Money, rule=FEN_HALF_UP) -> BillLine:
    return BillLine.compute(
        "property_fee", "物业费", terms="x", inputs={}, unrounded=unrounded, rule=rule
    )


def _bill() -> Bill:
    return Bill(
        new_id(), Payer.OWNER, new_id(), Period.month(2026, 12), date(2026, 12, 15)
    )


def test_a_line_shows_its_formula_ending_in_the_rounded_amount():
    line = BillLine.compute(
        "property_fee",
        "物业费",
        terms="120.50 m² × ¥2.80/m²/月",
        inputs={"area": "120.50 m²"},
        unrounded=Money(Decimal("337.4000")),
        rule=FEN_HALF_UP,
    )

    assert line.formula == "120.50 m² × ¥2.80/m²/月 = ¥337.40"
    assert (line.unrounded.amount, line.amount.amount) == (
        Decimal("337.4000"),
        Decimal("337.40"),
    )
    assert line.rounding == "fen_half_up"


def test_an_adjustment_references_the_line_it_corrects():
    bill = _bill()
    ref = bill.add_line(_line(Money(Decimal("337.40"))))

    fix = BillLine.adjustment(ref, "property_fee", "面积更正", Money(Decimal("-12.00")))
    bill.add_line(fix)

    assert (fix.kind, fix.corrects) == (LineKind.ADJUSTMENT, ref)
    assert bill.total.amount == Decimal("325.40")


def test_an_adjustment_is_given_to_the_fen():
    ref = _bill().add_line(_line(Money(Decimal("1.00"))))

    with pytest.raises(InvalidInputError) as raised:
        BillLine.adjustment(ref, "property_fee", "更正", Money(Decimal("0.001")))

    assert raised.value.fields == ("amount",)


@given(st.lists(strategies.unrounded_money(), max_size=20), strategies.rounding_rules())
def test_lines_sum_exactly_to_the_bill_total(amounts, rule):
    bill = _bill()

    for amount in amounts:
        bill.add_line(_line(amount, rule))
        # read between additions too: the total kept must follow every line
        assert bill.total.amount == sum(line.amount.amount for line in bill.lines)

    assert bill.total.amount == sum(line.amount.amount for line in bill.lines)
    assert bill.total.rounded() == bill.total


@given(strategies.unrounded_money(), strategies.rounding_rules())
def test_rounding_happens_once_per_line_with_the_named_rule(amount, rule):
    line = _line(amount, rule)

    assert line.unrounded == amount
    assert line.amount == rule.apply(amount)
    assert line.rounding == rule.name


def test_rounding_each_line_once_differs_from_rounding_the_sum():
    thirds = [_line(Money(Decimal("0.334")), JIAO_HALF_UP) for _ in range(3)]
    bill = _bill()

    for line in thirds:
        bill.add_line(line)

    assert bill.total.amount == Decimal("0.90")
