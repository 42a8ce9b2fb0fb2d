"""The SQL outbox: one row per message key, queued in the caller's
transaction, claimed by one relay at a time.

The claim is one statement, ``UPDATE … WHERE id IN (SELECT … LIMIT n)
RETURNING``. On PostgreSQL the inner select takes ``FOR UPDATE SKIP
LOCKED``, so two relays claiming at once take disjoint rows without
waiting; SQLite lets one writer in at a time, and the update, being the
transaction's first statement, reads the rows only once it holds the lock.
"""

from datetime import datetime

from sqlalchemy import Connection, Row, select, update
from sqlalchemy.dialects import postgresql, sqlite

from propcore.errors import NotFoundError
from propcore.messaging import Message
from propcore.messaging.outbox import OutboxEntry, Status
from propcore_sql.errors import require_row, translated
from propcore_sql.tables import outbox_messages as outbox

PENDING = Status.PENDING.value
INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


class SqlOutbox:
    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def add(self, message: Message, queued_at: datetime) -> bool:
        if not message.key:
            raise ValueError("an outbox message needs a key")
        insert = INSERTS[self._db.dialect.name](outbox).values(
            **_message_values(message),
            queued_at=queued_at,
            status=PENDING,
            attempts=0,
            next_attempt_at=queued_at,
            sent_at=None,
            last_error="",
            channels_done="",
        )
        with translated():
            queued = self._db.execute(
                insert.on_conflict_do_nothing().returning(outbox.c.id)
            ).first()
        return queued is not None

    def claim(
        self, now: datetime, lease_until: datetime, limit: int
    ) -> list[OutboxEntry]:
        due = (
            select(outbox.c.id)
            .where(outbox.c.status == PENDING, outbox.c.next_attempt_at <= now)
            .order_by(outbox.c.next_attempt_at, outbox.c.id)
            .limit(limit)
        )
        if self._db.dialect.name == "postgresql":
            due = due.with_for_update(skip_locked=True)
        claim = (
            update(outbox)
            .where(outbox.c.id.in_(due.scalar_subquery()))
            .values(next_attempt_at=lease_until)
            .returning(*outbox.c)
        )
        with translated():
            rows = self._db.execute(claim).all()
        return [_entry(row) for row in sorted(rows, key=lambda r: r.id)]

    def save(self, entry: OutboxEntry) -> None:
        values = {
            "status": entry.status.value,
            "attempts": entry.attempts,
            "next_attempt_at": entry.next_attempt_at,
            "sent_at": entry.sent_at,
            "last_error": entry.last_error,
            "channels_done": ",".join(sorted(entry.channels_done)),
        }
        with translated():
            result = self._db.execute(
                update(outbox).where(outbox.c.id == entry.id).values(values)
            )
        require_row(result, "message", entry.id)

    def get(self, entry_id: int) -> OutboxEntry:
        row = self._db.execute(select(outbox).where(outbox.c.id == entry_id)).first()
        if row is None:
            raise NotFoundError("message", entry_id)
        return _entry(row)

    def failed(self, limit: int) -> list[OutboxEntry]:
        query = (
            select(outbox)
            .where(outbox.c.status == Status.FAILED.value)
            .order_by(outbox.c.queued_at.desc(), outbox.c.id.desc())
            .limit(limit)
        )
        return [_entry(row) for row in self._db.execute(query)]


def _message_values(message: Message) -> dict:
    return {
        "key": message.key,
        "account_id": message.account_id,
        "kind": message.kind,
        "template": message.template,
        "params": dict(message.params),
        "phone": message.phone,
        "email": message.email,
        "language": message.language,
        "urgent": message.urgent,
    }


def _entry(row: Row) -> OutboxEntry:
    message = Message(
        row.account_id,
        row.template,
        dict(row.params),
        phone=row.phone,
        email=row.email,
        language=row.language,
        kind=row.kind,
        urgent=row.urgent,
        key=row.key,
    )
    return OutboxEntry(
        row.id,
        message,
        row.queued_at,
        Status(row.status),
        row.attempts,
        row.next_attempt_at,
        row.sent_at,
        row.last_error,
        frozenset(filter(None, row.channels_done.split(","))),
    )
