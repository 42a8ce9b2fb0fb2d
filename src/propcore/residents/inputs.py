"""Raw input → people and occupancies, shared by pages, API and imports."""

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from propcore.decimals import parse_decimal
from propcore.ids import Id, parse_id
from propcore.inputs import (
    Reader,
    parse_choice,
    parse_date,
    parse_flag,
    parse_tags,
)
from propcore.money import Money
from propcore.residents.occupancy import Lease, Occupancy, Role
from propcore.residents.people import (
    Person,
    PersonKind,
    normalise_email,
    normalise_phone,
)


def read_person(raw: Mapping[str, Any], person_id: Id | None = None) -> Person:
    read = Reader(raw)
    name = read.text("name", max_length=100)
    kind = read.value("kind", parse_choice(PersonKind), default=PersonKind.INDIVIDUAL)
    phone = read.value("phone", normalise_phone, default="")
    email = read.value("email", normalise_email, default="")
    id_number = read.text("id_number", required=False, max_length=40)
    birth_date = read.value("birth_date", parse_date, default=None)
    tags = read.value("interest_tags", parse_tags, default=())
    consent = read.value("events_consent", parse_flag, default=False)
    notes = read.text("notes", required=False, max_length=2000)
    read.done()
    extra = {"id": person_id} if person_id else {}
    return Person(
        name=name,
        kind=kind,
        phone=phone,
        email=email,
        id_number=id_number.upper(),
        birth_date=birth_date,
        interest_tags=tags,
        events_consent=bool(consent),
        notes=notes,
        **extra,
    )


def _share(value: object, field: str) -> Decimal:
    return parse_decimal(value, field, places=2)


def read_occupancy(unit_id: Id, raw: Mapping[str, Any], today: date) -> Occupancy:
    """Read an owner, family member or tenant of ``unit_id``.

    Owners give ``share`` (percent); family members ``head_id``; tenants
    ``lease_start``, ``lease_end``, ``rent`` (per month) and ``deposit``.
    """
    read = Reader(raw)
    person_id = read.value("person_id", parse_id)
    role = read.value("role", parse_choice(Role))
    start = read.value("start", parse_date, default=today)
    share = head_id = lease = None
    if role is Role.OWNER:
        share = read.value("share", _share)
    elif role is Role.FAMILY:
        head_id = read.value("head_id", parse_id)
    elif role is Role.TENANT:
        lease = _read_lease(read)
    read.done()
    occupancy = read.check(
        lambda: Occupancy(
            unit_id, person_id, role, start, share=share, head_id=head_id, lease=lease
        )
    )
    read.done()
    return occupancy


def _read_lease(read: Reader) -> Lease | None:
    start = read.value("lease_start", parse_date)
    end = read.value("lease_end", parse_date)
    rent = read.value("rent", Money.parse)
    deposit = read.value("deposit", Money.parse, default=Money.zero())
    tenant_pays = read.value("tenant_pays", parse_tags, default=())
    if None in (start, end, rent):
        return None
    return read.check(lambda: Lease(start, end, rent, deposit, tenant_pays))


def read_end(raw: Mapping[str, Any], today: date) -> date:
    read = Reader(raw)
    end = read.value("end", parse_date, default=today)
    read.done()
    return end
