"""Payments (缴费) and what staff and residents read about money owed.

Recording a payment is one transaction: the ledger entries, the receipt
number (gapless per estate) and the receipt message. The same idempotency
key a second time returns the first payment and writes nothing; two
submissions at once are decided by the key's unique constraint.
"""

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

import attrs

from propcore.billing.aging import AgingReport, PlacedItem, aging_report
from propcore.billing.ledger import Entry, Ledger
from propcore.billing.lines import yuan
from propcore.billing.payments import OpenItem, Payment, PaymentMethod
from propcore.billing.periods import Period
from propcore.billing.ports import BillBalance, IssuedBill
from propcore.billing.reminders import DEFAULT_LADDER, reached_step
from propcore.billing.run_parts import bill_link
from propcore.clock import Clock
from propcore.decimals import parse_decimal
from propcore.errors import ConflictError
from propcore.ids import Id, new_id
from propcore.inputs import Reader, parse_choice
from propcore.messaging import Message
from propcore.messaging.addressing import tell_person
from propcore.money import Money
from propcore.property.tree import NodeKind
from propcore.uow import UnitOfWork, UnitOfWorkFactory


@attrs.frozen
class Receipt:
    number: str
    entry: Entry


@attrs.frozen
class Collection:
    """收缴率 of a period: money collected ÷ money due, households paid ÷
    households billed (a household is a unit and its payer)."""

    period: Period
    due: Money
    collected: Money
    households_billed: int
    households_paid: int

    @property
    def rate(self) -> float | None:
        """For display only; the amounts themselves stay exact."""
        if not self.due.amount:
            return None
        return float(self.collected.amount / self.due.amount)


@attrs.frozen
class ArrearsRow:
    """A unit and payer owing money past its due date (欠费)."""

    unit_id: Id
    building_id: Id
    payer_id: Id
    owed: Money
    oldest_due: date
    bills: int


def receipt_code(estate_id: Id) -> str:
    """Receipt numbers carry the estate's id, shortened: estates have no
    short code of their own."""
    return estate_id.hex[:6].upper()


