"""Response bodies of the JSON API and how domain objects map onto them.

Decimals are strings; an ID number is only ever shown masked.
"""

from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

import msgspec

from propcore.property.figures import OccupancyFigures
from propcore.property.ports import UnitListing
from propcore.property.status import StatusChange, StatusScheme
from propcore.property.tree import Building, OrgNode
from propcore.property.units import Unit
from propcore.residents.occupancy import Occupancy
from propcore.residents.people import Person
from propcore.residents.service import Occupant, PersonUnit, UnitRoster


def _text(number: Decimal | None) -> str | None:
    return None if number is None else str(number)


class NodeView(msgspec.Struct):
    id: UUID
    kind: str
    name: str
    parent_id: UUID | None
    address: str

    @classmethod
    def of(cls, node: OrgNode) -> "NodeView":
        return cls(node.id, node.kind.value, node.name, node.parent_id, node.address)


class BuildingView(msgspec.Struct):
    id: UUID
    estate_id: UUID
    name: str
    address: str

    @classmethod
    def of(cls, building: Building) -> "BuildingView":
        return cls(building.id, building.estate_id, building.name, building.address)


class UnitView(msgspec.Struct):
    id: UUID
    building_id: UUID
    label: str
    entrance: str
    floor: int
    room: str
    gross_area: str
    usable_area: str | None
    layout: str | None
    usage: str
    fee_coefficient: str
    attributes: dict[str, str]
    status: str
    status_label: str

    @classmethod
    def of(cls, unit: Unit, scheme: StatusScheme, language: str) -> "UnitView":
        usable = unit.usable_area and unit.usable_area.square_metres
        return cls(
            id=unit.id,
            building_id=unit.building_id,
            label=unit.label,
            entrance=unit.entrance,
            floor=unit.floor,
            room=unit.room,
            gross_area=str(unit.gross_area.square_metres),
            usable_area=_text(usable),
            layout=str(unit.layout) if unit.layout else None,
            usage=unit.usage.value,
            fee_coefficient=str(unit.fee_coefficient),
            attributes=dict(unit.attributes),
            status=unit.status,
            status_label=scheme.get(unit.status).label(language),
        )


class UnitListingView(msgspec.Struct):
    unit: UnitView
    building_name: str
    estate_id: UUID
    estate_name: str
    address: str

    @classmethod
    def of(
        cls, item: UnitListing, scheme: StatusScheme, language: str
    ) -> "UnitListingView":
        return cls(
            UnitView.of(item.unit, scheme, language),
            item.building.name,
            item.estate.id,
            item.estate.name,
            item.address,
        )


class StatusChangeView(msgspec.Struct):
    id: UUID
    unit_id: UUID
    from_status: str | None
    to_status: str
    changed_at: datetime
    changed_by: str
    reason: str

    @classmethod
    def of(cls, change: StatusChange) -> "StatusChangeView":
        return cls(
            change.id,
            change.unit_id,
            change.from_status,
            change.to_status,
            change.changed_at,
            change.changed_by,
            change.reason,
        )


class FiguresView(msgspec.Struct):
    """Unit counts; rates are percentages with one decimal place."""

    total: int
    occupied: int
    vacant: int
    vacancy_rate: str
    occupancy_rate: str
    by_status: dict[str, int]

    @classmethod
    def of(cls, figures: OccupancyFigures) -> "FiguresView":
        return cls(
            figures.total,
            figures.occupied,
            figures.vacant,
            str(figures.vacancy_rate),
            str(figures.occupancy_rate),
            dict(figures.by_status),
        )


class PersonView(msgspec.Struct):
    id: UUID
    name: str
    kind: str
    phone: str
    email: str
    id_number_masked: str
    birth_date: date | None
    interest_tags: list[str]
    events_consent: bool
    notes: str

    @classmethod
    def of(cls, person: Person) -> "PersonView":
        return cls(
            id=person.id,
            name=person.name,
            kind=person.kind.value,
            phone=person.phone,
            email=person.email,
            id_number_masked=person.masked_id_number,
            birth_date=person.birth_date,
            interest_tags=list(person.interest_tags),
            events_consent=person.events_consent,
            notes=person.notes,
        )


class LeaseView(msgspec.Struct):
    start: date
    end: date
    rent: str
    deposit: str
    currency: str
    tenant_pays: list[str]


class OccupancyView(msgspec.Struct):
    id: UUID
    unit_id: UUID
    person_id: UUID
    role: str
    start: date
    end: date | None
    share: str | None
    head_id: UUID | None
    lease: LeaseView | None

    @classmethod
    def of(cls, occupancy: Occupancy) -> "OccupancyView":
        lease = occupancy.lease
        return cls(
            id=occupancy.id,
            unit_id=occupancy.unit_id,
            person_id=occupancy.person_id,
            role=occupancy.role.value,
            start=occupancy.start,
            end=occupancy.end,
            share=_text(occupancy.share),
            head_id=occupancy.head_id,
            lease=lease
            and LeaseView(
                lease.start,
                lease.end,
                str(lease.rent.amount),
                str(lease.deposit.amount),
                lease.rent.currency,
                list(lease.tenant_pays),
            ),
        )


class OccupantView(msgspec.Struct):
    occupancy: OccupancyView
    person: PersonView

    @classmethod
    def of(cls, occupant: Occupant) -> "OccupantView":
        return cls(OccupancyView.of(occupant.occupancy), PersonView.of(occupant.person))


class RosterEntryView(msgspec.Struct):
    unit: UnitView
    occupants: list[OccupantView]

    @classmethod
    def of(
        cls, entry: UnitRoster, scheme: StatusScheme, language: str
    ) -> "RosterEntryView":
        return cls(
            UnitView.of(entry.unit, scheme, language),
            [OccupantView.of(o) for o in entry.occupants],
        )


class PersonUnitView(msgspec.Struct):
    occupancy: OccupancyView
    unit: UnitListingView
    current: bool

    @classmethod
    def of(cls, row: PersonUnit, scheme: StatusScheme, language: str):
        return cls(
            OccupancyView.of(row.occupancy),
            UnitListingView.of(row.listing, scheme, language),
            row.current,
        )
