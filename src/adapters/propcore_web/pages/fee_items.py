"""Pages: an estate's 收费项目 with their current rates, new items, new rates.

Rates are only ever added (a version from a day on), never rewritten, so a
bill already issued keeps explaining itself with the rate it used.
"""

from litestar import Request, Response
from litestar.response import Template

from propcore.access.rules import Area
from propcore.billing.fees import Cycle, FeeItem, PaymentMode
from propcore.billing.meters import MeterKind
from propcore.billing.rates import NoRateError, RateVersion
from propcore.errors import ConflictError, InvalidInputError
from propcore.ids import Id
from propcore.property.tree import Building
from propcore.property.units import Unit, Usage
from propcore_web.context import page
from propcore_web.guard import edit, view
from propcore_web.i18n import N_
from propcore_web.pages.forms import (
    REJECTED,
    Form,
    FormState,
    fields,
    mistakes,
    see_other,
)
from propcore_web.routing import Core, PathId, get, post

ESTATE, FEE_ITEM = ("estate", "estate_id"), ("fee_item", "fee_item_id")
F = Area.FEES
CYCLES = {
    Cycle.MONTHLY: N_("Monthly"),
    Cycle.QUARTERLY: N_("Quarterly"),
    Cycle.YEARLY: N_("Yearly"),
    Cycle.ONE_OFF: N_("One-off"),
}
MODES = {
    PaymentMode.IN_ADVANCE: N_("In advance"),
    PaymentMode.IN_ARREARS: N_("In arrears"),
}
NEW_ITEM = {
    "cycle": "monthly",
    "payment_mode": "in_advance",
    "due_day": "15",
    "tier_cycle": "yearly",
}


def current_rate(item: FeeItem, core: Core) -> RateVersion | None:
    try:
        return item.rates.rate_on(core.clock.today())
    except NoRateError:
        return None


def _fees_page(
    request: Request,
    core: Core,
    estate_id: Id,
    failed: tuple[str, dict, dict] | tuple[()] = (),
) -> Template:
    items = core.fees.fee_items(estate_id)
    return page(
        request,
        "fee_items.html",
        status=REJECTED if failed else 200,
        estate=core.property.estate(estate_id),
        items=[(item, current_rate(item, core)) for item in items],
        fee_types=sorted(core.billing.registry),
        usages=list(Usage),
        buildings=_buildings(core, estate_id),
        meters=list(MeterKind),
        cycles=CYCLES,
        modes=MODES,
        forms=FormState({"item": NEW_ITEM}, *failed),
    )


def _buildings(core: Core, estate_id: Id) -> list[tuple[Building, list[Unit]]]:
    """The estate's buildings with their units, which an item may name."""
    return [(b, core.property.units(b.id)) for b in core.property.buildings(estate_id)]


@get("/estates/{estate_id:uuid}/fees", opt=view(F, ESTATE))
def fee_items(request: Request, core: Core, estate_id: PathId) -> Template:
    return _fees_page(request, core, estate_id)


@post("/estates/{estate_id:uuid}/fees", opt=edit(F, ESTATE))
def create_fee_item(
    request: Request, core: Core, estate_id: PathId, data: Form
) -> Response:
    raw = fields(data)
    try:
        core.fees.create_fee_item(estate_id, raw)
    except (InvalidInputError, ConflictError) as error:
        failed = ("item", raw, mistakes(request, error))
        return _fees_page(request, core, estate_id, failed)
    return see_other(f"/estates/{estate_id}/fees")


@post("/fee-items/{fee_item_id:uuid}/rates", opt=edit(F, FEE_ITEM))
def add_rate(request: Request, core: Core, fee_item_id: PathId, data: Form) -> Response:
    (place,) = core.locate.resources(F, "fee_item", fee_item_id)
    raw = fields(data)
    try:
        core.fees.add_rate(fee_item_id, raw)
    except (InvalidInputError, ConflictError) as error:
        errors = mistakes(request, error)
        if "valid_from" in errors:
            errors["rate_from"] = errors.pop("valid_from")
        failed = (f"rate-{fee_item_id}", raw, errors)
        return _fees_page(request, core, place.estate_id, failed)
    return see_other(f"/estates/{place.estate_id}/fees")


ROUTES = [fee_items, create_fee_item, add_rate]
