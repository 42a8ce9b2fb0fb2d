"""The SQL outbox: one row per message key, queued in the caller's transaction."""

from datetime import datetime

from sqlalchemy import Connection
from sqlalchemy.dialects import postgresql, sqlite

from propcore.messaging import Message
from propcore_sql.errors import translated
from propcore_sql.tables import outbox_messages as outbox

PENDING = "pending"
_INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


class SqlOutbox:
    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def add(self, message: Message, queued_at: datetime) -> bool:
        if not message.key:
            raise ValueError("an outbox message needs a key")
        insert = _INSERTS[self._db.dialect.name](outbox).values(
            key=message.key,
            account_id=message.account_id,
            kind=message.kind,
            template=message.template,
            params=dict(message.params),
            phone=message.phone,
            email=message.email,
            language=message.language,
            urgent=message.urgent,
            queued_at=queued_at,
            status=PENDING,
            attempts=0,
            next_attempt_at=queued_at,
            sent_at=None,
            last_error="",
        )
        with translated():
            queued = self._db.execute(
                insert.on_conflict_do_nothing().returning(outbox.c.id)
            ).first()
        return queued is not None
