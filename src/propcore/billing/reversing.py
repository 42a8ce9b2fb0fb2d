"""Reversals (冲正) and refunds (退款) by staff.

Each is one transaction: the ledger entries, an audit event and a message
to the payer (``payment_reversed``, ``payment_refunded``). The same
idempotency key a second time returns the first result and writes nothing;
two submissions at once are decided by the key's unique constraint, as for
payments, and two with different keys wait for each other: each holds the
payer's ledger before it reads it, so a payment is reversed once and
refunds never pass the prepaid balance. Staff act for one estate: they
reverse, and refund against, only payments whose receipt that estate gave.
Nothing is deleted: both are entries of their own, with the reason and the
actor.

A refund pays prepaid money back. The ledger refunds against one payment at
a time, so a refund larger than what is left of the latest payment is split
over the payments before it, latest first; the parts share the reason and
the payout, the first part carries the key and part *n* the key ``key/n``.
"""

from collections.abc import Callable, Container, Iterable, Mapping
from datetime import datetime
from typing import Any, TypeVar

import attrs

from propcore.access.audit import AuditEventKind, record
from propcore.billing.ledger import Entry, EntryKind, Ledger
from propcore.billing.ledger_errors import (
    IdempotencyKeyReusedError,
    NotReversibleError,
    PaymentNotReversibleError,
    RefundTooLargeError,
    UnknownPaymentError,
)
from propcore.billing.lines import yuan
from propcore.billing.payments import PaymentMethod, Payout
from propcore.clock import Clock
from propcore.decimals import parse_decimal
from propcore.errors import ConflictError, InvalidInputError
from propcore.ids import Id, parse_id
from propcore.inputs import Reader, parse_choice
from propcore.messaging.addressing import tell_person
from propcore.money import Money
from propcore.uow import UnitOfWork, UnitOfWorkFactory

T = TypeVar("T")
# Room for the ``/n`` of a refund's later parts in the 200-character column.
KEY_LENGTH = 190


@attrs.frozen
class ReversalOrder:
    payment_id: Id
    reason: str
    key: str


@attrs.frozen
class RefundOrder:
    amount: Money
    payout: Payout
    reason: str
    key: str


@attrs.frozen
class ReversingService:
    uow: UnitOfWorkFactory
    clock: Clock

    def reverse_payment(
        self, payer_id: Id, raw: Mapping[str, Any], *, in_estate: Id, actor: str,
        by: Id | None,
    ) -> Entry:  # fmt: skip
        """Fields: ``payment_id`` (a payment whose receipt ``in_estate``
        gave), ``reason``, ``idempotency_key``. The bills the payment settled
        are open again (see ``Ledger.reverse``)."""
        order = read_reversal(raw)
        return _once(lambda: self._reverse(payer_id, order, in_estate, actor, by))

    def refund(
        self, payer_id: Id, raw: Mapping[str, Any], *, in_estate: Id, actor: str,
        by: Id | None,
    ) -> tuple[Entry, ...]:  # fmt: skip
        """Fields: ``amount`` (at most the prepaid balance, and at most what
        is left of the payments received ``in_estate``), ``method``,
        ``reference`` (for bank transfer, WeChat Pay and Alipay), ``reason``,
        ``idempotency_key``; returns the refund's parts."""
        order = read_refund(raw)
        return _once(lambda: self._refund(payer_id, order, in_estate, actor, by))

    def payer_of(self, payment_id: Id, *, in_estate: Id) -> Id:
        """Who made the payment ``payment_id``, whose receipt ``in_estate``
        gave; an error on ``payment_id`` for any other id."""
        with self.uow() as uow:
            payer = uow.ledgers.payer_of(payment_id)
            if payer is None or not uow.receipts.received_in(in_estate, [payment_id]):
                raise InvalidInputError.single(
                    "payment_id", "is not a payment received in this estate"
                )
            return payer

    def received_in(self, estate_id: Id, payment_ids: Iterable[Id]) -> set[Id]:
        """The payments whose receipt the estate gave: those its staff may
        reverse or refund against."""
        with self.uow() as uow:
            return uow.receipts.received_in(estate_id, payment_ids)

    def _reverse(
        self, payer_id: Id, order: ReversalOrder, estate: Id, actor: str, by: Id | None
    ) -> Entry:
        now = self.clock.now()
        with self.uow() as uow:
            uow.ledgers.hold(payer_id)
            ledger = uow.ledgers.for_resident(payer_id)
            earlier = ledger.by_key(order.key)
            if earlier is not None:
                return _same_reversal(earlier, order)
            if not uow.receipts.received_in(estate, [order.payment_id]):
                raise UnknownPaymentError(order.payment_id)
            entry = _reversal(ledger, order, now, actor)
            uow.ledgers.append([entry], payer_id)
            _audit(uow, now, payer_id, by, "payment_reversed", entry)
            _tell_reversed(uow, payer_id, entry, now)
            uow.commit()
        return entry

    def _refund(
        self, payer_id: Id, order: RefundOrder, estate: Id, actor: str, by: Id | None
    ) -> tuple[Entry, ...]:
        now = self.clock.now()
        with self.uow() as uow:
            uow.ledgers.hold(payer_id)
            ledger = uow.ledgers.for_resident(payer_id)
            earlier = refund_parts(ledger, order.key)
            if earlier:
                return _same_refund(earlier, order)
            payments = [e.id for e in ledger.entries if e.kind is EntryKind.PAYMENT]
            among = uow.receipts.received_in(estate, payments)
            parts = _refunds(ledger, order, now, actor, among)
            uow.ledgers.append(parts, payer_id)
            for part in parts:
                _audit(uow, now, payer_id, by, "refunded", part)
            _tell_refunded(uow, payer_id, parts, now)
            uow.commit()
        return parts


