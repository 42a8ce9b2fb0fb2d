"""The SQL event repository: events, their seat counters and sign-ups.

A seat is taken with ``UPDATE … SET taken = taken + 1 WHERE taken <
capacity``: on PostgreSQL the row lock makes a second transaction wait and
then see the first one's count, so two people never get the last seat; on
SQLite writers take turns anyway.
"""

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Connection, and_, delete, insert, select, update

from propcore.errors import NotFoundError
from propcore.events.model import AgeBand, Event, Signup
from propcore.ids import Id
from propcore_sql.community_tables import event_signups as signups
from propcore_sql.community_tables import events
from propcore_sql.errors import translated


class SqlEventRepository:
    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def add(self, event: Event) -> None:
        with translated():
            self._db.execute(insert(events).values(_row(event)))

    def get(self, event_id: Id) -> Event:
        row = self._db.execute(select(events).where(events.c.id == event_id)).first()
        if row is None:
            raise NotFoundError("event", event_id)
        return _event(row)

    def for_estates(self, estate_ids: Iterable[Id] | None) -> list[Event]:
        query = select(events).order_by(events.c.starts_at, events.c.id)
        if estate_ids is not None:
            query = query.where(events.c.estate_id.in_(list(estate_ids)))
        return [_event(row) for row in self._db.execute(query)]

    def starting_between(self, after: datetime, until: datetime) -> list[Event]:
        query = (
            select(events)
            .where(events.c.starts_at > after, events.c.starts_at <= until)
            .order_by(events.c.starts_at, events.c.id)
        )
        return [_event(row) for row in self._db.execute(query)]

    def take_seat(self, event_id: Id) -> bool:
        query = (
            update(events)
            .where(events.c.id == event_id, events.c.taken < events.c.capacity)
            .values(taken=events.c.taken + 1)
        )
        with translated():
            return self._db.execute(query).rowcount == 1

    def free_seat(self, event_id: Id) -> None:
        query = (
            update(events)
            .where(events.c.id == event_id, events.c.taken > 0)
            .values(taken=events.c.taken - 1)
        )
        with translated():
            self._db.execute(query)

    def add_signup(self, signup: Signup) -> None:
        row = {
            "event_id": signup.event_id,
            "account_id": signup.account_id,
            "person_id": signup.person_id,
            "signed_at": signup.signed_at,
        }
        with translated():
            self._db.execute(insert(signups).values(row))

    def remove_signup(self, event_id: Id, account_id: Id) -> bool:
        mine = and_(signups.c.event_id == event_id, signups.c.account_id == account_id)
        with translated():
            return self._db.execute(delete(signups).where(mine)).rowcount == 1

    def signups(self, event_id: Id) -> list[Signup]:
        query = (
            select(signups)
            .where(signups.c.event_id == event_id)
            .order_by(signups.c.signed_at, signups.c.account_id)
        )
        return [
            Signup(r.event_id, r.account_id, r.person_id, r.signed_at)
            for r in self._db.execute(query)
        ]

    def signed_up(self, account_id: Id) -> set[Id]:
        query = select(signups.c.event_id).where(signups.c.account_id == account_id)
        return set(self._db.scalars(query))


def _row(event: Event) -> dict:
    return {
        "id": event.id,
        "estate_id": event.estate_id,
        "title": event.title,
        "description": event.description,
        "place": event.place,
        "starts_at": event.starts_at,
        "capacity": event.capacity,
        "taken": event.taken,
        "youngest": event.ages.youngest,
        "oldest": event.ages.oldest,
        "tags": sorted(event.tags),
        "created_at": event.created_at,
        "created_by": event.created_by,
    }


def _event(row) -> Event:
    return Event(
        estate_id=row.estate_id,
        title=row.title,
        description=row.description,
        place=row.place,
        starts_at=row.starts_at,
        capacity=row.capacity,
        created_at=row.created_at,
        ages=AgeBand(row.youngest, row.oldest),
        tags=frozenset(row.tags),
        created_by=row.created_by,
        taken=row.taken,
        id=row.id,
    )
