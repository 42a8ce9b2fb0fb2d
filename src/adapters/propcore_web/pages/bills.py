"""Pages: one bill (账单), its lines and their formulas, and its payments (缴费).

The payment form carries an idempotency key made when the form is shown, so
submitting it twice records one payment and shows the same receipt (收据).
"""

from uuid import uuid4

from litestar import Request
from litestar.response import Template

from propcore.access.rules import Area
from propcore.billing.collecting import Receipt
from propcore.errors import ConflictError, InvalidInputError
from propcore.ids import Id
from propcore_web.context import page
from propcore_web.guard import edit, view
from propcore_web.pages.bill_views import METHODS, STATUSES, bill_view, payments_for
from propcore_web.pages.forms import REJECTED, Form, FormState, fields, mistakes
from propcore_web.routing import Actor, Core, PathId, See, get, post

BILL = ("bill", "bill_id")
PAYMENT_FIELDS = ("amount", "method", "reference", "idempotency_key")


def _payment_defaults() -> dict[str, str]:
    return {"method": "cash", "idempotency_key": uuid4().hex}


def _bill_page(
    request: Request,
    core: Core,
    viewer: See,
    bill_id: Id,
    refused: tuple[dict, dict] | None = None,
    receipt: Receipt | None = None,
) -> Template:
    issued = core.collecting.bill(bill_id)
    bill = issued.bill
    ledger = core.collecting.ledger(bill.payer_id)
    shown = bill_view(core, issued, ledger)
    money = viewer.may(shown.place(Area.PAYMENTS))
    failed = ("payment", *refused) if refused else ()
    return page(
        request,
        "bill.html",
        status=REJECTED if refused else 200,
        about=shown,
        bill=bill,
        state=shown.status(core.clock.today()),
        statuses=STATUSES,
        methods=METHODS,
        payments=payments_for(ledger, bill.id) if money else None,
        prepaid=ledger.prepaid if money else None,
        forms=FormState({"payment": _payment_defaults()}, *failed),
        receipt=receipt,
    )


@get("/bills/{bill_id:uuid}", opt=view(Area.FEES, BILL))
def show_bill(request: Request, core: Core, viewer: See, bill_id: PathId) -> Template:
    return _bill_page(request, core, viewer, bill_id)


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
        refused = (raw, mistakes(request, error))
        return _bill_page(request, core, viewer, bill_id, refused)
    return _bill_page(request, core, viewer, bill_id, receipt=receipt)


ROUTES = [show_bill, record_payment]
