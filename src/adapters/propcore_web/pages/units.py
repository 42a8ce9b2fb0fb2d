"""Pages: a unit (房屋) with its status (房产状态), history and household."""

from litestar import Request, Response
from litestar.response import Template

from propcore.access.policy import Resource
from propcore.access.rules import Area
from propcore.billing.setup import MeterState
from propcore.errors import ConflictError, InvalidInputError
from propcore.property.ports import UnitListing
from propcore.property.units import Unit, Usage
from propcore.residents.occupancy import Role
from propcore_web.context import page
from propcore_web.guard import edit, view
from propcore_web.pages.bill_views import STATUSES, unit_bills
from propcore_web.pages.forms import (
    REJECTED,
    Form,
    FormState,
    fields,
    mistakes,
    see_other,
)
from propcore_web.pages.meters import KINDS, NEW_METER
from propcore_web.routing import Actor, Core, PathId, See, get, post

P, R, F = Area.PROPERTY, Area.RESIDENTS, Area.FEES
UNIT, OCCUPANCY = ("unit", "unit_id"), ("occupancy", "occupancy_id")


def unit_values(unit: Unit) -> dict[str, str]:
    """A unit as the edit form shows it."""
    usable = unit.usable_area
    return {
        "label": unit.label,
        "entrance": unit.entrance,
        "floor": str(unit.floor),
        "room": unit.room,
        "gross_area": str(unit.gross_area.square_metres),
        "usable_area": str(usable.square_metres) if usable else "",
        "layout": str(unit.layout) if unit.layout else "",
        "usage": unit.usage.value,
        "fee_coefficient": str(unit.fee_coefficient),
    }


def _unit_meters(viewer: See, listing: UnitListing) -> list[MeterState] | None:
    """The unit's meters for staff who see its fees; None for others."""
    place = Resource(F, listing.estate.id, listing.building.id, listing.unit.id)
    if not viewer.may(place):
        return None
    return viewer.core.fees.meters(unit_id=listing.unit.id)


def _unit_page(
    request: Request,
    core: Core,
    viewer: See,
    unit_id: PathId,
    failed: str | None = None,
    raw: dict | None = None,
    errors: dict | None = None,
) -> Template:
    listing = core.property.unit(unit_id)
    household = viewer.occupants(
        listing.building, listing.unit, core.residents.household(unit_id)
    )
    who = request.query_params.get("who", "")
    return page(
        request,
        "unit.html",
        status=REJECTED if failed else 200,
        listing=listing,
        unit=listing.unit,
        targets=core.scheme.targets(listing.unit.status),
        history=core.property.history(unit_id),
        household=household,
        heads=[o for o in household if o.occupancy.role is not Role.FAMILY],
        who=who,
        candidates=viewer.people(
            core.residents.search_people(who, within=viewer.within(Area.RESIDENTS))
        ),
        usages=list(Usage),
        forms=FormState(
            {"unit": unit_values(listing.unit), "meter": NEW_METER}, failed, raw, errors
        ),
        meters=_unit_meters(viewer, listing),
        meter_kinds=KINDS,
        bills=unit_bills(viewer, listing),
        bill_statuses=STATUSES,
        today=core.clock.today(),
    )


@get("/units/{unit_id:uuid}", opt=view(P, UNIT))
def show_unit(request: Request, core: Core, viewer: See, unit_id: PathId) -> Template:
    return _unit_page(request, core, viewer, unit_id)


@post("/units/{unit_id:uuid}", opt=edit(P, UNIT))
def edit_unit(
    request: Request, core: Core, viewer: See, unit_id: PathId, data: Form
) -> Response:
    raw = fields(data)
    try:
        core.property.update_unit(unit_id, raw)
    except (InvalidInputError, ConflictError) as error:
        errors = mistakes(request, error)
        return _unit_page(request, core, viewer, unit_id, "unit", raw, errors)
    return see_other(f"/units/{unit_id}")


@post("/units/{unit_id:uuid}/status", opt=edit(P, UNIT))
def change_status(
    request: Request,
    core: Core,
    viewer: See,
    actor: Actor,
    unit_id: PathId,
    data: Form,
) -> Response:
    raw = fields(data)
    try:
        core.property.change_status(
            unit_id,
            str(raw.get("to_status", "")),
            actor=actor,
            reason=str(raw.get("reason", "")),
        )
    except (InvalidInputError, ConflictError) as error:
        errors = mistakes(request, error)
        if "status" in errors:
            errors["to_status"] = errors.pop("status")
        return _unit_page(request, core, viewer, unit_id, "status", raw, errors)
    return see_other(f"/units/{unit_id}")


@post("/units/{unit_id:uuid}/meters", opt=edit(F, UNIT))
def register_meter(
    request: Request, core: Core, viewer: See, unit_id: PathId, data: Form
) -> Response:
    """A meter on this unit (水表, 电表, 燃气表, 热表)."""
    raw = fields(data)
    estate_id = core.property.unit(unit_id).estate.id
    try:
        core.fees.register_meter(
            estate_id, raw | {"unit_id": unit_id, "common_area": ""}
        )
    except InvalidInputError as error:
        errors = mistakes(request, error)
        return _unit_page(request, core, viewer, unit_id, "meter", raw, errors)
    return see_other(f"/units/{unit_id}#meters")


@post("/units/{unit_id:uuid}/occupancies", opt=edit(R, UNIT))
def add_occupancy(
    request: Request, core: Core, viewer: See, unit_id: PathId, data: Form
) -> Response:
    raw = fields(data)
    viewer.check_person(raw.get("person_id"))
    try:
        core.residents.add_occupancy(unit_id, raw, by=viewer.actor.account_id)
    except (InvalidInputError, ConflictError) as error:
        form = str(raw.get("role", "owner"))
        errors = mistakes(request, error)
        return _unit_page(request, core, viewer, unit_id, form, raw, errors)
    return see_other(f"/units/{unit_id}")


@post("/occupancies/{occupancy_id:uuid}/end", opt=edit(R, OCCUPANCY))
def end_occupancy(
    request: Request, core: Core, viewer: See, occupancy_id: PathId, data: Form
) -> Response:
    raw = fields(data)
    try:
        ended = core.residents.end_occupancy(
            occupancy_id, raw, by=viewer.actor.account_id
        )
    except (InvalidInputError, ConflictError) as error:
        (place,) = core.locate.resources(R, "occupancy", occupancy_id)
        unit_id = place.unit_id
        errors = mistakes(request, error)
        return _unit_page(request, core, viewer, unit_id, "end", raw, errors)
    return see_other(f"/units/{ended.unit_id}")


ROUTES = [
    show_unit,
    edit_unit,
    change_status,
    register_meter,
    add_occupancy,
    end_occupancy,
]
