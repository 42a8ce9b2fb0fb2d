"""The permission policy: may this actor do this to that resource?

Pure functions over plain values; no framework or storage types. The rules
themselves are the tables in :mod:`propcore.access.rules`.
"""

import attrs

from propcore.access.rules import (
    RESIDENT_RULES,
    STAFF_RULES,
    Action,
    Area,
    Reach,
    StaffRole,
    permits,
)
from propcore.ids import Id


@attrs.frozen
class Resource:
    """What is being acted on: its area, where it sits in the tree (as far as
    known), and the person it is about (whose contacts, whose bill).

    ``unplaced`` marks a person registered but not yet placed in any unit:
    every staff scope covers them, so whoever registers a person can then
    give them a unit."""

    area: Area
    estate_id: Id | None = None
    building_id: Id | None = None
    unit_id: Id | None = None
    person_id: Id | None = None
    unplaced: bool = False


@attrs.frozen
class Scope:
    """The part of the organisation tree a staff role covers."""

    everything: bool = False
    estate_ids: frozenset[Id] = frozenset()
    building_ids: frozenset[Id] = frozenset()

    def covers(self, resource: Resource) -> bool:
        if self.everything:
            return True
        if resource.unplaced:
            return bool(self.estate_ids or self.building_ids)
        if (
            resource.building_id is not None
            and resource.building_id in self.building_ids
        ):
            return True
        return resource.estate_id is not None and resource.estate_id in self.estate_ids

    def __or__(self, other: "Scope") -> "Scope":
        return Scope(
            self.everything or other.everything,
            self.estate_ids | other.estate_ids,
            self.building_ids | other.building_ids,
        )


NOWHERE = Scope()
# Areas whose resources belong to a whole estate: every resident there sees them.
_ESTATE_WIDE = frozenset({Area.NOTICES, Area.EVENTS})


@attrs.frozen
class StaffGrant:
    role: StaffRole
    scope: Scope


@attrs.frozen
class Membership:
    """A resident's current place in one unit.

    ``household`` is whose data counts as the resident's own: the head of the
    household (an owner or tenant) and the family members who belong to them.
    ``grants`` are the areas a family member's head has opened to them.
    """

    unit_id: Id
    building_id: Id
    estate_id: Id
    role: str
    household: frozenset[Id]
    grants: frozenset[Area] = frozenset()


@attrs.frozen
class Actor:
    account_id: Id
    person_id: Id | None = None
    staff: tuple[StaffGrant, ...] = ()
    memberships: tuple[Membership, ...] = ()

    @property
    def is_staff(self) -> bool:
        return bool(self.staff)


def allows(actor: Actor, action: Action, resource: Resource) -> bool:
    """True when any of the actor's roles or memberships permits the action."""
    if _own_contact_details(actor, resource):
        return True
    return any(_staff_allows(g, action, resource) for g in actor.staff) or any(
        _resident_allows(m, action, resource) for m in actor.memberships
    )


def staff_scope(actor: Actor, area: Area, action: Action) -> Scope:
    """Where the actor's staff roles permit ``action`` in ``area``: the filter
    for list queries ("the units this actor may list")."""
    scope = NOWHERE
    for grant in actor.staff:
        granted = STAFF_RULES[area].get(grant.role)
        if granted is not None and permits(granted, action):
            scope = scope | grant.scope
    return scope


def resident_units(
    actor: Actor, area: Area, action: Action
) -> dict[Id, frozenset[Id] | None]:
    """The units where the actor's memberships permit ``action`` in ``area``,
    each with the people whose data is visible there (``None``: everyone's)."""
    units: dict[Id, frozenset[Id] | None] = {}
    for membership in actor.memberships:
        reach = _resident_reach(membership, action, area)
        if reach is None:
            continue
        people = None if reach is Reach.UNIT else membership.household
        known = units.get(membership.unit_id, frozenset())
        units[membership.unit_id] = None if None in (people, known) else known | people
    return units


def _own_contact_details(actor: Actor, resource: Resource) -> bool:
    return (
        resource.area is Area.RESIDENTS
        and actor.person_id is not None
        and resource.person_id == actor.person_id
    )


def _staff_allows(grant: StaffGrant, action: Action, resource: Resource) -> bool:
    granted = STAFF_RULES[resource.area].get(grant.role)
    return (
        granted is not None
        and permits(granted, action)
        and grant.scope.covers(resource)
    )


def _resident_reach(membership: Membership, action: Action, area: Area) -> Reach | None:
    rule = RESIDENT_RULES.get(membership.role, {}).get(area)
    if rule is None or not permits(rule[0], action):
        return None
    reach = rule[1]
    if reach is Reach.GRANTED and area not in membership.grants:
        return None
    return reach


def _resident_allows(
    membership: Membership, action: Action, resource: Resource
) -> bool:
    reach = _resident_reach(membership, action, resource.area)
    if reach is None:
        return False
    if resource.area in _ESTATE_WIDE and resource.unit_id is None:
        return resource.estate_id == membership.estate_id
    if resource.unit_id != membership.unit_id:
        return False
    if reach is Reach.UNIT:
        return True
    if resource.person_id is None:
        return reach is Reach.GRANTED  # unit-wide data the head opened to them
    return resource.person_id in membership.household
