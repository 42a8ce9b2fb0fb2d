"""Resident use cases: people, owners, family members, tenants."""

from collections.abc import Mapping
from typing import Any

import attrs

from propcore.access.audit import AuditEvent, AuditEventKind
from propcore.clock import Clock
from propcore.ids import Id
from propcore.property.ports import UnitListing, Within
from propcore.property.units import Unit
from propcore.residents.inputs import read_end, read_occupancy, read_person
from propcore.residents.occupancy import Occupancy, check_can_join, current_household
from propcore.residents.people import Person
from propcore.uow import UnitOfWorkFactory

SEARCH_LIMIT = 50


@attrs.frozen
class Occupant:
    occupancy: Occupancy
    person: Person


@attrs.frozen
class UnitRoster:
    """A unit with the people currently in it, as the front desk sees it."""

    unit: Unit
    occupants: tuple[Occupant, ...]


@attrs.frozen
class PersonUnit:
    occupancy: Occupancy
    listing: UnitListing
    current: bool


@attrs.frozen
class ResidentService:
    uow: UnitOfWorkFactory
    clock: Clock

    def create_person(self, raw: Mapping[str, Any]) -> Person:
        person = read_person(raw)
        with self.uow() as uow:
            uow.people.add(person)
            uow.commit()
        return person

    def update_person(
        self, person_id: Id, raw: Mapping[str, Any], *, by: Id | None = None
    ) -> Person:
        """Change a person's details. A resident account signs in with the
        person's phone, so it follows in the same transaction; a phone that
        another account signs in with is refused and nothing changes."""
        person = read_person(raw, person_id)
        with self.uow() as uow:
            uow.people.get(person_id)
            uow.people.update(person)
            account = uow.accounts.for_person(person_id)
            if account is not None and account.phone != (person.phone or None):
                account.phone, account.email = person.phone or None, person.email
                uow.accounts.update(account)
                uow.audit.append(
                    AuditEvent(
                        AuditEventKind.DATA_CHANGED,
                        self.clock.now(),
                        f"account:{account.id}",
                        by,
                        details={"what": "login_phone"},
                    )
                )
            uow.commit()
        return person

    def person(self, person_id: Id) -> Person:
        with self.uow() as uow:
            return uow.people.get(person_id)

    def search_people(
        self, fragment: str, limit: int = SEARCH_LIMIT, within: Within | None = None
    ) -> list[Person]:
        fragment = fragment.strip()
        if not fragment:
            return []
        with self.uow() as uow:
            return uow.people.search(fragment, limit, within)

    def add_occupancy(
        self, unit_id: Id, raw: Mapping[str, Any], *, by: Id | None = None
    ) -> Occupancy:
        """Make a person an owner, family member or tenant of a unit. It
        changes what they may see, so it is audited (``by``: who did it)."""
        today = self.clock.today()
        occupancy = read_occupancy(unit_id, raw, today)
        with self.uow() as uow:
            uow.units.get(unit_id)
            uow.people.get(occupancy.person_id)
            check_can_join(occupancy, uow.occupancies.for_units([unit_id]), today)
            uow.occupancies.add(occupancy)
            self._audit(uow, occupancy, by, "occupancy_added")
            uow.commit()
        return occupancy

    def end_occupancy(
        self, occupancy_id: Id, raw: Mapping[str, Any], *, by: Id | None = None
    ) -> Occupancy:
        end = read_end(raw, self.clock.today())
        with self.uow() as uow:
            occupancy = uow.occupancies.get(occupancy_id)
            occupancy.end_on(end)
            uow.occupancies.update(occupancy)
            self._audit(uow, occupancy, by, "occupancy_ended")
            uow.commit()
        return occupancy

    def _audit(self, uow: Any, occupancy: Occupancy, by: Id | None, what: str) -> None:
        details = {
            "what": what,
            "unit": str(occupancy.unit_id),
            "role": occupancy.role.value,
        }
        if occupancy.end is not None:
            details["end"] = occupancy.end.isoformat()
        uow.audit.append(
            AuditEvent(
                AuditEventKind.DATA_CHANGED,
                self.clock.now(),
                f"person:{occupancy.person_id}",
                by,
                details=details,
            )
        )

    def household(self, unit_id: Id) -> list[Occupant]:
        """The unit's current owners, tenants and family members."""
        with self.uow() as uow:
            uow.units.get(unit_id)
            occupancies = uow.occupancies.for_units([unit_id])
            return self._occupants(
                uow, current_household(occupancies, self.clock.today())
            )

    def roster(self, building_id: Id) -> list[UnitRoster]:
        """Every unit of a building with its status and current occupants."""
        today = self.clock.today()
        with self.uow() as uow:
            uow.buildings.get(building_id)
            units = uow.units.for_building(building_id)
            current = current_household(
                uow.occupancies.for_units([u.id for u in units]), today
            )
            occupants = self._occupants(uow, current)
        by_unit: dict[Id, list[Occupant]] = {}
        for occupant in occupants:
            by_unit.setdefault(occupant.occupancy.unit_id, []).append(occupant)
        return [UnitRoster(u, tuple(by_unit.get(u.id, ()))) for u in units]

    def units_of(self, person_id: Id) -> list[PersonUnit]:
        """Every unit a person has been related to, current ones first."""
        today = self.clock.today()
        with self.uow() as uow:
            uow.people.get(person_id)
            occupancies = uow.occupancies.for_person(person_id)
            listings = {
                item.unit.id: item
                for item in uow.units.listing({o.unit_id for o in occupancies})
            }
        rows = [
            PersonUnit(o, listings[o.unit_id], o.is_current(today)) for o in occupancies
        ]
        return sorted(rows, key=lambda row: not row.current)

    @staticmethod
    def _occupants(uow: Any, occupancies: list[Occupancy]) -> list[Occupant]:
        people = uow.people.get_many({o.person_id for o in occupancies})
        return [Occupant(o, people[o.person_id]) for o in occupancies]
