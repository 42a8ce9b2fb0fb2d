"""The administrator account that guards a deployment until staff accounts exist."""

from typing import Protocol

import attrs

from propcore.access.passwords import PasswordHasher, check_new_password
from propcore.errors import AuthenticationError, ConflictError, InvalidInputError
from propcore.ids import Id, new_id


@attrs.define
class AdminAccount:
    username: str
    password_hash: str = attrs.field(repr=False)
    id: Id = attrs.field(factory=new_id)


class AdminRepository(Protocol):
    def add(self, account: AdminAccount) -> None: ...
    def update(self, account: AdminAccount) -> None: ...
    def by_username(self, username: str) -> AdminAccount | None: ...
    def get(self, account_id: Id) -> AdminAccount: ...
    def count(self) -> int: ...


def check_new_credentials(username: str, password: str) -> str:
    username = username.strip()
    if not username:
        raise InvalidInputError.single("username", "is required")
    check_new_password(password)
    return username


def check_username_free(repo: AdminRepository, username: str) -> None:
    if repo.by_username(username) is not None:
        raise ConflictError("username", "is taken")


def authenticate(
    repo: AdminRepository, hasher: PasswordHasher, username: str, password: str
) -> AdminAccount:
    """Check the credentials; re-hash the password when parameters were raised."""
    account = repo.by_username(username.strip())
    if account is None:
        hasher.hash(password)  # spend the same time as a real check
        raise AuthenticationError("wrong username or password")
    if not hasher.verify(account.password_hash, password):
        raise AuthenticationError("wrong username or password")
    if hasher.needs_rehash(account.password_hash):
        account.password_hash = hasher.hash(password)
        repo.update(account)
    return account
