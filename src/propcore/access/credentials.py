"""Sessions, API tokens and one-time codes: secrets handed out once, kept hashed."""

import enum
import hashlib
import secrets
from datetime import datetime, timedelta

import attrs

from propcore.ids import Id, new_id


def new_token() -> str:
    """A random secret for a cookie, a bearer token or a link (256 bits)."""
    return secrets.token_urlsafe(32)


def new_code(digits: int = 6) -> str:
    """A short numeric code a person can type from an SMS."""
    return str(secrets.randbelow(10**digits)).zfill(digits)


def digest(secret: str) -> str:
    """What is stored instead of the secret: a leaked table grants nothing."""
    return hashlib.sha256(secret.encode()).hexdigest()


@attrs.frozen
class SessionTimeouts:
    idle: timedelta = timedelta(minutes=30)
    absolute: timedelta = timedelta(hours=12)


@attrs.define
class Session:
    """A signed-in browser. The cookie carries the token; we keep its digest."""

    account_id: Id
    digest: str
    created_at: datetime
    last_seen_at: datetime
    address: str = ""
    id: Id = attrs.field(factory=new_id)

    def expired(self, now: datetime, timeouts: SessionTimeouts) -> bool:
        return (
            now - self.last_seen_at > timeouts.idle
            or now - self.created_at > timeouts.absolute
        )


@attrs.define
class ApiToken:
    """A bearer token for the API, listed and revoked by its owner."""

    account_id: Id
    name: str
    digest: str
    created_at: datetime
    last_used_at: datetime | None = None
    revoked_at: datetime | None = None
    id: Id = attrs.field(factory=new_id)

    @property
    def active(self) -> bool:
        return self.revoked_at is None


class CodePurpose(enum.StrEnum):
    SIGN_IN = "sign_in"
    SECOND_FACTOR = "second_factor"
    RESET = "reset"
    ACTIVATE = "activate"


CODE_LIFETIMES = {
    CodePurpose.SIGN_IN: timedelta(minutes=10),
    CodePurpose.SECOND_FACTOR: timedelta(minutes=5),
    CodePurpose.RESET: timedelta(hours=2),
    CodePurpose.ACTIVATE: timedelta(days=7),
}


@attrs.define
class OneTimeCode:
    """A code or link for signing in, resetting a password or activating an
    account; good once, until ``expires_at``."""

    account_id: Id
    purpose: CodePurpose
    digest: str
    expires_at: datetime
    used_at: datetime | None = None
    id: Id = attrs.field(factory=new_id)

    @classmethod
    def issue(
        cls, account_id: Id, purpose: CodePurpose, secret: str, now: datetime
    ) -> "OneTimeCode":
        """The stored side of ``secret``: its digest, valid for the purpose's
        lifetime from ``now``."""
        expires = now + CODE_LIFETIMES[purpose]
        return cls(account_id, purpose, digest(secret), expires)

    def usable(self, now: datetime) -> bool:
        return self.used_at is None and now <= self.expires_at
