"""Managing accounts: staff with scoped roles, residents linked to people."""

from collections.abc import Mapping
from typing import Any

import attrs

from propcore.access.accounts import Account, AccountKind, Assignment
from propcore.access.actors import build_actor
from propcore.access.audit import AuditEvent, AuditEventKind, record
from propcore.access.credentials import (
    CodePurpose,
    OneTimeCode,
    new_token,
)
from propcore.access.policy import Actor
from propcore.access.rules import StaffRole
from propcore.clock import Clock
from propcore.errors import ConflictError, InvalidInputError, NotFoundError
from propcore.ids import Id, parse_id
from propcore.inputs import Reader, parse_choice
from propcore.residents.people import normalise_phone
from propcore.uow import UnitOfWork, UnitOfWorkFactory


@attrs.frozen
class NewAccount:
    """A created account and the one-time activation token for its link."""

    account: Account
    activation_token: str


@attrs.frozen
class StaffMember:
    account: Account
    assignments: tuple[Assignment, ...]


@attrs.frozen
class AccountService:
    uow: UnitOfWorkFactory
    clock: Clock

    def create_staff(
        self, raw: Mapping[str, Any], *, by: Id | None = None
    ) -> NewAccount:
        read = Reader(raw)
        username = read.text("username", max_length=60)
        name = read.text("display_name", max_length=100)
        phone = read.value("phone", normalise_phone, default="")
        email = read.text("email", required=False)
        read.done()
        account = Account(
            AccountKind.STAFF, name, username=username, phone=phone or None, email=email
        )
        return self._create(account, by)

    def create_resident(
        self, person_id: Id, *, username: str | None = None, by: Id | None = None
    ) -> NewAccount:
        """An account for a person, signing in with their phone number (or a
        username, for those without a phone)."""
        with self.uow() as uow:
            person = uow.people.get(person_id)
            if uow.accounts.for_person(person_id) is not None:
                raise ConflictError("person_id", "already has an account")
        account = Account(
            AccountKind.RESIDENT,
            person.name,
            username=username,
            phone=person.phone or None,
            email=person.email,
            person_id=person.id,
        )
        return self._create(account, by)

    def assign(
        self, account_id: Id, raw: Mapping[str, Any], *, by: Id | None = None
    ) -> Assignment:
        """Give a staff account a role over a company, region, estate or building."""
        read = Reader(raw)
        role = read.value("role", parse_choice(StaffRole))
        node_id = read.value("node_id", parse_id)
        read.done()
        with self.uow() as uow:
            account = uow.accounts.get(account_id)
            if account.kind is not AccountKind.STAFF:
                raise InvalidInputError.single("account_id", "is not a staff account")
            _check_node(uow, node_id)
            assignment = Assignment(account_id, role, node_id)
            uow.assignments.add(assignment)
            record(
                uow,
                AuditEventKind.ROLE_GRANTED,
                self.clock.now(),
                f"account:{account_id}",
                by,
                details={"role": role.value, "node": str(node_id)},
            )
            uow.commit()
        return assignment

    def unassign(
        self, account_id: Id, assignment_id: Id, *, by: Id | None = None
    ) -> None:
        with self.uow() as uow:
            mine = {a.id: a for a in uow.assignments.for_account(account_id)}
            if assignment_id not in mine:
                raise NotFoundError("assignment", assignment_id)
            uow.assignments.remove(assignment_id)
            record(
                uow,
                AuditEventKind.ROLE_REVOKED,
                self.clock.now(),
                f"account:{account_id}",
                by,
                details={"role": mine[assignment_id].role.value},
            )
            uow.commit()

    def deactivate(self, account_id: Id, *, by: Id | None = None) -> None:
        """Stop an account from signing in; its sessions and tokens end now."""
        with self.uow() as uow:
            account = uow.accounts.get(account_id)
            account.active = False
            uow.accounts.update(account)
            uow.sessions.remove_for_account(account_id)
            for token in uow.api_tokens.for_account(account_id):
                if token.active:
                    token.revoked_at = self.clock.now()
                    uow.api_tokens.update(token)
            record(
                uow,
                AuditEventKind.ACCOUNT_DEACTIVATED,
                self.clock.now(),
                f"account:{account_id}",
                by,
                details={},
            )
            uow.commit()

    def account(self, account_id: Id) -> Account:
        with self.uow() as uow:
            return uow.accounts.get(account_id)

    def actor(self, account_id: Id) -> Actor:
        with self.uow() as uow:
            account = uow.accounts.get(account_id)
            return build_actor(uow, account, self.clock.today())

    def staff(self) -> list[StaffMember]:
        with self.uow() as uow:
            return [
                StaffMember(a, tuple(uow.assignments.for_account(a.id)))
                for a in uow.accounts.staff()
            ]

    def audit_log(self, limit: int = 100, before=None) -> list[AuditEvent]:
        with self.uow() as uow:
            return uow.audit.recent(limit, before)

    def _create(self, account: Account, by: Id | None) -> NewAccount:
        token = new_token()
        now = self.clock.now()
        code = OneTimeCode.issue(account.id, CodePurpose.ACTIVATE, token, now)
        with self.uow() as uow:
            uow.accounts.add(account)
            uow.codes.add(code)
            record(
                uow,
                AuditEventKind.ACCOUNT_CREATED,
                self.clock.now(),
                f"account:{account.id}",
                by,
                details={"kind": account.kind.value},
            )
            uow.commit()
        return NewAccount(account, token)


def _check_node(uow: UnitOfWork, node_id: Id) -> None:
    try:
        uow.orgs.get(node_id)
    except NotFoundError:
        uow.buildings.get(node_id)
