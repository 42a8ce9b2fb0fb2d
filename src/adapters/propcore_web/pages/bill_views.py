"""Bills as pages show them: the bill, where it is, who pays, what is open.

What is due and settled comes from the payer's ledger, the one record of
money; nothing here is stored.
"""

from collections.abc import Iterable
from datetime import date

import attrs

from propcore.access.policy import Resource
from propcore.access.rules import Area
from propcore.application import Propcore
from propcore.billing.ledger import Entry, EntryKind, Ledger
from propcore.billing.ports import IssuedBill
from propcore.ids import Id
from propcore.money import Money
from propcore.property.ports import UnitListing
from propcore_web.i18n import N_
from propcore_web.visible import Viewer

METHODS = {
    "cash": N_("Cash"),
    "bank_transfer": N_("Bank transfer"),
    "wechat_pay": N_("WeChat Pay"),
    "alipay": N_("Alipay"),
    "pos": N_("Card terminal"),
}
STATUSES = {
    "settled": N_("Settled"),
    "open": N_("Open"),
    "overdue": N_("Overdue"),
}


@attrs.frozen
class BillView:
    issued: IssuedBill
    listing: UnitListing
    payer: str
    due: Money
    settled: Money

    @property
    def bill(self):
        return self.issued.bill

    @property
    def open(self) -> Money:
        return self.due - self.settled

    def place(self, area: Area) -> Resource:
        """Where the policy finds this bill: its unit, its payer."""
        building = self.listing.building
        return Resource(
            area, building.estate_id, building.id, self.bill.unit_id, self.bill.payer_id
        )

    def status(self, today: date) -> str:
        """``settled`` when nothing is open, else ``overdue`` past the due day."""
        if self.open.amount <= 0:
            return "settled"
        return "overdue" if self.bill.due < today else "open"


def bill_view(core: Propcore, issued: IssuedBill, ledger: Ledger) -> BillView:
    bill = issued.bill
    return BillView(
        issued,
        core.property.unit(bill.unit_id),
        core.residents.person(bill.payer_id).name,
        ledger.amount_due(bill.id),
        ledger.settled(bill.id),
    )


def bill_views(core: Propcore, found: Iterable[IssuedBill]) -> list[BillView]:
    """One ledger read per payer, newest period first."""
    ledgers: dict[Id, Ledger] = {}
    views = []
    for issued in found:
        payer = issued.bill.payer_id
        if payer not in ledgers:
            ledgers[payer] = core.collecting.ledger(payer)
        views.append(bill_view(core, issued, ledgers[payer]))
    return sorted(views, key=lambda v: v.bill.period, reverse=True)


def unit_bills(viewer: Viewer, listing: UnitListing) -> list[BillView]:
    """The unit's bills whose payers the actor may see in ``fees``."""
    estate, building = listing.estate.id, listing.building.id
    found = [
        issued
        for issued in viewer.core.collecting.bills_of_unit(listing.unit.id)
        if viewer.may(
            Resource(Area.FEES, estate, building, listing.unit.id, issued.bill.payer_id)
        )
    ]
    return bill_views(viewer.core, found)


def payments_for(ledger: Ledger, bill_id: Id) -> list[tuple[Entry, Money]]:
    """The payments and prepaid draws that settled the bill, with how much."""
    shares = []
    for entry in ledger.entries:
        paid = [s.amount for s in entry.settlements if s.bill_id == bill_id]
        if paid and entry.kind in (EntryKind.PAYMENT, EntryKind.PREPAID_DRAWN):
            shares.append((entry, sum(paid, Money.zero())))
    return shares


def payments_of(ledger: Ledger) -> list[Entry]:
    return [e for e in ledger.entries if e.kind is EntryKind.PAYMENT]


CORRECTIONS = {"reversal": N_("Reversal"), "refund": N_("Refund")}


def corrections_of(ledger: Ledger) -> list[Entry]:
    """冲正 and 退款: what undid or paid back money, each with its reason."""
    kinds = (EntryKind.REVERSAL, EntryKind.REFUND)
    return [e for e in ledger.entries if e.kind in kinds]


def reversed_ids(ledger: Ledger) -> set[Id]:
    reversals = (e for e in ledger.entries if e.kind is EntryKind.REVERSAL)
    return {e.refers_to for e in reversals}


def reversible_payments(ledger: Ledger) -> list[Entry]:
    """The payments staff may still reverse: not reversed, not refunded."""
    gone = reversed_ids(ledger)
    return [
        e
        for e in payments_of(ledger)
        if e.id not in gone and ledger.refundable(e.id) == e.amount
    ]
