"""Payments (缴费), how they settle open bills, prepaid balances and receipts.

A payment settles open bills oldest first (by due date, then bill id) unless
the payer says which bills it is for; whatever it does not settle becomes a
prepaid balance (预存) that later bills draw on.
"""

import enum
import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime

import attrs

from propcore.errors import FieldProblem, InvalidInputError
from propcore.ids import Id
from propcore.money import Money


class PaymentMethod(enum.StrEnum):
    CASH = "cash"
    BANK_TRANSFER = "bank_transfer"
    WECHAT_PAY = "wechat_pay"
    ALIPAY = "alipay"
    POS = "pos"


NEEDS_REFERENCE = frozenset(
    {PaymentMethod.BANK_TRANSFER, PaymentMethod.WECHAT_PAY, PaymentMethod.ALIPAY}
)


def _positive(payment: "Payment", attribute: attrs.Attribute, amount: Money) -> None:
    if amount.amount <= 0:
        raise InvalidInputError.single("amount", "must be greater than zero")


def _aware(payment: "Payment", attribute: attrs.Attribute, at: datetime) -> None:
    if at.tzinfo is None:
        raise ValueError("received_at needs a time zone")


@attrs.frozen
class Payment:
    """Money received from a payer. ``reference`` is the bank's, WeChat Pay's
    or Alipay's transaction number, required for those methods.
    ``idempotency_key`` identifies the attempt: the same key twice is one
    payment."""

    id: Id
    payer_id: Id
    amount: Money = attrs.field(validator=_positive)
    method: PaymentMethod
    received_at: datetime = attrs.field(validator=_aware)
    idempotency_key: str
    reference: str | None = None

    def __attrs_post_init__(self) -> None:
        _check_reference(self.method, self.reference)


@attrs.frozen
class Payout:
    """How a refund (退款) paid money back: the same methods as payments, and
    the same need of a transaction number for transfers and wallets."""

    method: PaymentMethod
    reference: str | None = None

    def __attrs_post_init__(self) -> None:
        _check_reference(self.method, self.reference)


def _check_reference(method: PaymentMethod, reference: str | None) -> None:
    if method in NEEDS_REFERENCE and not (reference or "").strip():
        raise InvalidInputError.single("reference", "is required")


@attrs.frozen
class OpenItem:
    """The part of a bill that payments need: what is due, and by when."""

    bill_id: Id
    due_on: date
    amount_due: Money
    amount_settled: Money

    @property
    def open_amount(self) -> Money:
        return self.amount_due - self.amount_settled


@attrs.frozen
class Allocation:
    bill_id: Id
    amount: Money


@attrs.frozen
class AllocationResult:
    """What a sum settled, bill by bill, and what is left over as prepaid."""

    allocations: tuple[Allocation, ...]
    prepaid: Money

    @property
    def settled(self) -> Money:
        return sum((a.amount for a in self.allocations), self.prepaid * 0)


class OverAllocationError(InvalidInputError):
    """An explicit allocation gives a bill more than is open on it."""

    def __init__(self, bill_id: Id, amount: Money, open_amount: Money) -> None:
        self.bill_id = bill_id
        self.amount = amount
        self.open_amount = open_amount
        problem = FieldProblem(
            "allocations",
            "%(amount)s is more than the %(open)s open on bill %(bill_id)s",
            {"amount": amount.amount, "open": open_amount.amount, "bill_id": bill_id},
        )
        super().__init__([problem])


class AllocationExceedsPaymentError(InvalidInputError):
    """An explicit allocation hands out more than was paid."""

    def __init__(self, allocated: Money, paid: Money) -> None:
        self.allocated = allocated
        self.paid = paid
        problem = FieldProblem(
            "allocations",
            "%(allocated)s allocated but %(paid)s paid",
            {"allocated": allocated.amount, "paid": paid.amount},
        )
        super().__init__([problem])


def oldest_first(items: Iterable[OpenItem]) -> list[OpenItem]:
    return sorted(items, key=lambda item: (item.due_on, item.bill_id))


def allocate(
    amount: Money,
    items: Iterable[OpenItem],
    explicit: Mapping[Id, Money] | None = None,
) -> AllocationResult:
    """Settle open items with ``amount``; the rest is prepaid.

    Without ``explicit`` the oldest open item is settled first. With it,
    exactly those amounts are settled and the rest is prepaid even if other
    items are open.
    """
    if explicit is not None:
        return _allocate_explicitly(amount, items, explicit)
    left, allocations = amount, []
    for item in oldest_first(items):
        share = min(left, item.open_amount)
        if share.amount > 0:
            allocations.append(Allocation(item.bill_id, share))
            left -= share
    return AllocationResult(tuple(allocations), left)


def _allocate_explicitly(
    amount: Money, items: Iterable[OpenItem], explicit: Mapping[Id, Money]
) -> AllocationResult:
    open_by_bill = {item.bill_id: item.open_amount for item in items}
    for bill_id, share in explicit.items():
        if bill_id not in open_by_bill:
            raise InvalidInputError.single(
                "allocations", "names a bill that is not open"
            )
        if share.amount <= 0:
            raise InvalidInputError.single("allocations", "must be greater than zero")
        if share > open_by_bill[bill_id]:
            raise OverAllocationError(bill_id, share, open_by_bill[bill_id])
    allocated = sum(explicit.values(), amount * 0)
    if allocated > amount:
        raise AllocationExceedsPaymentError(allocated, amount)
    allocations = tuple(Allocation(b, share) for b, share in sorted(explicit.items()))
    return AllocationResult(allocations, amount - allocated)


def draw_on_prepaid(prepaid: Money, items: Iterable[OpenItem]) -> AllocationResult:
    """Settle open items, oldest first, from a prepaid balance; the result's
    ``prepaid`` is what remains of the balance."""
    return allocate(prepaid, items)


_ESTATE_CODE = re.compile(r"[A-Z0-9]{1,12}")


@attrs.frozen
class ReceiptBook:
    """Gapless receipt (收据) numbers for one estate: ``R-<estate>-000124``
    follows ``R-<estate>-000123``. Storing the new ``last_used`` in the same
    transaction as the payment keeps the sequence without gaps."""

    estate_code: str
    last_used: int = 0
    width: int = 6

    def __attrs_post_init__(self) -> None:
        if not _ESTATE_CODE.fullmatch(self.estate_code):
            raise InvalidInputError.single(
                "estate_code", "must be letters A–Z or digits"
            )
        if self.last_used < 0:
            raise InvalidInputError.single("last_used", "must not be negative")

    def issue(self) -> tuple[str, "ReceiptBook"]:
        number = self.last_used + 1
        text = f"R-{self.estate_code}-{number:0{self.width}d}"
        return text, attrs.evolve(self, last_used=number)
