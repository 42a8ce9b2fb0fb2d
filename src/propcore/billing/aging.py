"""Aging (账龄) of arrears (欠费): open amounts by how long they are past due.

Days past due are ``as_of − due_on``. A negative count is not yet due; a bill
due on the report's date and still open is 0 days past due.
"""

import enum
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date

import attrs

from propcore.billing.payments import OpenItem
from propcore.ids import Id
from propcore.money import Money


class AgingBucket(enum.StrEnum):
    NOT_DUE = "not_due"
    DAYS_0_30 = "0-30"
    DAYS_31_90 = "31-90"
    DAYS_91_180 = "91-180"
    OVER_180 = "over_180"


_UPPER_DAYS = (
    (30, AgingBucket.DAYS_0_30),
    (90, AgingBucket.DAYS_31_90),
    (180, AgingBucket.DAYS_91_180),
)


def bucket_for(due_on: date, as_of: date) -> AgingBucket:
    days = (as_of - due_on).days
    if days < 0:
        return AgingBucket.NOT_DUE
    for upper, bucket in _UPPER_DAYS:
        if days <= upper:
            return bucket
    return AgingBucket.OVER_180


@attrs.frozen
class PlacedItem:
    """An open item with the estate and building of the unit it is for."""

    item: OpenItem
    estate_id: Id
    building_id: Id


@attrs.frozen
class AgingRow:
    estate_id: Id
    building_id: Id | None
    amounts: Mapping[AgingBucket, Money]

    @property
    def total(self) -> Money:
        return sum(self.amounts.values(), Money.zero())


def _zeros() -> dict[AgingBucket, Money]:
    return {bucket: Money.zero() for bucket in AgingBucket}


@attrs.frozen
class AgingReport:
    """Rows per building; estate rows (``building_id`` None) add them up.
    Amounts are exact: nothing is rounded."""

    as_of: date
    buildings: tuple[AgingRow, ...]

    def estates(self) -> tuple[AgingRow, ...]:
        sums: dict[Id, dict[AgingBucket, Money]] = defaultdict(_zeros)
        for row in self.buildings:
            for bucket, amount in row.amounts.items():
                sums[row.estate_id][bucket] += amount
        return tuple(AgingRow(estate, None, sums[estate]) for estate in sorted(sums))

    @property
    def total(self) -> Money:
        return sum((row.total for row in self.buildings), Money.zero())

    def bucket_total(self, bucket: AgingBucket) -> Money:
        return sum((row.amounts[bucket] for row in self.buildings), Money.zero())


def aging_report(items: Iterable[PlacedItem], as_of: date) -> AgingReport:
    """Sum each item's open amount into its building's bucket; settled items
    are left out."""
    sums: dict[tuple[Id, Id], dict[AgingBucket, Money]] = defaultdict(_zeros)
    for placed in items:
        if placed.item.open_amount.amount > 0:
            bucket = bucket_for(placed.item.due_on, as_of)
            sums[placed.estate_id, placed.building_id][bucket] += (
                placed.item.open_amount
            )
    rows = (
        AgingRow(estate, building, sums[estate, building])
        for estate, building in sorted(sums)
    )
    return AgingReport(as_of, tuple(rows))
