"""滞纳金 accrued by bill runs: on each overdue bill, item by item.

A run for a month charges, on the payer's bill of that month, the late fee
of each item of each overdue bill of the unit up to the last day of the
month before, less what earlier runs charged for it (the cap holds over
all of them). An item's unpaid part is its share of the bill's open amount,
by the item's lines. The line refers to the bill it is for.
"""

from datetime import date

from propcore.billing.charging import late_fee_line
from propcore.billing.fees import FeeItem
from propcore.billing.lines import Bill, BillLine, LineKind, LineRef, yuan
from propcore.money import Money

CHARGED = (LineKind.CHARGE, LineKind.DISCOUNT)


def item_share(bill: Bill, code: str) -> Money:
    lines = (x.amount for x in bill.lines if x.item_code == code and x.kind in CHARGED)
    return sum(lines, Money.zero())


def accrued_line(
    item: FeeItem, bill: Bill, open_amount: Money, through: date, already: Money
) -> BillLine | None:
    """The late fee of ``item`` on ``bill`` still to charge, or None."""
    share = item_share(bill, item.code)
    if share.amount <= 0 or bill.total.amount <= 0:
        return None
    unpaid = Money(open_amount.amount * share.amount / bill.total.amount)
    to_date = late_fee_line(item, unpaid.rounded(), bill.due, through)
    if to_date is None or to_date.amount <= already:
        return None
    amount = to_date.amount - already
    first = next(n for n, x in enumerate(bill.lines) if x.item_code == item.code)
    formula = to_date.formula
    if already.amount:
        formula = f"{formula} - {yuan(already)} = {yuan(amount)}"
    inputs = {**to_date.inputs, "bill": str(bill.id), "through": through.isoformat()}
    return BillLine(
        item.code, to_date.description, formula, inputs,
        to_date.unrounded - already, amount, to_date.rounding, LineKind.LATE_FEE,
        LineRef(bill.id, first),
    )  # fmt: skip
