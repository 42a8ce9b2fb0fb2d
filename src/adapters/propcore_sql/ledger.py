"""SQL ledgers (entries and settlements, append-only) and receipt numbers."""

from collections.abc import Iterable, Sequence
from datetime import datetime
from decimal import Decimal

from sqlalchemy import Connection, func, insert, select, update

from propcore.billing.ledger import Entry, EntryKind, Ledger
from propcore.billing.payments import (
    Allocation,
    Payment,
    PaymentMethod,
    Payout,
    ReceiptBook,
)
from propcore.ids import Id
from propcore.money import Money
from propcore_sql import bulk
from propcore_sql.errors import translated
from propcore_sql.selecting import among
from propcore_sql.tables import (
    ledger_entries,
    ledger_settlements,
    people,
    receipt_books,
    receipts,
)


class SqlLedgerRepository:
    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def append(self, entries: Sequence[Entry], resident_id: Id) -> None:
        self.append_many([(resident_id, entry) for entry in entries])

    def append_many(self, entries: Sequence[tuple[Id, Entry]]) -> None:
        if not entries:
            return
        rows = [_entry_row(entry, resident_id) for resident_id, entry in entries]
        shares = [
            {"entry_id": e.id, "bill_id": s.bill_id, "amount": s.amount.amount}
            for _, e in entries
            for s in e.settlements
        ]
        with translated():
            bulk.insert_rows(self._db, ledger_entries, rows)
            bulk.insert_rows(self._db, ledger_settlements, shares)

    def hold(self, resident_id: Id) -> None:
        """A no-op write to the resident's row: a row lock on PostgreSQL, the
        database's write lock on SQLite, both kept to the transaction's end."""
        with translated():
            self._db.execute(
                update(people).where(people.c.id == resident_id).values(id=people.c.id)
            )

    def for_resident(self, resident_id: Id) -> Ledger:
        rows = list(
            self._db.execute(
                select(ledger_entries)
                .where(ledger_entries.c.resident_id == resident_id)
                .order_by(ledger_entries.c.seq)
            )
        )
        shares: dict[Id, list[Allocation]] = {row.id: [] for row in rows}
        if rows:
            for share in self._db.execute(
                select(ledger_settlements).where(
                    ledger_settlements.c.entry_id.in_(list(shares))
                )
            ):
                shares[share.entry_id].append(
                    Allocation(share.bill_id, Money(share.amount))
                )
        entries = [_entry(row, shares[row.id]) for row in rows]
        return Ledger(resident_id, entries)

    def payer_of(self, payment_id: Id) -> Id | None:
        query = select(ledger_entries.c.resident_id).where(
            ledger_entries.c.id == payment_id,
            ledger_entries.c.kind == EntryKind.PAYMENT.value,
        )
        return self._db.scalar(query)

    def prepaid(self, resident_ids: Iterable[Id]) -> dict[Id, Money]:
        ids = list(resident_ids)
        if not ids:
            return {}
        column = ledger_entries.c.prepaid_change
        total = func.sum(column, type_=column.type).label("total")
        query = (
            select(ledger_entries.c.resident_id, total)
            .where(among(self._db, ledger_entries.c.resident_id, ids))
            .group_by(ledger_entries.c.resident_id)
        )
        found = {row.resident_id: Money(row.total) for row in self._db.execute(query)}
        return {key: value for key, value in found.items() if value.amount > 0}


class SqlReceiptRepository:
    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def next_number(self, estate_id: Id, estate_code: str) -> str:
        book = receipt_books.c
        with translated():
            taken = self._db.execute(
                update(receipt_books)
                .where(book.estate_id == estate_id)
                .values(last_used=book.last_used + 1)
                .returning(book.last_used)
            ).scalar()
            if taken is None:
                self._db.execute(
                    insert(receipt_books).values(estate_id=estate_id, last_used=1)
                )
                taken = 1
        number, _ = ReceiptBook(estate_code, taken - 1).issue()
        return number

    def add(self, number: str, estate_id: Id, payment_id: Id, at: datetime) -> None:
        row = {
            "number": number,
            "estate_id": estate_id,
            "payment_id": payment_id,
            "issued_at": at,
        }
        with translated():
            self._db.execute(insert(receipts).values(row))

    def for_payment(self, payment_id: Id) -> str | None:
        query = select(receipts.c.number).where(receipts.c.payment_id == payment_id)
        return self._db.scalar(query)

    def received_in(self, estate_id: Id, payment_ids: Iterable[Id]) -> set[Id]:
        ids = list(payment_ids)
        if not ids:
            return set()
        query = select(receipts.c.payment_id).where(
            receipts.c.estate_id == estate_id, receipts.c.payment_id.in_(ids)
        )
        return set(self._db.scalars(query))


def _entry_row(entry: Entry, resident_id: Id) -> dict:
    payment = entry.payment
    return {
        "id": entry.id,
        "resident_id": resident_id,
        "kind": entry.kind.value,
        "amount": entry.amount.amount,
        "at": entry.at,
        "actor": entry.actor,
        "balance_change": entry.balance_change.amount,
        "bill_id": entry.bill_id,
        "due_change": entry.due_change.amount,
        "prepaid_change": entry.prepaid_change.amount,
        "due_on": entry.due_on,
        "refers_to": entry.refers_to,
        "reason": entry.reason,
        "payment": _payment_row(payment) if payment else _payout_row(entry.payout),
        "idempotency_key": entry.idempotency_key,
    }


def _payout_row(payout: Payout | None) -> dict | None:
    """A refund's payout goes in the payment column, told apart by the kind."""
    if payout is None:
        return None
    return {"method": payout.method.value, "reference": payout.reference}


def _payment_row(payment: Payment) -> dict:
    return {
        "payer_id": str(payment.payer_id),
        "amount": str(payment.amount.amount),
        "method": payment.method.value,
        "received_at": payment.received_at.isoformat(),
        "reference": payment.reference,
    }


def _payment(entry_id: Id, key: str, raw: dict) -> Payment:
    return Payment(
        id=entry_id,
        payer_id=Id(raw["payer_id"]),
        amount=Money(Decimal(raw["amount"])),
        method=PaymentMethod(raw["method"]),
        received_at=datetime.fromisoformat(raw["received_at"]),
        idempotency_key=key,
        reference=raw["reference"],
    )


def _entry(row, settlements: list[Allocation]) -> Entry:
    payment = payout = key = None
    if row.kind == EntryKind.REFUND.value:
        key = row.idempotency_key
        if row.payment is not None:
            payout = Payout(
                PaymentMethod(row.payment["method"]), row.payment["reference"]
            )
    elif row.payment is not None:
        payment = _payment(row.id, row.idempotency_key, row.payment)
    else:
        key = row.idempotency_key
    return Entry(
        id=row.id,
        kind=EntryKind(row.kind),
        amount=Money(row.amount),
        at=row.at,
        actor=row.actor,
        balance_change=Money(row.balance_change),
        bill_id=row.bill_id,
        due_change=Money(row.due_change),
        settlements=tuple(settlements),
        prepaid_change=Money(row.prepaid_change),
        due_on=row.due_on,
        refers_to=row.refers_to,
        reason=row.reason,
        payment=payment,
        key=key,
        payout=payout,
    )
