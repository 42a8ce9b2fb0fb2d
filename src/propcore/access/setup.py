"""The first administrator of a deployment."""

import attrs

from propcore.access.accounts import Account, AccountKind, Assignment
from propcore.access.audit import AuditEvent, AuditEventKind
from propcore.access.passwords import PasswordHasher, check_new_password
from propcore.access.rules import StaffRole
from propcore.clock import Clock
from propcore.errors import InvalidInputError
from propcore.property.tree import NodeKind, OrgNode
from propcore.uow import UnitOfWorkFactory

DEFAULT_COMPANY = "物业服务公司"


@attrs.frozen
class SetupService:
    uow: UnitOfWorkFactory
    clock: Clock
    hasher: PasswordHasher

    def administrator(
        self, username: str, password: str, *, company_name: str = DEFAULT_COMPANY
    ) -> Account:
        """A company administrator over every company node, created with this
        password or given it anew. With no company yet, one is created."""
        username = username.strip()
        if not username:
            raise InvalidInputError.single("username", "is required")
        check_new_password(password)
        password_hash = self.hasher.hash(password)
        with self.uow() as uow:
            account = uow.accounts.by_login(username)
            if account is None:
                account = Account(AccountKind.STAFF, username, username=username)
                uow.accounts.add(account)
            account.password_hash, account.active = password_hash, True
            uow.accounts.update(account)
            companies = uow.orgs.list(NodeKind.COMPANY)
            if not companies:
                companies = [OrgNode(NodeKind.COMPANY, company_name)]
                uow.orgs.add(companies[0])
            held = {
                (a.role, a.node_id) for a in uow.assignments.for_account(account.id)
            }
            for company in companies:
                if (StaffRole.COMPANY_ADMIN, company.id) not in held:
                    uow.assignments.add(
                        Assignment(account.id, StaffRole.COMPANY_ADMIN, company.id)
                    )
            uow.audit.append(
                AuditEvent(
                    AuditEventKind.PASSWORD_SET,
                    self.clock.now(),
                    f"account:{account.id}",
                )
            )
            uow.commit()
        return account