@attrs.frozen
class CollectingService:
    uow: UnitOfWorkFactory
    clock: Clock
    reminder_days: tuple[int, ...] = DEFAULT_LADDER
    site: str = ""

    def remind_due(self, now: datetime) -> int:
        """Queue the reminders due by ``now`` (see ``reminders.py``); return
        how many were queued. Running it again queues nothing new."""
        today = now.date()
        queued = 0
        with self.uow() as uow:
            for estate in uow.orgs.list(NodeKind.ESTATE):
                owed = uow.bills.balances(estate_id=estate.id, open_only=True)
                steps = [(b, reached_step(b, self.reminder_days, today)) for b in owed]
                due = [(b, step) for b, step in steps if step is not None]
                accounts = uow.accounts.for_people({b.payer_id for b, _ in due})
                for balance, step in due:
                    account = accounts.get(balance.payer_id)
                    if account is not None and account.active:
                        message = _reminder(account, balance, step, self.site)
                        queued += uow.outbox.add(message, now)
            uow.commit()
        return queued

    def record_payment(
        self,
        estate_id: Id,
        payer_id: Id,
        raw: Mapping[str, Any],
        *,
        actor: str,
        first_bill: Id | None = None,
    ) -> Receipt:
        """Fields: ``amount``, ``method``, ``reference`` (for bank transfer,
        WeChat Pay and Alipay), ``idempotency_key``; settles ``first_bill``
        first when staff chose one, then bills oldest first; the rest
        becomes a prepaid balance."""
        payment = self._read_payment(payer_id, raw)
        try:
            return self._record(estate_id, payment, actor, first_bill)
        except ConflictError:
            return self._record(estate_id, payment, actor, first_bill)

    def _record(
        self, estate_id: Id, payment: Payment, actor: str, first_bill: Id | None
    ) -> Receipt:
        with self.uow() as uow:
            ledger = uow.ledgers.for_resident(payment.payer_id)
            before = len(ledger.entries)
            explicit = _first_then_oldest(ledger, first_bill, payment.amount)
            entry = ledger.record_payment(payment, actor=actor, explicit=explicit)
            if len(ledger.entries) == before:
                return Receipt(uow.receipts.for_payment(entry.id) or "", entry)
            uow.ledgers.append(ledger.entries[before:], payment.payer_id)
            number = uow.receipts.next_number(estate_id, receipt_code(estate_id))
            uow.receipts.add(number, estate_id, entry.id, payment.received_at)
            self._tell(uow, payment, number)
            uow.commit()
        return Receipt(number, entry)

    def _read_payment(self, payer_id: Id, raw: Mapping[str, Any]) -> Payment:
        read = Reader(raw)
        amount = read.value("amount", lambda v, f: parse_decimal(v, f, places=2))
        method = read.value("method", parse_choice(PaymentMethod))
        reference = read.text("reference", required=False, max_length=100)
        key = read.text("idempotency_key", max_length=200)
        read.done()
        payment = read.check(
            lambda: Payment(
                new_id(),
                payer_id,
                Money(amount),
                method,
                self.clock.now(),
                key,
                reference or None,
            )
        )
        read.done()
        return payment  # type: ignore[return-value]

    def _tell(self, uow: UnitOfWork, payment: Payment, number: str) -> None:
        params = {"amount": yuan(payment.amount), "receipt": number}
        key = f"payment_received:{payment.id}"
        tell_person(uow, payment.payer_id, "payment_received", params, kind="payment",
                    key=key, at=payment.received_at)  # fmt: skip

    def ledger(self, person_id: Id) -> Ledger:
        with self.uow() as uow:
            return uow.ledgers.for_resident(person_id)

    def bills_of(self, person_id: Id) -> list[IssuedBill]:
        with self.uow() as uow:
            return uow.bills.for_payer(person_id)

    def bills_of_unit(self, unit_id: Id) -> list[IssuedBill]:
        with self.uow() as uow:
            return uow.bills.for_unit(unit_id)

    def bill(self, bill_id: Id) -> IssuedBill:
        with self.uow() as uow:
            return uow.bills.get(bill_id)

    def balances(self, estate_id: Id, period: Period) -> list[BillBalance]:
        """The estate's bills of ``period``, each with what is due and settled."""
        with self.uow() as uow:
            return uow.bills.balances(estate_id=estate_id, period=period)

    def aging(self, estate_id: Id, as_of: date) -> AgingReport:
        """账龄: open amounts by building and days past due."""
        with self.uow() as uow:
            found = uow.bills.balances(estate_id=estate_id, open_only=True)
        placed = (PlacedItem(_open_item(b), estate_id, b.building_id) for b in found)
        return aging_report(placed, as_of)

    def arrears(self, estate_id: Id, as_of: date) -> list[ArrearsRow]:
        """Units with money owed past due on ``as_of``, most owed first."""
        with self.uow() as uow:
            found = uow.bills.balances(estate_id=estate_id, open_only=True)
        rows: dict[tuple[Id, Id], list[BillBalance]] = {}
        for balance in found:
            if balance.due_on < as_of:
                rows.setdefault((balance.unit_id, balance.payer_id), []).append(balance)
        return sorted(
            (_arrears_row(owed) for owed in rows.values()),
            key=lambda r: (-r.owed.amount, r.oldest_due, str(r.unit_id)),
        )

    def collection(self, estate_id: Id, period: Period) -> Collection:
        with self.uow() as uow:
            found = uow.bills.balances(estate_id=estate_id, period=period)
        households: dict[tuple[Id, Id], Money] = {}
        for b in found:
            key = (b.unit_id, b.payer_id)
            households[key] = households.get(key, Money.zero()) + b.open_amount
        return Collection(
            period,
            sum((b.amount_due for b in found), Money.zero()),
            sum((b.amount_settled for b in found), Money.zero()),
            len(households),
            sum(1 for owed in households.values() if owed.amount <= 0),
        )


def _reminder(account, balance: BillBalance, step: int, site: str) -> Message:
    return Message(
        account_id=account.id,
        template="payment_reminder",
        params={
            "amount": yuan(balance.open_amount),
            "due": balance.due_on.isoformat(),
            "bill_id": str(balance.bill_id),
            "link": bill_link(site, balance.bill_id),
        },
        phone=account.phone,
        email=account.email or None,
        language=account.language,
        kind="reminder",
        key=f"payment_reminder:{balance.bill_id}:{step}",
    )


def _first_then_oldest(
    ledger: Ledger, first_bill: Id | None, amount: Money
) -> dict[Id, Money] | None:
    """The shares of a payment that settles ``first_bill`` before the other
    open bills, oldest first; None (oldest first) when no bill was chosen."""
    if first_bill is None:
        return None
    items = ledger.open_items()
    ordered = [i for i in items if i.bill_id == first_bill]
    ordered += [i for i in items if i.bill_id != first_bill]
    shares, left = {}, amount
    for item in ordered:
        share = min(left, item.open_amount)
        if share.amount > 0:
            shares[item.bill_id] = share
            left -= share
    return shares or None


def _open_item(balance: BillBalance) -> OpenItem:
    return OpenItem(
        balance.bill_id, balance.due_on, balance.amount_due, balance.amount_settled
    )


def _arrears_row(owed: list[BillBalance]) -> ArrearsRow:
    first = owed[0]
    return ArrearsRow(
        first.unit_id,
        first.building_id,
        first.payer_id,
        sum((b.open_amount for b in owed), Money.zero()),
        min(b.due_on for b in owed),
        len(owed),
    )
