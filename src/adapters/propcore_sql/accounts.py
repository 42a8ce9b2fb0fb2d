"""SQL repositories for accounts and their staff roles."""

from collections.abc import Iterable

from sqlalchemy import Connection, delete, insert, select, update

from propcore.access.accounts import Account, AccountKind, Assignment
from propcore.access.rules import StaffRole
from propcore.errors import NotFoundError
from propcore.ids import Id
from propcore_sql.errors import require_row, translated
from propcore_sql.selecting import among
from propcore_sql.tables import accounts, assignments


def username_key(username: str | None) -> str | None:
    """What makes two usernames the same: they differ only in case."""
    return None if username is None else username.casefold()


class SqlAccountRepository:
    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def add(self, account: Account) -> None:
        with translated():
            self._db.execute(insert(accounts).values(_account_row(account)))

    def update(self, account: Account) -> None:
        row = _account_row(account)
        with translated():
            result = self._db.execute(
                update(accounts).where(accounts.c.id == account.id).values(row)
            )
        require_row(result, "account", account.id)

    def get(self, account_id: Id) -> Account:
        account = self._first(accounts.c.id == account_id)
        if account is None:
            raise NotFoundError("account", account_id)
        return account

    def by_login(self, login: str) -> Account | None:
        """A username match wins over a phone match; an empty login finds none."""
        if not login:
            return None
        by_username = self._first(accounts.c.username_key == username_key(login))
        return by_username or self._first(accounts.c.phone == login)

    def for_person(self, person_id: Id) -> Account | None:
        return self._first(accounts.c.person_id == person_id)

    def for_people(self, person_ids: Iterable[Id]) -> dict[Id, Account]:
        ids = list(person_ids)
        query = select(accounts).where(among(self._db, accounts.c.person_id, ids))
        found = (_account(row) for row in self._db.execute(query)) if ids else ()
        return {account.person_id: account for account in found}

    def staff(self) -> list[Account]:
        query = (
            select(accounts)
            .where(accounts.c.kind == AccountKind.STAFF.value)
            .order_by(accounts.c.display_name, accounts.c.id)
        )
        return [_account(row) for row in self._db.execute(query)]

    def _first(self, condition) -> Account | None:
        query = select(accounts).where(condition).order_by(accounts.c.id).limit(1)
        row = self._db.execute(query).first()
        return _account(row) if row else None


class SqlAssignmentRepository:
    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def add(self, assignment: Assignment) -> None:
        row = {
            "id": assignment.id,
            "account_id": assignment.account_id,
            "role": assignment.role.value,
            "node_id": assignment.node_id,
        }
        with translated():
            self._db.execute(insert(assignments).values(row))

    def remove(self, assignment_id: Id) -> None:
        with translated():
            self._db.execute(
                delete(assignments).where(assignments.c.id == assignment_id)
            )

    def for_account(self, account_id: Id) -> list[Assignment]:
        """Ordered by role, then node."""
        query = (
            select(assignments)
            .where(assignments.c.account_id == account_id)
            .order_by(assignments.c.role, assignments.c.node_id)
        )
        return [
            Assignment(row.account_id, StaffRole(row.role), row.node_id, row.id)
            for row in self._db.execute(query)
        ]


def _account_row(account: Account) -> dict:
    return {
        "id": account.id,
        "kind": account.kind.value,
        "display_name": account.display_name,
        "username": account.username,
        "username_key": username_key(account.username),
        "phone": account.phone,
        "email": account.email,
        "person_id": account.person_id,
        "password_hash": account.password_hash,
        "totp_secret": account.totp_secret,
        "active": account.active,
        "language": account.language,
    }


def _account(row) -> Account:
    return Account(
        kind=AccountKind(row.kind),
        display_name=row.display_name,
        username=row.username,
        phone=row.phone,
        email=row.email,
        person_id=row.person_id,
        password_hash=row.password_hash,
        totp_secret=row.totp_secret,
        active=row.active,
        language=row.language,
        id=row.id,
    )
