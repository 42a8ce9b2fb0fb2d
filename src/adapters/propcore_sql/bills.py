"""SQL bills: inserted once per unit, payer and period; read with their lines."""

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Connection, and_, delete, func, select
from sqlalchemy.dialects import postgresql, sqlite

from propcore.billing.lines import Bill, BillLine, LineKind, LineRef, Payer
from propcore.billing.periods import Period
from propcore.billing.ports import BillBalance, IssuedBill
from propcore.errors import NotFoundError
from propcore.ids import Id
from propcore.money import Money
from propcore_sql import bulk, statistics
from propcore_sql.errors import translated
from propcore_sql.selecting import among
from propcore_sql.tables import (
    bill_lines,
    bill_rechecks,
    bills,
    ledger_entries,
    ledger_settlements,
    units,
)

_INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


class SqlBillRepository:
    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def add_new(
        self, estate_id: Id, new: Sequence[Bill], issued_at: datetime
    ) -> list[Bill]:
        if not new:
            return []
        rows = [_bill_row(bill, estate_id, issued_at) for bill in new]
        with translated():
            stored = bulk.insert_new(self._db, bills, rows, ("unit_id", "payer_id"))
            kept = [bill for bill in new if bill.id in stored]
            lines = self._line_rows(kept)
            bulk.insert_encoded(self._db, bill_lines, _LINE_COLUMNS, lines)
        statistics.wrote(self._db, len(kept) + len(lines))
        return kept

    def _line_rows(self, kept: Sequence[Bill]) -> list[tuple]:
        """The bills' lines encoded for the write; bills of a run share
        their line objects (see ``LineCache``), each encoded once here."""
        columns = [bill_lines.c[name] for name in _LINE_COLUMNS]
        encode_id = bulk.encoder(self._db, columns[:1])
        encode_rest = bulk.encoder(self._db, columns[2:])
        encoded: dict[int, tuple] = {}
        rows = []
        for bill in kept:
            bill_key = encode_id([bill.id])
            for n, line in enumerate(bill.lines):
                tail = encoded.get(id(line))
                if tail is None:
                    tail = encoded[id(line)] = encode_rest(_line_values(line))
                rows.append((*bill_key, n, *tail))
        return rows

    def billed_units(self, unit_ids: Iterable[Id], period: Period) -> set[Id]:
        ids = list(unit_ids)
        query = (
            select(bills.c.unit_id)
            .distinct()
            .where(
                among(self._db, bills.c.unit_id, ids),
                bills.c.period_first == period.first,
            )
        )
        return set(self._db.scalars(query)) if ids else set()

    def get(self, bill_id: Id) -> IssuedBill:
        found = self._issued(bills.c.id == bill_id)
        if not found:
            raise NotFoundError("bill", bill_id)
        return found[0]

    def for_payer(self, person_id: Id) -> list[IssuedBill]:
        return self._issued(bills.c.payer_id == person_id)

    def for_unit(self, unit_id: Id) -> list[IssuedBill]:
        return self._issued(bills.c.unit_id == unit_id)

    def for_period(self, estate_id: Id, period: Period, limit: int) -> list[IssuedBill]:
        where = and_(
            bills.c.estate_id == estate_id, bills.c.period_first == period.first
        )
        return self._issued(where, limit=limit)

    def balances(
        self,
        *,
        estate_id: Id,
        period: Period | None = None,
        open_only: bool = False,
        unit_ids: Sequence[Id] | None = None,
        due_before: date | None = None,
    ) -> list[BillBalance]:
        # with chosen units, the estate is checked on the rows read: in SQL
        # it would lead SQLite to read every bill of an estate that a run is
        # filling batch by batch, rather than the units' bills by their index
        wanted = [bills.c.estate_id == estate_id]
        if unit_ids is not None:
            wanted = [among(self._db, bills.c.unit_id, unit_ids)]
        if period is not None:
            wanted.append(bills.c.period_first == period.first)
        if due_before is not None:
            wanted.append(bills.c.due_on < due_before)
        # the sums only over the wanted bills: never the whole ledger
        chosen = select(bills.c.id).where(*wanted)
        due = _sums(ledger_entries.c.bill_id, ledger_entries.c.due_change, chosen)
        settled = _sums(ledger_settlements.c.bill_id, ledger_settlements.c.amount,
                        chosen)  # fmt: skip
        query = (
            select(
                bills,
                units.c.building_id,
                due.c.total.label("due"),
                settled.c.total.label("settled"),
            )
            .join(units, units.c.id == bills.c.unit_id)
            .join(due, due.c.bill_id == bills.c.id)
            .outerjoin(settled, settled.c.bill_id == bills.c.id)
            .where(*wanted)
            .order_by(bills.c.due_on, bills.c.id)
        )
        rows = [r for r in self._db.execute(query) if r.estate_id == estate_id]
        found = [_balance(row) for row in rows]
        return [b for b in found if b.open_amount.amount > 0 or not open_only]

    def late_fees(self, bill_ids: Iterable[Id]) -> dict[tuple[Id, str], Money]:
        ids = list(bill_ids)
        if not ids:
            return {}
        line = bill_lines.c
        total = func.sum(line.amount, type_=line.amount.type).label("total")
        query = (
            select(line.corrects_bill_id, line.item_code, total)
            .where(line.kind == LineKind.LATE_FEE.value)
            .where(line.corrects_bill_id.in_(ids))
            .group_by(line.corrects_bill_id, line.item_code)
        )
        return {
            (row.corrects_bill_id, row.item_code): Money(row.total)
            for row in self._db.execute(query)
        }

    def adjusted(self, bill_ids: Iterable[Id]) -> dict[LineRef, Money]:
        ids = list(bill_ids)
        line = bill_lines.c
        total = func.sum(line.amount, type_=line.amount.type).label("total")
        query = (
            select(line.corrects_bill_id, line.corrects_line_no, total)
            .where(line.kind == LineKind.ADJUSTMENT.value)
            .where(line.corrects_bill_id.in_(ids))
            .group_by(line.corrects_bill_id, line.corrects_line_no)
        )
        rows = self._db.execute(query) if ids else ()
        return {
            LineRef(r.corrects_bill_id, r.corrects_line_no): Money(r.total)
            for r in rows
        }

    def touched_since(
        self,
        estate_id: Id,
        day: date,
        *,
        item_code: str | None = None,
        unit_id: Id | None = None,
    ) -> list[Id]:
        query = select(bills.c.id).where(
            bills.c.estate_id == estate_id, bills.c.period_last >= day
        )
        if unit_id is not None:
            query = query.where(bills.c.unit_id == unit_id)
        if item_code is not None:
            with_item = select(bill_lines.c.bill_id).where(
                bill_lines.c.item_code == item_code
            )
            query = query.where(bills.c.id.in_(with_item))
        return list(self._db.scalars(query))

    def mark_recheck(self, bill_ids: Iterable[Id], at: datetime) -> None:
        rows = [{"bill_id": bill_id, "marked_at": at} for bill_id in bill_ids]
        if rows:
            insert_ = _INSERTS[self._db.dialect.name](bill_rechecks)
            with translated():
                self._db.execute(insert_.on_conflict_do_nothing(), rows)

    def to_recheck(self, unit_ids: Iterable[Id]) -> list[Id]:
        ids = list(unit_ids)
        query = (
            select(bills.c.id)
            .join(bill_rechecks, bill_rechecks.c.bill_id == bills.c.id)
            .where(among(self._db, bills.c.unit_id, ids))
            .order_by(bills.c.period_first, bills.c.id)
        )
        return list(self._db.scalars(query)) if ids else []

    def rechecked(self, bill_ids: Iterable[Id]) -> None:
        ids = list(bill_ids)
        if ids:
            self._db.execute(
                delete(bill_rechecks).where(bill_rechecks.c.bill_id.in_(ids))
            )

    def _issued(self, where, limit: int | None = None) -> list[IssuedBill]:
        query = select(bills).where(where)
        query = query.order_by(bills.c.period_first.desc(), bills.c.unit_id, bills.c.id)
        rows = list(self._db.execute(query.limit(limit)))
        lines: dict[Id, list[BillLine]] = {row.id: [] for row in rows}
        if rows:
            for line in self._db.execute(
                select(bill_lines)
                .where(bill_lines.c.bill_id.in_(list(lines)))
                .order_by(bill_lines.c.bill_id, bill_lines.c.line_no)
            ):
                lines[line.bill_id].append(_line(line))
        return [_issued_bill(row, lines[row.id]) for row in rows]


