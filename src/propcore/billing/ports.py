"""What billing needs from storage: fee items, their rates, meters, readings.

Stored Decimals keep a fixed number of places: rates four (``RATE_PLACES``),
readings and rollover values the meter's own ``places`` (at most four). A
value with more places than that is not stored.
"""

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Protocol

import attrs

from propcore.billing.fees import FeeItem
from propcore.billing.ledger import Entry, Ledger
from propcore.billing.lines import Bill, LineRef
from propcore.billing.meters import Meter, Reading
from propcore.billing.periods import Period
from propcore.billing.rates import RateSchedule, RateVersion
from propcore.ids import Id
from propcore.money import Money

MAX_METER_PLACES = 4


class FeeItemRepository(Protocol):
    """Fee items of an estate; their rates live in :class:`RateRepository`."""

    def add(self, item: FeeItem) -> None:
        """Store a new item and the versions of its ``rates``.

        Raise ConflictError on ``name`` when the estate has an item of that name.
        """

    def update(self, item: FeeItem) -> None:
        """Rewrite the item's settings; its rates stay as stored (versions are
        only ever added). Raise NotFoundError for an unknown item and
        ConflictError on ``name`` as :meth:`add` does."""

    def get(self, item_id: Id) -> FeeItem:
        """The item with its whole rate schedule; NotFoundError when unknown."""

    def for_estate(self, estate_id: Id) -> list[FeeItem]:
        """The estate's items with their schedules, ordered by name."""


class RateRepository(Protocol):
    """Rate versions (单价) of fee items: added, never updated or deleted."""

    def add(self, fee_item_id: Id, version: RateVersion) -> None:
        """Raise NotFoundError for an unknown item and ConflictError on
        ``valid_from`` when the item has a version from that day."""

    def schedule(self, fee_item_id: Id) -> RateSchedule:
        """Every version of the item, oldest first (empty when it has none)."""


class MeterRepository(Protocol):
    def add(self, meter: Meter) -> None:
        """Store a meter; it must name its ``estate_id`` (ValueError if not)."""

    def update(self, meter: Meter) -> None:
        """Rewrite the meter's kind, places, rollover value, common area and
        retirement day; its estate and unit stay. NotFoundError when unknown."""

    def get(self, meter_id: Id) -> Meter:
        """Raise NotFoundError when there is no such meter."""

    def for_unit(self, unit_id: Id) -> list[Meter]:
        """The unit's meters ordered by kind, then id."""

    def for_estate(self, estate_id: Id) -> list[Meter]:
        """Every meter of the estate, on units and on common areas, ordered
        by kind, then id."""

    def for_units(self, unit_ids: Iterable[Id]) -> list[Meter]:
        """The meters of these units, ordered by kind, then id."""

    def for_common_areas(self, estate_id: Id) -> list[Meter]:
        """The estate's meters on common areas, whichever the area, ordered
        by kind, then id."""

    def on_common_areas(self, estate_id: Id, areas: Iterable[str]) -> list[Meter]:
        """The estate's meters on the common areas named exactly ``areas``
        (公摊 meters), ordered by kind, then id."""


class ReadingRepository(Protocol):
    def add(self, reading: Reading) -> None:
        """Store a checked reading (see ``take_reading``). Raise NotFoundError
        for an unknown meter and ConflictError on ``read_on`` when the meter
        has a reading on that day."""

    def replace(self, reading: Reading) -> None:
        """Rewrite the meter's reading of ``reading.read_on`` (value, flags,
        start value); NotFoundError when there is none that day."""

    def history(self, meter_id: Id) -> list[Reading]:
        """The meter's readings, oldest first."""

    def latest(self, meter_id: Id) -> Reading | None:
        """The newest reading of the meter; None before the first."""

    def for_period(self, meter_ids: Iterable[Id], period: Period) -> list[Reading]:
        """Readings of these meters taken on a day of ``period`` (both ends
        included), ordered by meter id, then date."""

    def window(
        self, meter_ids: Iterable[Id], period: Period
    ) -> dict[Id, list[Reading]]:
        """For each meter with readings: the last reading before ``period``
        and every reading in it, oldest first."""


@attrs.frozen
class IssuedBill:
    """A stored bill: the bill, its estate and when it was issued."""

    bill: Bill
    estate_id: Id
    issued_at: datetime


@attrs.frozen
class BillBalance:
    """What a bill still asks for: due (charges and adjustments) less settled."""

    bill_id: Id
    unit_id: Id
    building_id: Id
    payer_id: Id
    period: Period
    due_on: date
    amount_due: Money
    amount_settled: Money

    @property
    def open_amount(self) -> Money:
        return self.amount_due - self.amount_settled


