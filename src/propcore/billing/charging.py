"""Charging an item: its fee type's lines, then discounts and late fees."""

from collections.abc import Hashable
from datetime import date
from decimal import Decimal

from propcore.billing.fee_types import ChargeContext, FeeTypeRegistry
from propcore.billing.fees import Discounts, FeeItem
from propcore.billing.lines import Bill, BillLine, LineKind, Payer, yuan
from propcore.ids import Id
from propcore.money import Money

VACANT = "空置优惠"
YEAR_AHEAD = "预缴全年优惠"
LATE_FEE = "滞纳金"


def charge(
    registry: FeeTypeRegistry,
    context: ChargeContext,
    *,
    vacant: bool = False,
    year_ahead: bool = False,
) -> list[BillLine]:
    """The item's lines, each followed by the discounts that apply to it."""
    shares = _discounts(context.item.discounts, vacant, year_ahead)
    lines = []
    for line in registry.lines(context):
        lines.append(line)
        lines += [discount_line(context.item, line, n, s) for n, s in shares]
    return lines


class LineCache:
    """The lines of :func:`charge`, computed once per distinct input for fee
    types that say what their lines depend on (``FeeType.depends_on``): in
    a run, units of one area and coefficient share their 物业费 line. The
    lines are frozen, so bills share them. Meant for one run, whose items do
    not change meanwhile (items are told apart by code); at most ``limit``
    inputs are kept, then it starts afresh, so memory stays bounded."""

    def __init__(self, registry: FeeTypeRegistry, limit: int = 20_000) -> None:
        self.registry = registry
        self.limit = limit
        self._lines: dict[Hashable, list[BillLine]] = {}
        self._depends: dict[str, object] = {}

    def charge(
        self, context: ChargeContext, *, vacant: bool, year_ahead: bool
    ) -> list[BillLine]:
        depends = self._depends_on(context.item.fee_type)
        part = depends(context) if depends is not None else None
        if part is None:
            return charge(self.registry, context, vacant=vacant, year_ahead=year_ahead)
        key = (context.item.code, context.period, part, vacant, year_ahead)
        lines = self._lines.get(key)
        if lines is None:
            if len(self._lines) >= self.limit:
                self._lines.clear()
            lines = charge(self.registry, context, vacant=vacant, year_ahead=year_ahead)
            self._lines[key] = lines
        return lines

    def _depends_on(self, code: str):
        if code not in self._depends:
            fee_type = self.registry.get(code)
            self._depends[code] = getattr(fee_type, "depends_on", None)
        return self._depends[code]


def _discounts(
    discounts: Discounts, vacant: bool, year_ahead: bool
) -> list[tuple[str, Decimal]]:
    offered = ((VACANT, discounts.vacant, vacant),)
    offered += ((YEAR_AHEAD, discounts.year_ahead, year_ahead),)
    return [(name, share) for name, share, on in offered if on and share is not None]


def discount_line(item: FeeItem, line: BillLine, name: str, share: Decimal) -> BillLine:
    """Minus the part not paid: ``-(rounded charge × (1 − share))``, rounded
    once by the item's rule."""
    off = 1 - share
    return BillLine.compute(
        item.code,
        f"{item.name} {name}",
        terms=f"-{yuan(line.amount)} × (1 - {share})",
        inputs={"charge": yuan(line.amount), "share paid": str(share)},
        unrounded=Money(-line.amount.amount * off, line.amount.currency),
        rule=item.rounding,
        kind=LineKind.DISCOUNT,
    )


def late_fee_line(item: FeeItem, unpaid: Money, due: date, on: date) -> BillLine | None:
    """The 滞纳金 on ``unpaid`` by ``on``; None when the item has no rule or
    ``on`` is still within the grace days."""
    rule = item.late_fee
    if rule is None or rule.charged_days(due, on) == 0:
        return None
    days = rule.charged_days(due, on)
    terms = f"{yuan(unpaid)} × {rule.daily_rate} × {days} 天"
    if rule.cap is not None:
        terms = f"min({terms}, {yuan(unpaid)} × {rule.cap})"
    return BillLine.compute(
        item.code,
        f"{item.name} {LATE_FEE}",
        terms=terms,
        inputs={"unpaid": yuan(unpaid), "due": due.isoformat(), "days": str(days)},
        unrounded=rule.late_fee(unpaid, due, on),
        rule=item.rounding,
    )


def bill_for(
    registry: FeeTypeRegistry,
    context: ChargeContext,
    payers: dict[Payer, Id],
    **facts: bool,
) -> Bill | None:
    """One item's bill for one unit: the payer the item names (owner, or
    tenant by the lease), due by the item's due rule, with the item's lines
    and discounts (``facts``: ``vacant``, ``year_ahead``). None when the item
    does not apply to the unit or charges nothing."""
    item = context.item
    if not item.applies_to.covers(context.unit, context.lease):
        return None
    lines = charge(registry, context, **facts)
    if not lines:
        return None
    payer = item.payer(context.lease)
    due = item.due_date(context.period)
    bill = Bill(payers[payer], payer, context.unit.id, context.period, due)
    for line in lines:
        bill.add_line(line)
    return bill
