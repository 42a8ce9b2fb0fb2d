"""SQL repositories for the organisation tree, buildings and units."""

from collections.abc import Iterable, Mapping, Sequence

from sqlalchemy import Connection, func, insert, or_, select, update

from propcore.errors import NotFoundError
from propcore.ids import Id
from propcore.measures import Area
from propcore.property.ports import UnitListing, Within
from propcore.property.status import StatusChange
from propcore.property.tree import Building, NodeKind, OrgNode
from propcore.property.units import Layout, Unit, Usage
from propcore_sql.errors import translated
from propcore_sql.tables import buildings, org_nodes, unit_status_changes, units


class SqlOrgRepository:
    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def add(self, node: OrgNode) -> None:
        with translated():
            self._db.execute(insert(org_nodes).values(_node_row(node)))

    def update(self, node: OrgNode) -> None:
        row = _node_row(node)
        with translated():
            self._db.execute(
                update(org_nodes).where(org_nodes.c.id == node.id).values(row)
            )

    def get(self, node_id: Id) -> OrgNode:
        row = self._db.execute(
            select(org_nodes).where(org_nodes.c.id == node_id)
        ).first()
        if row is None:
            raise NotFoundError("org node", node_id)
        return _node(row)

    def list(self, kind: NodeKind | None = None) -> list[OrgNode]:
        query = select(org_nodes).order_by(org_nodes.c.name)
        if kind is not None:
            query = query.where(org_nodes.c.kind == kind.value)
        return [_node(row) for row in self._db.execute(query)]


class SqlBuildingRepository:
    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def add(self, building: Building) -> None:
        with translated():
            self._db.execute(insert(buildings).values(_building_row(building)))

    def update(self, building: Building) -> None:
        row = _building_row(building)
        where = buildings.c.id == building.id
        with translated():
            self._db.execute(update(buildings).where(where).values(row))

    def get(self, building_id: Id) -> Building:
        query = select(buildings).where(buildings.c.id == building_id)
        row = self._db.execute(query).first()
        if row is None:
            raise NotFoundError("building", building_id)
        return _building(row)

    def for_estate(self, estate_id: Id) -> list[Building]:
        query = (
            select(buildings)
            .where(buildings.c.estate_id == estate_id)
            .order_by(buildings.c.name)
        )
        return [_building(row) for row in self._db.execute(query)]


class SqlUnitRepository:
    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def add(self, unit: Unit) -> None:
        self.add_many([unit])

    def add_many(self, batch: Sequence[Unit]) -> None:
        if batch:
            with translated():
                self._db.execute(_INSERT_UNIT, [_unit_row(u) for u in batch])

    def labels(self, building_id: Id) -> set[str]:
        query = select(units.c.label).where(units.c.building_id == building_id)
        return set(self._db.scalars(query))

    def update(self, unit: Unit) -> None:
        with translated():
            self._db.execute(
                update(units).where(units.c.id == unit.id).values(_unit_row(unit))
            )

    def get(self, unit_id: Id) -> Unit:
        row = self._db.execute(select(units).where(units.c.id == unit_id)).first()
        if row is None:
            raise NotFoundError("unit", unit_id)
        return _unit(row)

    def by_label(self, building_id: Id, label: str) -> Unit | None:
        query = select(units).where(
            units.c.building_id == building_id, units.c.label == label
        )
        row = self._db.execute(query).first()
        return _unit(row) if row else None

    def for_building(self, building_id: Id) -> list[Unit]:
        query = (
            select(*_UNIT_COLUMNS)
            .where(units.c.building_id == building_id)
            .order_by(units.c.entrance, units.c.floor, units.c.room)
        )
        return [_unit_of(*row) for row in self._db.execute(query)]

    def search(
        self, fragment: str, limit: int, within: Within | None = None
    ) -> list[UnitListing]:
        haystack = (
            org_nodes.c.address
            + " "
            + org_nodes.c.name
            + " "
            + buildings.c.name
            + " "
            + units.c.label
        )
        query = _listing_query().where(haystack.icontains(fragment, autoescape=True))
        if within is not None:
            query = query.where(in_part(within))
        return self._listings(query.limit(limit))

    def listing(self, unit_ids: Iterable[Id]) -> list[UnitListing]:
        ids = list(unit_ids)
        if not ids:
            return []
        return self._listings(_listing_query().where(units.c.id.in_(ids)))

    def status_counts(
        self, *, estate_id: Id | None = None, building_id: Id | None = None
    ) -> Mapping[str, int]:
        query = (
            select(units.c.status, func.count())
            .select_from(units.join(buildings))
            .group_by(units.c.status)
        )
        if estate_id is not None:
            query = query.where(buildings.c.estate_id == estate_id)
        if building_id is not None:
            query = query.where(units.c.building_id == building_id)
        return {status: count for status, count in self._db.execute(query)}

    def add_status_change(self, change: StatusChange) -> None:
        self.add_status_changes([change])

    def add_status_changes(self, changes: Sequence[StatusChange]) -> None:
        if changes:
            with translated():
                self._db.execute(_INSERT_CHANGE, [_change_row(c) for c in changes])

    def history(self, unit_id: Id) -> list[StatusChange]:
        table = unit_status_changes
        query = (
            select(table)
            .where(table.c.unit_id == unit_id)
            .order_by(table.c.changed_at, table.c.from_status.is_not(None))
        )
        return [
            StatusChange(
                r.unit_id,
                r.from_status,
                r.to_status,
                r.changed_at,
                r.changed_by,
                r.reason,
                r.id,
            )
            for r in self._db.execute(query)
        ]

    def _listings(self, query) -> list[UnitListing]:
        return [
            UnitListing(_unit(row, "u_"), _building(row, "b_"), _node(row, "e_"))
            for row in self._db.execute(query)
        ]


