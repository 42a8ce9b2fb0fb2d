"""API: people (住户), their occupancies, households and building rosters."""

from litestar import Router
from litestar.params import JSONBody

from propcore.access.rules import Area
from propcore_web.api.bodies import (
    OccupancyBody,
    OccupancyEnd,
    PersonCreate,
    PersonUpdate,
)
from propcore_web.api.views import (
    OccupancyView,
    OccupantView,
    PersonUnitView,
    PersonView,
    RosterEntryView,
)
from propcore_web.guard import edit, view
from propcore_web.routing import Core, Lang, PathId, Query, See, get, post, put

R = Area.RESIDENTS
PERSON, UNIT = ("person", "person_id"), ("unit", "unit_id")
OCCUPANCY, BUILDING = ("occupancy", "occupancy_id"), ("building", "building_id")


@get("/people", opt=view(R))
def search_people(core: Core, viewer: See, q: Query = "") -> list[PersonView]:
    """People whose name or phone number contains ``q``."""
    return [
        PersonView.of(p)
        for p in viewer.people(
            core.residents.search_people(q, within=viewer.within(Area.RESIDENTS))
        )
    ]


@post("/people", opt=edit(R))
def create_person(core: Core, data: JSONBody[PersonCreate]) -> PersonView:
    return PersonView.of(core.residents.create_person(data.fields()))


@get("/people/{person_id:uuid}", opt=view(R, PERSON))
def get_person(core: Core, person_id: PathId) -> PersonView:
    return PersonView.of(core.residents.person(person_id))


@put("/people/{person_id:uuid}", opt=edit(R, PERSON))
def update_person(
    core: Core, person_id: PathId, data: JSONBody[PersonUpdate]
) -> PersonView:
    fields = data.fields()
    if fields["id_number"] is None:
        fields["id_number"] = core.residents.person(person_id).id_number
    return PersonView.of(core.residents.update_person(person_id, fields))


@get("/people/{person_id:uuid}/units", opt=view(R, PERSON))
def units_of_person(
    core: Core, t: Lang, viewer: See, person_id: PathId
) -> list[PersonUnitView]:
    rows = viewer.person_units(core.residents.units_of(person_id))
    return [PersonUnitView.of(row, core.scheme, t.language) for row in rows]


@get("/units/{unit_id:uuid}/household", opt=view(R, UNIT))
def household(core: Core, viewer: See, unit_id: PathId) -> list[OccupantView]:
    listing = core.property.unit(unit_id)
    occupants = core.residents.household(unit_id)
    shown = viewer.occupants(listing.building, listing.unit, occupants)
    return [OccupantView.of(o) for o in shown]


@post("/units/{unit_id:uuid}/occupancies", opt=edit(R, UNIT))
def add_occupancy(
    core: Core, viewer: See, unit_id: PathId, data: JSONBody[OccupancyBody]
) -> OccupancyView:
    """Make a person an owner (业主), family member (家庭成员) or tenant (租户)."""
    raw = data.fields()
    viewer.check_person(raw.get("person_id"))
    by = viewer.actor.account_id
    return OccupancyView.of(core.residents.add_occupancy(unit_id, raw, by=by))


@post("/occupancies/{occupancy_id:uuid}/end", status_code=200, opt=edit(R, OCCUPANCY))
def end_occupancy(
    core: Core, viewer: See, occupancy_id: PathId, data: JSONBody[OccupancyEnd]
) -> OccupancyView:
    ended = core.residents.end_occupancy(
        occupancy_id, data.fields(), by=viewer.actor.account_id
    )
    return OccupancyView.of(ended)


@get("/buildings/{building_id:uuid}/roster", opt=view(R, BUILDING))
def roster(
    core: Core, t: Lang, viewer: See, building_id: PathId
) -> list[RosterEntryView]:
    """Every unit of the building with its status and current occupants."""
    building = core.property.building(building_id)
    entries = viewer.roster(building, core.residents.roster(building_id))
    return [RosterEntryView.of(e, core.scheme, t.language) for e in entries]


router = Router(
    "/",
    tags=["residents"],
    route_handlers=[
        search_people,
        create_person,
        get_person,
        update_person,
        units_of_person,
        household,
        add_occupancy,
        end_occupancy,
        roster,
    ],
)