def _sums(key, amount, within):
    total = func.sum(amount, type_=amount.type).label("total")
    return select(key.label("bill_id"), total).where(
        key.in_(within)
    ).group_by(key).subquery()  # fmt: skip


def _bill_row(bill: Bill, estate_id: Id, issued_at: datetime) -> dict:
    return {
        "id": bill.id,
        "estate_id": estate_id,
        "unit_id": bill.unit_id,
        "payer_id": bill.payer_id,
        "payer_role": bill.payer.value,
        "period_first": bill.period.first,
        "period_last": bill.period.last,
        "due_on": bill.due,
        "total": bill.total.amount,
        "issued_at": issued_at,
    }


_LINE_COLUMNS = (
    "bill_id", "line_no", "item_code", "description", "formula", "inputs",
    "unrounded", "amount", "rounding", "kind", "corrects_bill_id", "corrects_line_no",
)  # fmt: skip


def _line_values(line: BillLine) -> tuple:
    """A line's column values after ``bill_id`` and ``line_no``."""
    corrects = line.corrects
    return (
        line.item_code, line.description, line.formula, dict(line.inputs),
        str(line.unrounded.amount), line.amount.amount, line.rounding,
        line.kind.value, corrects.bill_id if corrects else None,
        corrects.line_no if corrects else None,
    )  # fmt: skip


def _line(row) -> BillLine:
    corrects = None
    if row.corrects_bill_id is not None:
        corrects = LineRef(row.corrects_bill_id, row.corrects_line_no)
    return BillLine(
        row.item_code, row.description, row.formula, dict(row.inputs),
        Money(Decimal(row.unrounded)), Money(row.amount), row.rounding,
        LineKind(row.kind), corrects,
    )  # fmt: skip


def _issued_bill(row, lines: list[BillLine]) -> IssuedBill:
    period = Period(row.period_first, row.period_last)
    bill = Bill(row.payer_id, Payer(row.payer_role), row.unit_id, period, row.due_on,
                lines, row.id)  # fmt: skip
    return IssuedBill(bill, row.estate_id, row.issued_at)


def _balance(row) -> BillBalance:
    settled = Money(row.settled) if row.settled is not None else Money.zero()
    return BillBalance(
        row.id, row.unit_id, row.building_id, row.payer_id,
        Period(row.period_first, row.period_last),
        row.due_on, Money(row.due), settled,
    )  # fmt: skip
