"""A run's report adds up its bills per fee item and keeps the first lines."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from propcore.billing.lines import Bill, BillLine, LineKind, Payer
from propcore.billing.periods import Period
from propcore.billing.rounding import FEN_HALF_UP
from propcore.billing.running import SAMPLE_LINES, RunReport
from propcore.ids import new_id
from propcore.money import Money
from propcore.property.units import Area, Unit

DECEMBER = Period.month(2026, 12)


def _unit(label: str) -> Unit:
    return Unit(new_id(), label, 1, label, Area(Decimal("80.00")), "self_occupied")


def _bill(amounts: list[tuple[str, Decimal]], currency: str = "CNY") -> Bill:
    bill = Bill(new_id(), Payer.OWNER, new_id(), DECEMBER, date(2026, 12, 15))
    for code, amount in amounts:
        bill.add_line(BillLine.compute(
            code, f"{code} 费", terms="x", inputs={},
            unrounded=Money(amount, currency), rule=FEN_HALF_UP,
        ))  # fmt: skip
    return bill


amounts = st.decimals(min_value=-500, max_value=5000, places=2, allow_nan=False)
bills = st.lists(
    st.lists(st.tuples(st.sampled_from(["pf", "water", "parking"]), amounts),
             min_size=1, max_size=4),
    max_size=12,
)  # fmt: skip


@given(bills)
def test_item_totals_add_up_to_the_run_total(drawn):
    report = RunReport(new_id(), DECEMBER, dry_run=True)
    made = [_bill(lines) for lines in drawn]

    for n, bill in enumerate(made):
        report.count(_unit(f"{n + 1}"), bill)

    every_line = [line for bill in made for line in bill.lines]
    assert report.bills == len(made)
    assert sum(t.lines for t in report.items.values()) == len(every_line)
    assert sum((t.amount for t in report.items.values()), Money.zero()) == report.total
    for code, total in report.items.items():
        mine = [line.amount.amount for line in every_line if line.item_code == code]
        assert total.amount == Money(sum(mine, Decimal("0.00")))
    labelled = [(f"{n + 1}", ln) for n, bill in enumerate(made) for ln in bill.lines]
    assert report.first_lines == labelled[:SAMPLE_LINES]


def test_an_item_is_named_by_its_first_charge_line():
    report = RunReport(new_id(), DECEMBER, dry_run=True)
    bill = _bill([("pf", Decimal("10.00"))])

    report.count(_unit("1"), bill)

    assert report.items["pf"].name == "pf 费"
    assert report.items["pf"].lines == 1
    assert bill.lines[0].kind is LineKind.CHARGE


def test_lines_of_an_item_in_two_currencies_are_not_added():
    report = RunReport(new_id(), DECEMBER, dry_run=True)
    report.count(_unit("1"), _bill([("pf", Decimal("10.00"))]))

    with pytest.raises(ValueError, match="cannot mix"):
        report.count(_unit("2"), _bill([("pf", Decimal("1.00"))], currency="USD"))
