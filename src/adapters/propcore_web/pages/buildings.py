"""Pages: a building (楼栋) with its roster of units and occupants."""

from litestar import Request, Response
from litestar.response import Template

from propcore.access.rules import Area
from propcore.errors import ConflictError, InvalidInputError
from propcore.property.units import Usage
from propcore_web.context import page
from propcore_web.guard import edit, view
from propcore_web.pages.forms import (
    REJECTED,
    Form,
    FormState,
    fields,
    mistakes,
    see_other,
)
from propcore_web.routing import Actor, Core, PathId, See, get, post

P, BUILDING = Area.PROPERTY, ("building", "building_id")

NEW_UNIT = {"usage": Usage.RESIDENTIAL.value, "fee_coefficient": "1.0000"}


def _building_page(
    request: Request,
    core: Core,
    viewer: See,
    building_id: PathId,
    failed: str | None = None,
    raw: dict | None = None,
    errors: dict | None = None,
) -> Template:
    building = core.property.building(building_id)
    defaults = {
        "building": {"name": building.name, "address": building.address},
        "unit": NEW_UNIT,
    }
    return page(
        request,
        "building.html",
        status=REJECTED if failed else 200,
        building=building,
        estate=core.property.node(building.estate_id),
        roster=viewer.roster(building, core.residents.roster(building_id)),
        figures=core.property.building_figures(building_id),
        usages=list(Usage),
        forms=FormState(defaults, failed, raw, errors),
    )


@get("/buildings/{building_id:uuid}", opt=view(P, BUILDING))
def show_building(
    request: Request, core: Core, viewer: See, building_id: PathId
) -> Template:
    return _building_page(request, core, viewer, building_id)


@post("/buildings/{building_id:uuid}", opt=edit(P, BUILDING))
def edit_building(
    request: Request, core: Core, viewer: See, building_id: PathId, data: Form
) -> Response:
    raw = fields(data)
    try:
        core.property.update_building(building_id, raw)
    except (InvalidInputError, ConflictError) as error:
        errors = mistakes(request, error)
        return _building_page(
            request, core, viewer, building_id, "building", raw, errors
        )
    return see_other(f"/buildings/{building_id}")


@post("/buildings/{building_id:uuid}/units", opt=edit(P, BUILDING))
def create_unit(
    request: Request,
    core: Core,
    viewer: See,
    actor: Actor,
    building_id: PathId,
    data: Form,
) -> Response:
    raw = fields(data)
    try:
        unit = core.property.create_unit(building_id, raw, actor)
    except (InvalidInputError, ConflictError) as error:
        errors = mistakes(request, error)
        return _building_page(request, core, viewer, building_id, "unit", raw, errors)
    return see_other(f"/units/{unit.id}")


ROUTES = [show_building, edit_building, create_unit]
