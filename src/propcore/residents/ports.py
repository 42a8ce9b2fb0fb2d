"""What the resident use cases need from storage."""

from collections.abc import Iterable
from typing import Protocol

from propcore.ids import Id
from propcore.property.ports import Within
from propcore.residents.occupancy import Occupancy
from propcore.residents.people import Person


class PersonRepository(Protocol):
    def add(self, person: Person) -> None: ...
    def get(self, person_id: Id) -> Person:
        """Raise NotFoundError when there is no such person."""

    def get_many(self, person_ids: Iterable[Id]) -> dict[Id, Person]: ...
    def update(self, person: Person) -> None: ...
    def by_phone(self, phone: str) -> Person | None:
        """The first person with exactly this phone number, if any."""

    def search(
        self, fragment: str, limit: int, within: Within | None = None
    ) -> list[Person]:
        """People whose name or phone contains ``fragment``, ordered by name.
        With ``within``: only people who hold or held an occupancy there, or
        none anywhere yet (unplaced), chosen before the limit."""


class OccupancyRepository(Protocol):
    def add(self, occupancy: Occupancy) -> None: ...
    def get(self, occupancy_id: Id) -> Occupancy: ...
    def update(self, occupancy: Occupancy) -> None: ...
    def for_units(self, unit_ids: Iterable[Id]) -> list[Occupancy]:
        """Every occupancy, past and present, ordered by start date."""

    def for_person(self, person_id: Id) -> list[Occupancy]: ...
