"""Pages: 冲正 (reversing a payment) and 退款 (refunding prepaid money) on a
bill's page, for the bill's payer.

Both forms carry an idempotency key made when the page is shown, like the
payment form: sending one twice reverses or refunds once. A refused form is
shown again with what was typed and each mistake under its field.
"""

from collections.abc import Callable

from litestar import Request
from litestar.response import Template

from propcore.access.rules import Area
from propcore.errors import ConflictError, InvalidInputError
from propcore.ids import Id
from propcore.money import Money
from propcore_web.guard import edit
from propcore_web.pages.bills import BILL, bill_page
from propcore_web.pages.forms import Form, fields, mistakes
from propcore_web.routing import Actor, Core, PathId, See, post

REVERSAL_FIELDS = ("payment_id", "reason", "idempotency_key")
REFUND_FIELDS = ("amount", "method", "reference", "reason", "idempotency_key")


def _act(
    request: Request,
    viewer: See,
    bill_id: Id,
    data: dict,
    form: tuple[str, tuple[str, ...]],
    action: Callable[[Id, Id, dict], object],
) -> Template:
    """Run ``action`` for the bill's payer on the form's fields; show the bill
    with what it did, or the form again with its mistakes."""
    name, known = form
    raw = {k: v for k, v in fields(data).items() if k in known}
    issued = viewer.core.collecting.bill(bill_id)
    try:
        done = action(issued.bill.payer_id, issued.estate_id, raw)
    except (InvalidInputError, ConflictError) as error:
        refused = (name, raw, mistakes(request, error))
        return bill_page(request, viewer.core, viewer, bill_id, refused)
    return bill_page(request, viewer.core, viewer, bill_id, **{name: done})


@post("/bills/{bill_id:uuid}/reversals", opt=edit(Area.PAYMENTS, BILL))
def reverse_payment(
    request: Request, core: Core, viewer: See, actor: Actor, bill_id: PathId, data: Form
) -> Template:
    """冲正: a payment of the payer taken back, e.g. a bounced transfer."""

    def reverse(payer: Id, estate: Id, raw: dict):
        by, name = viewer.actor.account_id, actor or "web"
        return core.reversing.reverse_payment(
            payer, raw, in_estate=estate, actor=name, by=by
        )

    return _act(request, viewer, bill_id, data, ("reversal", REVERSAL_FIELDS), reverse)


@post("/bills/{bill_id:uuid}/refunds", opt=edit(Area.PAYMENTS, BILL))
def refund(
    request: Request, core: Core, viewer: See, actor: Actor, bill_id: PathId, data: Form
) -> Template:
    """退款: prepaid money of the payer paid back; the page shows the total
    of its parts."""

    def pay_back(payer: Id, estate: Id, raw: dict) -> Money:
        by, name = viewer.actor.account_id, actor or "web"
        parts = core.reversing.refund(payer, raw, in_estate=estate, actor=name, by=by)
        return sum((part.amount for part in parts), Money.zero())

    return _act(request, viewer, bill_id, data, ("refund", REFUND_FIELDS), pay_back)


ROUTES = [reverse_payment, refund]
