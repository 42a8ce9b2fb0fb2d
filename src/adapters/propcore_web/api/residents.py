"""API: people (住户), their occupancies, households and building rosters."""

from litestar import Router
from litestar.params import JSONBody

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
from propcore_web.routing import Core, Lang, PathId, Query, get, post, put


@get("/people")
def search_people(core: Core, q: Query = "") -> list[PersonView]:
    """People whose name or phone number contains ``q``."""
    return [PersonView.of(p) for p in core.residents.search_people(q)]


@post("/people")
def create_person(core: Core, data: JSONBody[PersonCreate]) -> PersonView:
    return PersonView.of(core.residents.create_person(data.fields()))


@get("/people/{person_id:uuid}")
def get_person(core: Core, person_id: PathId) -> PersonView:
    return PersonView.of(core.residents.person(person_id))


@put("/people/{person_id:uuid}")
def update_person(
    core: Core, person_id: PathId, data: JSONBody[PersonUpdate]
) -> PersonView:
    fields = data.fields()
    if fields["id_number"] is None:
        fields["id_number"] = core.residents.person(person_id).id_number
    return PersonView.of(core.residents.update_person(person_id, fields))


@get("/people/{person_id:uuid}/units")
def units_of_person(core: Core, t: Lang, person_id: PathId) -> list[PersonUnitView]:
    rows = core.residents.units_of(person_id)
    return [PersonUnitView.of(row, core.scheme, t.language) for row in rows]


@get("/units/{unit_id:uuid}/household")
def household(core: Core, unit_id: PathId) -> list[OccupantView]:
    return [OccupantView.of(o) for o in core.residents.household(unit_id)]


@post("/units/{unit_id:uuid}/occupancies")
def add_occupancy(
    core: Core, unit_id: PathId, data: JSONBody[OccupancyBody]
) -> OccupancyView:
    """Make a person an owner (业主), family member (家庭成员) or tenant (租户)."""
    return OccupancyView.of(core.residents.add_occupancy(unit_id, data.fields()))


@post("/occupancies/{occupancy_id:uuid}/end", status_code=200)
def end_occupancy(
    core: Core, occupancy_id: PathId, data: JSONBody[OccupancyEnd]
) -> OccupancyView:
    return OccupancyView.of(core.residents.end_occupancy(occupancy_id, data.fields()))


@get("/buildings/{building_id:uuid}/roster")
def roster(core: Core, t: Lang, building_id: PathId) -> list[RosterEntryView]:
    """Every unit of the building with its status and current occupants."""
    entries = core.residents.roster(building_id)
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
