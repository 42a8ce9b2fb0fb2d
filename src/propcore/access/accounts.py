"""Accounts: staff with roles scoped to the tree, residents linked to a person."""

import enum

import attrs

from propcore.access.rules import StaffRole
from propcore.ids import Id, new_id


class AccountKind(enum.StrEnum):
    STAFF = "staff"
    RESIDENT = "resident"


@attrs.define
class Account:
    """Someone who signs in. A staff account has a username; a resident's is
    linked to a person and signs in with a phone number or username.
    ``password_hash`` is empty until the account is activated."""

    kind: AccountKind
    display_name: str
    username: str | None = None
    phone: str | None = None
    email: str = ""
    person_id: Id | None = None
    password_hash: str | None = attrs.field(default=None, repr=False)
    totp_secret: str | None = attrs.field(default=None, repr=False)
    active: bool = True
    language: str = "zh_CN"
    id: Id = attrs.field(factory=new_id)

    @property
    def activated(self) -> bool:
        return self.password_hash is not None


@attrs.frozen
class Assignment:
    """A staff role over one node of the tree: the company, a region, an
    estate or a building, and everything beneath it."""

    account_id: Id
    role: StaffRole
    node_id: Id
    id: Id = attrs.field(factory=new_id)
