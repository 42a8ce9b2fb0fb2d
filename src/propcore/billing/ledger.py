"""A resident's ledger (账本): append-only entries, and the figures they add up to.

Every entry says how it changes four things, and every figure is the sum of
those changes over all entries, so nothing is stored twice and nothing is
deleted: a reversal (冲正) or a refund (退款) is an entry of its own.

- ``balance_change``: what the resident owes; positive means owes more.
- ``due_change`` on ``bill_id``: the bill's amount due.
- ``settlements``: signed changes of bills' settled amounts.
- ``prepaid_change``: the prepaid balance (预存).

Each entry keeps ``balance_change == due_change − Σ settlements −
prepaid_change``, so at every step the balance equals the open amounts of all
bills minus the prepaid balance.
"""

import enum
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

import attrs

from propcore.billing.ledger_errors import (
    AlreadyReversedError,
    AmountDueBelowZeroError,
    BillCancelledError,
    DuplicateBillError,
    IdempotencyKeyReusedError,
    KindNotReversibleError,
    NotAPaymentError,
    PaymentRefundedError,
    RefundTooLargeError,
)
from propcore.billing.payments import (
    Allocation,
    OpenItem,
    Payment,
    Payout,
    allocate,
    draw_on_prepaid,
    oldest_first,
)
from propcore.errors import InvalidInputError, NotFoundError
from propcore.ids import Id, new_id
from propcore.money import Money

ZERO = Money.zero()


class EntryKind(enum.StrEnum):
    CHARGE = "charge"
    PAYMENT = "payment"
    ADJUSTMENT = "adjustment"
    REVERSAL = "reversal"
    REFUND = "refund"
    PREPAID_DRAWN = "prepaid_drawn"
    CREDIT = "credit"


REVERSIBLE = frozenset({EntryKind.CHARGE, EntryKind.PAYMENT, EntryKind.ADJUSTMENT})


@attrs.frozen
class Entry:
    """One line of the ledger. ``amount`` is as entered: positive, except an
    adjustment, which is negative when it lowers a bill. ``key`` is the
    idempotency key of a reversal or refund (a payment's is its own);
    ``payout`` says how a refund paid the money back."""

    id: Id
    kind: EntryKind
    amount: Money
    at: datetime
    actor: str
    balance_change: Money = ZERO
    bill_id: Id | None = None
    due_change: Money = ZERO
    settlements: tuple[Allocation, ...] = ()
    prepaid_change: Money = ZERO
    due_on: date | None = None
    refers_to: Id | None = None
    reason: str = ""
    payment: Payment | None = None
    key: str | None = None
    payout: Payout | None = None

    @property
    def idempotency_key(self) -> str | None:
        return self.payment.idempotency_key if self.payment else self.key


def _total(amounts: Iterable[Money]) -> Money:
    return sum(amounts, ZERO)


def _required(value: str, field: str) -> str:
    if not value.strip():
        raise InvalidInputError.single(field, "is required")
    return value.strip()


