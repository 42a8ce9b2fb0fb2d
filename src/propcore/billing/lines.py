"""Bill lines that explain themselves, and the bill that adds them up."""

import enum
from collections.abc import Mapping
from datetime import date
from decimal import Decimal

import attrs

from propcore.billing.periods import Period
from propcore.billing.rounding import RoundingRule
from propcore.errors import InvalidInputError
from propcore.ids import Id, new_id
from propcore.money import Money


class LineKind(enum.StrEnum):
    CHARGE = "charge"
    DISCOUNT = "discount"
    ADJUSTMENT = "adjustment"
    LATE_FEE = "late_fee"


class Payer(enum.StrEnum):
    OWNER = "owner"
    TENANT = "tenant"


@attrs.frozen
class LineRef:
    """Which line of which bill an adjustment corrects (lines count from 0)."""

    bill_id: Id
    line_no: int


@attrs.frozen
class BillLine:
    """One charge with its own explanation.

    ``formula`` shows the calculation with its inputs and ends with the
    rounded amount; ``inputs`` holds the same figures by name (area, rate
    and rate version, days, readings…). ``unrounded`` is exact; ``amount``
    is ``unrounded`` rounded once by the rule named in ``rounding``.
    """

    item_code: str
    description: str
    formula: str
    inputs: Mapping[str, str]
    unrounded: Money
    amount: Money
    rounding: str
    kind: LineKind = LineKind.CHARGE
    corrects: LineRef | None = None

    @classmethod
    def compute(
        cls,
        item_code: str,
        description: str,
        *,
        terms: str,
        inputs: Mapping[str, str],
        unrounded: Money,
        rule: RoundingRule,
        kind: LineKind = LineKind.CHARGE,
    ) -> "BillLine":
        """A line whose formula reads ``<terms> = ¥<rounded amount>``."""
        amount = rule.apply(unrounded)
        formula = f"{terms} = {yuan(amount)}"
        return cls(
            item_code, description, formula, dict(inputs), unrounded, amount,
            rule.name, kind,
        )  # fmt: skip

    @classmethod
    def adjustment(
        cls, corrects: LineRef, item_code: str, reason: str, amount: Money
    ) -> "BillLine":
        """A correction of an issued line, by an amount to the fen (may be < 0)."""
        if amount.rounded() != amount:
            raise InvalidInputError.single("amount", "must be given to the fen")
        inputs = {"bill": str(corrects.bill_id), "line": str(corrects.line_no)}
        return cls(
            item_code, reason, f"adjustment = {yuan(amount)}", inputs, amount,
            amount, "none", LineKind.ADJUSTMENT, corrects,
        )  # fmt: skip


def yuan(money: Money) -> str:
    sign = "-" if money.amount < 0 else ""
    return f"{sign}¥{abs(money.amount)}"


@attrs.define
class Bill:
    """What one payer owes for one unit and one period, due on ``due``."""

    payer_id: Id
    payer: Payer
    unit_id: Id
    period: Period
    due: date
    lines: list[BillLine] = attrs.field(factory=list)
    id: Id = attrs.field(factory=new_id)
    # the total and how many lines it added up: lines are only ever added
    _summed: tuple[int, Money] | None = attrs.field(
        default=None, init=False, eq=False, repr=False
    )

    def add_line(self, line: BillLine) -> LineRef:
        self.lines.append(line)
        return LineRef(self.id, len(self.lines) - 1)

    @property
    def total(self) -> Money:
        """The exact sum of the lines' rounded amounts; nothing is rounded here."""
        summed = self._summed
        if summed is None or summed[0] != len(self.lines):
            summed = self._summed = (len(self.lines), self._sum())
        return summed[1]

    def _sum(self) -> Money:
        amounts = [line.amount for line in self.lines]
        currency = amounts[0].currency if amounts else Money.zero().currency
        if any(a.currency != currency for a in amounts):
            raise ValueError(f"a bill in {currency} has a line in another currency")
        return Money(sum((a.amount for a in amounts), Decimal("0.00")), currency)
