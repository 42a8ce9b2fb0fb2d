"""The bill run (出账) use case: an estate and a month, unit batch by batch.

Each batch of units is one transaction: its bills, their lines, the ledger
charges and the bill messages are written together or not at all. A run
that stops half way is finished by running it again, since a unit with a
bill for the month is skipped and the database keeps one bill per unit,
payer and period. A dry run computes the same and writes nothing.
"""

from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from decimal import Decimal

import attrs
from dateutil.relativedelta import relativedelta

from propcore.billing.charging import LineCache
from propcore.billing.corrections import corrections
from propcore.billing.fee_types import FeeTypeRegistry
from propcore.billing.fees import FeeItem
from propcore.billing.ledger import ZERO, Entry, Ledger
from propcore.billing.lines import Bill, BillLine, LineKind
from propcore.billing.meters import UsualConsumptionRule
from propcore.billing.periods import Period
from propcore.billing.run_parts import (
    FlaggedUnit,
    add_late_fees,
    bill_message,
    flagged,
)
from propcore.billing.runs import ChargedItem, UnitFacts, charged_items, plan_unit
from propcore.billing.shared_usage import with_shared
from propcore.billing.usage import MissingReading, reading_window
from propcore.clock import Clock
from propcore.errors import NotFoundError
from propcore.ids import Id
from propcore.money import Money
from propcore.property.status import StatusScheme
from propcore.property.tree import Building, NodeKind
from propcore.property.units import Unit
from propcore.uow import UnitOfWork, UnitOfWorkFactory

SAMPLE_LINES = 20


@attrs.define
class ItemTotal:
    """An item's lines in a run and their sum, in the first line's currency
    (a line in another raises, as adding the two amounts would)."""

    code: str
    name: str
    lines: int = 0
    currency: str = Money.zero().currency
    sum: Decimal = Decimal("0.00")

    @property
    def amount(self) -> Money:
        return Money(self.sum, self.currency)

    def add(self, amount: Money) -> None:
        if self.lines and amount.currency != self.currency:
            raise ValueError(f"cannot mix {self.currency} and {amount.currency}")
        self.lines += 1
        self.currency = amount.currency
        self.sum += amount.amount


@attrs.frozen
class HeldUnit:
    unit_id: Id
    label: str
    reasons: tuple[MissingReading, ...]


@attrs.define
class RunReport:
    """What a run did, or in a dry run would do: totals per fee item, the
    first lines, and the units held back for a missing reading or rate."""

    estate_id: Id
    period: Period
    dry_run: bool
    units: int = 0
    already_billed: int = 0
    bills: int = 0
    total: Money = attrs.field(factory=Money.zero)
    items: dict[str, ItemTotal] = attrs.field(factory=dict)
    first_lines: list[tuple[str, BillLine]] = attrs.field(factory=list)
    held: list[HeldUnit] = attrs.field(factory=list)
    unusual: list[FlaggedUnit] = attrs.field(factory=list)

    def count(self, unit: Unit, bill: Bill) -> None:
        self.bills += 1
        self.total += bill.total
        for line in bill.lines:
            total = self.items.get(line.item_code)
            if total is None:
                charge = line.kind is LineKind.CHARGE
                name = line.description if charge else line.item_code
                total = self.items[line.item_code] = ItemTotal(line.item_code, name)
            total.add(line.amount)
        if len(self.first_lines) < SAMPLE_LINES:
            room = SAMPLE_LINES - len(self.first_lines)
            self.first_lines += [(unit.label, line) for line in bill.lines[:room]]


def _issued(bill: Bill) -> bool:
    """A bill is issued when it charges something, or when it carries
    adjustments: a correction downwards larger than the month's charges
    still reaches the payer, as a bill with nothing due and a credit."""
    adjusted = any(line.kind is LineKind.ADJUSTMENT for line in bill.lines)
    return bill.total.amount > 0 or adjusted


