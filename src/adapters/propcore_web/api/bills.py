"""API: bills (账单) and the payer's money on them: 缴费, 冲正 and 退款.

The rules are the pages': a unit's bills are listed to whoever sees the
unit, each bill only where its payer's fees may be seen; a bill to those
who see its fees; payments, reversals and refunds for those who may edit
payments on the bill. Each write carries an ``idempotency_key``: sending it
again returns the first result and records nothing.
"""

import logging

from litestar import Router
from litestar.params import JSONBody

from propcore.access.rules import Area
from propcore.ids import Id
from propcore_web.api.bill_views import (
    BillDetailView,
    BillPaymentView,
    BillSummaryView,
    EntryView,
    LineView,
    ReceiptView,
    RefundView,
)
from propcore_web.api.bodies import PaymentBody, RefundBody, ReversalBody
from propcore_web.guard import edit, view
from propcore_web.pages.bill_views import (
    bill_view,
    payments_for,
    reversed_ids,
    unit_bills,
)
from propcore_web.routing import Actor, Core, PathId, See, get, post

logger = logging.getLogger(__name__)

F, PAY = Area.FEES, Area.PAYMENTS
UNIT, BILL = ("unit", "unit_id"), ("bill", "bill_id")


@get("/units/{unit_id:uuid}/bills", opt=view(Area.PROPERTY, UNIT))
def unit_bills_list(core: Core, viewer: See, unit_id: PathId) -> list[BillSummaryView]:
    """The unit's bills whose payer's fees the caller may see, newest
    period first (a resident: their own household's)."""
    today = core.clock.today()
    shown = unit_bills(viewer, core.property.unit(unit_id))
    return [BillSummaryView.of(bill, today) for bill in shown]


@get("/bills/{bill_id:uuid}", opt=view(F, BILL))
def get_bill(core: Core, viewer: See, bill_id: PathId) -> BillDetailView:
    """The bill's lines, each with its formula and inputs, and its balance."""
    issued = core.collecting.bill(bill_id)
    ledger = core.collecting.ledger(issued.bill.payer_id)
    shown = bill_view(core, issued, ledger)
    money = viewer.may(shown.place(PAY))
    gone = reversed_ids(ledger)
    payments = [
        BillPaymentView(EntryView.of(entry), str(share.amount), entry.id in gone)
        for entry, share in payments_for(ledger, bill_id)
    ]
    return BillDetailView(
        **BillSummaryView.fields_of(shown, core.clock.today()),
        lines=[LineView.of(line) for line in issued.bill.lines],
        payments=payments if money else None,
        prepaid=str(ledger.prepaid.amount) if money else None,
    )


def _payer_and_estate(core: Core, bill_id: Id) -> tuple[Id, Id]:
    issued = core.collecting.bill(bill_id)
    return issued.bill.payer_id, issued.estate_id


@post("/bills/{bill_id:uuid}/payments", opt=edit(PAY, BILL))
def record_payment(
    core: Core, viewer: See, actor: Actor, bill_id: PathId, data: JSONBody[PaymentBody]
) -> ReceiptView:
    """缴费 by the bill's payer; the same ``idempotency_key`` again returns
    the first receipt."""
    raw = data.fields()
    first = bill_id if raw.pop("this_bill_first") else None
    payer, estate = _payer_and_estate(core, bill_id)
    receipt = core.collecting.record_payment(
        estate, payer, raw, actor=actor or "api", first_bill=first
    )
    logger.info(
        "payment %s on bill %s by account %s",
        receipt.entry.id,
        bill_id,
        viewer.actor.account_id,
    )
    return ReceiptView.of(receipt)


@post("/bills/{bill_id:uuid}/reversals", opt=edit(PAY, BILL))
def reverse_payment(
    core: Core, viewer: See, actor: Actor, bill_id: PathId, data: JSONBody[ReversalBody]
) -> EntryView:
    """冲正 of a payment of the bill's payer whose receipt the bill's estate
    gave; the bills it settled are open again."""
    payer, estate = _payer_and_estate(core, bill_id)
    by = viewer.actor.account_id
    entry = core.reversing.reverse_payment(
        payer, data.fields(), in_estate=estate, actor=actor or "api", by=by
    )
    logger.info("reversal %s on bill %s by account %s", entry.id, bill_id, by)
    return EntryView.of(entry)


@post("/bills/{bill_id:uuid}/refunds", opt=edit(PAY, BILL))
def refund(
    core: Core, viewer: See, actor: Actor, bill_id: PathId, data: JSONBody[RefundBody]
) -> RefundView:
    """退款 of the bill's payer's prepaid money, at most what is left of the
    payments received in the bill's estate."""
    payer, estate = _payer_and_estate(core, bill_id)
    by = viewer.actor.account_id
    parts = core.reversing.refund(
        payer, data.fields(), in_estate=estate, actor=actor or "api", by=by
    )
    logger.info("refund %s on bill %s by account %s", parts[0].id, bill_id, by)
    return RefundView.of(parts)


router = Router(
    "/",
    tags=["bills"],
    route_handlers=[unit_bills_list, get_bill, record_payment, reverse_payment, refund],
)
