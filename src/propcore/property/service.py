"""Property use cases: each method is one transaction."""

from collections.abc import Mapping
from typing import Any

import attrs

from propcore.clock import Clock
from propcore.errors import ConflictError, InvalidInputError
from propcore.ids import Id, parse_id
from propcore.inputs import Reader
from propcore.property.figures import OccupancyFigures, figures_from_counts
from propcore.property.inputs import UnitInput, read_unit
from propcore.property.ports import UnitListing, Within
from propcore.property.status import REASON_CREATED, StatusChange, StatusScheme
from propcore.property.tree import Building, NodeKind, OrgNode
from propcore.property.units import Unit
from propcore.uow import UnitOfWork, UnitOfWorkFactory

SEARCH_LIMIT = 50


@attrs.frozen
class PropertyService:
    uow: UnitOfWorkFactory
    clock: Clock
    scheme: StatusScheme

    def create_node(self, kind: NodeKind, raw: Mapping[str, Any]) -> OrgNode:
        read = Reader(raw)
        name = read.text("name", max_length=100)
        address = read.text("address", required=False)
        parent_id = read.value("parent_id", parse_id, default=None)
        read.done()
        node = OrgNode(kind, name, parent_id, address)
        with self.uow() as uow:
            parent = uow.orgs.get(parent_id) if parent_id else None
            node.check_parent(parent)
            uow.orgs.add(node)
            uow.commit()
        return node

    def update_node(self, node_id: Id, raw: Mapping[str, Any]) -> OrgNode:
        read = Reader(raw)
        name = read.text("name", max_length=100)
        address = read.text("address", required=False)
        read.done()
        with self.uow() as uow:
            node = uow.orgs.get(node_id)
            node.name, node.address = name, address
            uow.orgs.update(node)
            uow.commit()
        return node

    def node(self, node_id: Id) -> OrgNode:
        with self.uow() as uow:
            return uow.orgs.get(node_id)

    def nodes(self, kind: NodeKind | None = None) -> list[OrgNode]:
        with self.uow() as uow:
            return uow.orgs.list(kind)

    def estate(self, estate_id: Id) -> OrgNode:
        node = self.node(estate_id)
        if node.kind is not NodeKind.ESTATE:
            raise InvalidInputError.single("estate_id", "is not an estate")
        return node

    def create_building(self, estate_id: Id, raw: Mapping[str, Any]) -> Building:
        name, address = _read_building(raw)
        building = Building(estate_id, name, address)
        with self.uow() as uow:
            estate = uow.orgs.get(estate_id)
            if estate.kind is not NodeKind.ESTATE:
                raise InvalidInputError.single("estate_id", "is not an estate")
            _check_building_name_free(uow, building)
            uow.buildings.add(building)
            uow.commit()
        return building

    def update_building(self, building_id: Id, raw: Mapping[str, Any]) -> Building:
        name, address = _read_building(raw)
        with self.uow() as uow:
            building = uow.buildings.get(building_id)
            building.name, building.address = name, address
            _check_building_name_free(uow, building)
            uow.buildings.update(building)
            uow.commit()
        return building

    def building(self, building_id: Id) -> Building:
        with self.uow() as uow:
            return uow.buildings.get(building_id)

    def buildings(self, estate_id: Id) -> list[Building]:
        with self.uow() as uow:
            uow.orgs.get(estate_id)
            return uow.buildings.for_estate(estate_id)

    def create_unit(self, building_id: Id, raw: Mapping[str, Any], actor: str) -> Unit:
        """Create a unit; its first history entry records the initial status."""
        data = read_unit(raw)
        with self.uow() as uow:
            building = uow.buildings.get(building_id)
            unit = add_unit(
                uow, building, data, self, actor=actor, reason=REASON_CREATED
            )
            uow.commit()
        return unit

    def update_unit(self, unit_id: Id, raw: Mapping[str, Any]) -> Unit:
        """Change a unit's description; its status changes only through
        :meth:`change_status`, so history stays complete."""
        data = read_unit(raw)
        with self.uow() as uow:
            unit = uow.units.get(unit_id)
            if data.label != unit.label:
                _check_label_free(uow, unit.building_id, data.label)
            updated = _new_unit(unit.building_id, data, unit.status, unit.id)
            uow.units.update(updated)
            uow.commit()
        return updated

    def unit(self, unit_id: Id) -> UnitListing:
        with self.uow() as uow:
            uow.units.get(unit_id)
            return uow.units.listing([unit_id])[0]

    def change_status(
        self, unit_id: Id, to_status: str, *, actor: str, reason: str = ""
    ) -> StatusChange:
        with self.uow() as uow:
            unit = uow.units.get(unit_id)
            change = unit.change_status(
                to_status,
                scheme=self.scheme,
                at=self.clock.now(),
                by=actor,
                reason=reason,
            )
            uow.units.update(unit)
            uow.units.add_status_change(change)
            uow.commit()
        return change

    def history(self, unit_id: Id) -> list[StatusChange]:
        with self.uow() as uow:
            uow.units.get(unit_id)
            return uow.units.history(unit_id)

    def units(self, building_id: Id) -> list[Unit]:
        with self.uow() as uow:
            uow.buildings.get(building_id)
            return uow.units.for_building(building_id)

    def search_units(
        self, fragment: str, limit: int = SEARCH_LIMIT, within: Within | None = None
    ) -> list[UnitListing]:
        fragment = fragment.strip()
        if not fragment:
            return []
        with self.uow() as uow:
            return uow.units.search(fragment, limit, within)

    def estate_figures(self, estate_id: Id) -> OccupancyFigures:
        with self.uow() as uow:
            uow.orgs.get(estate_id)
            counts = uow.units.status_counts(estate_id=estate_id)
        return figures_from_counts(counts, self.scheme)

    def building_figures(self, building_id: Id) -> OccupancyFigures:
        with self.uow() as uow:
            uow.buildings.get(building_id)
            counts = uow.units.status_counts(building_id=building_id)
        return figures_from_counts(counts, self.scheme)