_INSERT_UNIT = insert(units)
_INSERT_CHANGE = insert(unit_status_changes)


def _change_row(change: StatusChange) -> dict:
    return {
        "id": change.id,
        "unit_id": change.unit_id,
        "from_status": change.from_status,
        "to_status": change.to_status,
        "changed_at": change.changed_at,
        "changed_by": change.changed_by,
        "reason": change.reason,
    }


def in_part(within: Within):
    """Rows of ``buildings`` (joined) inside that part of the tree."""
    return or_(
        buildings.c.estate_id.in_(within.estate_ids),
        buildings.c.id.in_(within.building_ids),
    )


def _listing_query():
    columns = [
        *(c.label(f"u_{c.name}") for c in units.c),
        *(c.label(f"b_{c.name}") for c in buildings.c),
        *(c.label(f"e_{c.name}") for c in org_nodes.c),
    ]
    joined = units.join(buildings).join(
        org_nodes, buildings.c.estate_id == org_nodes.c.id
    )
    return (
        select(*columns)
        .select_from(joined)
        .order_by(org_nodes.c.name, buildings.c.name, units.c.label)
    )


def _node_row(node: OrgNode) -> dict:
    return {
        "id": node.id,
        "kind": node.kind.value,
        "name": node.name,
        "parent_id": node.parent_id,
        "address": node.address,
    }


def _node(row, prefix: str = "") -> OrgNode:
    m = _fields(row, prefix)
    return OrgNode(
        NodeKind(m["kind"]), m["name"], m["parent_id"], m["address"], m["id"]
    )


def _building_row(building: Building) -> dict:
    return {
        "id": building.id,
        "estate_id": building.estate_id,
        "name": building.name,
        "address": building.address,
    }


def _building(row, prefix: str = "") -> Building:
    m = _fields(row, prefix)
    return Building(m["estate_id"], m["name"], m["address"], m["id"])


def _unit_row(unit: Unit) -> dict:
    return {
        "id": unit.id,
        "building_id": unit.building_id,
        "label": unit.label,
        "entrance": unit.entrance,
        "floor": unit.floor,
        "room": unit.room,
        "gross_area": unit.gross_area.square_metres,
        "usable_area": unit.usable_area.square_metres if unit.usable_area else None,
        "layout": str(unit.layout) if unit.layout else None,
        "usage": unit.usage.value,
        "fee_coefficient": unit.fee_coefficient,
        "attributes": dict(unit.attributes),
        "status": unit.status,
    }


def _unit(row, prefix: str = "") -> Unit:
    m = _fields(row, prefix)
    return Unit(
        building_id=m["building_id"],
        label=m["label"],
        floor=m["floor"],
        room=m["room"],
        gross_area=Area(m["gross_area"]),
        status=m["status"],
        entrance=m["entrance"],
        usable_area=Area(m["usable_area"]) if m["usable_area"] is not None else None,
        layout=Layout.parse(m["layout"]) if m["layout"] else None,
        usage=Usage(m["usage"]),
        fee_coefficient=m["fee_coefficient"],
        attributes=dict(m["attributes"] or {}),
        id=m["id"],
    )


_UNIT_COLUMNS = tuple(
    units.c[name]
    for name in (
        "building_id", "label", "floor", "room", "gross_area", "status", "entrance",
        "usable_area", "layout", "usage", "fee_coefficient", "attributes", "id",
    )
)  # fmt: skip


def _unit_of(
    building_id, label, floor, room, gross_area, status, entrance, usable_area,
    layout, usage, fee_coefficient, attributes, unit_id,
) -> Unit:  # fmt: skip
    """A unit from the columns of ``_UNIT_COLUMNS``, in order (a bill run
    reads every unit of an estate)."""
    return Unit(
        building_id, label, floor, room, Area(gross_area), status, entrance,
        Area(usable_area) if usable_area is not None else None,
        Layout.parse(layout) if layout else None,
        Usage(usage), fee_coefficient, dict(attributes or {}), unit_id,
    )  # fmt: skip


def _fields(row, prefix: str) -> dict:
    mapping = row._mapping
    if not prefix:
        return dict(mapping)
    return {k[len(prefix) :]: v for k, v in mapping.items() if k.startswith(prefix)}
