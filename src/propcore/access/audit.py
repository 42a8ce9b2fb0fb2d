"""The audit log: an append-only record of security-relevant events."""

import enum
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING

import attrs

from propcore.ids import Id, new_id

if TYPE_CHECKING:
    from propcore.uow import UnitOfWork


class AuditEventKind(enum.StrEnum):
    SIGNED_IN = "signed_in"
    SIGN_IN_FAILED = "sign_in_failed"
    LOCKED_OUT = "locked_out"
    SIGNED_OUT = "signed_out"
    CODE_SENT = "code_sent"
    PASSWORD_SET = "password_set"
    TOTP_ENABLED = "totp_enabled"
    TOKEN_CREATED = "token_created"
    TOKEN_REVOKED = "token_revoked"
    ACCOUNT_CREATED = "account_created"
    ACCOUNT_DEACTIVATED = "account_deactivated"
    ROLE_GRANTED = "role_granted"
    ROLE_REVOKED = "role_revoked"
    GRANTS_CHANGED = "grants_changed"
    DATA_CHANGED = "data_changed"


@attrs.frozen
class AuditEvent:
    """What happened, to what, by whom, when and from where. ``subject`` names
    the thing by kind and id (``account:…``); no personal data goes in."""

    kind: AuditEventKind
    at: datetime
    subject: str
    actor_id: Id | None = None
    address: str = ""
    details: Mapping[str, str] = attrs.field(factory=dict)
    id: Id = attrs.field(factory=new_id)


def record(
    uow: "UnitOfWork",
    kind: AuditEventKind,
    at: datetime,
    subject: str,
    by: Id | None = None,
    details: Mapping[str, str] | None = None,
) -> None:
    """Append one event to the unit of work's audit log."""
    uow.audit.append(AuditEvent(kind, at, subject, by, details=dict(details or {})))
