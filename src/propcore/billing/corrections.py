"""Corrections (更正) of issued bills: adjustment lines on a later bill.

When a rate version is added for days already billed, or a reading is
corrected, the bills it touches are marked for a second look. The next run
that bills their unit computes each marked bill again from today's data and
puts the difference of every line, less earlier adjustments of it, on the
payer's new bill as an adjustment line naming the line it corrects. The
issued bill itself never changes.
"""

from collections.abc import Mapping

from propcore.billing.lines import Bill, BillLine, LineKind, LineRef
from propcore.money import Money

REASON = "更正"
_COMPARED = (LineKind.CHARGE, LineKind.DISCOUNT)


def _key(line: BillLine) -> tuple:
    return (line.item_code, line.kind, line.inputs.get("period"), line.description)


def corrections(
    issued: Bill, recomputed: Bill | None, adjusted: Mapping[LineRef, Money]
) -> list[BillLine]:
    """Adjustment lines that bring ``issued`` to ``recomputed`` (None: the
    bill would now charge nothing), net of earlier ``adjusted`` amounts."""
    now = {}
    for line in recomputed.lines if recomputed else ():
        now[_key(line)] = now.get(_key(line), Money.zero()) + line.amount
    found = []
    for number, line in enumerate(issued.lines):
        if line.kind not in _COMPARED:
            continue
        ref = LineRef(issued.id, number)
        should = now.pop(_key(line), Money.zero())
        delta = should - line.amount - adjusted.get(ref, Money.zero())
        if delta.amount:
            found.append(BillLine.adjustment(ref, line.item_code, _reason(line), delta))
    return found


def _reason(line: BillLine) -> str:
    return f"{line.description} {REASON}"
