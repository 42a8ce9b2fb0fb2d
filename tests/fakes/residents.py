"""People and occupancies, in memory."""

from tests.fakes.base import _Table
from tests.fakes.property import inside_part


class FakePersonRepository(_Table):
    def get_many(self, person_ids):
        return {i: self.get(i) for i in person_ids}

    def by_phone(self, phone):
        people = self._all(lambda p: bool(phone) and p.phone == phone)
        return people[0] if people else None

    def search(self, fragment, limit, within=None):
        needle = fragment.casefold()
        hits = [
            p
            for p in self._all()
            if needle in f"{p.name} {p.phone}".casefold()
            and (within is None or self._where(p.id, within))
        ]
        return sorted(hits, key=lambda p: p.name)[:limit]

    def _where(self, person_id, within) -> bool:
        """Lived or lives inside ``within``, or is not placed anywhere yet."""
        held = self.places.occupancies._all(lambda o: o.person_id == person_id)
        buildings = [
            self.places.buildings.get(self.places.units.get(o.unit_id).building_id)
            for o in held
        ]
        return not held or any(inside_part(within, b) for b in buildings)


class FakeOccupancyRepository(_Table):
    def for_units(self, unit_ids):
        wanted = set(unit_ids)
        return sorted(self._all(lambda o: o.unit_id in wanted), key=lambda o: o.start)

    def for_person(self, person_id):
        return sorted(
            self._all(lambda o: o.person_id == person_id), key=lambda o: o.start
        )
