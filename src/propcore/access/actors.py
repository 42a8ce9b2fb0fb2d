"""Who is asking: an account's roles and memberships, resolved for the policy."""

from collections.abc import Iterable
from datetime import date

from propcore.access.accounts import Account, Assignment
from propcore.access.policy import (
    Actor,
    Membership,
    Resource,
    Scope,
    StaffGrant,
    allows,
)
from propcore.access.rules import Action, Area, StaffRole
from propcore.ids import Id
from propcore.property.tree import NodeKind
from propcore.residents.occupancy import Occupancy, Role, current_household
from propcore.uow import UnitOfWork

_AREAS = {area.value for area in Area}


def build_actor(uow: UnitOfWork, account: Account, today: date) -> Actor:
    """The actor for ``account`` today: staff roles with their scopes resolved
    to estates and buildings; resident memberships from current occupancies."""
    if not account.active:
        return Actor(account.id)
    assignments = uow.assignments.for_account(account.id)
    nodes = {n.id: n for n in uow.orgs.list()} if assignments else {}
    grants = tuple(StaffGrant(a.role, _scope(uow, nodes, a)) for a in assignments)
    memberships = _memberships(uow, account.person_id, today)
    return Actor(account.id, account.person_id, grants, memberships)


def _scope(uow: UnitOfWork, nodes: dict, assignment: Assignment) -> Scope:
    node = nodes.get(assignment.node_id)
    if node is None:
        return Scope(building_ids=frozenset({uow.buildings.get(assignment.node_id).id}))
    if node.kind is NodeKind.COMPANY:
        return Scope(everything=True)
    return Scope(estate_ids=frozenset(_estates_under(node.id, nodes.values())))


def _estates_under(root: Id, nodes: Iterable) -> set[Id]:
    children: dict[Id | None, list] = {}
    for node in nodes:
        children.setdefault(node.parent_id, []).append(node)
    found, stack = set(), [root]
    while stack:
        current = stack.pop()
        for child in children.get(current, []):
            stack.append(child.id)
            if child.kind is NodeKind.ESTATE:
                found.add(child.id)
    return found | ({root} if _is_estate(root, nodes) else set())


def _is_estate(node_id: Id, nodes: Iterable) -> bool:
    return any(n.id == node_id and n.kind is NodeKind.ESTATE for n in nodes)


def _memberships(
    uow: UnitOfWork, person_id: Id | None, today: date
) -> tuple[Membership, ...]:
    if person_id is None:
        return ()
    mine = [o for o in uow.occupancies.for_person(person_id) if o.is_current(today)]
    if not mine:
        return ()
    everyone = uow.occupancies.for_units({o.unit_id for o in mine})
    current = current_household(everyone, today)
    listings = {
        item.unit.id: item for item in uow.units.listing({o.unit_id for o in mine})
    }
    return tuple(
        _membership(occupancy, current, listings[occupancy.unit_id])
        for occupancy in current
        if occupancy.person_id == person_id
    )


def _membership(occupancy: Occupancy, current: list[Occupancy], listing) -> Membership:
    head = occupancy if occupancy.role is not Role.FAMILY else _head(occupancy, current)
    household = frozenset(
        {head.person_id}
        | {
            o.person_id
            for o in current
            if o.role is Role.FAMILY and o.head_id == head.id
        }
    )
    grants = frozenset(
        Area(g) for g in occupancy.grants if g in Area.__members__.values()
    )
    return Membership(
        listing.unit.id,
        listing.building.id,
        listing.estate.id,
        occupancy.role.value,
        household,
        grants,
    )


def _head(member: Occupancy, current: list[Occupancy]) -> Occupancy:
    return next(o for o in current if o.id == member.head_id)


def staff_who_may(
    uow: UnitOfWork,
    action: Action,
    resource: Resource,
    today: date,
    roles: frozenset[StaffRole] | None = None,
) -> list[Account]:
    """Active staff accounts whose roles (``roles`` only, when given) let
    them ``action`` the resource, ordered by display name."""
    found = []
    for account in uow.accounts.staff():
        actor = build_actor(uow, account, today)
        grants = [g for g in actor.staff if roles is None or g.role in roles]
        if allows(Actor(account.id, staff=tuple(grants)), action, resource):
            found.append(account)
    return found
