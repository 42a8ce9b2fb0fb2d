"""Response bodies for bills (账单) and money (缴费, 冲正, 退款).

Amounts are strings in CNY; what is due, settled and open comes from the
payer's ledger, as on the bill's page. Times are in UTC, so an answer sent
again for the same idempotency key reads the same as the first.
"""

from datetime import UTC, date, datetime
from uuid import UUID

import msgspec

from propcore.billing.collecting import Receipt
from propcore.billing.ledger import Entry
from propcore.billing.lines import BillLine
from propcore.money import Money
from propcore_web.pages.bill_views import BillView


def _yuan(money: Money) -> str:
    return str(money.amount)


def _utc(at: datetime) -> datetime:
    return at.astimezone(UTC)


class LineRefView(msgspec.Struct):
    bill_id: UUID
    line_no: int


class LineView(msgspec.Struct):
    """``formula`` ends with the rounded amount; ``inputs`` holds its figures
    by name; ``unrounded`` is exact, rounded once by ``rounding``."""

    item_code: str
    description: str
    kind: str
    formula: str
    inputs: dict[str, str]
    unrounded: str
    amount: str
    rounding: str
    corrects: LineRefView | None

    @classmethod
    def of(cls, line: BillLine) -> "LineView":
        corrects = line.corrects
        return cls(
            item_code=line.item_code,
            description=line.description,
            kind=line.kind.value,
            formula=line.formula,
            inputs=dict(line.inputs),
            unrounded=str(line.unrounded.amount),
            amount=_yuan(line.amount),
            rounding=line.rounding,
            corrects=corrects and LineRefView(corrects.bill_id, corrects.line_no),
        )


class BillSummaryView(msgspec.Struct):
    """``status``: ``settled`` when nothing is open, ``overdue`` when open
    after ``due``, else ``open``."""

    id: UUID
    estate_id: UUID
    unit_id: UUID
    unit_label: str
    payer_id: UUID
    payer_name: str
    payer_role: str
    period_first: date
    period_last: date
    due: date
    issued_at: datetime
    total: str
    amount_due: str
    settled: str
    open: str
    status: str

    @classmethod
    def fields_of(cls, shown: BillView, today: date) -> dict:
        bill = shown.bill
        return {
            "id": bill.id,
            "estate_id": shown.issued.estate_id,
            "unit_id": bill.unit_id,
            "unit_label": shown.listing.unit.label,
            "payer_id": bill.payer_id,
            "payer_name": shown.payer,
            "payer_role": bill.payer.value,
            "period_first": bill.period.first,
            "period_last": bill.period.last,
            "due": bill.due,
            "issued_at": _utc(shown.issued.issued_at),
            "total": _yuan(bill.total),
            "amount_due": _yuan(shown.due),
            "settled": _yuan(shown.settled),
            "open": _yuan(shown.open),
            "status": shown.status(today),
        }

    @classmethod
    def of(cls, shown: BillView, today: date) -> "BillSummaryView":
        return cls(**cls.fields_of(shown, today))


class SettlementView(msgspec.Struct):
    bill_id: UUID
    amount: str


class EntryView(msgspec.Struct):
    """A ledger entry: a payment (with its method, reference and the bills
    it settled), a reversal or a refund (``refers_to`` the payment, with the
    reason and, for a refund, how it was paid out). ``prepaid_change`` is
    what it added to (or took from) the prepaid balance (预存)."""

    id: UUID
    kind: str
    amount: str
    at: datetime
    actor: str
    method: str | None
    reference: str | None
    idempotency_key: str | None
    refers_to: UUID | None
    reason: str
    settlements: list[SettlementView]
    prepaid_change: str

    @classmethod
    def of(cls, entry: Entry) -> "EntryView":
        paid = entry.payment or entry.payout
        return cls(
            id=entry.id,
            kind=entry.kind.value,
            amount=_yuan(entry.amount),
            at=_utc(entry.at),
            actor=entry.actor,
            method=paid and paid.method.value,
            reference=paid and paid.reference,
            idempotency_key=entry.idempotency_key,
            refers_to=entry.refers_to,
            reason=entry.reason,
            settlements=[
                SettlementView(s.bill_id, _yuan(s.amount)) for s in entry.settlements
            ],
            prepaid_change=_yuan(entry.prepaid_change),
        )


class BillPaymentView(msgspec.Struct):
    """A payment or prepaid draw that settled ``amount`` of this bill."""

    entry: EntryView
    amount: str
    reversed: bool


class BillDetailView(BillSummaryView):
    """``payments`` and ``prepaid`` (the payer's 预存) are null for those who
    may not see the payer's payments."""

    lines: list[LineView]
    payments: list[BillPaymentView] | None
    prepaid: str | None


class ReceiptView(msgspec.Struct):
    """收据: the estate's receipt number and the payment it records."""

    number: str
    payment: EntryView

    @classmethod
    def of(cls, receipt: Receipt) -> "ReceiptView":
        return cls(receipt.number, EntryView.of(receipt.entry))


class RefundView(msgspec.Struct):
    """退款: the total paid back and its parts, one per payment refunded
    against, latest payment first."""

    amount: str
    parts: list[EntryView]

    @classmethod
    def of(cls, parts: tuple[Entry, ...]) -> "RefundView":
        total = sum((part.amount for part in parts), Money.zero())
        return cls(_yuan(total), [EntryView.of(part) for part in parts])
