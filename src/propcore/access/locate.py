"""Where a thing sits in the tree, so the policy can judge a request about it."""

import attrs

from propcore.access.policy import Actor, Resource, allows
from propcore.access.rules import Action, Area
from propcore.errors import NotFoundError
from propcore.ids import Id
from propcore.property.tree import NodeKind
from propcore.uow import UnitOfWork, UnitOfWorkFactory


@attrs.frozen
class LocateService:
    """Turns ``(kind, id)`` from a request into the resources it touches.

    A person sits wherever they hold or held an occupancy; a person with none
    yet (just registered) is unplaced, which every staff scope covers, so the
    front desk that registers someone can give them a unit."""

    uow: UnitOfWorkFactory

    def resources(self, area: Area, kind: str, item_id: Id | int) -> list[Resource]:
        """Raise NotFoundError for an unknown id."""
        with self.uow() as uow:
            return _LOCATORS[kind](uow, area, item_id)

    def may(
        self, actor: Actor, action: Action, area: Area, kind: str, item_id: Id | int
    ) -> bool:
        """True when the actor may act on the thing; unknown ids count as not found."""
        places = self.resources(area, kind, item_id)
        return any(allows(actor, action, place) for place in places)


def _node(uow: UnitOfWork, area: Area, node_id: Id) -> list[Resource]:
    node = uow.orgs.get(node_id)
    if node.kind is NodeKind.ESTATE:
        return [Resource(area, estate_id=node.id)]
    return [Resource(area)]


def _estate(uow: UnitOfWork, area: Area, estate_id: Id) -> list[Resource]:
    """An estate only: any other node is unknown here."""
    if uow.orgs.get(estate_id).kind is not NodeKind.ESTATE:
        raise NotFoundError("estate", estate_id)
    return [Resource(area, estate_id=estate_id)]


def _building(uow: UnitOfWork, area: Area, building_id: Id) -> list[Resource]:
    building = uow.buildings.get(building_id)
    return [Resource(area, building.estate_id, building.id)]


def _unit(uow: UnitOfWork, area: Area, unit_id: Id) -> list[Resource]:
    unit = uow.units.get(unit_id)
    building = uow.buildings.get(unit.building_id)
    return [Resource(area, building.estate_id, building.id, unit.id)]


def _person(uow: UnitOfWork, area: Area, person_id: Id) -> list[Resource]:
    uow.people.get(person_id)
    occupancies = uow.occupancies.for_person(person_id)
    listings = uow.units.listing({o.unit_id for o in occupancies})
    places = [
        Resource(area, item.estate.id, item.building.id, item.unit.id, person_id)
        for item in listings
    ]
    return places or [Resource(area, person_id=person_id, unplaced=True)]


def _occupancy(uow: UnitOfWork, area: Area, occupancy_id: Id) -> list[Resource]:
    occupancy = uow.occupancies.get(occupancy_id)
    (place,) = _unit(uow, area, occupancy.unit_id)
    return [attrs.evolve(place, person_id=occupancy.person_id)]


def _message(uow: UnitOfWork, area: Area, entry_id: int) -> list[Resource]:
    """Where the recipient lives; a staff recipient counts company-wide."""
    entry = uow.outbox.get(entry_id)
    account = uow.accounts.get(entry.message.account_id)
    if account.person_id is None:
        return [Resource(area)]
    return _person(uow, area, account.person_id)


def _notice(uow: UnitOfWork, area: Area, notice_id: Id) -> list[Resource]:
    return [Resource(area, estate_id=uow.notices.get(notice_id).estate_id)]


def _incident(uow: UnitOfWork, area: Area, incident_id: Id) -> list[Resource]:
    incident = uow.incidents.get(incident_id)
    return [Resource(area, incident.estate_id, incident.building_id)]


def _event(uow: UnitOfWork, area: Area, event_id: Id) -> list[Resource]:
    return [Resource(area, estate_id=uow.events.get(event_id).estate_id)]


def _bill(uow: UnitOfWork, area: Area, bill_id: Id) -> list[Resource]:
    """A bill is about its unit and its payer."""
    bill = uow.bills.get(bill_id).bill
    (place,) = _unit(uow, area, bill.unit_id)
    return [attrs.evolve(place, person_id=bill.payer_id)]


def _fee_item(uow: UnitOfWork, area: Area, fee_item_id: Id) -> list[Resource]:
    return [Resource(area, estate_id=uow.fee_items.get(fee_item_id).estate_id)]


def _meter(uow: UnitOfWork, area: Area, meter_id: Id) -> list[Resource]:
    """A unit's meter sits in its unit; a common area's in its estate."""
    meter = uow.meters.get(meter_id)
    if meter.unit_id is not None:
        return _unit(uow, area, meter.unit_id)
    return [Resource(area, estate_id=meter.estate_id)]


_LOCATORS = {
    "node": _node,
    "estate": _estate,
    "bill": _bill,
    "fee_item": _fee_item,
    "meter": _meter,
    "building": _building,
    "unit": _unit,
    "person": _person,
    "occupancy": _occupancy,
    "message": _message,
    "notice": _notice,
    "incident": _incident,
    "event": _event,
}