class BillRepository(Protocol):
    """Bills and their lines: written once, never rewritten."""

    def add_new(
        self, estate_id: Id, bills: Sequence[Bill], issued_at: datetime
    ) -> list[Bill]:
        """Store each bill unless the unit already has a bill for the same
        payer and period; return the bills stored. The database's unique
        constraint decides between two runs at once: the later one waits for
        the earlier and stores nothing the earlier stored."""

    def billed_units(self, unit_ids: Iterable[Id], period: Period) -> set[Id]:
        """The units among ``unit_ids`` with a bill for ``period``."""

    def get(self, bill_id: Id) -> IssuedBill:
        """NotFoundError when unknown."""

    def for_payer(self, person_id: Id) -> list[IssuedBill]:
        """The person's bills, newest period first."""

    def for_unit(self, unit_id: Id) -> list[IssuedBill]:
        """The unit's bills, newest period first."""

    def for_period(self, estate_id: Id, period: Period, limit: int) -> list[IssuedBill]:
        """At most ``limit`` of the estate's bills for ``period``, by unit."""

    def balances(
        self,
        *,
        estate_id: Id,
        period: Period | None = None,
        open_only: bool = False,
        unit_ids: Sequence[Id] | None = None,
        due_before: date | None = None,
    ) -> list[BillBalance]:
        """Each of the estate's bills with what is due and settled, by due
        date; narrowed to ``period``, to ``unit_ids``, to bills due before
        ``due_before``, and with ``open_only`` to those still owed."""

    def late_fees(self, bill_ids: Iterable[Id]) -> dict[tuple[Id, str], Money]:
        """Late fees already charged for these bills, by bill and item code."""

    def adjusted(self, bill_ids: Iterable[Id]) -> dict[LineRef, Money]:
        """Adjustments already made to lines of these bills, by line."""

    def touched_since(
        self,
        estate_id: Id,
        day: date,
        *,
        item_code: str | None = None,
        unit_id: Id | None = None,
    ) -> list[Id]:
        """Bills of the estate whose period ends on or after ``day``, having
        a line of ``item_code`` or being for ``unit_id`` when given."""

    def mark_recheck(self, bill_ids: Iterable[Id], at: datetime) -> None:
        """Mark bills to be computed again (a bill marked already stays so)."""

    def to_recheck(self, unit_ids: Iterable[Id]) -> list[Id]:
        """The marked bills of these units, oldest period first."""

    def rechecked(self, bill_ids: Iterable[Id]) -> None:
        """Remove the marks of these bills."""


class LedgerRepository(Protocol):
    """Residents' ledger entries (账本), append-only."""

    def append(self, entries: Sequence[Entry], resident_id: Id) -> None:
        """Store new entries of one resident's ledger, in order. An entry
        whose payment's idempotency key is stored already raises
        ConflictError on ``idempotency_key``."""

    def append_many(self, entries: Sequence[tuple[Id, Entry]]) -> None:
        """:meth:`append` for several residents: (resident id, entry) pairs."""

    def for_resident(self, resident_id: Id) -> Ledger:
        """The resident's whole ledger, oldest entry first."""

    def prepaid(self, resident_ids: Iterable[Id]) -> dict[Id, Money]:
        """The prepaid balance of each resident who has one above zero."""

    def payer_of(self, payment_id: Id) -> Id | None:
        """The resident whose ledger holds the payment ``payment_id``; None
        when no ledger has a payment of that id."""

    def hold(self, resident_id: Id) -> None:
        """Hold the resident's ledger until the caller's transaction ends:
        another transaction that holds it waits, so a check made on the
        ledger after holding it still stands when the entries are written."""


class ReceiptRepository(Protocol):
    def next_number(self, estate_id: Id, estate_code: str) -> str:
        """The estate's next receipt number, taken in the caller's
        transaction: numbers have no gaps, as a rolled-back payment gives its
        number back, and two payments at once wait for each other."""

    def add(self, number: str, estate_id: Id, payment_id: Id, at: datetime) -> None:
        """Record which payment a receipt number went to."""

    def for_payment(self, payment_id: Id) -> str | None: ...

    def received_in(self, estate_id: Id, payment_ids: Iterable[Id]) -> set[Id]:
        """The payments among ``payment_ids`` whose receipt the estate gave."""


class RunDayRepository(Protocol):
    """The estates' own bill-run days (see ``schedule.py``)."""

    def days(self) -> dict[Id, int]:
        """Each estate that has a day of its own, with that day."""

    def set_day(self, estate_id: Id, day: int | None) -> None:
        """Give the estate its own day, or with None the deployment's again."""

    def unbilled(self, period: Period) -> set[Id]:
        """The estates with at least one unit that has no bill for
        ``period``."""
