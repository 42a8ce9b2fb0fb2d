"""The staff page's view: where roles can be held, and who the viewer may see.

A role is held over a node: the company, a region, an estate or a building.
A staff member is seen by someone whose ``staff`` right covers one of the
places their roles are held; company-wide viewers also see those without any.
"""

from collections.abc import Iterable

import attrs

from propcore.access.accounts import Assignment
from propcore.access.directory import StaffMember
from propcore.access.policy import Resource
from propcore.access.rules import Action, Area
from propcore.ids import Id
from propcore.property.tree import NodeKind, OrgNode
from propcore_web.visible import Viewer


@attrs.frozen
class Place:
    """Somewhere a role can be held, named as a person would say it."""

    id: Id
    kind: str  # a node kind, or "building"
    name: str
    resource: Resource


@attrs.frozen
class StaffRow:
    member: StaffMember
    assignments: tuple[Assignment, ...]  # those the viewer may see


def places(viewer: Viewer) -> list[Place]:
    """The company, regions, estates and buildings, each below its parent."""
    nodes = viewer.core.property.nodes()
    children: dict[Id | None, list[OrgNode]] = {}
    for node in nodes:
        children.setdefault(node.parent_id, []).append(node)
    found: list[Place] = []
    _walk(viewer, children, None, found)
    return found


def _walk(viewer: Viewer, children: dict, parent: Id | None, found: list) -> None:
    for node in sorted(children.get(parent, []), key=lambda n: n.name):
        found.append(_node_place(node))
        if node.kind is NodeKind.ESTATE:
            found.extend(_buildings(viewer, node))
        _walk(viewer, children, node.id, found)


def _node_place(node: OrgNode) -> Place:
    estate = node.id if node.kind is NodeKind.ESTATE else None
    return Place(node.id, node.kind.value, node.name, Resource(Area.STAFF, estate))


def _buildings(viewer: Viewer, estate: OrgNode) -> list[Place]:
    return [
        Place(
            b.id,
            "building",
            f"{estate.name} {b.name}",
            Resource(Area.STAFF, estate.id, b.id),
        )
        for b in viewer.core.property.buildings(estate.id)
    ]


def may_edit_staff(viewer: Viewer) -> bool:
    """Accounts and roles are company-wide: only company-wide rights change them."""
    return viewer.may(Resource(Area.STAFF), Action.EDIT)


def staff_rows(
    viewer: Viewer, members: Iterable[StaffMember], known: Iterable[Place]
) -> list[StaffRow]:
    """The staff the viewer may see, each with the roles the viewer may see."""
    where = {p.id: p.resource for p in known}
    everywhere = viewer.may(Resource(Area.STAFF))
    rows = []
    for member in members:
        seen = tuple(
            a
            for a in member.assignments
            if everywhere or (a.node_id in where and viewer.may(where[a.node_id]))
        )
        if everywhere or seen:
            rows.append(StaffRow(member, seen))
    return rows