@attrs.define
class Ledger:
    resident_id: Id
    _entries: list[Entry] = attrs.field(factory=list)

    @property
    def entries(self) -> tuple[Entry, ...]:
        return tuple(self._entries)

    @property
    def balance(self) -> Money:
        return _total(e.balance_change for e in self._entries)

    @property
    def prepaid(self) -> Money:
        return _total(e.prepaid_change for e in self._entries)

    def amount_due(self, bill_id: Id) -> Money:
        return _total(e.due_change for e in self._entries if e.bill_id == bill_id)

    def settled(self, bill_id: Id) -> Money:
        changes = (s for e in self._entries for s in e.settlements)
        return _total(s.amount for s in changes if s.bill_id == bill_id)

    def bills(self) -> dict[Id, date]:
        charges = self._of_kind(EntryKind.CHARGE)
        return {e.bill_id: e.due_on for e in charges}

    def open_items(self) -> list[OpenItem]:
        items = (
            OpenItem(bill_id, due_on, self.amount_due(bill_id), self.settled(bill_id))
            for bill_id, due_on in self.bills().items()
        )
        return oldest_first(item for item in items if item.open_amount > ZERO)

    def charge(
        self, bill_id: Id, amount: Money, due_on: date, *, at: datetime, actor: str
    ) -> Entry:
        """Charge a bill; a prepaid balance settles it at once as far as it goes."""
        if amount <= ZERO:
            raise InvalidInputError.single("amount", "must be greater than zero")
        if bill_id in self.bills():
            raise DuplicateBillError(bill_id)
        entry = self._record(
            EntryKind.CHARGE,
            amount,
            at,
            actor,
            balance_change=amount,
            bill_id=bill_id,
            due_change=amount,
            due_on=due_on,
        )
        if self.prepaid > ZERO:
            new_bill = [item for item in self.open_items() if item.bill_id == bill_id]
            self.draw_prepaid(new_bill, at=at, actor=actor)
        return entry

    def credit(self, bill_id: Id, amount: Money, *, at: datetime, actor: str) -> Entry:
        """A bill whose adjustments take off as much as its charges add, or
        more (a rate or reading corrected downwards): nothing is due on it
        and ``amount``, what it takes off beyond its charges (zero or more),
        goes to the prepaid balance. The entry keeps the bill in the ledger,
        so it is listed with nothing due."""
        if amount < ZERO:
            raise InvalidInputError.single("amount", "must not be negative")
        if any(e.bill_id == bill_id for e in self._entries):
            raise DuplicateBillError(bill_id)
        return self._record(
            EntryKind.CREDIT,
            amount,
            at,
            actor,
            balance_change=ZERO - amount,
            bill_id=bill_id,
            prepaid_change=amount,
        )

    def draw_prepaid(
        self, items: Iterable[OpenItem], *, at: datetime, actor: str
    ) -> None:
        """Settle ``items`` from the prepaid balance, oldest first."""
        for share in draw_on_prepaid(self.prepaid, items).allocations:
            self._record(
                EntryKind.PREPAID_DRAWN,
                share.amount,
                at,
                actor,
                bill_id=share.bill_id,
                settlements=(share,),
                prepaid_change=ZERO - share.amount,
            )

    def record_payment(
        self,
        payment: Payment,
        *,
        actor: str,
        explicit: Mapping[Id, Money] | None = None,
    ) -> Entry:
        """Record a payment once per idempotency key; a repeat returns the
        first entry and changes nothing."""
        earlier = self.by_key(payment.idempotency_key)
        if earlier is not None:
            if earlier.payment is None or not _same_payment(earlier.payment, payment):
                raise IdempotencyKeyReusedError(payment.idempotency_key, earlier.id)
            return earlier
        result = allocate(payment.amount, self.open_items(), explicit)
        return self._record(
            EntryKind.PAYMENT,
            payment.amount,
            payment.received_at,
            actor,
            entry_id=payment.id,
            balance_change=ZERO - payment.amount,
            settlements=result.allocations,
            prepaid_change=result.prepaid,
            payment=payment,
        )

    def adjust(
        self, bill_id: Id, amount: Money, *, at: datetime, actor: str, reason: str
    ) -> Entry:
        """Raise (positive) or lower (negative) a bill; settled money beyond the
        new amount due moves to the prepaid balance."""
        if amount == ZERO:
            raise InvalidInputError.single("amount", "must not be zero")
        changes = self._bill_change(bill_id, amount)
        return self._record(
            EntryKind.ADJUSTMENT, amount, at, actor, reason=reason, **changes
        )

    def reverse(
        self,
        entry_id: Id,
        *,
        at: datetime,
        actor: str,
        reason: str,
        key: str | None = None,
    ) -> Entry:
        """Reverse a charge (cancels the bill, adjustments included), a payment
        or an adjustment, by a new entry of the opposite effect."""
        target = self._reversible(entry_id)
        if target.kind is EntryKind.PAYMENT:
            changes = self._undo_payment(target)
        elif target.kind is EntryKind.CHARGE:
            due = self.amount_due(target.bill_id)
            changes = self._bill_change(target.bill_id, ZERO - due)
        else:
            changes = self._bill_change(target.bill_id, ZERO - target.amount)
        return self._record(
            EntryKind.REVERSAL,
            target.amount,
            at,
            actor,
            refers_to=entry_id,
            reason=reason,
            key=key,
            **changes,
        )

    def refund(
        self,
        payment_id: Id,
        amount: Money,
        *,
        at: datetime,
        actor: str,
        reason: str,
        key: str | None = None,
        payout: Payout | None = None,
    ) -> Entry:
        """Pay prepaid money back, against the payment it came from."""
        target = self._reversible(payment_id)
        if target.kind is not EntryKind.PAYMENT:
            raise NotAPaymentError(payment_id)
        refundable = min(self.prepaid, target.amount - self._refunded(payment_id))
        if amount <= ZERO or amount > refundable:
            raise RefundTooLargeError(amount, refundable)
        return self._record(
            EntryKind.REFUND,
            amount,
            at,
            actor,
            balance_change=amount,
            prepaid_change=ZERO - amount,
            refers_to=payment_id,
            reason=reason,
            key=key,
            payout=payout,
        )

    def _record(
        self,
        kind: EntryKind,
        amount: Money,
        at: datetime,
        actor: str,
        *,
        entry_id: Id | None = None,
        reason: str | None = None,
        **changes: Any,
    ) -> Entry:
        if reason is not None:
            changes["reason"] = _required(reason, "reason")
        actor = _required(actor, "actor")
        entry = Entry(entry_id or new_id(), kind, amount, at, actor, **changes)
        self._entries.append(entry)
        return entry

    def entry(self, entry_id: Id) -> Entry | None:
        return next((e for e in self._entries if e.id == entry_id), None)

    def by_key(self, key: str) -> Entry | None:
        """The payment, reversal or refund recorded under an idempotency key."""
        return next((e for e in self._entries if e.idempotency_key == key), None)

    def reversed(self, entry_id: Id) -> bool:
        return any(e.refers_to == entry_id for e in self._of_kind(EntryKind.REVERSAL))

    def refundable(self, payment_id: Id) -> Money:
        """What is left of a payment to refund: nothing once it is reversed.
        The prepaid balance limits a refund as well."""
        if self.reversed(payment_id):
            return ZERO
        return self.entry(payment_id).amount - self._refunded(payment_id)

    def _of_kind(self, kind: EntryKind) -> list[Entry]:
        return [e for e in self._entries if e.kind is kind]

    def _refunded(self, payment_id: Id) -> Money:
        refunds = self._of_kind(EntryKind.REFUND)
        return _total(e.amount for e in refunds if e.refers_to == payment_id)

    def _reversible(self, entry_id: Id) -> Entry:
        target = self.entry(entry_id)
        if target is None:
            raise NotFoundError("entry", entry_id)
        if target.kind not in REVERSIBLE:
            raise KindNotReversibleError(entry_id)
        if self.reversed(entry_id):
            raise AlreadyReversedError(entry_id)
        return target

    def _bill_change(self, bill_id: Id, change: Money) -> dict[str, Any]:
        if bill_id not in self.bills():
            raise NotFoundError("bill", bill_id)
        if self._cancelled(bill_id):
            raise BillCancelledError(bill_id)
        due = self.amount_due(bill_id) + change
        if due < ZERO:
            raise AmountDueBelowZeroError(bill_id, self.amount_due(bill_id), change)
        excess = max(ZERO, self.settled(bill_id) - due)
        back = (Allocation(bill_id, ZERO - excess),) if excess > ZERO else ()
        return dict(
            balance_change=change,
            bill_id=bill_id,
            due_change=change,
            settlements=back,
            prepaid_change=excess,
        )

    def _cancelled(self, bill_id: Id) -> bool:
        charge = next(
            e for e in self._of_kind(EntryKind.CHARGE) if e.bill_id == bill_id
        )
        reversals = self._of_kind(EntryKind.REVERSAL)
        return any(e.refers_to == charge.id for e in reversals)

    def _undo_payment(self, target: Entry) -> dict[str, Any]:
        """Take the payment back from the bills it settled, then from the
        prepaid balance, then from other bills, latest due first.

        The ledger always holds enough: settled plus prepaid money is what was
        paid less what was refunded, and a refunded payment is not reversed.
        """
        if self._refunded(target.id) > ZERO:
            raise PaymentRefundedError(target.id)
        bills = self.bills()
        held = {bill_id: self.settled(bill_id) for bill_id in bills}
        own = [(s.bill_id, s.amount) for s in target.settlements]
        takes: dict[Id, Money] = {}
        left = _take(own, held, takes, target.amount)
        from_prepaid = min(self.prepaid, left)
        others = sorted(held, key=lambda b: (bills[b], b), reverse=True)
        _take([(b, held[b]) for b in others], held, takes, left - from_prepaid)
        back = tuple(Allocation(b, ZERO - t) for b, t in takes.items() if t > ZERO)
        return {
            "balance_change": target.amount,
            "settlements": back,
            "prepaid_change": ZERO - from_prepaid,
        }


def _same_payment(first: Payment, second: Payment) -> bool:
    """A retry may carry a new id and time; what was paid must be the same."""
    fields = ("payer_id", "amount", "method", "reference")
    return all(getattr(first, f) == getattr(second, f) for f in fields)


def _take(wanted, held: dict, takes: dict, left: Money) -> Money:
    """Take up to ``left`` from bills' settled amounts, at most ``most`` from
    each; return what is still to be found."""
    for bill_id, most in wanted:
        already = takes.get(bill_id, ZERO)
        take = min(left, most, held[bill_id] - already)
        takes[bill_id] = already + take
        left -= take
    return left
