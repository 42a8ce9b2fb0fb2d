"""Event use cases: create and invite, sign up, cancel, remind."""

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

import attrs

from propcore.access.accounts import Account
from propcore.clock import Clock
from propcore.errors import ConflictError, InvalidInputError, NotFoundError
from propcore.events.inputs import read_event
from propcore.events.model import Candidate, Event, Offer, Signup
from propcore.ids import Id
from propcore.messaging import Message
from propcore.messaging.addressing import to_account
from propcore.notices.audience import places_in
from propcore.notices.model import Place
from propcore.property.tree import NodeKind
from propcore.uow import UnitOfWork, UnitOfWorkFactory

REMINDER_LEAD = timedelta(hours=24)
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _candidate(place: Place) -> Candidate:
    return Candidate(place.birth_date, place.tags, place.consent)


@attrs.frozen
class EventService:
    """``reminder_lead``: how long before an event its reminders go out;
    ``zone``: the local time messages give the start in."""

    uow: UnitOfWorkFactory
    clock: Clock
    reminder_lead: timedelta = REMINDER_LEAD
    zone: tzinfo = SHANGHAI

    def create(
        self, estate_id: Id, raw: Mapping[str, Any], *, by: Id | None = None
    ) -> Event:
        """The event, and an invitation to every resident it admits."""
        now = self.clock.now()
        event = read_event(estate_id, raw, now, by)
        with self.uow() as uow:
            if uow.orgs.get(estate_id).kind is not NodeKind.ESTATE:
                raise InvalidInputError.single("estate_id", "is not an estate")
            uow.events.add(event)
            for account_id in self._admitted(uow, event):
                account = uow.accounts.get(account_id)
                uow.outbox.add(self._message(event, account, "event_invitation"), now)
            uow.commit()
        return event

    def sign_up(self, event_id: Id, account_id: Id) -> Signup:
        """Raise ConflictError when the event is full, has started or the
        account is signed up already; NotFoundError when the event is not
        open to the account."""
        now = self.clock.now()
        with self.uow() as uow:
            event = uow.events.get(event_id)
            place = self._place(uow, event, account_id)
            if not event.is_open(now):
                raise ConflictError("event_id", "the event has started")
            if event_id in uow.events.signed_up(account_id):
                raise ConflictError("event_id", "you are signed up already")
            if not uow.events.take_seat(event_id):
                raise ConflictError("event_id", "the event is full")
            signup = Signup(event_id, account_id, place.person_id, now)
            uow.events.add_signup(signup)
            uow.commit()
        return signup

    def cancel(self, event_id: Id, account_id: Id) -> bool:
        """Give the seat back; False when the account was not signed up."""
        with self.uow() as uow:
            uow.events.get(event_id)
            removed = uow.events.remove_signup(event_id, account_id)
            if removed:
                uow.events.free_seat(event_id)
            uow.commit()
        return removed

    def remind_due(self, now: datetime) -> int:
        """Queue a reminder to everyone signed up for an event starting
        within ``reminder_lead`` of ``now``; each once (by key), so running
        this often is safe. Return how many were queued."""
        queued = 0
        with self.uow() as uow:
            for event in uow.events.starting_between(now, now + self.reminder_lead):
                for signup in uow.events.signups(event.id):
                    account = uow.accounts.get(signup.account_id)
                    message = self._message(event, account, "event_reminder")
                    queued += uow.outbox.add(message, now)
            uow.commit()
        return queued

    def get(self, event_id: Id) -> Event:
        with self.uow() as uow:
            return uow.events.get(event_id)

    def of_estates(self, estate_ids: Iterable[Id] | None) -> list[Event]:
        with self.uow() as uow:
            return uow.events.for_estates(estate_ids)

    def signups(self, event_id: Id) -> list[tuple[Signup, str]]:
        """Who signed up, each with their name."""
        with self.uow() as uow:
            signups = uow.events.signups(event_id)
            people = uow.people.get_many({s.person_id for s in signups})
        return [(s, people[s.person_id].name) for s in signups]

    def open_to(self, account_id: Id, estate_ids: Iterable[Id]) -> list[Offer]:
        """Events not yet started in the account's estates that admit it."""
        now, today = self.clock.now(), self.clock.today()
        with self.uow() as uow:
            mine = uow.events.signed_up(account_id)
            events = [e for e in uow.events.for_estates(estate_ids) if e.is_open(now)]
            places = {e.estate_id: places_in(uow, e.estate_id, today) for e in events}
        return [
            Offer(event, event.id in mine)
            for event in events
            if _fitting(event, places[event.estate_id], account_id) is not None
        ]

    def _message(self, event: Event, account: Account, template: str) -> Message:
        params = {
            "event_id": str(event.id),
            "title": event.title,
            "place": event.place,
            "starts_at": event.starts_at.isoformat(),
            "starts": event.starts_at.astimezone(self.zone).strftime("%Y-%m-%d %H:%M"),
        }
        key = f"{template}:{event.id}:{account.id}"
        return to_account(account, template, params, kind="event", key=key)

    def _place(self, uow: UnitOfWork, event: Event, account_id: Id) -> Place:
        places = places_in(uow, event.estate_id, self.clock.today())
        place = _fitting(event, places, account_id)
        if place is None:
            raise NotFoundError("event", event.id)
        return place

    def _admitted(self, uow: UnitOfWork, event: Event) -> list[Id]:
        places = places_in(uow, event.estate_id, self.clock.today())
        admitted = (p.account_id for p in places if event.admits(_candidate(p)))
        return list(dict.fromkeys(admitted))


def _fitting(event: Event, places: list[Place], account_id: Id) -> Place | None:
    """The account's place in the estate that the event admits, if any."""
    return next(
        (
            p
            for p in places
            if p.account_id == account_id and event.admits(_candidate(p))
        ),
        None,
    )