@attrs.frozen
class BillRunService:
    uow: UnitOfWorkFactory
    clock: Clock
    registry: FeeTypeRegistry
    scheme: StatusScheme
    batch_size: int = 10_000
    usual: UsualConsumptionRule = attrs.field(factory=UsualConsumptionRule)
    site: str = ""

    def run(
        self, estate_id: Id, month: Period, *, actor: str, dry_run: bool = False
    ) -> RunReport:
        """Bill every unit of the estate for ``month``; see the module text."""
        with self.uow() as uow:
            if uow.orgs.get(estate_id).kind is not NodeKind.ESTATE:
                raise NotFoundError("estate", estate_id)
            items = {item.code: item for item in uow.fee_items.for_estate(estate_id)}
            charged = with_shared(uow, charged_items(list(items.values()), month))
            buildings = uow.buildings.for_estate(estate_id)
        report = RunReport(estate_id, month, dry_run)
        cache = LineCache(self.registry)
        for batch in self._batches(buildings):
            with self.uow() as uow:
                self._batch(uow, batch, (charged, cache), items, report, actor)
                if not dry_run:
                    uow.commit()
        return report

    def _batches(self, buildings: Sequence[Building]) -> Iterator[list[Unit]]:
        """The estate's units, ``batch_size`` at a time, building after
        building (a batch may take in the end of one and the start of the
        next)."""
        batch: list[Unit] = []
        for building in buildings:
            with self.uow() as uow:
                batch += uow.units.for_building(building.id)
            while len(batch) >= self.batch_size:
                yield batch[: self.batch_size]
                batch = batch[self.batch_size :]
        if batch:
            yield batch

    def run_due(self, month: Period, estate_ids: Sequence[Id]) -> list[RunReport]:
        """The scheduled run of ``estate_ids`` for ``month``; which estates
        are due is decided in ``scheduling.py``. Units billed already are
        skipped, so running it again (or on two machines) bills nothing
        twice."""
        return [self.run(e, month, actor="scheduler") for e in estate_ids]

    def _batch(
        self,
        uow: UnitOfWork,
        units: Sequence[Unit],
        charging: tuple[Sequence[ChargedItem], LineCache],
        items: Mapping[str, FeeItem],
        report: RunReport,
        actor: str,
    ) -> None:
        charged, cache = charging
        report.units += len(units)
        billed = uow.bills.billed_units([u.id for u in units], report.period)
        report.already_billed += len(billed)
        todo = [u for u in units if u.id not in billed]
        planned: dict[tuple[Id, Id], Bill] = {}
        for facts in self._facts(uow, todo, charged, report.dry_run):
            plan = plan_unit(self.registry, facts, charged, report.period, cache)
            if report.dry_run:
                report.unusual += flagged(facts, charged, self.usual)
            if plan.held:
                report.held.append(HeldUnit(facts.unit.id, facts.unit.label, plan.held))
            planned |= {(b.unit_id, b.payer_id): b for b in plan.bills}
        held = {h.unit_id for h in report.held}
        ready = [u.id for u in todo if u.id not in held]
        add_late_fees(uow, report, ready, items, planned)
        corrected = self._add_corrections(uow, report, ready, items, planned)
        by_id = {u.id: u for u in units}
        bills = [(by_id[b.unit_id], b) for b in planned.values() if _issued(b)]
        if not report.dry_run:
            now = self.clock.now()
            stored = uow.bills.add_new(report.estate_id, [b for _, b in bills], now)
            kept = {bill.id for bill in stored}
            bills = [(unit, bill) for unit, bill in bills if bill.id in kept]
            self._charge(uow, [b for _, b in bills], now, actor)
            uow.bills.rechecked(
                [b for b, into in corrected.items() if into is None or into in kept]
            )
        for unit, bill in bills:
            report.count(unit, bill)

    def _add_corrections(
        self,
        uow: UnitOfWork,
        report: RunReport,
        unit_ids: Sequence[Id],
        items: Mapping[str, FeeItem],
        planned: dict[tuple[Id, Id], Bill],
    ) -> dict[Id, Id | None]:
        """Adjustment lines for the units' bills marked for a second look
        (see ``corrections.py``); returns each bill looked at, with the bill
        its adjustments went on (None when there were none)."""
        marked = uow.bills.to_recheck(unit_ids)
        adjusted = uow.bills.adjusted(marked)
        done: dict[Id, Id | None] = {}
        for bill_id in marked:
            issued = uow.bills.get(bill_id).bill
            again = self._recompute(uow, issued, items)
            if again is False:
                continue
            lines = corrections(issued, again, adjusted)
            done[bill_id] = None
            if lines:
                key = (issued.unit_id, issued.payer_id)
                if key not in planned:
                    planned[key] = Bill(issued.payer_id, issued.payer, issued.unit_id,
                                        report.period, issued.due)  # fmt: skip
                for line in lines:
                    planned[key].add_line(line)
                done[bill_id] = planned[key].id
        return done

    def _recompute(self, uow: UnitOfWork, issued: Bill, items) -> Bill | bool | None:
        """The bill as today's data make it; None if it would charge nothing,
        False if it cannot be computed now (a reading or rate is missing)."""
        charged = with_shared(uow, charged_items(list(items.values()), issued.period))
        [facts] = self._facts(uow, [uow.units.get(issued.unit_id)], charged)
        plan = plan_unit(self.registry, facts, charged, issued.period)
        if plan.held:
            return False
        return next((b for b in plan.bills if b.payer_id == issued.payer_id), None)

    def _facts(
        self,
        uow: UnitOfWork,
        units: Sequence[Unit],
        charged: Sequence[ChargedItem],
        history: bool = False,
    ) -> list[UnitFacts]:
        """``history``: also read the readings of the months before, which a
        preview compares consumption with."""
        ids = [u.id for u in units]
        occupancies = defaultdict(list)
        for occupancy in uow.occupancies.for_units(ids) if ids else ():
            occupancies[occupancy.unit_id].append(occupancy)
        meters = defaultdict(list)
        readings: dict = {}
        metered = [c for c in charged if c.metered]
        if metered and ids:
            for meter in uow.meters.for_units(ids):
                meters[meter.unit_id].append(meter)
            first = min(reading_window(c.item, c.period).first for c in metered)
            if history:
                first -= relativedelta(months=self.usual.periods + 1)
            days = Period(first, max(c.period.last for c in metered))
            meter_ids = [m.id for found in meters.values() for m in found]
            readings = uow.readings.window(meter_ids, days)
        return [
            UnitFacts(
                unit,
                tuple(occupancies[unit.id]),
                not self.scheme.is_occupied(unit.status),
                tuple(meters[unit.id]),
                readings,
            )
            for unit in units
        ]

    def _charge(
        self, uow: UnitOfWork, bills: Sequence[Bill], now: datetime, actor: str
    ) -> None:
        """A ledger charge per bill (drawing on a prepaid balance where there
        is one) and a bill message to the payer's account."""
        payers = {bill.payer_id for bill in bills}
        prepaid = uow.ledgers.prepaid(payers)
        ledgers = {p: uow.ledgers.for_resident(p) for p in prepaid}
        entries: list[tuple[Id, Entry]] = []
        for bill in bills:
            ledger = ledgers.setdefault(bill.payer_id, Ledger(bill.payer_id))
            before = len(ledger.entries)
            total = bill.total
            if total > ZERO:
                ledger.charge(bill.id, total, bill.due, at=now, actor=actor)
            else:
                ledger.credit(bill.id, ZERO - total, at=now, actor=actor)
            entries += [(bill.payer_id, e) for e in ledger.entries[before:]]
        uow.ledgers.append_many(entries)
        accounts = uow.accounts.for_people(payers)
        for bill in bills:
            account = accounts.get(bill.payer_id)
            if account is not None and account.active:
                uow.outbox.add(bill_message(account, bill, self.site), now)
