"""What the property use cases need from storage."""

from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol

import attrs

from propcore.ids import Id
from propcore.property.status import StatusChange
from propcore.property.tree import Building, NodeKind, OrgNode
from propcore.property.units import Unit


@attrs.frozen
class UnitListing:
    """A unit with the names a person needs to recognise it."""

    unit: Unit
    building: Building
    estate: OrgNode

    @property
    def address(self) -> str:
        return f"{self.estate.name} {self.building.name} {self.unit.label}"


@attrs.frozen
class Within:
    """The part of the tree a query is limited to: these estates and these
    buildings. Queries take ``None`` for everywhere."""

    estate_ids: frozenset[Id] = frozenset()
    building_ids: frozenset[Id] = frozenset()


class OrgRepository(Protocol):
    def add(self, node: OrgNode) -> None: ...
    def get(self, node_id: Id) -> OrgNode:
        """Raise NotFoundError when there is no such node."""

    def update(self, node: OrgNode) -> None: ...
    def list(self, kind: NodeKind | None = None) -> list[OrgNode]:
        """Nodes ordered by name."""


class BuildingRepository(Protocol):
    def add(self, building: Building) -> None: ...
    def get(self, building_id: Id) -> Building: ...
    def update(self, building: Building) -> None: ...
    def for_estate(self, estate_id: Id) -> list[Building]:
        """The estate's buildings ordered by name."""


class UnitRepository(Protocol):
    def add(self, unit: Unit) -> None:
        """Raise ConflictError on ``label`` when the building has that label."""

    def add_many(self, units: Sequence[Unit]) -> None:
        """Add several units at once (the bulk path of imports); a label taken
        in its building raises ConflictError on ``label``."""

    def get(self, unit_id: Id) -> Unit: ...
    def update(self, unit: Unit) -> None: ...
    def by_label(self, building_id: Id, label: str) -> Unit | None: ...
    def labels(self, building_id: Id) -> set[str]:
        """Every label in use in the building."""

    def for_building(self, building_id: Id) -> list[Unit]:
        """Ordered by entrance, floor and room."""

    def search(
        self, fragment: str, limit: int, within: Within | None = None
    ) -> list[UnitListing]:
        """Units whose label, building, estate name or address contain ``fragment``
        (case-insensitively), ordered by estate, building and label; only
        ``within`` that part of the tree when given, before the limit."""

    def status_counts(
        self, *, estate_id: Id | None = None, building_id: Id | None = None
    ) -> Mapping[str, int]: ...
    def add_status_change(self, change: StatusChange) -> None: ...
    def add_status_changes(self, changes: Sequence[StatusChange]) -> None: ...
    def history(self, unit_id: Id) -> list[StatusChange]:
        """Oldest first."""

    def listing(self, unit_ids: Iterable[Id]) -> list[UnitListing]: ...
