"""The resident portal's view: a resident's homes, as the policy lets them see.

Everything shown is decided by the permission policy through the viewer: the
unit's details need ``property``; household members need ``residents`` for
that person, so a tenant sees their own household and never the owner's.
"""

import attrs

from propcore.access.policy import Resource
from propcore.access.rules import Action, Area
from propcore.ids import Id
from propcore.property.ports import UnitListing
from propcore.residents.occupancy import Occupancy, Role
from propcore.residents.service import Occupant
from propcore_web.visible import Viewer

# What a household head may open to a family member (the portal's checkboxes).
GRANTABLE = (Area.PROPERTY, Area.FEES, Area.PAYMENTS, Area.REPAIRS)


@attrs.frozen
class Home:
    """One unit the resident belongs to now, through their own ``occupancy``.

    ``household``: the people of it the resident may see; ``family``: for a
    household head, the family members who belong to them.
    """

    occupancy: Occupancy
    listing: UnitListing
    shows_property: bool
    household: tuple[Occupant, ...]
    family: tuple[Occupant, ...]

    @property
    def is_head(self) -> bool:
        return self.occupancy.role is not Role.FAMILY

    @property
    def grants(self) -> tuple[str, ...]:
        """What the head opened to this resident, when they are family."""
        return () if self.is_head else self.occupancy.grants


def homes(viewer: Viewer, person_id: Id) -> list[Home]:
    """The units where the person is a current member of a household."""
    members = {m.unit_id for m in viewer.actor.memberships}
    rows = viewer.core.residents.units_of(person_id)
    return [
        _home(viewer, row.occupancy, row.listing)
        for row in rows
        if row.current and row.occupancy.unit_id in members
    ]


def _home(viewer: Viewer, mine: Occupancy, listing: UnitListing) -> Home:
    unit, building = listing.unit, listing.building
    place = Resource(Area.PROPERTY, building.estate_id, building.id, unit.id)
    occupants = viewer.core.residents.household(unit.id)
    family = [
        o
        for o in occupants
        if o.occupancy.role is Role.FAMILY and o.occupancy.head_id == mine.id
    ]
    return Home(
        mine,
        listing,
        viewer.may(place),
        tuple(viewer.occupants(building, unit, occupants)),
        tuple(family) if mine.role is not Role.FAMILY else (),
    )


def headed(found: list[Home], occupancy_id: Id) -> Home | None:
    """The home where the resident heads the household ``occupancy_id``."""
    return next(
        (h for h in found if h.is_head and h.occupancy.id == occupancy_id), None
    )


def family_member(found: list[Home], occupancy_id: Id) -> Occupant | None:
    """A family member who belongs to the resident, by their occupancy."""
    members = (o for home in found for o in home.family)
    return next((o for o in members if o.occupancy.id == occupancy_id), None)


def may_manage_family(viewer: Viewer, home: Home) -> bool:
    """Editing a household is the ``residents`` edit right over its members."""
    building, unit = home.listing.building, home.listing.unit
    place = Resource(
        Area.RESIDENTS,
        building.estate_id,
        building.id,
        unit.id,
        home.occupancy.person_id,
    )
    return home.is_head and viewer.may(place, Action.EDIT)
