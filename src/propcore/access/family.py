"""Households: a head (owner or tenant) adds family members and chooses
what each may see."""

from collections.abc import Mapping
from typing import Any

import attrs

from propcore.access.accounts import Account, AccountKind
from propcore.access.audit import AuditEventKind, record
from propcore.access.credentials import (
    CodePurpose,
    OneTimeCode,
    new_token,
)
from propcore.access.rules import Area
from propcore.clock import Clock
from propcore.errors import NotFoundError
from propcore.ids import Id
from propcore.inputs import parse_choice
from propcore.residents.inputs import read_person
from propcore.residents.occupancy import Occupancy, Role, check_can_join
from propcore.residents.people import Person
from propcore.uow import UnitOfWork, UnitOfWorkFactory


@attrs.frozen
class NewFamilyMember:
    """A family member added by their household head; ``activation_token`` is
    None when they got no account (no phone, or a phone already in use)."""

    person: Person
    occupancy: Occupancy
    activation_token: str | None


@attrs.frozen
class FamilyService:
    uow: UnitOfWorkFactory
    clock: Clock

    def add_family_member(
        self,
        head_occupancy_id: Id,
        raw: Mapping[str, Any],
        *,
        by_person: Id,
        by: Id | None = None,
    ) -> NewFamilyMember:
        """A household head (owner or tenant) adds a family member: the person,
        their membership and, with a phone, an account to activate; all in one
        transaction."""
        person = read_person({"name": raw.get("name"), "phone": raw.get("phone")})
        today = self.clock.today()
        with self.uow() as uow:
            head = uow.occupancies.get(head_occupancy_id)
            if head.person_id != by_person or head.role is Role.FAMILY:
                raise NotFoundError("occupancy", head_occupancy_id)
            member = Occupancy(
                head.unit_id, person.id, Role.FAMILY, today, head_id=head.id
            )
            check_can_join(member, uow.occupancies.for_units([head.unit_id]), today)
            uow.people.add(person)
            uow.occupancies.add(member)
            token = self._family_account(uow, person, by)
            record(
                uow,
                AuditEventKind.DATA_CHANGED,
                self.clock.now(),
                f"person:{person.id}",
                by,
                details={
                    "what": "occupancy_added",
                    "unit": str(head.unit_id),
                    "role": Role.FAMILY.value,
                },
            )
            uow.commit()
        return NewFamilyMember(person, member, token)

    def _family_account(self, uow: UnitOfWork, person: Person, by: Id | None):
        if not person.phone or uow.accounts.by_login(person.phone) is not None:
            return None
        account = Account(
            AccountKind.RESIDENT, person.name, phone=person.phone, person_id=person.id
        )
        token = new_token()
        uow.accounts.add(account)
        uow.codes.add(
            OneTimeCode.issue(account.id, CodePurpose.ACTIVATE, token, self.clock.now())
        )
        record(
            uow,
            AuditEventKind.ACCOUNT_CREATED,
            self.clock.now(),
            f"account:{account.id}",
            by,
            details={"kind": account.kind.value},
        )
        return token

    def set_grants(
        self, occupancy_id: Id, areas: list[str], *, by_person: Id, by: Id | None = None
    ) -> None:
        """The owner or tenant a family member belongs to chooses what they see."""
        chosen = tuple(sorted({parse_choice(Area)(a, "grants").value for a in areas}))
        with self.uow() as uow:
            member = uow.occupancies.get(occupancy_id)
            head = uow.occupancies.get(member.head_id) if member.head_id else None
            if (
                member.role is not Role.FAMILY
                or head is None
                or head.person_id != by_person
            ):
                raise NotFoundError("occupancy", occupancy_id)
            member.grants = chosen
            uow.occupancies.update(member)
            record(
                uow,
                AuditEventKind.GRANTS_CHANGED,
                self.clock.now(),
                f"person:{member.person_id}",
                by,
                details={"grants": ",".join(chosen)},
            )
            uow.commit()
