"""The tree, buildings and units, in memory."""

import copy
from collections.abc import Iterable

from propcore.errors import ConflictError
from propcore.ids import Id
from propcore.property.ports import UnitListing
from tests.fakes.base import _Table


class FakeOrgRepository(_Table):
    def list(self, kind=None):
        return sorted(
            self._all(lambda n: kind is None or n.kind == kind),
            key=lambda n: n.name,
        )


class FakeBuildingRepository(_Table):
    def for_estate(self, estate_id):
        return sorted(
            self._all(lambda b: b.estate_id == estate_id), key=lambda b: b.name
        )


class FakeUnitRepository(_Table):
    def __init__(self, store, kind, orgs, buildings) -> None:
        super().__init__(store, kind)
        self._history: list = store.setdefault("history", [])
        self._orgs, self._buildings = orgs, buildings

    def add(self, unit) -> None:
        if self.by_label(unit.building_id, unit.label) is not None:
            raise ConflictError(
                "label", "a unit with this label exists in the building"
            )
        super().add(unit)

    def add_many(self, units) -> None:
        for unit in units:
            self.add(unit)

    def labels(self, building_id):
        return {u.label for u in self._all(lambda u: u.building_id == building_id)}

    def by_label(self, building_id, label):
        units = self._all(lambda u: (u.building_id, u.label) == (building_id, label))
        return units[0] if units else None

    def for_building(self, building_id):
        units = self._all(lambda u: u.building_id == building_id)
        return sorted(units, key=lambda u: (u.entrance, u.floor, u.room))

    def listing(self, unit_ids: Iterable[Id]):
        result = []
        for unit_id in unit_ids:
            unit = self.get(unit_id)
            building = self._buildings.get(unit.building_id)
            result.append(
                UnitListing(unit, building, self._orgs.get(building.estate_id))
            )
        return sorted(result, key=_listing_order)

    def search(self, fragment, limit, within=None):
        needle = fragment.casefold()
        hits = [
            item
            for item in self.listing(self._rows)
            if needle in " ".join((item.estate.address, item.address)).casefold()
            and (within is None or inside_part(within, item.building))
        ]
        return hits[:limit]

    def status_counts(self, *, estate_id=None, building_id=None):
        counts: dict[str, int] = {}
        for item in self.listing(self._rows):
            if estate_id and item.estate.id != estate_id:
                continue
            if building_id and item.building.id != building_id:
                continue
            counts[item.unit.status] = counts.get(item.unit.status, 0) + 1
        return counts

    def add_status_change(self, change) -> None:
        self._history.append(copy.deepcopy(change))

    def add_status_changes(self, changes) -> None:
        for change in changes:
            self.add_status_change(change)

    def history(self, unit_id):
        changes = [c for c in self._history if c.unit_id == unit_id]
        return sorted(changes, key=lambda c: c.changed_at)


def _listing_order(item):
    return (item.estate.name, item.building.name, item.unit.label)


def inside_part(within, building) -> bool:
    return building.estate_id in within.estate_ids or building.id in within.building_ids
