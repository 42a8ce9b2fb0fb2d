"""What a handler may show: lists filtered through the permission policy.

The guard lets a collection route through when the actor has some reach in
its area; the handler then lists only what :class:`Viewer` keeps.
"""

from collections.abc import Iterable

import attrs
from litestar import Request
from litestar.di import Provide

from propcore.access.policy import Actor, Resource, allows, staff_scope
from propcore.access.rules import Action, Area
from propcore.application import Propcore
from propcore.errors import InvalidInputError, NotFoundError
from propcore.ids import parse_id
from propcore.property.ports import UnitListing, Within
from propcore.property.tree import Building, NodeKind, OrgNode
from propcore.property.units import Unit
from propcore.residents.people import Person
from propcore.residents.service import Occupant, PersonUnit, UnitRoster
from propcore_web.context import actor_of, core_of

_PROPERTY, _RESIDENTS = Area.PROPERTY, Area.RESIDENTS


@attrs.frozen
class Viewer:
    core: Propcore
    actor: Actor

    def may(self, resource: Resource, action: Action = Action.VIEW) -> bool:
        return allows(self.actor, action, resource)

    def within(self, area: Area) -> Within | None:
        """Where the actor's staff roles see ``area``, for searches to look
        only there (so a limit counts only what may be shown)."""
        scope = staff_scope(self.actor, area, Action.VIEW)
        if scope.everything:
            return None
        return Within(scope.estate_ids, scope.building_ids)

    def nodes(self, nodes: Iterable[OrgNode]) -> list[OrgNode]:
        """Estates in scope; regions and companies only for company-wide roles."""
        return [n for n in nodes if self.may(_node_place(n))]

    def listings(self, listings: Iterable[UnitListing]) -> list[UnitListing]:
        return [
            item
            for item in listings
            if self.may(
                Resource(_PROPERTY, item.estate.id, item.building.id, item.unit.id)
            )
        ]

    def people(self, people: Iterable[Person]) -> list[Person]:
        """One lookup per person (where they live): fine for a search page."""
        locate = self.core.locate
        return [
            p
            for p in people
            if locate.may(self.actor, Action.VIEW, _RESIDENTS, "person", p.id)
        ]

    def occupants(
        self, building: Building, unit: Unit, occupants: Iterable[Occupant]
    ) -> list[Occupant]:
        return [
            o
            for o in occupants
            if self.may(
                Resource(
                    _RESIDENTS, building.estate_id, building.id, unit.id, o.person.id
                )
            )
        ]

    def roster(self, building: Building, roster: Iterable[UnitRoster]):
        """Every unit the actor may see, with only the occupants they may see."""
        return [
            attrs.evolve(
                entry,
                occupants=tuple(self.occupants(building, entry.unit, entry.occupants)),
            )
            for entry in roster
            if self.may(
                Resource(_PROPERTY, building.estate_id, building.id, entry.unit.id)
            )
        ]

    def check_person(self, value: object) -> None:
        """A person named in a request body, not the path, must be one the
        actor may see; one they may not is answered like an unknown id."""
        try:
            person_id = parse_id(value, "person_id")
        except InvalidInputError:
            return  # the core names the bad field
        if not self.core.locate.may(
            self.actor, Action.VIEW, _RESIDENTS, "person", person_id
        ):
            raise NotFoundError("person", person_id)

    def person_units(self, rows: Iterable[PersonUnit]) -> list[PersonUnit]:
        return [
            row
            for row in rows
            if self.may(
                Resource(
                    _RESIDENTS,
                    row.listing.estate.id,
                    row.listing.building.id,
                    row.listing.unit.id,
                    row.occupancy.person_id,
                )
            )
        ]


def _node_place(node: OrgNode) -> Resource:
    if node.kind is NodeKind.ESTATE:
        return Resource(_PROPERTY, estate_id=node.id)
    return Resource(_PROPERTY)


def provide_viewer(request: Request) -> Viewer:
    actor = actor_of(request)
    assert actor is not None, "the guard lets no anonymous request this far"
    return Viewer(core_of(request), actor)


VIEWER = {"viewer": Provide(provide_viewer, sync_to_thread=False)}