def _read_building(raw: Mapping[str, Any]) -> tuple[str, str]:
    read = Reader(raw)
    name = read.text("name", max_length=100)
    address = read.text("address", required=False)
    read.done()
    return name, address


def add_unit(
    uow: UnitOfWork,
    building: Building,
    data: UnitInput,
    service: PropertyService,
    *,
    actor: str,
    reason: str,
) -> Unit:
    """Add a unit inside an open unit of work, with its first history entry."""
    unit, change = new_unit(building, data, service, actor=actor, reason=reason)
    _check_label_free(uow, building.id, unit.label)
    uow.units.add(unit)
    uow.units.add_status_change(change)
    return unit


def new_unit(
    building: Building,
    data: UnitInput,
    service: PropertyService,
    *,
    actor: str,
    reason: str,
) -> tuple[Unit, StatusChange]:
    """A unit from checked input, in its initial status, and that first
    history entry; nothing is stored yet."""
    status = data.status or service.scheme.initial
    service.scheme.get(status)
    unit = _new_unit(building.id, data, status)
    return unit, StatusChange(unit.id, None, status, service.clock.now(), actor, reason)


def _check_building_name_free(uow: UnitOfWork, building: Building) -> None:
    for other in uow.buildings.for_estate(building.estate_id):
        if other.name == building.name and other.id != building.id:
            raise ConflictError(
                "name", "a building with this name exists in the estate"
            )


def _check_label_free(uow: UnitOfWork, building_id: Id, label: str) -> None:
    if uow.units.by_label(building_id, label) is not None:
        raise ConflictError("label", "a unit with this label exists in the building")


def _new_unit(
    building_id: Id, data: UnitInput, status: str, unit_id: Id | None = None
) -> Unit:
    fields = attrs.asdict(data, recurse=False)
    del fields["status"]
    if unit_id is not None:
        fields["id"] = unit_id
    return Unit(building_id=building_id, status=status, **fields)
