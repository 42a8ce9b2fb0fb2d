"""What the access use cases need from storage and from the outside."""

from collections.abc import Iterable
from datetime import datetime
from typing import Protocol

from propcore.access.accounts import Account, Assignment
from propcore.access.audit import AuditEvent
from propcore.access.credentials import ApiToken, CodePurpose, OneTimeCode, Session
from propcore.ids import Id


class AccountRepository(Protocol):
    def add(self, account: Account) -> None:
        """Raise ConflictError on ``username`` or ``phone`` when taken."""

    def update(self, account: Account) -> None: ...
    def get(self, account_id: Id) -> Account: ...
    def by_login(self, login: str) -> Account | None:
        """The account whose username (case-insensitive) or phone is ``login``."""

    def for_person(self, person_id: Id) -> Account | None: ...
    def for_people(self, person_ids: Iterable[Id]) -> dict[Id, Account]:
        """The accounts of these people, by person id (people without one left out)."""

    def staff(self) -> list[Account]:
        """Staff accounts ordered by display name."""


class AssignmentRepository(Protocol):
    def add(self, assignment: Assignment) -> None: ...
    def remove(self, assignment_id: Id) -> None: ...
    def for_account(self, account_id: Id) -> list[Assignment]: ...


class SessionRepository(Protocol):
    def add(self, session: Session) -> None: ...
    def by_digest(self, digest: str) -> Session | None: ...
    def touch(self, session_id: Id, at: datetime) -> None: ...
    def remove(self, session_id: Id) -> None: ...
    def remove_for_account(self, account_id: Id) -> None: ...
    def remove_expired(self, seen_before: datetime, created_before: datetime) -> int:
        """Remove sessions last seen before ``seen_before`` or created before
        ``created_before``; return how many."""


class ApiTokenRepository(Protocol):
    def add(self, token: ApiToken) -> None: ...
    def update(self, token: ApiToken) -> None: ...
    def by_digest(self, digest: str) -> ApiToken | None: ...
    def for_account(self, account_id: Id) -> list[ApiToken]:
        """Newest first."""


class OneTimeCodeRepository(Protocol):
    def add(self, code: OneTimeCode) -> None: ...
    def update(self, code: OneTimeCode) -> None: ...
    def find(self, purpose: CodePurpose, digest: str) -> OneTimeCode | None: ...
    def latest(self, account_id: Id, purpose: CodePurpose) -> OneTimeCode | None: ...
    def remove_expired(self, before: datetime) -> int:
        """Remove codes expiring before ``before``, used or not; return how many."""


class ThrottleRepository(Protocol):
    def record(self, key: str, at: datetime) -> None: ...
    def failures(self, key: str, since: datetime) -> list[datetime]: ...
    def clear(self, key: str) -> None: ...
    def forget_before(self, before: datetime) -> int:
        """Remove failures, of every key, from before ``before``; return how many."""


class AuditLog(Protocol):
    def append(self, event: AuditEvent) -> None: ...
    def recent(self, limit: int, before: datetime | None = None) -> list[AuditEvent]:
        """Newest first."""
