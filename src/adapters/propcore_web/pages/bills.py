"""Pages: one bill (账单), its lines and their formulas, and its payments (缴费).

The payment form carries an idempotency key made when the form is shown, so
submitting it twice records one payment and shows the same receipt (收据).
"""

from typing import Any
from uuid import uuid4

from litestar import Request
from litestar.response import Template

from propcore.access.rules import Area
from propcore.errors import ConflictError, InvalidInputError
from propcore.ids import Id
from propcore_web.context import page
from propcore_web.guard import edit, view
from propcore_web.pages.bill_views import (
    CORRECTIONS,
    METHODS,
    STATUSES,
    bill_view,
    corrections_of,
    payments_for,
    reversed_ids,
    reversible_payments,
)
from propcore_web.pages.forms import REJECTED, Form, FormState, fields, mistakes
from propcore_web.routing import Actor, Core, PathId, See, get, post

BILL = ("bill", "bill_id")
PAYMENT_FIELDS = ("amount", "method", "reference", "idempotency_key")


def _defaults() -> dict[str, dict[str, str]]:
    """Each money form with a key of its own, made when the form is shown."""
    cash = {"method": "cash"}
    return {
        name: {**extra, "idempotency_key": uuid4().hex}
        for name, extra in (("payment", cash), ("reversal", {}), ("refund", cash))
    }


def bill_page(
    request: Request,
    core: Core,
    viewer: See,
    bill_id: Id,
    refused: tuple[str, dict, dict] | None = None,
    **done: Any,
) -> Template:
    """The bill; ``refused``: the form sent back, what was typed and why;
    ``done``: what a form just did (``receipt``, ``reversal``, ``refund``)."""
    issued = core.collecting.bill(bill_id)
    bill = issued.bill
    ledger = core.collecting.ledger(bill.payer_id)
    shown = bill_view(core, issued, ledger)
    money = viewer.may(shown.place(Area.PAYMENTS))
    return page(
        request,
        "bill.html",
        status=REJECTED if refused else 200,
        about=shown,
        bill=bill,
        state=shown.status(core.clock.today()),
        statuses=STATUSES,
        methods=METHODS,
        kinds=CORRECTIONS,
        payments=payments_for(ledger, bill.id) if money else None,
        prepaid=ledger.prepaid if money else None,
        corrections=corrections_of(ledger) if money else None,
        reversed=reversed_ids(ledger),
        reversible=_reversible_here(core, issued, ledger) if money else [],
        forms=FormState(_defaults(), *(refused or ())),
        **(dict.fromkeys(("receipt", "reversal", "refund")) | done),
    )


def _reversible_here(core: Core, issued, ledger) -> list:
    """The payer's payments staff of the bill's estate may still reverse."""
    payments = reversible_payments(ledger)
    here = core.reversing.received_in(issued.estate_id, [e.id for e in payments])
    return [e for e in payments if e.id in here]


@get("/bills/{bill_id:uuid}", opt=view(Area.FEES, BILL))
def show_bill(request: Request, core: Core, viewer: See, bill_id: PathId) -> Template:
    return bill_page(request, core, viewer, bill_id)


@post("/bills/{bill_id:uuid}/payments", opt=edit(Area.PAYMENTS, BILL))
def record_payment(
    request: Request,
    core: Core,
    viewer: See,
    actor: Actor,
    bill_id: PathId,
    data: Form,
) -> Template:
    """A payment by the bill's payer; it settles this bill first when staff
    leave the box ticked, then their oldest bills."""
    given = fields(data)
    raw = {k: v for k, v in given.items() if k in PAYMENT_FIELDS}
    issued = core.collecting.bill(bill_id)
    first = bill_id if given.get("this_bill_first") else None
    try:
        receipt = core.collecting.record_payment(
            issued.estate_id,
            issued.bill.payer_id,
            raw,
            actor=actor or "web",
            first_bill=first,
        )
    except (InvalidInputError, ConflictError) as error:
        refused = ("payment", raw, mistakes(request, error))
        return bill_page(request, core, viewer, bill_id, refused)
    return bill_page(request, core, viewer, bill_id, receipt=receipt)


ROUTES = [show_bill, record_payment]