def read_reversal(raw: Mapping[str, Any]) -> ReversalOrder:
    read = Reader(raw)
    payment_id = read.value("payment_id", parse_id)
    reason = read.text("reason", max_length=300)
    key = read.text("idempotency_key", max_length=KEY_LENGTH)
    read.done()
    return ReversalOrder(payment_id, reason, key)  # type: ignore[arg-type]


def read_refund(raw: Mapping[str, Any]) -> RefundOrder:
    read = Reader(raw)
    amount = read.value("amount", lambda v, f: parse_decimal(v, f, places=2))
    method = read.value("method", parse_choice(PaymentMethod))
    reference = read.text("reference", required=False, max_length=100)
    reason = read.text("reason", max_length=300)
    key = read.text("idempotency_key", max_length=KEY_LENGTH)
    if amount is not None and amount <= 0:
        read.problems.extend(
            InvalidInputError.single("amount", "must be greater than zero").problems
        )
    payout = read.check(lambda: Payout(method, reference or None)) if method else None
    read.done()
    return RefundOrder(Money(amount), payout, reason, key)  # type: ignore[arg-type]


def refund_shares(
    ledger: Ledger, amount: Money, among: Container[Id] | None = None
) -> list[tuple[Id, Money]]:
    """How a refund of ``amount`` splits over payments (those ``among``, or
    all), latest first, each giving at most what is left of it."""
    if amount > ledger.prepaid:
        raise RefundTooLargeError(amount, ledger.prepaid)
    shares, left = [], amount
    for entry in reversed(ledger.entries):
        if left <= Money.zero():
            break
        if entry.kind is EntryKind.PAYMENT and (among is None or entry.id in among):
            share = min(left, ledger.refundable(entry.id))
            if share > Money.zero():
                shares.append((entry.id, share))
                left -= share
    if left > Money.zero():
        raise RefundTooLargeError(amount, amount - left)
    return shares


def refund_parts(ledger: Ledger, key: str) -> list[Entry]:
    """The parts of the refund recorded under ``key``, in order."""
    parts: list[Entry] = []
    while (part := ledger.by_key(part_key(key, len(parts) + 1))) is not None:
        parts.append(part)
    return parts


def part_key(key: str, n: int) -> str:
    return key if n == 1 else f"{key}/{n}"


def _reversal(ledger: Ledger, order: ReversalOrder, now: datetime, actor: str):
    target = ledger.entry(order.payment_id)
    if target is None or target.kind is not EntryKind.PAYMENT:
        raise UnknownPaymentError(order.payment_id)
    try:
        return ledger.reverse(
            order.payment_id, at=now, actor=actor, reason=order.reason, key=order.key
        )
    except NotReversibleError as error:
        raise PaymentNotReversibleError(order.payment_id, error) from None


def _refunds(
    ledger: Ledger, order: RefundOrder, now: datetime, actor: str, among: set[Id]
) -> tuple[Entry, ...]:
    shares = refund_shares(ledger, order.amount, among)
    return tuple(
        ledger.refund(
            payment_id,
            share,
            at=now,
            actor=actor,
            reason=order.reason,
            key=part_key(order.key, n),
            payout=order.payout,
        )
        for n, (payment_id, share) in enumerate(shares, start=1)
    )


def _same_reversal(earlier: Entry, order: ReversalOrder) -> Entry:
    if earlier.kind is EntryKind.REVERSAL and earlier.refers_to == order.payment_id:
        return earlier
    raise IdempotencyKeyReusedError(order.key, earlier.id)


def _same_refund(earlier: list[Entry], order: RefundOrder) -> tuple[Entry, ...]:
    total = sum((e.amount for e in earlier), Money.zero())
    first = earlier[0]
    if first.kind is EntryKind.REFUND and (total, first.payout) == (
        order.amount,
        order.payout,
    ):
        return tuple(earlier)
    raise IdempotencyKeyReusedError(order.key, first.id)


def _audit(
    uow: UnitOfWork, now: datetime, payer_id: Id, by: Id | None, what: str, entry
) -> None:
    details = {
        "what": what,
        "entry": str(entry.id),
        "payment": str(entry.refers_to),
        "amount": str(entry.amount.amount),
    }
    record(uow, AuditEventKind.DATA_CHANGED, now, f"person:{payer_id}", by, details)


def _tell_reversed(uow: UnitOfWork, payer_id: Id, entry: Entry, now: datetime) -> None:
    """The payer hears that the payment is reversed and its bills are open
    again; one message per payment, as a payment is reversed once."""
    params = {
        "amount": yuan(entry.amount),
        "receipt": uow.receipts.for_payment(entry.refers_to) or "",
        "reason": entry.reason,
    }
    tell_person(uow, payer_id, "payment_reversed", params, kind="payment",
                key=f"payment_reversed:{entry.refers_to}", at=now)  # fmt: skip


def _tell_refunded(
    uow: UnitOfWork, payer_id: Id, parts: tuple[Entry, ...], now: datetime
) -> None:
    """One message for the whole refund, whatever the number of its parts,
    under the first part's id."""
    first = parts[0]
    params = {
        "amount": yuan(sum((p.amount for p in parts), Money.zero())),
        "method": first.payout.method.value if first.payout else "",
        "reason": first.reason,
    }
    tell_person(uow, payer_id, "payment_refunded", params, kind="payment",
                key=f"payment_refunded:{first.id}", at=now)  # fmt: skip


def _once(attempt: Callable[[], T]) -> T:
    """A second attempt after a clash on the key reads the winner back;
    any other refusal stands."""
    try:
        return attempt()
    except ConflictError as error:
        if error.problem.field != "idempotency_key" or isinstance(
            error, IdempotencyKeyReusedError
        ):
            raise
        return attempt()
