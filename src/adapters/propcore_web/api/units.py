"""API: units (房屋), their status (房产状态) and its history."""

from litestar import Router
from litestar.params import JSONBody

from propcore.access.rules import Area
from propcore_web.api.bodies import StatusChangeBody, UnitCreate, UnitUpdate
from propcore_web.api.views import StatusChangeView, UnitListingView, UnitView
from propcore_web.guard import edit, view
from propcore_web.routing import (
    Actor,
    Core,
    Lang,
    PathId,
    Query,
    See,
    get,
    post,
    put,
)

P = Area.PROPERTY
BUILDING, UNIT = ("building", "building_id"), ("unit", "unit_id")


@get("/buildings/{building_id:uuid}/units", opt=view(P, BUILDING))
def list_units(core: Core, t: Lang, building_id: PathId) -> list[UnitView]:
    units = core.property.units(building_id)
    return [UnitView.of(u, core.scheme, t.language) for u in units]


@post("/buildings/{building_id:uuid}/units", opt=edit(P, BUILDING))
def create_unit(
    core: Core, t: Lang, actor: Actor, building_id: PathId, data: JSONBody[UnitCreate]
) -> UnitView:
    unit = core.property.create_unit(building_id, data.fields(), actor)
    return UnitView.of(unit, core.scheme, t.language)


@get("/units", opt=view(P))
def search_units(
    core: Core, t: Lang, viewer: See, q: Query = ""
) -> list[UnitListingView]:
    """Units whose label, building, estate or address contain ``q``."""
    hits = viewer.listings(
        core.property.search_units(q, within=viewer.within(Area.PROPERTY))
    )
    return [UnitListingView.of(item, core.scheme, t.language) for item in hits]


@get("/units/{unit_id:uuid}", opt=view(P, UNIT))
def get_unit(core: Core, t: Lang, unit_id: PathId) -> UnitListingView:
    return UnitListingView.of(core.property.unit(unit_id), core.scheme, t.language)


@put("/units/{unit_id:uuid}", opt=edit(P, UNIT))
def update_unit(
    core: Core, t: Lang, unit_id: PathId, data: JSONBody[UnitUpdate]
) -> UnitView:
    unit = core.property.update_unit(unit_id, data.fields())
    return UnitView.of(unit, core.scheme, t.language)


@post("/units/{unit_id:uuid}/status", opt=edit(P, UNIT))
def change_status(
    core: Core, actor: Actor, unit_id: PathId, data: JSONBody[StatusChangeBody]
) -> StatusChangeView:
    """Move the unit to another status, if the status scheme allows it."""
    change = core.property.change_status(
        unit_id, data.to_status, actor=actor, reason=data.reason
    )
    return StatusChangeView.of(change)


@get("/units/{unit_id:uuid}/history", opt=view(P, UNIT))
def status_history(core: Core, unit_id: PathId) -> list[StatusChangeView]:
    return [StatusChangeView.of(c) for c in core.property.history(unit_id)]


router = Router(
    "/",
    tags=["units"],
    route_handlers=[
        list_units,
        create_unit,
        search_units,
        get_unit,
        update_unit,
        change_status,
        status_history,
    ],
)
