"""SQL repositories for people and occupancies."""

from collections.abc import Iterable

from sqlalchemy import Connection, exists, insert, or_, select, update

from propcore.errors import NotFoundError
from propcore.ids import Id
from propcore.money import Money
from propcore.property.ports import Within
from propcore.residents.occupancy import Lease, Occupancy, Role
from propcore.residents.people import Person, PersonKind
from propcore_sql.errors import translated
from propcore_sql.property import in_part
from propcore_sql.selecting import among
from propcore_sql.tables import buildings, occupancies, people, units


class SqlPersonRepository:
    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def add(self, person: Person) -> None:
        with translated():
            self._db.execute(insert(people).values(_person_row(person)))

    def update(self, person: Person) -> None:
        row = _person_row(person)
        with translated():
            self._db.execute(update(people).where(people.c.id == person.id).values(row))

    def get(self, person_id: Id) -> Person:
        row = self._db.execute(select(people).where(people.c.id == person_id)).first()
        if row is None:
            raise NotFoundError("person", person_id)
        return _person(row)

    def get_many(self, person_ids: Iterable[Id]) -> dict[Id, Person]:
        ids = list(person_ids)
        if not ids:
            return {}
        rows = self._db.execute(select(people).where(people.c.id.in_(ids)))
        return {row.id: _person(row) for row in rows}

    def by_phone(self, phone: str) -> Person | None:
        if not phone:
            return None
        query = select(people).where(people.c.phone == phone).order_by(people.c.name)
        row = self._db.execute(query.limit(1)).first()
        return _person(row) if row else None

    def search(
        self, fragment: str, limit: int, within: Within | None = None
    ) -> list[Person]:
        matches = or_(
            people.c.name.icontains(fragment, autoescape=True),
            people.c.phone.contains(fragment, autoescape=True),
        )
        query = select(people).where(matches)
        if within is not None:
            query = query.where(or_(_lived_in(within), ~_placed()))
        query = query.order_by(people.c.name).limit(limit)
        return [_person(row) for row in self._db.execute(query)]


class SqlOccupancyRepository:
    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def add(self, occupancy: Occupancy) -> None:
        with translated():
            self._db.execute(insert(occupancies).values(_occupancy_row(occupancy)))

    def update(self, occupancy: Occupancy) -> None:
        row = _occupancy_row(occupancy)
        where = occupancies.c.id == occupancy.id
        with translated():
            self._db.execute(update(occupancies).where(where).values(row))

    def get(self, occupancy_id: Id) -> Occupancy:
        query = select(*_OCCUPANCY_COLUMNS).where(occupancies.c.id == occupancy_id)
        row = self._db.execute(query).first()
        if row is None:
            raise NotFoundError("occupancy", occupancy_id)
        return _occupancy(*row)

    def for_units(self, unit_ids: Iterable[Id]) -> list[Occupancy]:
        ids = list(unit_ids)
        if not ids:
            return []
        return self._where(among(self._db, occupancies.c.unit_id, ids))

    def for_person(self, person_id: Id) -> list[Occupancy]:
        return self._where(occupancies.c.person_id == person_id)

    def _where(self, condition) -> list[Occupancy]:
        query = (
            select(*_OCCUPANCY_COLUMNS)
            .where(condition)
            .order_by(occupancies.c.start, occupancies.c.role, occupancies.c.id)
        )
        return [_occupancy(*row) for row in self._db.execute(query)]


def _placed():
    return exists().where(occupancies.c.person_id == people.c.id)


def _lived_in(within: Within):
    joined = occupancies.join(units).join(buildings)
    return (
        exists()
        .select_from(joined)
        .where(occupancies.c.person_id == people.c.id, in_part(within))
    )


def _person_row(person: Person) -> dict:
    return {
        "id": person.id,
        "name": person.name,
        "kind": person.kind.value,
        "phone": person.phone,
        "email": person.email,
        "id_number": person.id_number,
        "birth_date": person.birth_date,
        "interest_tags": list(person.interest_tags),
        "events_consent": person.events_consent,
        "notes": person.notes,
    }


def _person(row) -> Person:
    return Person(
        name=row.name,
        kind=PersonKind(row.kind),
        phone=row.phone,
        email=row.email,
        id_number=row.id_number,
        birth_date=row.birth_date,
        interest_tags=tuple(row.interest_tags or ()),
        events_consent=row.events_consent,
        notes=row.notes,
        id=row.id,
    )


def _occupancy_row(occupancy: Occupancy) -> dict:
    lease = occupancy.lease
    return {
        "id": occupancy.id,
        "unit_id": occupancy.unit_id,
        "person_id": occupancy.person_id,
        "role": occupancy.role.value,
        "start": occupancy.start,
        "end": occupancy.end,
        "share": occupancy.share,
        "head_id": occupancy.head_id,
        "lease_start": lease.start if lease else None,
        "lease_end": lease.end if lease else None,
        "rent": lease.rent.amount if lease else None,
        "deposit": lease.deposit.amount if lease else None,
        "currency": lease.rent.currency if lease else None,
        "tenant_pays": list(lease.tenant_pays) if lease else None,
        "grants": list(occupancy.grants),
    }


_OCCUPANCY_COLUMNS = tuple(
    occupancies.c[name]
    for name in (
        "unit_id", "person_id", "role", "start", "end", "share", "head_id",
        "grants", "id", "lease_start", "lease_end", "rent", "deposit", "currency",
        "tenant_pays",
    )
)  # fmt: skip


def _occupancy(
    unit_id, person_id, role, start, end, share, head_id, grants, occupancy_id,
    *lease_columns,
) -> Occupancy:  # fmt: skip
    """An occupancy from the columns of ``_OCCUPANCY_COLUMNS``, in order."""
    lease_start, lease_end, rent, deposit, currency, tenant_pays = lease_columns
    lease = None
    if lease_start is not None:
        lease = Lease(
            lease_start,
            lease_end,
            Money(rent, currency),
            Money(deposit, currency),
            tuple(tenant_pays or ()),
        )
    return Occupancy(
        unit_id=unit_id,
        person_id=person_id,
        role=Role(role),
        start=start,
        end=end,
        share=share,
        head_id=head_id,
        lease=lease,
        grants=tuple(grants),
        id=occupancy_id,
    )
