"""Who lives in an estate today, as places an audience can select.

A resident counts once per unit they currently belong to (as owner, tenant
or a family member whose head still lives there) and only with an active
account: a notice is delivered to accounts.
"""

from datetime import date

from propcore.errors import InvalidInputError
from propcore.ids import Id
from propcore.notices.model import Audience, Place
from propcore.residents.occupancy import current_household
from propcore.uow import UnitOfWork


def places_in(uow: UnitOfWork, estate_id: Id, today: date) -> list[Place]:
    units = {
        unit.id: (building.id, unit.entrance)
        for building in uow.buildings.for_estate(estate_id)
        for unit in uow.units.for_building(building.id)
    }
    current = current_household(uow.occupancies.for_units(units), today)
    people = uow.people.get_many({o.person_id for o in current})
    accounts = {pid: uow.accounts.for_person(pid) for pid in people}
    return [
        Place(
            account.id,
            o.person_id,
            o.unit_id,
            *units[o.unit_id],
            o.role,
            frozenset(people[o.person_id].interest_tags),
            people[o.person_id].events_consent,
            people[o.person_id].birth_date,
        )
        for o in current
        if (account := accounts[o.person_id]) is not None and account.active
    ]


def check_inside(uow: UnitOfWork, estate_id: Id, audience: Audience) -> None:
    """Every building and unit the audience names belongs to the estate."""
    buildings = {b.id for b in uow.buildings.for_estate(estate_id)}
    entrance_buildings = {b for b, _ in audience.entrances}
    if not (audience.building_ids | entrance_buildings) <= buildings:
        raise InvalidInputError.single(
            "building_ids", "must be buildings of the estate"
        )
    for unit_id in audience.unit_ids:
        if uow.units.get(unit_id).building_id not in buildings:
            raise InvalidInputError.single("unit_ids", "must be units of the estate")
