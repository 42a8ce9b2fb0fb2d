"""Bills, ledgers and receipt numbers, in memory."""

import copy

from propcore.billing.ledger import EntryKind, Ledger
from propcore.billing.lines import LineKind
from propcore.billing.payments import ReceiptBook
from propcore.billing.ports import BillBalance, IssuedBill
from propcore.errors import ConflictError, NotFoundError
from propcore.money import Money


def _newest_first(bills):
    def key(issued):
        bill = issued.bill
        return (-bill.period.first.toordinal(), str(bill.unit_id), str(bill.id))

    return sorted(bills, key=key)


class FakeBillRepository:
    def __init__(self, store: dict) -> None:
        self._bills: dict = store.setdefault("bills", {})
        self._marks: dict = store.setdefault("bill rechecks", {})
        self.ledgers: FakeLedgerRepository
        self.units = None

    def add_new(self, estate_id, new, issued_at):
        taken = {
            (b.bill.unit_id, b.bill.payer_id, b.bill.period.first)
            for b in self._bills.values()
        }
        kept = []
        for bill in new:
            key = (bill.unit_id, bill.payer_id, bill.period.first)
            if key not in taken:
                taken.add(key)
                self._bills[bill.id] = IssuedBill(copy.deepcopy(bill), estate_id,
                                                  issued_at)  # fmt: skip
                kept.append(bill)
        return kept

    def billed_units(self, unit_ids, period):
        wanted = set(unit_ids)
        return {
            b.bill.unit_id
            for b in self._bills.values()
            if b.bill.unit_id in wanted and b.bill.period.first == period.first
        }

    def get(self, bill_id):
        if bill_id not in self._bills:
            raise NotFoundError("bill", bill_id)
        return copy.deepcopy(self._bills[bill_id])

    def for_payer(self, person_id):
        return self._where(lambda b: b.bill.payer_id == person_id)

    def for_unit(self, unit_id):
        return self._where(lambda b: b.bill.unit_id == unit_id)

    def for_period(self, estate_id, period, limit):
        found = self._where(
            lambda b: b.estate_id == estate_id and b.bill.period.first == period.first
        )
        return found[:limit]

    def balances(
        self, *, estate_id, period=None, open_only=False, unit_ids=None,
        due_before=None,
    ):  # fmt: skip
        found = []
        for issued in self._where(lambda b: b.estate_id == estate_id):
            bill = issued.bill
            if period is not None and bill.period.first != period.first:
                continue
            if unit_ids is not None and bill.unit_id not in set(unit_ids):
                continue
            if due_before is not None and bill.due >= due_before:
                continue
            due, settled = self.ledgers.bill_figures(bill.id)
            building_id = self.units.get(bill.unit_id).building_id
            balance = BillBalance(bill.id, bill.unit_id, building_id, bill.payer_id,
                                  bill.period, bill.due, due, settled)  # fmt: skip
            if balance.open_amount.amount > 0 or not open_only:
                found.append(balance)
        return sorted(found, key=lambda b: (b.due_on, b.bill_id))

    def late_fees(self, bill_ids):
        wanted, found = set(bill_ids), {}
        for issued in self._bills.values():
            for line in issued.bill.lines:
                refers = line.corrects.bill_id if line.corrects else None
                if line.kind is LineKind.LATE_FEE and refers in wanted:
                    key = (refers, line.item_code)
                    found[key] = found.get(key, Money.zero()) + line.amount
        return found

    def adjusted(self, bill_ids):
        wanted, found = set(bill_ids), {}
        for issued in self._bills.values():
            for line in issued.bill.lines:
                ref = line.corrects
                if line.kind is LineKind.ADJUSTMENT and ref and ref.bill_id in wanted:
                    found[ref] = found.get(ref, Money.zero()) + line.amount
        return found

    def touched_since(self, estate_id, day, *, item_code=None, unit_id=None):
        def touched(issued):
            bill = issued.bill
            return (
                issued.estate_id == estate_id
                and bill.period.last >= day
                and unit_id in (None, bill.unit_id)
                and (item_code is None
                     or any(x.item_code == item_code for x in bill.lines))
            )  # fmt: skip

        return [b.bill.id for b in self._bills.values() if touched(b)]

    def mark_recheck(self, bill_ids, at) -> None:
        for bill_id in bill_ids:
            self._marks.setdefault(bill_id, at)

    def to_recheck(self, unit_ids):
        wanted = set(unit_ids)
        marked = [self._bills[b].bill for b in self._marks]
        found = [b for b in marked if b.unit_id in wanted]
        return [b.id for b in sorted(found, key=lambda b: (b.period.first, str(b.id)))]

    def rechecked(self, bill_ids) -> None:
        for bill_id in bill_ids:
            self._marks.pop(bill_id, None)

    def _where(self, accept):
        return _newest_first(
            copy.deepcopy(b) for b in self._bills.values() if accept(b)
        )


class FakeLedgerRepository:
    def __init__(self, store: dict) -> None:
        self._entries: list = store.setdefault("ledger entries", [])

    def append(self, entries, resident_id) -> None:
        self.append_many([(resident_id, entry) for entry in entries])

    def append_many(self, entries) -> None:
        keys = {e.idempotency_key for _, e in self._entries} - {None}
        for _, entry in entries:
            if entry.idempotency_key in keys:
                raise ConflictError("idempotency_key", "is taken")
        self._entries.extend(entries)

    def for_resident(self, resident_id):
        mine = [entry for owner, entry in self._entries if owner == resident_id]
        return Ledger(resident_id, mine)

    def hold(self, resident_id) -> None:
        """One thread, one transaction at a time: nothing to wait for."""

    def payer_of(self, payment_id):
        for owner, entry in self._entries:
            if entry.id == payment_id and entry.kind is EntryKind.PAYMENT:
                return owner
        return None

    def prepaid(self, resident_ids):
        found = {}
        for resident_id in set(resident_ids):
            prepaid = self.for_resident(resident_id).prepaid
            if prepaid.amount > 0:
                found[resident_id] = prepaid
        return found

    def bill_figures(self, bill_id) -> tuple[Money, Money]:
        entries = [entry for _, entry in self._entries]
        due = sum((e.due_change for e in entries if e.bill_id == bill_id), Money.zero())
        shares = (s for e in entries for s in e.settlements if s.bill_id == bill_id)
        return due, sum((s.amount for s in shares), Money.zero())


class FakeReceiptRepository:
    def __init__(self, store: dict) -> None:
        self._books: dict = store.setdefault("receipt books", {})
        self._receipts: dict = store.setdefault("receipts", {})

    def next_number(self, estate_id, estate_code):
        book = self._books.get(estate_id, ReceiptBook(estate_code))
        number, self._books[estate_id] = book.issue()
        return number

    def add(self, number, estate_id, payment_id, at) -> None:
        if number in self._receipts:
            raise ConflictError("number", "is taken")
        self._receipts[number] = (payment_id, estate_id)

    def for_payment(self, payment_id):
        found = [n for n, (p, _) in self._receipts.items() if p == payment_id]
        return found[0] if found else None

    def received_in(self, estate_id, payment_ids):
        wanted = set(payment_ids)
        return {p for p, e in self._receipts.values() if e == estate_id and p in wanted}
