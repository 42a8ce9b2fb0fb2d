"""Access use cases for the administrator account."""

import attrs

from propcore.access.admin import (
    AdminAccount,
    PasswordHasher,
    authenticate,
    check_new_credentials,
    check_username_free,
)
from propcore.ids import Id
from propcore.uow import UnitOfWorkFactory


@attrs.frozen
class AccessService:
    uow: UnitOfWorkFactory
    hasher: PasswordHasher

    def create_admin(self, username: str, password: str) -> AdminAccount:
        username = check_new_credentials(username, password)
        account = AdminAccount(username, self.hasher.hash(password))
        with self.uow() as uow:
            check_username_free(uow.admins, username)
            uow.admins.add(account)
            uow.commit()
        return account

    def set_password(self, username: str, password: str) -> AdminAccount:
        """Create the account, or give an existing one a new password."""
        username = check_new_credentials(username, password)
        password_hash = self.hasher.hash(password)
        with self.uow() as uow:
            account = uow.admins.by_username(username)
            if account is None:
                account = AdminAccount(username, password_hash)
                uow.admins.add(account)
            else:
                account.password_hash = password_hash
                uow.admins.update(account)
            uow.commit()
        return account

    def sign_in(self, username: str, password: str) -> AdminAccount:
        """Raise AuthenticationError for any wrong part, without saying which."""
        with self.uow() as uow:
            account = authenticate(uow.admins, self.hasher, username, password)
            uow.commit()
        return account

    def admin(self, account_id: Id) -> AdminAccount:
        with self.uow() as uow:
            return uow.admins.get(account_id)

    def has_admin(self) -> bool:
        with self.uow() as uow:
            return uow.admins.count() > 0
