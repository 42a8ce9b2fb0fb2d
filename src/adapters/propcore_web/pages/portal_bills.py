"""The resident portal's 我的账单: the bills a resident may see, explained.

A resident sees their own bills and those of their household's units the
policy lets them see in ``fees`` (a family member only with the fees
grant); payments, the balance and the prepaid balance (预存) come from each
payer's ledger, shown only where ``payments`` may be seen too.
"""

from litestar import Request, Response
from litestar.response import Template

from propcore.access.rules import Action, Area
from propcore.billing.ports import IssuedBill
from propcore.ids import Id
from propcore_web.context import page
from propcore_web.guard import SIGNED_IN
from propcore_web.pages.bill_views import (
    CORRECTIONS,
    METHODS,
    STATUSES,
    bill_views,
    corrections_of,
    payments_of,
    reversed_ids,
)
from propcore_web.pages.forms import see_other
from propcore_web.pages.homes import homes
from propcore_web.routing import Me, See, get

NO_STORE = {"cache-control": "no-store"}


def visible_bills(viewer: See, person_id: Id) -> list[IssuedBill]:
    core, seen = viewer.core, {}
    found = list(core.collecting.bills_of(person_id))
    for home in homes(viewer, person_id):
        found += core.collecting.bills_of_unit(home.listing.unit.id)
    for issued in found:
        seen.setdefault(issued.bill.id, issued)
    return [i for i in seen.values() if _may(viewer, Area.FEES, "bill", i.bill.id)]


def _may(viewer: See, area: Area, kind: str, item_id: Id) -> bool:
    return viewer.core.locate.may(viewer.actor, Action.VIEW, area, kind, item_id)


def _ledgers(viewer: See, payers: set[Id]) -> dict:
    """Each payer's ledger the resident may see, with their name."""
    return {
        payer: (
            viewer.core.residents.person(payer).name,
            viewer.core.collecting.ledger(payer),
        )
        for payer in sorted(payers, key=str)
        if _may(viewer, Area.PAYMENTS, "person", payer)
    }


@get("/portal/bills", opt=SIGNED_IN)
def my_bills(request: Request, account: Me, viewer: See) -> Response | Template:
    """Staff have no portal: they go home."""
    if account.person_id is None:
        return see_other("/")
    views = bill_views(viewer.core, visible_bills(viewer, account.person_id))
    response = page(
        request,
        "portal_bills.html",
        bills=views,
        ledgers=_ledgers(viewer, {v.bill.payer_id for v in views}),
        payments_of=payments_of,
        corrections_of=corrections_of,
        reversed_ids=reversed_ids,
        kinds=CORRECTIONS,
        statuses=STATUSES,
        methods=METHODS,
        today=viewer.core.clock.today(),
    )
    response.headers.update(NO_STORE)
    return response


ROUTES = [my_bills]
