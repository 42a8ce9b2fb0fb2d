"""The SQL notice repository: notices, and whom each reached."""

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Connection, and_, func, insert, select, update

from propcore.errors import NotFoundError
from propcore.ids import Id
from propcore.notices.model import (
    Audience,
    Channel,
    Notice,
    NoticeStatus,
    ReadCount,
    Receipt,
    Urgency,
)
from propcore.residents.occupancy import Role
from propcore_sql.community_tables import notice_recipients as reached
from propcore_sql.community_tables import notices
from propcore_sql.errors import require_row, translated


class SqlNoticeRepository:
    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def add(self, notice: Notice) -> None:
        with translated():
            self._db.execute(insert(notices).values(_row(notice)))

    def update(self, notice: Notice) -> None:
        query = update(notices).where(notices.c.id == notice.id).values(_row(notice))
        with translated():
            require_row(self._db.execute(query), "notice", notice.id)

    def get(self, notice_id: Id) -> Notice:
        row = self._db.execute(select(notices).where(notices.c.id == notice_id)).first()
        if row is None:
            raise NotFoundError("notice", notice_id)
        return _notice(row)

    def for_estates(self, estate_ids: Iterable[Id] | None) -> list[Notice]:
        query = select(notices).order_by(notices.c.created_at.desc(), notices.c.id)
        if estate_ids is not None:
            query = query.where(notices.c.estate_id.in_(list(estate_ids)))
        return [_notice(row) for row in self._db.execute(query)]

    def due(self, at: datetime) -> list[Notice]:
        query = select(notices).where(
            notices.c.status == NoticeStatus.SCHEDULED.value,
            notices.c.publish_at <= at,
        )
        return [_notice(row) for row in self._db.execute(query)]

    def add_recipients(self, notice_id: Id, account_ids: Iterable[Id]) -> None:
        rows = [{"notice_id": notice_id, "account_id": a} for a in account_ids]
        if rows:
            with translated():
                self._db.execute(insert(reached), rows)

    def received(self, account_id: Id) -> list[Receipt]:
        query = (
            select(notices, reached.c.read_at)
            .join(reached, reached.c.notice_id == notices.c.id)
            .where(
                reached.c.account_id == account_id,
                notices.c.status == NoticeStatus.PUBLISHED.value,
            )
            .order_by(notices.c.published_at.desc(), notices.c.id)
        )
        return [Receipt(_notice(row), row.read_at) for row in self._db.execute(query)]

    def mark_read(self, notice_id: Id, account_id: Id, at: datetime) -> bool:
        mine = and_(
            reached.c.notice_id == notice_id, reached.c.account_id == account_id
        )
        found = self._db.execute(select(reached.c.read_at).where(mine)).first()
        if found is None:
            return False
        if found.read_at is None:
            query = update(reached).where(mine, reached.c.read_at.is_(None))
            self._db.execute(query.values(read_at=at))
        return True

    def counts(self, notice_ids: Iterable[Id]) -> dict[Id, ReadCount]:
        ids = list(notice_ids)
        counts = {i: ReadCount() for i in ids}
        if not ids:
            return counts
        query = (
            select(
                reached.c.notice_id,
                func.count(),
                func.count(reached.c.read_at),
            )
            .where(reached.c.notice_id.in_(ids))
            .group_by(reached.c.notice_id)
        )
        for notice_id, total, read in self._db.execute(query):
            counts[notice_id] = ReadCount(total, read)
        return counts


def _audience_row(audience: Audience) -> dict:
    return {
        "buildings": sorted(str(i) for i in audience.building_ids),
        "entrances": sorted([str(b), e] for b, e in audience.entrances),
        "units": sorted(str(i) for i in audience.unit_ids),
        "roles": sorted(r.value for r in audience.roles),
        "tags": sorted(audience.tags),
    }


def _audience(data: dict) -> Audience:
    return Audience(
        building_ids=frozenset(Id(i) for i in data.get("buildings", ())),
        entrances=frozenset((Id(b), e) for b, e in data.get("entrances", ())),
        unit_ids=frozenset(Id(i) for i in data.get("units", ())),
        roles=frozenset(Role(r) for r in data.get("roles", ())),
        tags=frozenset(data.get("tags", ())),
    )


def _row(notice: Notice) -> dict:
    return {
        "id": notice.id,
        "estate_id": notice.estate_id,
        "title": notice.title,
        "body": notice.body,
        "audience": _audience_row(notice.audience),
        "channels": [c.value for c in notice.channels],
        "urgency": notice.urgency.value,
        "status": notice.status.value,
        "publish_at": notice.publish_at,
        "expires_at": notice.expires_at,
        "published_at": notice.published_at,
        "created_at": notice.created_at,
        "created_by": notice.created_by,
    }


def _notice(row) -> Notice:
    return Notice(
        estate_id=row.estate_id,
        title=row.title,
        body=row.body,
        created_at=row.created_at,
        audience=_audience(row.audience),
        channels=tuple(Channel(c) for c in row.channels),
        urgency=Urgency(row.urgency),
        publish_at=row.publish_at,
        expires_at=row.expires_at,
        created_by=row.created_by,
        status=NoticeStatus(row.status),
        published_at=row.published_at,
        id=row.id,
    )
