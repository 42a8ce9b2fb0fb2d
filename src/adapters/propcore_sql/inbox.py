"""The SQL inbox and message preferences."""

from datetime import time

from sqlalchemy import Connection, Row, delete, func, insert, select, update

from propcore.errors import NotFoundError
from propcore.ids import Id
from propcore.messaging.inbox import InboxItem
from propcore.messaging.preferences import Preferences, QuietHours
from propcore_sql.errors import require_row, translated
from propcore_sql.outbox import INSERTS
from propcore_sql.tables import inbox_items as items
from propcore_sql.tables import message_preferences as chosen


class SqlInbox:
    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def add(self, item: InboxItem) -> bool:
        values = {
            "id": item.id,
            "account_id": item.account_id,
            "key": item.key,
            "kind": item.kind,
            "subject": item.subject[:200],
            "body": item.body,
            "created_at": item.created_at,
            "read_at": item.read_at,
        }
        insert_ = INSERTS[self._db.dialect.name](items).values(values)
        with translated():
            kept = self._db.execute(
                insert_.on_conflict_do_nothing().returning(items.c.id)
            ).first()
        return kept is not None

    def for_account(self, account_id: Id, limit: int) -> list[InboxItem]:
        query = (
            select(items)
            .where(items.c.account_id == account_id)
            .order_by(items.c.created_at.desc(), items.c.id.desc())
            .limit(limit)
        )
        return [_item(row) for row in self._db.execute(query)]

    def unread_count(self, account_id: Id) -> int:
        query = select(func.count()).where(
            items.c.account_id == account_id, items.c.read_at.is_(None)
        )
        return self._db.execute(query).scalar_one()

    def get(self, item_id: Id) -> InboxItem:
        row = self._db.execute(select(items).where(items.c.id == item_id)).first()
        if row is None:
            raise NotFoundError("inbox item", item_id)
        return _item(row)

    def update(self, item: InboxItem) -> None:
        with translated():
            result = self._db.execute(
                update(items).where(items.c.id == item.id).values(read_at=item.read_at)
            )
        require_row(result, "inbox item", item.id)


def _item(row: Row) -> InboxItem:
    return InboxItem(
        row.account_id,
        row.key,
        row.kind,
        row.subject,
        row.body,
        row.created_at,
        row.read_at,
        row.id,
    )


class SqlPreferenceRepository:
    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def get(self, account_id: Id) -> Preferences | None:
        query = select(chosen).where(chosen.c.account_id == account_id)
        row = self._db.execute(query).first()
        return None if row is None else _preferences(row)

    def save(self, preferences: Preferences) -> None:
        quiet = preferences.quiet
        values = {
            "account_id": preferences.account_id,
            "channels": {k: sorted(v) for k, v in preferences.channels.items()},
            "quiet_start": quiet and quiet.start.strftime("%H:%M"),
            "quiet_end": quiet and quiet.end.strftime("%H:%M"),
            "opted_out": sorted(preferences.opted_out),
        }
        with translated():
            self._db.execute(
                delete(chosen).where(chosen.c.account_id == preferences.account_id)
            )
            self._db.execute(insert(chosen).values(values))


def _preferences(row: Row) -> Preferences:
    quiet = None
    if row.quiet_start and row.quiet_end:
        start, end = (
            time.fromisoformat(row.quiet_start),
            time.fromisoformat(row.quiet_end),
        )
        quiet = QuietHours(start, end)
    return Preferences(
        row.account_id,
        {kind: frozenset(names) for kind, names in row.channels.items()},
        quiet,
        frozenset(row.opted_out),
    )
