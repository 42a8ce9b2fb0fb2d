"""SQL repository for the administrator account."""

from sqlalchemy import Connection, func, insert, select, update

from propcore.access.admin import AdminAccount
from propcore.errors import NotFoundError
from propcore.ids import Id
from propcore_sql.errors import translated
from propcore_sql.tables import admin_accounts as admins


class SqlAdminRepository:
    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def add(self, account: AdminAccount) -> None:
        with translated():
            self._db.execute(
                insert(admins).values(
                    id=account.id,
                    username=account.username,
                    password_hash=account.password_hash,
                )
            )

    def update(self, account: AdminAccount) -> None:
        values = {"username": account.username, "password_hash": account.password_hash}
        with translated():
            self._db.execute(
                update(admins).where(admins.c.id == account.id).values(values)
            )

    def get(self, account_id: Id) -> AdminAccount:
        row = self._db.execute(select(admins).where(admins.c.id == account_id)).first()
        if row is None:
            raise NotFoundError("admin account", account_id)
        return AdminAccount(row.username, row.password_hash, row.id)

    def by_username(self, username: str) -> AdminAccount | None:
        query = select(admins).where(admins.c.username == username)
        row = self._db.execute(query).first()
        return AdminAccount(row.username, row.password_hash, row.id) if row else None

    def count(self) -> int:
        return self._db.execute(select(func.count()).select_from(admins)).scalar_one()
