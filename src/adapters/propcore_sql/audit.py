"""SQL audit log: append-only, read newest first."""

from datetime import datetime

from sqlalchemy import Connection, insert, select

from propcore.access.audit import AuditEvent, AuditEventKind
from propcore_sql.errors import translated
from propcore_sql.tables import audit_events as events


class SqlAuditLog:
    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def append(self, event: AuditEvent) -> None:
        row = {
            "id": event.id,
            "kind": event.kind.value,
            "at": event.at,
            "subject": event.subject,
            "actor_id": event.actor_id,
            "address": event.address,
            "details": dict(event.details),
        }
        with translated():
            self._db.execute(insert(events).values(row))

    def recent(self, limit: int, before: datetime | None = None) -> list[AuditEvent]:
        """At most ``limit`` events, newest first, all strictly before ``before``."""
        query = select(events).order_by(events.c.at.desc(), events.c.id.desc())
        if before is not None:
            query = query.where(events.c.at < before)
        return [_event(row) for row in self._db.execute(query.limit(limit))]


def _event(row) -> AuditEvent:
    return AuditEvent(
        kind=AuditEventKind(row.kind),
        at=row.at,
        subject=row.subject,
        actor_id=row.actor_id,
        address=row.address,
        details=dict(row.details),
        id=row.id,
    )
